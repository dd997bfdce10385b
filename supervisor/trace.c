/* SPDX-License-Identifier: MIT */
/*
 * Trace output.  Text lines look like strace's ("PID name(args) = ret");
 * JSONL follows the contract in README.md.  Both are built from the
 * decoded call (decode.h) into one buffer, written out per batch.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch.h"
#include "decode.h"
#include "log.h"
#include "names.h"
#include "select.h"
#include "trace.h"
#include "tracee.h"

#define BUF_CAP (64 * 1024)

int trace_open(struct trace *tr, const char *path, enum trace_format fmt)
{
	memset(tr, 0, sizeof(*tr));
	tr->fmt = fmt;
	if (!strcmp(path, "-")) {
		tr->fd = STDERR_FILENO;
	} else {
		tr->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0666);
		if (tr->fd < 0)
			return -errno;
		tr->own_fd = true;
	}
	tr->cap = BUF_CAP;
	tr->buf = malloc(tr->cap);
	if (!tr->buf) {
		trace_close(tr);
		return -ENOMEM;
	}
	return 0;
}

void trace_close(struct trace *tr)
{
	trace_flush(tr);
	if (tr->own_fd)
		close(tr->fd);
	free(tr->buf);
	tr->buf = NULL;
	tr->own_fd = false;
}

void trace_flush(struct trace *tr)
{
	size_t done = 0;

	while (done < tr->len && !tr->broken) {
		ssize_t n = write(tr->fd, tr->buf + done, tr->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_warn("cannot write the trace: %s; tracing stops",
				 strerror(n < 0 ? errno : EIO));
			tr->broken = true;
		}
		done += n > 0 ? n : 0;
	}
	tr->len = 0;
}

/* Room for N more bytes; flushes when the buffer is full. */
static char *reserve(struct trace *tr, size_t n)
{
	if (tr->len + n > tr->cap) {
		trace_flush(tr);
		if (n > tr->cap) {
			char *bigger = realloc(tr->buf, n);

			if (!bigger)
				return NULL;
			tr->buf = bigger;
			tr->cap = n;
		}
	}
	return tr->buf + tr->len;
}

static void put(struct trace *tr, const char *s, size_t n)
{
	char *p = reserve(tr, n);

	if (!p)
		return;
	memcpy(p, s, n);
	tr->len += n;
}

static void puts_(struct trace *tr, const char *s)
{
	put(tr, s, strlen(s));
}

void trace_raw(struct trace *tr, const char *s)
{
	puts_(tr, s);
}

static void printf_(struct trace *tr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void printf_(struct trace *tr, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(tr, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
		    sizeof(tmp) - 1);
}

/* V in decimal, without printf (the hot path of every line). */
static void put_dec(struct trace *tr, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? -(unsigned long long)v :
				   (unsigned long long)v;

	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(tr, p, tmp + sizeof(tmp) - p);
}

/* Length of the valid UTF-8 sequence at S (N bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned int cp, need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 2, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 3, cp = s[0] & 0x07;
	else
		return 0;
	if (n < need + 1)
		return 0;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need + 1;
}

void trace_put_json_str(struct trace *tr, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	put(tr, "\"", 1);
	while (i < len) {
		n = utf8_len(u + i, len - i);
		if (n > 1) {
			put(tr, s + i, n);
		} else if (n == 0) {
			printf_(tr, "\\udc%02x", u[i]);
			n = 1;
		} else if (u[i] == '"' || u[i] == '\\') {
			printf_(tr, "\\%c", u[i]);
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			printf_(tr, "\\u%04x", u[i]);
		} else {
			put(tr, s + i, 1);
		}
		i += n;
	}
	put(tr, "\"", 1);
}

static void json_str(struct trace *tr, const char *s)
{
	if (s)
		trace_put_json_str(tr, s, strlen(s));
	else
		puts_(tr, "null");
}

/* A C string literal as strace prints it. */
static void text_str(struct trace *tr, const char *s)
{
	const unsigned char *u = (const unsigned char *)s, *run;

	if (!s) {
		puts_(tr, "NULL");
		return;
	}
	put(tr, "\"", 1);
	while (*u) {
		for (run = u; *u >= 0x20 && *u < 0x7f && *u != '"' &&
		     *u != '\\'; u++)
			;
		put(tr, (const char *)run, u - run);
		if (!*u)
			break;
		if (*u == '"' || *u == '\\')
			printf_(tr, "\\%c", *u);
		else if (*u == '\n')
			puts_(tr, "\\n");
		else if (*u == '\t')
			puts_(tr, "\\t");
		else
			printf_(tr, "\\x%02x", *u);
		u++;
	}
	put(tr, "\"", 1);
}

/* All flag arguments of C joined with '|' into OUT; false if none. */
static bool call_flags(const struct call *c, char *out, size_t size)
{
	char one[256];
	size_t pos = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < c->ent->nargs; i++) {
		int k = c->ent->arg[i];

		if (k == A_OPENHOW) {
			flags_str(c->id, A_OFLAGS, c->how[0], one, sizeof(one));
		} else if (k == A_OFLAGS || k == A_ATFLAGS || k == A_AMODE ||
			   k == A_RENFLAGS || k == A_XATTRFLAGS ||
			   k == A_MNTFLAGS || k == A_UMNTFLAGS) {
			flags_str(c->id, k, c->args[i], one, sizeof(one));
		} else {
			continue;
		}
		if (!strcmp(one, "0") && k != A_AMODE)
			continue;
		pos += snprintf(out + pos, size - pos, "%s%s", pos ? "|" : "",
				one);
		if (pos >= size)
			pos = size - 1;
	}
	if (c->id == SC_openat2 && c->how[2]) {
		resolve_str(c->how[2], one, sizeof(one));
		snprintf(out + pos, size - pos, "%s%s", pos ? "|" : "", one);
	}
	return out[0] != '\0';
}

static bool is_native(const struct call *c)
{
	return c->abi == arch_native.abis[0];
}

static void json_syscall(struct trace *tr, const struct tracee *t,
			 const struct call *c)
{
	const char *p[2];
	char flags[512];
	int n = call_paths(c, p);

	printf_(tr, "{\"event\":\"syscall\",\"pid\":%d,\"tgid\":%d,"
		"\"syscall\":", t->tid, t->proc->tgid);
	json_str(tr, c->sockcall == 2 ? "bind" : c->sockcall == 3 ?
		 "connect" : c->ent->name);
	if (!is_native(c)) {
		puts_(tr, ",\"abi\":");
		json_str(tr, c->abi->name);
	}
	if (p[0]) {
		puts_(tr, ",\"path\":");
		json_str(tr, p[0]);
	}
	if (n > 1) {
		puts_(tr, ",\"path2\":");
		json_str(tr, p[1]);
	}
	if (c->fd >= 0)
		printf_(tr, ",\"fd\":%d", c->fd);
	if (call_flags(c, flags, sizeof(flags))) {
		puts_(tr, ",\"flags\":");
		json_str(tr, flags);
	}
	if (c->out && c->id != SC_getcwd) {
		puts_(tr, ",\"target\":");
		json_str(tr, c->out);
	}
	if (c->refused)
		puts_(tr, ",\"refused\":true");
	if (c->create_known && c->done && c->ret >= 0)
		puts_(tr, c->created ? ",\"created\":true" :
		      ",\"created\":false");
	if (c->nstack) {
		puts_(tr, ",\"stack\":[");
		for (int i = 0; i < c->nstack; i++) {
			if (i)
				put(tr, ",", 1);
			json_str(tr, c->stack[i]);
		}
		put(tr, "]", 1);
	}
	if (!c->done)
		puts_(tr, ",\"result\":null,\"errno\":null}\n");
	else if (c->ret < 0 && c->ret > -4096)
		printf_(tr, ",\"result\":%ld,\"errno\":\"%s\"}\n", c->ret,
			errno_name(-c->ret) ? errno_name(-c->ret) : "E?");
	else
		printf_(tr, ",\"result\":%ld,\"errno\":null}\n", c->ret);
}

static void text_argv(struct trace *tr, char *const *argv)
{
	int i;

	put(tr, "[", 1);
	for (i = 0; argv && argv[i]; i++) {
		if (i)
			puts_(tr, ", ");
		text_str(tr, argv[i]);
	}
	put(tr, "]", 1);
}

static void text_arg(struct trace *tr, const struct call *c, int i)
{
	char s[512];
	uint64_t v = c->args[i];
	int k = c->ent->arg[i];

	switch (k) {
	case A_PATH:
	case A_STR:
		if (!v)
			puts_(tr, "NULL");
		else if (c->str[i])
			text_str(tr, c->str[i]);
		else
			printf_(tr, "%#llx", (unsigned long long)v);
		return;
	case A_OUTSTR:
		if (c->out)
			text_str(tr, c->out);
		else
			printf_(tr, "%#llx", (unsigned long long)v);
		return;
	case A_DIRFD:
		if ((int)v == -100)
			puts_(tr, "AT_FDCWD");
		else
			put_dec(tr, (int)v);
		if ((int)v != -100 && c->fd == (int)v && c->fdpath)
			printf_(tr, "<%s>", c->fdpath);
		return;
	case A_FD:
		put_dec(tr, (int)v);
		if (c->fd == (int)v && c->fdpath)
			printf_(tr, "<%s>", c->fdpath);
		return;
	case A_MODE:
		puts_(tr, mode_str(v, c->id == SC_mknod || c->id == SC_mknodat,
				   s, sizeof(s)));
		return;
	case A_SOCKADDR:
		puts_(tr, "{sa_family=AF_UNIX, sun_path=");
		text_str(tr, c->str[i]);
		put(tr, "}", 1);
		return;
	case A_OPENHOW:
		printf_(tr, "{flags=%s, mode=%#llo, resolve=",
			flags_str(c->id, A_OFLAGS, c->how[0], s, sizeof(s)),
			(unsigned long long)c->how[1]);
		puts_(tr, c->how[2] ? resolve_str(c->how[2], s, sizeof(s)) :
		      "0");
		put(tr, "}", 1);
		return;
	case A_ARGV:
		text_argv(tr, c->argv);
		return;
	case A_INT:
		put_dec(tr, (long long)v);
		return;
	case A_SIZE:
	case A_UID:
	case A_GID:
		printf_(tr, "%llu", (unsigned long long)v);
		return;
	default:
		if (k >= A_OFLAGS && k <= A_UMNTFLAGS && k != A_MODE &&
		    k != A_UID && k != A_GID && k != A_DEV)
			puts_(tr, flags_str(c->id, k, v, s, sizeof(s)));
		else if (!v && k == A_PTR)
			puts_(tr, "NULL");
		else
			printf_(tr, "%#llx", (unsigned long long)v);
	}
}

/* False for the mode of an open that creates nothing (strace omits it). */
static bool open_creates(const struct call *c, int mode_idx)
{
	int f = sysent_find_arg(c->ent, A_OFLAGS, 0);

	if (f < 0 || f > mode_idx)
		return true;
	return (c->args[f] & O_CREAT) ||
	       (c->args[f] & O_TMPFILE) == O_TMPFILE;
}

static void text_syscall(struct trace *tr, const struct tracee *t,
			 const struct call *c)
{
	int i;

	put_dec(tr, t->tid);
	put(tr, " ", 1);
	if (!is_native(c))
		printf_(tr, "[%s] ", c->abi->name);
	if (c->sockcall) {
		printf_(tr, "%s(%d, {sa_family=AF_UNIX, sun_path=",
			c->sockcall == 2 ? "bind" : "connect", c->fd);
		text_str(tr, c->str[1]);
		puts_(tr, "})");
	} else {
		puts_(tr, c->ent->name);
		put(tr, "(", 1);
		for (i = 0; i < c->ent->nargs; i++) {
			if (c->ent->arg[i] == A_MODE && !open_creates(c, i))
				continue;
			if (i)
				puts_(tr, ", ");
			text_arg(tr, c, i);
		}
		put(tr, ")", 1);
	}
	if (!c->done)
		puts_(tr, " = ?\n");
	else if (c->ret < 0 && c->ret > -4096)
		printf_(tr, " = -1 %s (%s)%s\n", errno_name(-c->ret) ?
			errno_name(-c->ret) : "E?", strerror(-c->ret),
			c->refused ? " (refused by vfstrace)" : "");
	else {
		puts_(tr, " = ");
		put_dec(tr, c->ret);
		put(tr, "\n", 1);
	}
	for (i = 0; i < c->nstack; i++) {
		puts_(tr, " > ");
		puts_(tr, c->stack[i]);
		put(tr, "\n", 1);
	}
}

/*
 * fsatrace's line format (its README): r|path read, w|path write or
 * create, m|dst|src move, d|path delete, t|path touch (metadata),
 * q|path query (stat, access, listing).  Only calls that succeeded.
 */
static void fsatrace_syscall(struct trace *tr, const struct call *c)
{
	unsigned int cls = call_classes(c);
	const char *p[2];
	char op;

	if (!c->done || (c->ret < 0 && c->ret > -4096) || !call_paths(c, p))
		return;
	if ((cls & C_CREATE) && !(cls & C_DELETE) && p[1] &&
	    (c->id == SC_symlink || c->id == SC_symlinkat ||
	     c->id == SC_link || c->id == SC_linkat))
		p[0] = p[1];	/* the new name is what is written */
	if (!p[0] || p[0][0] != '/')
		return;		/* pipes and sockets have no file name */
	if ((cls & C_RENAME) && p[1]) {
		puts_(tr, "m|");
		puts_(tr, p[1]);
		put(tr, "|", 1);
		puts_(tr, p[0]);
		put(tr, "\n", 1);
		return;
	}
	if (cls & C_DELETE)
		op = 'd';
	else if (cls & (C_WRITE | C_CREATE))
		op = 'w';
	else if (cls & C_META)
		op = 't';
	else if (cls & (C_READ | C_EXEC))
		op = 'r';
	else if (cls & (C_STAT | C_DIR))
		op = 'q';
	else
		return;
	printf_(tr, "%c|", op);
	puts_(tr, p[0]);
	put(tr, "\n", 1);
}

void trace_syscall(struct trace *tr, const struct tracee *t,
		   const struct call *c)
{
	if (tr->fmt == TRACE_JSONL)
		json_syscall(tr, t, c);
	else if (tr->fmt == TRACE_FSATRACE)
		fsatrace_syscall(tr, c);
	else
		text_syscall(tr, t, c);
}

void trace_unknown(struct trace *tr, const struct tracee *t, const char *abi,
		   long nr)
{
	if (tr->fmt == TRACE_FSATRACE)
		return;
	if (tr->fmt == TRACE_JSONL) {
		printf_(tr, "{\"event\":\"syscall\",\"pid\":%d,\"tgid\":%d,"
			"\"syscall\":\"syscall_%ld\"", t->tid, t->proc->tgid,
			nr);
		if (abi)
			printf_(tr, ",\"abi\":\"%s\"", abi);
		puts_(tr, ",\"refused\":true,\"result\":-38,"
		      "\"errno\":\"ENOSYS\"}\n");
		return;
	}
	printf_(tr, "%d ", t->tid);
	if (abi)
		printf_(tr, "[%s] ", abi);
	printf_(tr, "syscall_%ld(...) = -1 ENOSYS (Function not implemented) "
		"(refused by vfstrace)\n", nr);
}

void trace_fork(struct trace *tr, pid_t parent_tid, pid_t parent_tgid,
		pid_t child, pid_t child_tgid, bool thread)
{
	if (tr->fmt == TRACE_FSATRACE)
		return;
	if (tr->fmt == TRACE_JSONL)
		printf_(tr, "{\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,"
			"\"ppid\":%d,\"parent_tid\":%d,\"thread\":%s}\n",
			child, child_tgid, parent_tgid, parent_tid,
			thread ? "true" : "false");
	else
		printf_(tr, "%d +++ %s %d +++\n", parent_tid,
			thread ? "new thread" : "forked", child);
}

void trace_exec(struct trace *tr, pid_t tid, pid_t tgid, const char *exe,
		char *const *argv)
{
	int i;

	if (tr->fmt == TRACE_FSATRACE)
		return;
	if (tr->fmt == TRACE_JSONL) {
		printf_(tr, "{\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,"
			"\"path\":", tid, tgid);
		json_str(tr, exe);
		puts_(tr, ",\"argv\":[");
		for (i = 0; argv && argv[i]; i++) {
			if (i)
				put(tr, ",", 1);
			json_str(tr, argv[i]);
		}
		puts_(tr, "]}\n");
		return;
	}
	printf_(tr, "%d +++ exec ", tid);
	text_str(tr, exe);
	put(tr, " ", 1);
	text_argv(tr, argv);
	puts_(tr, " +++\n");
}

void trace_exit(struct trace *tr, pid_t tid, pid_t tgid, int wstatus)
{
	const char *sig = WIFSIGNALED(wstatus) ?
			  signal_name(WTERMSIG(wstatus)) : NULL;

	if (tr->fmt == TRACE_FSATRACE)
		return;
	if (tr->fmt == TRACE_JSONL) {
		if (WIFSIGNALED(wstatus))
			printf_(tr, "{\"event\":\"exit\",\"pid\":%d,"
				"\"tgid\":%d,\"status\":%d,\"signal\":\"%s\"}\n",
				tid, tgid, 128 + WTERMSIG(wstatus),
				sig ? sig : "SIG?");
		else
			printf_(tr, "{\"event\":\"exit\",\"pid\":%d,"
				"\"tgid\":%d,\"status\":%d}\n", tid, tgid,
				WEXITSTATUS(wstatus));
		return;
	}
	if (WIFSIGNALED(wstatus))
		printf_(tr, "%d +++ killed by %s +++\n", tid, sig ? sig : "?");
	else
		printf_(tr, "%d +++ exited with %d +++\n", tid,
			WEXITSTATUS(wstatus));
}
