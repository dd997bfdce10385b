// SPDX-License-Identifier: MIT
/*
 * uring: reads a file with io_uring when it can, with read(2) otherwise,
 * and prints the same either way.  Under vfstrace io_uring_setup fails
 * with ENOSYS (io_uring operations never pass through seccomp), so the
 * fallback runs; the result of io_uring_queue_init goes to stderr.
 *
 *   uring [DIR]   writes DIR/data (default: the cwd), reads it back,
 *                 prints "read: <content>".
 */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char content[] = "hello from the uring client\n";

/* Read up to LEN bytes of FD at offset 0 with io_uring; -errno on error. */
static int uring_read(struct io_uring *ring, int fd, char *buf, unsigned len)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe *cqe;
	int ret;

	if (!sqe)
		return -EBUSY;
	io_uring_prep_read(sqe, fd, buf, len, 0);
	ret = io_uring_submit(ring);
	if (ret < 0)
		return ret;
	ret = io_uring_wait_cqe(ring, &cqe);
	if (ret < 0)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

int main(int argc, char **argv)
{
	char buf[128];
	struct io_uring ring;
	int fd, ret;

	if (argc > 1 && chdir(argv[1])) {
		perror("uring: chdir");
		return 1;
	}
	fd = open("data", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, content, strlen(content)) < 0 || close(fd)) {
		perror("uring: write 'data'");
		return 1;
	}
	fd = open("data", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("uring: open 'data'");
		return 1;
	}
	ret = io_uring_queue_init(4, &ring, 0);
	fprintf(stderr, "uring: io_uring_queue_init: %d\n", ret);
	if (ret == 0) {
		ret = uring_read(&ring, fd, buf, sizeof(buf) - 1);
		io_uring_queue_exit(&ring);
		fprintf(stderr, "uring: read with io_uring: %d\n", ret);
	} else {
		ret = read(fd, buf, sizeof(buf) - 1);
		if (ret < 0)
			ret = -errno;
		fprintf(stderr, "uring: read with read(2): %d\n", ret);
	}
	if (ret < 0) {
		fprintf(stderr, "uring: read 'data': %s\n", strerror(-ret));
		return 1;
	}
	buf[ret] = '\0';
	printf("read: %s", buf);
	return 0;
}
