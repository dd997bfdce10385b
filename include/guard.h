/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_GUARD_H
#define VFSTRACE_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#include "sysent.h"

/*
 * Argument rules: the calls of a row that a decision spelled with an _IF
 * (REFUSE_IF, DUMPABLE) is about.  The seccomp filter traps only the
 * calls that match one of the row's rules (supervisor/filter.c turns them
 * into SCMP_A*() conditions); every other call of the row runs untrapped.
 * The supervisor matches the same rules again at the stop: a call the
 * tracee's own filter trapped with SECCOMP_RET_TRACE is let through
 * unless it matches.  Arch-neutral: the rows named here take the tested
 * arguments at the same positions on every ABI.
 */

/* One condition: (args[arg] & mask) == value. */
struct guard_cond {
	unsigned char arg;
	uint64_t mask;
	uint64_t value;
};

#define GUARD_MAX_CONDS 2

/* A rule: all of its conditions hold. */
struct guard_rule {
	unsigned char nconds;
	struct guard_cond cond[GUARD_MAX_CONDS];
};

/*
 * The rules of row ID, *N of them; NULL and *N = 0 for a row without
 * rules (a decision spelled with _IF on such a row does not fit it).
 * Constant data.
 */
const struct guard_rule *guard_rules(enum sc_id id, int *n);

/*
 * Whether ARGS (of a call of row ID) match one of the row's rules; false
 * for a row without rules.  The kernel reads the tested arguments as
 * 32-bit ints, or uses only their low 32 bits, on every ABI: the masks
 * never test the high half, which an i386 call may leave undefined.
 */
bool guard_match(enum sc_id id, const uint64_t args[6]);

#endif
