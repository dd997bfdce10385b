/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_FRAMECACHE_H
#define VFSTRACE_FRAMECACHE_H

#include <stdint.h>

/*
 * The unwinder's texts of frames by (device, inode, key): a hash table
 * owning its strings.  Not thread-safe.
 */

struct framecache_ent {
	uint64_t dev, ino, key;
	char *text;		/* owned; NULL: free slot */
};

struct framecache {
	struct framecache_ent *ents;	/* owned; open addressing */
	unsigned int size, n;		/* size: a power of two */
};

/* An empty cache in *FC; 0 or -ENOMEM. */
int framecache_init(struct framecache *fc);

/* Free every text and the table; FC is then zeroed (init it again). */
void framecache_destroy(struct framecache *fc);

/* Free every text, keeping the table: texts returned are then invalid. */
void framecache_clear(struct framecache *fc);

/* The text of (DEV, INO, KEY), owned by FC, or NULL. */
const char *framecache_get(const struct framecache *fc, uint64_t dev,
			   uint64_t ino, uint64_t key);

/*
 * Keep TEXT (malloc'd; FC owns it on success) for (DEV, INO, KEY), which
 * must not be in FC yet.  0, or -ENOMEM (TEXT is still the caller's).
 */
int framecache_put(struct framecache *fc, uint64_t dev, uint64_t ino,
		   uint64_t key, char *text);

#endif
