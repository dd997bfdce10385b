// SPDX-License-Identifier: MIT
/* Attribute and xattr ops: copied up, then changed in the upper. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_attr.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"
#include "hostfs_cache.h"
#include "hostfs_copyup.h"

/* An attribute op on N is over: N re-read, the caches told. */
static int attr_done(struct hnode *n, int ret)
{
	struct hostfs *fs = FS(&n->vn);

	if (!ret)
		ret = hfs_refresh(n);
	hfs_attrs_changed(fs, n);
	hfs_sync_node(fs, n);
	return ret;
}

int hfs_chmod(struct vnode *vn, mode_t mode)
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);

	if (!ret)
		ret = hfs_chmod_at(FS(vn), 0, n->rel, mode);
	return attr_done(n, ret);
}

int hfs_chown(struct vnode *vn, uid_t uid, gid_t gid)
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);
	struct hat a;

	if (!ret)
		ret = hfs_at(FS(vn), 0, n->rel, &a);
	if (ret)
		return attr_done(n, ret);
	if (fchownat(a.fd, a.name, uid, gid, AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	hfs_at_put(&a);
	return attr_done(n, ret);
}

int hfs_utimens(struct vnode *vn, const struct timespec ts[2])
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);
	struct hat a;

	if (!ret)
		ret = hfs_at(FS(vn), 0, n->rel, &a);
	if (ret)
		return attr_done(n, ret);
	if (utimensat(a.fd, a.name, ts, AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	hfs_at_put(&a);
	return attr_done(n, ret);
}

/*
 * ftruncate() of upper REL: opened O_PATH first, so that something other
 * than a regular file planted there (a fifo, a device) is never opened.
 */
static int truncate_upper(struct hostfs *fs, const char *rel, off_t length)
{
	char p[32];
	struct stat st;
	int wfd, fd, ret = hfs_obj(fs, 0, rel, &fd, p);

	if (ret)
		return ret;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -HFS_HOSTILE;
	}
	wfd = open(p, O_WRONLY | O_CLOEXEC);
	close(fd);
	if (wfd < 0)
		return -errno;
	ret = ftruncate(wfd, length) ? -errno : 0;
	close(wfd);
	return ret;
}

int hfs_truncate(struct vnode *vn, off_t length)
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);

	if (!ret)
		ret = truncate_upper(FS(vn), n->rel, length);
	return attr_done(n, ret);
}

ssize_t hfs_getxattr(struct vnode *vn, const char *name, void *value,
		     size_t size)
{
	char p[32];
	int fd, ret;
	ssize_t n;

	if (is_own_xattr(FS(vn), name))
		return -ENODATA;
	ret = hfs_obj(FS(vn), HN(vn)->top, HN(vn)->rel, &fd, p);
	if (ret)
		return ret;
	n = getxattr(p, name, value, size);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* Before an xattr change of VN: copy it up, an O_PATH fd of it in *FD. */
static int xattr_change(struct vnode *vn, int *fd, char *p)
{
	int ret = hfs_copy_up(HN(vn));

	return ret ? ret : hfs_obj(FS(vn), 0, HN(vn)->rel, fd, p);
}

int hfs_setxattr(struct vnode *vn, const char *name,
		 const void *value, size_t size, int flags)
{
	char p[32];
	int fd, ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = xattr_change(vn, &fd, p);
	if (ret)
		return attr_done(HN(vn), ret);
	if (setxattr(p, name, value, size, flags))
		ret = -errno;
	close(fd);
	return attr_done(HN(vn), ret);
}

static bool skip_own(const char *name, const void *fs)
{
	return is_own_xattr(fs, name);
}

/* listxattr() of P, without the library's own names in an overlay. */
static ssize_t list_view(const struct hostfs *fs, const char *p, char *list,
			 size_t size)
{
	ssize_t len, out = 0;
	char *all;

	if (!fs->oci) {
		len = listxattr(p, list, size);
		return len < 0 ? -errno : len;
	}
	len = listxattr(p, NULL, 0);
	if (len <= 0)
		return len < 0 ? -errno : 0;
	all = malloc(len);
	if (!all)
		return -ENOMEM;
	len = listxattr(p, all, len);
	out = len < 0 ? -errno : vfs_xattr_names(all, len, skip_own, fs, list,
						 size);
	free(all);
	return out;
}

ssize_t hfs_listxattr(struct vnode *vn, char *list, size_t size)
{
	char p[32];
	int fd;
	ssize_t ret = hfs_obj(FS(vn), HN(vn)->top, HN(vn)->rel, &fd, p);

	if (ret)
		return ret;
	ret = list_view(FS(vn), p, list, size);
	close(fd);
	return ret;
}

int hfs_removexattr(struct vnode *vn, const char *name)
{
	char p[32];
	int fd, ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = xattr_change(vn, &fd, p);
	if (ret)
		return attr_done(HN(vn), ret);
	if (removexattr(p, name))
		ret = -errno;
	close(fd);
	return attr_done(HN(vn), ret);
}

int hfs_statfs(struct vnode *vn, struct statfs *sfs)
{
	int fd, ret = hfs_obj(FS(vn), HN(vn)->top, HN(vn)->rel, &fd,
			      (char[32]){ 0 });

	if (ret)
		return ret;
	if (fstatfs(fd, sfs))
		ret = -errno;
	close(fd);
	return ret;
}
