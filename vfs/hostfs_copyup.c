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
#include "hostfs_at.h"

void hfs_set_owner(int fd, const char *rel, uid_t uid, gid_t gid)
{
	int fl = AT_SYMLINK_NOFOLLOW | (rel && !*rel ? AT_EMPTY_PATH : 0);
	int ret = rel ? fchownat(fd, rel, uid, gid, fl) : fchown(fd, uid, gid);

	if (ret && errno == EPERM && rel)
		ret = fchownat(fd, rel, -1, gid, fl);
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
 * The upper's temporaries and publishing: all in the parent directory's
 * fd PFD, walked to without following anything (hostfs_at.h).  A name
 * that exists where the library expects none (a temporary's, or N's
 * after hfs_copy_up() found it missing) was planted: -HFS_HOSTILE.
 */
static int hostile_exist(int err)
{
	return err == EEXIST || err == ELOOP ? -HFS_HOSTILE : -err;
}

/*
 * Make the temporary visible as NAME in PFD: link an O_TMPFILE FD in, or
 * rename a named temporary (TMP non-empty).
 */
static int publish(int pfd, int fd, const char *tmp, const char *name)
{
	char proc[32];

	if (*tmp)
		return renameat2(pfd, tmp, pfd, name, RENAME_NOREPLACE) ?
		       hostile_exist(errno) : 0;
	hfs_fd_path(fd, proc);
	if (linkat(AT_FDCWD, proc, pfd, name, AT_SYMLINK_FOLLOW))
		return hostile_exist(errno);
	return 0;
}

/* A new temporary file in PFD: unnamed, or named TMP (O_EXCL). */
static int tmp_file(struct hostfs *fs, int pfd, char *tmp)
{
	int out = openat(pfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	int ret;

	if (out >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
			 errno != EINVAL))
		return out < 0 ? -errno : out;
	ret = hfs_tmp_name(fs, "", tmp);
	if (ret)
		return ret;
	out = openat(pfd, tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW |
		     O_CLOEXEC, 0600);
	return out < 0 ? hostile_exist(errno) : out;
}

/* Regular file N: content into an unnamed file, then linked in. */
static int copy_reg(struct hostfs *fs, struct hnode *n, int pfd,
		    const char *src, const struct stat *st)
{
	char tmp[PATH_MAX] = "";
	int in, out, ret;

	in = openat(fs->fd[n->top], n->rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = tmp_file(fs, pfd, tmp);
	if (out < 0) {
		ret = out;
		goto out_in;
	}
	ret = copy_data(in, out);
	if (!ret)
		ret = copy_meta_fd(fs, src, out, st);
	if (!ret)
		ret = publish(pfd, out, tmp, last_of(n->rel));
	if (ret && *tmp)
		unlinkat(pfd, tmp, 0);
	close(out);
out_in:
	close(in);
	return ret;
}

/* Directory N: made under a temporary name, then renamed. */
static int copy_dir(struct hostfs *fs, struct hnode *n, int pfd,
		    const char *src, const struct stat *st)
{
	char tmp[PATH_MAX];
	int fd, ret = hfs_tmp_name(fs, "", tmp);

	if (ret)
		return ret;
	if (mkdirat(pfd, tmp, 0700))
		return hostile_exist(errno);
	fd = openat(pfd, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		ret = hostile_exist(errno == ENOTDIR ? ELOOP : errno);
	} else {
		ret = copy_meta_fd(fs, src, fd, st);
		close(fd);
	}
	if (!ret)
		ret = publish(pfd, -1, tmp, last_of(n->rel));
	if (ret)
		unlinkat(pfd, tmp, AT_REMOVEDIR);
	return ret;
}

/*
 * Mode and times of the new symlink or special file TMP in PFD, which
 * must still be of type MODE (not something planted over it).
 */
static int other_meta(int pfd, const char *tmp, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	int fd = openat(pfd, tmp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	struct stat now;
	char proc[32];
	int ret = 0;

	if (fd < 0)
		return -errno;
	hfs_fd_path(fd, proc);
	if (fstat(fd, &now) || (now.st_mode ^ st->st_mode) & S_IFMT)
		ret = -HFS_HOSTILE;
	else if (!S_ISLNK(st->st_mode) && chmod(proc, st->st_mode & 07777))
		ret = -errno;
	else if (utimensat(pfd, tmp, ts, AT_SYMLINK_NOFOLLOW))
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * Symlink or special file N: made under a temporary name, renamed.  A
 * char or block device under VFS_MOUNT_NODEV is not made: -EPERM.
 */
static int copy_other(struct hostfs *fs, struct hnode *n, int pfd,
		      const struct stat *st)
{
	char tmp[PATH_MAX], body[PATH_MAX];
	int ret = hfs_tmp_name(fs, "", tmp);
	ssize_t len;

	if (ret)
		return ret;
	if ((S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) &&
	    (fs->m->flags & VFS_MOUNT_NODEV))
		return -EPERM;
	if (S_ISLNK(st->st_mode)) {
		len = readlinkat(fs->fd[n->top], n->rel, body,
				 sizeof(body) - 1);
		if (len < 0)
			return -errno;
		body[len] = '\0';
		ret = symlinkat(body, pfd, tmp);
	} else {
		ret = mknodat(pfd, tmp, st->st_mode, st->st_rdev);
	}
	if (ret)
		return hostile_exist(errno);
	hfs_set_owner(pfd, tmp, st->st_uid, st->st_gid);
	ret = other_meta(pfd, tmp, st);
	if (!ret)
		ret = publish(pfd, -1, tmp, last_of(n->rel));
	if (ret)
		unlinkat(pfd, tmp, 0);
	return ret;
}

/* An O_PATH fd of upper directory REL (walked as in hostfs_at.h). */
static int upper_dir(const struct hostfs *fs, const char *rel)
{
	struct hat a;
	int fd, ret = hfs_at(fs, 0, rel, &a);

	if (ret)
		return ret;
	fd = openat(a.fd, a.name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0)
		fd = errno == ENOTDIR ? -HFS_HOSTILE : -errno;
	hfs_at_put(&a);
	return fd;
}

/*
 * Copy N (missing in the upper) into upper directory fd PFD.  A copy-up
 * is not a change of its parent directory: the parent's times are put
 * back afterwards, as the kernel's overlayfs does (ovl_set_timestamps on
 * the upper parent).
 */
static int copy_into(struct hostfs *fs, struct hnode *n, int pfd,
		     struct stat *st)
{
	char src[PATH_MAX], proc[32];
	struct stat pst;
	bool keep = !fstat(pfd, &pst);
	int ret;

	if (hfs_stat(fs, n->top, n->rel, st))
		return -errno;
	ret = hfs_host_path(fs, n->top, n->rel, src, sizeof(src));
	if (ret)
		return ret;
	if (S_ISREG(st->st_mode))
		ret = copy_reg(fs, n, pfd, src, st);
	else if (S_ISDIR(st->st_mode))
		ret = copy_dir(fs, n, pfd, src, st);
	else
		ret = copy_other(fs, n, pfd, st);
	if (!ret && keep) {
		struct timespec ts[2] = { pst.st_atim, pst.st_mtim };

		hfs_fd_path(pfd, proc);
		utimensat(AT_FDCWD, proc, ts, 0);
	}
	return ret;
}

int hfs_copy_up(struct hnode *n)
{
	struct hostfs *fs = FS(&n->vn);
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
	if (!hfs_stat(fs, 0, n->rel, &st)) {
		/* copied through another name, or planted by the tree */
		if ((st.st_mode ^ n->vn.st.st_mode) & S_IFMT)
			return -HFS_HOSTILE;
	} else if (errno != ENOENT) {
		return -errno;
	} else {
		int pfd = upper_dir(fs, n->parent->rel);

		if (pfd < 0)
			return pfd;
		ret = copy_into(fs, n, pfd, &st);
		close(pfd);
		if (ret)
			return ret;
		copied = true;
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
