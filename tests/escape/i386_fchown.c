/* SPDX-License-Identifier: MIT */
/*
 * fchown of a read-only fd of a lower file through the i386 ABI:
 * i386_fchown FILE opens FILE O_RDONLY (natively) and gives it its own
 * owner and group with the 16-bit fchown (i386 number 95, int $0x80),
 * which the kernel allows the owner and which changes the ctime (root:
 * any owner).  Before issue 12 the i386 table had no fchown row: the
 * call was not trapped and reached the host inode.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "i386.h"

int main(int argc, char **argv)
{
	struct stat st;
	int fd;

	if (argc != 2)
		setup_fail("usage: i386_fchown FILE");
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		setup_fail("%s: %s", argv[1], strerror(errno));
	sleep(1);	/* a ctime the judge can tell from the old one */
	step("i386 fchown", int80(95, fd, st.st_uid & 0xffff,
				  st.st_gid & 0xffff));
	return 0;
}
