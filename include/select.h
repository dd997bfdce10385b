/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SELECT_H
#define VFSTRACE_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "sysent.h"

struct call;

/*
 * Which logged calls are kept, in strace's spelling:
 *   -e trace=SET   classes read, write, create, delete, exec, stat, dir,
 *                  all (also with a leading '%'; "file" = all) and
 *                  syscall names, comma-separated; repeatable (union)
 *   --path=P       a directory (everything at or under it) or, when P has
 *                  a wildcard, an fnmatch(3) pattern (no flags: '*' also
 *                  matches '/'); repeatable; a call matches when its path
 *                  or path2 does
 *   --failed/--ok  only calls that failed / succeeded
 * Process events (fork, exec, exit) are always kept.
 */
struct select {
	bool any_trace;		/* a -e trace= was given */
	bool all;		/* trace=all: every call, class or not */
	unsigned int classes;	/* C_* bits selected by class */
	bool ids[SC__COUNT];	/* rows selected by name */
	const char **paths;	/* owned array of borrowed strings */
	size_t npaths;
	int result;		/* 0 any, 1 --ok, -1 --failed */
};

/*
 * Add the classes and names of SET (the text after "trace=") to SEL.
 * Returns 0, or -EINVAL with *BAD set to the unknown word (owned by SET).
 */
int select_trace(struct select *sel, char *set, const char **bad);
/* Add a --path pattern (borrowed); 0 or -ENOMEM. */
int select_path(struct select *sel, const char *pattern);
void select_release(struct select *sel);

/* True when nothing restricts the log. */
bool select_all(const struct select *sel);

/* Whether the finished call C is kept. */
bool select_call(const struct select *sel, const struct call *c);

/*
 * Whether a call the table does not know (refused with ENOSYS, logged as
 * syscall_N: no class, no path) is kept.
 */
bool select_unknown(const struct select *sel);

/*
 * The classes of C as it was made: the row's classes, with an open's
 * read/write/create decided by its flags (O_RDONLY: read; O_WRONLY,
 * O_RDWR, O_TRUNC: write, O_RDWR also read; O_CREAT: create; O_PATH:
 * stat).  Renames are C_RENAME.
 */
unsigned int call_classes(const struct call *c);

/* The path-like strings of C in argument order (up to 2); the count. */
int call_paths(const struct call *c, const char *p[2]);

#endif
