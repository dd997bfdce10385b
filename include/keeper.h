/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_KEEPER_H
#define VFSTRACE_KEEPER_H

#include <stddef.h>
#include <sys/types.h>

#include "vfs.h"

/*
 * The fd keeper: a small process that holds a copy of every --tmpfs
 * file's memfd, so that tracees open those files as /proc/KEEPER/fd/N
 * while vfstrace itself is not dumpable (its /proc/PID/{fd,mem,...} are
 * closed to the tree by the kernel).  The keeper is dumpable, holds
 * nothing else (no other fd, no secret in memory; the tree is refused
 * its /proc/PID entries as those of any process outside the tree, see
 * supervisor/overlay_proc.c), sits in its own session (no tty signals)
 * and exits as soon as vfstrace's end of their socket closes: a
 * SIGKILLed vfstrace leaves nothing behind.  It is started at the first
 * keeper_keep(), as a grandchild (never one of vfstrace's children, which
 * the event loop waits for).  The pages of a memfd are charged to the
 * processes that touch them, as with any memfd.
 *
 * Single-threaded: one keeper per vfstrace.
 */

/*
 * Give the keeper a copy of FD (still the caller's) and write the path a
 * tracee opens it by into PATH (SIZE bytes).  Returns the keeper's fd
 * number (>= 0) or -errno.
 */
int keeper_keep(int fd, char *path, size_t size);

/* The keeper closes its fd KFD (from keeper_keep()); no reply. */
void keeper_drop(int kfd);

/* The keeper's pid, or 0 when it has not been started. */
pid_t keeper_pid(void);

/* keeper_keep() and keeper_drop() as the library's fd export. */
extern const struct vfs_fd_export keeper_fd_export;

#endif
