/* SPDX-License-Identifier: MIT */
/*
 * execveat of fds, a static client: exec_fd DIR runs itself again five
 * ways and prints one transcript line per step: execveat of an O_PATH fd
 * of its own program (AT_EMPTY_PATH), of a memfd holding a copy of it,
 * of a name relative to a directory fd, of an O_PATH fd of a copy made in
 * DIR (in the upper under vfstrace), and fexecve of a read-only fd; and
 * two errors: execveat of a directory fd (EACCES) and of a missing name
 * (ENOENT).  A child prints what it was started as and reads a file of
 * DIR, so a wrong view shows in the transcript.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *self;

static int child(const char *how, const char *dir)
{
	char path[4096], buf[64] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/data", dir);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	printf("child %s: data '%s'\n", how, buf);
	return 0;
}

static long do_execveat(int fd, const char *name, const char *how,
			const char *dir, int flags)
{
	char *argv[] = { (char *)self, "child", (char *)how, (char *)dir, NULL };

	return syscall(SYS_execveat, fd, name, argv, environ, flags);
}

/* Run one way in a forked child; print how it ended. */
static void way(const char *how, int fd, const char *name, int flags,
		const char *dir)
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		long r = do_execveat(fd, name, how, dir, flags);

		printf("%s: execveat %ld errno %s\n", how, r, strerror(errno));
		fflush(stdout);
		_exit(100);
	}
	waitpid(pid, &st, 0);
	printf("%s: exit %d\n", how, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* Copy the program into FD; 0 or -1. */
static int copy_self(int fd)
{
	char buf[65536];
	ssize_t n;
	int in = open(self, O_RDONLY);

	if (in < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, n) != n)
			return -1;
	close(in);
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	char path[4096];
	int fd, mfd, dfd, cfd;

	self = argv[0];
	if (argc == 4 && !strcmp(argv[1], "child"))
		return child(argv[2], argv[3]);
	if (argc != 2 || self[0] != '/') {
		fprintf(stderr, "usage: /abs/path/exec_fd DIR\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(self, O_PATH);
	way("opath", fd, "", AT_EMPTY_PATH, argv[1]);
	mfd = memfd_create("exec_fd", MFD_CLOEXEC);
	if (mfd < 0 || copy_self(mfd))
		printf("memfd: setup failed: %s\n", strerror(errno));
	way("memfd", mfd, "", AT_EMPTY_PATH, argv[1]);
	snprintf(path, sizeof(path), "%s", self);
	*strrchr(path, '/') = 0;
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	way("dirfd-relative", dfd, strrchr(self, '/') + 1, 0, argv[1]);
	snprintf(path, sizeof(path), "%s/copy", argv[1]);
	cfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (cfd < 0 || copy_self(cfd) || close(cfd))
		printf("copy: setup failed: %s\n", strerror(errno));
	cfd = open(path, O_PATH);
	way("opath-new-file", cfd, "", AT_EMPTY_PATH, argv[1]);
	close(cfd);
	cfd = open(self, O_RDONLY);
	way("fexecve-rdonly", cfd, "", AT_EMPTY_PATH, argv[1]);
	way("directory-fd", dfd, "", AT_EMPTY_PATH, argv[1]);
	way("missing-name", dfd, "no-such-program", 0, argv[1]);
	return 0;
}
