/* SPDX-License-Identifier: MIT */
/*
 * Write a file through a directory magic link of /proc/self: proc_root
 * VIA FILE.  VIA "root": /proc/self/root/FILE; "cwd": chdir to FILE's
 * directory, then /proc/self/cwd/NAME; "fd": a directory fd of FILE's
 * directory, then /proc/self/fd/N/NAME; "passed": the same with a
 * directory fd received over a socket from a child process.  The file
 * is opened O_WRONLY|O_TRUNC and written: natively it changes, under -u
 * the path must resolve in the view.
 */
#include <fcntl.h>
#include <libgen.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

/* A directory fd of DIR, opened by a child and sent over a socket. */
static int passed_fd(const char *dir)
{
	char cbuf[CMSG_SPACE(sizeof(int))], b = 0;
	struct iovec iov = { &b, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int sv[2], fd;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		setup_fail("socketpair: %s", strerror(errno));
	if (fork() == 0) {
		fd = open(dir, O_RDONLY | O_DIRECTORY);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
		_exit(sendmsg(sv[0], &m, 0) < 0);
	}
	if (recvmsg(sv[1], &m, 0) < 0 || !(cm = CMSG_FIRSTHDR(&m)))
		setup_fail("recvmsg: %s", strerror(errno));
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	wait(NULL);
	return fd;
}

int main(int argc, char **argv)
{
	char path[8192], d[4096], n[4096];
	int dfd, fd;

	if (argc != 3)
		setup_fail("usage: proc_root VIA FILE");
	snprintf(d, sizeof(d), "%s", argv[2]);
	snprintf(n, sizeof(n), "%s", argv[2]);
	if (!strcmp(argv[1], "root")) {
		snprintf(path, sizeof(path), "/proc/self/root%s", argv[2]);
	} else if (!strcmp(argv[1], "cwd")) {
		step("chdir", chdir(dirname(d)));
		snprintf(path, sizeof(path), "/proc/self/cwd/%s", basename(n));
	} else if (!strcmp(argv[1], "fd") || !strcmp(argv[1], "passed")) {
		dfd = argv[1][0] == 'f' ? open(dirname(d), O_RDONLY) :
		      passed_fd(dirname(d));
		step("dirfd", dfd);
		snprintf(path, sizeof(path), "/proc/self/fd/%d/%s", dfd,
			 basename(n));
	} else {
		setup_fail("unknown VIA %s", argv[1]);
	}
	fd = open(path, O_WRONLY | O_TRUNC);
	step(path, fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
