/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: ioctl requests on a read-only fd of a regular file or
 * directory of a lower layer or bind, decided by the rules of
 * include/ioctl_list.h.  The filter traps only the requests those rules
 * do not leave alone; on any other fd (a tty, a socket, a pipe, a
 * device, an upper file, a memory file, an fd open for writing) a
 * trapped request passes untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "ioctl_rules.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "view.h"
#include "overlay_impl.h"

/*
 * Whether fd FD of T is one the kernel must not be given a changing
 * request on: a regular file or directory of a lower layer or a bind,
 * open for reading only (an fd open for writing is never on a lower
 * object but for one inherited from outside the tree, which is the
 * host's by design, as for ftruncate; an O_PATH fd gets EBADF from the
 * kernel).  True with VIEW (SIZE bytes) its view path.
 */
static bool lower_fd(struct sup *s, struct tracee *t, int fd, char *view,
		     size_t size)
{
	char host[PATH_MAX];
	struct stat st;
	int flags;

	if (procfs_fd_path(t->tid, fd, host, sizeof(host)) < 0 ||
	    host[0] != '/')
		return false;	/* no such fd, a pipe, a socket */
	if (s->view->upper && ov_under(host, s->view->upper))
		return false;
	if (view_from_host(s->view, host, view, size) < 0)
		return false;	/* a memory file: no layer */
	if (procfs_fd_stat(t->tid, fd, &st) < 0 ||
	    (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)))
		return false;	/* gone (EBADF), or a device */
	flags = procfs_fd_flags(t->tid, fd);
	if (flags < 0)
		return true;	/* cannot tell: fail closed */
	return !(flags & O_PATH) && (flags & O_ACCMODE) == O_RDONLY;
}

/* The flags a change of which needs CAP_LINUX_IMMUTABLE. */
static unsigned int protected_bits(bool fsx, const void *arg)
{
	const struct fsxattr *x = arg;

	if (fsx)
		return x->fsx_xflags & (FS_XFLAG_IMMUTABLE | FS_XFLAG_APPEND);
	return *(const int *)arg & (FS_IMMUTABLE_FL | FS_APPEND_FL);
}

/*
 * Whether the request ARG of T on its fd FD would change the immutable
 * or append-only flag of the lower object, which takes
 * CAP_LINUX_IMMUTABLE (root's): the kernel checks it on the view's inode
 * before copying up (fileattr_set_prepare); vfstrace's own host call
 * may hold the capability where the caller does not.
 */
static bool changes_protected(struct tracee *t, int fd, bool fsx,
			      const void *arg)
{
	union { int flags; struct fsxattr fsx; } old;
	_cleanup_close_ int lfd = -1;
	char name[32];

	memset(&old, 0, sizeof(old));
	snprintf(name, sizeof(name), "fd/%d", fd);
	lfd = procfs_open(t->tid, name);
	if (lfd >= 0 && ioctl(lfd, fsx ? FS_IOC_FSGETXATTR : FS_IOC_GETFLAGS,
			      &old))
		memset(&old, 0, sizeof(old));
	return protected_bits(fsx, arg) != protected_bits(fsx, &old);
}

/*
 * FS_IOC_SETFLAGS and FS_IOC_FSSETXATTR on lower object VP (fd FD of T),
 * as the kernel's overlayfs does them (ovl_fileattr_set): the argument
 * is read, the caller must own the object (or be root) and be root to
 * change the immutable or append-only flag; then the object is copied
 * up and the request is applied to the copy.  The tracee's fd stays on
 * the lower object (see the README's deviations).  0 or -errno.
 */
static long copyup_apply(struct sup *s, struct tracee *t, struct call *c,
			 const char *vp)
{
	unsigned int req = (unsigned int)c->args[1];
	bool fsx = req == (unsigned int)FS_IOC_FSSETXATTR;
	union { int flags; struct fsxattr fsx; } arg;
	struct vfs_cred cr = ov_cred_of(t);
	_cleanup_close_ int fd = -1;
	struct vfs_target tg;
	int err;

	if (mem_read(t->tid, c->args[2], &arg,
		     fsx ? sizeof(arg.fsx) : sizeof(arg.flags)))
		return -EFAULT;
	if (cr.fsuid && changes_protected(t, (int)c->args[0], fsx, &arg))
		return -EPERM;
	err = vfs_resolve(s->view->vfs, &cr, NULL, vp, AT_SYMLINK_NOFOLLOW,
			  VFS_OWNER, &tg);
	if (err)
		return err;
	if (!tg.host[0])
		return -ENOTTY;
	fd = open(tg.host, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY |
		  O_CLOEXEC);
	if (fd < 0)
		return -errno;
	return ioctl(fd, fsx ? FS_IOC_FSSETXATTR : FS_IOC_SETFLAGS, &arg) ?
	       -errno : 0;
}

static enum ov_result refuse(struct sup *s, struct tracee *t, struct call *c,
			     const struct ioc_rule *r, int err)
{
	log_debug("pid %d: ioctl %s (%#x) on fd %d: refused",
		 t->tid, r->name ? r->name : "(unknown)",
		 (unsigned int)c->args[1], (int)c->args[0]);
	c->refused = true;
	return ov_done(s, t, c, -err);
}

enum ov_result h_ioctl(struct sup *s, struct tracee *t, struct call *c)
{
	const struct ioc_rule *r = ioc_rule_of(c->args[1]);
	char vp[PATH_MAX];

	if (r->how == IOC_REFUSE_ALL)
		return refuse(s, t, c, r, r->err);
	if (r->how == IOC_NOTRAP ||
	    !lower_fd(s, t, (int)c->args[0], vp, sizeof(vp)))
		return ov_pass(t);
	switch (r->how) {
	case IOC_COPYUP:
		return ov_done(s, t, c, copyup_apply(s, t, c, vp));
	case IOC_REFUSE:
		return refuse(s, t, c, r, r->err);
	default:
		return refuse(s, t, c, r, ENOTTY);
	}
}
