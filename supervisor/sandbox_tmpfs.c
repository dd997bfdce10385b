// SPDX-License-Identifier: MIT
/* --sandbox: the content files of --tmpfs (sandbox_tmpfs.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox_tmpfs.h"

static int upfd = -1;		/* the upper */
static int dirfd_ = -1;		/* the private directory in it */
static char name[64];		/* its name in the upper */
static char dpath[PATH_MAX];	/* its host path */
static int next_handle;

int sandbox_tmpfs_init(const char *upper)
{
	snprintf(name, sizeof(name), ".wh..vfstrace-tmpfs-%d", (int)getpid());
	if (snprintf(dpath, sizeof(dpath), "%s/%s", upper, name) >=
	    (int)sizeof(dpath))
		return -ENAMETOOLONG;
	upfd = open(upper, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (upfd < 0)
		return -errno;
	if (mkdirat(upfd, name, 0700) && errno != EEXIST)
		return -errno;
	dirfd_ = openat(upfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);
	return dirfd_ < 0 ? -errno : 0;
}

static int tmpfs_make(void *arg, int *fd, char *path, size_t size)
{
	char n[16];
	int h = next_handle++;

	(void)arg;
	snprintf(n, sizeof(n), "%d", h);
	if (snprintf(path, size, "%s/%s", dpath, n) >= (int)size)
		return -ENAMETOOLONG;
	*fd = openat(dirfd_, n, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		     O_CLOEXEC, 0600);
	return *fd < 0 ? -errno : h;
}

static void tmpfs_drop(void *arg, int h)
{
	char n[16];

	(void)arg;
	snprintf(n, sizeof(n), "%d", h);
	unlinkat(dirfd_, n, 0);
}

const struct vfs_fd_export sandbox_tmpfs_export = {
	.drop = tmpfs_drop, .make = tmpfs_make,
};

void sandbox_tmpfs_release(void)
{
	struct dirent *e;
	int fd = dirfd_ >= 0 ? dup(dirfd_) : -1;
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd_, e->d_name, 0);
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	if (dirfd_ >= 0) {
		close(dirfd_);
		unlinkat(upfd, name, AT_REMOVEDIR);
	}
	if (upfd >= 0)
		close(upfd);
	dirfd_ = upfd = -1;
}
