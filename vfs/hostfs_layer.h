/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_LAYER_H
#define VFSTRACE_HOSTFS_LAYER_H

/* Host paths of the layers, probing a name through them, new nodes. */

#include <dirent.h>

#include "hostfs_impl.h"

/* OUT (PATH_MAX bytes) = DIR "/" PRE NAME, or PRE NAME for DIR "". */
int hfs_join(char *out, const char *dir, const char *pre,
	     const char *name);

/* The host path of REL in layer LAYER into OUT (SIZE bytes). */
int hfs_host_path(const struct hostfs *fs, int layer, const char *rel,
		  char *out, size_t size);

/*
 * fstatat() of REL in layer L, not following a symlink anywhere in the
 * upper (hostfs_at.h); counted (struct vfs_stats).  0, or -1 and errno.
 */
int hfs_stat(const struct hostfs *fs, int l, const char *rel,
	     struct stat *st);

/* Is there an object at REL of layer L (not followed)? */
bool hfs_exists_at(const struct hostfs *fs, int l, const char *rel);

/*
 * A directory stream of NAME relative to the directory fd FD (opened
 * without following a symlink) into *D; 0 or -errno.  The caller closes
 * it with closedir(); dirfd(*D) is its fd.
 */
int hfs_opendir_at(int fd, const char *name, DIR **d);

/* hfs_opendir_at() of directory REL of layer L (hostfs_at.h). */
int hfs_opendir_layer(const struct hostfs *fs, int l, const char *rel,
		      DIR **d);

/* Is directory REL of layer L marked opaque? */
bool hfs_opaque_at(const struct hostfs *fs, int l, const char *rel);

/*
 * Find NAME in directory DIR, looking at the layers of LAYERS in DIR's
 * mask.  A non-directory stops the search; directories merge until an
 * opaque marker or a whiteout.  0 or -ENOENT (P->top -1), or another
 * -errno.
 */
int hfs_probe(const struct hostfs *fs, const struct hnode *dir,
	      const char *name, uint64_t layers, struct probe *p);

/*
 * Is there an object named NAME in DIR below the upper, visible but for
 * what the upper holds?  A masked name has none: its lowers are hidden.
 */
bool hfs_lower_has(const struct hostfs *fs, const struct hnode *dir,
		   const char *name, bool dir_only);

/*
 * Must a directory made as NAME in DIR be opaque: does it cover a lower
 * directory or a masked name (as over a whiteout)?
 */
bool hfs_covers_lower_dir(const struct hostfs *fs, const struct hnode *dir,
			  const char *name);

/*
 * A new node (one reference, the caller's) for REL as P found it, under
 * PARENT (referenced by the node; NULL for the root).
 */
int hfs_node_new(struct vfs_mount *m, struct hnode *parent,
		 const char *rel, const struct probe *p,
		 struct vnode **out);

/* Re-read N's attributes from its top layer. */
int hfs_refresh(struct hnode *n);

/* A hidden name for a temporary object in the upper directory DIRREL. */
int hfs_tmp_name(struct hostfs *fs, const char *dirrel, char *out);

#endif /* VFSTRACE_HOSTFS_LAYER_H */
