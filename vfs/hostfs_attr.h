/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_ATTR_H
#define VFSTRACE_HOSTFS_ATTR_H

/* Attribute and xattr ops: copied up, then changed in the upper. */

#include "hostfs_impl.h"

/* The backend ops of these names (struct vfs_backend_ops, vfs_impl.h). */
int hfs_chmod(struct vnode *vn, mode_t mode);

int hfs_chown(struct vnode *vn, uid_t uid, gid_t gid);

int hfs_utimens(struct vnode *vn, const struct timespec ts[2]);

int hfs_truncate(struct vnode *vn, off_t length);

ssize_t hfs_getxattr(struct vnode *vn, const char *name, void *value,
		     size_t size);

int hfs_setxattr(struct vnode *vn, const char *name,
		 const void *value, size_t size, int flags);

ssize_t hfs_listxattr(struct vnode *vn, char *list, size_t size);

int hfs_removexattr(struct vnode *vn, const char *name);

int hfs_statfs(struct vnode *vn, struct statfs *sfs);

#endif /* VFSTRACE_HOSTFS_ATTR_H */
