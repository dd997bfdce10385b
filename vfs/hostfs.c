// SPDX-License-Identifier: MIT
/*
 * Host-directory backend: the overlay (an upper over lowers, OCI
 * whiteouts, copy-up) and the bind mount, which is the same code with a
 * single layer and whiteout interpretation off.
 *
 * Layer 0 is the upper (or the bound directory), layers 1.. the lowers,
 * highest first.  A node names a view object by its path REL inside the
 * mount; TOP is the layer whose object is visible, MASK (directories) the
 * layers merged into it.  REL's leading components are directories of
 * its layer by construction (the walk looked them up), but the tree may
 * change the upper behind the library: every host access to layer 0
 * walks from the layer's O_PATH fd without following any symlink and
 * acts on the last name with an *at() call that does not follow it
 * either (hostfs_at.h, "The upper is hostile"); the lowers, which the
 * tree cannot write, are reached with one *at() call on REL.  Host paths
 * handed to the caller (targets) are re-resolved by the kernel in the
 * tracee, under --sandbox within its Landlock rules.
 *
 * Host operations use the credentials of the process running the library
 * (the caller's were checked by the generic layer); owners of new and
 * copied objects are set with fchown() where the process may.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"
#include "hostfs_cache.h"
#include "hostfs_origin.h"
#include "hostfs_copyup.h"
#include "hostfs_dir.h"
#include "hostfs_ns.h"
#include "hostfs_attr.h"
#include "hostfs_whiteout.h"

static void hfs_release(struct vnode *vn)
{
	struct hnode *n = HN(vn);

	hfs_kids_clear(FS(vn), n);
	if (n->parent)
		vn_put(&n->parent->vn);
	free(n->rel);
	free(n);
}

static int hfs_root(struct vfs_mount *m, struct vnode **out)
{
	struct hostfs *fs = m->priv;
	struct probe p = { .top = 0 };
	int ret;

	fs->m = m;
	fs->gen = m->v->gen;
	if (hfs_stat(fs, 0, fs->rootrel, &p.st))
		return -errno;
	for (int i = 0; i < fs->nlayers; i++) {
		p.mask |= LAYER(i);
		if (hfs_opaque_at(fs, i, ""))
			break;
	}
	ret = hfs_node_new(m, NULL, fs->rootrel, &p, out);
	if (!ret)
		HN(*out)->incache = true;
	return ret;
}

static void hfs_destroy(void *priv)
{
	struct hostfs *fs = priv;

	for (int i = 0; i < fs->nlayers; i++) {
		if (fs->fd[i] >= 0)
			close(fs->fd[i]);
		free(fs->path[i]);
	}
	vfs_inomap_clear(&fs->vol);
	free(fs->rootrel);
	free(fs);
}

/* NAME of D from the layers (MASKED: from the upper only). */
static int lookup_layers(struct hostfs *fs, struct hnode *d, const char *name,
			 bool masked, struct vnode **out)
{
	uint64_t layers = ~(uint64_t)0;
	char rel[PATH_MAX];
	struct probe p;
	int ret;

	if (masked)
		layers = fs->oci ? LAYER(0) : 0;
	if (is_wh_name(fs, name))
		layers &= fs->nlayers > 1 ? LAYER(lowest(fs)) : 0;
	ret = hfs_probe(fs, d, name, layers, &p);
	if (!ret)
		ret = hfs_join(rel, d->rel, "", name);
	if (!ret)
		ret = hfs_node_new(d->vn.mnt, d, rel, &p, out);
	if (!ret && fs->oci)
		hfs_load_origin(fs, d, HN(*out));
	return ret;
}

static int hfs_lookup(struct vnode *dir, const char *name, bool masked,
		      struct vnode **out)
{
	struct hostfs *fs = FS(dir);
	struct hnode *d = HN(dir);
	bool creatable, stamped = false;
	struct hent *e;
	int ret;

	if (is_wh_name(fs, name) && !(d->mask & LAYER(lowest(fs))))
		return -ENOENT;
	hfs_sync_gen(fs);
	creatable = d->top == 0 && (hfs_vol_flags(fs, d) & VOL_DIR);
	e = hfs_kids_find(d, name);
	if (e && e->node && !hfs_node_valid(fs, e->node)) {
		hfs_kids_del(fs, d, e);
		e = NULL;
	}
	if (e && !e->node && creatable) {
		stamped = true;
		if (!hfs_stamp(fs, d))
			e = NULL;	/* dropped */
	}
	if (e) {
		V(fs)->stats.cache_hits++;
		if (!e->node)
			return -ENOENT;
		*out = vn_get(&e->node->vn);
		return 0;
	}
	V(fs)->stats.cache_misses++;
	if (creatable && !stamped)
		hfs_stamp(fs, d);	/* before the probe: a creation after it
				   changes the ctime */
	ret = lookup_layers(fs, d, name, masked, out);
	if (!ret || ret == -ENOENT)
		hfs_cache_put(fs, d, name, ret ? NULL : HN(*out));
	return ret;
}

/*
 * VFS_PEEK: a directory present in one layer only, and not the upper of
 * an overlay (whose entries may be whiteouts or carry origins), holds
 * NAME (if anything) in that layer, as hfs_probe() would find it.
 */
static int hfs_peek(struct vnode *dir, const char *name, char *host)
{
	struct hostfs *fs = FS(dir);
	struct hnode *d = HN(dir);
	char rel[PATH_MAX];
	int layer = d->top;

	if (is_wh_name(fs, name) || layer < 0 || d->mask != LAYER(layer) ||
	    (fs->oci && layer == 0) || fs->gen != V(fs)->gen)
		return -EAGAIN;
	if (hfs_join(rel, d->rel, "", name) ||
	    hfs_host_path(fs, layer, rel, host, PATH_MAX))
		return -EAGAIN;
	return 0;
}

/*
 * VN_HOST_*: in an overlay whose lowest layer is the host root mounted at
 * the view root, an object present in that layer is where the kernel's
 * own walk of its view path goes.
 */
static unsigned int hfs_host_walk(const struct vnode *vn)
{
	const struct hostfs *fs = FS(vn);
	const struct hnode *n = HN(vn);
	int l = lowest(fs);
	unsigned int r;

	if (!fs->oci || fs->m->len || *fs->rootrel || strcmp(fs->path[l], "/"))
		return 0;
	if (S_ISDIR(n->vn.st.st_mode) ? !(n->mask & LAYER(l)) : n->top != l)
		return 0;
	r = VN_HOST_AT;
	if (n->top == l)
		r |= VN_HOST_IS;
	if (S_ISDIR(n->vn.st.st_mode) && n->mask == LAYER(l))
		r |= VN_HOST_ALL;
	return r;
}

/* Attributes as the view shows them: a copy-up keeps its origin's ino. */
/*
 * A directory of several layers: the kernel's overlayfs reports a link
 * count of 1 for it (counting the merged subdirectories is not worth it).
 */
static bool hfs_merged(const struct hnode *n)
{
	return (n->mask & (n->mask - 1)) != 0;
}

static int hfs_getattr(struct vnode *vn, struct stat *st)
{
	int ret = hfs_refresh(HN(vn));

	if (ret)
		return ret;
	*st = vn->st;
	if (FS(vn)->oci)
		vfs_origin_apply(vn->mnt->v, st);
	if (S_ISDIR(st->st_mode) && hfs_merged(HN(vn)))
		st->st_nlink = 1;
	return 0;
}

static ssize_t hfs_readlink(struct vnode *vn, char *buf, size_t size)
{
	struct hat a;
	ssize_t n = hfs_at(FS(vn), HN(vn)->top, HN(vn)->rel, &a);

	if (n)
		return n;
	n = readlinkat(a.fd, a.name, buf, size);
	if (n < 0)
		n = -errno;
	hfs_at_put(&a);
	return n;
}

/*
 * A directory of the lowest layer alone: the kernel's listing of it is
 * the view's (nothing merged, no whiteouts, lower inode numbers), unless
 * something is mounted or masked in it (the caller's VFS_T_DIR_EMULATE).
 */
static bool lowest_only(const struct hostfs *fs, const struct hnode *n)
{
	return fs->nlayers > 1 && n->top == lowest(fs) &&
	       n->mask == LAYER(lowest(fs));
}

/*
 * A directory of the upper alone: in no lower layer and not opaque over
 * one, so that its host entries are the view's (no whiteout, no marker).
 */
static bool top_only(const struct hostfs *fs, const struct hnode *n)
{
	return fs->oci && n->top == 0 && n->mask == LAYER(0) &&
	       !hfs_opaque_at(fs, 0, n->rel);
}

/* Host location of N's visible object into T. */
static int fill_target(struct hnode *n, struct vfs_target *t)
{
	struct hostfs *fs = FS(&n->vn);

	t->attrs = VFS_T_HOST_META;
	if (S_ISDIR(n->vn.st.st_mode))
		t->attrs |= VFS_T_DIR | (fs->oci && !lowest_only(fs, n) ?
					 VFS_T_DIR_EMULATE : VFS_T_PLAIN);
	if (S_ISDIR(n->vn.st.st_mode) && top_only(fs, n))
		t->attrs |= VFS_T_TOP_ONLY;
	if (S_ISDIR(n->vn.st.st_mode) && hfs_merged(n))
		t->attrs |= VFS_T_MERGED;
	if (fs->oci && n->top == 0 &&
	    vfs_origin_get(V(fs), n->vn.st.st_dev, n->vn.st.st_ino, NULL,
			   NULL))
		t->attrs |= VFS_T_ORIGIN;
	return hfs_host_path(fs, n->top, n->rel, t->host, sizeof(t->host));
}

static int hfs_open(struct vnode *vn, int flags, struct vfs_target *t,
		    struct vfs_file **f)
{
	int acc = flags & O_ACCMODE;
	int ret;

	if (S_ISREG(vn->st.st_mode) && !(flags & O_PATH) &&
	    (acc != O_RDONLY || (flags & O_TRUNC))) {
		ret = hfs_copy_up(HN(vn));
		if (ret)
			return ret;
	}
	t->flags = flags;
	return fill_target(HN(vn), t);
}

/* The kernel creates the file in the prepared upper directory. */
/* Does upper directory DIR hold a whiteout of NAME? */
static bool over_whiteout(const struct hostfs *fs, const struct hnode *dir,
			  const char *name)
{
	char p[PATH_MAX];

	return fs->oci && !hfs_join(p, dir->rel, WH_PREFIX, name) &&
	       hfs_exists_at(fs, 0, p);
}

static int hfs_create(struct vnode *dir, const char *name, int flags,
		      const struct vfs_newattr *a, struct vfs_target *t,
		      struct vfs_file **f)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret;

	if (name && is_wh_name(fs, name))
		return -EINVAL;
	ret = hfs_copy_up(HN(dir));
	if (ret)
		return ret;
	if (name)
		ret = hfs_join(rel, HN(dir)->rel, "", name);
	else
		strcpy(rel, HN(dir)->rel);
	if (ret)
		return ret;
	/*
	 * The kernel creates NAME after this returns; a whiteout of it goes
	 * once it exists (hfs_created()), so that a crash in between leaves
	 * the new file over the whiteout, never the lower showing again.
	 */
	if (name && over_whiteout(fs, HN(dir), name)) {
		ret = vfs_file_new_created(dir, name, f);
		if (ret)
			return ret;
	}
	hfs_changed(fs);
	hfs_set_volatile(fs, HN(dir), VOL_DIR);
	if (name)
		hfs_forget(fs, rel);
	t->flags = flags;
	t->attrs = VFS_T_HOST_META;
	return hfs_host_path(fs, 0, rel, t->host, sizeof(t->host));
}

/* The kernel's open made NAME in DIR: the whiteout it supersedes goes. */
static void hfs_created(struct vnode *dir, const char *name)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	struct stat st;

	if (!hfs_join(rel, HN(dir)->rel, "", name) &&
	    !hfs_stat(fs, 0, rel, &st))
		hfs_drop_whiteout(fs, HN(dir)->rel, name);
}

static int hfs_resolve(struct vnode *vn, enum vfs_intent in,
		       struct vfs_target *t)
{
	if (in != VFS_LOOKUP) {
		int ret = hfs_copy_up(HN(vn));

		if (ret)
			return ret;
		/* The kernel changes its attributes after this returns. */
		hfs_changed(FS(vn));
		hfs_set_volatile(FS(vn), HN(vn), VOL_META);
	}
	return fill_target(HN(vn), t);
}

static const struct vfs_backend_ops hostfs_ops = {
	.name = "hostfs",
	.destroy = hfs_destroy,
	.root = hfs_root,
	.lookup = hfs_lookup,
	.peek = hfs_peek,
	.host_walk = hfs_host_walk,
	.release = hfs_release,
	.getattr = hfs_getattr,
	.created = hfs_created,
	.readlink = hfs_readlink,
	.open = hfs_open,
	.create = hfs_create,
	.resolve = hfs_resolve,
	.mkdir = hfs_mkdir,
	.mknod = hfs_mknod,
	.symlink = hfs_symlink,
	.link = hfs_link,
	.unlink = hfs_unlink,
	.rmdir = hfs_rmdir,
	.rename = hfs_rename,
	.chmod = hfs_chmod,
	.chown = hfs_chown,
	.utimens = hfs_utimens,
	.truncate = hfs_truncate,
	.readdir = hfs_readdir,
	.getxattr = hfs_getxattr,
	.setxattr = hfs_setxattr,
	.listxattr = hfs_listxattr,
	.removexattr = hfs_removexattr,
	.statfs = hfs_statfs,
	.flush = hfs_flush,
};

/*
 * Open layer I of FS at host directory DIR (canonicalised).  ANY: DIR may
 * be a non-directory (a bind of a file): the layer is then its directory
 * and ROOTREL its name.
 */
static int open_layer(struct hostfs *fs, int i, const char *dir, bool any)
{
	struct stat st;
	char *slash;

	fs->path[i] = realpath(dir, NULL);
	if (!fs->path[i])
		return -errno;
	if (any && !stat(fs->path[i], &st) && !S_ISDIR(st.st_mode)) {
		slash = strrchr(fs->path[i], '/');
		free(fs->rootrel);
		fs->rootrel = strdup(slash + 1);
		if (!fs->rootrel)
			return -ENOMEM;
		slash[slash == fs->path[i]] = '\0';	/* "/f" -> "/" */
	}
	fs->fd[i] = open(fs->path[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fs->fd[i] < 0 ? -errno : 0;
}

int hostfs_mount(struct vfs *v, const char *where, const char *upper,
		 const char *const *lowers, size_t nlowers, bool oci,
		 unsigned int flags)
{
	struct hostfs *fs;
	int ret = 0;

	if (!upper || nlowers + 1 > VFS_MAXLAYERS || (nlowers && !lowers))
		return -EINVAL;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->oci = oci;
	fs->live = !oci;
	fs->xattr = (oci && (flags & VFS_MOUNT_ORIGINS)) ? 0 : -1;
	fs->rootrel = strdup("");
	for (int i = 0; i < VFS_MAXLAYERS; i++)
		fs->fd[i] = -1;
	ret = fs->rootrel ? 0 : -ENOMEM;
	for (size_t i = 0; i <= nlowers && !ret; i++) {
		fs->nlayers = i + 1;
		ret = open_layer(fs, i, i ? lowers[i - 1] : upper, !oci);
	}
	if (ret) {
		hfs_destroy(fs);
		return ret;
	}
	return vfs_add_mount(v, where, &hostfs_ops, fs, flags, oci);
}

int vfs_mount_overlay(struct vfs *v, const char *at, const char *upper,
		      const char *const *lowers, size_t nlowers,
		      unsigned int flags)
{
	return hostfs_mount(v, at, upper, lowers, nlowers, true, flags);
}

int vfs_mount_bind(struct vfs *v, const char *at, const char *host,
		   unsigned int flags)
{
	return hostfs_mount(v, at, host, NULL, 0, false, flags);
}
