// SPDX-License-Identifier: MIT
/* The lookup cache of a host mount and its invalidation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostfs_impl.h"
#include "hostfs_cache.h"
#include "hostfs_layer.h"

/* Most entries (positive and negative) cached per mount. */
#define CACHE_MAX	65536

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

struct hent *hfs_kids_find(const struct hnode *d, const char *name)
{
	struct hent *e;

	if (!d->kids || !d->kids->n)
		return NULL;
	e = kids_slot(d->kids, name);
	return e->name ? e : NULL;
}

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
		hfs_kids_clear(fs, n);
		vn_put(&n->vn);
	}
}

void hfs_kids_clear(struct hostfs *fs, struct hnode *d)
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

void hfs_kids_del(struct hostfs *fs, struct hnode *d, struct hent *e)
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
		hfs_kids_clear(fs, d);
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

void hfs_flush(struct vfs_mount *m)
{
	struct hostfs *fs = m->priv;

	if (m->root)
		hfs_kids_clear(fs, HN(m->root));
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

void hfs_cache_put(struct hostfs *fs, struct hnode *d, const char *name,
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
	e = hfs_kids_find(d, name);
	if (e)
		hfs_kids_del(fs, d, e);
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
		h = hfs_kids_find(d, name);
		d = h ? h->node : NULL;
		rel = *e ? e + 1 : e;
	}
	return d;
}

void hfs_forget(struct hostfs *fs, const char *rel)
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
	e = d ? hfs_kids_find(d, slash ? slash + 1 : rel) : NULL;
	if (e)
		hfs_kids_del(fs, d, e);
}

void hfs_forget_name(struct hostfs *fs, const struct hnode *d,
		     const char *name)
{
	char rel[PATH_MAX];

	if (!hfs_join(rel, d->rel, "", name))
		hfs_forget(fs, rel);
}

void hfs_sync_node(struct hostfs *fs, struct hnode *n)
{
	struct hnode *c = cache_find(fs, n->rel);

	if (c && c != n)
		hfs_forget(fs, n->rel);
}

void hfs_changed(struct hostfs *fs)
{
	struct vfs *v = V(fs);
	bool mine = fs->gen == v->gen;

	v->gen++;
	if (mine)
		fs->gen = v->gen;
}

void hfs_sync_gen(struct hostfs *fs)
{
	if (fs->gen != V(fs)->gen)
		hfs_flush(fs->m);
}

unsigned int hfs_vol_flags(const struct hostfs *fs, const struct hnode *n)
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

void hfs_set_volatile(struct hostfs *fs, struct hnode *n,
		      unsigned int flags)
{
	unsigned int f = hfs_vol_flags(fs, n);

	if (fs->live || n->top != 0 || (f & flags) == flags)
		return;
	vfs_inomap_set(&fs->vol, n->vn.st.st_dev, n->vn.st.st_ino, f | flags,
		       0);
}

bool hfs_node_valid(struct hostfs *fs, struct hnode *n)
{
	struct stat st;

	if (!(hfs_vol_flags(fs, n) & VOL_META))
		return true;
	if (hfs_stat(fs, n->top, n->rel, &st) ||
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

bool hfs_stamp(struct hostfs *fs, struct hnode *d)
{
	struct hkids *k = d->kids;
	struct timespec now;
	struct stat st;

	if (!k && !(k = d->kids = calloc(1, sizeof(*d->kids))))
		return false;
	if (hfs_stat(fs, 0, d->rel, &st)) {
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

void hfs_attrs_changed(struct hostfs *fs, struct hnode *n)
{
	hfs_changed(fs);
	if (!S_ISDIR(n->vn.st.st_mode) && n->vn.st.st_nlink > 1)
		hfs_flush(fs->m);
}
