/* SPDX-License-Identifier: MIT */
/*
 * The trace: its file, its buffer, and the event printers, which hand
 * each event to the format's ops (trace_fmt.h; one file per format:
 * trace_text.c, trace_jsonl.c, trace_fsatrace.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"
#include "trace_fmt.h"
#include "tracee.h"

static const struct trace_ops *const format_ops[] = {
	[TRACE_TEXT] = &trace_text_ops,
	[TRACE_JSONL] = &trace_jsonl_ops,
	[TRACE_FSATRACE] = &trace_fsatrace_ops,
};

int trace_open(struct trace *tr, const char *path, enum trace_format fmt)
{
	int fd = STDERR_FILENO, err;

	memset(tr, 0, sizeof(*tr));
	tr->ops = format_ops[fmt];
	if (strcmp(path, "-")) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0)
			return -errno;
		tr->own_fd = true;
	}
	err = outbuf_init(&tr->out, fd, "trace");
	if (err) {
		trace_close(tr);
		return err;
	}
	return 0;
}

void trace_close(struct trace *tr)
{
	outbuf_release(&tr->out);
	if (tr->own_fd)
		close(tr->out.fd);
	tr->own_fd = false;
}

void trace_flush(struct trace *tr)
{
	outbuf_flush(&tr->out);
}

void trace_syscall(struct trace *tr, const struct tracee *t,
		   const struct call *c)
{
	if (tr->ops->syscall)
		tr->ops->syscall(&tr->out, t->tid, t->proc->tgid, c);
}

void trace_unknown(struct trace *tr, const struct tracee *t, const char *abi,
		   long nr)
{
	if (tr->ops->unknown)
		tr->ops->unknown(&tr->out, t->tid, t->proc->tgid, abi, nr);
}

void trace_fork(struct trace *tr, pid_t parent_tid, pid_t parent_tgid,
		pid_t child, pid_t child_tgid, bool thread)
{
	if (tr->ops->fork)
		tr->ops->fork(&tr->out, parent_tid, parent_tgid, child,
			      child_tgid, thread);
}

void trace_exec(struct trace *tr, pid_t tid, pid_t tgid, const char *exe,
		char *const *argv)
{
	if (tr->ops->exec)
		tr->ops->exec(&tr->out, tid, tgid, exe, argv);
}

void trace_exit(struct trace *tr, pid_t tid, pid_t tgid, int wstatus)
{
	if (tr->ops->exit)
		tr->ops->exit(&tr->out, tid, tgid, wstatus);
}

void trace_record(struct trace *tr, const char *jsonl, const char *text)
{
	const char *line = tr->ops == &trace_jsonl_ops ? jsonl :
			   tr->ops == &trace_text_ops ? text : NULL;

	if (!line)
		return;
	outbuf_puts(&tr->out, line);
	outbuf_puts(&tr->out, "\n");
}
