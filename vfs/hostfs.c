// SPDX-License-Identifier: MIT
/*
 * Host-directory backend: the overlay (an upper over lowers, OCI
 * whiteouts, copy-up) and the bind mount, which is the same code with a
 * single layer and whiteout interpretation off.
 *
 * Layer 0 is the upper (or the bound directory), layers 1.. the lowers,
 * highest first.  A node names a view object by its path REL inside the
 * mount; TOP is the layer whose object is visible, MASK (directories) the
 * layers merged into it.  Every host access is an *at() call on a layer's
 * O_PATH directory fd with REL, whose leading components are directories
 * of that layer by construction (the walk looked them up), and
 * AT_SYMLINK_NOFOLLOW or O_NOFOLLOW on the last one.
 *
 * Host operations use the credentials of the process running the library
 * (the caller's were checked by the generic layer); owners of new and
 * copied objects are set with fchown() where the process may.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "vfs_impl.h"

#define WH_PREFIX	".wh."
#define WH_OPAQUE	".wh..wh..opq"
#define WH_META		".wh..wh."	/* reserved: opaque, temporaries */
#define LAYER(i)	((uint64_t)1 << (i))

struct hostfs {
	bool oci;
	int nlayers;
	int fd[VFS_MAXLAYERS];
	char *path[VFS_MAXLAYERS];
	unsigned long seq;
};

struct hnode {
	struct vnode vn;
	struct hnode *parent;	/* referenced, NULL for the root */
	char *rel;		/* "" for the root */
	int top;
	uint64_t mask;
};

#define HN(vn) ((struct hnode *)(vn))

static struct hostfs *FS(const struct vnode *vn)
{
	return vn->mnt->priv;
}

/* REL as an *at() argument: the layer root is ".". */
static const char *at(const char *rel)
{
	return *rel ? rel : ".";
}

static int join(char *out, const char *dir, const char *pre,
		const char *name)
{
	int n = *dir ? snprintf(out, PATH_MAX, "%s/%s%s", dir, pre, name) :
		       snprintf(out, PATH_MAX, "%s%s", pre, name);

	return (n < 0 || n >= PATH_MAX) ? -ENAMETOOLONG : 0;
}

static int host_path(const struct hostfs *fs, int layer, const char *rel,
		     char *out, size_t size)
{
	const char *base = fs->path[layer];
	int n;

	if (!strcmp(base, "/"))
		base = "";	/* a layer at the host root: no "//" */
	n = *rel ? snprintf(out, size, "%s/%s", base, rel) :
		   snprintf(out, size, "%s", fs->path[layer]);

	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

static bool is_wh_name(const struct hostfs *fs, const char *name)
{
	return fs->oci && !strncmp(name, WH_PREFIX, strlen(WH_PREFIX));
}

static bool exists_at(int fd, const char *rel)
{
	struct stat st;

	return fstatat(fd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Does layer L hide NAME of directory DIRREL from the layers below? */
static bool whiteout_at(const struct hostfs *fs, int l, const char *dirrel,
			const char *name)
{
	char p[PATH_MAX];

	return fs->oci && !join(p, dirrel, WH_PREFIX, name) &&
	       exists_at(fs->fd[l], p);
}

static bool opaque_at(const struct hostfs *fs, int l, const char *rel)
{
	char p[PATH_MAX];

	return fs->oci && !join(p, rel, "", WH_OPAQUE) &&
	       exists_at(fs->fd[l], p);
}

/* Result of probing a name through the layers. */
struct probe {
	int top;		/* -1: not found */
	struct stat st;
	uint64_t mask;
};

/*
 * Find NAME in directory DIR, looking at layers FROM.. of DIR's mask.  A
 * non-directory stops the search; directories merge until an opaque
 * marker or a whiteout.  0 or -ENOENT (P->top -1), or another -errno.
 */
static int probe(const struct hostfs *fs, const struct hnode *dir,
		 const char *name, int from, struct probe *p)
{
	char rel[PATH_MAX];
	struct stat st;
	int ret = join(rel, dir->rel, "", name);

	p->top = -1;
	p->mask = 0;
	if (ret)
		return ret;
	for (int i = from; i < fs->nlayers; i++) {
		if (!(dir->mask & LAYER(i)))
			continue;
		if (fstatat(fs->fd[i], rel, &st, AT_SYMLINK_NOFOLLOW)) {
			if (errno != ENOENT && errno != ENOTDIR)
				return -errno;
			if (whiteout_at(fs, i, dir->rel, name))
				break;
			continue;
		}
		if (p->top < 0) {
			p->top = i;
			p->st = st;
		} else if (!S_ISDIR(st.st_mode)) {
			break;
		}
		if (!S_ISDIR(p->st.st_mode))
			break;
		p->mask |= LAYER(i);
		if (opaque_at(fs, i, rel) || whiteout_at(fs, i, dir->rel, name))
			break;
	}
	return p->top < 0 ? -ENOENT : 0;
}

/* Is there an object named NAME in DIR below the upper? */
static bool lower_has(const struct hostfs *fs, const struct hnode *dir,
		      const char *name, bool dir_only)
{
	struct probe p;

	if (!fs->oci || probe(fs, dir, name, 1, &p))
		return false;
	return !dir_only || S_ISDIR(p.st.st_mode);
}

static int hnode_new(struct vfs_mount *m, struct hnode *parent,
		     const char *rel, const struct probe *p,
		     struct vnode **out)
{
	struct hnode *n = calloc(1, sizeof(*n));

	if (!n)
		return -ENOMEM;
	n->rel = strdup(rel);
	if (!n->rel) {
		free(n);
		return -ENOMEM;
	}
	n->vn.mnt = m;
	n->vn.refs = 1;
	n->vn.st = p->st;
	n->parent = parent ? HN(vn_get(&parent->vn)) : NULL;
	n->top = p->top;
	n->mask = p->mask;
	*out = &n->vn;
	return 0;
}

static void hfs_release(struct vnode *vn)
{
	struct hnode *n = HN(vn);

	if (n->parent)
		vn_put(&n->parent->vn);
	free(n->rel);
	free(n);
}

static int hfs_root(struct vfs_mount *m, struct vnode **out)
{
	struct hostfs *fs = m->priv;
	struct probe p = { .top = 0 };

	if (fstat(fs->fd[0], &p.st))
		return -errno;
	for (int i = 0; i < fs->nlayers; i++) {
		p.mask |= LAYER(i);
		if (opaque_at(fs, i, ""))
			break;
	}
	return hnode_new(m, NULL, "", &p, out);
}

static void hfs_destroy(void *priv)
{
	struct hostfs *fs = priv;

	for (int i = 0; i < fs->nlayers; i++) {
		if (fs->fd[i] >= 0)
			close(fs->fd[i]);
		free(fs->path[i]);
	}
	free(fs);
}

static int hfs_lookup(struct vnode *dir, const char *name,
		      struct vnode **out)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	struct probe p;
	int ret;

	if (is_wh_name(fs, name))
		return -ENOENT;
	ret = probe(fs, HN(dir), name, 0, &p);
	if (!ret)
		ret = join(rel, HN(dir)->rel, "", name);
	if (ret)
		return ret;
	return hnode_new(dir->mnt, HN(dir), rel, &p, out);
}

/* Re-read N's attributes from its top layer. */
static int refresh(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);

	if (fstatat(fs->fd[n->top], at(n->rel), &n->vn.st,
		    AT_SYMLINK_NOFOLLOW))
		return -errno;
	return 0;
}

static int hfs_getattr(struct vnode *vn, struct stat *st)
{
	int ret = refresh(HN(vn));

	if (!ret)
		*st = vn->st;
	return ret;
}

static ssize_t hfs_readlink(struct vnode *vn, char *buf, size_t size)
{
	ssize_t n = readlinkat(FS(vn)->fd[HN(vn)->top], HN(vn)->rel, buf,
			       size);

	return n < 0 ? -errno : n;
}

/* A hidden name for a temporary object in the upper directory DIRREL. */
static int tmp_name(struct hostfs *fs, const char *dirrel, char *out)
{
	char name[64];

	snprintf(name, sizeof(name), "tmp.%d.%lu", (int)getpid(), ++fs->seq);
	return join(out, dirrel, WH_META, name);
}

/* Give FD (or DFD/REL) the owner in ST, where the process may. */
static void set_owner(int fd, const char *rel, uid_t uid, gid_t gid)
{
	int ret = rel ? fchownat(fd, rel, uid, gid, AT_SYMLINK_NOFOLLOW) :
			fchown(fd, uid, gid);

	if (ret && errno == EPERM && rel)
		ret = fchownat(fd, rel, -1, gid, AT_SYMLINK_NOFOLLOW);
	else if (ret && errno == EPERM)
		ret = fchown(fd, -1, gid);
	(void)ret;	/* not permitted: the owner stays the process's */
}

/*
 * Copy the extended attributes of host path SRC to DST.  Failures on
 * "user." names are errors; other namespaces are copied where permitted.
 */
static int copy_xattrs(const char *src, int dst)
{
	ssize_t len = llistxattr(src, NULL, 0);
	char *list, *val = NULL;
	int ret = 0;

	if (len <= 0)
		return (len < 0 && errno != ENOTSUP) ? -errno : 0;
	list = malloc(len);
	if (!list)
		return -ENOMEM;
	len = llistxattr(src, list, len);
	for (ssize_t i = 0; i < len && !ret; i += strlen(list + i) + 1) {
		const char *name = list + i;
		bool must = !strncmp(name, "user.", 5);
		ssize_t vlen = lgetxattr(src, name, NULL, 0);
		char *nv;

		if (vlen < 0) {
			ret = must ? -errno : 0;
			continue;
		}
		nv = realloc(val, vlen ? vlen : 1);
		if (!nv) {
			ret = -ENOMEM;
			break;
		}
		val = nv;
		vlen = lgetxattr(src, name, val, vlen);
		if (vlen < 0 || fsetxattr(dst, name, val, vlen, 0))
			ret = must ? -errno : 0;
	}
	if (len < 0)
		ret = -errno;
	free(val);
	free(list);
	return ret;
}

/* Owner, xattrs, mode and times of ST onto open fd DST (in that order). */
static int copy_meta_fd(const char *src, int dst, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	int ret;

	set_owner(dst, NULL, st->st_uid, st->st_gid);
	ret = copy_xattrs(src, dst);
	if (ret)
		return ret;
	if (fchmod(dst, st->st_mode & 07777) || futimens(dst, ts))
		return -errno;
	return 0;
}

static int copy_data(int in, int out)
{
	char buf[65536];

	for (;;) {
		ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);

		if (n == 0)
			return 0;
		if (n > 0)
			continue;
		if (errno != EXDEV && errno != ENOSYS && errno != EINVAL &&
		    errno != EOPNOTSUPP)
			return -errno;
		break;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : 0;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, n - off);

			if (w < 0 && errno != EINTR)
				return -errno;
			if (w > 0)
				off += w;
		}
	}
}

/*
 * Make the upper's temporary file visible as REL: link an O_TMPFILE in,
 * or rename a named temporary (TMP non-empty).
 */
static int publish(struct hostfs *fs, int fd, const char *tmp,
		   const char *rel)
{
	char proc[64];

	if (*tmp)
		return renameat2(fs->fd[0], tmp, fs->fd[0], rel,
				 RENAME_NOREPLACE) ? -errno : 0;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, fs->fd[0], rel, AT_SYMLINK_FOLLOW))
		return -errno;
	return 0;
}

/* Regular file N: content into an unnamed file, then linked in. */
static int copy_reg(struct hostfs *fs, struct hnode *n, const char *src,
		    const struct stat *st)
{
	const char *dirrel = n->parent->rel;
	char tmp[PATH_MAX] = "";
	int in, out, ret;

	in = openat(fs->fd[n->top], n->rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = openat(fs->fd[0], at(dirrel), O_TMPFILE | O_WRONLY | O_CLOEXEC,
		     0600);
	if (out < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
			errno == EINVAL)) {
		ret = tmp_name(fs, dirrel, tmp);
		if (ret)
			goto out_in;
		out = openat(fs->fd[0], tmp,
			     O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	}
	if (out < 0) {
		ret = -errno;
		goto out_in;
	}
	ret = copy_data(in, out);
	if (!ret)
		ret = copy_meta_fd(src, out, st);
	if (!ret)
		ret = publish(fs, out, tmp, n->rel);
	if (ret && *tmp)
		unlinkat(fs->fd[0], tmp, 0);
	close(out);
out_in:
	close(in);
	return ret;
}

/* Directory N: made under a temporary name, then renamed. */
static int copy_dir(struct hostfs *fs, struct hnode *n, const char *src,
		    const struct stat *st)
{
	char tmp[PATH_MAX];
	int fd, ret = tmp_name(fs, n->parent->rel, tmp);

	if (ret)
		return ret;
	if (mkdirat(fs->fd[0], tmp, 0700))
		return -errno;
	fd = openat(fs->fd[0], tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
	} else {
		ret = copy_meta_fd(src, fd, st);
		close(fd);
	}
	if (!ret)
		ret = publish(fs, -1, tmp, n->rel);
	if (ret)
		unlinkat(fs->fd[0], tmp, AT_REMOVEDIR);
	return ret;
}

/* Symlink or special file N: made under a temporary name, renamed. */
static int copy_other(struct hostfs *fs, struct hnode *n,
		      const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	char tmp[PATH_MAX], body[PATH_MAX];
	int ret = tmp_name(fs, n->parent->rel, tmp);
	ssize_t len;

	if (ret)
		return ret;
	if (S_ISLNK(st->st_mode)) {
		len = readlinkat(fs->fd[n->top], n->rel, body,
				 sizeof(body) - 1);
		if (len < 0)
			return -errno;
		body[len] = '\0';
		ret = symlinkat(body, fs->fd[0], tmp);
	} else {
		ret = mknodat(fs->fd[0], tmp, st->st_mode, st->st_rdev);
	}
	if (ret)
		return -errno;
	set_owner(fs->fd[0], tmp, st->st_uid, st->st_gid);
	if ((!S_ISLNK(st->st_mode) &&
	     fchmodat(fs->fd[0], tmp, st->st_mode & 07777, 0)) ||
	    utimensat(fs->fd[0], tmp, ts, AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	if (!ret)
		ret = publish(fs, -1, tmp, n->rel);
	if (ret)
		unlinkat(fs->fd[0], tmp, 0);
	return ret;
}

/*
 * Copy N up into the upper, parents first.  A node whose name is already
 * in the upper (copied through another node of the same object) is only
 * updated.
 */
static int copy_up(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);
	char src[PATH_MAX];
	struct stat st;
	int ret;

	if (n->top == 0)
		return 0;
	ret = copy_up(n->parent);
	if (ret)
		return ret;
	if (!exists_at(fs->fd[0], n->rel)) {
		if (fstatat(fs->fd[n->top], n->rel, &st, AT_SYMLINK_NOFOLLOW))
			return -errno;
		ret = host_path(fs, n->top, n->rel, src, sizeof(src));
		if (ret)
			return ret;
		if (S_ISREG(st.st_mode))
			ret = copy_reg(fs, n, src, &st);
		else if (S_ISDIR(st.st_mode))
			ret = copy_dir(fs, n, src, &st);
		else
			ret = copy_other(fs, n, &st);
		if (ret)
			return ret;
	}
	n->top = 0;
	if (S_ISDIR(n->vn.st.st_mode))
		n->mask |= LAYER(0);
	return refresh(n);
}

/* Create the empty file REL in the upper, if missing. */
static int make_marker(struct hostfs *fs, const char *rel)
{
	int fd = openat(fs->fd[0], rel, O_CREAT | O_WRONLY | O_NOFOLLOW |
			O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int make_whiteout(struct hostfs *fs, const char *dirrel,
			 const char *name)
{
	char p[PATH_MAX];
	int ret = join(p, dirrel, WH_PREFIX, name);

	return ret ? ret : make_marker(fs, p);
}

static int make_opaque(struct hostfs *fs, const char *rel)
{
	char p[PATH_MAX];
	int ret = join(p, rel, "", WH_OPAQUE);

	return ret ? ret : make_marker(fs, p);
}

/* A new NAME in upper DIRREL supersedes a whiteout of it. */
static void drop_whiteout(struct hostfs *fs, const char *dirrel,
			  const char *name)
{
	char p[PATH_MAX];

	if (fs->oci && !join(p, dirrel, WH_PREFIX, name))
		unlinkat(fs->fd[0], p, 0);
}

/* Host location of N's visible object into T. */
static int fill_target(struct hnode *n, struct vfs_target *t)
{
	struct hostfs *fs = FS(&n->vn);

	t->attrs = VFS_T_HOST_META;
	if (S_ISDIR(n->vn.st.st_mode))
		t->attrs |= VFS_T_DIR | (fs->oci ? VFS_T_DIR_EMULATE : 0);
	return host_path(fs, n->top, n->rel, t->host, sizeof(t->host));
}

static int hfs_open(struct vnode *vn, int flags, struct vfs_target *t,
		    struct vfs_file **f)
{
	int acc = flags & O_ACCMODE;
	int ret;

	if (S_ISREG(vn->st.st_mode) && !(flags & O_PATH) &&
	    (acc != O_RDONLY || (flags & O_TRUNC))) {
		ret = copy_up(HN(vn));
		if (ret)
			return ret;
	}
	t->flags = flags;
	return fill_target(HN(vn), t);
}

/* The kernel creates the file in the prepared upper directory. */
static int hfs_create(struct vnode *dir, const char *name, int flags,
		      const struct vfs_newattr *a, struct vfs_target *t,
		      struct vfs_file **f)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret;

	if (name && is_wh_name(fs, name))
		return -EINVAL;
	ret = copy_up(HN(dir));
	if (ret)
		return ret;
	if (name)
		ret = join(rel, HN(dir)->rel, "", name);
	else
		strcpy(rel, HN(dir)->rel);
	if (ret)
		return ret;
	t->flags = flags;
	t->attrs = VFS_T_HOST_META;
	return host_path(fs, 0, rel, t->host, sizeof(t->host));
}

static int hfs_resolve(struct vnode *vn, enum vfs_intent in,
		       struct vfs_target *t)
{
	if (in != VFS_LOOKUP) {
		int ret = copy_up(HN(vn));

		if (ret)
			return ret;
	}
	return fill_target(HN(vn), t);
}

/* Owner and mode of a new upper object REL (not a symlink). */
static int set_new_attr(struct hostfs *fs, const char *rel,
			const struct vfs_newattr *a)
{
	set_owner(fs->fd[0], rel, a->uid, a->gid);
	if (fchmodat(fs->fd[0], rel, a->mode & 07777, 0))
		return -errno;
	return 0;
}

/* Common start of the create ops: the upper path of NAME in DIR. */
static int prep_new(struct vnode *dir, const char *name, char *rel)
{
	int ret;

	if (is_wh_name(FS(dir), name))
		return -EINVAL;
	ret = copy_up(HN(dir));
	return ret ? ret : join(rel, HN(dir)->rel, "", name);
}

static int hfs_mkdir(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX], tmp[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	if (!lower_has(fs, HN(dir), name, true)) {
		if (mkdirat(fs->fd[0], rel, 0700))
			return -errno;
		ret = set_new_attr(fs, rel, a);
		goto out;
	}
	/* Over a deleted lower directory: opaque before it is visible. */
	ret = tmp_name(fs, HN(dir)->rel, tmp);
	if (ret)
		return ret;
	if (mkdirat(fs->fd[0], tmp, 0700))
		return -errno;
	ret = make_opaque(fs, tmp);
	if (!ret)
		ret = set_new_attr(fs, tmp, a);
	if (!ret && renameat2(fs->fd[0], tmp, fs->fd[0], rel,
			      RENAME_NOREPLACE))
		ret = -errno;
	if (ret) {
		char opq[PATH_MAX];

		if (!join(opq, tmp, "", WH_OPAQUE))
			unlinkat(fs->fd[0], opq, 0);
		unlinkat(fs->fd[0], tmp, AT_REMOVEDIR);
		return ret;
	}
out:
	if (!ret)
		drop_whiteout(fs, HN(dir)->rel, name);
	return ret;
}

static int hfs_mknod(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	if (mknodat(fs->fd[0], rel, (a->mode & S_IFMT) | 0600, a->rdev))
		return -errno;
	ret = set_new_attr(fs, rel, a);
	if (!ret)
		drop_whiteout(fs, HN(dir)->rel, name);
	return ret;
}

static int hfs_symlink(struct vnode *dir, const char *name,
		       const char *target, const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	if (symlinkat(target, fs->fd[0], rel))
		return -errno;
	set_owner(fs->fd[0], rel, a->uid, a->gid);
	drop_whiteout(fs, HN(dir)->rel, name);
	return 0;
}

static int hfs_link(struct vnode *vn, struct vnode *dir, const char *name)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (!ret)
		ret = copy_up(HN(vn));
	if (ret)
		return ret;
	if (linkat(fs->fd[0], HN(vn)->rel, fs->fd[0], rel, 0))
		return -errno;
	drop_whiteout(fs, HN(dir)->rel, name);
	return 0;
}

static int hfs_unlink(struct vnode *dir, const char *name, struct vnode *vn)
{
	struct hostfs *fs = FS(dir);
	int ret;

	if (lower_has(fs, HN(dir), name, false)) {
		ret = copy_up(HN(dir));
		if (!ret)
			ret = make_whiteout(fs, HN(dir)->rel, name);
		if (ret)
			return ret;
	}
	if (HN(vn)->top == 0 && unlinkat(fs->fd[0], HN(vn)->rel, 0))
		return -errno;
	return 0;
}

/* Remove directory FD/NAME holding only whiteouts and temporaries. */
static int purge(int fd, const char *name)
{
	int dfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			 O_CLOEXEC);
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return -errno;
	}
	while (!ret && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0)
			continue;
		if (errno == EISDIR)
			ret = purge(dfd, de->d_name);
		else
			ret = -errno;
	}
	closedir(d);
	if (!ret && unlinkat(fd, name, AT_REMOVEDIR))
		ret = -errno;
	return ret;
}

/*
 * Remove upper directory N, which looks empty in the view but may hold
 * whiteouts: moved to a hidden name first, so that the lower entries it
 * hides never show.
 */
static int remove_upper_dir(struct hostfs *fs, struct hnode *n)
{
	char tmp[PATH_MAX];
	int ret;

	if (!unlinkat(fs->fd[0], n->rel, AT_REMOVEDIR))
		return 0;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return -errno;
	if (!fs->oci)
		return -ENOTEMPTY;
	ret = tmp_name(fs, n->parent->rel, tmp);
	if (ret)
		return ret;
	if (renameat2(fs->fd[0], n->rel, fs->fd[0], tmp, RENAME_NOREPLACE))
		return -errno;
	return purge(fs->fd[0], tmp);
}

static int hfs_readdir(struct vnode *vn, struct vfs_dirbuf *b);

static int looks_empty(struct hnode *n)
{
	struct vfs_dirbuf *b = vfs_dirbuf_new();
	int ret;

	if (!b)
		return -ENOMEM;
	ret = hfs_readdir(&n->vn, b);
	if (!ret)
		ret = vfs_dirbuf_count(b) ? -ENOTEMPTY : 0;
	vfs_dirbuf_free(b);
	return ret;
}

static int hfs_rmdir(struct vnode *dir, const char *name, struct vnode *vn)
{
	struct hostfs *fs = FS(dir);
	int ret = fs->oci ? looks_empty(HN(vn)) : 0;

	if (ret)
		return ret;
	if (lower_has(fs, HN(dir), name, false)) {
		ret = copy_up(HN(dir));
		if (!ret)
			ret = make_whiteout(fs, HN(dir)->rel, name);
		if (ret)
			return ret;
	}
	if (HN(vn)->top == 0)
		return remove_upper_dir(fs, HN(vn));
	return 0;
}

/* Does directory N have a part in a lower layer? */
static bool in_lower(const struct hnode *n)
{
	return n->top != 0 || (n->mask & ~LAYER(0));
}

/*
 * Replace upper directory DST (empty in the view, maybe holding
 * whiteouts) by upper SRC: exchange them, then purge the old DST from
 * SRC's name.  The view never shows what DST's whiteouts hide.
 */
static int replace_dir(struct hostfs *fs, struct hnode *src,
		       struct hnode *dst, const char *nrel)
{
	char tmp[PATH_MAX];
	int ret;

	if (!renameat2(fs->fd[0], src->rel, fs->fd[0], nrel, 0))
		return 0;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return -errno;
	if (renameat2(fs->fd[0], src->rel, fs->fd[0], nrel, RENAME_EXCHANGE))
		return -errno;
	ret = tmp_name(fs, src->parent->rel, tmp);
	if (!ret && renameat2(fs->fd[0], src->rel, fs->fd[0], tmp,
			      RENAME_NOREPLACE))
		ret = -errno;
	return ret ? ret : purge(fs->fd[0], tmp);
}

static int rename_exchange(struct hostfs *fs, struct hnode *od,
			   const char *oname, struct hnode *o,
			   struct hnode *nd, const char *nname,
			   struct hnode *n, const char *nrel)
{
	int ret;

	if (S_ISDIR(n->vn.st.st_mode) && in_lower(n))
		return -EXDEV;
	ret = copy_up(n);
	if (ret)
		return ret;
	/* A directory moving over a lower directory must not merge. */
	if (S_ISDIR(o->vn.st.st_mode) && lower_has(fs, nd, nname, true))
		ret = make_opaque(fs, o->rel);
	if (!ret && S_ISDIR(n->vn.st.st_mode) &&
	    lower_has(fs, od, oname, true))
		ret = make_opaque(fs, n->rel);
	if (!ret && renameat2(fs->fd[0], o->rel, fs->fd[0], nrel,
			      RENAME_EXCHANGE))
		ret = -errno;
	return ret;
}

static int hfs_rename(struct vnode *odir, const char *oname,
		      struct vnode *ovn, struct vnode *ndir,
		      const char *nname, struct vnode *nvn,
		      unsigned int flags)
{
	struct hostfs *fs = FS(odir);
	struct hnode *o = HN(ovn), *n = nvn ? HN(nvn) : NULL;
	bool isdir = S_ISDIR(ovn->st.st_mode);
	char nrel[PATH_MAX];
	int ret;

	ret = join(nrel, HN(ndir)->rel, "", nname);
	if (ret)
		return ret;
	if (!fs->oci)
		return renameat2(fs->fd[0], o->rel, fs->fd[0], nrel, flags) ?
		       -errno : 0;
	if (is_wh_name(fs, nname))
		return -EINVAL;
	if (isdir && in_lower(o))
		return -EXDEV;
	if (n && S_ISDIR(nvn->st.st_mode) && !(flags & RENAME_EXCHANGE) &&
	    (ret = looks_empty(n)))
		return ret;
	ret = copy_up(o);
	if (!ret)
		ret = copy_up(HN(ndir));
	if (ret)
		return ret;
	if (flags & RENAME_EXCHANGE)
		return rename_exchange(fs, HN(odir), oname, o, HN(ndir), nname,
				       n, nrel);
	if (isdir && lower_has(fs, HN(ndir), nname, true))
		ret = make_opaque(fs, o->rel);
	if (!ret && lower_has(fs, HN(odir), oname, false))
		ret = make_whiteout(fs, HN(odir)->rel, oname);
	if (ret)
		return ret;
	if (isdir && n && n->top == 0)
		ret = replace_dir(fs, o, n, nrel);
	else if (renameat2(fs->fd[0], o->rel, fs->fd[0], nrel,
			   flags & RENAME_NOREPLACE))
		ret = -errno;
	if (!ret)
		drop_whiteout(fs, HN(ndir)->rel, nname);
	return ret;
}

static int hfs_chmod(struct vnode *vn, mode_t mode)
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && fchmodat(FS(vn)->fd[0], at(n->rel), mode, 0))
		ret = -errno;
	return ret ? ret : refresh(n);
}

static int hfs_chown(struct vnode *vn, uid_t uid, gid_t gid)
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && fchownat(FS(vn)->fd[0], at(n->rel), uid, gid,
			     AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return ret ? ret : refresh(n);
}

static int hfs_utimens(struct vnode *vn, const struct timespec ts[2])
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && utimensat(FS(vn)->fd[0], at(n->rel), ts,
			      AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return ret ? ret : refresh(n);
}

static int hfs_truncate(struct vnode *vn, off_t length)
{
	struct hnode *n = HN(vn);
	int fd, ret = copy_up(n);

	if (ret)
		return ret;
	fd = openat(FS(vn)->fd[0], n->rel, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = ftruncate(fd, length) ? -errno : 0;
	close(fd);
	return ret ? ret : refresh(n);
}

static unsigned char entry_type(int dfd, const struct dirent *de)
{
	struct stat st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type;
	if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
		return DT_UNKNOWN;
	return IFTODT(st.st_mode);
}

/*
 * Entries of layer L's part of directory N, minus those in HIDDEN; the
 * layer's whiteouts go to WH.
 */
static int read_layer(struct hostfs *fs, struct hnode *n, int l,
		      struct vfs_dirbuf *b, struct vfs_nameset *hidden,
		      struct vfs_nameset *wh)
{
	int dfd = openat(fs->fd[l], at(n->rel), O_RDONLY | O_DIRECTORY |
			 O_NOFOLLOW | O_CLOEXEC);
	struct dirent *de;
	int ret = 0;
	DIR *d;

	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return -errno;
	}
	while (!ret && (de = readdir(d))) {
		const char *name = de->d_name;

		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		if (is_wh_name(fs, name)) {
			if (strncmp(name, WH_META, strlen(WH_META)))
				ret = vfs_nameset_add(wh, name + 4);
			continue;
		}
		if (vfs_nameset_has(hidden, name) || vfs_dirbuf_has(b, name))
			continue;
		ret = vfs_dirbuf_add(b, name, de->d_ino, entry_type(dfd, de));
	}
	closedir(d);
	return ret;
}

static int hfs_readdir(struct vnode *vn, struct vfs_dirbuf *b)
{
	struct hostfs *fs = FS(vn);
	struct hnode *n = HN(vn);
	struct vfs_nameset *hidden = vfs_nameset_new();
	int ret = hidden ? 0 : -ENOMEM;

	for (int l = 0; l < fs->nlayers && !ret; l++) {
		struct vfs_nameset *wh;

		if (!(n->mask & LAYER(l)))
			continue;
		/* A layer's whiteouts apply to the layers below it only. */
		wh = vfs_nameset_new();
		ret = wh ? read_layer(fs, n, l, b, hidden, wh) : -ENOMEM;
		if (!ret)
			ret = vfs_nameset_merge(hidden, wh);
		vfs_nameset_free(wh);
	}
	vfs_nameset_free(hidden);
	return ret;
}

static ssize_t hfs_getxattr(struct vnode *vn, const char *name, void *value,
			    size_t size)
{
	char p[PATH_MAX];
	int ret = host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));
	ssize_t n;

	if (ret)
		return ret;
	n = lgetxattr(p, name, value, size);
	return n < 0 ? -errno : n;
}

static int hfs_setxattr(struct vnode *vn, const char *name,
			const void *value, size_t size, int flags)
{
	char p[PATH_MAX];
	int ret = copy_up(HN(vn));

	if (!ret)
		ret = host_path(FS(vn), 0, HN(vn)->rel, p, sizeof(p));
	if (!ret && lsetxattr(p, name, value, size, flags))
		ret = -errno;
	return ret;
}

static ssize_t hfs_listxattr(struct vnode *vn, char *list, size_t size)
{
	char p[PATH_MAX];
	int ret = host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));
	ssize_t n;

	if (ret)
		return ret;
	n = llistxattr(p, list, size);
	return n < 0 ? -errno : n;
}

static int hfs_removexattr(struct vnode *vn, const char *name)
{
	char p[PATH_MAX];
	int ret = copy_up(HN(vn));

	if (!ret)
		ret = host_path(FS(vn), 0, HN(vn)->rel, p, sizeof(p));
	if (!ret && lremovexattr(p, name))
		ret = -errno;
	return ret;
}

static int hfs_statfs(struct vnode *vn, struct statfs *sfs)
{
	char p[PATH_MAX];
	int ret = host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));

	if (!ret && statfs(p, sfs))
		ret = -errno;
	return ret;
}

static const struct vfs_backend_ops hostfs_ops = {
	.name = "hostfs",
	.destroy = hfs_destroy,
	.root = hfs_root,
	.lookup = hfs_lookup,
	.release = hfs_release,
	.getattr = hfs_getattr,
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
};

/* Open layer I of FS at host directory DIR (canonicalised). */
static int open_layer(struct hostfs *fs, int i, const char *dir)
{
	fs->path[i] = realpath(dir, NULL);
	if (!fs->path[i])
		return -errno;
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
	for (int i = 0; i < VFS_MAXLAYERS; i++)
		fs->fd[i] = -1;
	for (size_t i = 0; i <= nlowers && !ret; i++) {
		fs->nlayers = i + 1;
		ret = open_layer(fs, i, i ? lowers[i - 1] : upper);
	}
	if (ret) {
		hfs_destroy(fs);
		return ret;
	}
	return vfs_add_mount(v, where, &hostfs_ops, fs, flags);
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
