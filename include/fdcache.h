/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_FDCACHE_H
#define VFSTRACE_FDCACHE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * The host paths of a process's fds, without reading /proc/PID/fd/N on
 * every dirfd-relative call (fts walkers make one per entry).
 *
 * An fd whose path was read twice is remembered with a copy of its open
 * file description (pidfd_getfd(2)); the next lookups only compare the
 * tracee's fd with that copy (kcmp(2) KCMP_FILE): the same description is
 * the same object, whatever the tracee closed, dup2()ed or exec'ed in
 * between.  Its path can only change when a directory is renamed or
 * removed: fdcache_invalidate() (called at each such call the supervisor
 * sees) drops every entry.  A rename done on the host by a process that
 * is not traced is not seen: the old name is given until then.
 *
 * Without kcmp or pidfd_getfd (old kernels, seccomp-confined vfstrace)
 * every lookup reads /proc.
 */

#define FDCACHE_SLOTS 4

struct fdcache_ent {
	int fd;			/* the tracee's fd number */
	int copy;		/* owned: our copy of its file, -1: none yet */
	unsigned int gen;	/* fdcache generation when filled */
	char *host;		/* owned: its path; NULL: the entry is free */
};

/* Per process (struct proc); all zero is a valid empty cache. */
struct fdcache {
	int pidfd;		/* owned when > 0 */
	unsigned int next;	/* round-robin victim */
	struct fdcache_ent ent[FDCACHE_SLOTS];
};

/*
 * The path of fd FD of thread TID of process TGID (which owns FC) into BUF:
 * length, or -errno (-EBADF: no such fd).  The path is what the kernel
 * says (pipe:[N], "/x (deleted)" included).
 */
int fdcache_path(struct fdcache *fc, pid_t tgid, pid_t tid, int fd,
		 char *buf, size_t size);

/* Forget every path of every process (a directory moved). */
void fdcache_invalidate(void);

/* Close and free everything FC holds. */
void fdcache_release(struct fdcache *fc);

#endif
