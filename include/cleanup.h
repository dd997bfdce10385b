/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_CLEANUP_H
#define VFSTRACE_CLEANUP_H

/*
 * The one cleanup idiom of vfstrace (as bubblewrap's utils.h): a local
 * that owns memory or an fd is declared with a cleanup attribute, so
 * every exit of the function is a plain `return` and nothing is released
 * by hand.  Ownership leaves the variable only through steal_pointer() /
 * steal_fd(), which make the hand-over visible at the return.
 *
 *	_cleanup_free_ char *buf = malloc(n);
 *	_cleanup_close_ int fd = open(...);
 *	...
 *	return steal_pointer(&buf);
 *
 * Functions whose resources outlive one scope (the vfs objects with
 * reference counts) keep their *_put() calls; the attribute is for locals.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static inline void cleanup_freep(void *p)
{
	free(*(void **)p);
}

static inline void cleanup_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}

#define _cleanup_free_ __attribute__((cleanup(cleanup_freep)))
#define _cleanup_close_ __attribute__((cleanup(cleanup_closep)))

/* The value of *PP, leaving NULL behind: the caller now owns it. */
static inline void *steal_pointer_impl(void *pp)
{
	void **p = pp, *v = *p;

	*p = NULL;
	return v;
}
#define steal_pointer(pp) ((__typeof__(*(pp)))steal_pointer_impl(pp))

/* The fd *FD, leaving -1 behind: the caller now owns it. */
static inline int steal_fd(int *fd)
{
	int v = *fd;

	*fd = -1;
	return v;
}

#endif
