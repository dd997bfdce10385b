/* SPDX-License-Identifier: MIT */
/*
 * The argument rules of include/guard.h.  Each rule's reason is the
 * decision it serves, in include/syscall_list.h.
 */
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>

#include "guard.h"

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

/* The kernel reads int and unsigned int arguments from the low half. */
#define LOW32 0xffffffffULL

/*
 * seccomp(SECCOMP_SET_MODE_FILTER, flags with NEW_LISTENER, prog): a
 * filter with a listener, whose USER_NOTIF outranks vfstrace's TRACE and
 * whose listener may let a call run unseen.  Other filters (systemd's,
 * browsers', TSYNC and TSYNC_ESRCH ones) and prctl(PR_SET_SECCOMP), which
 * takes no flags, are not trapped.
 */
static const struct guard_rule seccomp_rules[] = {
	{ 2, { { 0, LOW32, SECCOMP_SET_MODE_FILTER },
	       { 1, SECCOMP_FILTER_FLAG_NEW_LISTENER,
		 SECCOMP_FILTER_FLAG_NEW_LISTENER } } },
};

/*
 * clone(flags with CLONE_UNTRACED, ...): a child vfstrace's TRACECLONE
 * would not follow, which its parent could then trace itself.  The flags
 * are the first argument on every ABI (CLONE_BACKWARDS* move the others).
 */
static const struct guard_rule clone_rules[] = {
	{ 1, { { 0, CLONE_UNTRACED, CLONE_UNTRACED } } },
};

/* prctl(PR_SET_DUMPABLE) and prctl(PR_GET_DUMPABLE): emulated. */
static const struct guard_rule prctl_rules[] = {
	{ 1, { { 0, LOW32, PR_SET_DUMPABLE } } },
	{ 1, { { 0, LOW32, PR_GET_DUMPABLE } } },
};

#define RULES(id, r) [SC_##id] = { r, sizeof(r) / sizeof(r[0]) }

static const struct {
	const struct guard_rule *rules;
	int n;
} table[SC__COUNT] = {
	RULES(seccomp, seccomp_rules),
	RULES(clone, clone_rules),
	RULES(prctl, prctl_rules),
};

const struct guard_rule *guard_rules(enum sc_id id, int *n)
{
	if (id <= SC_NONE || id >= SC__COUNT) {
		*n = 0;
		return NULL;
	}
	*n = table[id].n;
	return table[id].rules;
}

static bool rule_match(const struct guard_rule *r, const uint64_t args[6])
{
	int i;

	for (i = 0; i < r->nconds; i++)
		if ((args[r->cond[i].arg] & r->cond[i].mask) !=
		    r->cond[i].value)
			return false;
	return true;
}

bool guard_match(enum sc_id id, const uint64_t args[6])
{
	int n, i;
	const struct guard_rule *r = guard_rules(id, &n);

	for (i = 0; i < n; i++)
		if (rule_match(&r[i], args))
			return true;
	return false;
}
