/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_NS_H
#define VFSTRACE_HOSTFS_NS_H

/* Namespace ops: create, link, remove, rename in the upper. */

#include "hostfs_impl.h"

/* The backend ops of these names (struct vfs_backend_ops, vfs_impl.h). */
int hfs_mkdir(struct vnode *dir, const char *name,
	      const struct vfs_newattr *a);

int hfs_mknod(struct vnode *dir, const char *name,
	      const struct vfs_newattr *a);

int hfs_symlink(struct vnode *dir, const char *name,
		const char *target, const struct vfs_newattr *a);

int hfs_link(struct vnode *vn, struct vnode *dir, const char *name);

int hfs_unlink(struct vnode *dir, const char *name, struct vnode *vn);

int hfs_rmdir(struct vnode *dir, const char *name, struct vnode *vn);

int hfs_rename(struct vnode *odir, const char *oname,
	       struct vnode *ovn, struct vnode *ndir,
	       const char *nname, struct vnode *nvn,
	       unsigned int flags);

#endif /* VFSTRACE_HOSTFS_NS_H */
