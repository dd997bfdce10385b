/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SUPERVISOR_H
#define VFSTRACE_SUPERVISOR_H

#include <stdbool.h>
#include <sys/types.h>

#include "arch.h"
#include "trace.h"
#include "tracee.h"

struct view;
struct select;
struct summary;
struct unwinder;

/*
 * The supervisor's state: one per run, owned by main().  Single-threaded:
 * every ptrace and wait call comes from the thread that seized the tree.
 */
struct sup {
	const struct arch *arch;
	struct tracee_table tracees;
	struct trace *trace;	/* not owned; NULL: nothing is logged */
	struct view *view;	/* not owned; NULL: trace mode */
	/* not owned; --sandbox and its options, NULL without --sandbox */
	const struct sandbox_opts *sandbox;
	enum mode mode;		/* MODE_OVERLAY with a view, else MODE_TRACE:
				   the column of the table that decides */
	struct select *select;	/* not owned; which calls are logged */
	struct summary *summary; /* not owned; NULL: no -c */
	struct unwinder *unwinder; /* not owned; -k: stacks of logged calls */
	int stack_depth;
	pid_t main_pid;		/* the command vfstrace started */
	/* the fds vfstrace got from its caller (ov_passed_init()) */
	int passed[16];
	unsigned int npassed;
	int main_wstatus;	/* its wait status, once main_done */
	bool main_done;
	unsigned int nheld;	/* tracees held (tracee.held) */
	/* tids gone before their parent's fork event: that event is dropped */
	pid_t gone_early[32];
	unsigned int ngone_early;
};

/*
 * Run the event loop until every tracee is gone.  Returns vfstrace's exit
 * status: the command's own, 128+N when it was killed by signal N, or 125
 * when the supervisor itself failed.
 */
int sup_run(struct sup *s);

/*
 * Before vfstrace opens anything: note the fds its caller passed in,
 * which the command inherits (overlay_passed.c).
 */
void ov_passed_init(struct sup *s);

/* After the launch: SIGTERM/SIGHUP flush the trace before vfstrace dies. */
void sup_catch_terminate(void);

#endif
