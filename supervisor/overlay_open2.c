/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: openat2.  Its struct open_how is read and checked as the
 * kernel does (size, then build_open_flags()).  Without RESOLVE flags the
 * call is the openat it stands for (h_open()).  With flags the library
 * resolves the path with them in the view (vfs_open_resolve()), and the
 * kernel runs a plain openat of the host object found, so the fd is the
 * view's object (a lower file opened for writing is copied up first).
 * A path that reaches /proc, whose magic links are the tracee's, goes
 * to the kernel as an openat2 of the /proc path that follows no magic
 * link.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

#define HOW_SIZE0	24	/* OPEN_HOW_SIZE_VER0 */
#define HOW_MAX		4096	/* PAGE_SIZE: a larger size is -E2BIG */

/* The arguments of openat2(dirfd, path, how, size). */
enum { A2_DIRFD, A2_PATH, A2_HOW, A2_SIZE };

struct how {
	uint64_t flags, mode, resolve;
};

#define SCOPED	(VFS_RESOLVE_BENEATH | VFS_RESOLVE_IN_ROOT)

/* Bytes ADDR..ADDR+LEN of T are zero: 0, -E2BIG, or -EFAULT. */
static int tail_zero(const struct tracee *t, uint64_t addr, uint64_t len)
{
	unsigned char buf[512];
	size_t n, k;

	for (; len; len -= n, addr += n) {
		n = len < sizeof(buf) ? len : sizeof(buf);
		if (mem_read(t->tid, addr, buf, n))
			return -EFAULT;
		for (k = 0; k < n; k++)
			if (buf[k])
				return -E2BIG;
	}
	return 0;
}

/*
 * C's struct open_how into H, as openat2() reads it
 * (copy_struct_from_user(): a larger struct must end in zeros), then
 * checked: 0 or the kernel's -errno.
 */
static int read_how(const struct tracee *t, const struct call *c,
		    struct how *h)
{
	uint64_t addr = c->args[A2_HOW], size = c->args[A2_SIZE];
	int err;

	if (size < HOW_SIZE0)
		return -EINVAL;
	if (size > HOW_MAX)
		return -E2BIG;
	err = tail_zero(t, addr + HOW_SIZE0, size - HOW_SIZE0);
	if (err)
		return err;
	if (mem_read(t->tid, addr, h, sizeof(*h)))
		return -EFAULT;
	return vfs_open_how_check(h->flags, h->mode, h->resolve);
}

/*
 * Make the call the openat(dirfd, path, FLAGS, MODE) the kernel is to
 * run: number and arguments (saved first, put back at the exit stop).
 * C is that openat from here on (the restart of the rewritten call is
 * one); 0 or -errno.
 */
static int to_openat(struct sup *s, struct tracee *t, struct call *c,
		     uint64_t flags, uint64_t mode)
{
	int err;

	c->id = SC_openat;
	c->ent = &sysent_table[SC_openat];
	err = ov_change_arg(s, t, c, 2, flags);
	c->args[2] = flags;
	if (!err)
		err = ov_change_arg(s, t, c, 3, mode);
	c->args[3] = mode;
	if (!err)
		err = s->arch->set_scno(t->tid, abi_nr(c->abi, SC_openat));
	return err;
}

/* C as it was decoded, for the trace (the registers are the kernel's). */
static void back_to_openat2(struct call *c, const uint64_t args[6])
{
	c->id = SC_openat2;
	c->ent = &sysent_table[SC_openat2];
	memcpy(c->args, args, sizeof(c->args));
}

/* openat2 with no RESOLVE flag: openat (do_sys_openat2()). */
static enum ov_result as_openat(struct sup *s, struct tracee *t,
				struct call *c, const struct how *h)
{
	uint64_t args[6];
	enum ov_result res;
	int err;

	memcpy(args, c->args, sizeof(args));
	err = to_openat(s, t, c, h->flags, h->mode);
	if (!err)
		err = ov_proc_links(s, t, c);
	res = err ? ov_done(s, t, c, err) : h_open(s, t, c);
	back_to_openat2(c, args);
	return res;
}

/*
 * May the kernel walk /proc path PATH for T (ov_proc_check())?  0 or
 * -errno, logged.
 */
static int proc_ok(struct sup *s, struct tracee *t, const char *path)
{
	int err = ov_proc_check(s, t, path);

	if (err)
		log_warn("pid %d: openat2: %s: refused: %s", t->tid, path,
			 err == -EACCES ? "a process outside the tree" :
			 err == -EXDEV ? "'..' out of /proc" : strerror(-err));
	return err;
}

/*
 * The kernel's struct open_how for H, a walk in /proc that follows no
 * magic link: with NO_SYMLINKS, NO_MAGICLINKS or CACHED the kernel
 * follows none; BENEATH, IN_ROOT and NO_XDEV get NO_MAGICLINKS, whose
 * -ELOOP is their -EXDEV (nd_jump_link()) at the exit stop.  Without
 * SCOPED, which goes when the path becomes absolute.  0 or -errno.
 */
static int proc_how(struct sup *s, struct tracee *t, struct call *c,
		    const struct how *h, bool scoped)
{
	struct how k = *h;
	int err;

	if (!scoped)
		k.resolve &= ~(uint64_t)SCOPED;
	if (!(h->resolve & (VFS_RESOLVE_NO_MAGICLINKS |
			    VFS_RESOLVE_NO_SYMLINKS | VFS_RESOLVE_CACHED))) {
		k.resolve |= VFS_RESOLVE_NO_MAGICLINKS;
		OVT(t)->loop_xdev = true;
	}
	err = ov_set_arg_data(s, t, c, A2_HOW, 2, &k, sizeof(k));
	return err ? err : ov_change_arg(s, t, c, A2_SIZE, sizeof(k));
}

/*
 * The view's walk of C came to /proc path PATH (from outside /proc):
 * the kernel walks PATH (absolute), as proc_how() says.
 */
static enum ov_result proc_open(struct sup *s, struct tracee *t,
				struct call *c, const struct how *h,
				const char *path)
{
	int err;

	if (h->resolve & VFS_RESOLVE_NO_XDEV)
		return ov_done(s, t, c, -EXDEV);	/* into procfs */
	err = proc_ok(s, t, path);
	if (!err)
		err = proc_how(s, t, c, h, false);
	if (!err)
		err = ov_set_arg_data(s, t, c, A2_PATH, 0, path,
				      strlen(path) + 1);
	return err ? ov_done(s, t, c, err) : ov_pass(t);
}

/*
 * Why dirfd FD of T has no view path: -EBADF when it is not open,
 * -ENOTDIR when it is no directory, else -ENOENT.
 */
static int dirfd_err(const struct tracee *t, int fd)
{
	struct stat st;

	if (procfs_fd_stat(t->tid, fd, &st))
		return -EBADF;
	return S_ISDIR(st.st_mode) ? -ENOENT : -ENOTDIR;
}

/*
 * Where the walk of C's path starts, into *BASE (BUF, SIZE bytes, or the
 * cwd; NULL: the view's root) and *PATH: a relative path from its dirfd
 * or the cwd, an absolute one from the root, or for IN_ROOT from its
 * dirfd.  0 or -errno.
 */
static int walk_start(struct sup *s, struct tracee *t, const struct call *c,
		      const struct how *h, char *buf, size_t size,
		      const char **base, const char **path)
{
	const char *vp = c->str[A2_PATH];
	int fd = (int)c->args[A2_DIRFD];

	*base = NULL;
	*path = vp;
	if (!(c->rel & (1u << A2_PATH)) &&
	    (!(h->resolve & VFS_RESOLVE_IN_ROOT) || !vp[0]))
		return 0;
	if (fd != AT_FDCWD &&
	    view_fd_path(s->view, t->tid, fd, buf, size) < 0)
		return dirfd_err(t, fd);
	if (c->rel & (1u << A2_PATH)) {
		*base = ov_walk_from(c, A2_PATH, vp, buf, size, path);
		return *base ? 0 : -ENAMETOOLONG;
	}
	*base = fd == AT_FDCWD ? tracee_cwd(t) : buf;
	return *base ? 0 : -ENOENT;
}

/*
 * Whether T's dirfd FD (or cwd, for AT_FDCWD) is a directory of the
 * host's procfs (not one of a lower's own /proc directory).
 */
static bool start_in_proc(const struct tracee *t, int fd)
{
	struct stat st, proc;
	char path[64];

	if (stat("/proc", &proc))
		return false;
	if (fd == AT_FDCWD) {
		snprintf(path, sizeof(path), "/proc/%d/cwd", t->tid);
		if (stat(path, &st))
			return false;
	} else if (procfs_fd_stat(t->tid, fd, &st)) {
		return false;
	}
	return st.st_dev == proc.st_dev;
}

/*
 * The walk starts in /proc (a dirfd or cwd there, BASE): the kernel walks
 * the tracee's own string from there once the joined path is checked
 * (it stays in /proc), as proc_how() says.
 */
static enum ov_result from_proc(struct sup *s, struct tracee *t,
				struct call *c, const struct how *h,
				const char *base, const char *path)
{
	char joined[PATH_MAX];
	int err;

	if ((size_t)snprintf(joined, sizeof(joined), "%s/%s", base,
			     path[0] == '/' ? path + 1 : path) >=
	    sizeof(joined))
		return ov_done(s, t, c, -ENAMETOOLONG);
	err = proc_ok(s, t, joined);
	if (!err)
		err = proc_how(s, t, c, h, true);
	return err ? ov_done(s, t, c, err) : ov_pass(t);
}

/* The kernel opens TG, resolved with H in the view, by a plain openat. */
static enum ov_result open_target(struct sup *s, struct tracee *t,
				  struct call *c, const struct how *h,
				  struct vfs_target *tg, struct vfs_file **file)
{
	uint64_t args[6];
	enum ov_result res;
	int err;

	memcpy(args, c->args, sizeof(args));
	err = to_openat(s, t, c, h->flags, h->mode);
	res = err ? ov_done(s, t, c, err) :
	      ov_open_found(s, t, c, 2, (int)h->flags, tg, file, false);
	back_to_openat2(c, args);
	return res;
}

/* openat2 with RESOLVE flags H. */
static enum ov_result open_resolved(struct sup *s, struct tracee *t,
				    struct call *c, const struct how *h)
{
	struct vfs_cred cr = ov_cred_of(t);
	_cleanup_vfs_file_ struct vfs_file *file = NULL;
	const char *base, *path, *from;
	char buf[PATH_MAX];
	struct vfs_target tg;
	int err;

	err = walk_start(s, t, c, h, buf, sizeof(buf), &base, &path);
	if (err)
		return ov_done(s, t, c, err);
	if (base && ov_under(base, "/proc") &&
	    start_in_proc(t, (int)c->args[A2_DIRFD]))
		return from_proc(s, t, c, h, base, path);
	err = vfs_open_resolve(s->view->vfs, &cr, base, path, (int)h->flags,
			       (mode_t)h->mode, (unsigned int)h->resolve, &tg,
			       &file);
	if (err == -EREMOTE)
		return proc_open(s, t, c, h, vfs_remote(s->view->vfs, &from));
	if (err)
		return ov_done(s, t, c, err);
	return open_target(s, t, c, h, &tg, &file);
}

enum ov_result h_openat2(struct sup *s, struct tracee *t, struct call *c)
{
	struct how h;
	int err = read_how(t, c, &h);

	if (err)
		return ov_done(s, t, c, err);
	if (!c->str[A2_PATH])
		return ov_done(s, t, c, ov_path_err(c, A2_PATH));
	if (!h.resolve)
		return as_openat(s, t, c, &h);
	return open_resolved(s, t, c, &h);
}
