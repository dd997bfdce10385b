// SPDX-License-Identifier: MIT
/*
 * The fd keeper (keeper.h).  Protocol on a SOCK_SEQPACKET pair, one
 * message each: vfstrace sends {KEEP} with one fd in SCM_RIGHTS and the
 * keeper answers with the number the fd got there; vfstrace sends
 * {DROP, n} and the keeper closes n.  At start the keeper sends its pid.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keeper.h"

enum { KEEP = 1, DROP = 2 };

struct kmsg {
	int op;
	int fd;
};

static int sock = -1;		/* vfstrace's end */
static pid_t kpid;

/* recv() of exactly SIZE bytes, again after a signal (the flush timer). */
static int recv_all(int s, void *buf, size_t size)
{
	ssize_t n;

	do
		n = recv(s, buf, size, 0);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)size ? 0 : -EIO;
}

/* The keeper's loop: S is its end of the socket, fd 3. */
static void __attribute__((noreturn)) serve(int s)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct kmsg m;
	struct iovec iov = { &m, sizeof(m) };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	ssize_t n;
	int fd;

	for (;;) {
		h.msg_control = cbuf;
		h.msg_controllen = sizeof(cbuf);
		n = recvmsg(s, &h, MSG_CMSG_CLOEXEC);

		if (n == 0 || (n < 0 && errno != EINTR))
			_exit(0);	/* vfstrace is gone */
		if (n != sizeof(m))
			continue;
		if (m.op == DROP) {
			if (m.fd > s)
				close(m.fd);
			continue;
		}
		c = CMSG_FIRSTHDR(&h);
		fd = -EBADF;
		if (c && c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
		m.fd = fd;
		if (send(s, &m, sizeof(m), MSG_NOSIGNAL) < 0)
			_exit(0);
	}
}

/* In the grandchild: become the keeper on socket end S. */
static void __attribute__((noreturn)) become_keeper(int s)
{
	pid_t self;
	int null;

	setsid();
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_NAME, "vfstrace-keeper");
	/* vfstrace is not dumpable; the tree opens this one's fds */
	prctl(PR_SET_DUMPABLE, 1);
	null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(s, 3) < 0)
		_exit(1);
	/* nothing of vfstrace's: not its stdio, not its other fds */
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	close_range(4, ~0U, 0);
	self = getpid();
	if (send(3, &self, sizeof(self), MSG_NOSIGNAL) < 0)
		_exit(1);
	serve(3);
}

static int start(void)
{
	int sv[2], st;
	pid_t mid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	mid = fork();
	if (mid < 0) {
		st = -errno;
		close(sv[0]);
		close(sv[1]);
		return st;
	}
	if (mid == 0) {
		close(sv[0]);
		if (fork() == 0)
			become_keeper(sv[1]);
		_exit(0);
	}
	close(sv[1]);
	while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
		;
	if (recv_all(sv[0], &kpid, sizeof(kpid))) {
		close(sv[0]);
		kpid = 0;
		return -ECHILD;
	}
	sock = sv[0];
	return 0;
}

int keeper_keep(int fd, char *path, size_t size)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct kmsg m = { KEEP, -1 };
	struct iovec iov = { &m, sizeof(m) };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&h);
	int err;

	if (sock < 0 && (err = start()) < 0)
		return err;
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	while (sendmsg(sock, &h, MSG_NOSIGNAL) < 0)
		if (errno != EINTR)
			return -errno;
	if (recv_all(sock, &m, sizeof(m)))
		return -EIO;
	if (m.fd < 0)
		return m.fd;
	snprintf(path, size, "/proc/%d/fd/%d", (int)kpid, m.fd);
	return m.fd;
}

void keeper_drop(int kfd)
{
	struct kmsg m = { DROP, kfd };

	if (sock >= 0 && kfd >= 0)
		send(sock, &m, sizeof(m), MSG_NOSIGNAL);
}

pid_t keeper_pid(void)
{
	return kpid;
}

static int export_keep(void *arg, int fd, char *path, size_t size)
{
	(void)arg;
	return keeper_keep(fd, path, size);
}

static void export_drop(void *arg, int kfd)
{
	(void)arg;
	keeper_drop(kfd);
}

const struct vfs_fd_export keeper_fd_export = {
	.keep = export_keep, .drop = export_drop,
};
