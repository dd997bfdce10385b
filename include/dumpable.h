/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_DUMPABLE_H
#define VFSTRACE_DUMPABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "tracee.h"

/*
 * prctl(PR_SET_DUMPABLE) and prctl(PR_GET_DUMPABLE) of process P, ARGS
 * as the call gave them (WIDE: a 64-bit ABI, else only the low 32 bits
 * count), emulated (supervisor/dumpable.c).  True when the call is
 * answered without the kernel, with *RET its result; false when it must
 * run as it is.  Updates P->nodump.
 */
bool dumpable_call(struct proc *p, const uint64_t args[6], bool wide,
		   long *ret);

#endif
