// SPDX-License-Identifier: MIT
/*
 * Permission checks against a caller's credentials, after the kernel's
 * generic_permission(), may_delete() and may_create() (fs/namei.c),
 * without ACLs.  fsuid 0 holds every capability.
 */
#include <errno.h>

#include "vfs_impl.h"

bool vfs_capable(const struct vfs_cred *c)
{
	return c->fsuid == 0;
}

bool vfs_in_group(const struct vfs_cred *c, gid_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (size_t i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

bool vfs_is_owner(const struct vfs_cred *c, const struct stat *st)
{
	return c->fsuid == st->st_uid;
}

/* MASK: VFS_MAY_* bits.  0 or -EACCES. */
int vfs_permission(const struct vfs_cred *c, const struct stat *st,
		   int mask)
{
	mode_t mode = st->st_mode;
	mode_t bits;

	mask &= VFS_MAY_READ | VFS_MAY_WRITE | VFS_MAY_EXEC;
	if (vfs_capable(c)) {
		/* CAP_DAC_OVERRIDE: exec needs one x bit on a non-dir. */
		if (!(mask & VFS_MAY_EXEC) || S_ISDIR(mode) ||
		    (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
			return 0;
		return -EACCES;
	}
	if (vfs_is_owner(c, st))
		bits = (mode >> 6) & 7;
	else if (vfs_in_group(c, st->st_gid))
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return (mask & ~bits) ? -EACCES : 0;
}

/* May the caller create an entry in directory DIR? */
int vfs_may_create(const struct vfs_cred *c, const struct stat *dir)
{
	return vfs_permission(c, dir, VFS_MAY_WRITE | VFS_MAY_EXEC);
}

/*
 * May the caller remove (or rename away) VICTIM from DIR?  -EACCES without
 * write and search permission, -EPERM when the sticky bit protects it.
 * Type checks are the caller's.
 */
int vfs_may_delete(const struct vfs_cred *c, const struct stat *dir,
		   const struct stat *victim)
{
	int ret = vfs_may_create(c, dir);

	if (ret)
		return ret;
	if ((dir->st_mode & S_ISVTX) && !vfs_capable(c) &&
	    !vfs_is_owner(c, victim) && !vfs_is_owner(c, dir))
		return -EPERM;
	return 0;
}
