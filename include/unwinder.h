/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_UNWIND_H
#define VFSTRACE_UNWIND_H

/*
 * Stack traces of stopped tracees (-k, --stack), with libunwind-ptrace.
 *
 * The unwinder keeps, per process (tgid), a libunwind address space whose
 * cache of unwind rules lives as long as the process's mappings do, and
 * the process's mappings (/proc/PID/maps, read once); per ELF file, its
 * unwind search table and function symbols, read once for the whole run;
 * and the text of each frame by (file, offset in the file), so a make
 * build that runs the same programs thousands of times names their
 * frames once.  A stack whose frames are all cached costs one
 * PTRACE_GETREGS and one or two process_vm_readv calls (and libunwind's
 * own locking: two sigprocmask calls per frame).
 *
 * Not thread-safe; meant for the supervisor's one thread.  The
 * architecture's part is include/arch_unwind.h (x86_64, tested; aarch64,
 * compiled only).  Without libunwind's headers unwinder_new fails with
 * -ENOTSUP and vfstrace must refuse -k.
 */

#include <stdint.h>
#include <sys/types.h>

/* Frames per stack: what -k shows by default, and the most it may ask. */
#define UNWIND_DEFAULT_DEPTH 16
#define UNWIND_MAX_DEPTH 64

struct unwinder;

/* A new unwinder in *OUT (freed with unwinder_free); 0 or -errno. */
int unwinder_new(struct unwinder **out);

/* Free U and everything it caches; NULL is a no-op. */
void unwinder_free(struct unwinder *u);

/*
 * The process TGID exec'd or exited: drop its address space and
 * mappings.  Call it at PTRACE_EVENT_EXEC (with the tgid after the exec)
 * and when the process is gone; an unknown TGID is a no-op.  What is
 * known of files (unwind tables, names) is kept: it is not the process's.
 * Exits must not be missed: a process's state is about 50 KiB (beyond
 * 512 processes, the unwinder drops them all, losing only time).
 */
void unwinder_forget(struct unwinder *u, pid_t tgid);

/*
 * Unwind thread TID of process TGID, which must be in a ptrace stop (a
 * seccomp or syscall stop), innermost frame first, at most MAX frames
 * (MAX above UNWIND_MAX_DEPTH is taken as UNWIND_MAX_DEPTH).
 *
 * FRAMES[i] gets "func+0xoff" (OFF from the start of the function, whose
 * name is as in the symbol table: C++ names stay mangled), or
 * "?? (/path/of/file+0xoff)" when the file has no symbol for it (OFF is
 * then the offset in the file), "?? ([vdso]+0xoff)" in a named mapping
 * that is no file, "?? (0xaddr)" outside any mapping.
 * PCS[i] (PCS may be NULL) gets the frame's address: the resume address
 * in frame 0, a return address in the others.
 *
 * When unwinding fails, the last frame is "<unwind failed: REASON>" (its
 * PC 0) and the frames before it stand: a stack is never empty, even for
 * a tracee that vanished.  Returns the number of frames (>= 1), or
 * -EINVAL for bad arguments, -ENOTSUP without unwinding support.
 *
 * The strings are owned by U and valid until the next unwinder_stack or
 * unwinder_free.
 */
int unwinder_stack(struct unwinder *u, pid_t tid, pid_t tgid, int max,
		   const char **frames, uint64_t *pcs);

/*
 * Counters since unwinder_new, for tests and -d diagnostics.  The *_reads
 * are the expensive paths: a warm stack adds to none of them.
 */
struct unwinder_stats {
	uint64_t stacks;	/* unwinder_stack calls (arguments valid) */
	uint64_t frames;	/* frames returned, failure markers included */
	uint64_t failed;	/* stacks ending in "<unwind failed: ...>" */
	uint64_t spaces;	/* address spaces created (one per process) */
	uint64_t maps_reads;	/* /proc/PID/maps parsed */
	uint64_t info_reads;	/* unwind rules looked up (FDE searches) */
	uint64_t elf_reads;	/* ELF files read (unwind tables, symbols) */
	uint64_t sym_reads;	/* frames named from symbol tables */
	uint64_t sym_hits;	/* frames named from the cache */
};

/* Copy U's counters into *ST (all zero without unwinding support). */
void unwinder_stats(const struct unwinder *u, struct unwinder_stats *st);

#endif
