// SPDX-License-Identifier: MIT
/*
 * The public operations that change the namespace: mkdir, mknod,
 * symlink, link, unlink, rmdir, rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "vfs_impl.h"
#include "ops_util.h"

/*
 * Common part of mkdir, mknod and symlink: resolve the parent of a new
 * name and check it may be created there (filename_create(),
 * may_create()).
 */
static int prepare_create(struct nameidata *nd, struct vfs *v,
			  const struct vfs_cred *c, const char *cwd,
			  const char *path, bool want_dir)
{
	int ret = vfs_op_lookup(nd, v, c, cwd, path, WALK_PARENT);

	if (ret)
		return ret;
	if (nd->last != VFS_LAST_NORM || nd->node)
		return -EEXIST;
	if (nd->trailing && !want_dir)
		return -ENOENT;
	if (vn_ro(nd->dir))
		return -EROFS;
	return vfs_op_may_create(nd);
}

int vfs_mkdir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode)
{
	struct nameidata nd;
	struct vfs_newattr a;
	int ret = prepare_create(&nd, v, c, cwd, path, true);

	if (!ret) {
		vfs_op_new_attr(c, nd.dir, S_IFDIR, mode & (0777 | S_ISVTX), &a);
		ret = nd.dir->mnt->ops->mkdir(nd.dir, nd.name, &a);
	}
	nd_release(&nd);
	return ret;
}

int vfs_mknod(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode, dev_t dev)
{
	mode_t type = mode & S_IFMT;
	struct nameidata nd;
	struct vfs_newattr a;
	int ret;

	if (type == 0)
		type = S_IFREG;
	if (!S_ISREG(type) && !S_ISFIFO(type) && !S_ISSOCK(type) &&
	    !S_ISCHR(type) && !S_ISBLK(type))
		return -EINVAL;
	ret = prepare_create(&nd, v, c, cwd, path, false);
	if (!ret && (S_ISCHR(type) || S_ISBLK(type)) && !vfs_capable(c))
		ret = -EPERM;
	if (!ret) {
		vfs_op_new_attr(c, nd.dir, type, mode, &a);
		a.rdev = (S_ISCHR(type) || S_ISBLK(type)) ? dev : 0;
		ret = nd.dir->mnt->ops->mknod(nd.dir, nd.name, &a);
	}
	nd_release(&nd);
	return ret;
}

int vfs_symlink(struct vfs *v, const struct vfs_cred *c, const char *target,
		const char *cwd, const char *path)
{
	struct nameidata nd;
	struct vfs_newattr a;
	int ret;

	if (!target)
		return -EFAULT;
	if (!*target)
		return -ENOENT;
	if (strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	ret = prepare_create(&nd, v, c, cwd, path, false);
	if (!ret) {
		vfs_op_new_attr(c, nd.dir, S_IFLNK, 0777, &a);
		a.mode = S_IFLNK | 0777;
		ret = nd.dir->mnt->ops->symlink(nd.dir, nd.name, target, &a);
	}
	nd_release(&nd);
	return ret;
}

/* may_linkat() with fs.protected_hardlinks = 1. */
static int may_linkat(const struct vfs_cred *c, const struct vnode *vn)
{
	mode_t mode = vn->st.st_mode;

	if (may_own(c, vn))
		return 0;
	if (!S_ISREG(mode) || (mode & S_ISUID) ||
	    ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)))
		return -EPERM;
	if (vfs_permission(c, &vn->st, VFS_MAY_READ | VFS_MAY_WRITE))
		return -EPERM;
	return 0;
}

int vfs_link(struct vfs *v, const struct vfs_cred *c, const char *oldcwd,
	     const char *oldpath, const char *newcwd, const char *newpath,
	     int at_flags)
{
	struct nameidata od, nd;
	int wf = (at_flags & AT_SYMLINK_FOLLOW) ? WALK_FOLLOW : 0;
	int ret;

	if (at_flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (at_flags & AT_EMPTY_PATH)
		wf |= WALK_EMPTY;
	nd_init(&nd, v, c);
	ret = vfs_op_lookup(&od, v, c, oldcwd, oldpath, wf);
	if (ret)
		goto out;
	ret = vfs_op_lookup(&nd, v, c, newcwd, newpath, WALK_PARENT);
	if (ret)
		goto out;
	if (nd.last != VFS_LAST_NORM || nd.node)
		ret = -EEXIST;
	else if (nd.trailing)
		ret = -ENOENT;
	else if (nd.dir->mnt != od.node->mnt)
		ret = -EXDEV;
	else if (vn_ro(nd.dir))
		ret = -EROFS;
	else if ((ret = may_linkat(c, od.node)) ||
		 (ret = vfs_op_may_create(&nd)))
		;
	else if (vn_isdir(od.node))
		ret = -EPERM;
	else
		ret = nd.dir->mnt->ops->link(od.node, nd.dir, nd.name);
out:
	nd_release(&od);
	nd_release(&nd);
	return ret;
}

int vfs_unlink(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (at_flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (at_flags & AT_REMOVEDIR)
		return vfs_rmdir(v, c, cwd, path);
	ret = vfs_op_lookup(&nd, v, c, cwd, path, WALK_PARENT);
	if (ret)
		goto out;
	vn = nd.node;
	if (nd.last != VFS_LAST_NORM)
		ret = -EISDIR;
	else if (vn_ro(nd.dir))
		ret = -EROFS;
	else if (!vn)
		ret = -ENOENT;
	else if (nd.trailing)
		ret = vn_isdir(vn) ? -EISDIR : -ENOTDIR;
	else if ((ret = vfs_may_delete(c, &nd.dir->st, &vn->st)))
		;
	else if (vn_isdir(vn))
		ret = -EISDIR;
	else if (vn_is_mountroot(vn))
		ret = -EBUSY;	/* a bind-mounted file */
	else
		ret = nd.dir->mnt->ops->unlink(nd.dir, nd.name, vn);
out:
	nd_release(&nd);
	return ret;
}

int vfs_rmdir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path)
{
	static const int last_err[] = {
		[VFS_LAST_ROOT] = -EBUSY,
		[VFS_LAST_DOT] = -EINVAL,
		[VFS_LAST_DOTDOT] = -ENOTEMPTY,
	};
	struct nameidata nd;
	struct vnode *vn;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, WALK_PARENT);

	if (ret)
		goto out;
	vn = nd.node;
	if (nd.last != VFS_LAST_NORM)
		ret = last_err[nd.last];
	else if (vn_ro(nd.dir))
		ret = -EROFS;
	else if (!vn)
		ret = -ENOENT;
	else if ((ret = vfs_may_delete(c, &nd.dir->st, &vn->st)))
		;
	else if (!vn_isdir(vn))
		ret = -ENOTDIR;
	else if (vn_is_mountroot(vn))
		ret = -EBUSY;
	else
		ret = nd.dir->mnt->ops->rmdir(nd.dir, nd.name, vn);
out:
	nd_release(&nd);
	return ret;
}

/* Is view path A strictly below view path B? */
static bool path_below(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (n == 1)	/* "/" */
		return a[1] != '\0';
	return strncmp(a, b, n) == 0 && a[n] == '/';
}

/* Length of the parent part of ND's canonical path. */
static size_t parent_len(const struct nameidata *nd)
{
	return strlen(nd->path) - strlen(nd->name) - 1;
}

static bool same_parent(const struct nameidata *a, const struct nameidata *b)
{
	size_t n = parent_len(a);

	return n == parent_len(b) && memcmp(a->path, b->path, n) == 0;
}

static bool same_object(const struct vnode *a, const struct vnode *b)
{
	return a->st.st_dev == b->st.st_dev && a->st.st_ino == b->st.st_ino;
}

/* may_delete() for one side of a rename; ISDIR: the object moved there. */
static int rename_may_delete(const struct vfs_cred *c, struct vnode *dir,
			     struct vnode *vn, bool isdir)
{
	int ret = vfs_may_delete(c, &dir->st, &vn->st);

	if (ret)
		return ret;
	if (isdir && !vn_isdir(vn))
		return -ENOTDIR;
	if (!isdir && vn_isdir(vn))
		return -EISDIR;
	return 0;
}

/* Everything do_renameat2() and vfs_rename() check, in their order. */
static int rename_checks(const struct vfs_cred *c, struct nameidata *o,
			 struct nameidata *n, unsigned int flags)
{
	bool exch = flags & RENAME_EXCHANGE;
	struct vnode *ov, *nv;
	int ret;

	if (o->last != VFS_LAST_NORM || n->last != VFS_LAST_NORM)
		return -EBUSY;
	if (o->dir->mnt != n->dir->mnt)
		return -EXDEV;
	if (vn_ro(o->dir))
		return -EROFS;
	ov = o->node;
	nv = n->node;
	if (!ov)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && nv)
		return -EEXIST;
	if (exch && !nv)
		return -ENOENT;
	if (!vn_isdir(ov) && (o->trailing || (!exch && n->trailing)))
		return -ENOTDIR;
	if (exch && !vn_isdir(nv) && n->trailing)
		return -ENOTDIR;
	if (path_below(n->path, o->path))
		return -EINVAL;
	if (path_below(o->path, n->path))
		return exch ? -EINVAL : -ENOTEMPTY;
	if (nv && same_object(ov, nv))
		return 1;
	ret = rename_may_delete(c, o->dir, ov, vn_isdir(ov));
	if (ret)
		return ret;
	if (nv)
		ret = rename_may_delete(c, n->dir, nv,
					exch ? vn_isdir(nv) : vn_isdir(ov));
	else
		ret = vfs_op_may_create(n);
	if (ret)
		return ret;
	if (vn_is_mountroot(ov) || (nv && vn_is_mountroot(nv)))
		return -EBUSY;
	if (!same_parent(o, n)) {
		/* A moved directory's ".." changes: it must be writable. */
		if (vn_isdir(ov) &&
		    (ret = vfs_permission(c, &ov->st, VFS_MAY_WRITE)))
			return ret;
		if (exch && vn_isdir(nv) &&
		    (ret = vfs_permission(c, &nv->st, VFS_MAY_WRITE)))
			return ret;
	}
	return 0;
}

int vfs_rename(struct vfs *v, const struct vfs_cred *c, const char *oldcwd,
	       const char *oldpath, const char *newcwd, const char *newpath,
	       unsigned int flags)
{
	struct nameidata o, n;
	int ret;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	nd_init(&n, v, c);
	ret = vfs_op_lookup(&o, v, c, oldcwd, oldpath, WALK_PARENT);
	if (!ret)
		ret = vfs_op_lookup(&n, v, c, newcwd, newpath, WALK_PARENT);
	if (!ret)
		ret = rename_checks(c, &o, &n, flags);
	if (ret == 1)
		ret = 0;
	else if (!ret)
		ret = o.dir->mnt->ops->rename(o.dir, o.name, o.node, n.dir,
					      n.name, n.node, flags);
	nd_release(&o);
	nd_release(&n);
	return ret;
}
