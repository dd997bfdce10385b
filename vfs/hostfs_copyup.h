/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_COPYUP_H
#define VFSTRACE_HOSTFS_COPYUP_H

/* Copy-up: a lower object copied into the upper atomically, parents first. */

#include "hostfs_impl.h"

/* Give FD (or DFD/REL) the owner in ST, where the process may. */
void hfs_set_owner(int fd, const char *rel, uid_t uid, gid_t gid);

/*
 * Copy N up into the upper, parents first, recording its origin.  A node
 * whose name is already in the upper (copied through another node of the
 * same object) is only updated.  N is updated in place; a cached node of
 * the same name that is not N is forgotten.
 */
int hfs_copy_up(struct hnode *n);

#endif /* VFSTRACE_HOSTFS_COPYUP_H */
