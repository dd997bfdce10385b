// SPDX-License-Identifier: MIT
/*
 * Directory snapshots.  A snapshot is an array of entries filled once by
 * the backend; positions never move while it lives, which is what makes
 * getdents() and lseek() on an emulated directory stable.  A name set
 * (nameset.c) over the names removes duplicates while merging layers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"
#include "nameset.h"

struct vfs_dir {
	struct vfs_dirent *ents;
	size_t n, cap;
	struct vfs_nameset names;
};

/* The builder is the snapshot itself. */
struct vfs_dirbuf {
	struct vfs_dir d;
	struct vfs_nameset *masked;	/* masked names of the directory */
	struct vfs_nameset *hidden;	/* the hidden ones among them */
};

/* Append NAME unless already there.  0 or -ENOMEM. */
int vfs_dirbuf_add(struct vfs_dirbuf *b, const char *name, uint64_t ino,
		   unsigned char type)
{
	struct vfs_dir *d = &b->d;
	const char *copy;

	if (vfs_nameset_has(&d->names, name))
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct vfs_dirent *e = realloc(d->ents, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		d->ents = e;
		d->cap = cap;
	}
	copy = vfs_nameset_insert(&d->names, name);
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

const struct vfs_nameset *vfs_dirbuf_hidden(const struct vfs_dirbuf *b)
{
	return b->hidden;
}

bool vfs_dirbuf_has(const struct vfs_dirbuf *b, const char *name)
{
	return vfs_nameset_has(&b->d.names, name);
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
	vfs_nameset_free(b->hidden);
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

/*
 * The names masked directly below view directory VIEW into B->masked,
 * the hidden ones (vfs_hide()) also into B->hidden.
 */
static int collect_masked(struct vfs_dirbuf *b, const struct vfs *v,
			  const char *view)
{
	size_t vlen = strcmp(view, "/") ? strlen(view) : 0;
	const struct vfs_nameset *s = v->masks;

	if (!v->nmasks || !vfs_is_busy_dir(v, view))
		return 0;
	b->masked = vfs_nameset_new();
	b->hidden = vfs_nameset_new();
	if (!b->masked || !b->hidden)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++) {
		const char *p = s->slots[i];

		if (!p || strncmp(p, view, vlen) || p[vlen] != '/' ||
		    strchr(p + vlen + 1, '/'))
			continue;
		if (vfs_nameset_add(b->masked, p + vlen + 1))
			return -ENOMEM;
		if (vfs_hidden_has(v, p) &&
		    vfs_nameset_add(b->hidden, p + vlen + 1))
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
	vfs_nameset_free(b->hidden);
	b->hidden = NULL;
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

/*
 * Record encoders, one per layout, each written field by field (BUF may
 * be unaligned).  reclen() is the record's size for a name of NAMELEN
 * bytes, put() fills a zeroed record of that size.
 */
struct dirent_enc {
	size_t (*reclen)(size_t namelen);
	void (*put)(unsigned char *r, size_t reclen,
		    const struct vfs_dirent *e, int64_t off);
	uint64_t ino_max;	/* the largest inode number d_ino holds */
};

/* struct linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name. */
#define DIRENT64_NAME	19

static size_t dirent64_reclen(size_t namelen)
{
	return (DIRENT64_NAME + namelen + 1 + 7) & ~(size_t)7;
}

static void dirent64_put(unsigned char *r, size_t reclen,
			 const struct vfs_dirent *e, int64_t off)
{
	uint64_t ino = e->ino;
	uint16_t rl = reclen;

	memcpy(r, &ino, 8);
	memcpy(r + 8, &off, 8);
	memcpy(r + 16, &rl, 2);
	r[18] = e->type;
	memcpy(r + DIRENT64_NAME, e->name, strlen(e->name));
}

/*
 * struct linux_dirent of a 64-bit ABI (unsigned long d_ino, d_off;
 * unsigned short d_reclen; d_name), then a NUL and d_type in the last
 * byte of the record, which is aligned to 8.
 */
#define LDIRENT64_NAME	18

static size_t ldirent64_reclen(size_t namelen)
{
	return (LDIRENT64_NAME + namelen + 2 + 7) & ~(size_t)7;
}

static void ldirent64_put(unsigned char *r, size_t reclen,
			  const struct vfs_dirent *e, int64_t off)
{
	uint64_t ino = e->ino;
	uint16_t rl = reclen;

	memcpy(r, &ino, 8);
	memcpy(r + 8, &off, 8);
	memcpy(r + 16, &rl, 2);
	memcpy(r + LDIRENT64_NAME, e->name, strlen(e->name));
	r[reclen - 1] = e->type;
}

/*
 * struct linux_dirent of a 32-bit ABI (compat_linux_dirent: 32-bit d_ino
 * and d_off), then a NUL and d_type in the last byte, aligned to 4.
 */
#define LDIRENT32_NAME	10

static size_t ldirent32_reclen(size_t namelen)
{
	return (LDIRENT32_NAME + namelen + 2 + 3) & ~(size_t)3;
}

static void ldirent32_put(unsigned char *r, size_t reclen,
			  const struct vfs_dirent *e, int64_t off)
{
	uint32_t ino = e->ino, o = off;
	uint16_t rl = reclen;

	memcpy(r, &ino, 4);
	memcpy(r + 4, &o, 4);
	memcpy(r + 8, &rl, 2);
	memcpy(r + LDIRENT32_NAME, e->name, strlen(e->name));
	r[reclen - 1] = e->type;
}

static const struct dirent_enc encoders[] = {
	[VFS_DIRENT64] = { dirent64_reclen, dirent64_put, UINT64_MAX },
	[VFS_DIRENT_LONG64] = { ldirent64_reclen, ldirent64_put, UINT64_MAX },
	[VFS_DIRENT_COMPAT32] = { ldirent32_reclen, ldirent32_put,
				  UINT32_MAX },
};

ssize_t vfs_dir_getdents(const struct vfs_dir *d,
			 enum vfs_dirent_layout layout, uint64_t *pos,
			 void *buf, size_t size)
{
	const struct dirent_enc *enc;
	unsigned char *p = buf;
	size_t used = 0;

	if ((unsigned)layout >= sizeof(encoders) / sizeof(encoders[0]) ||
	    !encoders[layout].put)
		return -EINVAL;
	enc = &encoders[layout];
	while (*pos < d->n) {
		const struct vfs_dirent *e = &d->ents[*pos];
		size_t reclen = enc->reclen(strlen(e->name));

		if ((uint64_t)e->ino > enc->ino_max)
			/* the kernel's filldir: what came before, or this */
			return used ? (ssize_t)used : -EOVERFLOW;
		if (used + reclen > size)
			break;
		memset(p + used, 0, reclen);
		enc->put(p + used, reclen, e, (int64_t)*pos + 1);
		used += reclen;
		(*pos)++;
	}
	if (used == 0 && *pos < d->n)
		return -EINVAL;
	return used;
}

ssize_t vfs_dir_getdents64(const struct vfs_dir *d, uint64_t *pos,
			   void *buf, size_t size)
{
	return vfs_dir_getdents(d, VFS_DIRENT64, pos, buf, size);
}

void vfs_closedir(struct vfs_dir *d)
{
	if (!d)
		return;
	/* Names are owned by the set. */
	vfs_nameset_clear(&d->names);
	free(d->ents);
	free(d);
}
