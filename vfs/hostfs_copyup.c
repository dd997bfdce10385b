// SPDX-License-Identifier: MIT
/* Copy-up: a lower object copied into the upper atomically, parents first. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_copyup.h"
#include "hostfs_layer.h"
#include "hostfs_cache.h"
#include "hostfs_origin.h"

void hfs_set_owner(int fd, const char *rel, uid_t uid, gid_t gid)
{
	int ret = rel ? fchownat(fd, rel, uid, gid, AT_SYMLINK_NOFOLLOW) :
			fchown(fd, uid, gid);

	if (ret && errno == EPERM && rel)
		ret = fchownat(fd, rel, -1, gid, AT_SYMLINK_NOFOLLOW);
	else if (ret && errno == EPERM)
		ret = fchown(fd, -1, gid);
	(void)ret;	/* not permitted: the owner stays the process's */
}

/*
 * Copy the extended attributes of host path SRC to DST.  Failures on
 * "user." names are errors; other namespaces are copied where permitted.
 * The library's own (XA_PREFIX) are not copied: a lower may be an old
 * upper.
 */
static int copy_xattrs(const char *src, int dst)
{
	ssize_t len = llistxattr(src, NULL, 0);
	char *list, *val = NULL;
	int ret = 0;

	if (len <= 0)
		return (len < 0 && errno != ENOTSUP) ? -errno : 0;
	list = malloc(len);
	if (!list)
		return -ENOMEM;
	len = llistxattr(src, list, len);
	for (ssize_t i = 0; i < len && !ret; i += strlen(list + i) + 1) {
		const char *name = list + i;
		bool must = !strncmp(name, "user.", 5);
		ssize_t vlen;
		char *nv;

		if (!strncmp(name, XA_PREFIX, strlen(XA_PREFIX)))
			continue;
		vlen = lgetxattr(src, name, NULL, 0);
		if (vlen < 0) {
			ret = must ? -errno : 0;
			continue;
		}
		nv = realloc(val, vlen ? vlen : 1);
		if (!nv) {
			ret = -ENOMEM;
			break;
		}
		val = nv;
		vlen = lgetxattr(src, name, val, vlen);
		if (vlen < 0 || fsetxattr(dst, name, val, vlen, 0))
			ret = must ? -errno : 0;
	}
	if (len < 0)
		ret = -errno;
	free(val);
	free(list);
	return ret;
}

/*
 * Owner, xattrs, origin, mode and times of ST onto open fd DST (in that
 * order: user xattrs need write permission).
 */
static int copy_meta_fd(struct hostfs *fs, const char *src, int dst,
			const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	int ret;

	hfs_set_owner(dst, NULL, st->st_uid, st->st_gid);
	ret = copy_xattrs(src, dst);
	if (ret)
		return ret;
	hfs_put_origin(fs, dst, st);
	if (fchmod(dst, st->st_mode & 07777) || futimens(dst, ts))
		return -errno;
	return 0;
}

static int copy_data(int in, int out)
{
	char buf[65536];

	for (;;) {
		ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);

		if (n == 0)
			return 0;
		if (n > 0 || errno == EINTR)
			continue;	/* EINTR: the supervisor's flush timer */
		if (errno != EXDEV && errno != ENOSYS && errno != EINVAL &&
		    errno != EOPNOTSUPP)
			return -errno;
		break;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : 0;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, n - off);

			if (w < 0 && errno != EINTR)
				return -errno;
			if (w > 0)
				off += w;
		}
	}
}

/*
 * Make the upper's temporary file visible as REL: link an O_TMPFILE in,
 * or rename a named temporary (TMP non-empty).
 */
static int publish(struct hostfs *fs, int fd, const char *tmp,
		   const char *rel)
{
	char proc[64];

	if (*tmp)
		return renameat2(fs->fd[0], tmp, fs->fd[0], rel,
				 RENAME_NOREPLACE) ? -errno : 0;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, fs->fd[0], rel, AT_SYMLINK_FOLLOW))
		return -errno;
	return 0;
}

/* Regular file N: content into an unnamed file, then linked in. */
static int copy_reg(struct hostfs *fs, struct hnode *n, const char *src,
		    const struct stat *st)
{
	const char *dirrel = n->parent->rel;
	char tmp[PATH_MAX] = "";
	int in, out, ret;

	in = openat(fs->fd[n->top], n->rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = openat(fs->fd[0], at(dirrel), O_TMPFILE | O_WRONLY | O_CLOEXEC,
		     0600);
	if (out < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
			errno == EINVAL)) {
		ret = hfs_tmp_name(fs, dirrel, tmp);
		if (ret)
			goto out_in;
		out = openat(fs->fd[0], tmp,
			     O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	}
	if (out < 0) {
		ret = -errno;
		goto out_in;
	}
	ret = copy_data(in, out);
	if (!ret)
		ret = copy_meta_fd(fs, src, out, st);
	if (!ret)
		ret = publish(fs, out, tmp, n->rel);
	if (ret && *tmp)
		unlinkat(fs->fd[0], tmp, 0);
	close(out);
out_in:
	close(in);
	return ret;
}

/* Directory N: made under a temporary name, then renamed. */
static int copy_dir(struct hostfs *fs, struct hnode *n, const char *src,
		    const struct stat *st)
{
	char tmp[PATH_MAX];
	int fd, ret = hfs_tmp_name(fs, n->parent->rel, tmp);

	if (ret)
		return ret;
	if (mkdirat(fs->fd[0], tmp, 0700))
		return -errno;
	fd = openat(fs->fd[0], tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
	} else {
		ret = copy_meta_fd(fs, src, fd, st);
		close(fd);
	}
	if (!ret)
		ret = publish(fs, -1, tmp, n->rel);
	if (ret)
		unlinkat(fs->fd[0], tmp, AT_REMOVEDIR);
	return ret;
}

/* Symlink or special file N: made under a temporary name, renamed. */
static int copy_other(struct hostfs *fs, struct hnode *n,
		      const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	char tmp[PATH_MAX], body[PATH_MAX];
	int ret = hfs_tmp_name(fs, n->parent->rel, tmp);
	ssize_t len;

	if (ret)
		return ret;
	if (S_ISLNK(st->st_mode)) {
		len = readlinkat(fs->fd[n->top], n->rel, body,
				 sizeof(body) - 1);
		if (len < 0)
			return -errno;
		body[len] = '\0';
		ret = symlinkat(body, fs->fd[0], tmp);
	} else {
		ret = mknodat(fs->fd[0], tmp, st->st_mode, st->st_rdev);
	}
	if (ret)
		return -errno;
	hfs_set_owner(fs->fd[0], tmp, st->st_uid, st->st_gid);
	if ((!S_ISLNK(st->st_mode) &&
	     fchmodat(fs->fd[0], tmp, st->st_mode & 07777, 0)) ||
	    utimensat(fs->fd[0], tmp, ts, AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	if (!ret)
		ret = publish(fs, -1, tmp, n->rel);
	if (ret)
		unlinkat(fs->fd[0], tmp, 0);
	return ret;
}

int hfs_copy_up(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);
	char src[PATH_MAX];
	struct stat st;
	bool copied = false;
	int ret;

	if (n->top == 0)
		return 0;
	if (is_wh_name(fs, last_of(n->rel)))
		return -EINVAL;	/* a lowest-layer ".wh." name */
	ret = hfs_copy_up(n->parent);
	if (ret)
		return ret;
	hfs_changed(fs);
	if (!hfs_exists_at(fs, fs->fd[0], n->rel)) {
		struct stat pst;
		/*
		 * A copy-up is not a change of its parent directory: put back
		 * the parent's times afterwards, as the kernel's overlayfs
		 * does (ovl_set_timestamps on the upper parent).
		 */
		bool keep = !fstatat(fs->fd[0], at(n->parent->rel), &pst, 0);

		if (hfs_stat(fs, fs->fd[n->top], n->rel, &st))
			return -errno;
		ret = hfs_host_path(fs, n->top, n->rel, src, sizeof(src));
		if (ret)
			return ret;
		if (S_ISREG(st.st_mode))
			ret = copy_reg(fs, n, src, &st);
		else if (S_ISDIR(st.st_mode))
			ret = copy_dir(fs, n, src, &st);
		else
			ret = copy_other(fs, n, &st);
		if (ret)
			return ret;
		copied = true;
		if (keep) {
			struct timespec ts[2] = { pst.st_atim, pst.st_mtim };

			utimensat(fs->fd[0], at(n->parent->rel), ts, 0);
		}
	}
	n->top = 0;
	n->origins = 0;
	if (S_ISDIR(n->vn.st.st_mode)) {
		n->mask |= LAYER(0);
		V(fs)->stats.dir_changes++;
	}
	ret = hfs_refresh(n);
	if (!ret && copied) {
		vfs_inomap_set(&V(fs)->origins, n->vn.st.st_dev,
			       n->vn.st.st_ino, st.st_dev, st.st_ino);
		if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
			hfs_mark_dir_origins(fs, n->parent);
	}
	hfs_sync_node(fs, n);
	return ret;
}
