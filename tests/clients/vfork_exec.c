// SPDX-License-Identifier: MIT
/*
 * vfork_exec: vfork + execve while another thread of the parent runs.
 *
 *   vfork_exec         NROUNDS times: vfork; the child makes one traced
 *                      call (access) and re-executes /proc/self/exe
 *                      --child K; the parent waits and prints the status.
 *                      Meanwhile a second thread keeps stat()ing ".".
 *   vfork_exec --child K   prints "child K", exits K.
 *
 * The vfork parent is suspended until the child execs; a supervisor that
 * waits for the parent before resuming the child deadlocks.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NROUNDS 3

static volatile int stop;

static void die(const char *what)
{
	fprintf(stderr, "vfork_exec: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *spinner(void *arg)
{
	struct stat st;

	while (!stop)
		if (stat(".", &st))
			die("stat '.'");
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t spin;
	char arg[16];
	int k, status, err;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "--child")) {
		printf("child %s\n", argv[2]);
		return atoi(argv[2]);
	}
	err = pthread_create(&spin, NULL, spinner, NULL);
	if (err) {
		errno = err;
		die("pthread_create");
	}
	for (k = 0; k < NROUNDS; k++) {
		snprintf(arg, sizeof(arg), "%d", k);
		fflush(stdout);
		pid = vfork();
		if (pid < 0)
			die("vfork");
		if (pid == 0) {
			/* Only async-signal-safe calls until the exec. */
			access("/proc/self/exe", X_OK);
			execl("/proc/self/exe", argv[0], "--child", arg,
			      (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		printf("round %d: exited %d\n", k,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	stop = 1;
	pthread_join(spin, NULL);
	printf("done\n");
	return 0;
}
