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

/*
 * Remove upper directory N, which looks empty in the view but may hold
 * whiteouts: moved to a hidden name first, so that the lower entries it
 * hides never show.
 */
int hfs_remove_upper_dir(struct hostfs *fs, struct hnode *n);

#endif /* VFSTRACE_HOSTFS_WHITEOUT_H */
