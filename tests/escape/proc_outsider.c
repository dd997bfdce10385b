/* SPDX-License-Identifier: MIT */
/*
 * Reach a process outside the tree through /proc: proc_outsider VIA.
 * The outsider (outsider.c: $OUTSIDER_PID, $OUTSIDER_ADDR, $OUTSIDER_FD)
 * has its cwd in the canary, a directory fd of CANARY/dir and a state
 * string.  VIA "cwd": open /proc/PID/cwd/victim for writing; "fd":
 * /proc/PID/fd/FD/inner; "root": /proc/PID/root/$CANARY/victim; "mem":
 * write the state string through /proc/PID/mem; "slashes" and "dotdot":
 * /proc//PID/cwd/victim and /proc/self/../PID/cwd/victim; "link": the
 * state string through a symlink $WORK/plink -> /proc/PID, as plink/mem;
 * "dotslash": the same through /./proc/PID/mem.  Natively the canary changes (the outsider
 * writes a changed state into it at its end); under -u it must not.
 */
#include <fcntl.h>
#include <unistd.h>

#include "escape.h"

static const char *env(const char *name)
{
	const char *v = getenv(name);

	if (!v)
		setup_fail("%s is not set", name);
	return v;
}

/* Write the outsider's state string through PATH, its /proc/PID/mem. */
static int write_mem(const char *path)
{
	int fd = open(path, O_RDWR);

	step(path, fd);
	if (fd < 0)
		return 1;
	step("pwrite", pwrite(fd, "pwned", 6,
			      (off_t)strtoull(env("OUTSIDER_ADDR"), NULL, 16)));
	return 0;
}

int main(int argc, char **argv)
{
	const char *pid = env("OUTSIDER_PID"), *via;
	char path[8192], link[4096];
	int fd;

	if (argc != 2)
		setup_fail("usage: proc_outsider VIA");
	via = argv[1];
	if (!strcmp(via, "mem") || !strcmp(via, "dotslash")) {
		snprintf(path, sizeof(path), "%s/proc/%s/mem",
			 via[0] == 'd' ? "/." : "", pid);
		return write_mem(path);
	}
	if (!strcmp(via, "link")) {
		snprintf(link, sizeof(link), "%s/plink", env("WORK"));
		snprintf(path, sizeof(path), "/proc/%s", pid);
		unlink(link);
		step("symlink", symlink(path, link));
		snprintf(path, sizeof(path), "%s/mem", link);
		return write_mem(path);
	}
	if (!strcmp(via, "cwd"))
		snprintf(path, sizeof(path), "/proc/%s/cwd/victim", pid);
	else if (!strcmp(via, "fd"))
		snprintf(path, sizeof(path), "/proc/%s/fd/%s/inner", pid,
			 env("OUTSIDER_FD"));
	else if (!strcmp(via, "root"))
		snprintf(path, sizeof(path), "/proc/%s/root%s/victim", pid,
			 env("CANARY"));
	else if (!strcmp(via, "slashes"))
		snprintf(path, sizeof(path), "/proc//%s/cwd/victim", pid);
	else if (!strcmp(via, "dotdot"))
		snprintf(path, sizeof(path), "/proc/self/../%s/cwd/victim",
			 pid);
	else {
		setup_fail("unknown VIA %s", via);
	}
	fd = open(path, O_WRONLY | O_TRUNC);
	step(path, fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
