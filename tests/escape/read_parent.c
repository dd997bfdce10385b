/* SPDX-License-Identifier: MIT */
/*
 * Read a file through the root of the parent process: read_parent FILE
 * prints /proc/PPID/rootFILE.  Under vfstrace the parent of the command
 * is vfstrace, whose root is the host's, where a --tmpfs hides nothing.
 */
#include <fcntl.h>
#include <unistd.h>

#include "escape.h"

int main(int argc, char **argv)
{
	char path[8192], buf[4096];
	ssize_t n;
	int fd;

	if (argc != 2)
		setup_fail("usage: read_parent FILE");
	snprintf(path, sizeof(path), "/proc/%d/root%s", (int)getppid(),
		 argv[1]);
	fd = open(path, O_RDONLY);
	step(path, fd);
	if (fd < 0)
		return 1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	return 0;
}
