/* SPDX-License-Identifier: MIT */
/*
 * Syscall loops of the benchmarks, built static.
 *
 *   loop stat PATH N      N x stat(PATH)
 *   loop open PATH N      N x open(PATH, O_RDONLY) + close
 *   loop getppid N        N x getppid() (a call the filter never traps)
 *
 * Prints "NS ns/call": the loop alone, timed with CLOCK_MONOTONIC inside
 * the client, so start-up and the supervisor's set-up do not count.
 * Exits 1 if a call fails (a supervisor that breaks the call is caught).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int loop_stat(const char *path, long n)
{
	struct stat st;

	for (long i = 0; i < n; i++) {
		if (stat(path, &st)) {
			perror(path);
			return -1;
		}
	}
	return 0;
}

static int loop_open(const char *path, long n)
{
	for (long i = 0; i < n; i++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd < 0) {
			perror(path);
			return -1;
		}
		close(fd);
	}
	return 0;
}

static int loop_getppid(long n)
{
	pid_t first = getppid();

	/* glibc does not cache getppid: each one enters the kernel. */
	for (long i = 0; i < n; i++) {
		if (getppid() != first)
			return -1;
	}
	return 0;
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: loop stat|open PATH N | loop getppid N\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double t0, t1;
	long n;
	int err;

	if (argc == 3 && !strcmp(argv[1], "getppid")) {
		n = atol(argv[2]);
		t0 = now_ns();
		err = loop_getppid(n);
	} else if (argc == 4 && !strcmp(argv[1], "stat")) {
		n = atol(argv[3]);
		t0 = now_ns();
		err = loop_stat(argv[2], n);
	} else if (argc == 4 && !strcmp(argv[1], "open")) {
		n = atol(argv[3]);
		t0 = now_ns();
		err = loop_open(argv[2], n);
	} else {
		usage();
	}
	t1 = now_ns();
	if (err || n <= 0)
		return 1;
	printf("%.1f ns/call\n", (t1 - t0) / n);
	return 0;
}
