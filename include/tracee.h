/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_TRACEE_H
#define VFSTRACE_TRACEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fdcache.h"

struct call;

/*
 * What the supervisor knows of a process (thread group): shared by its
 * threads, reference-counted.  cwd is a cache of /proc/TID/cwd, dropped
 * whenever a thread of the process changes directory.
 */
struct proc {
	int refs;
	pid_t tgid;
	char *cwd;		/* owned; NULL: not known, read /proc.  In
				   overlay mode: the view cwd, always set */
	struct fdcache fds;	/* paths of its fds */
	/*
	 * Owned; overlay mode: the host path of the kernel's cwd of the
	 * process (it follows the view cwd wherever that has a host
	 * directory), or NULL when not known: then no relative path is
	 * passed to the kernel as relative.
	 */
	char *kcwd;
	/*
	 * prctl(PR_SET_DUMPABLE, 0) was emulated (supervisor/dumpable.c):
	 * PR_GET_DUMPABLE answers 0.  Inherited on fork, cleared at exec.
	 */
	bool nodump;
	void *mode;		/* the mode's state (mode_hooks), or NULL */
};

/* One traced thread. */
struct tracee {
	pid_t tid;
	struct proc *proc;	/* owned reference */
	struct call *call;	/* owned; the call awaiting its exit stop */
	bool in_syscall;	/* resumed with PTRACE_SYSCALL for the exit */
	bool announced;		/* its fork event has been logged */
	bool held;		/* its first stop came before its parent's
				   fork event: kept stopped until then */
	int held_status;	/* the wait status of that first stop */
	bool orphan;		/* first seen before its fork event, which
				   has not come yet */
	void *mode;		/* the mode's state (mode_hooks), or NULL */
};

/*
 * A mode that keeps state per process and per thread (overlay mode: the
 * scratch mapping, emulated directories, saved registers, credentials)
 * registers these hooks once, before the first tracee exists; the core
 * knows no mode.  proc_init makes P->mode for a new process (PARENT: the
 * process it was forked from, or NULL), tracee_init makes T->mode for a
 * new thread of T->proc; both return 0 or -ENOMEM.  The free hooks
 * release what the init hooks made (NULL-safe).
 */
struct mode_hooks {
	int (*proc_init)(struct proc *p, const struct proc *parent);
	void (*proc_free)(struct proc *p);
	int (*tracee_init)(struct tracee *t);
	void (*tracee_free)(struct tracee *t);
};

/* Register HOOKS (not copied: static storage); NULL: no mode state. */
void tracee_set_hooks(const struct mode_hooks *hooks);

/*
 * The table of tracees: tid -> struct tracee, open addressing with
 * linear probing, O(1) lookups.  It owns the tracees it holds.
 */
struct tracee_table {
	struct tracee **slots;
	unsigned int size;	/* power of two */
	unsigned int count;
};

void tracee_table_init(struct tracee_table *tt);
/* Frees every tracee still held. */
void tracee_table_release(struct tracee_table *tt);

/* The tracee of TID, or NULL. */
struct tracee *tracee_get(struct tracee_table *tt, pid_t tid);

/*
 * Add a tracee for TID in PROC (a new reference is taken); PROC NULL
 * creates a new process with tgid TID.  Returns it, or NULL on ENOMEM.
 */
struct tracee *tracee_add(struct tracee_table *tt, pid_t tid,
			  struct proc *proc);

/* Remove TID's tracee from the table and free it (and its call). */
void tracee_del(struct tracee_table *tt, pid_t tid);

/*
 * Move the tracee of OLD to the tid NEW (execve from a non-leader thread:
 * the thread takes the leader's tid).  NEW's own tracee, if any, is freed.
 */
void tracee_move(struct tracee_table *tt, pid_t old, pid_t new);

/*
 * A new process: tgid TGID, a copy of PARENT's cached cwd and, through
 * the mode's proc_init hook, of its mode state; PARENT may be NULL.
 */
struct proc *proc_new(pid_t tgid, const struct proc *parent);
void proc_put(struct proc *p);
/* Forget the cached cwd. */
void proc_cwd_changed(struct proc *p);


#endif
