// SPDX-License-Identifier: MIT
/*
 * The public operations: resolve the path(s), make every check a kernel
 * VFS makes before calling into a filesystem, in the kernel's order where
 * it decides which errno wins (fs/namei.c, fs/open.c, fs/attr.c,
 * fs/xattr.c), then call the backend.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "vfs_impl.h"

struct vfs_file {
	struct vnode *vn;
};

static bool vn_ro(const struct vnode *vn)
{
	return vn->mnt->flags & VFS_MOUNT_RDONLY;
}

static bool vn_is_mountroot(const struct vnode *vn)
{
	return vn == vn->mnt->root;
}

static bool may_own(const struct vfs_cred *c, const struct vnode *vn)
{
	return vfs_capable(c) || vfs_is_owner(c, &vn->st);
}

static int walk_flags(int at_flags)
{
	int wf = (at_flags & AT_SYMLINK_NOFOLLOW) ? 0 : WALK_FOLLOW;

	if (at_flags & AT_EMPTY_PATH)
		wf |= WALK_EMPTY;
	return wf;
}

/* Resolve CWD/PATH to an existing object in ND. */
static int lookup(struct nameidata *nd, struct vfs *v,
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
static void new_attr(const struct vfs_cred *c, const struct vnode *dir,
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
 * upper cannot be created (see vfs_mask()).
 */
static int may_create_at(const struct nameidata *nd)
{
	int ret = vfs_may_create(nd->c, &nd->dir->st);

	if (!ret && nd->masked && !nd->dir->mnt->layered)
		ret = -EACCES;
	return ret;
}

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
	new_attr(nd->c, dir, S_IFREG, mode, &a);
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
	ret = may_create_at(nd);
	if (ret)
		return ret;
	new_attr(nd->c, nd->dir, S_IFREG, mode, &a);
	return nd->dir->mnt->ops->create(nd->dir, nd->name, flags, &a, t, f);
}

int vfs_open(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int flags, mode_t mode, struct vfs_target *t,
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
	} else if (ret == -ENOENT && nd.enoent_same) {
		t->attrs = VFS_T_AS_GIVEN;
	}
	if (!ret) {
		nd_fill_target(&nd, t);
		mark_busy(&nd, t);
		if (existing && nd_as_given(&nd))
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
	struct vfs_file *f = malloc(sizeof(*f));

	if (!f)
		return -ENOMEM;
	f->vn = vn_get(vn);
	*out = f;
	return 0;
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
	free(f);
}

int vfs_stat(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int at_flags, struct stat *st)
{
	struct nameidata nd;
	int ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

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
	ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));
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
	ret = lookup(&nd, v, c, cwd, path, 0);
	if (!ret && !vn_islnk(nd.node))
		ret = -EINVAL;
	else if (!ret)
		ret = nd.node->mnt->ops->readlink(nd.node, buf, size);
	nd_release(&nd);
	return ret;
}

/*
 * Common part of mkdir, mknod and symlink: resolve the parent of a new
 * name and check it may be created there (filename_create(),
 * may_create()).
 */
static int prepare_create(struct nameidata *nd, struct vfs *v,
			  const struct vfs_cred *c, const char *cwd,
			  const char *path, bool want_dir)
{
	int ret = lookup(nd, v, c, cwd, path, WALK_PARENT);

	if (ret)
		return ret;
	if (nd->last != VFS_LAST_NORM || nd->node)
		return -EEXIST;
	if (nd->trailing && !want_dir)
		return -ENOENT;
	if (vn_ro(nd->dir))
		return -EROFS;
	return may_create_at(nd);
}

int vfs_mkdir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode)
{
	struct nameidata nd;
	struct vfs_newattr a;
	int ret = prepare_create(&nd, v, c, cwd, path, true);

	if (!ret) {
		new_attr(c, nd.dir, S_IFDIR, mode & (0777 | S_ISVTX), &a);
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
		new_attr(c, nd.dir, type, mode, &a);
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
		new_attr(c, nd.dir, S_IFLNK, 0777, &a);
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
	ret = lookup(&od, v, c, oldcwd, oldpath, wf);
	if (ret)
		goto out;
	ret = lookup(&nd, v, c, newcwd, newpath, WALK_PARENT);
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
		 (ret = may_create_at(&nd)))
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
	ret = lookup(&nd, v, c, cwd, path, WALK_PARENT);
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
	int ret = lookup(&nd, v, c, cwd, path, WALK_PARENT);

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
		ret = may_create_at(n);
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
	ret = lookup(&o, v, c, oldcwd, oldpath, WALK_PARENT);
	if (!ret)
		ret = lookup(&n, v, c, newcwd, newpath, WALK_PARENT);
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

int vfs_chmod(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		goto out;
	vn = nd.node;
	mode &= 07777;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (vn_islnk(vn))
		ret = -EOPNOTSUPP;
	else if (!may_own(c, vn))
		ret = -EPERM;
	else {
		if (!vfs_capable(c) && !vfs_in_group(c, vn->st.st_gid))
			mode &= ~S_ISGID;
		ret = vn->mnt->ops->chmod(vn, mode);
	}
out:
	nd_release(&nd);
	return ret;
}

/* chown_ok() and chgrp_ok(). */
static int may_chown(const struct vfs_cred *c, const struct vnode *vn,
		     uid_t uid, gid_t gid)
{
	bool owner = vfs_is_owner(c, &vn->st);

	if (vfs_capable(c))
		return 0;
	if (uid != (uid_t)-1 && !(owner && uid == vn->st.st_uid))
		return -EPERM;
	if (gid != (gid_t)-1 &&
	    !(owner && (gid == vn->st.st_gid || vfs_in_group(c, gid))))
		return -EPERM;
	return 0;
}

int vfs_chown(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, uid_t uid, gid_t gid, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	mode_t mode;
	int ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		goto out;
	vn = nd.node;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (!(ret = may_chown(c, vn, uid, gid)))
		ret = vn->mnt->ops->chown(vn, uid, gid);
	if (ret || vn_isdir(vn) || vn_islnk(vn) ||
	    (uid == (uid_t)-1 && gid == (gid_t)-1))
		goto out;
	/* The kernel drops set-user-ID, and set-group-ID if group-exec. */
	mode = vn->st.st_mode & 07777;
	if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		mode &= ~S_ISGID;
	mode &= ~S_ISUID;
	if (mode != (vn->st.st_mode & 07777))
		ret = vn->mnt->ops->chmod(vn, mode);
out:
	nd_release(&nd);
	return ret;
}

static bool bad_time(const struct timespec *ts)
{
	if (ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT)
		return false;
	return ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L;
}

static bool explicit_time(const struct timespec *ts)
{
	return ts->tv_nsec != UTIME_NOW && ts->tv_nsec != UTIME_OMIT;
}

int vfs_utimens(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, const struct timespec ts[2], int at_flags)
{
	struct timespec t[2] = {
		{ .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW },
	};
	struct timespec now;
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (ts) {
		if (bad_time(&ts[0]) || bad_time(&ts[1]))
			return -EINVAL;
		t[0] = ts[0];
		t[1] = ts[1];
	}
	ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));
	if (ret)
		goto out;
	vn = nd.node;
	if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		goto out;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (explicit_time(&t[0]) || explicit_time(&t[1]))
		ret = may_own(c, vn) ? 0 : -EPERM;
	else if (!may_own(c, vn))
		ret = vfs_permission(c, &vn->st, VFS_MAY_WRITE);
	if (ret)
		goto out;
	clock_gettime(CLOCK_REALTIME, &now);
	for (int i = 0; i < 2; i++)
		if (t[i].tv_nsec == UTIME_NOW)
			t[i] = now;
	ret = vn->mnt->ops->utimens(vn, t);
out:
	nd_release(&nd);
	return ret;
}

int vfs_truncate(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, off_t length)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (length < 0)
		return -EINVAL;
	ret = lookup(&nd, v, c, cwd, path, WALK_FOLLOW);
	if (ret)
		goto out;
	vn = nd.node;
	if (vn_isdir(vn))
		ret = -EISDIR;
	else if (!S_ISREG(vn->st.st_mode))
		ret = -EINVAL;
	else if (vn_ro(vn))
		ret = -EROFS;
	else if (!(ret = vfs_permission(c, &vn->st, VFS_MAY_WRITE)))
		ret = vn->mnt->ops->truncate(vn, length);
out:
	nd_release(&nd);
	return ret;
}

int vfs_statfs(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, struct statfs *sfs)
{
	struct nameidata nd;
	int ret = lookup(&nd, v, c, cwd, path, WALK_FOLLOW);

	if (!ret)
		ret = nd.node->mnt->ops->statfs(nd.node, sfs);
	nd_release(&nd);
	return ret;
}

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
	ssize_t ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

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
	int ret = lookup(nd, v, c, cwd, path, walk_flags(at_flags));

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
	ssize_t ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (!ret)
		ret = list_filtered(c, nd.node, list, size);
	nd_release(&nd);
	return ret;
}

int vfs_opendir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, int at_flags, struct vfs_dir **out)
{
	struct nameidata nd;
	struct vnode *parent;
	int ret = lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

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
