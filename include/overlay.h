/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_OVERLAY_H
#define VFSTRACE_OVERLAY_H

#include "overlay_types.h"
#include "supervisor.h"

struct call;

/*
 * Overlay mode: every trapped call resolved through the view (view.h,
 * vfs.h).  At the seccomp stop the decoded call (view paths) is either
 *  - passed to the kernel, its path arguments rewritten to the host paths
 *    the view names (written into a per-process scratch mapping, never in
 *    place), or left alone when the host path is the same;
 *  - emulated: the library does the work, the call is skipped and its
 *    result put in the return register (no exit stop);
 *  - or it needs work at its exit stop (enum ov_exit in tracee.h).
 *
 * Design of fd -> view path: fds are not tracked per process.  The rare
 * calls that need the view path of an fd (fchdir, getdents64, the fd
 * metadata calls, dirfd-relative paths, readlink of /proc/PID/fd/N) read
 * the fd's host path from /proc/PID/fd/N and map it back through the
 * layers (view_from_host).  The hot path (stat, open, readlink with
 * AT_FDCWD) reads no /proc file: the cwd is the view cwd held by the
 * supervisor, changed only by emulated chdir/fchdir, and credentials are
 * read from /proc once per thread and again only after it changed them.
 */


/*
 * The fast paths, taken before decoding: a no-follow lookup (newfstatat
 * or statx with AT_SYMLINK_NOFOLLOW, readlinkat) of one name relative to
 * a dirfd while every directory fd of the tree is plain (view.h), the
 * walk of fts-style walkers; and fstat(fd) as newfstatat/statx of "" with
 * AT_EMPTY_PATH (libc's fstat) while no copied-up object needs its
 * origin's numbers.  True when the call may run as it is (nothing
 * decoded, nothing to restore).
 */
bool ov_plain(struct sup *s, struct tracee *t, const struct abi *abi,
	      enum sc_id id, const uint64_t args[6]);

/*
 * Whether decoded call C is an i386 socketcall(SYS_SOCKET or
 * SYS_SOCKETPAIR) under --sandbox, which the handler turns into the
 * direct call for the filter to check its family (decoding leaves these
 * sub-calls alone: no path).
 */
bool ov_sandbox_socketcall(const struct sup *s, struct call *c);

/*
 * Whether overlay mode has a handler for HOW (the overlay column of the
 * table may name only those: test_sysent checks it).
 */
bool ov_handles(enum handling how);

/*
 * Handle the seccomp stop of C (decoded with the view) made by T, as the
 * overlay column of its row decides.
 */
enum ov_result ov_enter(struct sup *s, struct tracee *t, struct call *c);

/*
 * Register overlay mode's per-process and per-thread state hooks
 * (tracee.h); before the first tracee is added.
 */
void ov_register(void);

/*
 * --sandbox: S->unix_roots from the view's upper and the writable binds
 * (BINDS: N SRC DEST pairs, RO: read-only flags).  Dies on ENOMEM.
 */
void ov_unix_roots(struct sup *s, const char *const *binds, const bool *ro,
		   size_t n);
/* S->unix_roots freed (after the run). */
void ov_unix_roots_release(struct sup *s);

/* Whether the exit stop of T's call has overlay work (ov_exit()). */
bool ov_exit_wanted(const struct tracee *t);

/*
 * The exit stop of a call that returned OV_EXIT or OV_INJECT, which
 * returned RET; returns the result the tracee sees.  *RESTART is set when
 * the stop ended an injected call: the thread runs its own call again,
 * from its seccomp stop.
 */
long ov_exit(struct sup *s, struct tracee *t, long ret, bool *restart);

/* The view path of T's executable when known, else NULL. */
const char *ov_exe(const struct tracee *t);

/*
 * Whether this kernel can seal the scratch mapping (mseal(2), Linux
 * 6.10), probed once.  Without it the mapping is read-only in the tracee
 * but the tree may mprotect it writable: --sandbox reports it.
 */
bool ov_scratch_sealable(void);

/* T's process just exec'd: a new address space (scratch is gone). */
void ov_exec(struct sup *s, struct tracee *t);

#endif
