/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_TRACE_FMT_H
#define VFSTRACE_TRACE_FMT_H

#include <stdbool.h>
#include <sys/types.h>

#include "outbuf.h"

struct call;

/*
 * One output format of the trace (trace.h): how each event becomes a
 * line, appended to OB.  The event printers of trace.c dispatch through
 * the format's ops; a NULL op means the format has no line for that
 * event.  The arguments are those of the trace_*() function of the same
 * name, with the tracee's TID and TGID given as numbers.  Formats keep
 * no state: everything they write goes to OB.
 */
struct trace_ops {
	void (*syscall)(struct outbuf *ob, pid_t tid, pid_t tgid,
			const struct call *c);
	void (*unknown)(struct outbuf *ob, pid_t tid, pid_t tgid,
			const char *abi, long nr);
	void (*fork)(struct outbuf *ob, pid_t parent_tid, pid_t parent_tgid,
		     pid_t child, pid_t child_tgid, bool thread);
	void (*exec)(struct outbuf *ob, pid_t tid, pid_t tgid,
		     const char *exe, char *const *argv);
	void (*exit)(struct outbuf *ob, pid_t tid, pid_t tgid, int wstatus);
};

/* strace-like lines: supervisor/trace_text.c */
extern const struct trace_ops trace_text_ops;
/* the JSONL contract of README.md: supervisor/trace_jsonl.c */
extern const struct trace_ops trace_jsonl_ops;
/* fsatrace's lines, file accesses only: supervisor/trace_fsatrace.c */
extern const struct trace_ops trace_fsatrace_ops;

#endif
