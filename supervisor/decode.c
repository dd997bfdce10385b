/* SPDX-License-Identifier: MIT */
/*
 * Decoding a trapped syscall's arguments for the trace.  Paths are read
 * once, page-aware (memory.c), and made absolute against the dirfd's
 * path or the cwd, which is cached per process and read from /proc only
 * after a change of directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "decode.h"
#include "memory.h"
#include "pathabs.h"
#include "procfs.h"
#include "tracee.h"
#include "view.h"

#define MAX_ARGV 256		/* execve strings kept for the trace */
#define MAX_ARGC (1u << 22)	/* execve pointers counted at most */
#define PAGE 4096u
#define MAX_STR 4096

const char *tracee_cwd(struct tracee *t)
{
	char buf[PATH_MAX];

	if (t->proc->cwd)
		return t->proc->cwd;
	if (procfs_cwd(t->tid, buf, sizeof(buf)) < 0)
		return NULL;
	t->proc->cwd = strdup(buf);
	return t->proc->cwd;
}

/*
 * The path of fd FD of T: a view path in overlay mode.  HOST, when not
 * NULL, receives the kernel's name of it (PATH_MAX bytes).
 */
static int call_fd_path(const struct call *c, struct tracee *t, int fd,
			char *buf, size_t size, char *host)
{
	struct proc *p = t->proc;
	char tmp[PATH_MAX];
	int n;

	if (!c->view)
		return fdcache_path(&p->fds, p->tgid, t->tid, fd, buf, size);
	if (!host)
		host = tmp;
	n = fdcache_path(&p->fds, p->tgid, t->tid, fd, host, PATH_MAX);
	if (n == -ENOENT)
		return -EBADF;		/* no /proc/PID/fd/N: not open */
	/* pipe:[..], socket:[..]: no layer backs them, -ENOENT */
	return n < 0 ? n : view_from_host(c->view, host, buf, size);
}

/*
 * The directory a PATH argument at index I is relative to; NULL if
 * unknown.  BUF holds a dirfd's path.  In overlay mode the kernel's own
 * base (dirfd or cwd) goes to C->hbase for argument I.
 */
static const char *base_of(struct call *c, struct tracee *t, int i,
			   char *buf, size_t size, int *err)
{
	int d = sysent_dirfd_of(c->ent, i);
	char *host = NULL;
	int n;

	if (c->view && i >= 0 && c->hbase_arg < 0) {
		c->hbase_arg = i;
		host = c->hbase;
	}
	if ((d < 0 || (int)c->args[d] == AT_FDCWD) && c->view &&
	    !t->proc->cwd && tracee_cwd(t)) {
		/* the kernel's cwd is a host path: name it in the view */
		if (view_from_host(c->view, t->proc->cwd, buf, size) > 0) {
			free(t->proc->cwd);
			t->proc->cwd = strdup(buf);
		}
	}
	if (d < 0 || (int)c->args[d] == AT_FDCWD) {
		if (host && t->proc->kcwd)
			snprintf(host, PATH_MAX, "%s", t->proc->kcwd);
		return tracee_cwd(t);
	}
	n = call_fd_path(c, t, (int)c->args[d], buf, size, host);
	if (n < 0) {
		if (host)
			host[0] = '\0';
		/* not open: EBADF; a pipe, socket, memfd: not a directory */
		*err = n == -EBADF ? -EBADF : -ENOTDIR;
		return NULL;
	}
	return buf;
}

/* Read the string at ADDR; owned copy or NULL with *ERR set. */
static char *read_str(pid_t tid, uint64_t addr, int *err)
{
	char buf[PATH_MAX];
	ssize_t n = mem_read_str(tid, addr, buf, sizeof(buf));

	if (n < 0 && n != -ENAMETOOLONG) {
		*err = (int)n;
		return NULL;
	}
	return strdup(buf);
}

/* Make the raw string REL absolute for argument I; takes REL. */
static char *absolute(struct call *c, struct tracee *t, int i, char *rel)
{
	char dir[PATH_MAX], out[2 * PATH_MAX];
	const char *base;
	int err = 0;

	if (!rel || rel[0] == '/')
		return rel;
	base = base_of(c, t, i, dir, sizeof(dir), &err);
	if (!base && err && c->view && i >= 0) {
		/* overlay mode: the call fails as the kernel's would */
		free(rel);
		c->err[i] = err;
		return NULL;
	}
	if (c->hbase_arg == i)
		c->rlen = strlen(rel);
	if (i >= 0)
		c->rlens[i] = strlen(rel);
	path_abs(base, rel, out, sizeof(out));
	free(rel);
	return strdup(out);
}

static int at_flags_of(const struct call *c)
{
	int i = sysent_find_arg(c->ent, A_ATFLAGS, 0);

	return i < 0 ? 0 : (int)c->args[i];
}

static void decode_path(struct call *c, struct tracee *t, int i)
{
	int d;

	if (!c->args[i] && (c->ent->flags & SF_NULLPATH)) {
		/* utimensat(fd, NULL, ...), acct(NULL): the fd is the file */
		d = sysent_dirfd_of(c->ent, i);
		if (d >= 0 && (int)c->args[d] != AT_FDCWD)
			c->fd = (int)c->args[d];
		return;
	}
	c->str[i] = read_str(t->tid, c->args[i], &c->err[i]);
	if (c->str[i] && !c->str[i][0] && (at_flags_of(c) & AT_EMPTY_PATH)) {
		d = sysent_dirfd_of(c->ent, i);
		if (d >= 0 && (int)c->args[d] != AT_FDCWD)
			c->fd = (int)c->args[d];
		else if (d >= 0 && tracee_cwd(t))
			c->fdpath = strdup(tracee_cwd(t));
	}
	if (c->str[i] && (c->ent->flags & SF_EXEC))
		c->raw = strdup(c->str[i]);
	if (c->str[i] && c->str[i][0] && c->str[i][0] != '/') {
		c->rel |= 1u << i;
		c->str[i] = absolute(c, t, i, c->str[i]);
	}
}

/* AF_UNIX address at ADDR (LEN bytes) into str[I]; false if not AF_UNIX. */
static bool decode_sun(struct call *c, struct tracee *t, int i,
		       uint64_t addr, uint64_t len)
{
	struct sockaddr_un sun;
	size_t n = len < sizeof(sun) ? len : sizeof(sun);
	char *p;

	memset(&sun, 0, sizeof(sun));
	if (n < sizeof(sa_family_t) || mem_read(t->tid, addr, &sun, n) ||
	    sun.sun_family != AF_UNIX)
		return false;
	if (n == sizeof(sa_family_t))
		return false;	/* unnamed: autobind */
	if (!sun.sun_path[0]) {
		/* abstract: not a file; printed as "@name" */
		p = malloc(n - sizeof(sa_family_t) + 1);
		if (!p)
			return false;
		memcpy(p, sun.sun_path, n - sizeof(sa_family_t));
		p[0] = '@';
		p[n - sizeof(sa_family_t)] = '\0';
		c->str[i] = p;
		return true;
	}
	/* all 108 bytes may be the name: no NUL needed (unix(7)) */
	p = strndup(sun.sun_path, n - sizeof(sa_family_t));
	c->raw = p ? strdup(p) : NULL;	/* as given: getsockname's */
	c->str[i] = absolute(c, t, -1, p);
	return true;
}

/* i386 socketcall(call, args): bind(2) and connect(3) carry a path. */
static bool decode_socketcall(struct call *c, struct tracee *t)
{
	uint32_t a[3];

	c->sockcall = (int)c->args[0];
	if ((c->sockcall != 2 && c->sockcall != 3) ||
	    mem_read(t->tid, c->args[1], a, sizeof(a)))
		return false;
	c->fd = (int)a[0];
	return decode_sun(c, t, 1, a[1], a[2]);
}

/*
 * Up to a page of the pointer array at ADDR (PS bytes each) into BUF,
 * never crossing into the next page (it may be unmapped) unless one
 * pointer straddles it; the number of pointers read, 0 on a fault.
 */
static unsigned int read_ptrs(pid_t tid, uint64_t addr, unsigned int ps,
			      unsigned char *buf)
{
	unsigned int len = PAGE - (addr & (PAGE - 1));

	len = len < ps ? ps : len - len % ps;
	return mem_read(tid, addr, buf, len) ? 0 : len / ps;
}

/*
 * execve's argv: the first MAX_ARGV strings in c->argv (stops at one
 * that cannot be read), and in c->argc the number of pointers before
 * the NULL, counted up to MAX_ARGC, so that a cut argv is shown cut.
 */
static void decode_argv(struct call *c, struct tracee *t, uint64_t addr)
{
	unsigned int n = 0, k, got, ps = c->abi->ptr_size;
	unsigned char buf[PAGE];
	bool strs = true;
	int err;

	c->argv = calloc(MAX_ARGV + 1, sizeof(char *));
	if (!c->argv || !addr)
		return;
	while (n < MAX_ARGC) {
		got = read_ptrs(t->tid, addr + (uint64_t)n * ps, ps, buf);
		if (!got)
			break;
		for (k = 0; k < got && n < MAX_ARGC; k++, n++) {
			uint64_t p = 0;

			memcpy(&p, buf + k * ps, ps);	/* little-endian */
			if (!p)
				goto out;
			if (strs && n < MAX_ARGV) {
				c->argv[n] = read_str(t->tid, p, &err);
				strs = c->argv[n] != NULL;
			}
		}
	}
	c->argc_more = n == MAX_ARGC;
out:
	c->argc = n;
}

bool call_decode_entry(struct call *c, struct tracee *t,
		       const struct view *view, const struct abi *abi,
		       enum sc_id id, const uint64_t args[6])
{
	char buf[PATH_MAX];
	bool has_path = false;
	int i;

	call_clear(c);
	c->view = view;
	c->id = id;
	c->ent = &sysent_table[id];
	c->abi = abi;
	memcpy(c->args, args, sizeof(c->args));
	for (i = 0; i < c->ent->nargs; i++) {
		switch (c->ent->arg[i]) {
		case A_PATH:
			decode_path(c, t, i);
			has_path = true;
			break;
		case A_STR:
			c->str[i] = read_str(t->tid, args[i], &c->err[i]);
			break;
		case A_SOCKADDR:
			if (!decode_sun(c, t, i, args[i], args[i + 1]))
				return false;
			has_path = true;
			break;
		case A_SOCKCALL:
			return decode_socketcall(c, t);
		case A_OPENHOW:
			mem_read(t->tid, args[i], c->how, sizeof(c->how));
			break;
		case A_ARGV:
			decode_argv(c, t, args[i]);
			break;
		default:
			break;
		}
	}
	if (!has_path && (i = sysent_find_arg(c->ent, A_FD, 0)) >= 0)
		c->fd = (int)args[i];
	if (c->fd >= 0 && !c->fdpath && call_fd_path(c, t, c->fd, buf,
						     sizeof(buf), NULL) >= 0)
		c->fdpath = strdup(buf);
	return true;
}

void call_decode_exit(struct call *c, struct tracee *t, long ret)
{
	int i = sysent_find_arg(c->ent, A_OUTSTR, 0);
	char buf[PATH_MAX];

	c->done = true;
	c->ret = ret;
	if (i < 0 || ret <= 0)
		return;
	if (c->id == SC_getcwd) {
		if (mem_read_str(t->tid, c->args[i], buf, sizeof(buf)) >= 0)
			c->out = strdup(buf);
		return;
	}
	/* readlink: RET bytes, not NUL-terminated */
	if ((size_t)ret >= sizeof(buf))
		ret = sizeof(buf) - 1;
	if (!mem_read(t->tid, c->args[i], buf, ret)) {
		buf[ret] = '\0';
		c->out = strdup(buf);
	}
}
