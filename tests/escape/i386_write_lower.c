/* SPDX-License-Identifier: MIT */
/*
 * A lower file written through the i386 ABI: i386_write_lower FILE opens
 * FILE with open(O_WRONLY|O_TRUNC) made by int $0x80 (i386 number 5,
 * fstat on x86_64) and writes to it.  Natively the file changes; under
 * -u the open is translated as a native one and the write lands in a
 * copy-up (before issue 12 it was refused with ENOSYS).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>

#include "escape.h"
#include "i386.h"

int main(int argc, char **argv)
{
	char *low;
	long fd;

	if (argc != 2)
		setup_fail("usage: i386_write_lower FILE");
	low = low_copy(argv[1], "pwned\n");
	fd = int80(5, (long)low, O_WRONLY | O_TRUNC, 0);
	step("i386 open O_WRONLY|O_TRUNC", fd);
	if (fd < 0)
		return 1;
	step("i386 write", int80(4, fd, (long)low + PATH_SLOT, 6));
	return 0;
}
