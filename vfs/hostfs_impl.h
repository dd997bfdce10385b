/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_IMPL_H
#define VFSTRACE_HOSTFS_IMPL_H

/*
 * Types shared by the pieces of the host-directory backend (hostfs*.c):
 * the mount (struct hostfs), its nodes (struct hnode) and the OCI names
 * and xattrs it interprets.  The model is described in hostfs.c.  Each
 * piece declares its functions in its own header (hostfs_<piece>.h).
 */

#include <string.h>

#include "vfs_impl.h"

#define WH_PREFIX	".wh."
#define WH_OPAQUE	".wh..wh..opq"
#define WH_META		".wh..wh."	/* reserved: opaque, temporaries */
#define LAYER(i)	((uint64_t)1 << (i))

/* Extended attributes of the library's own, never shown in the view. */
#define XA_PREFIX	"user.vfstrace."
#define XA_ORIGIN	XA_PREFIX "origin"	/* "MAJ:MIN:INO" of the lower */
#define XA_ORIGINS	XA_PREFIX "origins"	/* on a directory: entries
						   may carry XA_ORIGIN */

struct hostfs {
	bool oci;
	bool live;		/* every cached entry is revalidated */
	int nlayers;
	int fd[VFS_MAXLAYERS];
	char *path[VFS_MAXLAYERS];
	char *rootrel;		/* "" or, binding a file, its name in path[0] */
	unsigned long seq;
	struct vfs_mount *m;
	int xattr;		/* origins in user xattrs of the upper: 0 not
				   known yet, 1 yes, -1 no (not wanted or
				   not supported) */
	unsigned long long gen;	/* v->gen the cache is valid for */
	size_t ncached;
	struct vfs_inomap vol;	/* upper inode -> VOL_* */
};

struct hkids;

struct hnode {
	struct vnode vn;
	struct hnode *parent;	/* referenced, NULL for the root */
	char *rel;		/* "" for the root */
	int top;
	uint64_t mask;
	bool incache;		/* the root, or in its parent's kids */
	signed char origins;	/* entries may carry XA_ORIGIN: 0 ?, 1, -1 */
	struct hkids *kids;	/* cached lookups, directories only */
};

#define HN(vn) ((struct hnode *)(vn))

static inline struct hostfs *FS(const struct vnode *vn)
{
	return vn->mnt->priv;
}

static inline struct vfs *V(const struct hostfs *fs)
{
	return fs->m->v;
}

/* REL as an *at() argument: the layer root is ".". */
static inline const char *at(const char *rel)
{
	return *rel ? rel : ".";
}

static inline bool is_wh_name(const struct hostfs *fs, const char *name)
{
	return fs->oci && !strncmp(name, WH_PREFIX, strlen(WH_PREFIX));
}

/*
 * The lowest layer has nothing below it to white out: its ".wh." names
 * are ordinary names, visible in the view but never changed (a copy in
 * the upper would be a whiteout).
 */
static inline int lowest(const struct hostfs *fs)
{
	return fs->nlayers - 1;
}

/* The last component of REL. */
static inline const char *last_of(const char *rel)
{
	const char *p = strrchr(rel, '/');

	return p ? p + 1 : rel;
}

static inline bool is_own_xattr(const struct hostfs *fs, const char *name)
{
	return fs->oci && !strncmp(name, XA_PREFIX, strlen(XA_PREFIX));
}

/* Result of probing a name through the layers. */
struct probe {
	int top;		/* -1: not found */
	struct stat st;
	uint64_t mask;
};

#endif /* VFSTRACE_HOSTFS_IMPL_H */
