/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_TRACE_H
#define VFSTRACE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "outbuf.h"

struct call;
struct trace_ops;
struct tracee;

/*
 * The trace: the product's output (-o FILE), in text (strace-like),
 * JSONL (contract in README.md) or fsatrace's format; each format is a
 * struct trace_ops (trace_fmt.h).  Events are formatted into an outbuf
 * that is written out once per batch of events (trace_flush, called by
 * the event loop before it blocks) or when it fills up.
 */
enum trace_format { TRACE_TEXT, TRACE_JSONL, TRACE_FSATRACE };

struct trace {
	struct outbuf out;		/* owned; a write failed: out.err */
	bool own_fd;			/* out.fd is owned (not stderr) */
	const struct trace_ops *ops;	/* static */
};

/*
 * Open PATH ("-" for stderr) for writing, truncating it.  Returns 0 or
 * -errno.  TR is released with trace_close(), which flushes.
 */
int trace_open(struct trace *tr, const char *path, enum trace_format fmt);
void trace_close(struct trace *tr);

/* Write out what is buffered. */
void trace_flush(struct trace *tr);
static inline bool trace_pending(const struct trace *tr)
{
	return tr && tr->out.len;
}

/* A finished (or unfinished: !c->done) syscall of T. */
void trace_syscall(struct trace *tr, const struct tracee *t,
		   const struct call *c);
/* A call the table does not know (number NR; ABI NULL if native), refused. */
void trace_unknown(struct trace *tr, const struct tracee *t, const char *abi,
		   long nr);
/* PARENT (thread PARENT_TID) created CHILD (a thread when THREAD). */
void trace_fork(struct trace *tr, pid_t parent_tid, pid_t parent_tgid,
		pid_t child, pid_t child_tgid, bool thread);
/* TID (of TGID) now runs EXE with ARGV (NULL-terminated). */
void trace_exec(struct trace *tr, pid_t tid, pid_t tgid, const char *exe,
		char *const *argv);
/*
 * A record about the run itself (the first: the sandbox in force): the
 * JSON object JSONL in the jsonl format, the line TEXT in the text one,
 * nothing in fsatrace's.  Both without a newline.
 */
void trace_record(struct trace *tr, const char *jsonl, const char *text);
/* TID ended with wait status WSTATUS. */
void trace_exit(struct trace *tr, pid_t tid, pid_t tgid, int wstatus);

#endif
