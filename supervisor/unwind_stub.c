/* SPDX-License-Identifier: MIT */
/*
 * The unwinder without libunwind's headers (include/unwinder.h): every
 * entry point fails with ENOTSUP, and vfstrace refuses -k.  The header
 * test is unwind.c's, whose code is left out then.
 */
#include <errno.h>
#include <string.h>

#include "unwinder.h"

#if defined(__has_include)
#if __has_include(<libunwind-ptrace.h>)
#define HAVE_UNWIND 1
#endif
#endif

#ifndef HAVE_UNWIND

int unwinder_new(struct unwinder **out)
{
	*out = NULL;
	return -ENOTSUP;
}

void unwinder_free(struct unwinder *u)
{
}

void unwinder_forget(struct unwinder *u, pid_t tgid)
{
}

int unwinder_stack(struct unwinder *u, pid_t tid, pid_t tgid, int max,
		   const char **frames, uint64_t *pcs)
{
	return -ENOTSUP;
}

void unwinder_stats(const struct unwinder *u, struct unwinder_stats *st)
{
	memset(st, 0, sizeof(*st));
}

#endif /* !HAVE_UNWIND */
