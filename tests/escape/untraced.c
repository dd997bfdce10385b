/* SPDX-License-Identifier: MIT */
/*
 * A child vfstrace does not follow, traced by its own parent:
 * untraced clone|clone3 FILE.  The child is made with CLONE_UNTRACED
 * (by clone or clone3), so vfstrace's TRACECLONE does not attach it; the
 * parent seizes it with PTRACE_O_TRACESECCOMP and resumes each of its
 * stops.  The child then opens FILE for writing and truncates it: the
 * TRACE of vfstrace's filter stops it in its parent, which lets the call
 * run unseen.  Natively the file changes; under -u the clone (EPERM),
 * the clone3 (ENOSYS) and the ptrace (EPERM) are refused.
 */
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

/* The child: waits until its parent traces it, then writes FILE. */
static void child(int gate, const char *file)
{
	char c;
	int fd;

	if (read(gate, &c, 1) != 1)
		_exit(3);
	fd = open(file, O_WRONLY | O_TRUNC);
	if (fd < 0 || write(fd, "pwned\n", 6) != 6)
		_exit(1);
	_exit(0);
}

/* A fork-like child with CLONE_UNTRACED through the raw call VIA. */
static long untraced_fork(const char *via)
{
	struct clone_args ca = {
		.flags = CLONE_UNTRACED,
		.exit_signal = SIGCHLD,
	};

	if (!strcmp(via, "clone3"))
		return syscall(SYS_clone3, &ca, sizeof(ca));
	return syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
}

/* Resume every stop of PID until it exits; returns its exit status. */
static int tend(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, __WALL) == pid) {
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		if (WSTOPSIG(st) == SIGTRAP)
			ptrace(PTRACE_CONT, pid, 0, 0);
		else
			ptrace(PTRACE_CONT, pid, 0, WSTOPSIG(st));
	}
	return -1;
}

int main(int argc, char **argv)
{
	int gate[2];
	long pid;

	if (argc != 3)
		setup_fail("usage: untraced clone|clone3 FILE");
	if (pipe(gate))
		setup_fail("pipe: %s", strerror(errno));
	pid = untraced_fork(argv[1]);
	if (pid == 0)
		child(gate[0], argv[2]);
	step(argv[1], pid);
	if (pid < 0)
		return 1;
	step("PTRACE_SEIZE", ptrace(PTRACE_SEIZE, pid, 0,
				    PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL));
	if (write(gate[1], "g", 1) != 1)
		setup_fail("write: %s", strerror(errno));
	step("child's exit status", tend(pid));
	return 0;
}
