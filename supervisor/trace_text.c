/* SPDX-License-Identifier: MIT */
/*
 * The text format: strace-like lines ("PID name(args) = ret"), as
 * README.md shows them.  Integers and plain path bytes are appended
 * without printf: this is the hot path of trace mode.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>

#include "arch.h"
#include "decode.h"
#include "names.h"
#include "trace_fmt.h"

static bool is_native(const struct call *c)
{
	return c->abi == arch_native.abis[0];
}

/* A C string literal as strace prints it. */
static void text_str(struct outbuf *ob, const char *s)
{
	const unsigned char *u = (const unsigned char *)s, *run;

	if (!s) {
		outbuf_puts(ob, "NULL");
		return;
	}
	outbuf_put(ob, "\"", 1);
	while (*u) {
		for (run = u; *u >= 0x20 && *u < 0x7f && *u != '"' &&
		     *u != '\\'; u++)
			;
		outbuf_put(ob, (const char *)run, u - run);
		if (!*u)
			break;
		if (*u == '"' || *u == '\\')
			outbuf_printf(ob, "\\%c", *u);
		else if (*u == '\n')
			outbuf_puts(ob, "\\n");
		else if (*u == '\t')
			outbuf_puts(ob, "\\t");
		else
			outbuf_printf(ob, "\\x%02x", *u);
		u++;
	}
	outbuf_put(ob, "\"", 1);
}

/*
 * ["a", "b"]; when only the first strings of ARGC are known, a last
 * element "..." and a comment with ARGC close the list, as strace shows
 * a cut vector ("more than ARGC" when ARGC is a lower bound: MORE).
 */
static void text_argv(struct outbuf *ob, char *const *argv,
		      unsigned long argc, bool more)
{
	unsigned long i;

	outbuf_put(ob, "[", 1);
	for (i = 0; argv && argv[i]; i++) {
		if (i)
			outbuf_puts(ob, ", ");
		text_str(ob, argv[i]);
	}
	if (argc > i || more)
		outbuf_printf(ob, "%s... /* %s%lu args */", i ? ", " : "",
			      more ? "more than " : "", argc);
	outbuf_put(ob, "]", 1);
}

/* V as "%#llx" prints it ("0" for 0), without printf. */
static void put_hex(struct outbuf *ob, uint64_t v)
{
	char tmp[18], *p = tmp + sizeof(tmp);

	if (!v) {
		outbuf_putc(ob, '0');
		return;
	}
	for (; v; v >>= 4)
		*--p = "0123456789abcdef"[v & 0xf];
	*--p = 'x';
	*--p = '0';
	outbuf_put(ob, p, tmp + sizeof(tmp) - p);
}

/* An fd's path after its number, as strace -y: "<path>". */
static void put_fdpath(struct outbuf *ob, const char *path)
{
	outbuf_putc(ob, '<');
	outbuf_puts(ob, path);
	outbuf_putc(ob, '>');
}

static void text_arg(struct outbuf *ob, const struct call *c, int i)
{
	char s[512];
	uint64_t v = c->args[i];
	int k = c->ent->arg[i];

	switch (k) {
	case A_PATH:
	case A_STR:
		if (!v)
			outbuf_puts(ob, "NULL");
		else if (c->str[i])
			text_str(ob, c->str[i]);
		else
			put_hex(ob, v);
		return;
	case A_OUTSTR:
		if (c->out)
			text_str(ob, c->out);
		else
			put_hex(ob, v);
		return;
	case A_DIRFD:
		if ((int)v == -100)
			outbuf_puts(ob, "AT_FDCWD");
		else
			outbuf_dec(ob, (int)v);
		if ((int)v != -100 && c->fd == (int)v && c->fdpath)
			put_fdpath(ob, c->fdpath);
		return;
	case A_FD:
		outbuf_dec(ob, (int)v);
		if (c->fd == (int)v && c->fdpath)
			put_fdpath(ob, c->fdpath);
		return;
	case A_MODE:
		outbuf_puts(ob, mode_str(v, c->id == SC_mknod ||
					 c->id == SC_mknodat, s, sizeof(s)));
		return;
	case A_SOCKADDR:
		outbuf_puts(ob, "{sa_family=AF_UNIX, sun_path=");
		text_str(ob, c->str[i]);
		outbuf_put(ob, "}", 1);
		return;
	case A_OPENHOW:
		outbuf_printf(ob, "{flags=%s, mode=%#llo, resolve=",
			      flags_str(c->id, A_OFLAGS, c->how[0], s,
					sizeof(s)),
			      (unsigned long long)c->how[1]);
		outbuf_puts(ob, c->how[2] ?
			    resolve_str(c->how[2], s, sizeof(s)) : "0");
		outbuf_put(ob, "}", 1);
		return;
	case A_ARGV:
		text_argv(ob, c->argv, c->argc, c->argc_more);
		return;
	case A_INT:
		outbuf_dec(ob, (long long)v);
		return;
	case A_SIZE:
	case A_UID:
	case A_GID:
		outbuf_udec(ob, v, 0);
		return;
	default:
		if (k >= A_OFLAGS && k <= A_UMNTFLAGS && k != A_MODE &&
		    k != A_UID && k != A_GID && k != A_DEV)
			outbuf_puts(ob, flags_str(c->id, k, v, s, sizeof(s)));
		else if (!v && k == A_PTR)
			outbuf_puts(ob, "NULL");
		else
			put_hex(ob, v);
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

static void text_syscall(struct outbuf *ob, pid_t tid, pid_t tgid,
			 const struct call *c)
{
	int i;

	outbuf_dec(ob, tid);
	outbuf_put(ob, " ", 1);
	if (!is_native(c))
		outbuf_printf(ob, "[%s] ", c->abi->name);
	if (c->sockcall) {
		outbuf_printf(ob, "%s(%d, {sa_family=AF_UNIX, sun_path=",
			      c->sockcall == 2 ? "bind" : "connect", c->fd);
		text_str(ob, c->str[1]);
		outbuf_puts(ob, "})");
	} else {
		outbuf_puts(ob, c->ent->name);
		outbuf_put(ob, "(", 1);
		for (i = 0; i < c->ent->nargs; i++) {
			if (c->ent->arg[i] == A_MODE && !open_creates(c, i))
				continue;
			if (i)
				outbuf_puts(ob, ", ");
			text_arg(ob, c, i);
		}
		outbuf_put(ob, ")", 1);
	}
	if (!c->done)
		outbuf_puts(ob, " = ?\n");
	else if (c->ret < 0 && c->ret > -4096)
		outbuf_printf(ob, " = -1 %s (%s)%s\n", errno_name(-c->ret) ?
			      errno_name(-c->ret) : "E?", strerror(-c->ret),
			      c->refused ? " (refused by vfstrace)" : "");
	else {
		outbuf_puts(ob, " = ");
		outbuf_dec(ob, c->ret);
		outbuf_put(ob, "\n", 1);
	}
	for (i = 0; i < c->nstack; i++) {
		outbuf_puts(ob, " > ");
		outbuf_puts(ob, c->stack[i]);
		outbuf_put(ob, "\n", 1);
	}
}

static void text_unknown(struct outbuf *ob, pid_t tid, pid_t tgid,
			 const char *abi, long nr)
{
	outbuf_printf(ob, "%d ", tid);
	if (abi)
		outbuf_printf(ob, "[%s] ", abi);
	outbuf_printf(ob, "syscall_%ld(...) = -1 ENOSYS (Function not "
		      "implemented) (refused by vfstrace)\n", nr);
}

static void text_fork(struct outbuf *ob, pid_t parent_tid, pid_t parent_tgid,
		      pid_t child, pid_t child_tgid, bool thread)
{
	outbuf_printf(ob, "%d +++ %s %d +++\n", parent_tid,
		      thread ? "new thread" : "forked", child);
}

static void text_exec(struct outbuf *ob, pid_t tid, pid_t tgid,
		      const char *exe, char *const *argv)
{
	outbuf_printf(ob, "%d +++ exec ", tid);
	text_str(ob, exe);
	outbuf_putc(ob, ' ');
	text_argv(ob, argv, 0, false);	/* all of it */
	outbuf_puts(ob, " +++\n");
}

static void text_exit(struct outbuf *ob, pid_t tid, pid_t tgid, int wstatus)
{
	const char *sig;

	if (WIFSIGNALED(wstatus)) {
		sig = signal_name(WTERMSIG(wstatus));
		outbuf_printf(ob, "%d +++ killed by %s +++\n", tid,
			      sig ? sig : "?");
	} else {
		outbuf_printf(ob, "%d +++ exited with %d +++\n", tid,
			      WEXITSTATUS(wstatus));
	}
}

const struct trace_ops trace_text_ops = {
	.syscall = text_syscall,
	.unknown = text_unknown,
	.fork = text_fork,
	.exec = text_exec,
	.exit = text_exit,
};
