/* SPDX-License-Identifier: MIT */
/*
 * The client of tests/integration/t_ov_guard (static glibc): guard MODE.
 *  - "dumpable FILE": prctl(PR_SET_DUMPABLE, 0), then PR_GET_DUMPABLE,
 *    then creates FILE and reads it back; a forked child's and an exec'd
 *    image's PR_GET_DUMPABLE; SET_DUMPABLE 1 and 2.
 *  - "errnos": the calls vfstrace refuses, each beside one of the same
 *    call it lets run: seccomp filters with and without NEW_LISTENER,
 *    clone with and without CLONE_UNTRACED, clone3, ptrace, pidfd_getfd,
 *    open_by_handle_at, process_vm_readv of the parent and of a child.
 * One line per step: "what: result" (a number, "ok" or the errno's name).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *name_of(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case ESRCH: return "ESRCH";
	case EIO: return "EIO";
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case ESTALE: return "ESTALE";
	case ENOENT: return "ENOENT";
	default: return strerror(e);
	}
}

/* "what: N" for a result >= 0 (or "ok" when OK is set), else the errno. */
static void say(const char *what, long r, int ok)
{
	if (r < 0)
		printf("%s: %s\n", what, name_of(errno));
	else if (ok)
		printf("%s: ok\n", what);
	else
		printf("%s: %ld\n", what, r);
	fflush(stdout);
}

static int dumpable(const char *self, const char *file)
{
	char buf[16] = "";
	int fd, st;
	pid_t pid;

	say("set dumpable 0", prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	say("get dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);
	say("create", fd, 1);
	if (fd >= 0 && write(fd, "made\n", 5) == 5)
		close(fd);
	fd = open(file, O_RDONLY);
	say("reopen", fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 5 &&
	    !strcmp(buf, "made\n") ? 0 : -1, 1);
	pid = fork();
	if (pid == 0) {
		say("child: get dumpable", prctl(PR_GET_DUMPABLE), 0);
		execl(self, self, "getdump", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	say("set dumpable 2", prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), 0);
	say("get dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	say("set dumpable 1", prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	say("get dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	return 0;
}

static long filter(uint64_t op, unsigned long flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 1, f };

	return syscall(SYS_seccomp, op, flags, &prog);
}

/* A listener filter, in a child of its own: a chain holds one listener. */
static void listener(const char *what, uint64_t op, unsigned long flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		say(what, filter(op, flags), 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void filters(void)
{
	say("seccomp prctl NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0,
						0), 0);
	say("seccomp filter", filter(SECCOMP_SET_MODE_FILTER, 0), 0);
	say("seccomp filter TSYNC|TSYNC_ESRCH",
	    filter(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC |
		   SECCOMP_FILTER_FLAG_TSYNC_ESRCH), 0);
	listener("seccomp filter NEW_LISTENER", SECCOMP_SET_MODE_FILTER,
		 SECCOMP_FILTER_FLAG_NEW_LISTENER);
	listener("seccomp filter NEW_LISTENER|TSYNC|TSYNC_ESRCH",
		 SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER |
		 SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH);
	/* the kernel reads the op as an unsigned int */
	listener("seccomp filter NEW_LISTENER, op with high bits",
		 1ULL << 32 | SECCOMP_SET_MODE_FILTER,
		 SECCOMP_FILTER_FLAG_NEW_LISTENER);
}

/* A fork-like clone with FLAGS (clone3 when V3); the child exits 7. */
static void clone_one(const char *what, unsigned long flags, int v3)
{
	struct clone_args ca = { .flags = flags, .exit_signal = SIGCHLD };
	long pid;
	int st = 0;

	pid = v3 ? syscall(SYS_clone3, &ca, sizeof(ca)) :
	      syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(7);
	if (pid > 0 && (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
			WEXITSTATUS(st) != 7))
		pid = -1, errno = EIO;
	say(what, pid, 1);
}

static long peek(pid_t pid)
{
	static char here[8] = "here";
	char buf[8];
	struct iovec l = { buf, sizeof(buf) }, r = { here, sizeof(here) };

	return syscall(SYS_process_vm_readv, pid, &l, 1, &r, 1, 0);
}

static void others(void)
{
	struct {
		struct file_handle fh;
		unsigned char room[MAX_HANDLE_SZ];
	} h = { .fh = { .handle_bytes = 8, .handle_type = 1 } };
	long pfd = syscall(SYS_pidfd_open, getpid(), 0), fd;
	int gate[2], st;
	pid_t child;
	char c;

	errno = 0;
	say("ptrace PEEKDATA of self", ptrace(PTRACE_PEEKDATA, getpid(),
					     &h, 0) == -1 && errno ? -1 : 0, 1);
	fd = syscall(SYS_pidfd_getfd, pfd, 1, 0);
	say("pidfd_getfd of own stdout", fd, 1);
	say("open_by_handle_at", open_by_handle_at(AT_FDCWD, &h.fh, O_RDONLY),
	    1);
	say("process_vm_readv of self", peek(getpid()), 0);
	say("process_vm_readv of the parent", peek(getppid()), 0);
	if (pipe(gate))
		return;
	child = fork();
	if (child == 0) {
		close(gate[1]);
		if (read(gate[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	say("process_vm_readv of a child", peek(child), 0);
	close(gate[1]);
	waitpid(child, &st, 0);
	say("prctl PR_SET_NAME", prctl(PR_SET_NAME, "guard", 0, 0, 0), 0);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "dumpable"))
		return dumpable(argv[0], argv[2]);
	if (argc == 2 && !strcmp(argv[1], "getdump")) {
		say("exec'd: get dumpable", prctl(PR_GET_DUMPABLE), 0);
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "errnos")) {
		fprintf(stderr, "usage: guard dumpable FILE | errnos\n");
		return 2;
	}
	clone_one("clone", 0, 0);
	clone_one("clone CLONE_UNTRACED", CLONE_UNTRACED, 0);
	clone_one("clone3", 0, 1);
	others();
	filters();
	return 0;
}
