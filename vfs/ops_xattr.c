// SPDX-License-Identifier: MIT
/*
 * The public operations on extended attributes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "vfs_impl.h"
#include "ops_util.h"

/* xattr_permission(): namespaces and access to NAME on VN. */
static int xattr_perm(const struct vfs_cred *c, const struct vnode *vn,
		      const char *name, int mask)
{
	mode_t mode = vn->st.st_mode;
	bool w = mask & VFS_MAY_WRITE;

	if (strlen(name) == 0 || strlen(name) > XATTR_NAME_MAX)
		return -ERANGE;
	if (!strncmp(name, "trusted.", 8)) {
		if (!vfs_capable(c))
			return w ? -EPERM : -ENODATA;
	} else if (!strncmp(name, "user.", 5)) {
		if (!S_ISREG(mode) && !S_ISDIR(mode))
			return w ? -EPERM : -ENODATA;
		if (S_ISDIR(mode) && (mode & S_ISVTX) && w && !may_own(c, vn))
			return -EPERM;
	} else if (strncmp(name, "security.", 9)) {
		return -EOPNOTSUPP;
	}
	return vfs_permission(c, &vn->st, mask);
}

ssize_t vfs_getxattr(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, const char *name,
		     void *value, size_t size, int at_flags)
{
	struct nameidata nd;
	ssize_t ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (!ret)
		ret = xattr_perm(c, nd.node, name, VFS_MAY_READ);
	if (!ret)
		ret = nd.node->mnt->ops->getxattr(nd.node, name, value, size);
	nd_release(&nd);
	return ret;
}

/* Common part of setxattr and removexattr. */
static int xattr_write_prep(struct nameidata *nd, struct vfs *v,
			    const struct vfs_cred *c, const char *cwd,
			    const char *path, const char *name, int at_flags)
{
	int ret = vfs_op_lookup(nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		return ret;
	if (vn_ro(nd->node))
		return -EROFS;
	return xattr_perm(c, nd->node, name, VFS_MAY_WRITE);
}

int vfs_setxattr(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, const char *name, const void *value,
		 size_t size, int xflags, int at_flags)
{
	struct nameidata nd;
	int ret;

	if (xflags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	ret = xattr_write_prep(&nd, v, c, cwd, path, name, at_flags);
	if (!ret)
		ret = nd.node->mnt->ops->setxattr(nd.node, name, value, size,
						  xflags);
	nd_release(&nd);
	return ret;
}

int vfs_removexattr(struct vfs *v, const struct vfs_cred *c,
		    const char *cwd, const char *path, const char *name,
		    int at_flags)
{
	struct nameidata nd;
	int ret = xattr_write_prep(&nd, v, c, cwd, path, name, at_flags);

	if (!ret)
		ret = nd.node->mnt->ops->removexattr(nd.node, name);
	nd_release(&nd);
	return ret;
}

ssize_t vfs_xattr_names(const char *all, ssize_t len,
			bool (*skip)(const char *name, const void *ctx),
			const void *ctx, char *list, size_t size)
{
	ssize_t out = 0;

	for (ssize_t i = 0; i < len; i += strlen(all + i) + 1) {
		size_t n = strlen(all + i) + 1;

		if (skip(all + i, ctx))
			continue;
		if (size && (size_t)out + n > size)
			return -ERANGE;
		if (size)
			memcpy(list + out, all + i, n);
		out += n;
	}
	return out;
}

/* "trusted." names are listed only for a capable caller, as the kernel. */
static bool skip_trusted(const char *name, const void *ctx)
{
	return !vfs_capable(ctx) && !strncmp(name, "trusted.", 8);
}

/*
 * The backend's list, without "trusted." names for an unprivileged caller
 * (the kernel lists only what the caller could read).
 */
static ssize_t list_filtered(const struct vfs_cred *c, struct vnode *vn,
			     char *list, size_t size)
{
	ssize_t len = vn->mnt->ops->listxattr(vn, NULL, 0);
	ssize_t out = 0;
	char *all;

	if (len <= 0)
		return len;
	all = malloc(len);
	if (!all)
		return -ENOMEM;
	len = vn->mnt->ops->listxattr(vn, all, len);
	out = len < 0 ? len : vfs_xattr_names(all, len, skip_trusted, c, list,
					      size);
	free(all);
	return out;
}

ssize_t vfs_listxattr(struct vfs *v, const struct vfs_cred *c,
		      const char *cwd, const char *path, char *list,
		      size_t size, int at_flags)
{
	struct nameidata nd;
	ssize_t ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (!ret)
		ret = list_filtered(c, nd.node, list, size);
	nd_release(&nd);
	return ret;
}
