/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_AT_H
#define VFSTRACE_HOSTFS_AT_H

/*
 * Host access to a layer without following what the tree may plant.
 *
 * == The upper is hostile ==
 *
 * The traced tree may write the upper (layer 0: an overlay's upper, a
 * writable bind's directory) by its host path: under --sandbox Landlock
 * lets it write there, and nothing keeps it from racing the library.  It
 * can plant a symlink, or swap a directory the walk looked up for one,
 * at any moment.  So every access to layer 0 walks from the layer's root
 * fd with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
 * RESOLVE_NO_MAGICLINKS) to the directory holding the last name, and
 * acts on that name with an *at() call that does not follow it (the
 * calls without a nofollow flag, mkdirat, mknodat, symlinkat, unlinkat,
 * renameat2, linkat, never follow a last name).  Path-only calls
 * (xattrs, statfs, chmod) act on an O_PATH | O_NOFOLLOW fd of the object
 * through /proc/self/fd/N, which lands on that very inode (a symlink
 * included) and never further.  A symlink or a crossing out of the
 * layer met on the way is not a state the library made: -EIO, touching
 * nothing (HFS_HOSTILE).
 *
 * The lowers are read as before, one *at() call with the whole REL: the
 * tree cannot write them (Landlock gives it no write right there).  The
 * one exception: a lowest layer "/" also holds a writable bind's host
 * directory (the upper's is masked in the view), which such a read may
 * follow a symlink in if the tree swaps one in by host path between the
 * walk and the read (README, "Sandbox: what vfstrace does itself").
 */

#include "hostfs_impl.h"

/* The errno of an upper changed behind the library (a planted symlink). */
#define HFS_HOSTILE	EIO

/* A directory fd and a last name for one *at() call. */
struct hat {
	int fd;			/* the layer's fd, or owned (OWN) */
	const char *name;	/* "." for the layer's root */
	bool own;
};

/*
 * The directory of REL ("" the root) in layer L and its last name into
 * *A; 0 or -errno (-ENOENT, -ENOTDIR, -HFS_HOSTILE).  Release with
 * hfs_at_put().  REL must live as long as *A (NAME points into it).
 */
int hfs_at(const struct hostfs *fs, int l, const char *rel, struct hat *a);

void hfs_at_put(struct hat *a);

/*
 * An O_PATH fd of the object REL of layer L (never following its last
 * name) and the path "/proc/self/fd/N" naming it for the path-only
 * calls: the fd into *FD, the path into PROC (32 bytes).  The caller
 * closes *FD.  0 or -errno.
 */
int hfs_obj(const struct hostfs *fs, int l, const char *rel, int *fd,
	    char *proc);

/* An O_PATH fd's "/proc/self/fd/N" into PROC (32 bytes). */
void hfs_fd_path(int fd, char *proc);

/* fchmodat() of REL in layer L, never following a symlink. */
int hfs_chmod_at(const struct hostfs *fs, int l, const char *rel,
		 mode_t mode);

#endif /* VFSTRACE_HOSTFS_AT_H */
