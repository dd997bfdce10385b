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

/* fchmod, fchown, fsetxattr, fremovexattr on an fd. */
enum ov_result h_fdmeta(struct sup *s, struct tracee *t,
			struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	struct vfs *v = s->view->vfs;
	char host[PATH_MAX];
	const char *up = s->view->upper;
	long r;

	/* Only an fd still on a lower file must be kept from the kernel. */
	if (!up || !c->fdpath ||
	    procfs_fd_path(t->tid, c->fd, host, sizeof(host)) < 0 || ov_under(host, up) || view_from_host(s->view, host, host,
					      sizeof(host)) < 0)
		return OV_PASS;
	switch (c->id) {
	case SC_fchmod:
		r = vfs_chmod(v, &cr, NULL, c->fdpath, c->args[1], 0);
		break;
	case SC_fchown:
		if (ov_compat(c)) {	/* the i386 ABI's takes 16 bits */
			r = vfs_chown(v, &cr, NULL, c->fdpath,
				      ov_compat_id16(c->args[1]),
				      ov_compat_id16(c->args[2]), 0);
			break;
		}
		/* fall through */
	case SC_fchown32:
		r = vfs_chown(v, &cr, NULL, c->fdpath, c->args[1], c->args[2],
			      0);
		break;
	case SC_fsetxattr:
		r = ov_do_xattr_set(s, t, c, &cr, NULL, c->fdpath, 2, 0);
		break;
	case SC_fremovexattr:
		r = vfs_removexattr(v, &cr, NULL, c->fdpath, c->str[1], 0);
		break;
	default:
		return OV_PASS;
	}
	return ov_done(s, t, c, r);
}
