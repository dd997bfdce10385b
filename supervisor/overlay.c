/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the handlers of every trapped call (see overlay.h).
 *
 * Rewritten paths go to a per-process scratch mapping (4 MiB, one 16 KiB
 * slot per thread) made in the tracee by an injected mmap at the first
 * trapped call of each address space.  Never in place (the string may be
 * read-only or shared) and never below the stack pointer (a signal frame
 * or a restarted call could clobber it, and vfork children share the
 * stack).  A call restarted by the kernel after a signal comes back with
 * its arguments already pointing into the mapping: it is let through.
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
#include "procfs.h"
#include "vfs.h"
#include "view.h"

#define SCRATCH_SIZE (4u << 20)
#define SLOT_SIZE (16u << 10)
#define NSLOTS (SCRATCH_SIZE / SLOT_SIZE)
#define PART_SIZE 6144		/* part 0, 1: paths; part 2: sockaddr */
#define MAX_XATTR (64 * 1024)

/* One directory fd whose listing is emulated (per process). */
struct dirstate {
	int fd;
	unsigned long ino, mnt;	/* of the host directory, from fdinfo */
	bool emulate;
	char *view;		/* owned */
	struct vfs_dir *snap;	/* owned; NULL until the first read */
};

/* ---- state of tracees and processes ---- */

static void dirstate_clear(struct dirstate *d)
{
	free(d->view);
	vfs_closedir(d->snap);
	memset(d, 0, sizeof(*d));
}

void ov_proc_free(struct proc *p)
{
	size_t i;

	for (i = 0; i < p->ndirs; i++)
		dirstate_clear(&p->dirs[i]);
	free(p->dirs);
	p->dirs = NULL;
	p->ndirs = 0;
}

void ov_tracee_free(struct tracee *t)
{
	free(t->saved);
	free(t->exe);
	vfs_file_put(t->file);
	t->saved = NULL;
	t->exe = NULL;
	t->file = NULL;
}

/* ---- credentials ---- */

static void read_ids(const char *line, unsigned int *fs)
{
	unsigned int r, e, sv;

	sscanf(line, "%u %u %u %u", &r, &e, &sv, fs);
}

/* Fill T->cred from /proc/TID/status; 0 or -errno. */
static int cred_load(struct tracee *t)
{
	char buf[4096], *l;
	unsigned int fsuid = 0, fsgid = 0;
	int err = procfs_status(t->tid, buf, sizeof(buf));

	if (err)
		return err;
	t->cred.umask = 022;
	t->cred.ngroups = 0;
	for (l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (!strncmp(l, "Umask:", 6))
			t->cred.umask = strtoul(l + 6, NULL, 8);
		else if (!strncmp(l, "Uid:", 4))
			read_ids(l + 4, &fsuid);
		else if (!strncmp(l, "Gid:", 4))
			read_ids(l + 4, &fsgid);
		else if (!strncmp(l, "Groups:", 7)) {
			char *p = l + 7, *end;

			while (t->cred.ngroups < 64) {
				unsigned long g = strtoul(p, &end, 10);

				if (end == p)
					break;
				t->cred.groups[t->cred.ngroups++] = g;
				p = end;
			}
		}
	}
	t->cred.fsuid = fsuid;
	t->cred.fsgid = fsgid;
	t->cred.valid = true;
	return 0;
}

static struct vfs_cred cred_of(struct tracee *t)
{
	if (!t->cred.valid)
		cred_load(t);
	return (struct vfs_cred){ .fsuid = t->cred.fsuid,
				  .fsgid = t->cred.fsgid,
				  .ngroups = t->cred.ngroups,
				  .groups = t->cred.groups,
				  .umask = t->cred.umask };
}

/* ---- results and rewriting ---- */

static enum ov_result done(struct sup *s, struct tracee *t, struct call *c,
			   long ret)
{
	if (t->ov_exit == OVX_RESTORE) {
		/* arguments were changed before the call was refused */
		s->arch->finish(t->tid, t->saved, ret);
		t->ov_exit = OVX_NONE;
	}
	s->arch->skip(t->tid, ret);
	c->done = true;
	c->ret = ret;
	return OV_DONE;
}

static bool in_scratch(const struct proc *p, uint64_t addr)
{
	return p->scratch && addr >= p->scratch &&
	       addr < p->scratch + SCRATCH_SIZE;
}

static uint64_t part_addr(const struct tracee *t, int part)
{
	return t->proc->scratch + (t->slot % NSLOTS) * SLOT_SIZE +
	       part * PART_SIZE;
}

/*
 * Change argument I of the call being entered to VAL.  The registers are
 * saved first (once per call) and put back at the exit stop.
 */
static int change_arg(struct sup *s, struct tracee *t, struct call *c,
		      int i, uint64_t val)
{
	int err;

	if (t->ov_exit != OVX_RESTORE) {
		if (!t->saved && !(t->saved = malloc(sizeof(*t->saved))))
			return -ENOMEM;
		err = s->arch->save(t->tid, t->saved);
		if (err)
			return err;
		t->ov_exit = OVX_RESTORE;
	}
	return s->arch->set_arg(t->tid, c->abi, i, val);
}

/* Put LEN bytes of DATA in part PART of T's slot; pass it as arg I. */
static int set_arg_data(struct sup *s, struct tracee *t, struct call *c,
			int i, int part, const void *data, size_t len)
{
	uint64_t addr = part_addr(t, part);
	int err;

	if (len > PART_SIZE)
		return -ENAMETOOLONG;
	err = mem_write(t->tid, addr, data, len);
	if (!err)
		err = change_arg(s, t, c, i, addr);
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
 * Whether path argument I, as the tracee gave it, already takes the kernel
 * to TG (VFS_T_AS_GIVEN: the same steps on the host, symlinks and ".."
 * included): only an absolute string, since the kernel's cwd is not the
 * view's.
 */
static bool as_given(const struct call *c, int i, const struct vfs_target *tg)
{
	return (tg->attrs & VFS_T_AS_GIVEN) && !(c->rel & (1u << i)) &&
	       c->str[i] && c->str[i][0] == '/';
}

/*
 * Make path argument I name HOST.  Nothing is written when the tracee's
 * string already names HOST (the hot case: an unchanged lower path,
 * absolute or relative to a directory of the same layer).
 */
static int rewrite(struct sup *s, struct tracee *t, struct call *c, int i,
		   const char *host)
{
	while (host[0] == '/' && host[1] == '/')
		host++;		/* a layer at "/" joined with "/rel" */
	if (c->rel & (1u << i) ? same_relative(c, i, host) :
	    c->str[i] && !strcmp(c->str[i], host))
		return 0;
	return set_arg_data(s, t, c, i, i > 1 ? 1 : 0, host,
			    strlen(host) + 1);
}

/* The kernel runs the call; with an exit stop when registers changed. */
static enum ov_result pass(const struct tracee *t)
{
	return t->ov_exit ? OV_EXIT : OV_PASS;
}

/* ---- /proc and /dev/fd ---- */

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/*
 * /proc is the host's, not a view's: its magic links name the calling
 * process.  /dev/fd/N and /dev/std* are /proc/TGID/fd/N, but for the links
 * /dev/fd and /dev/std* themselves when NOFOLLOW (lstat, readlink): those
 * are ordinary symlinks.  Returns true with OUT the host path to use for
 * such a path.
 */
static bool proc_path(const struct tracee *t, const char *vp, bool nofollow,
		      char *out, size_t size)
{
	static const char *const std[] = { "/dev/stdin", "/dev/stdout",
					    "/dev/stderr" };
	int i;

	if (under(vp, "/proc")) {
		snprintf(out, size, "%s", vp);
		return true;
	}
	if (nofollow && !strcmp(vp, "/dev/fd"))
		return false;
	if (under(vp, "/dev/fd")) {
		snprintf(out, size, "/proc/%d/fd%s", t->proc->tgid, vp + 7);
		return true;
	}
	for (i = 0; i < 3 && !nofollow; i++) {
		if (!strcmp(vp, std[i])) {
			snprintf(out, size, "/proc/%d/fd/%d", t->proc->tgid, i);
			return true;
		}
	}
	return false;
}

/* The tracee named by the pid part of /proc/PID/...; NULL if none. */
static struct tracee *proc_owner(struct sup *s, struct tracee *t,
				 const char *p, const char **rest)
{
	char *end;
	long pid;

	p += strlen("/proc/");
	if (!strncmp(p, "self", 4) && (p[4] == '/' || !p[4])) {
		*rest = p + 4;
		return t;
	}
	if (!strncmp(p, "thread-self", 11) && (p[11] == '/' || !p[11])) {
		*rest = p + 11;
		return t;
	}
	pid = strtol(p, &end, 10);
	if (end == p || (*end != '/' && *end))
		return NULL;
	*rest = end;
	return tracee_get(&s->tracees, pid);
}

/*
 * readlink of /proc/PID/{cwd,exe,fd/N} (and task/TID/...) of a tracee:
 * the view's names.  Returns the link into OUT, or -ENOENT when the path
 * is not one of those (the kernel answers).
 */
static int proc_link(struct sup *s, struct tracee *t, const char *vp,
		     char *out, size_t size)
{
	const char *rest;
	struct tracee *o;
	char *end;

	if (!under(vp, "/proc") || !(o = proc_owner(s, t, vp, &rest)))
		return -ENOENT;
	if (!strncmp(rest, "/task/", 6)) {
		strtol(rest + 6, &end, 10);
		rest = end;
	}
	if (!strcmp(rest, "/cwd") && o->proc->cwd)
		return snprintf(out, size, "%s", o->proc->cwd);
	if (!strcmp(rest, "/exe")) {
		/*
		 * The kernel's answer mapped back, not the exe noted at the
		 * exec event: another process may ask before that event of
		 * the exec'ing one has been handled.
		 */
		char host[PATH_MAX];
		ssize_t n = procfs_exe(o->tid, host, sizeof(host));

		if (n > 0) {
			n = view_from_host(s->view, host, out, size);
			if (n > 0)
				return n;
		}
		if (o->proc->exe)
			return snprintf(out, size, "%s", o->proc->exe);
	}
	if (!strcmp(rest, "/root"))
		return snprintf(out, size, "/");
	if (!strncmp(rest, "/fd/", 4)) {
		long fd = strtol(rest + 4, &end, 10);

		if (*end || end == rest + 4)
			return -ENOENT;
		return view_fd_path(s->view, o->tid, fd, out, size);
	}
	return -ENOENT;
}

/*
 * The view path of the object a /proc/PID/fd/N or /dev/fd/N path names
 * (PID a tracee, or self); false when VP is no such path or the fd has
 * no view name.  The library must never resolve these itself: they are
 * magic links of the calling process, not of vfstrace.
 */
static bool fd_link_view(struct sup *s, struct tracee *t, const char *vp,
			 char *out, size_t size)
{
	char host[PATH_MAX];
	const char *rest;
	struct tracee *o = t;
	char *end;
	long fd;

	if (!proc_path(t, vp, false, host, sizeof(host)) ||
	    !under(host, "/proc") ||
	    !(o = proc_owner(s, t, host, &rest)))
		return false;
	if (!strncmp(rest, "/task/", 6)) {
		strtol(rest + 6, &end, 10);
		rest = end;
	}
	if (strncmp(rest, "/fd/", 4))
		return false;
	fd = strtol(rest + 4, &end, 10);
	if (*end || end == rest + 4)
		return false;
	return view_fd_path(s->view, o->tid, fd, out, size) > 0;
}

/* ---- helpers over the decoded call ---- */

static int first_path(const struct call *c)
{
	int i = sysent_find_arg(c->ent, A_PATH, 0);

	return i < 0 ? sysent_find_arg(c->ent, A_SOCKADDR, 0) : i;
}

static int at_flags(const struct call *c)
{
	int i = sysent_find_arg(c->ent, A_ATFLAGS, 0), f;

	f = i < 0 ? 0 : (int)c->args[i];
	if (c->ent->flags & SF_NOFOLLOW && c->id != SC_unlinkat &&
	    c->id != SC_linkat && c->id != SC_renameat &&
	    c->id != SC_renameat2)
		f |= AT_SYMLINK_NOFOLLOW;
	return f;
}

/* The view path of argument I ("" + AT_EMPTY_PATH: the fd's path). */
static const char *path_of(const struct call *c, int i)
{
	const char *p = i >= 0 ? c->str[i] : NULL;

	if ((!p || !p[0]) && c->fdpath)
		return c->fdpath;	/* the fd's, or the cwd's (AT_EMPTY_PATH) */
	return p;
}

static long path_err(const struct call *c, int i)
{
	return i >= 0 && c->err[i] ? c->err[i] : -EFAULT;
}

/* ---- emulation of lookups on objects without host metadata ---- */

static int put_statx(pid_t tid, uint64_t addr, const struct stat *st)
{
	struct statx x;

	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = st->st_blksize;
	x.stx_nlink = st->st_nlink;
	x.stx_uid = st->st_uid;
	x.stx_gid = st->st_gid;
	x.stx_mode = st->st_mode;
	x.stx_ino = st->st_ino;
	x.stx_size = st->st_size;
	x.stx_blocks = st->st_blocks;
	x.stx_atime.tv_sec = st->st_atim.tv_sec;
	x.stx_atime.tv_nsec = st->st_atim.tv_nsec;
	x.stx_mtime.tv_sec = st->st_mtim.tv_sec;
	x.stx_mtime.tv_nsec = st->st_mtim.tv_nsec;
	x.stx_ctime.tv_sec = st->st_ctim.tv_sec;
	x.stx_ctime.tv_nsec = st->st_ctim.tv_nsec;
	x.stx_rdev_major = major(st->st_rdev);
	x.stx_rdev_minor = minor(st->st_rdev);
	x.stx_dev_major = major(st->st_dev);
	x.stx_dev_minor = minor(st->st_dev);
	return mem_write(tid, addr, &x, sizeof(x));
}

/* Emulate a lookup-class call on VP (no host object); result. */
static long emulate_lookup(struct sup *s, struct tracee *t, struct call *c,
			   const char *vp, int af)
{
	struct vfs_cred cr = cred_of(t);
	struct vfs *v = s->view->vfs;
	char buf[PATH_MAX];
	struct stat st;
	struct statfs sfs;
	long r;

	switch (c->id) {
	case SC_stat: case SC_lstat: case SC_newfstatat:
		r = vfs_stat(v, &cr, NULL, vp, af, &st);
		if (!r)
			r = mem_write(t->tid, c->args[c->id == SC_newfstatat ?
					2 : 1], &st, sizeof(st));
		return r;
	case SC_statx:
		r = vfs_stat(v, &cr, NULL, vp, af, &st);
		return r ? r : put_statx(t->tid, c->args[4], &st);
	case SC_access: case SC_faccessat: case SC_faccessat2:
		return vfs_access(v, &cr, NULL, vp,
				  (int)c->args[c->id == SC_access ? 1 : 2], af);
	case SC_readlink: case SC_readlinkat: {
		int bi = c->id == SC_readlink ? 1 : 2;
		size_t size = c->args[bi + 1];

		r = vfs_readlink(v, &cr, NULL, vp, buf, sizeof(buf));
		if (r > 0 && (size_t)r > size)
			r = size;
		if (r > 0 && mem_write(t->tid, c->args[bi], buf, r))
			r = -EFAULT;
		return r;
	}
	case SC_statfs:
		r = vfs_statfs(v, &cr, NULL, vp, &sfs);
		return r ? r : mem_write(t->tid, c->args[1], &sfs, sizeof(sfs));
	case SC_getxattr: case SC_lgetxattr:
	case SC_listxattr: case SC_llistxattr: {
		bool list = c->id == SC_listxattr || c->id == SC_llistxattr;
		size_t size = c->args[list ? 2 : 3];
		char *val = malloc(size > MAX_XATTR ? MAX_XATTR : size + 1);

		if (!val)
			return -ENOMEM;
		if (size > MAX_XATTR)
			size = MAX_XATTR;
		r = list ? vfs_listxattr(v, &cr, NULL, vp, val, size, af) :
			   vfs_getxattr(v, &cr, NULL, vp, c->str[1], val,
					size, af);
		if (r > 0 && size && mem_write(t->tid, c->args[list ? 1 : 2],
					       val, r))
			r = -EFAULT;
		free(val);
		return r;
	}
	default:
		return -ENOTSUP;
	}
}

static bool is_stat(const struct call *c)
{
	return c->id == SC_stat || c->id == SC_lstat ||
	       c->id == SC_newfstatat || c->id == SC_statx;
}

static bool is_xattr_read(const struct call *c)
{
	return c->id == SC_getxattr || c->id == SC_lgetxattr ||
	       c->id == SC_listxattr || c->id == SC_llistxattr;
}

/*
 * Whether fd FD of T may be on a copied-up object, whose kernel stat
 * shows the upper inode where the view shows its origin's.  One stat of
 * the fd's /proc link (it lands on the fd's own object) while there are
 * origins at all; an fd that cannot be looked at is assumed to be one.
 */
static bool fd_has_origin(struct sup *s, struct tracee *t, int fd)
{
	struct stat st;

	if (!vfs_has_origins(s->view->vfs))
		return false;
	return procfs_fd_stat(t->tid, fd, &st) ||
	       !vfs_ino_origin(s->view->vfs, st.st_dev, st.st_ino, NULL, NULL);
}

/* stat, access, readlink, xattr reads, statfs, exec, inotify, ... */
static enum ov_result h_lookup(struct sup *s, struct tracee *t,
			       struct call *c, int i)
{
	struct vfs_cred cr = cred_of(t);
	const char *vp = path_of(c, i);
	struct vfs_target tg;
	char host[PATH_MAX];
	int af = at_flags(c), err;

	if (c->str[i] && !c->str[i][0] && (af & AT_EMPTY_PATH) && c->fd >= 0) {
		/* fstat(fd): the fd is real; its numbers may need the origin */
		if (is_stat(c) && fd_has_origin(s, t, c->fd)) {
			t->statfix = true;
			return OV_EXIT;
		}
		return OV_PASS;
	}
	if (!vp)
		return done(s, t, c, path_err(c, i));
	if (proc_path(t, vp, af & AT_SYMLINK_NOFOLLOW, host, sizeof(host))) {
		if ((c->id == SC_readlink || c->id == SC_readlinkat) &&
		    (err = proc_link(s, t, vp, host, sizeof(host))) >= 0) {
			int bi = c->id == SC_readlink ? 1 : 2;
			size_t n = (size_t)err < c->args[bi + 1] ? (size_t)err :
				   c->args[bi + 1];

			if (mem_write(t->tid, c->args[bi], host, n))
				return done(s, t, c, -EFAULT);
			c->out = strndup(host, n);
			return done(s, t, c, n);
		}
		err = rewrite(s, t, c, i, host);
		return err ? done(s, t, c, err) : pass(t);
	}
	err = vfs_resolve(s->view->vfs, &cr, NULL, vp,
			  af & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH),
			  VFS_PEEK, &tg);
	if (err == -ENOENT && as_given(c, i, &tg))
		return pass(t);		/* the kernel finds nothing either */
	if (err)
		return done(s, t, c, err);
	if (!tg.host[0] || !(tg.attrs & VFS_T_HOST_META))
		return done(s, t, c, emulate_lookup(s, t, c, vp,
			    af & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)));
	if ((tg.attrs & VFS_T_ORIGIN) && is_xattr_read(c))
		/* the host object carries user.vfstrace.* attributes */
		return done(s, t, c, emulate_lookup(s, t, c, vp,
			    af & AT_SYMLINK_NOFOLLOW));
	err = as_given(c, i, &tg) ? 0 : rewrite(s, t, c, i, tg.host);
	if (!err && (tg.attrs & VFS_T_ORIGIN) && is_stat(c)) {
		t->statfix = true;
		return OV_EXIT;
	}
	return err ? done(s, t, c, err) : pass(t);
}

/*
 * A "#!" script: its interpreter and optional argument (Linux rules: the
 * first line, at most 256 bytes, one argument after the interpreter).
 * Returns true for a script.
 */
static bool shebang(const char *host, char *interp, size_t isize, char *arg,
		    size_t asize)
{
	char buf[257], *p, *end, *nl;
	ssize_t n;
	int fd = open(host, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 3 || buf[0] != '#' || buf[1] != '!')
		return false;
	buf[n] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
		;
	for (end = p; *end && *end != ' ' && *end != '\t'; end++)
		;
	if (end == p || (size_t)(end - p) >= isize)
		return false;
	memcpy(interp, p, end - p);
	interp[end - p] = '\0';
	for (p = end; *p == ' ' || *p == '\t'; p++)
		;
	for (end = p + strlen(p); end > p && (end[-1] == ' ' ||
					      end[-1] == '\t'); end--)
		;
	if ((size_t)(end - p) >= asize)
		return false;
	memcpy(arg, p, end - p);
	arg[end - p] = '\0';
	return true;
}

/*
 * Run the script through its interpreter ourselves: the kernel would pass
 * the interpreter the host path of the script, a path that does not
 * exist in the view.  argv becomes [INTERP, ARG?, FILENAME, argv[1]...]
 * as the kernel builds it, with FILENAME as the tracee gave it; strings go
 * to part 1 of the slot, the vector to the rest.  Returns 0, 1 when the
 * vector does not fit (the caller execs the script by its host path), or
 * -errno.
 */
static int exec_script(struct sup *s, struct tracee *t, struct call *c,
		       int pi, const char *interp, const char *arg)
{
	struct vfs_cred cr = cred_of(t);
	int ai = sysent_find_arg(c->ent, A_ARGV, 0), n = 0, err;
	uint64_t vec[(SLOT_SIZE - 2 * PART_SIZE) / 8], p, strs;
	char host[PATH_MAX], buf[PART_SIZE];
	struct vfs_target tg;
	size_t off = 0, len;
	const char *words[3] = { interp, arg[0] ? arg : NULL, c->raw };
	int i, nvec = sizeof(vec) / sizeof(vec[0]);

	if (!c->raw || ai < 0)
		return 1;
	err = vfs_resolve(s->view->vfs, &cr, NULL, interp, 0, VFS_LOOKUP,
			  &tg);
	if (err)
		return err;
	snprintf(host, sizeof(host), "%s", tg.host);
	strs = part_addr(t, 1);
	for (i = 0; i < 3; i++) {
		if (!words[i])
			continue;
		len = strlen(words[i]) + 1;
		if (off + len > sizeof(buf))
			return 1;
		memcpy(buf + off, words[i], len);
		vec[n++] = strs + off;
		off += len;
	}
	for (p = c->args[ai] + 8; n < nvec; p += 8) {
		if (mem_read(t->tid, p, &vec[n], 8))
			return -EFAULT;
		if (!vec[n++])
			break;
	}
	if (n == nvec && vec[n - 1])
		return 1;
	err = mem_write(t->tid, strs, buf, off);
	if (!err)
		err = mem_write(t->tid, part_addr(t, 2), vec, n * 8);
	if (!err)
		err = change_arg(s, t, c, ai, part_addr(t, 2));
	if (!err)
		err = set_arg_data(s, t, c, pi, 0, host, strlen(host) + 1);
	return err;
}

/* execve, execveat */
static enum ov_result h_exec(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = cred_of(t);
	int i = first_path(c), err;
	const char *vp = path_of(c, i);
	char interp[256], arg[256];
	struct vfs_target tg;

	if (!vp)
		return done(s, t, c, path_err(c, i));
	if (c->str[i] && !c->str[i][0])
		return OV_PASS;		/* fexecve: the fd is real */
	if (under(vp, "/proc") || under(vp, "/dev/fd"))
		return h_lookup(s, t, c, i);
	err = vfs_resolve(s->view->vfs, &cr, NULL, vp,
			  at_flags(c) & AT_SYMLINK_NOFOLLOW, VFS_LOOKUP, &tg);
	if (!err && !tg.host[0])
		err = -EACCES;	/* memory files cannot be run */
	if (err)
		return done(s, t, c, err);
	free(t->exe);
	t->exe = strdup(tg.view);
	if (shebang(tg.host, interp, sizeof(interp), arg, sizeof(arg))) {
		/* the kernel checks the script's own execute permission */
		err = vfs_access(s->view->vfs, &cr, NULL, tg.view, X_OK, 0);
		if (err)
			return done(s, t, c, err);
		err = exec_script(s, t, c, i, interp, arg);
		if (err <= 0)
			return err ? done(s, t, c, err) : pass(t);
	}
	err = rewrite(s, t, c, i, tg.host);
	return err ? done(s, t, c, err) : pass(t);
}

/* getsockname, getpeername: at the exit, the view's name of the socket. */
static enum ov_result h_sockname(struct sup *s, struct tracee *t,
				 struct call *c)
{
	int len;

	if (!c->args[1] || !c->args[2] ||
	    mem_read(t->tid, c->args[2], &len, sizeof(len)))
		return OV_PASS;
	t->ov_ret = len;
	t->ov_exit = OVX_SOCKNAME;
	return OV_EXIT;
}

static void sockname_exit(struct sup *s, struct tracee *t, long ret)
{
	struct sockaddr_un sun;
	char view[PATH_MAX];
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
	vlen = view_from_host(s->view, sun.sun_path, view, sizeof(view));
	if (vlen <= 0 || (size_t)vlen >= sizeof(sun.sun_path))
		return;
	memcpy(sun.sun_path, view, vlen + 1);
	len = offsetof(struct sockaddr_un, sun_path) + vlen + 1;
	n = len < t->ov_ret ? (size_t)len : (size_t)t->ov_ret;
	mem_write(t->tid, t->call->args[1], &sun, n);
	mem_write(t->tid, t->call->args[2], &len, sizeof(len));
}

/* Whether TG is a fifo of a lower layer (not in the upper). */
static bool lower_fifo(struct sup *s, const struct vfs_target *tg)
{
	return S_ISFIFO(tg->type) && s->view->upper &&
	       !under(tg->host, s->view->upper);
}

/* open, creat, openat */
static enum ov_result h_open(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = cred_of(t);
	int i = first_path(c), fi = sysent_find_arg(c->ent, A_OFLAGS, 0);
	int mi = sysent_find_arg(c->ent, A_MODE, 0);
	int flags = fi < 0 ? O_CREAT | O_WRONLY | O_TRUNC : (int)c->args[fi];
	const char *vp = path_of(c, i);
	struct vfs_target tg;
	char host[PATH_MAX];
	int err;

	if (!vp)
		return done(s, t, c, path_err(c, i));
	if (proc_path(t, vp, flags & O_NOFOLLOW, host, sizeof(host))) {
		err = rewrite(s, t, c, i, host);
		return err ? done(s, t, c, err) : pass(t);
	}
	err = vfs_open(s->view->vfs, &cr, NULL, vp, flags,
		       (mode_t)c->args[mi], &tg, &t->file);
	if (err == -ENOENT && !(flags & O_CREAT) && as_given(c, i, &tg))
		return pass(t);		/* the kernel finds nothing either */
	if (err)
		return done(s, t, c, err);
	if (!tg.host[0] && (tg.attrs & VFS_T_DIR))
		s->view->plain_dirfds = false;
	if (!tg.host[0] && (tg.attrs & VFS_T_DIR) &&
	    !view_placeholder(s->view, tg.view, host, sizeof(host))) {
		/* a directory with no host object: a stand-in to list */
		vfs_file_put(t->file);
		t->file = NULL;
		err = rewrite(s, t, c, i, host);
		return err ? done(s, t, c, err) : pass(t);
	}
	if (!tg.host[0]) {
		vfs_file_put(t->file);
		t->file = NULL;
		return done(s, t, c, -ENOTSUP);
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
			vfs_file_put(t->file);
			t->file = NULL;
			return done(s, t, c, err);
		}
	}
	err = as_given(c, i, &tg) ? 0 : rewrite(s, t, c, i, tg.host);
	if (!err && fi >= 0 && tg.flags != flags)
		err = change_arg(s, t, c, fi, (unsigned)tg.flags);
	if (err) {
		vfs_file_put(t->file);
		t->file = NULL;
		return done(s, t, c, err);
	}
	return t->file || t->ov_exit ? OV_EXIT : OV_PASS;
}

/* chdir and fchdir: the view cwd is the supervisor's; the kernel's stays. */
static enum ov_result h_chdir(struct sup *s, struct tracee *t,
			      struct call *c, const char *vp)
{
	struct vfs_cred cr = cred_of(t);
	struct vfs_target tg;
	int err;

	if (!vp)
		return done(s, t, c, c->fd >= 0 ? -EBADF : path_err(c, 0));
	err = vfs_resolve(s->view->vfs, &cr, NULL, vp, 0, VFS_LOOKUP, &tg);
	if (!err && !(tg.attrs & VFS_T_DIR))
		err = -ENOTDIR;
	if (!err)
		err = vfs_access(s->view->vfs, &cr, NULL, tg.view, X_OK, 0);
	if (err)
		return done(s, t, c, err);
	free(t->proc->cwd);
	t->proc->cwd = strdup(tg.view);
	return done(s, t, c, 0);
}

static enum ov_result h_getcwd(struct sup *s, struct tracee *t,
			       struct call *c)
{
	const char *cwd = t->proc->cwd ? t->proc->cwd : "/";
	size_t len = strlen(cwd) + 1;

	if (c->args[1] < len)
		return done(s, t, c, -ERANGE);
	if (mem_write(t->tid, c->args[0], cwd, len))
		return done(s, t, c, -EFAULT);
	c->out = strdup(cwd);
	return done(s, t, c, len);
}

/* utime, utimes, futimesat, utimensat: the times, or NULL for now. */
static int read_times(struct tracee *t, struct call *c, struct timespec ts[2],
		      bool *now)
{
	uint64_t p = c->args[c->id == SC_utime || c->id == SC_utimes ? 1 : 2];
	struct timeval tv[2];
	struct utimbuf ub;
	int err = 0;

	*now = !p;
	if (!p)
		return 0;
	if (c->id == SC_utimensat)
		return mem_read(t->tid, p, ts, 2 * sizeof(*ts));
	if (c->id == SC_utime) {
		err = mem_read(t->tid, p, &ub, sizeof(ub));
		ts[0] = (struct timespec){ ub.actime, 0 };
		ts[1] = (struct timespec){ ub.modtime, 0 };
		return err;
	}
	err = mem_read(t->tid, p, tv, sizeof(tv));
	ts[0] = (struct timespec){ tv[0].tv_sec, tv[0].tv_usec * 1000 };
	ts[1] = (struct timespec){ tv[1].tv_sec, tv[1].tv_usec * 1000 };
	return err;
}

static long do_xattr_set(struct sup *s, struct tracee *t, struct call *c,
			 const struct vfs_cred *cr, const char *vp, int vi,
			 int af)
{
	size_t size = c->args[vi + 1];
	char *val;
	long r;

	if (size > MAX_XATTR)
		return -E2BIG;
	val = malloc(size ? size : 1);
	if (!val)
		return -ENOMEM;
	r = mem_read(t->tid, c->args[vi], val, size);
	if (!r)
		r = vfs_setxattr(s->view->vfs, cr, NULL, vp, c->str[vi - 1],
				 val, size, (int)c->args[vi + 2], af);
	free(val);
	return r;
}

/*
 * linkat of an open file (AT_EMPTY_PATH, or /proc/PID/fd/N with
 * AT_SYMLINK_FOLLOW): how an O_TMPFILE file is given a name.  When the
 * file is in the upper the kernel can link it: the new name is prepared
 * in the upper and the call goes on.  Returns 1 when it does not apply.
 */
static int link_open_file(struct sup *s, struct tracee *t, struct call *c,
			  enum ov_result *res)
{
	struct vfs_cred cr = cred_of(t);
	char host[PATH_MAX], vp2[PATH_MAX];
	struct vfs_target tg;
	int fd = -1, err;
	struct tracee *o;
	const char *rest;

	if (c->id != SC_linkat || !c->str[3])
		return 1;
	if (c->str[1] && !c->str[1][0] && (c->args[4] & AT_EMPTY_PATH)) {
		fd = (int)c->args[0];
	} else if (c->str[1] && (c->args[4] & AT_SYMLINK_FOLLOW) &&
		   proc_path(t, c->str[1], false, host, sizeof(host)) &&
		   under(host, "/proc") && (o = proc_owner(s, t, host, &rest)) &&
		   !strncmp(rest, "/fd/", 4)) {
		/*
		 * As with the kernel's overlayfs: the magic link names the
		 * file of the layer below, another file system than the view.
		 */
		*res = done(s, t, c, -EXDEV);
		return 0;
	}
	if (fd < 0 || procfs_fd_path(t->tid, fd, host, sizeof(host)) < 0 ||
	    !s->view->upper || !under(host, s->view->upper))
		return 1;
	snprintf(vp2, sizeof(vp2), "%s", c->str[3]);
	err = vfs_open(s->view->vfs, &cr, NULL, vp2,
		       O_CREAT | O_EXCL | O_WRONLY, 0, &tg, NULL);
	if (!err)
		err = rewrite(s, t, c, 3, tg.host);
	*res = err ? done(s, t, c, err) : pass(t);
	return 0;
}

/* Calls that change the tree: done by the library, then skipped. */
static long modify(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = cred_of(t);
	struct vfs *v = s->view->vfs;
	int i = first_path(c), j = sysent_find_arg(c->ent, A_PATH, i + 1);
	const char *vp = path_of(c, i), *vp2 = j >= 0 ? c->str[j] : NULL;
	int af = at_flags(c) & ~AT_EMPTY_PATH;
	char fdview[PATH_MAX];
	struct timespec ts[2];
	bool now;
	long r;

	if (!vp)
		return path_err(c, i);
	if (j >= 0 && !vp2)
		return path_err(c, j);
	if ((c->id == SC_link || (c->id == SC_linkat &&
				   !(c->args[4] & AT_SYMLINK_FOLLOW))) &&
	    proc_path(t, vp, true, fdview, sizeof(fdview)))
		return -EXDEV;	/* the source is the /proc entry itself */
	if (fd_link_view(s, t, vp, fdview, sizeof(fdview))) {
		/* chmod("/proc/self/fd/3"): the object the fd is open on */
		vp = fdview;
		af &= ~AT_SYMLINK_NOFOLLOW;
	} else if (under(vp, "/proc") && c->id != SC_link &&
		   c->id != SC_linkat) {
		return -EPERM;	/* the host's /proc is not the view's to change */
	}
	switch (c->id) {
	case SC_mkdir: case SC_mkdirat:
		return vfs_mkdir(v, &cr, NULL, vp, c->args[i + 1]);
	case SC_mknod: case SC_mknodat:
		return vfs_mknod(v, &cr, NULL, vp, c->args[i + 1],
				 c->args[i + 2]);
	case SC_symlink: case SC_symlinkat:
		if (!c->str[0])
			return c->err[0] ? c->err[0] : -EFAULT;
		return vfs_symlink(v, &cr, c->str[0], NULL, vp);
	case SC_link: case SC_linkat:
		return vfs_link(v, &cr, NULL, vp, NULL, vp2,
				c->id == SC_linkat ? (int)c->args[4] : 0);
	case SC_unlink:
		return vfs_unlink(v, &cr, NULL, vp, 0);
	case SC_unlinkat:
		return vfs_unlink(v, &cr, NULL, vp, (int)c->args[2]);
	case SC_rmdir:
		return vfs_rmdir(v, &cr, NULL, vp);
	case SC_rename: case SC_renameat: case SC_renameat2:
		return vfs_rename(v, &cr, NULL, vp, NULL, vp2,
				  c->id == SC_renameat2 ? c->args[4] : 0);
	case SC_chmod: case SC_fchmodat: case SC_fchmodat2:
		return vfs_chmod(v, &cr, NULL, vp, c->args[i + 1], af);
	case SC_chown: case SC_lchown: case SC_fchownat:
		return vfs_chown(v, &cr, NULL, vp, c->args[i + 1],
				 c->args[i + 2], af);
	case SC_utime: case SC_utimes: case SC_futimesat: case SC_utimensat:
		r = read_times(t, c, ts, &now);
		return r ? r : vfs_utimens(v, &cr, NULL, vp, now ? NULL : ts,
					   af);
	case SC_truncate:
		return vfs_truncate(v, &cr, NULL, vp, (off_t)c->args[1]);
	case SC_setxattr: case SC_lsetxattr:
		return do_xattr_set(s, t, c, &cr, vp, 2, af);
	case SC_removexattr: case SC_lremovexattr:
		return vfs_removexattr(v, &cr, NULL, vp, c->str[1], af);
	default:
		return -ENOSYS;
	}
}

/* fchmod, fchown, fsetxattr, fremovexattr on an fd. */
static enum ov_result h_fdmeta(struct sup *s, struct tracee *t,
			       struct call *c)
{
	struct vfs_cred cr = cred_of(t);
	struct vfs *v = s->view->vfs;
	char host[PATH_MAX];
	const char *up = s->view->upper;
	long r;

	/* Only an fd still on a lower file must be kept from the kernel. */
	if (!up || !c->fdpath ||
	    procfs_fd_path(t->tid, c->fd, host, sizeof(host)) < 0 || under(host, up) || view_from_host(s->view, host, host,
					      sizeof(host)) < 0)
		return OV_PASS;
	switch (c->id) {
	case SC_fchmod:
		r = vfs_chmod(v, &cr, NULL, c->fdpath, c->args[1], 0);
		break;
	case SC_fchown:
		r = vfs_chown(v, &cr, NULL, c->fdpath, c->args[1], c->args[2],
			      0);
		break;
	case SC_fsetxattr:
		r = do_xattr_set(s, t, c, &cr, c->fdpath, 2, 0);
		break;
	case SC_fremovexattr:
		r = vfs_removexattr(v, &cr, NULL, c->fdpath, c->str[1], 0);
		break;
	default:
		return OV_PASS;
	}
	return done(s, t, c, r);
}

/* ---- getdents64 of merged directories ---- */

static struct dirstate *dirstate_of(struct proc *p, int fd)
{
	struct dirstate *d;
	size_t i;

	for (i = 0; i < p->ndirs; i++)
		if (p->dirs[i].fd == fd)
			return &p->dirs[i];
	d = realloc(p->dirs, (p->ndirs + 1) * sizeof(*d));
	if (!d)
		return NULL;
	p->dirs = d;
	d = &p->dirs[p->ndirs++];
	memset(d, 0, sizeof(*d));
	d->fd = fd;
	return d;
}

static enum ov_result h_getdents(struct sup *s, struct tracee *t,
				 struct call *c)
{
	struct vfs_cred cr = cred_of(t);
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

	if (procfs_fdinfo(t->tid, fd, &pos, &ino, &mnt) || !c->fdpath)
		return OV_PASS;
	d = dirstate_of(t->proc, fd);
	if (!d)
		return OV_PASS;
	if (d->ino != ino || d->mnt != mnt || !d->view ||
	    strcmp(d->view, c->fdpath)) {
		dirstate_clear(d);
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
			return done(s, t, c, n);
	}
	buf = malloc(size);
	if (!buf)
		return done(s, t, c, -ENOMEM);
	p = pos;
	n = vfs_dir_getdents64(d->snap, &p, buf, size);
	if (n > 0 && mem_write(t->tid, c->args[1], buf, n))
		n = -EFAULT;
	free(buf);
	if (n <= 0)
		return done(s, t, c, n);
	/* The call becomes lseek(fd, p): the kernel keeps the position. */
	if (!t->saved && !(t->saved = malloc(sizeof(*t->saved))))
		return done(s, t, c, -ENOMEM);
	if (s->arch->inject(t->tid, s->arch->nr_lseek,
			    (uint64_t[6]){ fd, p, SEEK_SET }, t->saved))
		return done(s, t, c, -EIO);
	t->ov_exit = OVX_GETDENTS;
	t->ov_ret = n;
	return OV_EXIT;
}

/* ---- AF_UNIX sockets ---- */

static enum ov_result h_sock(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = cred_of(t);
	const char *vp = c->str[1];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct vfs_target tg;
	int err;

	if (!vp || vp[0] == '@')
		return OV_PASS;		/* abstract: not a file */
	if (c->id == SC_bind)
		err = vfs_open(s->view->vfs, &cr, NULL, vp,
			       O_CREAT | O_EXCL | O_WRONLY, 0, &tg, NULL);
	else
		err = vfs_resolve(s->view->vfs, &cr, NULL, vp, 0, VFS_LOOKUP,
				  &tg);
	if (c->id == SC_bind && err == -EEXIST)
		err = -EADDRINUSE;
	if (err)
		return done(s, t, c, err);
	if (!tg.host[0] || strlen(tg.host) >= sizeof(sun.sun_path))
		return done(s, t, c, tg.host[0] ? -ENAMETOOLONG : -ECONNREFUSED);
	strcpy(sun.sun_path, tg.host);
	err = set_arg_data(s, t, c, 1, 2, &sun, sizeof(sun));
	if (!err)
		err = change_arg(s, t, c, 2, sizeof(sun));
	return err ? done(s, t, c, err) : OV_EXIT;
}

/* ---- entry points ---- */

/* Make the scratch mapping: an mmap injected in place of this call. */
static enum ov_result inject_scratch(struct sup *s, struct tracee *t)
{
	uint64_t args[6] = { 0, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 };

	if (!t->saved && !(t->saved = malloc(sizeof(*t->saved))))
		return OV_PASS;
	if (s->arch->inject(t->tid, s->arch->nr_mmap, args, t->saved))
		return OV_PASS;
	t->ov_exit = OVX_INJECTED;
	return OV_INJECT;
}

/* A restarted call whose paths were rewritten already. */
static bool rewritten(const struct tracee *t, const struct call *c)
{
	int i;

	for (i = 0; i < c->ent->nargs; i++) {
		int k = c->ent->arg[i];

		if ((k == A_PATH || k == A_SOCKADDR) &&
		    in_scratch(t->proc, c->args[i]))
			return true;
	}
	return false;
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
	return done(s, t, c, -(long)d->err);
}

static enum ov_result ovh_privileged(struct sup *s, struct tracee *t,
				     struct call *c, const struct decision *d)
{
	/* what an unprivileged caller gets; not emulated for root */
	c->refused = true;
	return done(s, t, c, cred_of(t).fsuid ? -EPERM : -ENOSYS);
}

static enum ov_result ovh_lookup(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	return h_lookup(s, t, c, first_path(c));
}

static enum ov_result ovh_open(struct sup *s, struct tracee *t,
			       struct call *c, const struct decision *d)
{
	return h_open(s, t, c);
}

static enum ov_result ovh_modify(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
	enum ov_result res;

	if (!link_open_file(s, t, c, &res))
		return res;
	return done(s, t, c, modify(s, t, c));
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

static enum ov_result ovh_socket(struct sup *s, struct tracee *t,
				 struct call *c, const struct decision *d)
{
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
	t->ov_exit = OVX_CREDS;
	return OV_EXIT;
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
};

bool ov_handles(enum handling how)
{
	return how < H__COUNT && handlers[how];
}

static enum ov_result dispatch(struct sup *s, struct tracee *t,
			       struct call *c)
{
	const struct decision *d = sysent_decide(c->id, MODE_OVERLAY,
						 c->abi == s->arch->abis[0]);

	if (!ov_handles(d->how)) {
		log_warn("pid %d: %s: no overlay handler for %s: refused",
			 t->tid, c->ent->name, handling_name(d->how));
		c->refused = true;
		return done(s, t, c, -ENOSYS);
	}
	return handlers[d->how](s, t, c, d);
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
	return fdstat && !fd_has_origin(s, t, (int)args[0]);
}

enum ov_result ov_enter(struct sup *s, struct tracee *t, struct call *c)
{
	t->ov_exit = OVX_NONE;
	t->statfix = false;
	if (c->abi != s->arch->abis[0])
		/* i386 paths are not translated: refuse, never misread */
		return dispatch(s, t, c);
	if (!t->proc->scratch)
		return inject_scratch(s, t);
	if (rewritten(t, c))
		return OV_PASS;
	return dispatch(s, t, c);
}

/*
 * The kernel's stat of a copied-up object shows the upper inode; the view
 * shows its origin's numbers, as the kernel's overlayfs does on one
 * filesystem (git compares them across a link()).
 */
static void fix_stat(struct sup *s, struct tracee *t)
{
	struct call *c = t->call;
	uint64_t buf;
	dev_t odev;
	ino_t oino;

	if (!c)
		return;
	if (c->id == SC_statx) {
		struct statx x;

		buf = c->args[4];
		if (mem_read(t->tid, buf, &x, sizeof(x)) ||
		    vfs_ino_origin(s->view->vfs,
				   makedev(x.stx_dev_major, x.stx_dev_minor),
				   x.stx_ino, &odev, &oino))
			return;
		x.stx_ino = oino;
		x.stx_dev_major = major(odev);
		x.stx_dev_minor = minor(odev);
		mem_write(t->tid, buf, &x, sizeof(x));
		return;
	}
	struct stat st;

	buf = c->args[c->id == SC_newfstatat ? 2 : 1];
	if (mem_read(t->tid, buf, &st, sizeof(st)) ||
	    vfs_ino_origin(s->view->vfs, st.st_dev, st.st_ino, &odev, &oino))
		return;
	st.st_ino = oino;
	st.st_dev = odev;
	mem_write(t->tid, buf, &st, sizeof(st));
}

long ov_exit(struct sup *s, struct tracee *t, long ret)
{
	enum ov_exit what = t->ov_exit;

	if (t->statfix && ret == 0)
		fix_stat(s, t);
	t->statfix = false;

	t->ov_exit = OVX_NONE;
	vfs_file_put(t->file);
	t->file = NULL;
	switch (what) {
	case OVX_INJECTED:
		if (ret < 0 && ret > -4096)
			log_warn("pid %d: cannot map scratch memory: %s",
				 t->tid, strerror(-ret));
		else
			t->proc->scratch = (uint64_t)ret;
		s->arch->restart(t->tid, t->saved);
		break;
	case OVX_GETDENTS:
		ret = ret < 0 ? ret : t->ov_ret;
		s->arch->finish(t->tid, t->saved, ret);
		break;
	case OVX_RESTORE:
		/* after a successful execve the registers are the new image's */
		if (!(t->call && (t->call->ent->flags & SF_EXEC) && ret == 0))
			s->arch->finish(t->tid, t->saved, ret);
		break;
	case OVX_CREDS:
		t->cred.valid = false;
		break;
	case OVX_SOCKNAME:
		sockname_exit(s, t, ret);
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
	p->scratch = 0;
	ov_proc_free(p);
	if (t->exe) {
		free(p->exe);
		p->exe = t->exe;
		t->exe = NULL;
	}
}
