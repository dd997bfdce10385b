// SPDX-License-Identifier: MIT
/*
 * The context and its mount table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"

int vfs_new(struct vfs **out)
{
	struct vfs *v = calloc(1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	*out = v;
	return 0;
}

static void mount_free(struct vfs_mount *m)
{
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
		mount_free(v->mounts[i]);
	free(v->mounts);
	free(v);
}

/*
 * Canonical form of mount point AT into OUT (PATH_MAX bytes): absolute,
 * single slashes, no "." and no trailing slash ("/" stays "/").
 */
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

/*
 * Register a backend instance.  Takes ownership of PRIV (destroyed with
 * ops->destroy on failure too).
 */
int vfs_add_mount(struct vfs *v, const char *at,
		  const struct vfs_backend_ops *ops, void *priv,
		  unsigned int flags)
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
	ret = ops->root(m, &m->root);
	if (ret)
		goto fail_free;
	v->mounts[v->nmounts++] = m;
	return 0;

fail_free:
	if (m)
		free(m->path);
	free(m);
fail:
	if (ops->destroy)
		ops->destroy(priv);
	return ret;
}
