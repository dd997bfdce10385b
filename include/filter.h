/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_FILTER_H
#define VFSTRACE_FILTER_H

#include <stdbool.h>

#include "arch.h"
#include "sandbox.h"

/*
 * The seccomp filter, built with libseccomp from the syscall table.
 *
 * Every row of include/syscall_list.h that an ABI of ARCH has a number
 * for returns SECCOMP_RET_TRACE with the row's sc_id as data
 * (FILTER_DATA_*), so one PTRACE_GETEVENTMSG or PTRACE_GET_SYSCALL_INFO
 * tells which row trapped.  Syscall numbers above the highest one the
 * table knows of are trapped as FILTER_DATA_UNKNOWN so that a newer,
 * unknown path-taking call is never let through silently; everything else
 * is allowed.  Calls of an ABI the filter does not know (x32) fail with
 * ENOSYS.
 */

#define FILTER_DATA_UNKNOWN 0xffff

struct filter_opts {
	/*
	 * The mode whose column of the table decides what is trapped: every
	 * row whose decision is not NOTRAP.
	 */
	enum mode mode;
	/* not owned; --sandbox (sandbox.h), or NULL */
	const struct sandbox_opts *sandbox;
};

/*
 * Install the filter on the calling thread (PR_SET_NO_NEW_PRIVS first).
 * Meant for the child between fork and exec: after this call, trapped
 * syscalls fail with ENOSYS unless a tracer is attached.
 * Returns 0 or -errno.
 */
int filter_install(const struct arch *arch, const struct filter_opts *opts);

/* Write the filter's BPF program to FD (for debugging); 0 or -errno. */
int filter_export(const struct arch *arch, const struct filter_opts *opts,
		  int fd);

#endif
