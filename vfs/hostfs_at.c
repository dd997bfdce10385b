// SPDX-License-Identifier: MIT
/* Host access to a layer without following what the tree may plant. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_at.h"

#ifndef SYS_openat2
#define SYS_openat2 437		/* the same number on every architecture */
#endif

/* openat2() ran once: 0 not known, 1 yes, -1 no (ENOSYS: before 5.6). */
static int have_openat2;

/* What the walk met, as the caller sees it. */
static int walk_err(int err)
{
	if (err == ELOOP || err == EXDEV || err == EAGAIN)
		return -HFS_HOSTILE;
	return -err;
}

/*
 * Without openat2: one component at a time, O_NOFOLLOW each, never "..".
 * DIR is modified (split in place).
 */
static int walk_steps(int root, char *dir)
{
	int fd = root, next;
	char *s = dir, *e;

	for (; s; s = e) {
		e = strchr(s, '/');
		if (e)
			*e++ = '\0';
		if (!strcmp(s, "..") || !strcmp(s, ".") || !*s) {
			next = -1;
			errno = EXDEV;
		} else {
			next = openat(fd, s, O_PATH | O_DIRECTORY | O_NOFOLLOW |
				      O_CLOEXEC);
		}
		if (fd != root)
			close(fd);
		if (next < 0)
			return walk_err(errno);
		fd = next;
	}
	return fd;
}

/* An O_PATH fd of directory DIR (modified) beneath ROOT, or -errno. */
static int walk_dir(int root, char *dir)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	int fd = -1;

	for (int i = 0; i < 3 && have_openat2 >= 0; i++) {
		/* EAGAIN: a rename raced the walk; try again */
		fd = syscall(SYS_openat2, root, dir, &how, sizeof(how));
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	if (fd >= 0) {
		have_openat2 = 1;
		return fd;
	}
	if (errno == ENOSYS && have_openat2 <= 0) {
		have_openat2 = -1;
		return walk_steps(root, dir);
	}
	if (have_openat2 < 0)
		return walk_steps(root, dir);
	return walk_err(errno);
}

int hfs_at(const struct hostfs *fs, int l, const char *rel, struct hat *a)
{
	const char *slash = strrchr(rel, '/');
	char dir[PATH_MAX];
	int fd;

	a->fd = fs->fd[l];
	a->own = false;
	a->name = at(rel);
	if (l != 0 || !slash)
		return 0;	/* a lower (see above), or the root's name */
	if ((size_t)(slash - rel) >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, rel, slash - rel);
	dir[slash - rel] = '\0';
	fd = walk_dir(fs->fd[0], dir);
	if (fd < 0)
		return fd;
	a->fd = fd;
	a->own = true;
	a->name = slash + 1;
	return 0;
}

void hfs_at_put(struct hat *a)
{
	if (a->own)
		close(a->fd);
	a->own = false;
}

void hfs_fd_path(int fd, char *proc)
{
	snprintf(proc, 32, "/proc/self/fd/%d", fd);
}

int hfs_obj(const struct hostfs *fs, int l, const char *rel, int *fd,
	    char *proc)
{
	struct hat a;
	int ret = hfs_at(fs, l, rel, &a);

	if (ret)
		return ret;
	*fd = openat(a.fd, a.name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	ret = *fd < 0 ? -errno : 0;
	hfs_at_put(&a);
	if (!ret)
		hfs_fd_path(*fd, proc);
	return ret;
}

int hfs_chmod_at(const struct hostfs *fs, int l, const char *rel,
		 mode_t mode)
{
	char proc[32];
	struct stat st;
	int fd, ret = hfs_obj(fs, l, rel, &fd, proc);

	if (ret)
		return ret;
	if (fstat(fd, &st))
		ret = -errno;
	else if (S_ISLNK(st.st_mode))
		ret = -EOPNOTSUPP;	/* symlinks have no mode to change */
	else if (chmod(proc, mode))
		ret = -errno;
	close(fd);
	return ret;
}
