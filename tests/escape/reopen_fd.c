/* SPDX-License-Identifier: MIT */
/*
 * Reopen a read-only fd through its magic link and write through the
 * new fd: reopen_fd LINK HOW ACTION FILE.  FILE is opened O_RDONLY (HOW
 * "rdonly") or O_PATH ("path"); LINK names the new open: "self"
 * (/proc/self/fd/N), "thread" (/proc/thread-self/fd/N), "devfd"
 * (/dev/fd/N) or "pid" (/proc/PPID/fd/N, from a child process).  ACTION
 * changes the file through the reopened fd: "write" (O_WRONLY|O_TRUNC
 * and a write), "ftruncate", "fallocate" or "mmap" (MAP_SHARED,
 * PROT_WRITE).  Natively the file changes; under -u it must not.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

static void act(const char *link, const char *action)
{
	int fd, flags = O_RDWR;
	char *map;

	if (!strcmp(action, "write"))
		flags = O_WRONLY | O_TRUNC;
	fd = open(link, flags);
	step(link, fd);
	if (fd < 0)
		exit(1);
	if (!strcmp(action, "write")) {
		step("write", write(fd, "pwned\n", 6));
	} else if (!strcmp(action, "ftruncate")) {
		step("ftruncate", ftruncate(fd, 1));
	} else if (!strcmp(action, "fallocate")) {
		step("fallocate", fallocate(fd, 0, 0, 65536));
	} else if (!strcmp(action, "mmap")) {
		map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			   fd, 0);
		step("mmap", map == MAP_FAILED ? -1 : 0);
		if (map != MAP_FAILED) {
			memcpy(map, "PWNED", 5);
			step("msync", msync(map, 4096, MS_SYNC));
		}
	} else {
		setup_fail("unknown action %s", action);
	}
}

int main(int argc, char **argv)
{
	char link[64];
	pid_t pid;
	int fd, st;

	if (argc != 5)
		setup_fail("usage: reopen_fd LINK HOW ACTION FILE");
	fd = open(argv[4], strcmp(argv[2], "path") ? O_RDONLY : O_PATH);
	step("open", fd);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "self"))
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	else if (!strcmp(argv[1], "thread"))
		snprintf(link, sizeof(link), "/proc/thread-self/fd/%d", fd);
	else if (!strcmp(argv[1], "devfd"))
		snprintf(link, sizeof(link), "/dev/fd/%d", fd);
	else if (!strcmp(argv[1], "pid"))
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", getpid(), fd);
	else
		setup_fail("unknown link %s", argv[1]);
	if (strcmp(argv[1], "pid")) {
		act(link, argv[3]);
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		close(fd);	/* the child reaches its parent's fd */
		act(link, argv[3]);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
