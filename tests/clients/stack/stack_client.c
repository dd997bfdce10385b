/* SPDX-License-Identifier: MIT */
/*
 * The stack-trace client: main -> level_one -> level_two -> level_three,
 * which opens PATH with openat(2), COUNT times (default 1).  Built with
 * frame pointers, no inlining, cloning or sibling calls, so that each
 * level is a frame of its own, statically and dynamically
 * (tests/clients/stack/stack.mk).  The unwinder's tests stop it at the
 * openat and expect the four names in that order.
 *
 *   stack_client [-n COUNT] [-b] PATH
 *
 * -b: level_three makes the call through broken_openat, whose unwind
 * information puts the caller's frame at an unmapped address, so that
 * unwinding past it fails (x86_64 only; elsewhere -b is refused).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FRAME __attribute__((noipa))

#if defined(__x86_64__)
long broken_openat(int dirfd, const char *path, int flags);

/*
 * openat with CFI that defines the CFA as r12 + 16 while r12 holds 16:
 * the return address is "saved" at 0x18, which is never mapped.
 */
__asm__(".text\n"
	".globl broken_openat\n"
	".type broken_openat, @function\n"
	"broken_openat:\n"
	"	.cfi_startproc\n"
	"	push %r12\n"
	"	.cfi_def_cfa_offset 16\n"
	"	.cfi_offset r12, -16\n"
	"	mov $16, %r12\n"
	"	.cfi_def_cfa r12, 16\n"
	"	xor %r10d, %r10d\n"
	"	mov $257, %eax\n"	/* __NR_openat */
	"	syscall\n"
	"	nop\n"	/* the stop's address: still under the bad rule */
	"	.cfi_def_cfa rsp, 16\n"
	"	pop %r12\n"
	"	.cfi_restore r12\n"
	"	.cfi_def_cfa_offset 8\n"
	"	ret\n"
	"	.cfi_endproc\n"
	".size broken_openat, .-broken_openat\n");
#endif

static int broken;

FRAME int level_three(const char *path)
{
	int fd;

#if defined(__x86_64__)
	if (broken)
		fd = broken_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	else
#endif
		fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

FRAME int level_two(const char *path, long count)
{
	int opened = 0;
	long i;

	for (i = 0; i < count; i++)
		opened += level_three(path);
	return opened;
}

FRAME int level_one(const char *path, long count)
{
	return level_two(path, count) + 0;
}

int main(int argc, char **argv)
{
	long count = 1;
	int opt, opened;

	while ((opt = getopt(argc, argv, "n:b")) != -1) {
		switch (opt) {
		case 'n':
			count = strtol(optarg, NULL, 10);
			break;
		case 'b':
			broken = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
#if !defined(__x86_64__)
	if (broken) {
		fprintf(stderr, "stack_client: -b is x86_64 only\n");
		return 77;
	}
#endif
	opened = level_one(argv[optind], count);
	printf("%d\n", opened);
	return 0;
usage:
	fprintf(stderr, "usage: stack_client [-n COUNT] [-b] PATH\n");
	return 2;
}
