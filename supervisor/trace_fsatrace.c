/* SPDX-License-Identifier: MIT */
/*
 * The fsatrace format: file accesses only, one line per call that
 * succeeded and names a file.
 */
#include "decode.h"
#include "select.h"
#include "trace_fmt.h"

/*
 * fsatrace's line format (its README): r|path read, w|path write or
 * create, m|dst|src move, d|path delete, t|path touch (metadata),
 * q|path query (stat, access, listing).  Only calls that succeeded.
 */
static void fsatrace_syscall(struct outbuf *ob, pid_t tid, pid_t tgid,
			     const struct call *c)
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
		outbuf_puts(ob, "m|");
		outbuf_puts(ob, p[1]);
		outbuf_put(ob, "|", 1);
		outbuf_puts(ob, p[0]);
		outbuf_put(ob, "\n", 1);
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
	outbuf_putc(ob, op);
	outbuf_putc(ob, '|');
	outbuf_puts(ob, p[0]);
	outbuf_put(ob, "\n", 1);
}

/*
 * fsatrace has no line for processes (fork, exec, exit) nor for a call
 * the table does not know: it names no file.  Those ops stay NULL.
 */
const struct trace_ops trace_fsatrace_ops = {
	.syscall = fsatrace_syscall,
};
