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
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "vfs_impl.h"

#define WH_PREFIX	".wh."
#define WH_OPAQUE	".wh..wh..opq"
#define WH_META		".wh..wh."	/* reserved: opaque, temporaries */
#define LAYER(i)	((uint64_t)1 << (i))

/* Extended attributes of the library's own, never shown in the view. */
#define XA_PREFIX	"user.vfstrace."
#define XA_ORIGIN	XA_PREFIX "origin"	/* "MAJ:MIN:INO" of the lower */
#define XA_ORIGINS	XA_PREFIX "origins"	/* on a directory: entries
						   may carry XA_ORIGIN */

/* Most entries (positive and negative) cached per mount. */
#define CACHE_MAX	65536

/* fs->vol flags: what the kernel may change behind the library. */
#define VOL_META	0x1	/* the object's attributes (chmod...) */
#define VOL_DIR		0x2	/* a directory's entries (O_CREAT) */

struct hostfs {
	bool oci;
	bool live;		/* every cached entry is revalidated */
	int nlayers;
	int fd[VFS_MAXLAYERS];
	char *path[VFS_MAXLAYERS];
	char *rootrel;		/* "" or, binding a file, its name in path[0] */
	unsigned long seq;
	struct vfs_mount *m;
	int xattr;		/* origins in user xattrs of the upper: 0 not
				   known yet, 1 yes, -1 no (not wanted or
				   not supported) */
	unsigned long long gen;	/* v->gen the cache is valid for */
	size_t ncached;
	struct vfs_inomap vol;	/* upper inode -> VOL_* */
};

struct hkids;

struct hnode {
	struct vnode vn;
	struct hnode *parent;	/* referenced, NULL for the root */
	char *rel;		/* "" for the root */
	int top;
	uint64_t mask;
	bool incache;		/* the root, or in its parent's kids */
	signed char origins;	/* entries may carry XA_ORIGIN: 0 ?, 1, -1 */
	struct hkids *kids;	/* cached lookups, directories only */
};

#define HN(vn) ((struct hnode *)(vn))

static struct hostfs *FS(const struct vnode *vn)
{
	return vn->mnt->priv;
}

static struct vfs *V(const struct hostfs *fs)
{
	return fs->m->v;
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

/*
 * The lowest layer has nothing below it to white out: its ".wh." names
 * are ordinary names, visible in the view but never changed (a copy in
 * the upper would be a whiteout).
 */
static int lowest(const struct hostfs *fs)
{
	return fs->nlayers - 1;
}

/* The last component of REL. */
static const char *last_of(const char *rel)
{
	const char *p = strrchr(rel, '/');

	return p ? p + 1 : rel;
}

static bool is_own_xattr(const struct hostfs *fs, const char *name)
{
	return fs->oci && !strncmp(name, XA_PREFIX, strlen(XA_PREFIX));
}

/* fstatat(), counted (struct vfs_stats). */
static int hstat(const struct hostfs *fs, int fd, const char *rel,
		 struct stat *st)
{
	V(fs)->stats.host_stats++;
	return fstatat(fd, rel, st, AT_SYMLINK_NOFOLLOW);
}

static bool exists_at(const struct hostfs *fs, int fd, const char *rel)
{
	struct stat st;

	return hstat(fs, fd, rel, &st) == 0;
}

/* Does layer L hide NAME of directory DIRREL from the layers below? */
static bool whiteout_at(const struct hostfs *fs, int l, const char *dirrel,
			const char *name)
{
	char p[PATH_MAX];

	return fs->oci && !join(p, dirrel, WH_PREFIX, name) &&
	       exists_at(fs, fs->fd[l], p);
}

static bool opaque_at(const struct hostfs *fs, int l, const char *rel)
{
	char p[PATH_MAX];

	return fs->oci && !join(p, rel, "", WH_OPAQUE) &&
	       exists_at(fs, fs->fd[l], p);
}

/* Result of probing a name through the layers. */
struct probe {
	int top;		/* -1: not found */
	struct stat st;
	uint64_t mask;
};

/*
 * Find NAME in directory DIR, looking at the layers of LAYERS in DIR's
 * mask.  A non-directory stops the search; directories merge until an
 * opaque marker or a whiteout.  0 or -ENOENT (P->top -1), or another
 * -errno.
 */
static int probe(const struct hostfs *fs, const struct hnode *dir,
		 const char *name, uint64_t layers, struct probe *p)
{
	char rel[PATH_MAX];
	struct stat st;
	int ret = join(rel, dir->rel, "", name);

	p->top = -1;
	p->mask = 0;
	if (ret)
		return ret;
	for (int i = 0; i < fs->nlayers; i++) {
		if (!(dir->mask & layers & LAYER(i)))
			continue;
		if (hstat(fs, fs->fd[i], rel, &st)) {
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

/*
 * The layers a name of DIR may come from: a masked name only from the
 * upper of an overlay (none in a bind).
 */
static uint64_t name_layers(const struct hostfs *fs, const struct hnode *dir,
			    const char *name)
{
	if (!vfs_is_masked(fs->m, dir->rel, name))
		return ~(uint64_t)0;
	return fs->oci ? LAYER(0) : 0;
}

/*
 * Is there an object named NAME in DIR below the upper, visible but for
 * what the upper holds?  A masked name has none: its lowers are hidden.
 */
static bool lower_has(const struct hostfs *fs, const struct hnode *dir,
		      const char *name, bool dir_only)
{
	struct probe p;

	if (!fs->oci || !(name_layers(fs, dir, name) & LAYER(1)) ||
	    probe(fs, dir, name, ~LAYER(0), &p))
		return false;
	return !dir_only || S_ISDIR(p.st.st_mode);
}

/*
 * Must a directory made as NAME in DIR be opaque: does it cover a lower
 * directory or a masked name (as over a whiteout)?
 */
static bool covers_lower_dir(const struct hostfs *fs, const struct hnode *dir,
			     const char *name)
{
	return fs->oci && (vfs_is_masked(fs->m, dir->rel, name) ||
			   lower_has(fs, dir, name, true));
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

/*
 * == Lookup cache ==
 *
 * Each cached directory node holds its looked-up names (KIDS): a node
 * (one reference) or a negative entry.  A node is in the cache while it
 * is in its parent's kids, so a subtree is dropped with its top.  What
 * the cache trusts, and how it is kept right:
 *
 *   - Changes made through this mount forget the names they change
 *     (forget()) and update the nodes they act on in place.  Changes
 *     made through another mount bump the context's generation, which
 *     empties this cache on its next lookup (a bind may alias a layer).
 *   - The lowers are read-only and the upper private to the view: not
 *     revalidated.  Changes made there by other processes are not seen
 *     while cached (vfs_cache_flush()).
 *   - What the kernel changes through host paths the library handed out
 *     is revalidated with one fstatat(): the attributes of an upper
 *     object resolved for VFS_WRITE or VFS_OWNER (VOL_META), the
 *     negative entries of an upper directory in which the kernel may
 *     create (open O_CREAT, VOL_DIR) by that directory's ctime.  A
 *     ctime less than two seconds old is not trusted (timestamp
 *     granularity: a second change in the same tick keeps it).
 *   - A bind's directory is the host's own, shared with the world: every
 *     cached entry of a bind is revalidated (LIVE).
 */
struct hent {
	char *name;		/* owned; NULL: free slot */
	struct hnode *node;	/* referenced; NULL: negative */
};

struct hkids {
	struct hent *slot;
	size_t cap, n;		/* cap: a power of two */
	struct timespec uctime;	/* ctime of the upper part at the last
				   check of the negative entries */
	bool utrusted;		/* UCTIME old enough to compare */
	bool ustamped;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

static struct hent *kids_slot(const struct hkids *k, const char *name)
{
	size_t i = name_hash(name) & (k->cap - 1);

	while (k->slot[i].name && strcmp(k->slot[i].name, name))
		i = (i + 1) & (k->cap - 1);
	return &k->slot[i];
}

static struct hent *kids_find(const struct hnode *d, const char *name)
{
	struct hent *e;

	if (!d->kids || !d->kids->n)
		return NULL;
	e = kids_slot(d->kids, name);
	return e->name ? e : NULL;
}

static void kids_clear(struct hostfs *fs, struct hnode *d);

/* Drop the cache's hold on entry E (a node's whole subtree). */
static void hent_drop(struct hostfs *fs, struct hent *e)
{
	struct hnode *n = e->node;

	free(e->name);
	e->name = NULL;
	e->node = NULL;
	fs->ncached--;
	if (n) {
		n->incache = false;
		kids_clear(fs, n);
		vn_put(&n->vn);
	}
}

static void kids_clear(struct hostfs *fs, struct hnode *d)
{
	struct hkids *k = d->kids;

	if (!k)
		return;
	d->kids = NULL;
	for (size_t i = 0; i < k->cap; i++)
		if (k->slot[i].name)
			hent_drop(fs, &k->slot[i]);
	free(k->slot);
	free(k);
}

/* Remove entry E of D, moving back the entries that follow it. */
static void kids_del(struct hostfs *fs, struct hnode *d, struct hent *e)
{
	struct hkids *k = d->kids;
	size_t i = e - k->slot, j;

	hent_drop(fs, e);
	k->n--;
	for (j = (i + 1) & (k->cap - 1); k->slot[j].name;
	     j = (j + 1) & (k->cap - 1)) {
		size_t home = name_hash(k->slot[j].name) & (k->cap - 1);

		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		k->slot[i] = k->slot[j];
		k->slot[j].name = NULL;
		k->slot[j].node = NULL;
		i = j;
	}
}

/* Keep only D's positive entries (its negatives may be stale). */
static void kids_drop_negatives(struct hostfs *fs, struct hnode *d)
{
	struct hkids *k = d->kids;
	struct hent *old;

	if (!k || !k->n)
		return;
	old = k->slot;
	k->slot = calloc(k->cap, sizeof(*k->slot));
	if (!k->slot) {
		k->slot = old;
		kids_clear(fs, d);
		return;
	}
	k->n = 0;
	for (size_t i = 0; i < k->cap; i++) {
		if (!old[i].name)
			continue;
		if (!old[i].node) {
			free(old[i].name);
			fs->ncached--;
			continue;
		}
		*kids_slot(k, old[i].name) = old[i];
		k->n++;
	}
	free(old);
}

static void hfs_flush(struct vfs_mount *m)
{
	struct hostfs *fs = m->priv;

	if (m->root)
		kids_clear(fs, HN(m->root));
	fs->gen = m->v->gen;
}

static int kids_grow(struct hkids *k)
{
	struct hkids big = { .cap = k->cap ? k->cap * 2 : 8 };

	big.slot = calloc(big.cap, sizeof(*big.slot));
	if (!big.slot)
		return -ENOMEM;
	for (size_t i = 0; i < k->cap; i++)
		if (k->slot[i].name)
			*kids_slot(&big, k->slot[i].name) = k->slot[i];
	free(k->slot);
	k->slot = big.slot;
	k->cap = big.cap;
	return 0;
}

/*
 * Cache NAME of D as N (a new reference is taken) or, N NULL, as
 * missing.  Best effort: nothing is cached on failure.
 */
static void cache_put(struct hostfs *fs, struct hnode *d, const char *name,
		      struct hnode *n)
{
	struct hent *e;
	char *copy;

	if (!d->incache || !S_ISDIR(d->vn.st.st_mode))
		return;
	if (fs->ncached >= CACHE_MAX) {
		hfs_flush(fs->m);
		if (!d->incache)
			return;
	}
	e = kids_find(d, name);
	if (e)
		kids_del(fs, d, e);
	if (!d->kids && !(d->kids = calloc(1, sizeof(*d->kids))))
		return;
	if ((d->kids->n + 1) * 2 > d->kids->cap && kids_grow(d->kids))
		return;
	copy = strdup(name);
	if (!copy)
		return;
	e = kids_slot(d->kids, name);
	e->name = copy;
	e->node = n ? HN(vn_get(&n->vn)) : NULL;
	if (n)
		n->incache = true;
	d->kids->n++;
	fs->ncached++;
}

/* The cached node of REL ("" the root), or NULL. */
static struct hnode *cache_find(struct hostfs *fs, const char *rel)
{
	struct hnode *d = HN(fs->m->root);
	char name[NAME_MAX + 1];

	while (*rel && d) {
		const char *e = strchrnul(rel, '/');
		struct hent *h;

		if ((size_t)(e - rel) > NAME_MAX)
			return NULL;
		memcpy(name, rel, e - rel);
		name[e - rel] = '\0';
		h = kids_find(d, name);
		d = h ? h->node : NULL;
		rel = *e ? e + 1 : e;
	}
	return d;
}

/* Forget the cached entry of REL and everything below it. */
static void forget(struct hostfs *fs, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char dir[PATH_MAX];
	struct hnode *d;
	struct hent *e;

	if (!*rel) {
		hfs_flush(fs->m);
		return;
	}
	if (slash) {
		memcpy(dir, rel, slash - rel);
		dir[slash - rel] = '\0';
	} else {
		dir[0] = '\0';
	}
	d = cache_find(fs, dir);
	e = d ? kids_find(d, slash ? slash + 1 : rel) : NULL;
	if (e)
		kids_del(fs, d, e);
}

/* Forget NAME of directory D. */
static void forget_name(struct hostfs *fs, const struct hnode *d,
			const char *name)
{
	char rel[PATH_MAX];

	if (!join(rel, d->rel, "", name))
		forget(fs, rel);
}

/*
 * N was changed in place: if the cache holds another node for its name
 * (N is no longer the cached one), that one is stale.
 */
static void sync_node(struct hostfs *fs, struct hnode *n)
{
	struct hnode *c = cache_find(fs, n->rel);

	if (c && c != n)
		forget(fs, n->rel);
}

/* This mount changed the host: the other mounts' caches are stale. */
static void changed(struct hostfs *fs)
{
	struct vfs *v = V(fs);
	bool mine = fs->gen == v->gen;

	v->gen++;
	if (mine)
		fs->gen = v->gen;
}

static void sync_gen(struct hostfs *fs)
{
	if (fs->gen != V(fs)->gen)
		hfs_flush(fs->m);
}

static unsigned int vol_flags(const struct hostfs *fs, const struct hnode *n)
{
	dev_t f;

	if (fs->live)
		return VOL_META | VOL_DIR;
	if (n->top != 0 ||
	    !vfs_inomap_get(&fs->vol, n->vn.st.st_dev, n->vn.st.st_ino, &f,
			    NULL))
		return 0;
	return f;
}

/* The kernel may change N (VOL_META) or create in it (VOL_DIR). */
static void set_volatile(struct hostfs *fs, struct hnode *n,
			 unsigned int flags)
{
	unsigned int f = vol_flags(fs, n);

	if (fs->live || n->top != 0 || (f & flags) == flags)
		return;
	vfs_inomap_set(&fs->vol, n->vn.st.st_dev, n->vn.st.st_ino, f | flags,
		       0);
}

/*
 * Is cached node N still what its name holds?  Its attributes are read
 * again when the kernel may have changed them.
 */
static bool node_valid(struct hostfs *fs, struct hnode *n)
{
	struct stat st;

	if (!(vol_flags(fs, n) & VOL_META))
		return true;
	if (hstat(fs, fs->fd[n->top], at(n->rel), &st) ||
	    st.st_dev != n->vn.st.st_dev || st.st_ino != n->vn.st.st_ino ||
	    (st.st_mode & S_IFMT) != (n->vn.st.st_mode & S_IFMT))
		return false;
	n->vn.st = st;
	return true;
}

static bool ts_eq(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/*
 * Check the upper part of directory D, in which the kernel may create
 * names, against the ctime its negative entries were cached with (they
 * are dropped when it changed).  Returns whether they can be trusted.
 */
static bool stamp(struct hostfs *fs, struct hnode *d)
{
	struct hkids *k = d->kids;
	struct timespec now;
	struct stat st;

	if (!k && !(k = d->kids = calloc(1, sizeof(*d->kids))))
		return false;
	if (hstat(fs, fs->fd[0], at(d->rel), &st)) {
		kids_drop_negatives(fs, d);
		return false;
	}
	if (k->ustamped && k->utrusted && ts_eq(&st.st_ctim, &k->uctime))
		return true;
	kids_drop_negatives(fs, d);
	k = d->kids;
	if (!k)
		return false;
	clock_gettime(CLOCK_REALTIME_COARSE, &now);
	k->uctime = st.st_ctim;
	k->ustamped = true;
	k->utrusted = now.tv_sec - st.st_ctim.tv_sec >= 2;
	return false;
}

/*
 * == Origins ==
 *
 * A copy-up records upper inode -> lower inode in the context, and
 * writes "MAJ:MIN:INO" of the lower into XA_ORIGIN of the new upper
 * object (regular files and directories: user xattrs exist on no other
 * type) when the upper's filesystem takes user xattrs; its directory is
 * then marked with XA_ORIGINS, so that a later run reads XA_ORIGIN only
 * in marked directories, at lookup and listing.
 */

/* Does the upper directory part of D hold entries with XA_ORIGIN? */
static bool dir_has_origins(struct hostfs *fs, struct hnode *d)
{
	char p[PATH_MAX];
	ssize_t n;

	if (!fs->oci || d->top != 0 || fs->xattr < 0)
		return false;
	if (d->origins)
		return d->origins > 0;
	if (host_path(fs, 0, d->rel, p, sizeof(p)))
		return false;
	V(fs)->stats.host_xattrs++;
	n = lgetxattr(p, XA_ORIGINS, NULL, 0);
	if (n < 0 && (errno == ENOTSUP || errno == EOPNOTSUPP))
		fs->xattr = -1;
	d->origins = n >= 0 ? 1 : -1;
	return n >= 0;
}

/* Mark upper directory D as holding entries with XA_ORIGIN. */
static void mark_dir_origins(struct hostfs *fs, struct hnode *d)
{
	char p[PATH_MAX];

	if (!fs->oci || d->top != 0 || fs->xattr < 0 || d->origins > 0 ||
	    host_path(fs, 0, d->rel, p, sizeof(p)))
		return;
	if (!lsetxattr(p, XA_ORIGINS, "1", 1, 0))
		d->origins = 1;
}

/* Read XA_ORIGIN of host object P (upper inode DEV:INO) into the table. */
static void load_origin_at(struct hostfs *fs, const char *p, dev_t dev,
			   ino_t ino)
{
	unsigned int maj, min;
	unsigned long long oino;
	char buf[64];
	ssize_t n;

	if (vfs_origin_get(V(fs), dev, ino, NULL, NULL))
		return;
	V(fs)->stats.host_xattrs++;
	n = lgetxattr(p, XA_ORIGIN, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%u:%u:%llu", &maj, &min, &oino) == 3)
		vfs_inomap_set(&V(fs)->origins, dev, ino, makedev(maj, min),
			       oino);
}

/* A looked-up upper object N of D: its persisted origin, if any. */
static void load_origin(struct hostfs *fs, struct hnode *d, struct hnode *n)
{
	char p[PATH_MAX];
	mode_t mode = n->vn.st.st_mode;

	if (n->top != 0 || !(S_ISREG(mode) || S_ISDIR(mode)) ||
	    vfs_origin_get(V(fs), n->vn.st.st_dev, n->vn.st.st_ino, NULL,
			   NULL) ||
	    !dir_has_origins(fs, d) || host_path(fs, 0, n->rel, p, sizeof(p)))
		return;
	load_origin_at(fs, p, n->vn.st.st_dev, n->vn.st.st_ino);
}

/* Write the origin LOWER into XA_ORIGIN of new upper object FD. */
static void put_origin(struct hostfs *fs, int fd, const struct stat *lower)
{
	char buf[64];
	int n;

	if (fs->xattr < 0)
		return;
	n = snprintf(buf, sizeof(buf), "%u:%u:%llu", major(lower->st_dev),
		     minor(lower->st_dev), (unsigned long long)lower->st_ino);
	if (!fsetxattr(fd, XA_ORIGIN, buf, n, 0))
		fs->xattr = 1;
	else if (errno == ENOTSUP || errno == EOPNOTSUPP)
		fs->xattr = -1;
}

/* Upper object N moved or linked into D: D may have to be marked. */
static void moved_into(struct hostfs *fs, struct hnode *n, struct hnode *d)
{
	if (n->top == 0 && vfs_origin_get(V(fs), n->vn.st.st_dev,
					  n->vn.st.st_ino, NULL, NULL))
		mark_dir_origins(fs, d);
}

/*
 * Is the name of upper object N about to be removed its last one?  Its
 * origin (and what the cache knows of the inode) goes with it.
 */
static bool last_name(const struct hostfs *fs, const struct hnode *n)
{
	struct stat st;

	if (n->top != 0)
		return false;
	if (S_ISDIR(n->vn.st.st_mode))
		return true;
	return !hstat(fs, fs->fd[0], n->rel, &st) && st.st_nlink <= 1;
}

static void forget_inode(struct hostfs *fs, const struct hnode *n)
{
	vfs_inomap_del(&V(fs)->origins, n->vn.st.st_dev, n->vn.st.st_ino);
	vfs_inomap_del(&fs->vol, n->vn.st.st_dev, n->vn.st.st_ino);
}

static void hfs_release(struct vnode *vn)
{
	struct hnode *n = HN(vn);

	kids_clear(FS(vn), n);
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
	if (hstat(fs, fs->fd[0], at(fs->rootrel), &p.st))
		return -errno;
	for (int i = 0; i < fs->nlayers; i++) {
		p.mask |= LAYER(i);
		if (opaque_at(fs, i, ""))
			break;
	}
	ret = hnode_new(m, NULL, fs->rootrel, &p, out);
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
	ret = probe(fs, d, name, layers, &p);
	if (!ret)
		ret = join(rel, d->rel, "", name);
	if (!ret)
		ret = hnode_new(d->vn.mnt, d, rel, &p, out);
	if (!ret && fs->oci)
		load_origin(fs, d, HN(*out));
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
	sync_gen(fs);
	creatable = d->top == 0 && (vol_flags(fs, d) & VOL_DIR);
	e = kids_find(d, name);
	if (e && e->node && !node_valid(fs, e->node)) {
		kids_del(fs, d, e);
		e = NULL;
	}
	if (e && !e->node && creatable) {
		stamped = true;
		if (!stamp(fs, d))
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
		stamp(fs, d);	/* before the probe: a creation after it
				   changes the ctime */
	ret = lookup_layers(fs, d, name, masked, out);
	if (!ret || ret == -ENOENT)
		cache_put(fs, d, name, ret ? NULL : HN(*out));
	return ret;
}

/*
 * VFS_PEEK: a directory present in one layer only, and not the upper of
 * an overlay (whose entries may be whiteouts or carry origins), holds
 * NAME (if anything) in that layer, as probe() would find it.
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
	if (join(rel, d->rel, "", name) ||
	    host_path(fs, layer, rel, host, PATH_MAX))
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

/* Re-read N's attributes from its top layer. */
static int refresh(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);

	if (hstat(fs, fs->fd[n->top], at(n->rel), &n->vn.st))
		return -errno;
	return 0;
}

/* Attributes as the view shows them: a copy-up keeps its origin's ino. */
static int hfs_getattr(struct vnode *vn, struct stat *st)
{
	int ret = refresh(HN(vn));

	if (ret)
		return ret;
	*st = vn->st;
	if (FS(vn)->oci)
		vfs_origin_apply(vn->mnt->v, st);
	return 0;
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
 * The library's own (XA_PREFIX) are not copied: a lower may be an old
 * upper.
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
		ssize_t vlen;
		char *nv;

		if (!strncmp(name, XA_PREFIX, strlen(XA_PREFIX)))
			continue;
		vlen = lgetxattr(src, name, NULL, 0);
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

/*
 * Owner, xattrs, origin, mode and times of ST onto open fd DST (in that
 * order: user xattrs need write permission).
 */
static int copy_meta_fd(struct hostfs *fs, const char *src, int dst,
			const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	int ret;

	set_owner(dst, NULL, st->st_uid, st->st_gid);
	ret = copy_xattrs(src, dst);
	if (ret)
		return ret;
	put_origin(fs, dst, st);
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
		ret = copy_meta_fd(fs, src, out, st);
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
		ret = copy_meta_fd(fs, src, fd, st);
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
 * Copy N up into the upper, parents first, recording its origin.  A node
 * whose name is already in the upper (copied through another node of the
 * same object) is only updated.  N is updated in place; a cached node of
 * the same name that is not N is forgotten.
 */
static int copy_up(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);
	char src[PATH_MAX];
	struct stat st;
	bool copied = false;
	int ret;

	if (n->top == 0)
		return 0;
	if (is_wh_name(fs, last_of(n->rel)))
		return -EINVAL;	/* a lowest-layer ".wh." name */
	ret = copy_up(n->parent);
	if (ret)
		return ret;
	changed(fs);
	if (!exists_at(fs, fs->fd[0], n->rel)) {
		struct stat pst;
		/*
		 * A copy-up is not a change of its parent directory: put back
		 * the parent's times afterwards, as the kernel's overlayfs
		 * does (ovl_set_timestamps on the upper parent).
		 */
		bool keep = !fstatat(fs->fd[0], at(n->parent->rel), &pst, 0);

		if (hstat(fs, fs->fd[n->top], n->rel, &st))
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
		copied = true;
		if (keep) {
			struct timespec ts[2] = { pst.st_atim, pst.st_mtim };

			utimensat(fs->fd[0], at(n->parent->rel), ts, 0);
		}
	}
	n->top = 0;
	n->origins = 0;
	if (S_ISDIR(n->vn.st.st_mode)) {
		n->mask |= LAYER(0);
		V(fs)->stats.dir_changes++;
	}
	ret = refresh(n);
	if (!ret && copied) {
		vfs_inomap_set(&V(fs)->origins, n->vn.st.st_dev,
			       n->vn.st.st_ino, st.st_dev, st.st_ino);
		if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
			mark_dir_origins(fs, n->parent);
	}
	sync_node(fs, n);
	return ret;
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

/* Host location of N's visible object into T. */
static int fill_target(struct hnode *n, struct vfs_target *t)
{
	struct hostfs *fs = FS(&n->vn);

	t->attrs = VFS_T_HOST_META;
	if (S_ISDIR(n->vn.st.st_mode))
		t->attrs |= VFS_T_DIR | (fs->oci && !lowest_only(fs, n) ?
					 VFS_T_DIR_EMULATE : VFS_T_PLAIN);
	if (fs->oci && n->top == 0 &&
	    vfs_origin_get(V(fs), n->vn.st.st_dev, n->vn.st.st_ino, NULL,
			   NULL))
		t->attrs |= VFS_T_ORIGIN;
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
	/* The kernel creates NAME after this returns. */
	changed(fs);
	set_volatile(fs, HN(dir), VOL_DIR);
	if (name)
		forget(fs, rel);
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
		/* The kernel changes its attributes after this returns. */
		changed(FS(vn));
		set_volatile(FS(vn), HN(vn), VOL_META);
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

/* A create op is over (whatever its result): REL changed. */
static int created(struct hostfs *fs, const char *rel, int ret)
{
	changed(fs);
	forget(fs, rel);
	return ret;
}

/* mkdir of NAME (upper path REL) in DIR. */
static int mkdir_upper(struct hostfs *fs, struct hnode *dir, const char *name,
		       const char *rel, const struct vfs_newattr *a)
{
	char tmp[PATH_MAX], opq[PATH_MAX];
	int ret;

	if (!covers_lower_dir(fs, dir, name)) {
		if (mkdirat(fs->fd[0], rel, 0700))
			return -errno;
		return set_new_attr(fs, rel, a);
	}
	/* Over a deleted lower directory: opaque before it is visible. */
	ret = tmp_name(fs, dir->rel, tmp);
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
		if (!join(opq, tmp, "", WH_OPAQUE))
			unlinkat(fs->fd[0], opq, 0);
		unlinkat(fs->fd[0], tmp, AT_REMOVEDIR);
	}
	return ret;
}

static int hfs_mkdir(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	ret = mkdir_upper(fs, HN(dir), name, rel, a);
	if (!ret)
		drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, ret);
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
		return created(fs, rel, -errno);
	ret = set_new_attr(fs, rel, a);
	if (!ret)
		drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, ret);
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
		return created(fs, rel, -errno);
	set_owner(fs->fd[0], rel, a->uid, a->gid);
	drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, 0);
}

/*
 * A change of the attributes of non-directory N shows through its other
 * names too, whose cached nodes are not known: forget them all.
 */
static void attrs_changed(struct hostfs *fs, struct hnode *n)
{
	changed(fs);
	if (!S_ISDIR(n->vn.st.st_mode) && n->vn.st.st_nlink > 1)
		hfs_flush(fs->m);
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
		return created(fs, rel, -errno);
	drop_whiteout(fs, HN(dir)->rel, name);
	moved_into(fs, HN(vn), HN(dir));
	refresh(HN(vn));	/* nlink */
	attrs_changed(fs, HN(vn));
	return created(fs, rel, 0);
}

/* A remove or rename op is over (whatever its result): NAME changed. */
static int removed(struct hostfs *fs, struct hnode *dir, const char *name,
		   int ret)
{
	changed(fs);
	forget_name(fs, dir, name);
	return ret;
}

/* Whiteout NAME of DIR when a lower holds it (never for a masked name). */
static int hide_lower(struct hostfs *fs, struct hnode *dir, const char *name)
{
	int ret = 0;

	if (lower_has(fs, dir, name, false)) {
		ret = copy_up(dir);
		if (!ret)
			ret = make_whiteout(fs, dir->rel, name);
	}
	return ret;
}

static int hfs_unlink(struct vnode *dir, const char *name, struct vnode *vn)
{
	struct hostfs *fs = FS(dir);
	struct hnode *n = HN(vn);
	int ret = is_wh_name(fs, name) ? -EINVAL : hide_lower(fs, HN(dir),
							     name);
	bool last;

	if (ret || n->top != 0)
		return removed(fs, HN(dir), name, ret);
	last = last_name(fs, n);
	if (unlinkat(fs->fd[0], n->rel, 0))
		ret = -errno;
	else if (last)
		forget_inode(fs, n);
	return removed(fs, HN(dir), name, ret);
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
	ret = vfs_dirbuf_mask_at(b, n->vn.mnt, n->rel);
	if (!ret)
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

	if (!ret && is_wh_name(fs, name))
		ret = -EINVAL;	/* a lowest-layer ".wh." name */
	if (ret)
		return ret;
	ret = hide_lower(fs, HN(dir), name);
	if (!ret && HN(vn)->top == 0) {
		ret = remove_upper_dir(fs, HN(vn));
		if (!ret)
			forget_inode(fs, HN(vn));
	}
	return removed(fs, HN(dir), name, ret);
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
	if (S_ISDIR(o->vn.st.st_mode) && covers_lower_dir(fs, nd, nname))
		ret = make_opaque(fs, o->rel);
	if (!ret && S_ISDIR(n->vn.st.st_mode) &&
	    covers_lower_dir(fs, od, oname))
		ret = make_opaque(fs, n->rel);
	if (!ret && renameat2(fs->fd[0], o->rel, fs->fd[0], nrel,
			      RENAME_EXCHANGE))
		ret = -errno;
	if (!ret) {
		moved_into(fs, o, nd);
		moved_into(fs, n, od);
	}
	return ret;
}

/* Rename O (NAME ONAME of OD) to NREL (NNAME of ND, now N or NULL). */
static int rename_upper(struct hostfs *fs, struct hnode *od,
			const char *oname, struct hnode *o, struct hnode *nd,
			const char *nname, struct hnode *n, const char *nrel,
			unsigned int flags)
{
	bool isdir = S_ISDIR(o->vn.st.st_mode);
	int ret;

	if (!fs->oci)
		return renameat2(fs->fd[0], o->rel, fs->fd[0], nrel, flags) ?
		       -errno : 0;
	if (is_wh_name(fs, nname))
		return -EINVAL;
	if (isdir && in_lower(o))
		return -EXDEV;
	if (n && S_ISDIR(n->vn.st.st_mode) && !(flags & RENAME_EXCHANGE) &&
	    (ret = looks_empty(n)))
		return ret;
	ret = copy_up(o);
	if (!ret)
		ret = copy_up(nd);
	if (ret)
		return ret;
	if (flags & RENAME_EXCHANGE)
		return rename_exchange(fs, od, oname, o, nd, nname, n, nrel);
	if (isdir && covers_lower_dir(fs, nd, nname))
		ret = make_opaque(fs, o->rel);
	if (!ret && lower_has(fs, od, oname, false))
		ret = make_whiteout(fs, od->rel, oname);
	if (ret)
		return ret;
	if (isdir && n && n->top == 0)
		ret = replace_dir(fs, o, n, nrel);
	else if (renameat2(fs->fd[0], o->rel, fs->fd[0], nrel,
			   flags & RENAME_NOREPLACE))
		ret = -errno;
	if (!ret) {
		drop_whiteout(fs, nd->rel, nname);
		moved_into(fs, o, nd);
	}
	return ret;
}

static int hfs_rename(struct vnode *odir, const char *oname,
		      struct vnode *ovn, struct vnode *ndir,
		      const char *nname, struct vnode *nvn,
		      unsigned int flags)
{
	struct hostfs *fs = FS(odir);
	struct hnode *n = nvn ? HN(nvn) : NULL;
	bool nlast = n && !(flags & RENAME_EXCHANGE) && last_name(fs, n);
	char nrel[PATH_MAX];
	int ret = join(nrel, HN(ndir)->rel, "", nname);

	if (ret)
		return ret;
	ret = rename_upper(fs, HN(odir), oname, HN(ovn), HN(ndir), nname, n,
			   nrel, flags);
	if (!ret && nlast)
		forget_inode(fs, n);
	forget_name(fs, HN(odir), oname);
	return removed(fs, HN(ndir), nname, ret);
}

/* An attribute op on N is over: N re-read, the caches told. */
static int attr_done(struct hnode *n, int ret)
{
	struct hostfs *fs = FS(&n->vn);

	if (!ret)
		ret = refresh(n);
	attrs_changed(fs, n);
	sync_node(fs, n);
	return ret;
}

static int hfs_chmod(struct vnode *vn, mode_t mode)
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && fchmodat(FS(vn)->fd[0], at(n->rel), mode, 0))
		ret = -errno;
	return attr_done(n, ret);
}

static int hfs_chown(struct vnode *vn, uid_t uid, gid_t gid)
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && fchownat(FS(vn)->fd[0], at(n->rel), uid, gid,
			     AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return attr_done(n, ret);
}

static int hfs_utimens(struct vnode *vn, const struct timespec ts[2])
{
	struct hnode *n = HN(vn);
	int ret = copy_up(n);

	if (!ret && utimensat(FS(vn)->fd[0], at(n->rel), ts,
			      AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return attr_done(n, ret);
}

static int hfs_truncate(struct vnode *vn, off_t length)
{
	struct hnode *n = HN(vn);
	int fd, ret = copy_up(n);

	if (ret)
		return attr_done(n, ret);
	fd = openat(FS(vn)->fd[0], n->rel, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return attr_done(n, -errno);
	ret = ftruncate(fd, length) ? -errno : 0;
	close(fd);
	return attr_done(n, ret);
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
 * The inode number the view shows for entry DE of upper directory N:
 * its origin's for a copy-up (read from the entry when N is marked).
 */
static uint64_t upper_ino(struct hostfs *fs, struct hnode *n, bool marked,
			  const struct dirent *de)
{
	dev_t dev = n->vn.st.st_dev;
	char p[PATH_MAX], rel[PATH_MAX];
	ino_t ino = de->d_ino;

	if (marked && (de->d_type == DT_REG || de->d_type == DT_DIR ||
		       de->d_type == DT_UNKNOWN) &&
	    !join(rel, n->rel, "", de->d_name) &&
	    !host_path(fs, 0, rel, p, sizeof(p)))
		load_origin_at(fs, p, dev, ino);
	vfs_origin_get(V(fs), dev, de->d_ino, NULL, &ino);
	return ino;
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
	bool upper = fs->oci && l == 0 && n->top == 0;
	bool marked = upper && dir_has_origins(fs, n);
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
		if (is_wh_name(fs, name) && l != lowest(fs)) {
			if (strncmp(name, WH_META, strlen(WH_META)))
				ret = vfs_nameset_add(wh, name + 4);
			continue;
		}
		if (vfs_nameset_has(hidden, name) || vfs_dirbuf_has(b, name))
			continue;
		ret = vfs_dirbuf_add(b, name, upper && (marked ||
				     V(fs)->origins.n) ?
				     upper_ino(fs, n, marked, de) : de->d_ino,
				     entry_type(dfd, de));
	}
	closedir(d);
	return ret;
}

static int hfs_readdir(struct vnode *vn, struct vfs_dirbuf *b)
{
	const struct vfs_nameset *masked = vfs_dirbuf_masked(b);
	struct hostfs *fs = FS(vn);
	struct hnode *n = HN(vn);
	struct vfs_nameset *hidden = vfs_nameset_new();
	int ret = hidden ? 0 : -ENOMEM;

	for (int l = 0; l < fs->nlayers && !ret; l++) {
		struct vfs_nameset *wh;

		/* Masks hide the lowers of an overlay, a bind's only layer. */
		if (masked && l == (fs->oci ? 1 : 0))
			ret = vfs_nameset_merge(hidden, masked);
		if (ret || !(n->mask & LAYER(l)))
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
	if (is_own_xattr(FS(vn), name))
		return -ENODATA;
	n = lgetxattr(p, name, value, size);
	return n < 0 ? -errno : n;
}

static int hfs_setxattr(struct vnode *vn, const char *name,
			const void *value, size_t size, int flags)
{
	char p[PATH_MAX];
	int ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = copy_up(HN(vn));
	if (!ret)
		ret = host_path(FS(vn), 0, HN(vn)->rel, p, sizeof(p));
	if (!ret && lsetxattr(p, name, value, size, flags))
		ret = -errno;
	return attr_done(HN(vn), ret);
}

static bool skip_own(const char *name, const void *fs)
{
	return is_own_xattr(fs, name);
}

/* llistxattr() of P, without the library's own names in an overlay. */
static ssize_t list_view(const struct hostfs *fs, const char *p, char *list,
			 size_t size)
{
	ssize_t len, out = 0;
	char *all;

	if (!fs->oci) {
		len = llistxattr(p, list, size);
		return len < 0 ? -errno : len;
	}
	len = llistxattr(p, NULL, 0);
	if (len <= 0)
		return len < 0 ? -errno : 0;
	all = malloc(len);
	if (!all)
		return -ENOMEM;
	len = llistxattr(p, all, len);
	out = len < 0 ? -errno : vfs_xattr_names(all, len, skip_own, fs, list,
						 size);
	free(all);
	return out;
}

static ssize_t hfs_listxattr(struct vnode *vn, char *list, size_t size)
{
	char p[PATH_MAX];
	int ret = host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));

	return ret ? ret : list_view(FS(vn), p, list, size);
}

static int hfs_removexattr(struct vnode *vn, const char *name)
{
	char p[PATH_MAX];
	int ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = copy_up(HN(vn));
	if (!ret)
		ret = host_path(FS(vn), 0, HN(vn)->rel, p, sizeof(p));
	if (!ret && lremovexattr(p, name))
		ret = -errno;
	return attr_done(HN(vn), ret);
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
	.peek = hfs_peek,
	.host_walk = hfs_host_walk,
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
