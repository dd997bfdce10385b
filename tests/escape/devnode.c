/* SPDX-License-Identifier: MIT */
/*
 * A device node made by the tree: devnode PATH makes PATH a character
 * device (1:1, /dev/mem) with mknod, then PATH.at with mknodat.  Run as
 * root: natively both appear in the canary; under --sandbox both calls
 * fail (EPERM) and no device node appears in the upper (vfstrace, root,
 * would otherwise make it there for the tree) nor on the host.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "escape.h"

int main(int argc, char **argv)
{
	char at[4096];

	if (argc != 2)
		setup_fail("usage: devnode PATH");
	step("mknod", mknod(argv[1], S_IFCHR | 0666, makedev(1, 1)));
	snprintf(at, sizeof(at), "%s.at", argv[1]);
	step("mknodat", mknodat(AT_FDCWD, at, S_IFBLK | 0666,
				makedev(7, 0)));
	return 0;
}
