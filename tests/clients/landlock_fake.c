/* SPDX-License-Identifier: MIT */
/*
 * landlock_fake MODE -- CMD...: run CMD under a seccomp filter that lies
 * about Landlock, to test how vfstrace --sandbox degrades:
 *   enosys, eopnotsupp  every landlock_create_ruleset fails with that
 *                       errno (no Landlock in the kernel / off at boot);
 *   abi=N               the version query (attr NULL, size 0, flags
 *                       VERSION) answers N, through a seccomp
 *                       user-notification listener in this process;
 *                       every other landlock call runs as it is.
 * Exit status: CMD's (128+N when killed by signal N), 2 on a set-up error.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NR_CREATE_RULESET 444

static void die(const char *what)
{
	fprintf(stderr, "landlock_fake: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* The filter: landlock_create_ruleset gets ACTION, the rest is allowed. */
static int install(unsigned int action, unsigned int flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_CREATE_RULESET, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("no_new_privs");
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
}

/* Hand FD over SOCK (SCM_RIGHTS). */
static void send_fd(int sock, int fd)
{
	char c = 0, cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sock, &m, 0) != 1)
		die("sendmsg");
}

static int recv_fd(int sock)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	int fd;

	if (recvmsg(sock, &m, 0) != 1 || !CMSG_FIRSTHDR(&m))
		die("recvmsg");
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	return fd;
}

/* Answer the notifications on LISTENER until it hangs up. */
static void serve(int listener, int abi)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct pollfd p = { listener, POLLIN, 0 };

	for (;;) {
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			die("poll");
		if (p.revents & (POLLHUP | POLLERR))
			return;
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			return;
		}
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		if (!req.data.args[0] && !req.data.args[1] &&
		    req.data.args[2] == 1)
			resp.val = abi;	/* the version query */
		else
			resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static int status_of(int ws)
{
	return WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : WEXITSTATUS(ws);
}

/* abi=N: CMD in a child under the notifying filter, served here. */
static int fake_abi(int abi, char **cmd)
{
	int sv[2], ws, listener;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(sv[0]);
		listener = install(SECCOMP_RET_USER_NOTIF,
				   SECCOMP_FILTER_FLAG_NEW_LISTENER);
		if (listener < 0)
			die("seccomp");
		send_fd(sv[1], listener);
		close(listener);
		close(sv[1]);
		execvp(cmd[0], cmd);
		die(cmd[0]);
	}
	close(sv[1]);
	listener = recv_fd(sv[0]);
	close(sv[0]);
	serve(listener, abi);
	if (waitpid(pid, &ws, 0) < 0)
		die("waitpid");
	return status_of(ws);
}

int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[2], "--"))
		goto usage;
	if (!strncmp(argv[1], "abi=", 4))
		return fake_abi(atoi(argv[1] + 4), argv + 3);
	if (!strcmp(argv[1], "enosys") || !strcmp(argv[1], "eopnotsupp")) {
		int e = argv[1][1] == 'n' ? ENOSYS : EOPNOTSUPP;

		if (install(SECCOMP_RET_ERRNO | e, 0))
			die("seccomp");
		execvp(argv[3], argv + 3);
		die(argv[3]);
	}
usage:
	fprintf(stderr, "usage: landlock_fake enosys|eopnotsupp|abi=N -- "
		"CMD...\n");
	return 2;
}
