/* SPDX-License-Identifier: MIT */
/*
 * A lower file's times set through an i386 call of its own:
 * i386_utimensat64 FILE sets FILE's times to 1 s after the epoch with
 * utimensat_time64 (i386 number 412, the one 32-bit glibc 2.34 on uses
 * for utimensat), made by int $0x80.  Before issue 12 the i386 table had
 * no such row: the call was not trapped and changed the host file.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "i386.h"

int main(int argc, char **argv)
{
	struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };
	char *low;

	if (argc != 2)
		setup_fail("usage: i386_utimensat64 FILE");
	low = low_copy(argv[1], NULL);
	memcpy(low + PATH_SLOT, ts, sizeof(ts));
	step("i386 utimensat_time64",
	     int80(412, AT_FDCWD, (long)low, (long)low + PATH_SLOT));
	return 0;
}
