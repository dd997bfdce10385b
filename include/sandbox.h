/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_H
#define VFSTRACE_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

/*
 * --sandbox: confinement the kernel enforces on the traced tree, so that
 * a tracee that wins a race against the path rewriting still cannot
 * touch the host (README, "Sandbox").  The pieces:
 *   - Landlock (sandbox.c): writes only beneath the upper, the writable
 *     binds, vfstrace's scratch and the few devices a program needs;
 *     reads everywhere but beneath --hide paths and /dev; signal and
 *     abstract-socket scoping (ABI 6); TCP bind/connect (ABI 4) unless
 *     --share-net.  Applied in the child before the command's exec.
 *   - the seccomp filter (filter.c): a deny list of kernel attack
 *     surface, socket families, namespace flags, TIOCSTI/TIOCLINUX.
 *   - the handlers: what Landlock cannot bound (chmod, chown, utimes,
 *     xattrs, file ioctls, pathname unix connect) is done by vfstrace on
 *     the object it resolved, never passed with a pointer the tree can
 *     change; the scratch mapping is read-only and sealed in the tracee.
 */

enum sandbox_level {
	SANDBOX_OFF = 0,
	SANDBOX_STRICT,		/* --sandbox: exit 125 if anything is missing */
	SANDBOX_BEST_EFFORT,	/* --sandbox=best-effort: run with what is
				   there, say what is off */
};

/* What the command line asks for.  Strings are borrowed from argv. */
struct sandbox_opts {
	enum sandbox_level level;
	bool share_net;			/* --share-net: AF_INET/AF_INET6 */
	const char **hide;		/* --hide PATH, absolute host paths */
	size_t nhide;
	const char **share_sockets;	/* --share-socket PATH */
	size_t nshare_sockets;
};

/* True when O asks for a sandbox (strict or best effort). */
static inline bool sandbox_on(const struct sandbox_opts *o)
{
	return o && o->level != SANDBOX_OFF;
}

#endif
