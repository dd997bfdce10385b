/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_LAUNCH_H
#define VFSTRACE_LAUNCH_H

#include <sys/types.h>

#include "arch.h"
#include "filter.h"
#include "sandbox.h"

/*
 * Start ARGV[0] (searched in PATH) as a tracee: fork, PTRACE_SEIZE the
 * child with every option vfstrace needs, then let it install the filter
 * and exec.  The child waits on a pipe until it is seized (a raise(SIGSTOP)
 * could leave a phantom group-stop).  If the exec fails the child prints
 * "vfstrace: 'CMD': REASON" and exits 127 (not found) or 126 (cannot be
 * run), which the supervisor passes on as env(1) does.
 * With SB (--sandbox), the child enters its Landlock domain first.
 * Returns the child's pid; dies (exit 125) when it cannot set up.
 */
pid_t launch(char *const argv[], const struct arch *arch,
	     const struct filter_opts *fopts, struct sandbox *sb);

#endif
