// SPDX-License-Identifier: MIT
/*
 * Memory backend: a tree of nodes held by the context.  A node's metadata
 * lives in its vnode's struct stat; a regular file's content (and size
 * and times) in a memfd owned by the node, which tracees reach through
 * /proc/<pid>/fd/<n>, or through the copy an fd export keeps, or a file
 * the export makes (--sandbox: see vfs.h).
 *
 * Lifetime: NAMES counts the directory entries naming a node (1 for a
 * linked directory or the root), vn.refs the references (walks, struct
 * vfs_file handles, the mount).  A node is freed when both are zero, so
 * an unlinked file stays usable through a handle, with nlink 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "vfs_impl.h"

struct mnode;

struct mdirent {
	char *name;
	struct mnode *node;
};

struct mxattr {
	char *name;
	void *value;
	size_t size;
};

struct mnode {
	struct vnode vn;
	unsigned int names;
	int fd;				/* regular file: memfd, else -1 */
	int kept;			/* the fd export's handle, or -1 */
	char *kpath;			/* and its path (owned) */
	char *target;			/* symlink body */
	struct mdirent *ents;		/* directory entries */
	size_t nents, cap;
	struct mxattr *xa;
	size_t nxa;
};

struct memfs {
	ino_t next_ino;
	dev_t dev;
	struct vfs_mount *m;		/* set at root() */
};

#define MN(vn) ((struct mnode *)(vn))

static struct timespec now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

static void touch_ctime(struct mnode *n)
{
	n->vn.st.st_ctim = now();
}

static void touch_dir(struct mnode *d)
{
	d->vn.st.st_mtim = d->vn.st.st_ctim = now();
}

static void mnode_free(struct mnode *n)
{
	struct vfs_fd_export *e = &n->vn.mnt->v->fd_export;

	if (n->kept >= 0 && e->drop)
		e->drop(e->arg, n->kept);
	free(n->kpath);
	if (n->fd >= 0)
		close(n->fd);
	free(n->target);
	for (size_t i = 0; i < n->nents; i++)
		free(n->ents[i].name);
	free(n->ents);
	for (size_t i = 0; i < n->nxa; i++) {
		free(n->xa[i].name);
		free(n->xa[i].value);
	}
	free(n->xa);
	free(n);
}

static void mnode_maybe_free(struct mnode *n)
{
	if (n->names == 0 && n->vn.refs == 0)
		mnode_free(n);
}

static void mem_release(struct vnode *vn)
{
	mnode_maybe_free(MN(vn));
}

/* Keep the memfd's mode close to the view's, owner-writable. */
static void sync_fd_mode(struct mnode *n)
{
	if (n->fd >= 0)
		fchmod(n->fd, (n->vn.st.st_mode & 0777) | 0600);
}

/* A regular file's content: a memfd, or a file the fd export makes. */
static int mnode_content(struct vfs_mount *m, struct mnode *n)
{
	const struct vfs_fd_export *e = &m->v->fd_export;
	char path[PATH_MAX];
	int h;

	if (!e->make) {
		n->fd = memfd_create("vfstrace", MFD_CLOEXEC);
		return n->fd < 0 ? -errno : 0;
	}
	h = e->make(e->arg, &n->fd, path, sizeof(path));
	if (h < 0)
		return h;
	n->kpath = strdup(path);
	if (!n->kpath) {
		close(n->fd);
		if (e->drop)
			e->drop(e->arg, h);
		return -ENOMEM;
	}
	n->kept = h;
	return 0;
}

static int mnode_new(struct vfs_mount *m, const struct vfs_newattr *a,
		     struct mnode **out)
{
	struct memfs *fs = m->priv;
	struct mnode *n = calloc(1, sizeof(*n));

	if (!n)
		return -ENOMEM;
	n->fd = -1;
	n->kept = -1;
	if (S_ISREG(a->mode)) {
		int ret = mnode_content(m, n);

		if (ret) {
			free(n);
			return ret;
		}
	}
	n->vn.mnt = m;
	n->vn.st.st_dev = fs->dev;
	n->vn.st.st_ino = fs->next_ino++;
	n->vn.st.st_mode = a->mode;
	n->vn.st.st_nlink = S_ISDIR(a->mode) ? 2 : 1;
	n->vn.st.st_uid = a->uid;
	n->vn.st.st_gid = a->gid;
	n->vn.st.st_rdev = a->rdev;
	n->vn.st.st_blksize = 4096;
	n->vn.st.st_atim = n->vn.st.st_mtim = n->vn.st.st_ctim = now();
	sync_fd_mode(n);
	*out = n;
	return 0;
}

static struct mdirent *dir_find(struct mnode *d, const char *name)
{
	for (size_t i = 0; i < d->nents; i++)
		if (!strcmp(d->ents[i].name, name))
			return &d->ents[i];
	return NULL;
}

/* Add entry NAME -> N in D; N gains a name. */
static int dir_add(struct mnode *d, const char *name, struct mnode *n)
{
	char *copy = strdup(name);

	if (!copy)
		return -ENOMEM;
	if (d->nents == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct mdirent *e = realloc(d->ents, cap * sizeof(*e));

		if (!e) {
			free(copy);
			return -ENOMEM;
		}
		d->ents = e;
		d->cap = cap;
	}
	d->ents[d->nents].name = copy;
	d->ents[d->nents].node = n;
	d->nents++;
	n->names++;
	if (S_ISDIR(n->vn.st.st_mode))
		d->vn.st.st_nlink++;
	touch_dir(d);
	return 0;
}

/* Drop entry E of D; its node loses a name and may be freed. */
static void dir_del(struct mnode *d, struct mdirent *e)
{
	struct mnode *n = e->node;

	free(e->name);
	*e = d->ents[--d->nents];
	n->names--;
	if (S_ISDIR(n->vn.st.st_mode)) {
		d->vn.st.st_nlink--;
		if (n->names == 0)
			n->vn.st.st_nlink = 0;
	} else {
		n->vn.st.st_nlink = n->names;
		touch_ctime(n);
	}
	touch_dir(d);
	mnode_maybe_free(n);
}

static int mem_root(struct vfs_mount *m, struct vnode **out)
{
	struct vfs_newattr a = { .mode = S_IFDIR | 0755 };
	struct memfs *fs = m->priv;
	struct mnode *root;
	int ret;

	fs->m = m;
	ret = mnode_new(m, &a, &root);
	if (ret)
		return ret;
	root->names = 1;
	*out = vn_get(&root->vn);
	return 0;
}

/* Free the tree below D (at destroy time, no reference left). */
static void tree_free(struct mnode *d)
{
	for (size_t i = 0; i < d->nents; i++) {
		struct mnode *n = d->ents[i].node;

		free(d->ents[i].name);
		if (S_ISDIR(n->vn.st.st_mode))
			tree_free(n);
		if (--n->names == 0)
			mnode_free(n);
	}
	d->nents = 0;
}

static void mem_destroy(void *priv)
{
	struct memfs *fs = priv;

	if (fs->m && fs->m->root) {
		struct mnode *root = MN(fs->m->root);

		tree_free(root);
		mnode_free(root);
		fs->m->root = NULL;
	}
	free(fs);
}

static int mem_lookup(struct vnode *dir, const char *name, bool masked,
		      struct vnode **out)
{
	struct mdirent *e = masked ? NULL : dir_find(MN(dir), name);

	if (!e)
		return -ENOENT;
	*out = vn_get(&e->node->vn);
	return 0;
}

static int mem_getattr(struct vnode *vn, struct stat *st)
{
	struct mnode *n = MN(vn);
	struct stat fst;

	*st = vn->st;
	if (n->fd >= 0) {
		if (fstat(n->fd, &fst))
			return -errno;
		st->st_size = fst.st_size;
		st->st_blocks = fst.st_blocks;
		st->st_atim = fst.st_atim;
		st->st_mtim = fst.st_mtim;
		st->st_ctim = fst.st_ctim;
	} else if (n->target) {
		st->st_size = strlen(n->target);
	} else if (S_ISDIR(st->st_mode)) {
		st->st_size = 4096;
	}
	return 0;
}

static ssize_t mem_readlink(struct vnode *vn, char *buf, size_t size)
{
	size_t len = strlen(MN(vn)->target);

	if (len > size)
		len = size;
	memcpy(buf, MN(vn)->target, len);
	return len;
}

/* Hand N's memfd to the fd export once: N->kpath is its path there. */
static int mem_export(struct mnode *n, const struct vfs_fd_export *e)
{
	char path[PATH_MAX];
	int h;

	if (n->kpath)
		return 0;
	h = e->keep(e->arg, n->fd, path, sizeof(path));
	if (h < 0)
		return h;
	n->kpath = strdup(path);
	if (!n->kpath) {
		if (e->drop)
			e->drop(e->arg, h);
		return -ENOMEM;
	}
	n->kept = h;
	return 0;
}

/* Where the kernel finds the content of N: its memfd, or nothing. */
static int mem_target(struct mnode *n, struct vfs_target *t)
{
	const struct vfs_fd_export *e = &n->vn.mnt->v->fd_export;
	int err;

	t->attrs = 0;
	t->host[0] = '\0';
	if (S_ISDIR(n->vn.st.st_mode))
		t->attrs = VFS_T_DIR | VFS_T_DIR_EMULATE;
	if (n->fd < 0)
		return 0;
	if (!e->keep && !n->kpath) {	/* kpath: a file the export made */
		snprintf(t->host, sizeof(t->host), "/proc/%d/fd/%d",
			 (int)getpid(), n->fd);
		return 0;
	}
	err = mem_export(n, e);
	if (err)
		return err;
	snprintf(t->host, sizeof(t->host), "%s", n->kpath);
	return 0;
}

static int mem_open(struct vnode *vn, int flags, struct vfs_target *t,
		    struct vfs_file **f)
{
	int err;

	t->flags = flags & ~(O_CREAT | O_EXCL | O_NOFOLLOW | O_DIRECTORY);
	err = mem_target(MN(vn), t);
	return err ? err : vfs_file_new(vn, f);
}

static int mem_create(struct vnode *dir, const char *name, int flags,
		      const struct vfs_newattr *a, struct vfs_target *t,
		      struct vfs_file **f)
{
	struct mnode *n;
	int ret = mnode_new(dir->mnt, a, &n);

	if (ret)
		return ret;
	if (name) {
		ret = dir_add(MN(dir), name, n);
		if (ret) {
			mnode_free(n);
			return ret;
		}
	} else {
		n->vn.st.st_nlink = 0;
		flags &= ~O_TMPFILE;
	}
	/* The file exists now: the kernel must only open it. */
	vn_get(&n->vn);
	ret = mem_open(&n->vn, flags & ~O_TRUNC, t, f);
	vn_put(&n->vn);
	return ret;
}

static int mem_resolve(struct vnode *vn, enum vfs_intent in,
		       struct vfs_target *t)
{
	return mem_target(MN(vn), t);
}

static int mem_make(struct vnode *dir, const char *name,
		    const struct vfs_newattr *a, struct mnode **out)
{
	struct mnode *n;
	int ret = mnode_new(dir->mnt, a, &n);

	if (ret)
		return ret;
	ret = dir_add(MN(dir), name, n);
	if (ret) {
		mnode_free(n);
		return ret;
	}
	if (out)
		*out = n;
	return 0;
}

static int mem_mkdir(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a)
{
	return mem_make(dir, name, a, NULL);
}

static int mem_mknod(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a)
{
	return mem_make(dir, name, a, NULL);
}

static int mem_symlink(struct vnode *dir, const char *name,
		       const char *target, const struct vfs_newattr *a)
{
	char *copy = strdup(target);
	struct mnode *n;
	int ret;

	if (!copy)
		return -ENOMEM;
	ret = mem_make(dir, name, a, &n);
	if (ret) {
		free(copy);
		return ret;
	}
	n->target = copy;
	n->vn.st.st_size = strlen(copy);
	return 0;
}

static int mem_link(struct vnode *vn, struct vnode *dir, const char *name)
{
	int ret = dir_add(MN(dir), name, MN(vn));

	if (!ret) {
		vn->st.st_nlink = MN(vn)->names;
		touch_ctime(MN(vn));
	}
	return ret;
}

static int mem_unlink(struct vnode *dir, const char *name, struct vnode *vn)
{
	dir_del(MN(dir), dir_find(MN(dir), name));
	return 0;
}

static int mem_rmdir(struct vnode *dir, const char *name, struct vnode *vn)
{
	if (MN(vn)->nents)
		return -ENOTEMPTY;
	dir_del(MN(dir), dir_find(MN(dir), name));
	return 0;
}

static int mem_exchange(struct mnode *od, const char *oname, struct mnode *nd,
			const char *nname)
{
	struct mdirent *oe = dir_find(od, oname), *ne = dir_find(nd, nname);
	struct mnode *on = oe->node, *nn = ne->node;
	int odir = S_ISDIR(on->vn.st.st_mode);
	int ndir = S_ISDIR(nn->vn.st.st_mode);

	oe->node = nn;
	ne->node = on;
	od->vn.st.st_nlink += ndir - odir;
	nd->vn.st.st_nlink += odir - ndir;
	touch_dir(od);
	touch_dir(nd);
	touch_ctime(on);
	touch_ctime(nn);
	return 0;
}

static int mem_rename(struct vnode *odir, const char *oname,
		      struct vnode *ovn, struct vnode *ndir,
		      const char *nname, struct vnode *nvn,
		      unsigned int flags)
{
	struct mnode *od = MN(odir), *nd = MN(ndir), *on = MN(ovn);
	int ret;

	if (flags & RENAME_EXCHANGE)
		return mem_exchange(od, oname, nd, nname);
	if (nvn && S_ISDIR(nvn->st.st_mode) && MN(nvn)->nents)
		return -ENOTEMPTY;
	/* Add the new name first: the node never loses its last name. */
	if (nvn)
		dir_del(nd, dir_find(nd, nname));
	ret = dir_add(nd, nname, on);
	if (ret)
		return ret;
	dir_del(od, dir_find(od, oname));
	touch_ctime(on);
	return 0;
}

static int mem_chmod(struct vnode *vn, mode_t mode)
{
	vn->st.st_mode = (vn->st.st_mode & S_IFMT) | (mode & 07777);
	touch_ctime(MN(vn));
	sync_fd_mode(MN(vn));
	return 0;
}

static int mem_chown(struct vnode *vn, uid_t uid, gid_t gid)
{
	if (uid != (uid_t)-1)
		vn->st.st_uid = uid;
	if (gid != (gid_t)-1)
		vn->st.st_gid = gid;
	touch_ctime(MN(vn));
	if (MN(vn)->fd >= 0 && fchown(MN(vn)->fd, -1, -1))
		return -errno;
	return 0;
}

static int mem_utimens(struct vnode *vn, const struct timespec ts[2])
{
	struct mnode *n = MN(vn);

	if (n->fd >= 0)
		return futimens(n->fd, ts) ? -errno : 0;
	if (ts[0].tv_nsec != UTIME_OMIT)
		vn->st.st_atim = ts[0];
	if (ts[1].tv_nsec != UTIME_OMIT)
		vn->st.st_mtim = ts[1];
	touch_ctime(n);
	return 0;
}

static int mem_truncate(struct vnode *vn, off_t length)
{
	return ftruncate(MN(vn)->fd, length) ? -errno : 0;
}

static int mem_readdir(struct vnode *vn, struct vfs_dirbuf *b)
{
	const struct vfs_nameset *masked = vfs_dirbuf_masked(b);
	struct mnode *d = MN(vn);

	for (size_t i = 0; i < d->nents; i++) {
		const struct stat *st = &d->ents[i].node->vn.st;
		int ret;

		if (masked && vfs_nameset_has(masked, d->ents[i].name))
			continue;
		ret = vfs_dirbuf_add(b, d->ents[i].name, st->st_ino,
				     IFTODT(st->st_mode));
		if (ret)
			return ret;
	}
	return 0;
}

static struct mxattr *xa_find(struct mnode *n, const char *name)
{
	for (size_t i = 0; i < n->nxa; i++)
		if (!strcmp(n->xa[i].name, name))
			return &n->xa[i];
	return NULL;
}

static ssize_t mem_getxattr(struct vnode *vn, const char *name, void *value,
			    size_t size)
{
	struct mxattr *x = xa_find(MN(vn), name);

	if (!x)
		return -ENODATA;
	if (size == 0)
		return x->size;
	if (size < x->size)
		return -ERANGE;
	memcpy(value, x->value, x->size);
	return x->size;
}

static int mem_setxattr(struct vnode *vn, const char *name,
			const void *value, size_t size, int flags)
{
	struct mnode *n = MN(vn);
	struct mxattr *x = xa_find(n, name);
	void *copy = malloc(size ? size : 1);

	if (!copy)
		return -ENOMEM;
	if ((x && (flags & XATTR_CREATE)) || (!x && (flags & XATTR_REPLACE))) {
		free(copy);
		return x ? -EEXIST : -ENODATA;
	}
	memcpy(copy, value, size);
	if (!x) {
		struct mxattr *xa = realloc(n->xa, (n->nxa + 1) * sizeof(*xa));
		char *nm = strdup(name);

		if (xa)
			n->xa = xa;
		if (!xa || !nm) {
			free(nm);
			free(copy);
			return -ENOMEM;
		}
		x = &n->xa[n->nxa++];
		x->name = nm;
		x->value = NULL;
	}
	free(x->value);
	x->value = copy;
	x->size = size;
	touch_ctime(n);
	return 0;
}

static ssize_t mem_listxattr(struct vnode *vn, char *list, size_t size)
{
	struct mnode *n = MN(vn);
	size_t len = 0;

	for (size_t i = 0; i < n->nxa; i++)
		len += strlen(n->xa[i].name) + 1;
	if (size == 0)
		return len;
	if (size < len)
		return -ERANGE;
	for (size_t i = 0, off = 0; i < n->nxa; i++) {
		size_t l = strlen(n->xa[i].name) + 1;

		memcpy(list + off, n->xa[i].name, l);
		off += l;
	}
	return len;
}

static int mem_removexattr(struct vnode *vn, const char *name)
{
	struct mnode *n = MN(vn);
	struct mxattr *x = xa_find(n, name);

	if (!x)
		return -ENODATA;
	free(x->name);
	free(x->value);
	*x = n->xa[--n->nxa];
	touch_ctime(n);
	return 0;
}

static int mem_statfs(struct vnode *vn, struct statfs *sfs)
{
	memset(sfs, 0, sizeof(*sfs));
	sfs->f_type = TMPFS_MAGIC;
	sfs->f_bsize = 4096;
	sfs->f_frsize = 4096;
	sfs->f_namelen = NAME_MAX;
	return 0;
}

static const struct vfs_backend_ops memory_ops = {
	.name = "memory",
	.destroy = mem_destroy,
	.root = mem_root,
	.lookup = mem_lookup,
	.release = mem_release,
	.getattr = mem_getattr,
	.readlink = mem_readlink,
	.open = mem_open,
	.create = mem_create,
	.resolve = mem_resolve,
	.mkdir = mem_mkdir,
	.mknod = mem_mknod,
	.symlink = mem_symlink,
	.link = mem_link,
	.unlink = mem_unlink,
	.rmdir = mem_rmdir,
	.rename = mem_rename,
	.chmod = mem_chmod,
	.chown = mem_chown,
	.utimens = mem_utimens,
	.truncate = mem_truncate,
	.readdir = mem_readdir,
	.getxattr = mem_getxattr,
	.setxattr = mem_setxattr,
	.listxattr = mem_listxattr,
	.removexattr = mem_removexattr,
	.statfs = mem_statfs,
};

int vfs_mount_memory(struct vfs *v, const char *at, unsigned int flags)
{
	struct memfs *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return -ENOMEM;
	fs->next_ino = 1;
	fs->dev = makedev(0, 0x8000 + v->next_dev++);
	return vfs_add_mount(v, at, &memory_ops, fs, flags, false);
}
