/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_DENY_H
#define VFSTRACE_SANDBOX_DENY_H

#include <stddef.h>
#include <stdint.h>

/*
 * The sandbox deny list (rows in sandbox_deny_list.h), refused by the
 * seccomp filter under --sandbox.  Constant data, no ownership.
 */
enum deny_kind {
	DENY_ALL,	/* every call */
	DENY_FLAGS,	/* a bit of mask set in argument arg */
	DENY_DEVNODE,	/* argument arg has type S_IFCHR or S_IFBLK */
	DENY_IOCTL,	/* ioctl with request mask (low 32 bits) */
	DENY_FAMILY,	/* argument 0 an address family not allowed */
};

/* The namespace flags clone(2) takes (CLONE_NEWTIME is in CSIGNAL). */
#define SANDBOX_NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | \
			  CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | \
			  CLONE_NEWNET)

struct deny_row {
	const char *name;	/* the call, libseccomp's name */
	const char *what;	/* README's first column */
	enum deny_kind kind;
	int arg;
	uint64_t mask;		/* DENY_FLAGS: the flags; DENY_IOCTL: request */
	int err;
	const char *reason;
};

extern const struct deny_row deny_rows[];
extern const size_t deny_nrows;

#endif
