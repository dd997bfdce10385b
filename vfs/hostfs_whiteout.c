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

/* Create the empty file REL in the upper, if missing. */
static int make_marker(struct hostfs *fs, const char *rel)
{
	int fd = openat(fs->fd[0], rel, O_CREAT | O_WRONLY | O_NOFOLLOW |
			O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
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
		unlinkat(fs->fd[0], p, 0);
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

int hfs_remove_upper_dir(struct hostfs *fs, struct hnode *n)
{
	char tmp[PATH_MAX];
	int ret;

	if (!unlinkat(fs->fd[0], n->rel, AT_REMOVEDIR))
		return 0;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return -errno;
	if (!fs->oci)
		return -ENOTEMPTY;
	ret = hfs_tmp_name(fs, n->parent->rel, tmp);
	if (ret)
		return ret;
	if (renameat2(fs->fd[0], n->rel, fs->fd[0], tmp, RENAME_NOREPLACE))
		return -errno;
	return hfs_purge(fs->fd[0], tmp);
}
