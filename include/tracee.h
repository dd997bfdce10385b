/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_TRACEE_H
#define VFSTRACE_TRACEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fdcache.h"

struct call;
struct arch_regs;
struct vfs_file;
struct dirstate;

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
	/* overlay mode */
	char *exe;		/* owned; view path of the executable */
	uint64_t scratch;	/* tracee address of the scratch mapping */
	unsigned int next_slot;
	struct dirstate *dirs;	/* owned; emulated directory fds */
	size_t ndirs;
	struct fdcache fds;	/* paths of its fds */
};

/* What overlay mode knows of a thread's credentials (/proc/TID/status). */
struct tcred {
	bool valid;
	uid_t fsuid;
	gid_t fsgid;
	mode_t umask;
	size_t ngroups;
	gid_t groups[64];
};

/* Work left for the exit stop of an overlay-mode call. */
enum ov_exit {
	OVX_NONE = 0,
	OVX_INJECTED,		/* scratch mmap: record it, restart the call */
	OVX_GETDENTS,		/* the lseek standing in for getdents64 */
	OVX_RESTORE,		/* arguments were changed: put them back */
	OVX_SOCKNAME,		/* getsockname/getpeername: name the view's */
	OVX_CREDS,		/* credentials or umask changed */
};

/* One traced thread. */
struct tracee {
	pid_t tid;
	struct proc *proc;	/* owned reference */
	struct call *call;	/* owned; the call awaiting its exit stop */
	bool in_syscall;	/* resumed with PTRACE_SYSCALL for the exit */
	bool announced;		/* its fork event has been logged */
	/* overlay mode */
	unsigned int slot;	/* its slot in the proc's scratch mapping */
	struct tcred cred;
	enum ov_exit ov_exit;
	bool statfix;		/* patch st_dev/st_ino of the result */
	long ov_ret;		/* OVX_GETDENTS: the result to return */
	struct arch_regs *saved; /* owned; OVX_INJECTED registers */
	struct vfs_file *file;	/* owned ref until the kernel's open ran */
	char *exe;		/* owned; view path of a pending execve */
};

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
 * A new process: tgid TGID, copy of PARENT's cached cwd, exe and scratch
 * address (a forked copy of its memory has the mapping too); PARENT may
 * be NULL.
 */
struct proc *proc_new(pid_t tgid, const struct proc *parent);
void proc_put(struct proc *p);
/* Forget the cached cwd. */
void proc_cwd_changed(struct proc *p);

/*
 * The cwd of T's process (cached in its proc, read from /proc/TID/cwd
 * when not known), or NULL when it cannot be read.  The string belongs
 * to T's proc.
 */
const char *tracee_cwd(struct tracee *t);

#endif
