// SPDX-License-Identifier: MIT
/*
 * The context: its mount table, masks, origins of copied-up inodes and
 * the generation that keeps the backends' lookup caches honest.  Adding
 * mounts and masks is in mount.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"

int vfs_new(struct vfs **out)
{
	struct vfs *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->masks = vfs_nameset_new();
	v->busy = vfs_nameset_new();
	v->special = vfs_nameset_new();
	v->hidden = vfs_nameset_new();
	if (!v->masks || !v->busy || !v->special || !v->hidden) {
		vfs_free(v);
		return -ENOMEM;
	}
	*out = v;
	return 0;
}

void vfs_mount_free(struct vfs_mount *m)
{
	if (m->ops->flush)
		m->ops->flush(m);
	vn_put(m->root);
	if (m->ops->destroy)
		m->ops->destroy(m->priv);
	free(m->path);
	free(m);
}

void vfs_free(struct vfs *v)
{
	if (!v)
		return;
	/* Innermost mounts first: they were added after their parents. */
	for (size_t i = v->nmounts; i-- > 0;)
		vfs_mount_free(v->mounts[i]);
	free(v->mounts);
	vfs_nameset_free(v->masks);
	vfs_nameset_free(v->busy);
	vfs_nameset_free(v->special);
	vfs_nameset_free(v->hidden);
	vfs_inomap_clear(&v->origins);
	free(v->foreign);
	free(v);
}

void vfs_set_fd_export(struct vfs *v, const struct vfs_fd_export *e)
{
	v->fd_export = *e;
}

int vfs_set_foreign(struct vfs *v, const char *prefix)
{
	char *p;

	if (prefix[0] != '/' || !prefix[1] || strlen(prefix) >= PATH_MAX)
		return -EINVAL;
	if (!(p = strdup(prefix)))
		return -ENOMEM;
	free(v->foreign);
	v->foreign = p;
	v->foreign_len = strlen(p);
	return 0;
}

const char *vfs_remote(const struct vfs *v, const char **from)
{
	*from = v->remote_from;
	return v->remote;
}

void vfs_cache_flush(struct vfs *v)
{
	for (size_t i = 0; i < v->nmounts; i++)
		if (v->mounts[i]->ops->flush)
			v->mounts[i]->ops->flush(v->mounts[i]);
	v->gen++;
}

void vfs_get_stats(const struct vfs *v, struct vfs_stats *st)
{
	*st = v->stats;
}

/*
 * Canonical form of mount point AT into OUT (PATH_MAX bytes): absolute,
 * single slashes, no "." and no trailing slash ("/" stays "/").
 */
int vfs_canon_view(const char *path, char *out)
{
	return vfs_canon_mountpoint(path, out);
}

int vfs_canon_mountpoint(const char *at, char *out)
{
	size_t n = 0;
	const char *p = at;

	if (!at || at[0] != '/')
		return -EINVAL;
	if (strlen(at) >= PATH_MAX)
		return -ENAMETOOLONG;
	while (*p) {
		const char *e;
		size_t len;

		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		len = e - p;
		if (len == 0 || (len == 1 && p[0] == '.')) {
			p = e;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return -EINVAL;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		out[n++] = '/';
		memcpy(out + n, p, len);
		n += len;
		p = e;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return 0;
}

/*
 * The mount whose point is exactly VIEW[0..LEN), or NULL.  The root is
 * LEN 0.
 */
struct vfs_mount *vfs_mount_at(const struct vfs *v, const char *view,
			       size_t len)
{
	for (size_t i = 0; i < v->nmounts; i++) {
		struct vfs_mount *m = v->mounts[i];

		if (m->len == len && memcmp(m->path, view, len) == 0)
			return m;
	}
	return NULL;
}

/* Whether some mask has LEN bytes (modulo 64). */
static bool mask_len_possible(const struct vfs *v, size_t len)
{
	return (v->mask_lens >> (len & 63)) & 1;
}

bool vfs_mask_has(const struct vfs *v, const char *view)
{
	return v->nmasks && mask_len_possible(v, strlen(view)) &&
	       vfs_nameset_has(v->masks, view);
}

bool vfs_hidden_has(const struct vfs *v, const char *view)
{
	return v->nhidden && vfs_nameset_has(v->hidden, view);
}

bool vfs_is_masked(const struct vfs_mount *m, const char *dirrel,
		   const char *name)
{
	char view[PATH_MAX];
	int n;

	if (!m->v->nmasks)
		return false;
	n = m->len + (*dirrel ? 1 + strlen(dirrel) : 0) + 1 + strlen(name);
	if (!mask_len_possible(m->v, n))
		return false;
	n = snprintf(view, sizeof(view), "%s%s%s/%s", m->len ? m->path : "",
		     *dirrel ? "/" : "", dirrel, name);
	return n > 0 && n < PATH_MAX && vfs_nameset_has(m->v->masks, view);
}

bool vfs_special_name(const struct vfs *v, const char *name)
{
	return vfs_nameset_has(v->special, name);
}

bool vfs_is_busy_dir(const struct vfs *v, const char *view)
{
	return ((v->busy_lens >> (strlen(view) & 63)) & 1) &&
	       vfs_nameset_has(v->busy, view);
}

bool vfs_origin_get(const struct vfs *v, dev_t dev, ino_t ino, dev_t *odev,
		    ino_t *oino)
{
	return vfs_inomap_get(&v->origins, dev, ino, odev, oino);
}

void vfs_origin_apply(const struct vfs *v, struct stat *st)
{
	dev_t dev;
	ino_t ino;

	if (vfs_origin_get(v, st->st_dev, st->st_ino, &dev, &ino)) {
		st->st_dev = dev;
		st->st_ino = ino;
	}
}

int vfs_ino_origin(struct vfs *v, dev_t dev, ino_t ino, dev_t *odev,
		   ino_t *oino)
{
	return vfs_origin_get(v, dev, ino, odev, oino) ? 0 : -ENOENT;
}

bool vfs_has_origins(const struct vfs *v)
{
	return v->origins.n > 0;
}
