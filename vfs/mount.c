// SPDX-License-Identifier: MIT
/*
 * Changes of the context's mount table and masks: a backend instance
 * mounted at a view path (checked against the view below it, as the
 * kernel checks a mount point), a view path masked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"

/* Add the parent of canonical view path PATH to the busy directories. */
static int add_busy(struct vfs *v, const char *path)
{
	char parent[PATH_MAX];
	size_t n = strrchr(path, '/') - path;

	if (!path[1])
		return 0;	/* "/" has no parent */
	memcpy(parent, path, n);
	strcpy(parent + n, n ? "" : "/");
	v->busy_lens |= (uint64_t)1 << (strlen(parent) & 63);
	if (vfs_nameset_add(v->special, path + n + 1))
		return -ENOMEM;
	return vfs_nameset_add(v->busy, parent);
}

/*
 * The kernel's rule for a mount point (do_lookup_mp() and
 * graft_tree()): a directory mounts on a directory, a non-directory on a
 * non-directory, else -ENOTDIR.  The mount point need not exist in the
 * view below; a symlink there is covered whatever ROOT is, since mount
 * points are matched by view path and never followed.
 */
static int check_mountpoint(struct vfs *v, const char *canon,
			    const struct vnode *root)
{
	static const struct vfs_cred rootcred = { .fsuid = 0 };
	struct nameidata nd;
	int ret;

	if (!strcmp(canon, "/"))
		return vn_isdir(root) ? 0 : -ENOTDIR;
	nd_init(&nd, v, &rootcred);
	ret = nd_walk(&nd, "/", canon, WALK_PARENT);
	if (!ret && nd.node && !vn_islnk(nd.node) &&
	    vn_isdir(nd.node) != vn_isdir(root))
		ret = -ENOTDIR;
	else
		ret = 0;	/* missing: it shows up as ROOT */
	nd_release(&nd);
	return ret;
}

/*
 * Register a backend instance.  Takes ownership of PRIV (destroyed with
 * ops->destroy on failure too).  LAYERED: see struct vfs_mount.
 */
int vfs_add_mount(struct vfs *v, const char *at,
		  const struct vfs_backend_ops *ops, void *priv,
		  unsigned int flags, bool layered)
{
	char canon[PATH_MAX];
	struct vfs_mount *m = NULL, **tab;
	int ret;

	ret = vfs_canon_mountpoint(at, canon);
	if (ret)
		goto fail;
	ret = -EBUSY;
	if (vfs_mount_at(v, canon, strcmp(canon, "/") ? strlen(canon) : 0))
		goto fail;
	ret = -ENOMEM;
	tab = realloc(v->mounts, (v->nmounts + 1) * sizeof(*tab));
	if (!tab)
		goto fail;
	v->mounts = tab;
	m = calloc(1, sizeof(*m));
	if (!m)
		goto fail;
	m->path = strdup(canon);
	if (!m->path)
		goto fail_free;
	m->len = strcmp(canon, "/") ? strlen(canon) : 0;
	m->v = v;
	m->ops = ops;
	m->priv = priv;
	m->flags = flags;
	m->layered = layered;
	ret = ops->root(m, &m->root);
	if (ret)
		goto fail_free;
	ret = check_mountpoint(v, canon, m->root);
	if (!ret)
		ret = add_busy(v, canon);
	if (ret)
		goto fail_root;
	v->mounts[v->nmounts++] = m;
	v->gen++;	/* cached lookups may cross the new mount point */
	return 0;

fail_root:
	vfs_mount_free(m);	/* destroys PRIV */
	return ret;
fail_free:
	if (m)
		free(m->path);
	free(m);
fail:
	if (ops->destroy)
		ops->destroy(priv);
	return ret;
}

int vfs_hide(struct vfs *v, const char *view_path)
{
	char canon[PATH_MAX];
	int ret = vfs_canon_mountpoint(view_path, canon);

	if (ret)
		return ret;
	if (!strcmp(canon, "/"))
		return -EINVAL;
	if (!vfs_nameset_has(v->hidden, canon)) {
		if (vfs_nameset_add(v->hidden, canon))
			return -ENOMEM;
		v->nhidden++;
	}
	return vfs_mask(v, canon);
}

int vfs_mask(struct vfs *v, const char *view_path)
{
	char canon[PATH_MAX];
	int ret = vfs_canon_mountpoint(view_path, canon);

	if (ret)
		return ret;
	if (!strcmp(canon, "/"))
		return -EINVAL;
	if (vfs_nameset_has(v->masks, canon))
		return 0;
	ret = add_busy(v, canon);
	if (!ret)
		ret = vfs_nameset_add(v->masks, canon);
	if (ret)
		return ret;
	v->nmasks++;
	v->mask_lens |= (uint64_t)1 << (strlen(canon) & 63);
	v->stats.dir_changes++;
	v->gen++;	/* cached lookups of VIEW_PATH are wrong now */
	return 0;
}
