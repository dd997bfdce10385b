/* SPDX-License-Identifier: MIT */
/*
 * Another process reached without a path: reach VIA.
 *  - "ptrace": PTRACE_SEIZE the outsider (OUTSIDER_PID), stop it and
 *    rewrite its state string (OUTSIDER_ADDR) with PTRACE_POKEDATA;
 *  - "vmwrite": rewrite the state string with process_vm_writev;
 *  - "pidfd": take fd HOLDER_FD of process HOLDER_PID (a process outside
 *    the tree holding a lower file open for writing) with pidfd_getfd
 *    and write through it.
 * Natively the outsider writes its changed state into the canary, or the
 * held file changes; under -u ptrace and pidfd_getfd are refused (EPERM)
 * and so is process_vm_writev to a process outside the tree.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

static long num(const char *name, int base)
{
	const char *v = getenv(name);

	if (!v)
		setup_fail("%s is not set", name);
	return strtol(v, NULL, base);
}

static const char pwned[8] = "pwned";

static int by_ptrace(pid_t pid, uintptr_t addr)
{
	long word;
	int st;

	step("PTRACE_SEIZE", ptrace(PTRACE_SEIZE, pid, 0, 0));
	step("PTRACE_INTERRUPT", ptrace(PTRACE_INTERRUPT, pid, 0, 0));
	if (waitpid(pid, &st, __WALL) != pid)
		return 1;
	memcpy(&word, pwned, sizeof(word));
	step("PTRACE_POKEDATA", ptrace(PTRACE_POKEDATA, pid, addr, word));
	step("PTRACE_DETACH", ptrace(PTRACE_DETACH, pid, 0, 0));
	return 0;
}

static int by_vm(pid_t pid, uintptr_t addr)
{
	struct iovec local = { (void *)pwned, sizeof(pwned) };
	struct iovec remote = { (void *)addr, sizeof(pwned) };

	step("process_vm_writev",
	     syscall(SYS_process_vm_writev, pid, &local, 1, &remote, 1, 0));
	return 0;
}

static int by_pidfd(pid_t pid, int fd)
{
	long pfd = syscall(SYS_pidfd_open, pid, 0), got;

	step("pidfd_open", pfd);
	if (pfd < 0)
		return 1;
	got = syscall(SYS_pidfd_getfd, pfd, fd, 0);
	step("pidfd_getfd", got);
	if (got < 0)
		return 1;
	step("write", write(got, "pwned\n", 6));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		setup_fail("usage: reach ptrace|vmwrite|pidfd");
	if (!strcmp(argv[1], "ptrace"))
		return by_ptrace(num("OUTSIDER_PID", 10),
				 num("OUTSIDER_ADDR", 16));
	if (!strcmp(argv[1], "vmwrite"))
		return by_vm(num("OUTSIDER_PID", 10), num("OUTSIDER_ADDR", 16));
	if (!strcmp(argv[1], "pidfd"))
		return by_pidfd(num("HOLDER_PID", 10), num("HOLDER_FD", 10));
	setup_fail("unknown way %s", argv[1]);
	return 2;
}
