/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the entry points (overlay.h), the handler table of the
 * overlay column of the syscall table, and the per-mode state hooks.
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
#include "overlay.h"
#include "sandbox.h"
#include "procfs.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

/* ---- the state hooks (tracee.h) ---- */

/* Forget the emulated directories of P (its fds are gone at exec). */
static void drop_dirs(struct ov_proc *op)
{
	size_t i;

	for (i = 0; i < op->ndirs; i++)
		ov_dirstate_clear(&op->dirs[i]);
	free(op->dirs);
	op->dirs = NULL;
	op->ndirs = 0;
}

/*
 * A new process inherits its parent's exe and scratch mapping: a forked
 * copy of the parent's memory has the mapping too, a CLONE_VM child
 * shares it (overlay_scratch.c).
 */
static int proc_init(struct proc *p, const struct proc *parent)
{
	struct ov_proc *op = calloc(1, sizeof(*op));

	if (!op)
		return -ENOMEM;
	if (ov_scratch_proc_init(op, p, parent)) {
		free(op);
		return -ENOMEM;
	}
	if (parent && OVP(parent)) {
		op->cwd_plain = OVP(parent)->cwd_plain;
		op->cwd_top = OVP(parent)->cwd_top;
		op->cwd_check = OVP(parent)->cwd_check;
		op->cwd_gone = OVP(parent)->cwd_gone;
		if (OVP(parent)->exe)
			op->exe = strdup(OVP(parent)->exe);
	}
	p->mode = op;
	return 0;
}

static void proc_free(struct proc *p)
{
	struct ov_proc *op = OVP(p);

	if (!op)
		return;
	drop_dirs(op);
	ov_scratch_proc_free(op);
	free(op->exe);
	free(op);
	p->mode = NULL;
}

static int tracee_init(struct tracee *t)
{
	struct ov_thread *ot = calloc(1, sizeof(*ot));

	if (!ot)
		return -ENOMEM;
	ov_scratch_thread_init(ot, OVP(t->proc));
	t->mode = ot;
	return 0;
}

static void tracee_free(struct tracee *t)
{
	struct ov_thread *ot = OVT(t);

	if (!ot)
		return;
	ov_scratch_thread_free(ot);
	free(ot->saved);
	free(ot->exe);
	free(ot->chdir_view);
	free(ot->chdir_host);
	vfs_file_put(ot->file);
	free(ot);
	t->mode = NULL;
}

static const struct mode_hooks hooks = {
	.proc_init = proc_init,
	.proc_free = proc_free,
	.tracee_init = tracee_init,
	.tracee_free = tracee_free,
};

void ov_register(void)
{
	tracee_set_hooks(&hooks);
}

bool ov_exit_wanted(const struct tracee *t)
{
	const struct ov_thread *ot = OVT(t);

	return ot->ov_exit || ot->file || ot->statfix || ot->chdir_host ||
	       ot->flush;
}

const char *ov_exe(const struct tracee *t)
{
	return OVP(t->proc)->exe;
}

/*
 * The handlers of the overlay column of the table, one per handling.  A
 * handling the column names but this table lacks is refused (fail
 * closed); test_sysent checks that none is missing.
 */
typedef enum ov_result (*ov_handler)(struct sup *s, struct tracee *t,
				     struct call *c,
				     const struct decision *d);

static enum ov_result ovh_pass(struct sup *s, struct tracee *t,
			       struct call *c, const struct decision *d)
{
	return OV_PASS;
}

static enum ov_result ovh_refuse(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	c->refused = true;
	return ov_done(s, t, c, -(long)d->err);
}

static enum ov_result ovh_privileged(struct sup *s, struct tracee *t,
				     struct call *c, const struct decision *d)
{
	/* what an unprivileged caller gets; not emulated for root */
	c->refused = true;
	return ov_done(s, t, c, ov_cred_of(t).fsuid ? -EPERM : -ENOSYS);
}

static enum ov_result ovh_lookup(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return h_lookup(s, t, c, ov_first_path(c));
}

static enum ov_result ovh_open(struct sup *s, struct tracee *t,
			       struct call *c, const struct decision *d)
{
	return c->id == SC_openat2 ? h_openat2(s, t, c) : h_open(s, t, c);
}

/*
 * The namespace changes the kernel may make itself in a cwd of the
 * upper alone (ov_kernel_decides()): none follows a final symlink.
 */
static bool kernel_may_change(const struct sup *s, const struct tracee *t,
			      const struct call *c, long err)
{
	int i = ov_first_path(c), j = sysent_find_arg(c->ent, A_PATH, i + 1);

	switch (c->id) {
	case SC_mkdir: case SC_mkdirat: case SC_mknod: case SC_mknodat:
	case SC_symlink: case SC_symlinkat: case SC_unlink: case SC_unlinkat:
	case SC_rmdir: case SC_rename: case SC_renameat: case SC_renameat2:
	case SC_link:
		break;
	case SC_linkat:
		if (c->args[4] & (AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
			return false;
		break;
	default:
		return false;
	}
	return ov_kernel_decides(s, t, c, i, err, true) &&
	       (j < 0 || ov_kernel_decides(s, t, c, j, err, true));
}

/* Whether C may move or remove a directory (its first path). */
static bool moves_dirs(const struct call *c)
{
	return c->id == SC_rename || c->id == SC_renameat ||
	       c->id == SC_renameat2 || c->id == SC_rmdir ||
	       (c->id == SC_unlinkat && (c->args[2] & AT_REMOVEDIR));
}

/*
 * Forget the kernel cwd of every process whose kcwd is HOST or below it:
 * HOST moved or went, the kernel's cwd went with the inode and the string
 * would name something else.  Their relative paths are then passed as
 * absolute host paths until they change directory again.
 */
static void forget_kcwds(struct sup *s, const char *host)
{
	unsigned int i;

	for (i = 0; i < s->tracees.size; i++) {
		struct tracee *o = s->tracees.slots[i];

		if (o && OVP(o->proc))
			OVP(o->proc)->cwd_check = true;
		if (o && o->proc->kcwd && (!strcmp(host, "/") ||
					   ov_under(o->proc->kcwd, host))) {
			free(o->proc->kcwd);
			o->proc->kcwd = NULL;
		}
	}
}

/*
 * The host path of the directory C may move or remove, into HOST: "" when
 * none; "/" (every kcwd) when it cannot be told.
 */
static void moved_dir(struct sup *s, struct tracee *t, struct call *c,
		      char *host, size_t size)
{
	struct vfs_cred cr = ov_cred_of(t);
	int i = ov_first_path(c);
	const char *vp = ov_path_of(c, i), *wp, *base;
	char bbuf[PATH_MAX];
	struct vfs_target tg;

	host[0] = '\0';
	if (!moves_dirs(c) || !vp)
		return;
	base = ov_walk_from(c, i, vp, bbuf, sizeof(bbuf), &wp);
	if (vfs_resolve(s->view->vfs, &cr, base, wp, AT_SYMLINK_NOFOLLOW,
			VFS_LOOKUP, &tg))
		snprintf(host, size, "/");
	else if (tg.attrs & VFS_T_DIR)
		snprintf(host, size, "%s", tg.host[0] ? tg.host : "/");
}

static enum ov_result ovh_modify(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	enum ov_result res;
	char moved[PATH_MAX];
	long r;

	if (!ov_link_open_file(s, t, c, &res))
		return res;
	moved_dir(s, t, c, moved, sizeof(moved));
	r = ov_modify(s, t, c);
	if (kernel_may_change(s, t, c, r)) {
		OVT(t)->flush = true;	/* the cache learns it at the exit */
		if (moves_dirs(c))
			/* the library could not look: the name in the cwd */
			snprintf(moved, sizeof(moved), "%s/%s",
				 t->proc->kcwd, c->str[ov_first_path(c)] +
				 strlen(c->str[ov_first_path(c)]) -
				 c->rlens[ov_first_path(c)]);
		if (moved[0])
			forget_kcwds(s, moved);
		return OV_EXIT;
	}
	if (r == 0 && moved[0])
		forget_kcwds(s, moved);
	return ov_done(s, t, c, r);
}

static enum ov_result ovh_exec(struct sup *s, struct tracee *t,
			       struct call *c, const struct decision *d)
{
	return h_exec(s, t, c);
}

static enum ov_result ovh_chdir(struct sup *s, struct tracee *t,
				struct call *c, const struct decision *d)
{
	return h_chdir(s, t, c, c->ent->arg[0] == A_FD ? c->fdpath :
			       c->str[0]);
}

static enum ov_result ovh_getcwd(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return h_getcwd(s, t, c);
}

static enum ov_result ovh_fdmeta(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return h_fdmeta(s, t, c);
}

static enum ov_result ovh_getdents(struct sup *s, struct tracee *t,
				   struct call *c, const struct decision *d)
{
	return h_getdents(s, t, c);
}

bool ov_sandbox_socketcall(const struct sup *s, struct call *c)
{
	if (c->id != SC_socketcall || !sandbox_on(s->sandbox) ||
	    (c->args[0] != SOCKCALL_SOCKET &&
	     c->args[0] != SOCKCALL_SOCKETPAIR))
		return false;
	c->sockcall = 0;	/* not a bind or connect (trace_text.c) */
	return true;
}

static enum ov_result ovh_socket(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	if (ov_sandbox_socketcall(s, c))
		return ov_socketcall_direct(s, t, c);
	return h_sock(s, t, c);
}

static enum ov_result ovh_sockname(struct sup *s, struct tracee *t,
				   struct call *c, const struct decision *d)
{
	return h_sockname(s, t, c);
}

static enum ov_result ovh_creds(struct sup *s, struct tracee *t,
				struct call *c, const struct decision *d)
{
	OVT(t)->ov_exit = OVX_CREDS;
	return OV_EXIT;
}

static enum ov_result ovh_ioctl(struct sup *s, struct tracee *t,
				struct call *c, const struct decision *d)
{
	return h_ioctl(s, t, c);
}

static enum ov_result ovh_dumpable(struct sup *s, struct tracee *t,
				   struct call *c, const struct decision *d)
{
	return h_dumpable(s, t, c);
}

static enum ov_result ovh_intree(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return h_intree(s, t, c, d->err);
}

static enum ov_result ovh_signal(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return s->sandbox ? h_signal(s, t, c) : OV_PASS;
}

static enum ov_result ovh_send(struct sup *s, struct tracee *t,
			       struct call *c, const struct decision *d)
{
	return s->sandbox ? ov_unix_sandbox(s, t, c) : OV_PASS;
}

static const ov_handler handlers[H__COUNT] = {
	[H_PASS] = ovh_pass,
	[H_REFUSE] = ovh_refuse,
	[H_PRIVILEGED] = ovh_privileged,
	[H_LOOKUP] = ovh_lookup,
	[H_OPEN] = ovh_open,
	[H_MODIFY] = ovh_modify,
	[H_EXEC] = ovh_exec,
	[H_CHDIR] = ovh_chdir,
	[H_GETCWD] = ovh_getcwd,
	[H_FDMETA] = ovh_fdmeta,
	[H_GETDENTS] = ovh_getdents,
	[H_SOCKET] = ovh_socket,
	[H_SOCKNAME] = ovh_sockname,
	[H_CREDS] = ovh_creds,
	[H_IOCTL] = ovh_ioctl,
	[H_DUMPABLE] = ovh_dumpable,
	[H_INTREE] = ovh_intree,
	[H_SIGNAL] = ovh_signal,
	[H_SEND] = ovh_send,
};

bool ov_handles(enum handling how)
{
	return how < H__COUNT && handlers[how];
}

static enum ov_result ov_remote(struct sup *s, struct tracee *t,
				struct call *c);

static enum ov_result dispatch(struct sup *s, struct tracee *t,
			       struct call *c)
{
	enum ov_result res;

	const struct decision *d = sysent_decide(c->id, MODE_OVERLAY,
						 c->abi == s->arch->abis[0]);

	if (!ov_handles(d->how)) {
		log_warn("pid %d: %s: no overlay handler for %s: refused",
			 t->tid, c->ent->name, handling_name(d->how));
		c->refused = true;
		return ov_done(s, t, c, -ENOSYS);
	}
	res = handlers[d->how](s, t, c, d);
	if (OVT(t)->remote) {
		OVT(t)->remote = false;
		return ov_remote(s, t, c);
	}
	return res;
}

bool ov_plain(struct sup *s, struct tracee *t, const struct abi *abi,
	      enum sc_id id, const uint64_t args[6])
{
	char name[NAME_MAX + 2];
	bool fdstat, named;
	int flags;

	if (abi != s->arch->abis[0] || (int)args[0] == AT_FDCWD)
		return false;
	switch (id) {
	case SC_newfstatat:
		flags = (int)args[3];
		break;
	case SC_statx:
		flags = (int)args[2];
		break;
	case SC_readlinkat:
		flags = AT_SYMLINK_NOFOLLOW;
		break;
	default:
		return false;
	}
	fdstat = id != SC_readlinkat && (flags & AT_EMPTY_PATH);
	named = (flags & AT_SYMLINK_NOFOLLOW) && s->view->plain_dirfds;
	if ((!fdstat && !named) ||
	    mem_read_str(t->tid, args[1], name, sizeof(name)) < 0)
		return false;
	if (name[0])
		return named && view_plain_name(s->view, name);
	/* fstat(fd) passes as in h_lookup when its numbers are right */
	return fdstat && !ov_fd_has_origin(s, t, (int)args[0]);
}

/* The path argument whose string (or its tail) FROM is; -1 if none. */
static int remote_arg(const struct call *c, const char *from)
{
	int i, first = -1;

	for (i = 0; i < c->ent->nargs; i++) {
		const char *p = c->str[i];

		if (c->ent->arg[i] != A_PATH && c->ent->arg[i] != A_SOCKADDR)
			continue;
		if (first < 0)
			first = i;
		if (p && from >= p && from <= p + strlen(p))
			return i;
	}
	return first;
}

/*
 * The path argument the library's walk came to /proc with becomes the
 * /proc path reached, decided again as the tracee's own /proc path.
 */
static enum ov_result ov_remote(struct sup *s, struct tracee *t,
				struct call *c)
{
	const char *from, *path = vfs_remote(s->view->vfs, &from);
	int i = remote_arg(c, from), err;

	if (i < 0 || ++OVT(t)->remotes > VFS_MAXSYMLINKS)
		return ov_done(s, t, c, -ELOOP);
	if ((err = ov_move_path(c, i, path)) || (err = ov_proc_links(s, t, c)))
		return ov_done(s, t, c, err);
	return dispatch(s, t, c);
}

enum ov_result ov_enter(struct sup *s, struct tracee *t, struct call *c)
{
	enum ov_result res;
	int err;

	OVT(t)->ov_exit = OVX_NONE;
	OVT(t)->statfix = OVT(t)->merged = false;
	OVT(t)->remotes = 0;
	OVT(t)->remote = false;
	OVT(t)->loop_xdev = false;
	if (!ov_scratch_ready(s, t, c, &res))
		return res;
	if (ov_rewritten(t, c))
		return OV_PASS;
	OVT(t)->rw_valid = false;
	/* openat2 decides its magic links with its flags (h_openat2()) */
	if (c->id != SC_openat2 && (err = ov_proc_links(s, t, c)))
		return ov_done(s, t, c, err);
	if ((OVP(t->proc)->cwd_check || OVP(t->proc)->cwd_gone) &&
	    ov_removed_cwd(s, t, c, &res))
		return res;
	return dispatch(s, t, c);
}

long ov_exit(struct sup *s, struct tracee *t, long ret, bool *restart)
{
	enum ov_exit what = OVT(t)->ov_exit;

	*restart = what == OVX_INJECTED || what == OVX_SEALED;
	OVT(t)->rw_valid = false;	/* the registers are put back */
	if (OVT(t)->chdir_host)
		ov_chdir_exit(t, ret);
	if (OVT(t)->flush) {
		/* the kernel changed an upper directory behind the cache */
		vfs_cache_flush(s->view->vfs);
		OVT(t)->flush = false;
	}
	if (OVT(t)->statfix && ret == 0)
		ov_fix_stat(s, t);
	OVT(t)->statfix = OVT(t)->merged = false;

	OVT(t)->ov_exit = OVX_NONE;
	if (OVT(t)->mmsg_back)
		ret = ov_unix_exit(t, ret);
	if (OVT(t)->loop_xdev && ret == -ELOOP)
		ret = -EXDEV;
	OVT(t)->loop_xdev = false;
	if (ret >= 0)
		vfs_file_opened(OVT(t)->file);
	vfs_file_put(OVT(t)->file);
	OVT(t)->file = NULL;
	switch (what) {
	case OVX_INJECTED:
	case OVX_SEALED:
		ov_scratch_exit(s, t, what, ret);
		break;
	case OVX_GETDENTS:
		ret = ret < 0 ? ret : OVT(t)->ov_ret;
		s->arch->finish(t->tid, OVT(t)->saved, ret);
		break;
	case OVX_RESTORE:
		/* after a successful execve the registers are the new image's */
		if (!(t->call && (t->call->ent->flags & SF_EXEC) && ret == 0))
			s->arch->finish(t->tid, OVT(t)->saved, ret);
		break;
	case OVX_CREDS:
		OVT(t)->cred.valid = false;
		break;
	case OVX_SOCKNAME:
		ov_sockname_exit(s, t, ret);
		break;
	default:
		break;
	}
	return ret;
}

void ov_exec(struct sup *s, struct tracee *t)
{
	struct proc *p = t->proc;

	(void)s;
	if (ov_scratch_exec(t))
		log_warn("pid %d: no memory for a scratch mapping", t->tid);
	drop_dirs(OVP(p));
	if (OVT(t)->exe) {
		free(OVP(p)->exe);
		OVP(p)->exe = OVT(t)->exe;
		OVT(t)->exe = NULL;
	}
}
