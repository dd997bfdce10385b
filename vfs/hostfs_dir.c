// SPDX-License-Identifier: MIT
/* Directory listings: the layers merged, whiteouts applied. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_dir.h"
#include "hostfs_layer.h"
#include "hostfs_origin.h"

int hfs_looks_empty(struct hnode *n)
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
			  int dfd, const struct dirent *de)
{
	dev_t dev = n->vn.st.st_dev;
	ino_t ino = de->d_ino;

	if (marked && (de->d_type == DT_REG || de->d_type == DT_DIR ||
		       de->d_type == DT_UNKNOWN))
		hfs_load_origin_at(fs, dfd, de->d_name, dev, ino);
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
	bool upper = fs->oci && l == 0 && n->top == 0;
	bool marked = upper && hfs_dir_has_origins(fs, n);
	struct dirent *de;
	uint64_t ino;
	DIR *d;
	int ret = hfs_opendir_layer(fs, l, n->rel, &d);

	if (ret)
		return ret;
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
		ino = upper && (marked || V(fs)->origins.n) ?
		      upper_ino(fs, n, marked, dirfd(d), de) : de->d_ino;
		ret = vfs_dirbuf_add(b, name, ino, entry_type(dirfd(d), de));
	}
	closedir(d);
	return ret;
}

int hfs_readdir(struct vnode *vn, struct vfs_dirbuf *b)
{
	const struct vfs_nameset *masked = vfs_dirbuf_masked(b);
	const struct vfs_nameset *hid = vfs_dirbuf_hidden(b);
	struct hostfs *fs = FS(vn);
	struct hnode *n = HN(vn);
	struct vfs_nameset *hidden = vfs_nameset_new();
	int ret = hidden ? 0 : -ENOMEM;

	for (int l = 0; l < fs->nlayers && !ret; l++) {
		struct vfs_nameset *wh;

		/*
		 * Masks hide the lowers of an overlay, a bind's only layer;
		 * hidden names every layer.
		 */
		if (masked && l == (fs->oci ? 1 : 0))
			ret = vfs_nameset_merge(hidden, masked);
		if (!ret && hid && l == 0)
			ret = vfs_nameset_merge(hidden, hid);
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
