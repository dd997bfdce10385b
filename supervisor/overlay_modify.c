/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: changes of the namespace and of metadata by path (mkdir,
 * unlink, rename, link, symlink, chmod, chown, utimes, truncate, xattrs),
 * done by the library and skipped with the result.
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

/*
 * The i386 ABI's utime, utimes, futimesat and utimensat: two pairs of
 * 32-bit numbers (struct utimbuf: two seconds), in microseconds for
 * utimes and futimesat, nanoseconds for utimensat.
 */
static int read_times32(struct tracee *t, struct call *c, uint64_t p,
			struct timespec ts[2])
{
	int32_t v[4] = { 0 };
	int err, i;

	err = mem_read(t->tid, p, v, c->id == SC_utime ? 8 : sizeof(v));
	if (c->id == SC_utime) {
		v[2] = v[1];
		v[1] = v[3] = 0;
	}
	for (i = 0; i < 2; i++)
		ts[i] = (struct timespec){ v[2 * i], c->id == SC_utimensat ?
			v[2 * i + 1] : (long)v[2 * i + 1] * 1000 };
	return err;
}

/* utime, utimes, futimesat, utimensat: the times, or NULL for now. */
static int read_times(struct tracee *t, struct call *c, struct timespec ts[2],
		      bool *now)
{
	uint64_t p = c->args[c->id == SC_utime || c->id == SC_utimes ? 1 : 2];
	struct timeval tv[2];
	struct utimbuf ub;
	int err = 0;

	*now = !p;
	if (!p)
		return 0;
	if (c->id == SC_utimensat_time64)
		return mem_read(t->tid, p, ts, 2 * sizeof(*ts));
	if (ov_compat(c))
		return read_times32(t, c, p, ts);
	if (c->id == SC_utimensat)
		return mem_read(t->tid, p, ts, 2 * sizeof(*ts));
	if (c->id == SC_utime) {
		err = mem_read(t->tid, p, &ub, sizeof(ub));
		ts[0] = (struct timespec){ ub.actime, 0 };
		ts[1] = (struct timespec){ ub.modtime, 0 };
		return err;
	}
	err = mem_read(t->tid, p, tv, sizeof(tv));
	ts[0] = (struct timespec){ tv[0].tv_sec, tv[0].tv_usec * 1000 };
	ts[1] = (struct timespec){ tv[1].tv_sec, tv[1].tv_usec * 1000 };
	return err;
}

long ov_do_xattr_set(struct sup *s, struct tracee *t, struct call *c,
		     const struct vfs_cred *cr, const char *base,
		     const char *vp, int vi, int af)
{
	size_t size = c->args[vi + 1];
	char *val;
	long r;

	if (size > MAX_XATTR)
		return -E2BIG;
	val = malloc(size ? size : 1);
	if (!val)
		return -ENOMEM;
	r = mem_read(t->tid, c->args[vi], val, size);
	if (!r)
		r = vfs_setxattr(s->view->vfs, cr, base, vp, c->str[vi - 1],
				 val, size, (int)c->args[vi + 2], af);
	free(val);
	return r;
}

/*
 * linkat of an open file (AT_EMPTY_PATH, or /proc/PID/fd/N and /dev/fd/N
 * of a tracee with AT_SYMLINK_FOLLOW): how an O_TMPFILE file is given a
 * name.  When the file is in the upper the kernel can link it: the new
 * name is prepared in the upper and the call goes on with the tracee's
 * own fd or magic link (the kernel checks, as without vfstrace, that
 * AT_EMPTY_PATH takes CAP_DAC_READ_SEARCH and that an unlinked file is
 * an O_TMPFILE one).  A file of a lower layer or a bind is linked in the
 * view by ov_modify() (copied up); through a magic link, any other file
 * (a memory file, a pipe) is on another file system: EXDEV, as it is
 * for the kernel.  Returns 1 when ov_modify() is to do the call.
 */
int ov_link_open_file(struct sup *s, struct tracee *t, struct call *c,
		      enum ov_result *res)
{
	struct vfs_cred cr = ov_cred_of(t);
	char host[PATH_MAX], bbuf[PATH_MAX];
	const char *base, *wp;
	struct vfs_target tg;
	struct tracee *o = t;
	int fd = -1, err;
	bool magic = false;

	if (c->id != SC_linkat || !c->str[3])
		return 1;
	if (c->str[1] && !c->str[1][0] && (c->args[4] & AT_EMPTY_PATH)) {
		fd = (int)c->args[0];
	} else if (c->args[4] & AT_SYMLINK_FOLLOW) {
		fd = ov_proc_fd(s, t, c->str[1], &o);
		magic = fd >= 0;
	}
	if (fd < 0 || procfs_fd_path(o->tid, fd, host, sizeof(host)) < 0)
		return 1;
	if (!s->view->upper || !ov_under(host, s->view->upper)) {
		if (!magic || (host[0] == '/' &&
			       view_from_host(s->view, host, bbuf,
					      sizeof(bbuf)) >= 0))
			return 1;
		*res = ov_done(s, t, c, -EXDEV);
		return 0;
	}
	base = ov_walk_from(c, 3, c->str[3], bbuf, sizeof(bbuf), &wp);
	err = vfs_open(s->view->vfs, &cr, base, wp,
		       O_CREAT | O_EXCL | O_WRONLY, 0, &tg, NULL);
	if (!err)
		err = ov_rewrite(s, t, c, 3, tg.host);
	*res = err ? ov_done(s, t, c, err) : ov_pass(t);
	return 0;
}

/*
 * The paths of a modification, each walked from its own base (see
 * ov_walk_from()): B1/P1 for the first, B2/P2 for the second (rename,
 * link).
 */
struct mpaths {
	const char *b1, *p1, *b2, *p2;
	char buf1[PATH_MAX], buf2[PATH_MAX];
};

/* Do the change C names on the paths M; the result. */
static long apply(struct sup *s, struct tracee *t, struct call *c, int i,
		  const struct mpaths *m, struct vfs_cred *cr, int af)
{
	struct vfs *v = s->view->vfs;
	struct timespec ts[2];
	bool now;
	long r;

	switch (c->id) {
	case SC_mkdir: case SC_mkdirat:
		return vfs_mkdir(v, cr, m->b1, m->p1, c->args[i + 1]);
	case SC_mknod: case SC_mknodat:
		return vfs_mknod(v, cr, m->b1, m->p1, c->args[i + 1],
				 c->args[i + 2]);
	case SC_symlink: case SC_symlinkat:
		if (!c->str[0])
			return c->err[0] ? c->err[0] : -EFAULT;
		return vfs_symlink(v, cr, c->str[0], m->b1, m->p1);
	case SC_link: case SC_linkat:
		return vfs_link(v, cr, m->b1, m->p1, m->b2, m->p2,
				c->id == SC_linkat ? (int)c->args[4] : 0);
	case SC_unlink:
		return vfs_unlink(v, cr, m->b1, m->p1, 0);
	case SC_unlinkat:
		return vfs_unlink(v, cr, m->b1, m->p1, (int)c->args[2]);
	case SC_rmdir:
		return vfs_rmdir(v, cr, m->b1, m->p1);
	case SC_rename: case SC_renameat: case SC_renameat2:
		return vfs_rename(v, cr, m->b1, m->p1, m->b2, m->p2,
				  c->id == SC_renameat2 ? c->args[4] : 0);
	case SC_chmod: case SC_fchmodat: case SC_fchmodat2:
		return vfs_chmod(v, cr, m->b1, m->p1, c->args[i + 1], af);
	case SC_chown: case SC_lchown:
		if (ov_compat(c))	/* the i386 ABI's take 16 bits */
			return vfs_chown(v, cr, m->b1, m->p1,
					 ov_compat_id16(c->args[i + 1]),
					 ov_compat_id16(c->args[i + 2]), af);
		/* fall through */
	case SC_chown32: case SC_lchown32: case SC_fchownat:
		return vfs_chown(v, cr, m->b1, m->p1, c->args[i + 1],
				 c->args[i + 2], af);
	case SC_utime: case SC_utimes: case SC_futimesat: case SC_utimensat:
	case SC_utimensat_time64:
		r = read_times(t, c, ts, &now);
		return r ? r : vfs_utimens(v, cr, m->b1, m->p1,
					   now ? NULL : ts, af);
	case SC_truncate:
		return vfs_truncate(v, cr, m->b1, m->p1, ov_compat(c) ?
				    (int32_t)c->args[1] : (off_t)c->args[1]);
	case SC_truncate64:	/* i386: the length in two halves */
		return vfs_truncate(v, cr, m->b1, m->p1,
				    (off_t)(c->args[1] | c->args[2] << 32));
	case SC_setxattr: case SC_lsetxattr:
		return ov_do_xattr_set(s, t, c, cr, m->b1, m->p1, 2, af);
	case SC_removexattr: case SC_lremovexattr:
		return vfs_removexattr(v, cr, m->b1, m->p1, c->str[1], af);
	default:
		return -ENOSYS;
	}
}

/* Calls that change the tree: done by the library, then skipped. */
long ov_modify(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	int i = ov_first_path(c), j = sysent_find_arg(c->ent, A_PATH, i + 1);
	const char *vp = ov_path_of(c, i), *vp2 = j >= 0 ? c->str[j] : NULL;
	int af = ov_at_flags(c) & ~AT_EMPTY_PATH;
	char fdview[PATH_MAX];
	struct mpaths m;

	if (!vp)
		return ov_path_err(c, i);
	if (j >= 0 && !vp2)
		return ov_path_err(c, j);
	if ((c->id == SC_link || (c->id == SC_linkat &&
				   !(c->args[4] & AT_SYMLINK_FOLLOW))) &&
	    ov_proc_path(t, vp, true, fdview, sizeof(fdview)))
		return -EXDEV;	/* the source is the /proc entry itself */
	if (ov_fd_link_view(s, t, vp, fdview, sizeof(fdview))) {
		/* chmod("/proc/self/fd/3"): the object the fd is open on */
		vp = fdview;
		af &= ~AT_SYMLINK_NOFOLLOW;
	} else if (ov_under(vp, "/proc") && c->id != SC_link &&
		   c->id != SC_linkat) {
		return -EPERM;	/* the host's /proc is not the view's to change */
	}
	m.b1 = ov_walk_from(c, i, vp, m.buf1, sizeof(m.buf1), &m.p1);
	m.b2 = ov_walk_from(c, j, vp2, m.buf2, sizeof(m.buf2), &m.p2);
	return apply(s, t, c, i, &m, &cr, af);
}
