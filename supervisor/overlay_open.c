/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: open, creat, openat, with copy-up for writing.
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

/* Whether TG is a fifo of a lower layer (not in the upper). */
static bool lower_fifo(struct sup *s, const struct vfs_target *tg)
{
	return S_ISFIFO(tg->type) && s->view->upper &&
	       !ov_under(tg->host, s->view->upper);
}

/* open, creat, openat */
enum ov_result h_open(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	int i = ov_first_path(c), fi = sysent_find_arg(c->ent, A_OFLAGS, 0);
	int mi = sysent_find_arg(c->ent, A_MODE, 0);
	int flags = fi < 0 ? O_CREAT | O_WRONLY | O_TRUNC : (int)c->args[fi];
	const char *vp = ov_path_of(c, i);
	struct vfs_target tg;
	char host[PATH_MAX];
	int err;

	if (!vp)
		return ov_done(s, t, c, ov_path_err(c, i));
	if (ov_proc_path(t, vp, flags & O_NOFOLLOW, host, sizeof(host))) {
		err = ov_rewrite(s, t, c, i, host);
		return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	err = vfs_open(s->view->vfs, &cr, NULL, vp, flags,
		       (mode_t)c->args[mi], &tg, &OVT(t)->file);
	if (err == -ENOENT && !(flags & O_CREAT) && ov_as_given(c, i, &tg))
		return ov_pass(t);		/* the kernel finds nothing either */
	if (err)
		return ov_done(s, t, c, err);
	if (!tg.host[0] && (tg.attrs & VFS_T_DIR))
		s->view->plain_dirfds = false;
	if (!tg.host[0] && (tg.attrs & VFS_T_DIR) &&
	    !view_placeholder(s->view, tg.view, host, sizeof(host))) {
		/* a directory with no host object: a stand-in to list */
		vfs_file_put(OVT(t)->file);
		OVT(t)->file = NULL;
		err = ov_rewrite(s, t, c, i, host);
		return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	if (!tg.host[0]) {
		vfs_file_put(OVT(t)->file);
		OVT(t)->file = NULL;
		return ov_done(s, t, c, -ENOTSUP);
	}
	if ((tg.attrs & VFS_T_DIR) && !(tg.attrs & VFS_T_PLAIN))
		/* a directory fd names in which the kernel would get wrong */
		s->view->plain_dirfds = false;
	if (lower_fifo(s, &tg)) {
		/*
		 * Pipe I/O updates the fifo's times: a lower fifo must not be
		 * opened at all.  Copy it up (as the library would for a
		 * change, permission checks aside: opening needs none here,
		 * the kernel checks the copy, which keeps mode and owner).
		 */
		char view[PATH_MAX];
		int oflags = tg.flags;

		snprintf(view, sizeof(view), "%s", tg.view);
		err = vfs_resolve(s->view->vfs, &(struct vfs_cred){ 0 }, NULL,
				  view, 0, VFS_OWNER, &tg);
		tg.flags = oflags;	/* resolve fills no open flags */
		if (err) {
			vfs_file_put(OVT(t)->file);
			OVT(t)->file = NULL;
			return ov_done(s, t, c, err);
		}
	}
	err = ov_as_given(c, i, &tg) ? 0 : ov_rewrite(s, t, c, i, tg.host);
	if (!err && fi >= 0 && tg.flags != flags)
		err = ov_change_arg(s, t, c, fi, (unsigned)tg.flags);
	if (err) {
		vfs_file_put(OVT(t)->file);
		OVT(t)->file = NULL;
		return ov_done(s, t, c, err);
	}
	return OVT(t)->file || OVT(t)->ov_exit ? OV_EXIT : OV_PASS;
}
