/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_H
#define VFSTRACE_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/*
 * The protections whose mechanism depends on the kernel, in the order of
 * the README's table.  sandbox_prot_name() gives each its one-line name.
 */
enum sandbox_prot {
	SBP_FS_WRITE,		/* Landlock ABI 1: writes beneath the upper */
	SBP_FS_READ,		/* ABI 1: no reads beneath --hide, /dev */
	SBP_TRUNCATE,		/* ABI 3: truncate beneath the upper only */
	SBP_NET_TCP,		/* ABI 4: no TCP bind/connect (no --share-net) */
	SBP_IOCTL_DEV,		/* ABI 5: ioctls only on granted devices */
	SBP_SCOPE_SIGNAL,	/* ABI 6, else trapped: signals in the tree */
	SBP_SCOPE_ABSTRACT,	/* ABI 6: abstract unix sockets in the tree */
	SBP_COUNT
};

/* What the kernel offers, what is in force, the ruleset to enter. */
struct sandbox {
	enum sandbox_level level;
	int abi;		/* Landlock ABI version, 0: none */
	int abi_err;		/* when 0: the errno of the version query */
	unsigned int wanted;	/* 1 << SBP_*: asked for by the options */
	unsigned int on;	/* 1 << SBP_*: in force */
	int ruleset_fd;		/* owned; -1: none (best effort, no Landlock) */
};

/* The host directories the tree may write beneath (borrowed strings). */
struct sandbox_layout {
	const char *const *writable;	/* realpaths: upper, writable binds */
	size_t nwritable;
};

/*
 * The Landlock ABI of the running kernel (the version query), or
 * -errno: -ENOSYS (no Landlock in the kernel), -EOPNOTSUPP (disabled at
 * boot), or what else the query gave.
 */
int sandbox_landlock_abi(void);

/* The one-line name of protection P, and the Landlock ABI it needs. */
const char *sandbox_prot_name(enum sandbox_prot p);
int sandbox_prot_abi(enum sandbox_prot p);

/*
 * In vfstrace, before the launch: probe the kernel, decide what is in
 * force and build the ruleset for layout L.  --sandbox with something
 * missing dies (exit 125) naming it; --sandbox=best-effort prints on
 * stderr what is off.  Dies also when a rule cannot be made.
 */
void sandbox_setup(struct sandbox *sb, const struct sandbox_opts *o,
		   const struct sandbox_layout *l);

/*
 * In the child, before the filter and the exec: no_new_privs, then the
 * ruleset of SB (closed).  0 or -errno.
 */
int sandbox_enter(struct sandbox *sb);

/* SB's ruleset closed (in vfstrace, after the launch). */
void sandbox_release(struct sandbox *sb);

/*
 * SB as one JSON object without a trailing newline (the trace's first
 * record, README "jsonl"): {"event":"sandbox",...}.  Returns the length
 * snprintf() would give.
 */
int sandbox_json(const struct sandbox *sb, char *buf, size_t size);

/* SB as the text trace's line: "+++ sandbox strict, Landlock ABI 7, ...". */
int sandbox_text(const struct sandbox *sb, char *buf, size_t size);

/* vfstrace --check: what this kernel offers, one line each, on F. */
void sandbox_check(FILE *f);

#endif
