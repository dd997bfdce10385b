// SPDX-License-Identifier: MIT
/*
 * spawn: posix_spawn while another thread runs.  glibc 2.34+ implements
 * posix_spawn with clone3(CLONE_VM | CLONE_VFORK) on a separate stack
 * (PITFALLS.md #13); built dynamically so the system glibc is the one
 * used.
 *
 *   spawn              NROUNDS times: posix_spawn /proc/self/exe --child K
 *                      and waitpid, while a second thread keeps stat()ing
 *                      "."; then posix_spawnp of a missing program.
 *   spawn --child K    prints "child K", exits K.
 */
#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NROUNDS 3

extern char **environ;
static volatile int stop;

static void die(const char *what, int err)
{
	fprintf(stderr, "spawn: %s: %s\n", what, strerror(err));
	exit(1);
}

static void *spinner(void *arg)
{
	struct stat st;

	while (!stop)
		if (stat(".", &st))
			die("stat '.'", errno);
	return NULL;
}

int main(int argc, char **argv)
{
	char arg[16], *child_argv[] = { argv[0], "--child", arg, NULL };
	char *missing_argv[] = { "vfstrace-no-such-program", NULL };
	pthread_t spin;
	int k, status, err;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "--child")) {
		printf("child %s\n", argv[2]);
		return atoi(argv[2]);
	}
	err = pthread_create(&spin, NULL, spinner, NULL);
	if (err)
		die("pthread_create", err);
	for (k = 0; k < NROUNDS; k++) {
		snprintf(arg, sizeof(arg), "%d", k);
		fflush(stdout);
		err = posix_spawn(&pid, "/proc/self/exe", NULL, NULL,
				  child_argv, environ);
		if (err)
			die("posix_spawn '/proc/self/exe'", err);
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid", errno);
		printf("round %d: exited %d\n", k,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	err = posix_spawnp(&pid, missing_argv[0], NULL, NULL, missing_argv,
			   environ);
	printf("missing program: %s\n", err == ENOENT ? "ENOENT" : strerror(err));
	stop = 1;
	pthread_join(spin, NULL);
	printf("done\n");
	return 0;
}
