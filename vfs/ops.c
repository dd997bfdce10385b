// SPDX-License-Identifier: MIT
/*
 * The public operations: resolve the path(s), make every check a kernel
 * VFS makes before calling into a filesystem, in the kernel's order where
 * it decides which errno wins (fs/namei.c, fs/open.c, fs/attr.c,
 * fs/xattr.c), then call the backend.
 *
 * This file: the operations that look up (resolve, open, stat, access,
 * readlink, opendir); ops_ns.c: namespace changes; ops_attr.c:
 * attributes; ops_xattr.c: extended attributes; ops_util.c: shared
 * checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"
#include "ops_util.h"

struct vfs_file {
	struct vnode *vn;
	char *created;		/* owned; a name the kernel is to make in vn */
};

/* A directory with masks or mount points in it is listed by the view. */
static void mark_busy(const struct nameidata *nd, struct vfs_target *t)
{
	if ((t->attrs & VFS_T_DIR) && vfs_is_busy_dir(nd->v, t->view))
		t->attrs |= VFS_T_DIR_EMULATE;
}

static void target_init(struct vfs_target *t, int flags)
{
	t->host[0] = '\0';
	t->view[0] = '\0';
	t->mount = NULL;
	t->rel = t->view;
	t->flags = flags;
	t->attrs = 0;
}

int vfs_resolve(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, int at_flags, enum vfs_intent intent,
		struct vfs_target *t)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	target_init(t, 0);
	nd_init(&nd, v, c);
	if (intent == VFS_PEEK && (at_flags & AT_SYMLINK_NOFOLLOW))
		nd.peek = t->host;
	ret = path ? nd_walk(&nd, cwd, path, walk_flags(at_flags)) : -EFAULT;
	if (ret == -ENOENT && nd.enoent_same)
		t->attrs = VFS_T_AS_GIVEN;
	if (ret)
		goto out;
	if (nd.peeked) {
		v->stats.peeks++;
		nd_fill_target(&nd, t);
		t->attrs = VFS_T_HOST_META |
			   (nd_as_given(&nd) ? VFS_T_AS_GIVEN : 0);
		goto out;
	}
	if (intent == VFS_PEEK)
		intent = VFS_LOOKUP;
	vn = nd.node;
	if (intent != VFS_LOOKUP && vn_ro(vn))
		ret = -EROFS;
	else if (intent == VFS_WRITE)
		ret = vfs_permission(c, &vn->st, VFS_MAY_WRITE);
	else if (intent == VFS_OWNER && !may_own(c, vn))
		ret = -EPERM;
	if (!ret)
		ret = vn->mnt->ops->resolve(vn, intent, t);
	if (!ret) {
		nd_fill_target(&nd, t);
		mark_busy(&nd, t);
		if (nd_as_given(&nd))
			t->attrs |= VFS_T_AS_GIVEN;
	}
out:
	nd_release(&nd);
	return ret;
}

/* may_open(): checks on an existing object before opening it. */
static int may_open(const struct vfs_cred *c, struct vnode *vn, int flags)
{
	int acc = flags & O_ACCMODE;
	int mask = 0;

	if (flags & O_PATH) {
		if ((flags & O_DIRECTORY) && !vn_isdir(vn))
			return -ENOTDIR;
		return 0;
	}
	/* the kernel's do_open() checks O_DIRECTORY before may_open() */
	if ((flags & O_DIRECTORY) && !vn_isdir(vn))
		return -ENOTDIR;
	if (vn_islnk(vn))
		return -ELOOP;
	if (acc != O_WRONLY)
		mask |= VFS_MAY_READ;
	if (acc != O_RDONLY || (flags & O_TRUNC))
		mask |= VFS_MAY_WRITE;
	if (vn_isdir(vn) && (mask & VFS_MAY_WRITE))
		return -EISDIR;
	if ((mask & VFS_MAY_WRITE) && vn_ro(vn) &&
	    (S_ISREG(vn->st.st_mode) || vn_isdir(vn)))
		return -EROFS;
	return vfs_permission(c, &vn->st, mask);
}

static int open_existing(struct nameidata *nd, int flags,
			 struct vfs_target *t, struct vfs_file **f)
{
	int ret = may_open(nd->c, nd->node, flags);

	if (ret)
		return ret;
	return nd->node->mnt->ops->open(nd->node, flags, t, f);
}

static int open_tmpfile(struct nameidata *nd, const char *cwd,
			const char *path, int flags, mode_t mode,
			struct vfs_target *t, struct vfs_file **f)
{
	struct vfs_newattr a;
	struct vnode *dir;
	int ret;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	ret = nd_walk(nd, cwd, path, WALK_FOLLOW);
	if (ret)
		return ret;
	dir = nd->node;
	if (!vn_isdir(dir))
		return -ENOTDIR;
	if (vn_ro(dir))
		return -EROFS;
	ret = vfs_may_create(nd->c, &dir->st);
	if (ret)
		return ret;
	vfs_op_new_attr(nd->c, dir, S_IFREG, mode, &a);
	return dir->mnt->ops->create(dir, NULL, flags, &a, t, f);
}

static int open_create(struct nameidata *nd, const char *cwd,
		       const char *path, int flags, mode_t mode,
		       struct vfs_target *t, struct vfs_file **f)
{
	struct vfs_newattr a;
	int wf = WALK_PARENT;
	int ret;

	/* O_EXCL: a final symlink is not followed but "exists". */
	if (!(flags & (O_EXCL | O_NOFOLLOW)))
		wf |= WALK_FOLLOW;
	ret = nd_walk(nd, cwd, path, wf);
	if (ret)
		return ret;
	if (nd->last != VFS_LAST_NORM || nd->trailing)
		return -EISDIR;
	if (nd->node) {
		if (flags & O_EXCL)
			return -EEXIST;
		if (vn_isdir(nd->node))
			return -EISDIR;
		return open_existing(nd, flags, t, f);
	}
	if (vn_ro(nd->dir))
		return -EROFS;
	ret = vfs_op_may_create(nd);
	if (ret)
		return ret;
	vfs_op_new_attr(nd->c, nd->dir, S_IFREG, mode, &a);
	return nd->dir->mnt->ops->create(nd->dir, nd->name, flags, &a, t, f);
}

int vfs_open(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int flags, mode_t mode, struct vfs_target *t,
	     struct vfs_file **f)
{
	return vfs_open_resolve(v, c, cwd, path, flags, mode, 0, t, f);
}

int vfs_open_resolve(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, int flags,
		     mode_t mode, unsigned int resolve, struct vfs_target *t,
		     struct vfs_file **f)
{
	struct vfs_file *dummy = NULL;
	struct nameidata nd;
	bool existing = false;
	int ret;

	if (!f)
		f = &dummy;
	*f = NULL;
	target_init(t, flags);
	nd_init(&nd, v, c);
	nd.resolve = resolve;
	if (!path)
		ret = -EFAULT;
	else if ((flags & O_CREAT) && (flags & O_DIRECTORY) &&
		 (flags & O_TMPFILE) != O_TMPFILE)
		ret = -EINVAL;	/* since Linux 6.4 (43b450632676) */
	else if ((flags & O_TMPFILE) == O_TMPFILE)
		ret = open_tmpfile(&nd, cwd, path, flags, mode, t, f);
	else if (flags & O_CREAT)
		ret = open_create(&nd, cwd, path, flags, mode, t, f);
	else if (!(ret = nd_walk(&nd, cwd, path,
				 (flags & O_NOFOLLOW) ? 0 : WALK_FOLLOW))) {
		ret = open_existing(&nd, flags, t, f);
		existing = true;
	} else if (ret == -ENOENT && nd.enoent_same && !resolve) {
		t->attrs = VFS_T_AS_GIVEN;
	}
	if (!ret) {
		nd_fill_target(&nd, t);
		mark_busy(&nd, t);
		if (existing && !resolve && nd_as_given(&nd))
			t->attrs |= VFS_T_AS_GIVEN;
	}
	nd_release(&nd);
	if (ret || f == &dummy) {
		vfs_file_put(*f);
		*f = NULL;
	}
	return ret;
}

/* A reference on VN for the caller (backends' open and create). */
int vfs_file_new(struct vnode *vn, struct vfs_file **out)
{
	struct vfs_file *f = calloc(1, sizeof(*f));

	if (!f)
		return -ENOMEM;
	f->vn = vn_get(vn);
	*out = f;
	return 0;
}

int vfs_file_new_created(struct vnode *dir, const char *name,
			 struct vfs_file **out)
{
	char *n = strdup(name);
	int ret = n ? vfs_file_new(dir, out) : -ENOMEM;

	if (ret)
		free(n);
	else
		(*out)->created = n;
	return ret;
}

void vfs_file_opened(struct vfs_file *f)
{
	if (f && f->created && f->vn->mnt->ops->created)
		f->vn->mnt->ops->created(f->vn, f->created);
}

int vfs_file_stat(struct vfs_file *f, struct stat *st)
{
	return f->vn->mnt->ops->getattr(f->vn, st);
}

void vfs_file_put(struct vfs_file *f)
{
	if (!f)
		return;
	vn_put(f->vn);
	free(f->created);
	free(f);
}

int vfs_stat(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int at_flags, struct stat *st)
{
	struct nameidata nd;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (!ret)
		ret = nd.node->mnt->ops->getattr(nd.node, st);
	nd_release(&nd);
	return ret;
}

int vfs_access(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, int mode, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));
	if (ret || mode == F_OK)
		goto out;
	vn = nd.node;
	if ((mode & W_OK) && vn_ro(vn) &&
	    (S_ISREG(vn->st.st_mode) || vn_isdir(vn) || vn_islnk(vn)))
		ret = -EROFS;
	else
		ret = vfs_permission(c, &vn->st, mode);
out:
	nd_release(&nd);
	return ret;
}

ssize_t vfs_readlink(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, char *buf,
		     size_t size)
{
	struct nameidata nd;
	ssize_t ret;

	if (size == 0)
		return -EINVAL;
	ret = vfs_op_lookup(&nd, v, c, cwd, path, 0);
	if (!ret && !vn_islnk(nd.node))
		ret = -EINVAL;
	else if (!ret)
		ret = nd.node->mnt->ops->readlink(nd.node, buf, size);
	nd_release(&nd);
	return ret;
}

int vfs_opendir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, int at_flags, struct vfs_dir **out)
{
	struct nameidata nd;
	struct vnode *parent;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		goto out;
	if (!vn_isdir(nd.node)) {
		ret = -ENOTDIR;
		goto out;
	}
	ret = vfs_permission(c, &nd.node->st, VFS_MAY_READ);
	if (ret)
		goto out;
	if (nd.dir)
		parent = nd.dir;
	else if (nd.depth >= 2)
		parent = nd.stk[nd.depth - 2].vn;
	else
		parent = nd.node;
	ret = vfs_dir_build(nd.node, parent, nd.path, out);
out:
	nd_release(&nd);
	return ret;
}
