/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: AF_UNIX socket paths (bind, connect) and the view names of
 * getsockname/getpeername.
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

/* getsockname, getpeername: at the exit, the view's name of the socket. */
enum ov_result h_sockname(struct sup *s, struct tracee *t,
			  struct call *c)
{
	int len;

	if (!c->args[1] || !c->args[2] ||
	    mem_read(t->tid, c->args[2], &len, sizeof(len)))
		return OV_PASS;
	OVT(t)->ov_ret = len;
	OVT(t)->ov_exit = OVX_SOCKNAME;
	return OV_EXIT;
}

void ov_sockname_exit(struct sup *s, struct tracee *t, long ret)
{
	struct sockaddr_un sun;
	char view[PATH_MAX];
	const char *given;
	int len = 0, vlen;
	size_t n;

	if (ret || !t->call || mem_read(t->tid, t->call->args[2], &len,
					sizeof(len)))
		return;
	n = (size_t)len < sizeof(sun) ? (size_t)len : sizeof(sun);
	memset(&sun, 0, sizeof(sun));
	if (n <= offsetof(struct sockaddr_un, sun_path) ||
	    mem_read(t->tid, t->call->args[1], &sun, n) ||
	    sun.sun_family != AF_UNIX || !sun.sun_path[0])
		return;
	sun.sun_path[sizeof(sun.sun_path) - 1] = '\0';
	given = view_sock_given(s->view, sun.sun_path);
	if (given)
		vlen = snprintf(view, sizeof(view), "%s", given);
	else
		vlen = view_from_host(s->view, sun.sun_path, view,
				      sizeof(view));
	if (vlen <= 0 || (size_t)vlen >= sizeof(sun.sun_path))
		return;
	memcpy(sun.sun_path, view, vlen + 1);
	len = offsetof(struct sockaddr_un, sun_path) + vlen + 1;
	n = len < OVT(t)->ov_ret ? (size_t)len : (size_t)OVT(t)->ov_ret;
	mem_write(t->tid, t->call->args[1], &sun, n);
	mem_write(t->tid, t->call->args[2], &len, sizeof(len));
}

/*
 * i386 socketcall(SYS_BIND or SYS_CONNECT, args): the address and its
 * length are in the args array in the tracee's memory.  A copy of the
 * array naming SUN, both in the scratch part, becomes the second
 * argument.
 */
static int socketcall_args(struct sup *s, struct tracee *t, struct call *c,
			   const struct sockaddr_un *sun)
{
	struct {
		uint32_t a[4];
		struct sockaddr_un sun;
	} buf;

	if (mem_read(t->tid, c->args[1], buf.a, 3 * sizeof(buf.a[0])))
		return -EFAULT;
	buf.a[1] = ov_part_addr(t, 2) + offsetof(typeof(buf), sun);
	buf.a[2] = sizeof(*sun);
	buf.a[3] = 0;
	buf.sun = *sun;
	return ov_set_arg_data(s, t, c, 1, 2, &buf, sizeof(buf));
}

enum ov_result h_sock(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	const char *vp = c->str[1];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct vfs_target tg;
	bool bind = c->id == SC_bind ||
		    (c->id == SC_socketcall && c->sockcall == 2);
	int err;

	if (s->sandbox && !bind)
		return ov_unix_sandbox(s, t, c);
	if (!vp || vp[0] == '@')
		return OV_PASS;		/* abstract: not a file */
	if (bind)
		err = vfs_open(s->view->vfs, &cr, NULL, vp,
			       O_CREAT | O_EXCL | O_WRONLY, 0, &tg, NULL);
	else
		err = vfs_resolve(s->view->vfs, &cr, NULL, vp, 0, VFS_LOOKUP,
				  &tg);
	if (bind && err == -EEXIST)
		err = -EADDRINUSE;
	if (err)
		return ov_done(s, t, c, err);
	if (!tg.host[0])
		return ov_done(s, t, c, -ECONNREFUSED);	/* --tmpfs */
	/* a host path too long for sun_path: a short one to its directory */
	err = view_sock_path(s->view, tg.host, sun.sun_path,
			     sizeof(sun.sun_path));
	if (!err && bind && c->raw)
		err = view_sock_bound(s->view, sun.sun_path, c->raw);
	if (err)
		return ov_done(s, t, c, err);
	if (c->id == SC_socketcall) {
		err = socketcall_args(s, t, c, &sun);
		return err ? ov_done(s, t, c, err) : OV_EXIT;
	}
	err = ov_set_arg_data(s, t, c, 1, 2, &sun, sizeof(sun));
	if (!err)
		err = ov_change_arg(s, t, c, 2, sizeof(sun));
	return err ? ov_done(s, t, c, err) : OV_EXIT;
}
