/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_ORIGIN_H
#define VFSTRACE_HOSTFS_ORIGIN_H

/* Origins: the lower inode a copy-up shows, kept in xattrs of the upper. */

#include "hostfs_impl.h"

/*
 * == Origins ==
 *
 * A copy-up records upper inode -> lower inode in the context, and
 * writes "MAJ:MIN:INO" of the lower into XA_ORIGIN of the new upper
 * object (regular files and directories: user xattrs exist on no other
 * type) when the upper's filesystem takes user xattrs; its directory is
 * then marked with XA_ORIGINS, so that a later run reads XA_ORIGIN only
 * in marked directories, at lookup and listing.
 */
/* Does the upper directory part of D hold entries with XA_ORIGIN? */
bool hfs_dir_has_origins(struct hostfs *fs, struct hnode *d);

/* Mark upper directory D as holding entries with XA_ORIGIN. */
void hfs_mark_dir_origins(struct hostfs *fs, struct hnode *d);

/*
 * Read XA_ORIGIN of NAME in upper directory fd DFD (upper inode DEV:INO,
 * NAME not followed) into the table.
 */
void hfs_load_origin_at(struct hostfs *fs, int dfd, const char *name,
			dev_t dev, ino_t ino);

/* A looked-up upper object N of D: its persisted origin, if any. */
void hfs_load_origin(struct hostfs *fs, struct hnode *d, struct hnode *n);

/* Write the origin LOWER into XA_ORIGIN of new upper object FD. */
void hfs_put_origin(struct hostfs *fs, int fd, const struct stat *lower);

/* Upper object N moved or linked into D: D may have to be marked. */
void hfs_moved_into(struct hostfs *fs, struct hnode *n, struct hnode *d);

/*
 * Is the name of upper object N about to be removed its last one?  Its
 * origin (and what the cache knows of the inode) goes with it.
 */
bool hfs_last_name(const struct hostfs *fs, const struct hnode *n);

/* The last name of upper N is gone: drop its origin and VOL_* flags. */
void hfs_forget_inode(struct hostfs *fs, const struct hnode *n);

#endif /* VFSTRACE_HOSTFS_ORIGIN_H */
