/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: lookups (stat family, access, readlink, xattr reads,
 * statfs, inotify, ...), passed with the host path or emulated, and the
 * st_dev/st_ino of copied-up objects mapped to their origin's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <stddef.h>
#include <unistd.h>
#include <utime.h>

#include "decode.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

static int put_statx(pid_t tid, uint64_t addr, const struct stat *st)
{
	struct statx x;

	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = st->st_blksize;
	x.stx_nlink = st->st_nlink;
	x.stx_uid = st->st_uid;
	x.stx_gid = st->st_gid;
	x.stx_mode = st->st_mode;
	x.stx_ino = st->st_ino;
	x.stx_size = st->st_size;
	x.stx_blocks = st->st_blocks;
	x.stx_atime.tv_sec = st->st_atim.tv_sec;
	x.stx_atime.tv_nsec = st->st_atim.tv_nsec;
	x.stx_mtime.tv_sec = st->st_mtim.tv_sec;
	x.stx_mtime.tv_nsec = st->st_mtim.tv_nsec;
	x.stx_ctime.tv_sec = st->st_ctim.tv_sec;
	x.stx_ctime.tv_nsec = st->st_ctim.tv_nsec;
	x.stx_rdev_major = major(st->st_rdev);
	x.stx_rdev_minor = minor(st->st_rdev);
	x.stx_dev_major = major(st->st_dev);
	x.stx_dev_minor = minor(st->st_dev);
	return mem_write(tid, addr, &x, sizeof(x));
}

/*
 * Emulate a lookup-class call on VP, walked from BASE (ov_walk_from()),
 * which has no host object; the result.
 */
static long emulate_lookup(struct sup *s, struct tracee *t, struct call *c,
			   const char *base, const char *vp, int af)
{
	struct vfs_cred cr = ov_cred_of(t);
	struct vfs *v = s->view->vfs;
	char buf[PATH_MAX];
	struct stat st;
	struct statfs sfs;
	long r;

	switch (c->id) {
	case SC_stat: case SC_lstat: case SC_newfstatat:
	case SC_stat64: case SC_lstat64: case SC_fstatat64:
		r = vfs_stat(v, &cr, base, vp, af, &st);
		return r ? r : ov_stat_put(t, c, &st);
	case SC_statx:
		r = vfs_stat(v, &cr, base, vp, af, &st);
		return r ? r : put_statx(t->tid, c->args[4], &st);
	case SC_access: case SC_faccessat: case SC_faccessat2:
		return vfs_access(v, &cr, base, vp,
				  (int)c->args[c->id == SC_access ? 1 : 2], af);
	case SC_readlink: case SC_readlinkat: {
		int bi = c->id == SC_readlink ? 1 : 2;
		size_t size = c->args[bi + 1];

		r = vfs_readlink(v, &cr, base, vp, buf, sizeof(buf));
		if (r > 0 && (size_t)r > size)
			r = size;
		if (r > 0 && mem_write(t->tid, c->args[bi], buf, r))
			r = -EFAULT;
		return r;
	}
	case SC_statfs: case SC_statfs64:
		r = vfs_statfs(v, &cr, base, vp, &sfs);
		return r ? r : ov_statfs_put(t, c, &sfs);
	case SC_getxattr: case SC_lgetxattr:
	case SC_listxattr: case SC_llistxattr: {
		bool list = c->id == SC_listxattr || c->id == SC_llistxattr;
		size_t size = c->args[list ? 2 : 3];
		char *val = malloc(size > MAX_XATTR ? MAX_XATTR : size + 1);

		if (!val)
			return -ENOMEM;
		if (size > MAX_XATTR)
			size = MAX_XATTR;
		r = list ? vfs_listxattr(v, &cr, base, vp, val, size, af) :
			   vfs_getxattr(v, &cr, base, vp, c->str[1], val,
					size, af);
		if (r > 0 && size && mem_write(t->tid, c->args[list ? 1 : 2],
					       val, r))
			r = -EFAULT;
		free(val);
		return r;
	}
	default:
		return -ENOTSUP;
	}
}

static bool is_stat(const struct call *c)
{
	return c->id == SC_stat || c->id == SC_lstat ||
	       c->id == SC_newfstatat || c->id == SC_statx ||
	       c->id == SC_stat64 || c->id == SC_lstat64 ||
	       c->id == SC_fstatat64;
}

static bool is_xattr_read(const struct call *c)
{
	return c->id == SC_getxattr || c->id == SC_lgetxattr ||
	       c->id == SC_listxattr || c->id == SC_llistxattr;
}

/*
 * Whether fd FD of T may be on a copied-up object, whose kernel stat
 * shows the upper inode where the view shows its origin's.  One stat of
 * the fd's /proc link (it lands on the fd's own object) while there are
 * origins at all; an fd that cannot be looked at is assumed to be one.
 */
bool ov_fd_has_origin(struct sup *s, struct tracee *t, int fd)
{
	struct stat st;

	if (!vfs_has_origins(s->view->vfs))
		return false;
	return procfs_fd_stat(t->tid, fd, &st) ||
	       !vfs_ino_origin(s->view->vfs, st.st_dev, st.st_ino, NULL, NULL);
}

/* stat, access, readlink, xattr reads, statfs, exec, inotify, ... */
enum ov_result h_lookup(struct sup *s, struct tracee *t,
			struct call *c, int i)
{
	struct vfs_cred cr = ov_cred_of(t);
	const char *vp = ov_path_of(c, i), *base, *wp;
	struct vfs_target tg;
	char host[PATH_MAX], bbuf[PATH_MAX];
	int af = ov_at_flags(c), err;

	if (c->str[i] && !c->str[i][0] && (af & AT_EMPTY_PATH) && c->fd >= 0) {
		/* fstat(fd): the fd is real; its numbers may need the origin */
		if (is_stat(c) && ov_fd_has_origin(s, t, c->fd)) {
			OVT(t)->statfix = true;
			return OV_EXIT;
		}
		return OV_PASS;
	}
	if (!vp)
		return ov_done(s, t, c, ov_path_err(c, i));
	if (ov_proc_path(t, vp, af & AT_SYMLINK_NOFOLLOW, host, sizeof(host))) {
		if ((c->id == SC_readlink || c->id == SC_readlinkat) &&
		    (err = ov_proc_link(s, t, vp, host, sizeof(host))) >= 0) {
			int bi = c->id == SC_readlink ? 1 : 2;
			size_t n = (size_t)err < c->args[bi + 1] ? (size_t)err :
				   c->args[bi + 1];

			if (mem_write(t->tid, c->args[bi], host, n))
				return ov_done(s, t, c, -EFAULT);
			c->out = strndup(host, n);
			return ov_done(s, t, c, n);
		}
		err = ov_rewrite(s, t, c, i, host);
		return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	base = ov_walk_from(c, i, vp, bbuf, sizeof(bbuf), &wp);
	err = vfs_resolve(s->view->vfs, &cr, base, wp,
			  af & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH),
			  VFS_PEEK, &tg);
	if (err == -ENOENT && ov_as_given(c, i, &tg))
		return ov_pass(t);		/* the kernel finds nothing either */
	if (!is_xattr_read(c) && ov_kernel_decides(s, t, c, i, err, false))
		return ov_pass(t);
	if (err)
		return ov_done(s, t, c, err);
	if (!tg.host[0] || !(tg.attrs & VFS_T_HOST_META))
		return ov_done(s, t, c, emulate_lookup(s, t, c, base, wp,
			    af & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)));
	if ((tg.attrs & VFS_T_ORIGIN) && is_xattr_read(c))
		/* the host object carries user.vfstrace.* attributes */
		return ov_done(s, t, c, emulate_lookup(s, t, c, base, wp,
			    af & AT_SYMLINK_NOFOLLOW));
	err = ov_as_given(c, i, &tg) ? 0 : ov_rewrite(s, t, c, i, tg.host);
	if (!err && (tg.attrs & (VFS_T_ORIGIN | VFS_T_MERGED)) && is_stat(c)) {
		OVT(t)->statfix = true;
		OVT(t)->merged = tg.attrs & VFS_T_MERGED;
		return OV_EXIT;
	}
	return err ? ov_done(s, t, c, err) : ov_pass(t);
}

/*
 * The view's numbers for a kernel stat of (*DEV, *INO) of mode MODE: a
 * copied-up object shows its origin's, as the kernel's overlayfs does on
 * one filesystem (git compares them across a link()); a merged directory
 * (MERGED, or a copied-up one) a link count of 1.  Whether one changed.
 */
static bool view_numbers(struct sup *s, bool merged, mode_t mode,
			 dev_t *dev, uint64_t *ino, uint64_t *nlink)
{
	dev_t odev;
	ino_t oino;
	bool origin = !vfs_ino_origin(s->view->vfs, *dev, *ino, &odev, &oino);

	if (origin) {
		*dev = odev;
		*ino = oino;
	}
	if (S_ISDIR(mode) && (merged || origin) && *nlink != 1) {
		*nlink = 1;
		return true;
	}
	return origin;
}

/* The kernel's stat result of the call on T, in the view's numbers. */
void ov_fix_stat(struct sup *s, struct tracee *t)
{
	struct call *c = t->call;
	bool merged = OVT(t)->merged;
	uint64_t buf, ino, nlink;
	dev_t dev;

	if (!c)
		return;
	if (c->id == SC_statx) {
		struct statx x;

		buf = c->args[4];
		if (mem_read(t->tid, buf, &x, sizeof(x)))
			return;
		dev = makedev(x.stx_dev_major, x.stx_dev_minor);
		ino = x.stx_ino;
		nlink = x.stx_nlink;
		if (!view_numbers(s, merged, x.stx_mode, &dev, &ino, &nlink))
			return;
		x.stx_ino = ino;
		x.stx_nlink = nlink;
		x.stx_dev_major = major(dev);
		x.stx_dev_minor = minor(dev);
		mem_write(t->tid, buf, &x, sizeof(x));
		return;
	}
	struct stat st;

	if (ov_stat_get(t, c, &st))
		return;
	dev = st.st_dev;
	ino = st.st_ino;
	nlink = st.st_nlink;
	if (!view_numbers(s, merged, st.st_mode, &dev, &ino, &nlink))
		return;
	st.st_ino = ino;
	st.st_dev = dev;
	st.st_nlink = nlink;
	ov_stat_patch(t, c, &st);
}
