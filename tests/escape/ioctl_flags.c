/* SPDX-License-Identifier: MIT */
/*
 * Change the inode flags of a file or directory through an fd open for
 * reading only: ioctl_flags HOW FILE.  HOW: "nodump" (FS_IOC_SETFLAGS
 * adding FS_NODUMP_FL), "noatime" (adding FS_NOATIME_FL), "fsx-noatime"
 * (FS_IOC_FSSETXATTR adding FS_XFLAG_NOATIME), or "setversion"
 * (FS_IOC_SETVERSION: a new inode generation, and ctime, on ext4).  The
 * owner may do it on such an fd: natively the host's inode changes;
 * under -u it must not (the copy in the upper takes the flags).
 */
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "escape.h"

int main(int argc, char **argv)
{
	struct fsxattr fsx;
	int fd, flags = 0;

	if (argc != 3)
		setup_fail("usage: ioctl_flags HOW FILE");
	fd = open(argv[2], O_RDONLY | O_NONBLOCK);
	step("open", fd);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "setversion")) {
		flags = 12345;
		flags = ioctl(fd, FS_IOC_SETVERSION, &flags);
		step("SETVERSION", flags);
		return flags < 0;
	}
	if (!strcmp(argv[1], "fsx-noatime")) {
		step("FSGETXATTR", ioctl(fd, FS_IOC_FSGETXATTR, &fsx));
		fsx.fsx_xflags |= FS_XFLAG_NOATIME;
		step("FSSETXATTR", ioctl(fd, FS_IOC_FSSETXATTR, &fsx));
		return 0;
	}
	step("GETFLAGS", ioctl(fd, FS_IOC_GETFLAGS, &flags));
	if (!strcmp(argv[1], "nodump"))
		flags |= FS_NODUMP_FL;
	else if (!strcmp(argv[1], "noatime"))
		flags |= FS_NOATIME_FL;
	else
		setup_fail("unknown HOW %s", argv[1]);
	step("SETFLAGS", ioctl(fd, FS_IOC_SETFLAGS, &flags));
	return 0;
}
