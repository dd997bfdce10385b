// SPDX-License-Identifier: MIT
/*
 * Helpers of the public operations (ops*.c): the checks and
 * computations several of them share.
 */
#include <errno.h>

#include "vfs_impl.h"
#include "ops_util.h"

/* Resolve CWD/PATH to an existing object in ND. */
int vfs_op_lookup(struct nameidata *nd, struct vfs *v,
		  const struct vfs_cred *c, const char *cwd, const char *path,
		  int wflags)
{
	nd_init(nd, v, c);
	if (!path)
		return -EFAULT;
	return nd_walk(nd, cwd, path, wflags);
}

/*
 * Owner and mode of a new object of type TYPE in DIR (inode_init_owner):
 * the caller's fsuid, the directory's group when it is set-group-ID
 * (inherited by subdirectories), else the caller's fsgid.
 */
void vfs_op_new_attr(const struct vfs_cred *c, const struct vnode *dir,
		     mode_t type, mode_t perm, struct vfs_newattr *a)
{
	mode_t mode = perm & 07777 & ~(c->umask & 0777);

	a->uid = c->fsuid;
	a->gid = c->fsgid;
	a->rdev = 0;
	if (dir->st.st_mode & S_ISGID) {
		a->gid = dir->st.st_gid;
		if (S_ISDIR(type))
			mode |= S_ISGID;
	}
	if (!S_ISDIR(type) && (mode & S_ISGID) && (mode & S_IXGRP) &&
	    !vfs_in_group(c, a->gid) && !vfs_capable(c))
		mode &= ~S_ISGID;
	a->mode = type | mode;
}

/*
 * may_create() for ND's final name: a masked name of a mount without an
 * upper, and a hidden name anywhere, cannot be created (see vfs_mask(),
 * vfs_hide()).
 */
int vfs_op_may_create(const struct nameidata *nd)
{
	int ret = vfs_may_create(nd->c, &nd->dir->st);

	if (!ret && nd->masked && (nd->hidden || !nd->dir->mnt->layered))
		ret = -EACCES;
	return ret;
}
