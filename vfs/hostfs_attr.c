// SPDX-License-Identifier: MIT
/* Attribute and xattr ops: copied up, then changed in the upper. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_attr.h"
#include "hostfs_layer.h"
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

	if (!ret && fchmodat(FS(vn)->fd[0], at(n->rel), mode, 0))
		ret = -errno;
	return attr_done(n, ret);
}

int hfs_chown(struct vnode *vn, uid_t uid, gid_t gid)
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);

	if (!ret && fchownat(FS(vn)->fd[0], at(n->rel), uid, gid,
			     AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return attr_done(n, ret);
}

int hfs_utimens(struct vnode *vn, const struct timespec ts[2])
{
	struct hnode *n = HN(vn);
	int ret = hfs_copy_up(n);

	if (!ret && utimensat(FS(vn)->fd[0], at(n->rel), ts,
			      AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	return attr_done(n, ret);
}

int hfs_truncate(struct vnode *vn, off_t length)
{
	struct hnode *n = HN(vn);
	int fd, ret = hfs_copy_up(n);

	if (ret)
		return attr_done(n, ret);
	fd = openat(FS(vn)->fd[0], n->rel, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return attr_done(n, -errno);
	ret = ftruncate(fd, length) ? -errno : 0;
	close(fd);
	return attr_done(n, ret);
}

ssize_t hfs_getxattr(struct vnode *vn, const char *name, void *value,
		     size_t size)
{
	char p[PATH_MAX];
	int ret = hfs_host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));
	ssize_t n;

	if (ret)
		return ret;
	if (is_own_xattr(FS(vn), name))
		return -ENODATA;
	n = lgetxattr(p, name, value, size);
	return n < 0 ? -errno : n;
}

/* Before an xattr change of VN: copy it up, its upper path into P. */
static int xattr_change(struct vnode *vn, char *p)
{
	int ret = hfs_copy_up(HN(vn));

	return ret ? ret : hfs_host_path(FS(vn), 0, HN(vn)->rel, p, PATH_MAX);
}

int hfs_setxattr(struct vnode *vn, const char *name,
		 const void *value, size_t size, int flags)
{
	char p[PATH_MAX];
	int ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = xattr_change(vn, p);
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

ssize_t hfs_listxattr(struct vnode *vn, char *list, size_t size)
{
	char p[PATH_MAX];
	int ret = hfs_host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));

	return ret ? ret : list_view(FS(vn), p, list, size);
}

int hfs_removexattr(struct vnode *vn, const char *name)
{
	char p[PATH_MAX];
	int ret;

	if (is_own_xattr(FS(vn), name))
		return -EPERM;
	ret = xattr_change(vn, p);
	if (!ret && lremovexattr(p, name))
		ret = -errno;
	return attr_done(HN(vn), ret);
}

int hfs_statfs(struct vnode *vn, struct statfs *sfs)
{
	char p[PATH_MAX];
	int ret = hfs_host_path(FS(vn), HN(vn)->top, HN(vn)->rel, p, sizeof(p));

	if (!ret && statfs(p, sfs))
		ret = -errno;
	return ret;
}
