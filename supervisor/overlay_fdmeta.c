/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: metadata changes through an fd (fchmod, fchown, fsetxattr,
 * fremovexattr) on a lower object: done on the view object (copy-up).
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
#include <sys/syscall.h>
#include <sys/xattr.h>
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

/* The change C names, made on COPY (an fd of vfstrace's). */
static long on_copy(struct tracee *t, struct call *c, int copy)
{
	size_t size = c->args[3];
	char *val;
	long r;

	switch (c->id) {
	case SC_fchmod:
		return fchmod(copy, c->args[1]) ? -errno : 0;
	case SC_fchown:
		if (ov_compat(c))
			return fchown(copy, ov_compat_id16(c->args[1]),
				      ov_compat_id16(c->args[2])) ? -errno : 0;
		/* fall through */
	case SC_fchown32:
		return fchown(copy, c->args[1], c->args[2]) ? -errno : 0;
	case SC_fsetxattr:
		if (!c->str[1])
			return c->err[1] ? c->err[1] : -EFAULT;
		if (size > MAX_XATTR)
			return -E2BIG;
		val = malloc(size ? size : 1);
		if (!val)
			return -ENOMEM;
		r = mem_read(t->tid, c->args[2], val, size);
		if (!r && fsetxattr(copy, c->str[1], val, size,
				    (int)c->args[4]))
			r = -errno;
		free(val);
		return r;
	case SC_fremovexattr:
		if (!c->str[1])
			return c->err[1] ? c->err[1] : -EFAULT;
		return fremovexattr(copy, c->str[1]) ? -errno : 0;
	default:
		return -ENOSYS;
	}
}

/*
 * --sandbox: the tracee's fd number is decided on and changed through
 * one copy of it, so that a sibling thread that dup2()s a lower file's
 * fd onto the number after the check changes nothing on the host (the
 * kernel would fetch the fd again).  Returns 1 when the object is a
 * lower one (the view's change, h_fdmeta(), on its view path VIEW,
 * PATH_MAX bytes), else the result in *R.
 */
static int sandboxed(struct sup *s, struct tracee *t, struct call *c,
		     long *r, char *view)
{
	char proc[32], host[PATH_MAX];
	const char *up = s->view->upper;
	int copy = ov_take_fd(t, c->fd);
	ssize_t n;

	if (copy < 0) {
		*r = copy == -EBADF ? -EBADF : -EPERM;	/* fail closed */
		return 0;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", copy);
	n = readlink(proc, host, sizeof(host) - 1);
	if (n > 0) {
		host[n] = '\0';
		if (host[0] == '/' && !(up && ov_under(host, up)) &&
		    view_from_host(s->view, host, view, PATH_MAX) >= 0) {
			close(copy);
			return 1;
		}
	}
	*r = on_copy(t, c, copy);
	close(copy);
	return 0;
}

/* fchmod, fchown, fsetxattr, fremovexattr on an fd. */
enum ov_result h_fdmeta(struct sup *s, struct tracee *t,
			struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	struct vfs *v = s->view->vfs;
	char host[PATH_MAX];
	const char *up = s->view->upper, *vp = c->fdpath;
	long r;

	if (s->sandbox && c->fdpath) {
		if (!sandboxed(s, t, c, &r, host))
			return ov_done(s, t, c, r);
		vp = host;
	} else if (!up || !c->fdpath ||
		   procfs_fd_path(t->tid, c->fd, host, sizeof(host)) < 0 ||
		   ov_under(host, up) ||
		   view_from_host(s->view, host, host, sizeof(host)) < 0) {
		/* only an fd still on a lower file is kept from the kernel */
		return OV_PASS;
	}
	switch (c->id) {
	case SC_fchmod:
		r = vfs_chmod(v, &cr, NULL, vp, c->args[1], 0);
		break;
	case SC_fchown:
		if (ov_compat(c)) {	/* the i386 ABI's takes 16 bits */
			r = vfs_chown(v, &cr, NULL, vp,
				      ov_compat_id16(c->args[1]),
				      ov_compat_id16(c->args[2]), 0);
			break;
		}
		/* fall through */
	case SC_fchown32:
		r = vfs_chown(v, &cr, NULL, vp, c->args[1], c->args[2],
			      0);
		break;
	case SC_fsetxattr:
		r = ov_do_xattr_set(s, t, c, &cr, NULL, vp, 2, 0);
		break;
	case SC_fremovexattr:
		r = vfs_removexattr(v, &cr, NULL, vp, c->str[1], 0);
		break;
	default:
		return OV_PASS;
	}
	return ov_done(s, t, c, r);
}
