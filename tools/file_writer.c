/* SPDX-License-Identifier: MIT */
/*
 * file_writer STRING FILE: write STRING and a newline to FILE (created or
 * truncated).  The demo program of overlay mode, as in sandbox-vfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: file_writer STRING FILE\n");
		return 2;
	}
	fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "file_writer: cannot open '%s': %s\n", argv[2],
			strerror(errno));
		return 1;
	}
	len = strlen(argv[1]);
	if (write(fd, argv[1], len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    close(fd)) {
		fprintf(stderr, "file_writer: cannot write '%s': %s\n", argv[2],
			strerror(errno));
		return 1;
	}
	return 0;
}
