/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_CACHE_H
#define VFSTRACE_HOSTFS_CACHE_H

/* The lookup cache of a host mount and its invalidation. */

#include "hostfs_impl.h"

/* fs->vol flags: what the kernel may change behind the library. */
#define VOL_META	0x1	/* the object's attributes (chmod...) */
#define VOL_DIR		0x2	/* a directory's entries (O_CREAT) */

/*
 * == Lookup cache ==
 *
 * Each cached directory node holds its looked-up names (KIDS): a node
 * (one reference) or a negative entry.  A node is in the cache while it
 * is in its parent's kids, so a subtree is dropped with its top.  What
 * the cache trusts, and how it is kept right:
 *
 *   - Changes made through this mount forget the names they change
 *     (forget()) and update the nodes they act on in place.  Changes
 *     made through another mount bump the context's generation, which
 *     empties this cache on its next lookup (a bind may alias a layer).
 *   - The lowers are read-only and the upper private to the view: not
 *     revalidated.  Changes made there by other processes are not seen
 *     while cached (vfs_cache_flush()).
 *   - What the kernel changes through host paths the library handed out
 *     is revalidated with one fstatat(): the attributes of an upper
 *     object resolved for VFS_WRITE or VFS_OWNER (VOL_META), the
 *     negative entries of an upper directory in which the kernel may
 *     create (open O_CREAT, VOL_DIR) by that directory's ctime.  A
 *     ctime less than two seconds old is not trusted (timestamp
 *     granularity: a second change in the same tick keeps it).
 *   - A bind's directory is the host's own, shared with the world: every
 *     cached entry of a bind is revalidated (LIVE).
 */
struct hent {
	char *name;		/* owned; NULL: free slot */
	struct hnode *node;	/* referenced; NULL: negative */
};

struct hkids {
	struct hent *slot;
	size_t cap, n;		/* cap: a power of two */
	struct timespec uctime;	/* ctime of the upper part at the last
				   check of the negative entries */
	bool utrusted;		/* UCTIME old enough to compare */
	bool ustamped;
};

/* The cached entry NAME of D, or NULL; the cache keeps owning it. */
struct hent *hfs_kids_find(const struct hnode *d, const char *name);

/* Drop everything D caches (the nodes' references with it). */
void hfs_kids_clear(struct hostfs *fs, struct hnode *d);

/* Remove entry E of D, moving back the entries that follow it. */
void hfs_kids_del(struct hostfs *fs, struct hnode *d, struct hent *e);

/* The flush op: empty M's cache, now valid for the current generation. */
void hfs_flush(struct vfs_mount *m);

/*
 * Cache NAME of D as N (a new reference is taken) or, N NULL, as
 * missing.  Best effort: nothing is cached on failure.
 */
void hfs_cache_put(struct hostfs *fs, struct hnode *d, const char *name,
		   struct hnode *n);

/* Forget the cached entry of REL and everything below it. */
void hfs_forget(struct hostfs *fs, const char *rel);

/* Forget NAME of directory D. */
void hfs_forget_name(struct hostfs *fs, const struct hnode *d,
		     const char *name);

/*
 * N was changed in place: if the cache holds another node for its name
 * (N is no longer the cached one), that one is stale.
 */
void hfs_sync_node(struct hostfs *fs, struct hnode *n);

/* This mount changed the host: the other mounts' caches are stale. */
void hfs_changed(struct hostfs *fs);

/* Empty the cache if another mount changed the host since it was valid. */
void hfs_sync_gen(struct hostfs *fs);

/* The VOL_* flags of N: what the kernel may have changed behind us. */
unsigned int hfs_vol_flags(const struct hostfs *fs, const struct hnode *n);

/* The kernel may change N (VOL_META) or create in it (VOL_DIR). */
void hfs_set_volatile(struct hostfs *fs, struct hnode *n,
		      unsigned int flags);

/*
 * Is cached node N still what its name holds?  Its attributes are read
 * again when the kernel may have changed them.
 */
bool hfs_node_valid(struct hostfs *fs, struct hnode *n);

/*
 * Check the upper part of directory D, in which the kernel may create
 * names, against the ctime its negative entries were cached with (they
 * are dropped when it changed).  Returns whether they can be trusted.
 */
bool hfs_stamp(struct hostfs *fs, struct hnode *d);

/*
 * A change of the attributes of non-directory N shows through its other
 * names too, whose cached nodes are not known: forget them all.
 */
void hfs_attrs_changed(struct hostfs *fs, struct hnode *n);

#endif /* VFSTRACE_HOSTFS_CACHE_H */
