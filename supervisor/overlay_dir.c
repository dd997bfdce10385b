/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: directories: chdir/fchdir (the view cwd), getcwd, and the
 * listings of merged directories (getdents64 and the legacy getdents
 * from a per-fd snapshot).
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

void ov_dirstate_clear(struct dirstate *d)
{
	free(d->view);
	vfs_closedir(d->snap);
	memset(d, 0, sizeof(*d));
}

/*
 * The kernel's cwd follows the view's: chdir goes to the host directory
 * of the view directory (fchdir to the fd's own), so that relative paths
 * below it can be passed as relative and the kernel walks from the
 * directory it holds, searching no ancestor again.  The view cwd and the
 * host path of the kernel's (struct proc's kcwd) change at the exit stop
 * when the kernel's call succeeded (ov_exit()).
 */
static enum ov_result follow(struct sup *s, struct tracee *t, struct call *c,
			     const struct vfs_target *tg)
{
	struct ov_thread *ot = OVT(t);
	char host[PATH_MAX];
	int err;

	if (c->ent->arg[0] == A_FD) {
		if (procfs_fd_path(t->tid, c->fd, host, sizeof(host)) < 0 ||
		    host[0] != '/')
			return ov_done(s, t, c, -EBADF);
	} else {
		snprintf(host, sizeof(host), "%s", tg->host);
		err = ov_rewrite(s, t, c, 0, tg->host);
		if (err)
			return ov_done(s, t, c, err);
	}
	free(ot->chdir_view);
	free(ot->chdir_host);
	ot->chdir_view = strdup(tg->view);
	ot->chdir_host = strdup(host);
	ot->chdir_attrs = tg->attrs;
	if (!ot->chdir_view || !ot->chdir_host)
		return ov_done(s, t, c, -ENOMEM);
	return OV_EXIT;
}

/*
 * chdir and fchdir.  A directory with no host object (memory) is the
 * view's alone: the call is emulated and the kernel's cwd stays.
 */
enum ov_result h_chdir(struct sup *s, struct tracee *t,
		       struct call *c, const char *vp)
{
	struct vfs_cred cr = ov_cred_of(t);
	char bbuf[PATH_MAX];
	const char *base, *wp;
	struct vfs_target tg;
	int err;

	if (!vp)
		return ov_done(s, t, c, c->fd >= 0 ? -EBADF : ov_path_err(c, 0));
	base = ov_walk_from(c, 0, vp, bbuf, sizeof(bbuf), &wp);
	err = vfs_resolve(s->view->vfs, &cr, base, wp, 0, VFS_LOOKUP, &tg);
	if (!err && !(tg.attrs & VFS_T_DIR))
		err = -ENOTDIR;
	if (!err)
		err = vfs_access(s->view->vfs, &cr, base, wp, X_OK, 0);
	if (err)
		return ov_done(s, t, c, err);
	if (tg.host[0] == '/')
		return follow(s, t, c, &tg);
	free(t->proc->cwd);
	t->proc->cwd = strdup(tg.view);
	OVP(t->proc)->cwd_gone = OVP(t->proc)->cwd_check = false;
	return ov_done(s, t, c, 0);
}

void ov_chdir_exit(struct tracee *t, long ret)
{
	struct ov_thread *ot = OVT(t);
	struct proc *p = t->proc;

	if (ret == 0) {
		free(p->cwd);
		free(p->kcwd);
		p->cwd = steal_pointer(&ot->chdir_view);
		p->kcwd = steal_pointer(&ot->chdir_host);
		OVP(p)->cwd_plain = ot->chdir_attrs & VFS_T_PLAIN;
		OVP(p)->cwd_top = ot->chdir_attrs & VFS_T_TOP_ONLY;
		OVP(p)->cwd_gone = OVP(p)->cwd_check = false;
	}
	free(ot->chdir_view);
	free(ot->chdir_host);
	ot->chdir_view = ot->chdir_host = NULL;
}

enum ov_result h_getcwd(struct sup *s, struct tracee *t,
			struct call *c)
{
	const char *cwd = t->proc->cwd ? t->proc->cwd : "/";
	size_t len = strlen(cwd) + 1;

	if (c->args[1] < len)
		return ov_done(s, t, c, -ERANGE);
	if (mem_write(t->tid, c->args[0], cwd, len))
		return ov_done(s, t, c, -EFAULT);
	c->out = strdup(cwd);
	return ov_done(s, t, c, len);
}

static struct dirstate *dirstate_of(struct proc *p, int fd)
{
	struct dirstate *d;
	size_t i;

	for (i = 0; i < OVP(p)->ndirs; i++)
		if (OVP(p)->dirs[i].fd == fd)
			return &OVP(p)->dirs[i];
	d = realloc(OVP(p)->dirs, (OVP(p)->ndirs + 1) * sizeof(*d));
	if (!d)
		return NULL;
	OVP(p)->dirs = d;
	d = &OVP(p)->dirs[OVP(p)->ndirs++];
	memset(d, 0, sizeof(*d));
	d->fd = fd;
	return d;
}

/*
 * The record layout of C's listing: getdents64's, or the legacy
 * getdents' struct linux_dirent of the call's ABI (-1: none known).
 */
static int dirent_layout(const struct call *c)
{
	if (c->id == SC_getdents64)
		return VFS_DIRENT64;
	if (c->abi->ptr_size == 8)
		return VFS_DIRENT_LONG64;
	if (c->abi->ptr_size == 4)
		return VFS_DIRENT_COMPAT32;
	return -1;
}

enum ov_result h_getdents(struct sup *s, struct tracee *t,
			  struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	unsigned long long pos;
	unsigned long ino, mnt;
	struct vfs_target tg;
	struct dirstate *d;
	size_t size = c->args[2] < 65536 ? c->args[2] : 65536;
	bool fresh = false;
	uint64_t p;
	ssize_t n;
	char *buf;
	int fd = (int)c->args[0];
	int layout = dirent_layout(c);

	if (layout < 0)
		return ov_done(s, t, c, -ENOSYS);
	if (procfs_fdinfo(t->tid, fd, &pos, &ino, &mnt) || !c->fdpath)
		return OV_PASS;
	d = dirstate_of(t->proc, fd);
	if (!d)
		return OV_PASS;
	if (d->ino != ino || d->mnt != mnt || !d->view ||
	    strcmp(d->view, c->fdpath)) {
		ov_dirstate_clear(d);
		d->fd = fd;
		d->ino = ino;
		d->mnt = mnt;
		d->view = strdup(c->fdpath);
		fresh = true;
	}
	if (!d->emulate && (fresh || pos == 0))
		/*
		 * A directory of the lowest layer alone is listed by the
		 * kernel; once merged (a change below it) the view lists it
		 * from the next rewind on, as the kernel's overlayfs goes on
		 * with the real directory until then.
		 */
		d->emulate = !vfs_resolve(s->view->vfs, &cr, NULL, d->view, 0,
					  VFS_LOOKUP, &tg) &&
			     (tg.attrs & VFS_T_DIR_EMULATE);
	if (!d->emulate)
		return OV_PASS;
	if (!d->snap || pos == 0) {
		vfs_closedir(d->snap);
		d->snap = NULL;
		n = vfs_opendir(s->view->vfs, &cr, NULL, d->view, 0, &d->snap);
		if (n)
			return ov_done(s, t, c, n);
	}
	buf = malloc(size);
	if (!buf)
		return ov_done(s, t, c, -ENOMEM);
	p = pos;
	n = vfs_dir_getdents(d->snap, layout, &p, buf, size);
	if (n > 0 && mem_write(t->tid, c->args[1], buf, n))
		n = -EFAULT;
	free(buf);
	if (n <= 0)
		return ov_done(s, t, c, n);
	/* The call becomes lseek(fd, p): the kernel keeps the position. */
	if (!OVT(t)->saved && !(OVT(t)->saved = malloc(sizeof(*OVT(t)->saved))))
		return ov_done(s, t, c, -ENOMEM);
	if (s->arch->inject(t->tid, c->abi, c->abi->nr_lseek,
			    (uint64_t[6]){ fd, p, SEEK_SET }, OVT(t)->saved))
		return ov_done(s, t, c, -EIO);
	OVT(t)->ov_exit = OVX_GETDENTS;
	OVT(t)->ov_ret = n;
	return OV_EXIT;
}

/* Whether the kernel's cwd of T is a removed directory. */
static bool kcwd_removed(const struct tracee *t)
{
	static const char del[] = " (deleted)";
	char buf[PATH_MAX];
	int n = procfs_cwd(t->tid, buf, sizeof(buf));

	return n > (int)strlen(del) && !strcmp(buf + n - strlen(del), del);
}

/* Whether the view removed the directory of T's view cwd. */
static bool cwd_removed(struct sup *s, struct tracee *t)
{
	struct vfs_cred cr = ov_cred_of(t);
	struct vfs_target tg;
	int err;

	if (!t->proc->cwd)
		return false;
	err = vfs_resolve(s->view->vfs, &cr, NULL, t->proc->cwd, 0,
			  VFS_LOOKUP, &tg);
	return err == -ENOENT || err == -ENOTDIR || kcwd_removed(t);
}

enum rel_kind { REL_DOT, REL_UP, REL_NAME };

/*
 * The leading "." and ".." of REL walked from directory CWD as strings
 * (the old parents of a removed directory are where they were): into
 * OUT the directory reached, *REST the names after them.
 */
static enum rel_kind walk_dots(const char *cwd, const char *rel, char *out,
			       size_t size, const char **rest)
{
	const char *p = rel;
	bool up = false;
	char *sl;

	snprintf(out, size, "%s", cwd);
	for (;;) {
		while (*p == '/')
			p++;
		if (p[0] == '.' && (p[1] == '/' || !p[1])) {
			p++;
		} else if (p[0] == '.' && p[1] == '.' &&
			   (p[2] == '/' || !p[2])) {
			sl = strrchr(out, '/');
			if (sl)
				sl[sl == out] = '\0';
			p += 2;
			up = true;
		} else {
			break;
		}
	}
	*rest = p;
	if (up)
		return REL_UP;
	return *p ? REL_NAME : REL_DOT;
}

/* Path argument I of C, relative to the removed cwd, is now VP. */
static int set_moved(struct call *c, int i, const char *dir, const char *rest)
{
	char out[2 * PATH_MAX];

	snprintf(out, sizeof(out), "%s%s%s", dir,
		 *rest && strcmp(dir, "/") ? "/" : "", rest);
	free(c->str[i]);
	c->str[i] = strdup(out);
	if (!c->str[i])
		return -ENOMEM;
	c->rel &= ~(1u << i);
	c->moved |= 1u << i;
	c->rlens[i] = 0;
	if (c->hbase_arg == i)
		c->hbase[0] = '\0';
	return 0;
}

bool ov_removed_cwd(struct sup *s, struct tracee *t, struct call *c,
		    enum ov_result *res)
{
	struct ov_proc *op = OVP(t->proc);
	char dir[PATH_MAX];
	const char *rest;
	int i, d, err = 0, npaths = 0, dots = 0;

	if (op->cwd_check) {
		op->cwd_check = false;
		op->cwd_gone = cwd_removed(s, t);
	}
	if (!op->cwd_gone)
		return false;
	if (c->id == SC_getcwd) {
		*res = ov_done(s, t, c, -ENOENT);
		return true;
	}
	for (i = 0; i < 6 && !err; i++) {
		if (c->ent->arg[i] != A_PATH)
			continue;
		npaths++;
		d = sysent_dirfd_of(c->ent, i);
		if (!c->str[i] || !(c->rel & (1u << i)) ||
		    (d >= 0 && (int)c->args[d] != AT_FDCWD))
			continue;
		switch (walk_dots(t->proc->cwd, c->str[i] + strlen(c->str[i]) -
				  c->rlens[i], dir, sizeof(dir), &rest)) {
		case REL_UP:
			err = set_moved(c, i, dir, rest);
			break;
		case REL_NAME:
			err = -ENOENT;	/* nothing is in a removed directory */
			break;
		case REL_DOT:
			dots++;
			break;
		}
	}
	if (!err && !dots)
		return false;
	if (!err && (npaths > 1 || !kcwd_removed(t)))
		err = -ENOENT;
	/* "." alone: the kernel's own removed cwd, as given */
	*res = err ? ov_done(s, t, c, err) : ov_pass(t);
	return true;
}
