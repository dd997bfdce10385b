/* SPDX-License-Identifier: MIT */
/*
 * Peak RSS of one process (a supervisor), not of the tree it runs.
 *
 *   rsswrap OUTFILE COMMAND [ARG...]
 *
 * Runs COMMAND as a child and writes the child's own VmHWM (peak resident
 * set, in KiB) to OUTFILE when it ends.  Exit status: the child's, or
 * 128+N if it was killed by signal N.
 *
 * VmHWM cannot be read at the end: the kernel drops a process's memory
 * map before it becomes a zombie, so /proc/PID/status of an exited child
 * (even one held with waitid(WNOWAIT)) has no Vm* lines.  Since VmHWM
 * only grows, it is polled every POLL_MS while the child runs; growth in
 * the last POLL_MS of its life is missed.
 * getrusage(RUSAGE_CHILDREN) would not do: its ru_maxrss is the largest
 * of the child and of every descendant reaped under it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define POLL_MS 5

/* VmHWM of PID in KiB, or -1 once it is gone. */
static long read_hwm(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	}
	fclose(f);
	return kib;
}

int main(int argc, char **argv)
{
	long hwm = -1, kib;
	struct pollfd pfd;
	int status;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: rsswrap OUTFILE COMMAND [ARG...]\n");
		return 125;
	}
	pid = fork();
	if (pid < 0) {
		perror("rsswrap: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rsswrap: '%s': %s\n", argv[2],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	pfd.fd = pidfd_open(pid, 0);
	pfd.events = POLLIN;
	if (pfd.fd < 0) {
		perror("rsswrap: pidfd_open");
		kill(pid, SIGKILL);
	}
	/* Until the pidfd says the child has exited. */
	while (pfd.fd >= 0) {
		int ready = poll(&pfd, 1, POLL_MS);

		if (ready > 0 || (ready < 0 && errno != EINTR))
			break;
		kib = read_hwm(pid);
		if (kib > hwm)
			hwm = kib;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	out = fopen(argv[1], "we");
	if (out) {
		fprintf(out, "%ld\n", hwm);
		fclose(out);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
