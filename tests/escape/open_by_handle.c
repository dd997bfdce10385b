/* SPDX-License-Identifier: MIT */
/*
 * A file opened by handle, no path: open_by_handle DIR NAME.  The handle
 * of DIR/NAME (name_to_handle_at, through the view: the lower file's)
 * is opened with open_by_handle_at(O_WRONLY|O_TRUNC) and written.
 * Needs CAP_DAC_READ_SEARCH.  Natively the file changes; under -u
 * open_by_handle_at is refused (EPERM).
 */
#include <fcntl.h>
#include <unistd.h>

#include "escape.h"

int main(int argc, char **argv)
{
	struct {
		struct file_handle fh;
		unsigned char room[MAX_HANDLE_SZ];
	} h;
	int mnt, dir, fd;

	if (argc != 3)
		setup_fail("usage: open_by_handle DIR NAME");
	dir = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		setup_fail("%s: %s", argv[1], strerror(errno));
	h.fh.handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(dir, argv[2], &h.fh, &mnt, 0))
		setup_fail("name_to_handle_at: %s", strerror(errno));
	fd = open_by_handle_at(dir, &h.fh, O_WRONLY | O_TRUNC);
	step("open_by_handle_at O_WRONLY|O_TRUNC", fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
