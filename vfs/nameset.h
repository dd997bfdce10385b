/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_NAMESET_H
#define VFSTRACE_NAMESET_H

/*
 * The representation of struct vfs_nameset, for the users that embed one
 * (dir.c); the other operations are declared in vfs_impl.h.
 */

#include <stddef.h>

/* A set of strings: open addressing over owned copies. */
struct vfs_nameset {
	char **slots;
	size_t cap;		/* power of two */
	size_t n;
};

/*
 * Add a copy of NAME unless there; returns the stored copy (owned by S,
 * valid until S is cleared or freed), or NULL (ENOMEM).
 */
const char *vfs_nameset_insert(struct vfs_nameset *s, const char *name);
/* Free every name of embedded set S; S stays usable (empty). */
void vfs_nameset_clear(struct vfs_nameset *s);

#endif /* VFSTRACE_NAMESET_H */
