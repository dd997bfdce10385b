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

/*
 * A lower fifo: pipe I/O updates the fifo's times, so a lower fifo must
 * not be opened at all.  Copy it up (as the library would for a change,
 * permission checks aside: opening needs none here, the kernel checks
 * the copy, which keeps mode and owner).  0 or -errno.
 */
static int copy_up_fifo(struct sup *s, struct vfs_target *tg)
{
	char view[PATH_MAX];
	int oflags = tg->flags, err;

	snprintf(view, sizeof(view), "%s", tg->view);
	err = vfs_resolve(s->view->vfs, &(struct vfs_cred){ 0 }, NULL, view, 0,
			  VFS_OWNER, tg);
	tg->flags = oflags;	/* resolve fills no open flags */
	return err;
}

/*
 * A directory with no host object (a memory directory): the kernel opens
 * a placeholder directory standing in for it, so that listings and
 * fchdir come back to the view.  0, 1 when there is none, or -errno.
 */
static int open_placeholder(struct sup *s, struct tracee *t, struct call *c,
			    int i, const struct vfs_target *tg)
{
	char host[PATH_MAX];

	s->view->plain_dirfds = false;
	if (view_placeholder(s->view, tg->view, host, sizeof(host)))
		return 1;
	return ov_rewrite(s, t, c, i, host);
}

/* Whether an open with FLAGS may change what it opens or its directory. */
static bool writes(int flags)
{
	return (flags & (O_ACCMODE | O_CREAT | O_TRUNC)) ||
	       (flags & O_TMPFILE) == O_TMPFILE;
}

/*
 * The kernel opens the tracee's own relative string (ov_kernel_decides());
 * after a change the library's cache is flushed at the exit stop.
 */
static enum ov_result kernel_opens(struct sup *s, struct tracee *t,
				   struct call *c, int fi, int flags)
{
	int err;

	if (!writes(flags))
		return ov_pass(t);
	/* a symlink in the upper may point at a lower file: never follow */
	err = ov_change_arg(s, t, c, fi, (unsigned)(flags | O_NOFOLLOW));
	if (err)
		return ov_done(s, t, c, err);
	OVT(t)->flush = true;
	return OV_EXIT;
}

/*
 * open, creat, openat.  The library opens (copying up for writing); the
 * kernel then opens the host object it names.  The library's file
 * reference is held until the kernel's open has run (OVT(t)->file).
 */
enum ov_result h_open(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	int i = ov_first_path(c), fi = sysent_find_arg(c->ent, A_OFLAGS, 0);
	int mi = sysent_find_arg(c->ent, A_MODE, 0);
	int flags = fi < 0 ? O_CREAT | O_WRONLY | O_TRUNC : (int)c->args[fi];
	const char *vp = ov_path_of(c, i), *base, *wp;
	_cleanup_vfs_file_ struct vfs_file *file = NULL;
	char host[PATH_MAX], bbuf[PATH_MAX], fdview[PATH_MAX];
	struct vfs_target tg;
	enum ov_result res;
	int err;

	if (!vp)
		return ov_done(s, t, c, ov_path_err(c, i));
	if (c->id != SC_creat && ov_reopen_passed(s, t, c, vp, flags, &res))
		return res;
	if (writes(flags) &&
	    (err = ov_fd_link_change(s, t, vp, fdview, sizeof(fdview)))) {
		/* a reopen for writing of a lower file copies it up */
		if (err < 0)
			return ov_done(s, t, c, err);
		vp = fdview;
		c->moved |= 1u << i;
	} else if (ov_proc_path(t, vp, flags & O_NOFOLLOW, host,
				sizeof(host))) {
		err = ov_rewrite(s, t, c, i, host);
		return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	base = ov_walk_from(c, i, vp, bbuf, sizeof(bbuf), &wp);
	err = vfs_open(s->view->vfs, &cr, base, wp, flags, (mode_t)c->args[mi],
		       &tg, &file);
	if (err == -ENOENT && !(flags & O_CREAT) && ov_as_given(c, i, &tg))
		return ov_pass(t);		/* the kernel finds nothing either */
	/* creat() has no flags to add O_NOFOLLOW to: not for it */
	if (ov_kernel_decides(s, t, c, i, err, writes(flags)) && fi >= 0)
		return kernel_opens(s, t, c, fi, flags);
	if (err)
		return ov_done(s, t, c, err);
	return ov_open_found(s, t, c, fi, flags, &tg, &file, true);
}

enum ov_result ov_open_found(struct sup *s, struct tracee *t, struct call *c,
			     int fi, int flags, struct vfs_target *tg,
			     struct vfs_file **file, bool given)
{
	int i = ov_first_path(c), err;

	if (!tg->host[0] && (tg->attrs & VFS_T_DIR)) {
		err = open_placeholder(s, t, c, i, tg);
		if (err <= 0)
			return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	if (!tg->host[0])
		return ov_done(s, t, c, -ENOTSUP);
	if ((tg->attrs & VFS_T_DIR) && !(tg->attrs & VFS_T_PLAIN))
		/* a directory fd names in which the kernel would get wrong */
		s->view->plain_dirfds = false;
	if (lower_fifo(s, tg) && (err = copy_up_fifo(s, tg)))
		return ov_done(s, t, c, err);
	err = given && ov_as_given(c, i, tg) ? 0 :
	      ov_rewrite(s, t, c, i, tg->host);
	if (!err && fi >= 0 && tg->flags != flags)
		err = ov_change_arg(s, t, c, fi, (unsigned)tg->flags);
	if (err)
		return ov_done(s, t, c, err);
	OVT(t)->file = steal_pointer(file);
	return OVT(t)->file || OVT(t)->ov_exit ? OV_EXIT : OV_PASS;
}
