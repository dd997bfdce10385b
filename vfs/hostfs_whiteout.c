// SPDX-License-Identifier: MIT
/* Whiteouts, opaque markers, and removal of upper directories holding them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_whiteout.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"

/*
 * Create the empty file REL in the upper, if missing.  What is there
 * must be a regular file (a planted fifo or device is not opened).
 */
static int make_marker(struct hostfs *fs, const char *rel)
{
	struct hat a;
	struct stat st;
	int fd, ret = hfs_at(fs, 0, rel, &a);

	if (ret)
		return ret;
	fd = openat(a.fd, a.name, O_CREAT | O_WRONLY | O_NOFOLLOW |
		    O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
	hfs_at_put(&a);
	if (fd < 0)
		return errno == ELOOP ? -HFS_HOSTILE : -errno;
	if (fstat(fd, &st))
		ret = -errno;
	else if (!S_ISREG(st.st_mode))
		ret = -HFS_HOSTILE;
	close(fd);
	return ret;
}

/* unlinkat() of REL of the upper (FLAGS: AT_REMOVEDIR). */
int hfs_unlink_upper(struct hostfs *fs, const char *rel, int flags)
{
	struct hat a;
	int ret = hfs_at(fs, 0, rel, &a);

	if (ret)
		return ret;
	if (unlinkat(a.fd, a.name, flags))
		ret = -errno;
	hfs_at_put(&a);
	return ret;
}

int hfs_make_whiteout(struct hostfs *fs, const char *dirrel,
		      const char *name)
{
	char p[PATH_MAX];
	int ret = hfs_join(p, dirrel, WH_PREFIX, name);

	return ret ? ret : make_marker(fs, p);
}

int hfs_make_opaque(struct hostfs *fs, const char *rel)
{
	char p[PATH_MAX];
	int ret = hfs_join(p, rel, "", WH_OPAQUE);

	return ret ? ret : make_marker(fs, p);
}

void hfs_drop_whiteout(struct hostfs *fs, const char *dirrel,
		       const char *name)
{
	char p[PATH_MAX];

	if (fs->oci && !hfs_join(p, dirrel, WH_PREFIX, name))
		hfs_unlink_upper(fs, p, 0);
}

int hfs_purge(int fd, const char *name)
{
	struct dirent *de;
	DIR *d;
	int ret = hfs_opendir_at(fd, name, &d), dfd;

	if (ret)
		return ret;
	dfd = dirfd(d);
	while (!ret && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0)
			continue;
		if (errno == EISDIR)
			ret = hfs_purge(dfd, de->d_name);
		else
			ret = -errno;
	}
	closedir(d);
	if (!ret && unlinkat(fd, name, AT_REMOVEDIR))
		ret = -errno;
	return ret;
}

int hfs_rename_upper(struct hostfs *fs, const char *from, const char *to,
		     unsigned int flags)
{
	struct hat a, b;
	int ret = hfs_at(fs, 0, from, &a);

	if (ret)
		return ret;
	ret = hfs_at(fs, 0, to, &b);
	if (!ret) {
		if (renameat2(a.fd, a.name, b.fd, b.name, flags))
			ret = -errno;
		hfs_at_put(&b);
	}
	hfs_at_put(&a);
	return ret;
}

int hfs_purge_upper(struct hostfs *fs, const char *rel)
{
	struct hat a;
	int ret = hfs_at(fs, 0, rel, &a);

	if (ret)
		return ret;
	ret = hfs_purge(a.fd, a.name);
	hfs_at_put(&a);
	return ret;
}

int hfs_remove_upper_dir(struct hostfs *fs, struct hnode *n)
{
	char tmp[PATH_MAX];
	int ret = hfs_unlink_upper(fs, n->rel, AT_REMOVEDIR);

	if (ret != -ENOTEMPTY && ret != -EEXIST)
		return ret;
	if (!fs->oci)
		return -ENOTEMPTY;
	ret = hfs_tmp_name(fs, n->parent->rel, tmp);
	if (!ret)
		ret = hfs_rename_upper(fs, n->rel, tmp, RENAME_NOREPLACE);
	return ret ? ret : hfs_purge_upper(fs, tmp);
}
