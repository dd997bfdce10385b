/* SPDX-License-Identifier: MIT */
/*
 * The plainest write: write_lower FILE opens FILE for writing and
 * truncates it.  Natively the file changes; under -u the write lands in
 * a copy-up.  Holds since the first overlay release: it shows that the
 * judge sees a change natively.
 */
#include <fcntl.h>
#include <unistd.h>

#include "escape.h"

int main(int argc, char **argv)
{
	int fd;

	if (argc != 2)
		setup_fail("usage: write_lower FILE");
	fd = open(argv[1], O_WRONLY | O_TRUNC);
	step("open O_WRONLY|O_TRUNC", fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
