/* SPDX-License-Identifier: MIT */
/*
 * A seccomp filter of the tracee's own with a listener:
 * seccomp_listener FILE.  The filter returns SECCOMP_RET_USER_NOTIF for
 * openat, which outranks the TRACE of vfstrace's filter; a forked child
 * holding the listener answers each notification with
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE, so the kernel runs the openat of
 * FILE for writing as the tracee gave it, unseen by vfstrace.  Natively
 * the file changes; under -u the filter's NEW_LISTENER flag is refused
 * (EINVAL).
 */
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

/* openat: USER_NOTIF; anything else: ALLOW (x86_64 only). */
static int install(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		setup_fail("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

/* The listener: every notification runs as it was made. */
static void listen_loop(int fd)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req))
			_exit(1);
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

int main(int argc, char **argv)
{
	int lfd, fd;
	pid_t pid;

	if (argc != 2)
		setup_fail("usage: seccomp_listener FILE");
	lfd = install();
	step("seccomp(SET_MODE_FILTER, NEW_LISTENER)", lfd);
	if (lfd < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		setup_fail("fork: %s", strerror(errno));
	if (pid == 0)
		listen_loop(lfd);
	fd = open(argv[1], O_WRONLY | O_TRUNC);
	step("open O_WRONLY|O_TRUNC", fd);
	if (fd >= 0)
		step("write", write(fd, "pwned\n", 6));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return 0;
}
