/* SPDX-License-Identifier: MIT */
/*
 * The jsonl format: one JSON object per event, the contract of
 * README.md (keys, their order, when each is present).
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "arch.h"
#include "decode.h"
#include "names.h"
#include "select.h"
#include "trace_fmt.h"

static void json_str(struct outbuf *ob, const char *s)
{
	if (s)
		outbuf_json_str(ob, s, strlen(s));
	else
		outbuf_puts(ob, "null");
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

/* The end of a syscall line: result and errno. */
static void json_result(struct outbuf *ob, const struct call *c)
{
	const char *name;

	if (!c->done) {
		outbuf_puts(ob, ",\"result\":null,\"errno\":null}\n");
		return;
	}
	outbuf_puts(ob, ",\"result\":");
	outbuf_dec(ob, c->ret);
	if (c->ret < 0 && c->ret > -4096) {
		name = errno_name(-c->ret);
		outbuf_puts(ob, ",\"errno\":\"");
		outbuf_puts(ob, name ? name : "E?");
		outbuf_puts(ob, "\"}\n");
	} else {
		outbuf_puts(ob, ",\"errno\":null}\n");
	}
}

static void json_syscall(struct outbuf *ob, pid_t tid, pid_t tgid,
			 const struct call *c)
{
	const char *p[2];
	char flags[512];
	int n = call_paths(c, p);

	outbuf_puts(ob, "{\"event\":\"syscall\",\"pid\":");
	outbuf_dec(ob, tid);
	outbuf_puts(ob, ",\"tgid\":");
	outbuf_dec(ob, tgid);
	outbuf_puts(ob, ",\"syscall\":");
	json_str(ob, c->sockcall == 2 ? "bind" : c->sockcall == 3 ?
		 "connect" : c->ent->name);
	if (!is_native(c)) {
		outbuf_puts(ob, ",\"abi\":");
		json_str(ob, c->abi->name);
	}
	if (p[0]) {
		outbuf_puts(ob, ",\"path\":");
		json_str(ob, p[0]);
	}
	if (n > 1) {
		outbuf_puts(ob, ",\"path2\":");
		json_str(ob, p[1]);
	}
	if (c->fd >= 0) {
		outbuf_puts(ob, ",\"fd\":");
		outbuf_dec(ob, c->fd);
	}
	if (call_flags(c, flags, sizeof(flags))) {
		outbuf_puts(ob, ",\"flags\":");
		json_str(ob, flags);
	}
	if (c->out && c->id != SC_getcwd) {
		outbuf_puts(ob, ",\"target\":");
		json_str(ob, c->out);
	}
	if (c->refused)
		outbuf_puts(ob, ",\"refused\":true");
	if (c->create_known && c->done && c->ret >= 0)
		outbuf_puts(ob, c->created ? ",\"created\":true" :
			    ",\"created\":false");
	if (c->nstack) {
		outbuf_puts(ob, ",\"stack\":[");
		for (int i = 0; i < c->nstack; i++) {
			if (i)
				outbuf_put(ob, ",", 1);
			json_str(ob, c->stack[i]);
		}
		outbuf_put(ob, "]", 1);
	}
	json_result(ob, c);
}

static void json_unknown(struct outbuf *ob, pid_t tid, pid_t tgid,
			 const char *abi, long nr)
{
	outbuf_printf(ob, "{\"event\":\"syscall\",\"pid\":%d,\"tgid\":%d,"
		      "\"syscall\":\"syscall_%ld\"", tid, tgid, nr);
	if (abi)
		outbuf_printf(ob, ",\"abi\":\"%s\"", abi);
	outbuf_puts(ob, ",\"refused\":true,\"result\":-38,"
		    "\"errno\":\"ENOSYS\"}\n");
}

static void json_fork(struct outbuf *ob, pid_t parent_tid, pid_t parent_tgid,
		      pid_t child, pid_t child_tgid, bool thread)
{
	outbuf_printf(ob, "{\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,"
		      "\"ppid\":%d,\"parent_tid\":%d,\"thread\":%s}\n",
		      child, child_tgid, parent_tgid, parent_tid,
		      thread ? "true" : "false");
}

static void json_exec(struct outbuf *ob, pid_t tid, pid_t tgid,
		      const char *exe, char *const *argv)
{
	int i;

	outbuf_printf(ob, "{\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,"
		      "\"path\":", tid, tgid);
	json_str(ob, exe);
	outbuf_puts(ob, ",\"argv\":[");
	for (i = 0; argv && argv[i]; i++) {
		if (i)
			outbuf_putc(ob, ',');
		json_str(ob, argv[i]);
	}
	outbuf_puts(ob, "]}\n");
}

static void json_exit(struct outbuf *ob, pid_t tid, pid_t tgid, int wstatus)
{
	const char *sig;

	if (WIFSIGNALED(wstatus)) {
		sig = signal_name(WTERMSIG(wstatus));
		outbuf_printf(ob, "{\"event\":\"exit\",\"pid\":%d,"
			      "\"tgid\":%d,\"status\":%d,\"signal\":\"%s\"}\n",
			      tid, tgid, 128 + WTERMSIG(wstatus),
			      sig ? sig : "SIG?");
	} else {
		outbuf_printf(ob, "{\"event\":\"exit\",\"pid\":%d,"
			      "\"tgid\":%d,\"status\":%d}\n", tid, tgid,
			      WEXITSTATUS(wstatus));
	}
}

const struct trace_ops trace_jsonl_ops = {
	.syscall = json_syscall,
	.unknown = json_unknown,
	.fork = json_fork,
	.exec = json_exec,
	.exit = json_exit,
};
