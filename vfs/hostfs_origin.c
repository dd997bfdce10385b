// SPDX-License-Identifier: MIT
/* Origins: the lower inode a copy-up shows, kept in xattrs of the upper. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include "hostfs_impl.h"
#include "hostfs_origin.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"

bool hfs_dir_has_origins(struct hostfs *fs, struct hnode *d)
{
	char p[32];
	ssize_t n;
	int fd;

	if (!fs->oci || d->top != 0 || fs->xattr < 0)
		return false;
	if (d->origins)
		return d->origins > 0;
	if (hfs_obj(fs, 0, d->rel, &fd, p))
		return false;
	V(fs)->stats.host_xattrs++;
	n = getxattr(p, XA_ORIGINS, NULL, 0);
	if (n < 0 && (errno == ENOTSUP || errno == EOPNOTSUPP))
		fs->xattr = -1;
	close(fd);
	d->origins = n >= 0 ? 1 : -1;
	return n >= 0;
}

void hfs_mark_dir_origins(struct hostfs *fs, struct hnode *d)
{
	char p[32];
	int fd;

	if (!fs->oci || d->top != 0 || fs->xattr < 0 || d->origins > 0 ||
	    hfs_obj(fs, 0, d->rel, &fd, p))
		return;
	if (!setxattr(p, XA_ORIGINS, "1", 1, 0))
		d->origins = 1;
	close(fd);
}

/* XA_ORIGIN of NAME in directory DFD into BUF (SIZE bytes), not followed. */
static ssize_t get_origin(int dfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	char p[32];
	ssize_t n;

	if (fd < 0)
		return -1;
	hfs_fd_path(fd, p);
	n = getxattr(p, XA_ORIGIN, buf, size);
	close(fd);
	return n;
}

void hfs_load_origin_at(struct hostfs *fs, int dfd, const char *name,
			dev_t dev, ino_t ino)
{
	unsigned int maj, min;
	unsigned long long oino;
	char buf[64];
	ssize_t n;

	if (vfs_origin_get(V(fs), dev, ino, NULL, NULL))
		return;
	V(fs)->stats.host_xattrs++;
	n = get_origin(dfd, name, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%u:%u:%llu", &maj, &min, &oino) == 3)
		vfs_inomap_set(&V(fs)->origins, dev, ino, makedev(maj, min),
			       oino);
}

void hfs_load_origin(struct hostfs *fs, struct hnode *d, struct hnode *n)
{
	mode_t mode = n->vn.st.st_mode;
	struct hat a;

	if (n->top != 0 || !(S_ISREG(mode) || S_ISDIR(mode)) ||
	    vfs_origin_get(V(fs), n->vn.st.st_dev, n->vn.st.st_ino, NULL,
			   NULL) ||
	    !hfs_dir_has_origins(fs, d) || hfs_at(fs, 0, n->rel, &a))
		return;
	hfs_load_origin_at(fs, a.fd, a.name, n->vn.st.st_dev,
			   n->vn.st.st_ino);
	hfs_at_put(&a);
}

void hfs_put_origin(struct hostfs *fs, int fd, const struct stat *lower)
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

void hfs_moved_into(struct hostfs *fs, struct hnode *n, struct hnode *d)
{
	if (n->top == 0 && vfs_origin_get(V(fs), n->vn.st.st_dev,
					  n->vn.st.st_ino, NULL, NULL))
		hfs_mark_dir_origins(fs, d);
}

bool hfs_last_name(const struct hostfs *fs, const struct hnode *n)
{
	struct stat st;

	if (n->top != 0)
		return false;
	if (S_ISDIR(n->vn.st.st_mode))
		return true;
	return !hfs_stat(fs, 0, n->rel, &st) && st.st_nlink <= 1;
}

void hfs_forget_inode(struct hostfs *fs, const struct hnode *n)
{
	vfs_inomap_del(&V(fs)->origins, n->vn.st.st_dev, n->vn.st.st_ino);
	vfs_inomap_del(&fs->vol, n->vn.st.st_dev, n->vn.st.st_ino);
}
