/* SPDX-License-Identifier: MIT */
/*
 * i386 calls from the 64-bit attack programs of the escape suite: int
 * $0x80 with the arguments in ebx, ecx, edx, esi, edi; pointers must lie below
 * 4 GiB (low_copy()).
 */
#ifndef ESCAPE_I386_H
#define ESCAPE_I386_H

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "escape.h"

#define PATH_SLOT 4096

/*
 * i386 call NR with four arguments (the others are 0); -1 and errno on
 * failure; exits 2 when the kernel has no i386 emulation.
 */
static inline long int80_4(long nr, long a, long b, long c, long d)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(0L)
			 : "memory", "r8", "r9", "r10", "r11");
	ret = (int)ret;
	if (ret == -38)
		setup_fail("no i386 emulation (ENOSYS)");
	if (ret < 0)
		errno = -ret;
	return ret < 0 ? -1 : ret;
}

static inline long int80(long nr, long a, long b, long c)
{
	return int80_4(nr, a, b, c, 0);
}

/*
 * 8 KiB below 4 GiB: PATH at its start, DATA (if any) at PATH_SLOT.
 * Never freed.
 */
static inline char *low_copy(const char *path, const char *data)
{
	char *m = mmap(NULL, 2 * PATH_SLOT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (m == MAP_FAILED || strlen(path) >= PATH_SLOT)
		setup_fail("no memory below 4 GiB for '%s'", path);
	strcpy(m, path);
	if (data)
		strcpy(m + PATH_SLOT, data);
	return m;
}

#endif
