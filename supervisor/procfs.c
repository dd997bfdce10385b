/* SPDX-License-Identifier: MIT */
/*
 * Reading /proc (see procfs.h): the only file of the supervisor that
 * names /proc/PID paths to read them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

/* "/proc/PID/NAME" into BUF; -ENAMETOOLONG when it does not fit. */
static int proc_name(char *buf, size_t size, pid_t pid, const char *name)
{
	int n = snprintf(buf, size, "/proc/%d/%s", (int)pid, name);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int procfs_readlink(pid_t pid, const char *name, char *buf, size_t size)
{
	char link[96];
	ssize_t n;
	int err = proc_name(link, sizeof(link), pid, name);

	if (err)
		return err;
	if (size == 0)
		return -ENAMETOOLONG;
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return -errno;
	if ((size_t)n == size - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return (int)n;
}

int procfs_fd_path(pid_t pid, int fd, char *buf, size_t size)
{
	char name[32];

	snprintf(name, sizeof(name), "fd/%d", fd);
	return procfs_readlink(pid, name, buf, size);
}

int procfs_cwd(pid_t pid, char *buf, size_t size)
{
	return procfs_readlink(pid, "cwd", buf, size);
}

int procfs_exe(pid_t pid, char *buf, size_t size)
{
	return procfs_readlink(pid, "exe", buf, size);
}

int procfs_fd_stat(pid_t pid, int fd, struct stat *st)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	return stat(path, st) ? -errno : 0;
}

int procfs_open(pid_t pid, const char *name)
{
	char path[128];
	int fd, err = proc_name(path, sizeof(path), pid, name);

	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* read(2) until SIZE bytes, EOF or an error other than EINTR. */
static ssize_t read_full(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t got;

	while (len < size) {
		got = read(fd, buf + len, size - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return len ? (ssize_t)len : -errno;
		if (got == 0)
			break;
		len += got;
	}
	return len;
}

ssize_t procfs_read(pid_t pid, const char *name, char *buf, size_t size)
{
	int fd = procfs_open(pid, name);
	ssize_t n;

	if (fd < 0)
		return fd;
	if (size == 0) {
		close(fd);
		return -EINVAL;
	}
	n = read_full(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return n;
	buf[n] = '\0';
	return n;
}

char *procfs_slurp(pid_t pid, const char *name, size_t max, size_t *len,
		   bool *cut)
{
	size_t size = 0, have = 0, want;
	char *buf = NULL, *bigger;
	ssize_t got;
	int fd = procfs_open(pid, name), err = 0;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	if (cut)
		*cut = false;
	for (;;) {
		if (size - have < 4096) {
			size = size ? size * 2 : 16384;
			if (max && size > max)
				size = max;
			if (!(bigger = realloc(buf, size + 1))) {
				err = ENOMEM;
				break;
			}
			buf = bigger;
		}
		want = size - have;
		if (want == 0) {
			char probe;

			if (cut)
				*cut = read(fd, &probe, 1) > 0;
			break;
		}
		got = read(fd, buf + have, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			err = errno;
		if (got <= 0)
			break;
		have += got;
	}
	close(fd);
	if (err && !have) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[have] = '\0';
	if (len)
		*len = have;
	return buf;
}

int procfs_status(pid_t pid, char *buf, size_t size)
{
	ssize_t n = procfs_read(pid, "status", buf, size);

	if (n < 0)
		return (int)n;
	return n == 0 ? -ESRCH : 0;
}

long procfs_status_field(pid_t pid, const char *field)
{
	char buf[1536], key[40], *line;
	int err = procfs_status(pid, buf, sizeof(buf));

	if (err)
		return err;
	snprintf(key, sizeof(key), "\n%s:", field);
	if (!strncmp(buf, key + 1, strlen(key + 1)))
		line = buf - 1;
	else if (!(line = strstr(buf, key)))
		return -ESRCH;
	return strtol(line + strlen(key), NULL, 10);
}

/* /proc/PID/fdinfo/FD into BUF (SIZE bytes): 0, or -EBADF. */
static int read_fdinfo(pid_t pid, int fd, char *buf, size_t size)
{
	char name[32];

	snprintf(name, sizeof(name), "fdinfo/%d", fd);
	return procfs_read(pid, name, buf, size) > 0 ? 0 : -EBADF;
}

int procfs_fdinfo(pid_t pid, int fd, unsigned long long *pos,
		  unsigned long *ino, unsigned long *mnt)
{
	char buf[1024], *l;

	if (read_fdinfo(pid, fd, buf, sizeof(buf)))
		return -EBADF;
	*pos = *ino = *mnt = 0;
	if ((l = strstr(buf, "pos:")))
		*pos = strtoull(l + 4, NULL, 10);
	if ((l = strstr(buf, "ino:")))
		*ino = strtoul(l + 4, NULL, 10);
	if ((l = strstr(buf, "mnt_id:")))
		*mnt = strtoul(l + 7, NULL, 10);
	return 0;
}

int procfs_fd_flags(pid_t pid, int fd)
{
	char buf[1024], *l;

	if (read_fdinfo(pid, fd, buf, sizeof(buf)))
		return -EBADF;
	l = strstr(buf, "flags:");
	return l ? (int)strtoul(l + 6, NULL, 8) : -EIO;
}

int procfs_each_self_fd(int (*fn)(int fd, void *arg), void *arg)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int ret = 0;

	if (!d)
		return -errno;
	while (!ret && (e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd == dirfd(d))
			continue;
		ret = fn(fd, arg);
	}
	closedir(d);
	return ret;
}
