/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_PATHS_H
#define VFSTRACE_SANDBOX_PATHS_H

#include <stddef.h>

/*
 * The host paths to grant read on so that everything is readable but
 * what lies beneath the HIDDEN paths (absolute, canonical), given that
 * Landlock rules only add rights: every entry of every proper ancestor of
 * a hidden path, but the ancestors and hidden paths themselves, plus the
 * EXCEPT paths (beneath a hidden one, granted anyway).  Entries are read
 * now: a name made later on the host beside a hidden path is not
 * readable.  *OUT (owned by the caller, each string and the array) gets
 * *NOUT paths.  0 or -errno.
 */
int sandbox_read_paths(const char *const *hidden, size_t nhidden,
		       const char *const *except, size_t nexcept,
		       char ***out, size_t *nout);

#endif
