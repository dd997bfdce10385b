/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the rewriting mechanics.  Rewritten paths go to a
 * per-process scratch mapping (4 MiB, one 16 KiB slot per thread) made in
 * the tracee by an injected mmap at the first trapped call of each address
 * space.  Never in place (the string may be read-only or shared) and never
 * below the stack pointer (a signal frame or a restarted call could
 * clobber it, and vfork children share the stack).  Only the exact
 * restart of the call just rewritten (ov_rewritten()) is let through as
 * it is; any other pointer into the mapping, which is the tracee's memory,
 * is read as a path like any other.  Changed argument registers are
 * saved and put back at the exit stop; emulated calls are skipped with
 * their result.
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
#include "pathabs.h"
#include "overlay_impl.h"

enum ov_result ov_done(struct sup *s, struct tracee *t, struct call *c,
		       long ret)
{
	if (ret == -EREMOTE) {
		/* nothing done yet: dispatch() decides the call again */
		OVT(t)->remote = true;
		return OV_DONE;
	}
	OVT(t)->rw_valid = false;	/* skipped: nothing to restart */
	if (OVT(t)->ov_exit == OVX_RESTORE) {
		/* arguments were changed before the call was refused */
		s->arch->finish(t->tid, OVT(t)->saved, ret);
		OVT(t)->ov_exit = OVX_NONE;
	}
	s->arch->skip(t->tid, ret);
	c->done = true;
	c->ret = ret;
	return OV_DONE;
}

static bool in_scratch(const struct proc *p, uint64_t addr)
{
	uint64_t scratch = OVP(p)->mm->scratch;

	return scratch && addr >= scratch && addr < scratch + SCRATCH_SIZE;
}

/* 0 for a thread without a slot: ov_scratch_write() refuses it. */
uint64_t ov_part_addr(const struct tracee *t, int part)
{
	if (OVT(t)->slot < 0 || !OVT(t)->mm->scratch)
		return 0;
	return OVT(t)->mm->scratch + (uint64_t)OVT(t)->slot * SLOT_SIZE +
	       part * PART_SIZE;
}

/*
 * Change argument I of the call being entered to VAL.  The registers are
 * saved first (once per call) and put back at the exit stop.
 */
int ov_change_arg(struct sup *s, struct tracee *t, struct call *c,
		  int i, uint64_t val)
{
	int err;

	if (OVT(t)->ov_exit != OVX_RESTORE) {
		if (!OVT(t)->saved && !(OVT(t)->saved = malloc(sizeof(*OVT(t)->saved))))
			return -ENOMEM;
		err = s->arch->save(t->tid, OVT(t)->saved);
		if (err)
			return err;
		OVT(t)->ov_exit = OVX_RESTORE;
		OVT(t)->rw_id = c->id;
		memcpy(OVT(t)->rw_args, c->args, sizeof(c->args));
	}
	OVT(t)->rw_valid = true;
	OVT(t)->rw_args[i] = val;
	return s->arch->set_arg(t->tid, c->abi, i, val);
}

/* Put LEN bytes of DATA in part PART of T's slot; pass it as arg I. */
int ov_set_arg_data(struct sup *s, struct tracee *t, struct call *c,
		    int i, int part, const void *data, size_t len)
{
	uint64_t addr = ov_part_addr(t, part);
	int err;

	if (len > PART_SIZE)
		return -ENAMETOOLONG;
	if (c->abi->ptr_size == 4 && addr + len > UINT32_MAX) {
		/* the scratch mapping cannot be named in a 32-bit register */
		log_warn("pid %d: %s: scratch memory above 4 GiB: refused",
			 t->tid, c->ent->name);
		c->refused = true;
		return -ENOSYS;
	}
	err = ov_scratch_write(t, addr, data, len);
	if (!err)
		err = ov_change_arg(s, t, c, i, addr);
	return err;
}

/*
 * Whether relative path argument I, as given, names HOST when the kernel
 * resolves it against its own base (the dirfd's directory or the cwd):
 * base + "/" + the string is HOST.  Anything else in the string (".",
 * "..", symlinks, mount points) makes the view's answer differ from that
 * text, and the argument is rewritten.
 */
static bool same_relative(const struct call *c, int i, const char *host)
{
	size_t blen = strlen(c->hbase), hlen = strlen(host);
	const char *rel;

	if (c->hbase_arg != i || !blen || !c->str[i])
		return false;
	rel = c->str[i] + strlen(c->str[i]) - c->rlen;
	if (blen == 1)
		blen = 0;	/* "/" */
	return hlen == blen + 1 + (size_t)c->rlen &&
	       !strncmp(host, c->hbase, blen) && host[blen] == '/' &&
	       !strcmp(host + blen + 1, rel);
}

/*
 * HOST named from the kernel's base of relative argument I (its dirfd's
 * directory, or the kernel cwd) when the two share more than "/" (see
 * path_from()): the kernel then walks from the directory it holds, as
 * for the tracee's own relative string, and does not search the
 * ancestors again: a cwd whose parent was made unsearchable stays
 * usable, as on the kernel.  Both are canonical host paths (the base is
 * what /proc or the view named, HOST what the view resolved to), so each
 * ".." is the parent on the host.  HOST itself otherwise; BUF (SIZE
 * bytes) holds the result.
 */
static const char *from_base(const struct call *c, int i, const char *host,
			     char *buf, size_t size)
{
	if (c->hbase_arg != i || !(c->rel & (1u << i)) ||
	    path_from(c->hbase, host, buf, size) < 0)
		return host;
	return buf;
}

/*
 * Whether path argument I, as the tracee gave it, already takes the kernel
 * to TG (VFS_T_AS_GIVEN: the same steps on the host, symlinks and ".."
 * included): only an absolute string, since the kernel's cwd is not the
 * view's.
 */
bool ov_as_given(const struct call *c, int i, const struct vfs_target *tg)
{
	return (tg->attrs & VFS_T_AS_GIVEN) && !(c->rel & (1u << i)) &&
	       !(c->moved & (1u << i)) &&
	       c->str[i] && c->str[i][0] == '/';
}

/*
 * Make path argument I name HOST.  Nothing is written when the tracee's
 * string already names HOST (the hot case: an unchanged lower path,
 * absolute or relative to a directory of the same layer).
 */
int ov_rewrite(struct sup *s, struct tracee *t, struct call *c, int i,
	       const char *host)
{
	char rel[PATH_MAX];

	while (host[0] == '/' && host[1] == '/')
		host++;		/* a layer at "/" joined with "/rel" */
	if (c->moved & (1u << i))
		;	/* the tracee's string is not the view's path */
	else if (c->rel & (1u << i) ? same_relative(c, i, host) :
		 c->str[i] && !strcmp(c->str[i], host))
		return 0;
	host = from_base(c, i, host, rel, sizeof(rel));
	return ov_set_arg_data(s, t, c, i, i > 1 ? 1 : 0, host,
			    strlen(host) + 1);
}

/* The kernel runs the call; with an exit stop when registers changed. */
enum ov_result ov_pass(const struct tracee *t)
{
	return OVT(t)->ov_exit ? OV_EXIT : OV_PASS;
}

bool ov_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

int ov_first_path(const struct call *c)
{
	int i = sysent_find_arg(c->ent, A_PATH, 0);

	return i < 0 ? sysent_find_arg(c->ent, A_SOCKADDR, 0) : i;
}

int ov_at_flags(const struct call *c)
{
	int i = sysent_find_arg(c->ent, A_ATFLAGS, 0), f;

	f = i < 0 ? 0 : (int)c->args[i];
	if (c->ent->flags & SF_NOFOLLOW && c->id != SC_unlinkat &&
	    c->id != SC_linkat && c->id != SC_renameat &&
	    c->id != SC_renameat2)
		f |= AT_SYMLINK_NOFOLLOW;
	return f;
}

const char *ov_walk_from(const struct call *c, int i, const char *vp,
			 char *buf, size_t size, const char **path)
{
	size_t len, rlen, blen;

	*path = vp;
	/* a string cut at PATH_MAX stays joined: ENAMETOOLONG, as given */
	if (i < 0 || !vp || vp != c->str[i] || vp[0] != '/' ||
	    !(c->rel & (1u << i)) || !(rlen = c->rlens[i]) ||
	    rlen >= PATH_MAX - 1)
		return NULL;
	len = strlen(vp);
	if (rlen >= len || (blen = len - rlen) >= size)
		return NULL;
	memcpy(buf, vp, blen);
	buf[blen] = '\0';
	if (blen > 1 && buf[blen - 1] == '/')
		buf[blen - 1] = '\0';	/* the joining slash */
	*path = vp + blen;
	return buf;
}

/*
 * Whether the kernel resolves the relative string REL from a cwd whose
 * names are the view's as the view does: no "..", no ".wh." name, no
 * name of a mask or mount point; one name only when ONE.
 */
static bool kernel_walk_ok(const struct sup *s, const char *rel, bool one)
{
	char name[NAME_MAX + 1];
	const char *p = rel, *e;

	if (!strcmp(rel, "."))
		return true;
	if (!*rel || (one && strchr(rel, '/')))
		return false;
	for (; *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, '/');
		if (e == p || (size_t)(e - p) > NAME_MAX)
			return false;
		memcpy(name, p, e - p);
		name[e - p] = '\0';
		if (!strcmp(name, "..") || !strncmp(name, ".wh.", 4) ||
		    vfs_special_name(s->view->vfs, name))
			return false;
	}
	return true;
}

bool ov_kernel_decides(const struct sup *s, const struct tracee *t,
		       const struct call *c, int i, long err, bool writes)
{
	const struct ov_proc *op = OVP(t->proc);
	int d = sysent_dirfd_of(c->ent, i);

	if (err != -EACCES || i < 0 || !c->str[i] || !(c->rel & (1u << i)) ||
	    !t->proc->kcwd || (d >= 0 && (int)c->args[d] != AT_FDCWD))
		return false;
	/* the kernel's base of argument I is the cwd (decode's hbase) */
	if (c->hbase_arg == i && strcmp(c->hbase, t->proc->kcwd))
		return false;
	if (!(op->cwd_top || (op->cwd_plain && !writes)))
		return false;
	return kernel_walk_ok(s, c->str[i] + strlen(c->str[i]) - c->rlens[i],
			      writes);
}

/* The view path of argument I ("" + AT_EMPTY_PATH: the fd's path). */
const char *ov_path_of(const struct call *c, int i)
{
	const char *p = i >= 0 ? c->str[i] : NULL;

	if ((!p || !p[0]) && c->fdpath)
		return c->fdpath;	/* the fd's, or the cwd's (AT_EMPTY_PATH) */
	return p;
}

long ov_path_err(const struct call *c, int i)
{
	return i >= 0 && c->err[i] ? c->err[i] : -EFAULT;
}

/*
 * The exact restart of the call vfstrace rewrote last in T, before its
 * exit stop: same call, same arguments, a path argument in the scratch
 * mapping.  Any other pointer into the mapping is the tracee's own (the
 * mapping is its memory) and is read as a view path like any other.
 */
bool ov_rewritten(const struct tracee *t, const struct call *c)
{
	const struct ov_thread *o = OVT(t);
	bool scratch = false;
	int i;

	if (!o->rw_valid || o->rw_id != c->id ||
	    memcmp(o->rw_args, c->args, sizeof(c->args)))
		return false;
	for (i = 0; i < c->ent->nargs; i++) {
		int k = c->ent->arg[i];

		/* socketcall's args array: see h_sock() */
		if ((k == A_PATH || k == A_SOCKADDR ||
		     (c->id == SC_socketcall && i == 1)) &&
		    in_scratch(t->proc, c->args[i]))
			scratch = true;
	}
	return scratch;
}
