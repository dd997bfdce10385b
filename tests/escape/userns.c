/* SPDX-License-Identifier: MIT */
/*
 * A namespace of the tree's own: userns ROUTE FILE makes a new user and
 * mount namespace ("unshare": unshare(CLONE_NEWUSER|CLONE_NEWNS);
 * "clone": a child of clone(CLONE_NEWUSER|CLONE_NEWNS)) and, once in
 * it, where vfstrace would no longer know what the tree's mounts are,
 * writes FILE, and stays half a second in the namespace for the host to see
 * it (tests/escape/userns_*.sh: the judge compares the namespace of each
 * process named "userns" with its own).  Natively (user namespaces
 * allowed, as root or not) FILE changes and the host sees the namespace;
 * under --sandbox the namespace is refused (EPERM).
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

static int write_file(const char *file)
{
	int fd = open(file, O_WRONLY | O_TRUNC);

	step("open", fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	usleep(500000);
	return 0;
}

int main(int argc, char **argv)
{
	long pid;
	int st;

	if (argc != 3)
		setup_fail("usage: userns unshare|clone FILE");
	if (!strcmp(argv[1], "unshare")) {
		long r = unshare(CLONE_NEWUSER | CLONE_NEWNS);

		step("unshare", r);
		return r ? 1 : write_file(argv[2]);
	}
	pid = syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD,
		      0, 0, 0, 0);
	if (pid == 0)
		_exit(write_file(argv[2]));
	step("clone", pid);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
