/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HIDE_RULES_H
#define VFSTRACE_HIDE_RULES_H

#include <stddef.h>

/*
 * The host paths to grant read rights on (Landlock path-beneath rules)
 * so that everything is readable but what lies at or beneath a --hide
 * path (supervisor/hide_rules.c).  Landlock rules only add rights and a
 * rule on a directory covers its whole subtree, so no rule may sit on a
 * hidden path or on any of its ancestors: for each ancestor A of a
 * hidden path, every entry of A is granted but the next component
 * toward the hidden path, which is descended into in turn.
 *
 * HIDDEN: NHIDDEN absolute canonical host paths (realpath'd by the
 * caller; a path that does not exist is fine: its ancestors that exist
 * are listed).  A hidden path beneath another one adds nothing.
 *
 * EXCEPT: NEXCEPT absolute paths beneath hidden paths that stay readable
 * (/dev hidden but for /dev/null, /dev/pts, ...).  One that does not
 * exist is left out; one that is a symlink stands for its target
 * (realpath); one that lies beneath no hidden path is already covered.
 * A hidden path beneath an exception is hidden again there.
 *
 * Each entry is listed when the function runs (readdir, lstat: symlinks
 * are never followed).  What the result does not cover:
 *   - symlinks found in an ancestor get no rule: a rule on a symlink's
 *     own inode (an O_PATH|O_NOFOLLOW fd) is accepted by
 *     landlock_add_rule with file rights only (directory rights:
 *     EINVAL) and grants nothing, since an open through the symlink is
 *     checked on the target, which has its own place in the result (or
 *     is hidden);
 *   - the ancestors themselves: opening one for reading (a listing:
 *     LANDLOCK_ACCESS_FS_READ_DIR, checked at open(2), not at getdents)
 *     is refused; stat, chdir and O_PATH opens are not checked by
 *     Landlock;
 *   - a name made in an ancestor after the call is not readable;
 *   - an ancestor the caller cannot list (EACCES) gets nothing below it.
 *   - hard links to a hidden file that exist outside the hidden path
 *     stay readable there.
 * The caller adds its own rules (the upper, the binds, the scratch).
 *
 * On success *OUT holds *NOUT malloc'd paths, sorted, none beneath
 * another, each a directory or a non-symlink file (grant
 * READ_FILE|READ_DIR on directories, READ_FILE on the others); free with
 * hide_read_paths_free().  Returns 0, -EINVAL (a path not absolute),
 * -ENAMETOOLONG, -ENOMEM or the -errno of a directory that cannot be
 * listed for another reason than EACCES or ENOENT.
 */
int hide_read_paths(const char *const *hidden, size_t nhidden,
		       const char *const *except, size_t nexcept,
		       char ***out, size_t *nout);

/* Free the result of hide_read_paths(); NULL is allowed. */
void hide_read_paths_free(char **paths, size_t n);

#endif
