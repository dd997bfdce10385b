// SPDX-License-Identifier: MIT
/*
 * thread_exec: execve from a thread that is not the thread-group leader.
 *
 *   thread_exec [N]   (default 3) if N > 0: start a thread that keeps
 *                     stat()ing "." (killed by the exec) and a thread that
 *                     re-executes /proc/self/exe with N-1, while the
 *                     leader waits in pthread_join; if N == 0: print how
 *                     many threads the process has (1) and exit 0.
 *
 * The kernel kills the other threads and gives the exec'ing thread the
 * leader's pid before the exec completes (execve(2), "All threads other
 * than the calling thread are destroyed"); a supervisor that expects the
 * old tid to survive hangs or loses the process.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *argv0;
static int round_nr;

static void die(const char *what)
{
	fprintf(stderr, "thread_exec: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *spinner(void *arg)
{
	struct stat st;

	for (;;)
		if (stat(".", &st))
			die("stat '.'");
	return NULL;
}

static void *execer(void *arg)
{
	const struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	char next[16];

	nanosleep(&pause, NULL);
	snprintf(next, sizeof(next), "%d", round_nr - 1);
	printf("round %d: exec from a non-leader thread\n", round_nr);
	fflush(stdout);
	execl("/proc/self/exe", argv0, next, (char *)NULL);
	die("execl '/proc/self/exe'");
	return NULL;
}

/* Entries of /proc/self/task but . and .. */
static int count_threads(void)
{
	struct dirent *de;
	int n = 0;
	DIR *dir = opendir("/proc/self/task");

	if (!dir)
		die("opendir '/proc/self/task'");
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}

int main(int argc, char **argv)
{
	pthread_t spin, exec_thread;
	int err;

	argv0 = argv[0];
	round_nr = argc > 1 ? atoi(argv[1]) : 3;
	if (round_nr <= 0) {
		printf("round 0: threads after exec: %d\n", count_threads());
		return 0;
	}
	err = pthread_create(&spin, NULL, spinner, NULL);
	if (!err)
		err = pthread_create(&exec_thread, NULL, execer, NULL);
	if (err) {
		errno = err;
		die("pthread_create");
	}
	pthread_join(exec_thread, NULL);
	fprintf(stderr, "thread_exec: the exec'ing thread returned\n");
	return 1;
}
