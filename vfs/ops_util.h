/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_OPS_UTIL_H
#define VFSTRACE_OPS_UTIL_H

/*
 * Helpers of the public operations (ops*.c): the checks and
 * computations several of them share.
 */

#include <fcntl.h>

#include "vfs_impl.h"

static inline bool vn_ro(const struct vnode *vn)
{
	return vn->mnt->flags & VFS_MOUNT_RDONLY;
}

static inline bool vn_is_mountroot(const struct vnode *vn)
{
	return vn == vn->mnt->root;
}

static inline bool may_own(const struct vfs_cred *c, const struct vnode *vn)
{
	return vfs_capable(c) || vfs_is_owner(c, &vn->st);
}

static inline int walk_flags(int at_flags)
{
	int wf = (at_flags & AT_SYMLINK_NOFOLLOW) ? 0 : WALK_FOLLOW;

	if (at_flags & AT_EMPTY_PATH)
		wf |= WALK_EMPTY;
	return wf;
}

/* Resolve CWD/PATH to an existing object in ND. */
int vfs_op_lookup(struct nameidata *nd, struct vfs *v,
		  const struct vfs_cred *c, const char *cwd, const char *path,
		  int wflags);

/*
 * Owner and mode of a new object of type TYPE in DIR (inode_init_owner):
 * the caller's fsuid, the directory's group when it is set-group-ID
 * (inherited by subdirectories), else the caller's fsgid.
 */
void vfs_op_new_attr(const struct vfs_cred *c, const struct vnode *dir,
		     mode_t type, mode_t perm, struct vfs_newattr *a);

/*
 * may_create() for ND's final name: a masked name of a mount without an
 * upper cannot be created (see vfs_mask()).
 */
int vfs_op_may_create(const struct nameidata *nd);

#endif /* VFSTRACE_OPS_UTIL_H */
