/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_CALL_H
#define VFSTRACE_CALL_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "sysent.h"

struct view;

/*
 * One decoded syscall of a tracee, from its seccomp stop to its exit
 * stop.  Every string is owned by the call and freed by call_free().
 */
struct call {
	enum sc_id id;
	const struct view *view;	/* overlay mode: paths are view paths */
	const struct sysent *ent;
	const struct abi *abi;
	uint64_t args[6];
	char *str[6];		/* PATH (absolute), STR, SOCKADDR path */
	int err[6];		/* -errno when argument I could not be read */
	unsigned char rel;	/* bit I: PATH argument I was relative */
	unsigned char moved;	/* bit I: str[I] is not what the tracee's
				   string names as given: always rewritten */
	char *raw;		/* execve family: the path as given */
	char **stack;		/* -k: frames, innermost first (owned) */
	int nstack;
	int fd;			/* fd-based calls: the fd, else -1 */
	char *fdpath;		/* its path, NULL when unknown */
	char **argv;		/* execve: NULL-terminated, the first
				   MAX_ARGV (decode.c) strings */
	unsigned int argc;	/* execve: the number of argv pointers
				   before the NULL (more than MAX_ARGV:
				   argv is cut) */
	bool argc_more;		/* argc stopped counting: at least argc */
	uint64_t how[3];	/* openat2: flags, mode, resolve */
	int sockcall;		/* i386 socketcall sub-call, else 0 */
	bool refused;		/* refused by vfstrace with ENOSYS */
	bool created;		/* an O_CREAT open that made the file (known
				   only when checked: see summary.h) */
	bool create_known;
	bool done;		/* ret is known */
	long ret;		/* kernel's return, -errno on failure */
	char *out;		/* OUTSTR argument after the call */
	/*
	 * Overlay mode: the kernel's host path of the directory relative
	 * PATH argument HBASE_ARG is resolved against (its dirfd's, or the
	 * cwd), "" when unknown; RLEN: the length of the relative string
	 * as given, the tail of str[HBASE_ARG].  Last: not zeroed whole.
	 */
	int rlen;
	unsigned short rlens[6];	/* relative PATH I: its length as given */
	int hbase_arg;
	char hbase[PATH_MAX];
};

/* A zeroed call; NULL on ENOMEM.  Freed with call_free(). */
struct call *call_new(void);
void call_free(struct call *c);
/* Free the strings and zero C for reuse. */
void call_clear(struct call *c);

#endif
