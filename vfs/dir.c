// SPDX-License-Identifier: MIT
/*
 * Directory snapshots.  A snapshot is an array of entries filled once by
 * the backend; positions never move while it lives, which is what makes
 * getdents() and lseek() on an emulated directory stable.  A hash index
 * over the names removes duplicates while merging layers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"

/* A set of strings: open addressing over owned copies. */
struct vfs_nameset {
	char **slots;
	size_t cap;		/* power of two */
	size_t n;
};

struct vfs_dir {
	struct vfs_dirent *ents;
	size_t n, cap;
	struct vfs_nameset names;
};

/* The builder is the snapshot itself. */
struct vfs_dirbuf {
	struct vfs_dir d;
	struct vfs_nameset *masked;	/* masked names of the directory */
};

static size_t hash_name(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static char **set_slot(const struct vfs_nameset *s, const char *name)
{
	size_t i = hash_name(name) & (s->cap - 1);

	while (s->slots[i] && strcmp(s->slots[i], name))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

static int set_grow(struct vfs_nameset *s)
{
	struct vfs_nameset bigger = { .cap = s->cap ? s->cap * 2 : 16 };

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i])
			*set_slot(&bigger, s->slots[i]) = s->slots[i];
	free(s->slots);
	s->slots = bigger.slots;
	s->cap = bigger.cap;
	return 0;
}

/* Add a copy of NAME; returns the stored copy, or NULL (ENOMEM). */
static const char *set_add(struct vfs_nameset *s, const char *name)
{
	char **slot;

	if ((s->n + 1) * 2 > s->cap && set_grow(s))
		return NULL;
	slot = set_slot(s, name);
	if (!*slot) {
		*slot = strdup(name);
		if (!*slot)
			return NULL;
		s->n++;
	}
	return *slot;
}

static bool set_has(const struct vfs_nameset *s, const char *name)
{
	return s->cap && *set_slot(s, name);
}

static void set_clear(struct vfs_nameset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
}

struct vfs_nameset *vfs_nameset_new(void)
{
	return calloc(1, sizeof(struct vfs_nameset));
}

int vfs_nameset_add(struct vfs_nameset *s, const char *name)
{
	return set_add(s, name) ? 0 : -ENOMEM;
}

bool vfs_nameset_has(const struct vfs_nameset *s, const char *name)
{
	return set_has(s, name);
}

/* Add every name of SRC to DST. */
int vfs_nameset_merge(struct vfs_nameset *dst, const struct vfs_nameset *src)
{
	for (size_t i = 0; i < src->cap; i++)
		if (src->slots[i] && !set_add(dst, src->slots[i]))
			return -ENOMEM;
	return 0;
}

void vfs_nameset_free(struct vfs_nameset *s)
{
	if (!s)
		return;
	set_clear(s);
	free(s);
}

/* Append NAME unless already there.  0 or -ENOMEM. */
int vfs_dirbuf_add(struct vfs_dirbuf *b, const char *name, uint64_t ino,
		   unsigned char type)
{
	struct vfs_dir *d = &b->d;
	const char *copy;

	if (set_has(&d->names, name))
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct vfs_dirent *e = realloc(d->ents, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		d->ents = e;
		d->cap = cap;
	}
	copy = set_add(&d->names, name);
	if (!copy)
		return -ENOMEM;
	d->ents[d->n].ino = ino;
	d->ents[d->n].type = type;
	d->ents[d->n].name = copy;
	d->n++;
	return 0;
}

const struct vfs_nameset *vfs_dirbuf_masked(const struct vfs_dirbuf *b)
{
	return b->masked;
}

bool vfs_dirbuf_has(const struct vfs_dirbuf *b, const char *name)
{
	return set_has(&b->d.names, name);
}

struct vfs_dirbuf *vfs_dirbuf_new(void)
{
	return calloc(1, sizeof(struct vfs_dirbuf));
}

size_t vfs_dirbuf_count(const struct vfs_dirbuf *b)
{
	return b->d.n;
}

void vfs_dirbuf_free(struct vfs_dirbuf *b)
{
	if (!b)
		return;
	vfs_nameset_free(b->masked);
	vfs_closedir(&b->d);
}

static unsigned char dtype(mode_t mode)
{
	return IFTODT(mode);
}

/* Mount points directly below view path VIEW show up as directories. */
static int add_mountpoints(struct vfs_dirbuf *b, const struct vfs *v,
			   const char *view)
{
	size_t vlen = strcmp(view, "/") ? strlen(view) : 0;

	for (size_t i = 0; i < v->nmounts; i++) {
		const struct vfs_mount *m = v->mounts[i];
		const char *name = m->path + vlen + 1;
		int ret;

		if (m->len <= vlen || strncmp(m->path, view, vlen) ||
		    m->path[vlen] != '/' || strchr(name, '/'))
			continue;
		ret = vfs_dirbuf_add(b, name, m->root->st.st_ino,
				     dtype(m->root->st.st_mode));
		if (ret)
			return ret;
	}
	return 0;
}

/* The names masked directly below view directory VIEW into B->masked. */
static int collect_masked(struct vfs_dirbuf *b, const struct vfs *v,
			  const char *view)
{
	size_t vlen = strcmp(view, "/") ? strlen(view) : 0;
	const struct vfs_nameset *s = v->masks;

	if (!v->nmasks || !vfs_is_busy_dir(v, view))
		return 0;
	b->masked = vfs_nameset_new();
	if (!b->masked)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++) {
		const char *p = s->slots[i];

		if (!p || strncmp(p, view, vlen) || p[vlen] != '/' ||
		    strchr(p + vlen + 1, '/'))
			continue;
		if (vfs_nameset_add(b->masked, p + vlen + 1))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Masked names of directory REL of mount M into B, for a backend listing
 * one of its directories itself.
 */
int vfs_dirbuf_mask_at(struct vfs_dirbuf *b, const struct vfs_mount *m,
		       const char *rel)
{
	char view[PATH_MAX];
	int n;

	if (!m->v->nmasks)
		return 0;
	n = *rel ? snprintf(view, sizeof(view), "%s/%s", m->len ? m->path : "",
			    rel) : snprintf(view, sizeof(view), "%s", m->path);
	if (n < 0 || n >= PATH_MAX)
		return -ENAMETOOLONG;
	return collect_masked(b, m->v, view);
}

/* st_ino of VN as the view shows it (a copy-up keeps its origin's). */
static uint64_t view_ino(const struct vnode *vn)
{
	ino_t ino = vn->st.st_ino;

	if (vn->mnt->layered)
		vfs_origin_get(vn->mnt->v, vn->st.st_dev, vn->st.st_ino, NULL,
			       &ino);
	return ino;
}

/*
 * Snapshot of directory VN at canonical view path VIEW whose parent is
 * PARENT (VN itself for the root).
 */
int vfs_dir_build(struct vnode *vn, struct vnode *parent, const char *view,
		  struct vfs_dir **out)
{
	struct vfs_dirbuf *b = calloc(1, sizeof(*b));
	int ret;

	if (!b)
		return -ENOMEM;
	ret = vfs_dirbuf_add(b, ".", view_ino(vn), DT_DIR);
	if (!ret)
		ret = vfs_dirbuf_add(b, "..", view_ino(parent),
				     dtype(parent->st.st_mode));
	if (!ret)
		ret = collect_masked(b, vn->mnt->v, view);
	if (!ret)
		ret = vn->mnt->ops->readdir(vn, b);
	if (!ret)
		ret = add_mountpoints(b, vn->mnt->v, view);
	vfs_nameset_free(b->masked);
	b->masked = NULL;
	if (ret) {
		vfs_closedir(&b->d);
		return ret;
	}
	*out = &b->d;
	return 0;
}

size_t vfs_dir_count(const struct vfs_dir *d)
{
	return d->n;
}

const struct vfs_dirent *vfs_dir_get(const struct vfs_dir *d, size_t pos)
{
	return pos < d->n ? &d->ents[pos] : NULL;
}

/* struct linux_dirent64, written field by field (BUF may be unaligned). */
#define DIRENT64_NAME	19

ssize_t vfs_dir_getdents64(const struct vfs_dir *d, uint64_t *pos,
			   void *buf, size_t size)
{
	unsigned char *p = buf;
	size_t used = 0;

	while (*pos < d->n) {
		const struct vfs_dirent *e = &d->ents[*pos];
		size_t namelen = strlen(e->name);
		size_t reclen = (DIRENT64_NAME + namelen + 1 + 7) & ~(size_t)7;
		uint64_t ino = e->ino;
		int64_t off = (int64_t)*pos + 1;
		uint16_t rl = reclen;

		if (used + reclen > size)
			break;
		memset(p + used, 0, reclen);
		memcpy(p + used, &ino, 8);
		memcpy(p + used + 8, &off, 8);
		memcpy(p + used + 16, &rl, 2);
		p[used + 18] = e->type;
		memcpy(p + used + DIRENT64_NAME, e->name, namelen);
		used += reclen;
		(*pos)++;
	}
	if (used == 0 && *pos < d->n)
		return -EINVAL;
	return used;
}

void vfs_closedir(struct vfs_dir *d)
{
	if (!d)
		return;
	/* Names are owned by the set. */
	set_clear(&d->names);
	free(d->ents);
	free(d);
}
