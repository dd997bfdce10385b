/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_TMPFS_H
#define VFSTRACE_SANDBOX_TMPFS_H

/*
 * --sandbox with --tmpfs: the content of the tmpfs files.  Without the
 * sandbox a tmpfs file is a memfd the tree reopens through
 * /proc/KEEPER/fd/N; in a Landlock domain that reopen fails (EACCES: the
 * keeper is outside the domain, and a memfd is beneath no rule).  So
 * under --sandbox each file's content is a file of vfstrace's in a
 * private directory of the upper (a ".wh." name, which the view never
 * shows), beneath the upper's write rule; vfstrace creates and removes
 * those files through a dirfd, never by a path the tree could redirect,
 * and removes the directory at exit.
 */
#include "vfs.h"

/* Make the directory in UPPER.  0 or -errno. */
int sandbox_tmpfs_init(const char *upper);

/* The fd export for vfs_set_fd_export() (after sandbox_tmpfs_init). */
extern const struct vfs_fd_export sandbox_tmpfs_export;

/* After the view is freed: what is left removed, the directory too. */
void sandbox_tmpfs_release(void);

#endif
