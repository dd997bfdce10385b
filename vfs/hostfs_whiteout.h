/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_WHITEOUT_H
#define VFSTRACE_HOSTFS_WHITEOUT_H

/* Whiteouts, opaque markers, and removal of upper directories holding them. */

#include "hostfs_impl.h"

/* Whiteout NAME of upper directory DIRREL. */
int hfs_make_whiteout(struct hostfs *fs, const char *dirrel,
		      const char *name);

/* Mark upper directory REL opaque. */
int hfs_make_opaque(struct hostfs *fs, const char *rel);

/* A new NAME in upper DIRREL supersedes a whiteout of it. */
void hfs_drop_whiteout(struct hostfs *fs, const char *dirrel,
		       const char *name);

/* Remove directory FD/NAME holding only whiteouts and temporaries. */
int hfs_purge(int fd, const char *name);

/* hfs_purge() of upper directory REL. */
int hfs_purge_upper(struct hostfs *fs, const char *rel);

/* unlinkat(REL, FLAGS) in the upper (hostfs_at.h): 0 or -errno. */
int hfs_unlink_upper(struct hostfs *fs, const char *rel, int flags);

/* renameat2(FROM, TO, FLAGS) in the upper (hostfs_at.h): 0 or -errno. */
int hfs_rename_upper(struct hostfs *fs, const char *from, const char *to,
		     unsigned int flags);

/*
 * Remove upper directory N, which looks empty in the view but may hold
 * whiteouts: moved to a hidden name first, so that the lower entries it
 * hides never show.
 */
int hfs_remove_upper_dir(struct hostfs *fs, struct hnode *n);

#endif /* VFSTRACE_HOSTFS_WHITEOUT_H */
