// SPDX-License-Identifier: MIT
/* Host paths of the layers, probing a name through them, new nodes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"

int hfs_join(char *out, const char *dir, const char *pre,
	     const char *name)
{
	int n = *dir ? snprintf(out, PATH_MAX, "%s/%s%s", dir, pre, name) :
		       snprintf(out, PATH_MAX, "%s%s", pre, name);

	return (n < 0 || n >= PATH_MAX) ? -ENAMETOOLONG : 0;
}

int hfs_host_path(const struct hostfs *fs, int layer, const char *rel,
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

int hfs_stat(const struct hostfs *fs, int l, const char *rel,
	     struct stat *st)
{
	struct hat a;
	int ret = hfs_at(fs, l, rel, &a);

	V(fs)->stats.host_stats++;
	if (ret) {
		errno = -ret;
		return -1;
	}
	ret = fstatat(a.fd, a.name, st, AT_SYMLINK_NOFOLLOW);
	hfs_at_put(&a);
	return ret;
}

bool hfs_exists_at(const struct hostfs *fs, int l, const char *rel)
{
	struct stat st;

	return hfs_stat(fs, l, rel, &st) == 0;
}

/* Does layer L hide NAME of directory DIRREL from the layers below? */
static bool whiteout_at(const struct hostfs *fs, int l, const char *dirrel,
			const char *name)
{
	char p[PATH_MAX];

	return fs->oci && !hfs_join(p, dirrel, WH_PREFIX, name) &&
	       hfs_exists_at(fs, l, p);
}

int hfs_opendir_at(int fd, const char *name, DIR **d)
{
	int dfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			 O_CLOEXEC);

	if (dfd < 0)
		return -errno;
	*d = fdopendir(dfd);
	if (!*d) {
		int err = -errno;

		close(dfd);
		return err;
	}
	return 0;
}

int hfs_opendir_layer(const struct hostfs *fs, int l, const char *rel,
		      DIR **d)
{
	struct hat a;
	int ret = hfs_at(fs, l, rel, &a);

	if (ret)
		return ret;
	ret = hfs_opendir_at(a.fd, a.name, d);
	hfs_at_put(&a);
	return ret;
}

bool hfs_opaque_at(const struct hostfs *fs, int l, const char *rel)
{
	char p[PATH_MAX];

	return fs->oci && !hfs_join(p, rel, "", WH_OPAQUE) &&
	       hfs_exists_at(fs, l, p);
}

int hfs_probe(const struct hostfs *fs, const struct hnode *dir,
	      const char *name, uint64_t layers, struct probe *p)
{
	char rel[PATH_MAX];
	struct stat st;
	int ret = hfs_join(rel, dir->rel, "", name);

	p->top = -1;
	p->mask = 0;
	if (ret)
		return ret;
	for (int i = 0; i < fs->nlayers; i++) {
		if (!(dir->mask & layers & LAYER(i)))
			continue;
		if (hfs_stat(fs, i, rel, &st)) {
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
		if (hfs_opaque_at(fs, i, rel) || whiteout_at(fs, i, dir->rel, name))
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

bool hfs_lower_has(const struct hostfs *fs, const struct hnode *dir,
		   const char *name, bool dir_only)
{
	struct probe p;

	if (!fs->oci || !(name_layers(fs, dir, name) & LAYER(1)) ||
	    hfs_probe(fs, dir, name, ~LAYER(0), &p))
		return false;
	return !dir_only || S_ISDIR(p.st.st_mode);
}

bool hfs_covers_lower_dir(const struct hostfs *fs, const struct hnode *dir,
			  const char *name)
{
	return fs->oci && (vfs_is_masked(fs->m, dir->rel, name) ||
			   hfs_lower_has(fs, dir, name, true));
}

int hfs_node_new(struct vfs_mount *m, struct hnode *parent,
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

int hfs_refresh(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);

	if (hfs_stat(fs, n->top, n->rel, &n->vn.st))
		return -errno;
	return 0;
}

int hfs_tmp_name(struct hostfs *fs, const char *dirrel, char *out)
{
	char name[64];

	snprintf(name, sizeof(name), "tmp.%d.%lu", (int)getpid(), ++fs->seq);
	return hfs_join(out, dirrel, WH_META, name);
}
