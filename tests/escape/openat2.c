/* SPDX-License-Identifier: MIT */
/*
 * Routes to the host through openat2(2): openat2 VIA [FILE].  "lower":
 * openat2(FILE, O_WRONLY | O_TRUNC, RESOLVE_NO_MAGICLINKS) and a write;
 * "reopen": FILE opened O_RDONLY, then its /proc/self/fd/N reopened by
 * openat2 (no RESOLVE flag) for writing; "mem": the outsider's state
 * string ($OUTSIDER_PID, $OUTSIDER_ADDR) written through
 * /proc/PID/mem opened by openat2 with RESOLVE_NO_SYMLINKS; "procdir":
 * the same through openat2(dirfd of /proc/PID, "mem", RESOLVE_BENEATH).
 * Natively the canary changes; under -u it must not.
 */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "escape.h"

static int o2(int dfd, const char *path, uint64_t flags, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .resolve = resolve };
	int fd = (int)syscall(SYS_openat2, dfd, path, &how, sizeof(how));

	step(path, fd);
	if (fd < 0)
		exit(1);
	return fd;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	if (!v)
		setup_fail("%s is not set", name);
	return v;
}

/* Write the outsider's state string through FD, its /proc/PID/mem. */
static int write_mem(int fd)
{
	step("pwrite", pwrite(fd, "pwned", 6,
			      (off_t)strtoull(env("OUTSIDER_ADDR"), NULL, 16)));
	return 0;
}

int main(int argc, char **argv)
{
	char path[4096];
	int fd;

	if (argc < 2)
		setup_fail("usage: openat2 VIA [FILE]");
	if (!strcmp(argv[1], "mem")) {
		snprintf(path, sizeof(path), "/proc/%s/mem",
			 env("OUTSIDER_PID"));
		return write_mem(o2(AT_FDCWD, path, O_RDWR,
				    RESOLVE_NO_SYMLINKS));
	}
	if (!strcmp(argv[1], "procdir")) {
		snprintf(path, sizeof(path), "/proc/%s",
			 env("OUTSIDER_PID"));
		fd = open(path, O_PATH | O_DIRECTORY);
		step(path, fd);
		return write_mem(o2(fd, "mem", O_RDWR, RESOLVE_BENEATH));
	}
	if (argc != 3)
		setup_fail("usage: openat2 lower|reopen FILE");
	if (!strcmp(argv[1], "lower")) {
		fd = o2(AT_FDCWD, argv[2], O_WRONLY | O_TRUNC,
			RESOLVE_NO_MAGICLINKS);
	} else if (!strcmp(argv[1], "reopen")) {
		fd = open(argv[2], O_RDONLY);
		step("open", fd);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		fd = o2(AT_FDCWD, path, O_WRONLY | O_TRUNC, 0);
	} else {
		setup_fail("unknown VIA %s", argv[1]);
	}
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
