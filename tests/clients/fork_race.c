// SPDX-License-Identifier: MIT
/*
 * fork_race: children whose first system call changes their cwd.
 *
 *   fork_race [DIR [N]]   in DIR (default: the cwd), NPARENTS processes
 *                         at once each make N (default 50) children
 *                         without waiting: mkdir p<j>d<i>, fork; the
 *                         child's first call is chdir("p<j>d<i>"), then
 *                         after a short sleep mkdir("x").  Prints
 *                         "children: M", M how many exited with 0.
 *
 * A child's first ptrace stops can reach the tracer before the parent's
 * PTRACE_EVENT_FORK (PITFALLS.md #1): a supervisor that sets the child's
 * state (its cwd) up when the fork event arrives may overwrite what the
 * child did meanwhile, and log p<j>d<i>/x as x.  Several busy parents on
 * few CPUs make that order frequent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NPARENTS 4

static void die(const char *what)
{
	fprintf(stderr, "fork_race: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void child(const char *dir)
{
	const struct timespec pause = { .tv_nsec = 5 * 1000 * 1000 };

	if (chdir(dir))
		_exit(1);
	nanosleep(&pause, NULL);
	_exit(mkdir("x", 0755) ? 1 : 0);
}

/* Wait for every child; how many exited with 0. */
static int reap(void)
{
	int status, ok = 0;

	while (wait(&status) > 0)
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
	if (errno != ECHILD)
		die("wait");
	return ok;
}

/* Parent J: N children; exits with how many failed (at most 255). */
static void parent(int j, int n)
{
	char dir[32];
	int i, failed;
	pid_t pid;

	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "p%dd%d", j, i);
		if (mkdir(dir, 0755))
			die("mkdir");
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			child(dir);
	}
	failed = n - reap();
	_exit(failed > 255 ? 255 : failed);
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 50, j, status, failed = 0;
	pid_t pid;

	if (argc > 1 && chdir(argv[1]))
		die("chdir");
	for (j = 0; j < NPARENTS; j++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			parent(j, n);
	}
	while (wait(&status) > 0)
		failed += WIFEXITED(status) ? WEXITSTATUS(status) : n;
	printf("children: %d\n", NPARENTS * n - failed);
	return failed ? 1 : 0;
}
