/* SPDX-License-Identifier: MIT */
/*
 * The client of tests/integration/t_sandbox_deny: every row of the
 * sandbox deny list (include/sandbox_deny_list.h, included here so that
 * a row without a probe fails), each made with harmless arguments, and
 * a few i386 routes and calls that must pass.  One line per probe:
 *   NAME got=ERRNO want=ERRNO [priv]
 * got is 0 on success; want is the row's errno under --sandbox; priv
 * marks calls the kernel refuses with EPERM to a caller without the
 * capability, natively too.  Lines "pass NAME got=ERRNO" are calls
 * --sandbox must let through.  deny DIR (for the device nodes).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *dir;

/* The errno of a raw call's result (0: success). */
static int res(long r)
{
	return r < 0 ? errno : 0;
}

/* In a child: the errno of F(), through its exit status. */
static int in_child(long (*f)(void))
{
	int st;
	pid_t p = fork();

	if (p == 0)
		_exit(res(f()));
	if (p < 0 || waitpid(p, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static long do_unshare(void)
{
	return unshare(CLONE_NEWUSER);
}

static long do_clone(void)
{
	int st;
	long p = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);

	if (p == 0)
		_exit(0);
	if (p > 0)
		waitpid(p, &st, 0);
	return p < 0 ? -1 : 0;
}

static int devnode(int at)
{
	char p[4096];
	long r;

	snprintf(p, sizeof(p), "%s/node%d", dir, at);
	if (at)
		r = mknodat(AT_FDCWD, p, S_IFCHR | 0600, makedev(1, 3));
	else
		r = mknod(p, S_IFCHR | 0600, makedev(1, 3));
	return res(r);
}

static int tty_ioctl(unsigned long req)
{
	int fd = open("/dev/null", O_RDONLY), e;
	char c = 'x';

	e = res(ioctl(fd, req, &c));
	close(fd);
	return e;
}

/* The probe of row NAME: its errno; -2 for no probe. */
static int probe_a(const char *n)
{
	struct timeval tv = { 0, 2000000 };
	struct timespec ts = { 0, 0 };
	struct timex tx = { 0 };

	if (!strcmp(n, "keyctl"))
		return res(syscall(SYS_keyctl, 9999, 0, 0, 0, 0));
	if (!strcmp(n, "add_key"))
		return res(syscall(SYS_add_key, NULL, NULL, NULL, 0, 0));
	if (!strcmp(n, "request_key"))
		return res(syscall(SYS_request_key, NULL, NULL, NULL, 0));
	if (!strcmp(n, "bpf"))
		return res(syscall(SYS_bpf, 9999, NULL, 0));
	if (!strcmp(n, "perf_event_open"))
		return res(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
	if (!strcmp(n, "userfaultfd")) {
		long fd = syscall(SYS_userfaultfd, 1 /* UFFD_USER_MODE_ONLY */);

		if (fd >= 0)
			close(fd);
		return res(fd);
	}
	if (!strcmp(n, "init_module"))
		return res(syscall(SYS_init_module, NULL, 0, ""));
	if (!strcmp(n, "finit_module"))
		return res(syscall(SYS_finit_module, -1, "", 0));
	if (!strcmp(n, "delete_module"))
		return res(syscall(SYS_delete_module, "vfstrace_none", 0));
	if (!strcmp(n, "kexec_load"))
		return res(syscall(SYS_kexec_load, 0, 0, NULL, 0xdead0000UL));
	if (!strcmp(n, "kexec_file_load"))
		return res(syscall(SYS_kexec_file_load, -1, -1, 0, NULL,
				   0xdead0000UL));
	if (!strcmp(n, "swapon"))
		return res(syscall(SYS_swapon, "/vfstrace/none", 0));
	if (!strcmp(n, "swapoff"))
		return res(syscall(SYS_swapoff, "/vfstrace/none"));
	if (!strcmp(n, "reboot"))
		return res(syscall(SYS_reboot, 0, 0, 0, NULL));
	if (!strcmp(n, "settimeofday"))
		return res(syscall(SYS_settimeofday, &tv, NULL));
	if (!strcmp(n, "clock_settime"))
		return res(syscall(SYS_clock_settime, 1234, &ts));
	if (!strcmp(n, "adjtimex"))
		return res(syscall(SYS_adjtimex, &tx));
	if (!strcmp(n, "clock_adjtime"))
		return res(syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx));
	return -2;
}

static int probe_b(const char *n)
{
	char hbuf[64] = { 0 };
	int mnt;

	if (!strcmp(n, "ioperm"))
		return res(syscall(SYS_ioperm, 0x80, 1, 0));
	if (!strcmp(n, "iopl"))
		return res(syscall(SYS_iopl, 0));
	if (!strcmp(n, "unshare"))
		return in_child(do_unshare);
	if (!strcmp(n, "setns"))
		return res(syscall(SYS_setns, -1, 0));
	if (!strcmp(n, "clone"))
		return res(do_clone());
	if (!strcmp(n, "clone3"))
		return res(syscall(SYS_clone3, NULL, 0));
	if (!strcmp(n, "io_uring_setup"))
		return res(syscall(SYS_io_uring_setup, 1, NULL));
	if (!strcmp(n, "io_uring_enter"))
		return res(syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
	if (!strcmp(n, "io_uring_register"))
		return res(syscall(SYS_io_uring_register, -1, 0, NULL, 0));
	if (!strcmp(n, "name_to_handle_at"))
		return res(syscall(SYS_name_to_handle_at, AT_FDCWD, "/", hbuf,
				   &mnt, 0));
	if (!strcmp(n, "open_by_handle_at"))
		return res(syscall(SYS_open_by_handle_at, -1, hbuf, 0));
	if (!strcmp(n, "ptrace"))
		return res(syscall(SYS_ptrace, PTRACE_PEEKDATA, 0x7ffffff0,
				   0, 0));
	if (!strcmp(n, "process_vm_writev"))
		return res(syscall(SYS_process_vm_writev, getpid(), NULL, 0,
				   NULL, 0, 0));
	if (!strcmp(n, "process_madvise"))
		return res(syscall(SYS_process_madvise, -1, NULL, 0, 0, 0));
	return -2;
}

static int probe_c(const char *what)
{
	int sv[2], fd;

	if (!strcmp(what, "mknod of a character or block device"))
		return devnode(0);
	if (!strcmp(what, "mknodat of a character or block device"))
		return devnode(1);
	if (!strcmp(what, "ioctl TIOCSTI"))
		return tty_ioctl(TIOCSTI);
	if (!strcmp(what, "ioctl TIOCLINUX"))
		return tty_ioctl(TIOCLINUX);
	if (!strncmp(what, "socket ", 7)) {
		fd = socket(AF_NETLINK, SOCK_RAW, 0);
		if (fd >= 0)
			close(fd);
		return res(fd);
	}
	if (!strncmp(what, "socketpair ", 11))
		return res(socketpair(AF_INET, SOCK_STREAM, 0, sv));
	return -2;
}

/* i386 (int $0x80): -errno or the result; arguments below 4 GiB. */
static long int80(long nr, long a, long b, long c, long d)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(0L)
			 : "memory", "r8", "r9", "r10", "r11");
	return (int)ret;
}

static int r32(long r)
{
	return r < 0 ? (int)-r : 0;
}

static uint32_t *low;	/* a page below 4 GiB */

static long i386_unshare(void)
{
	long r = int80(310, CLONE_NEWUSER, 0, 0, 0);

	errno = r < 0 ? -r : 0;
	return r < 0 ? -1 : 0;
}

static long i386_clone(void)
{
	long p = int80(120, CLONE_NEWUSER | SIGCHLD, 0, 0, 0);
	int st;

	if (p == 0)
		_exit(0);
	if (p > 0)
		waitpid(p, &st, 0);
	errno = p < 0 ? -p : 0;
	return p < 0 ? -1 : 0;
}

/* socketcall(CALL, {A, B, C, ptr}): the result; an fd is closed. */
static int i386_sockcall(int call, int a, int b, int c)
{
	long r;

	low[0] = a;
	low[1] = b;
	low[2] = c;
	low[3] = (uint32_t)(uintptr_t)(low + 8);
	r = int80(102, call, (long)(uintptr_t)low, 0, 0);
	if (r >= 0 && call == 1)
		close(r);
	if (r >= 0 && call == 8) {
		close(low[8]);
		close(low[9]);
	}
	return r32(r);
}

/* The rows only i386 has on x86_64. */
static int probe_i386(const char *n)
{
	if (!low)
		return -2;
	memset(low, 0, 4096);
	if (!strcmp(n, "stime"))
		return r32(int80(25, 0, 0, 0, 0));
	if (!strcmp(n, "clock_settime64"))
		return r32(int80(404, 1234, (long)(uintptr_t)low, 0, 0));
	if (!strcmp(n, "clock_adjtime64"))
		return r32(int80(405, 1234, (long)(uintptr_t)low, 0, 0));
	return -2;
}

static const char *ename(int e)
{
	return e < 0 ? "none" : e == 0 ? "0" : strerrorname_np(e);
}

static void line(const char *what, int got, int want, int priv)
{
	char key[128];
	size_t i;

	snprintf(key, sizeof(key), "%s", what);
	for (i = 0; key[i]; i++)
		if (key[i] == ' ' || key[i] == ',' || key[i] == '(' ||
		    key[i] == ')')
			key[i] = '_';
	printf("%s got=%s want=%s%s\n", key, ename(got), ename(want),
	       priv ? " priv" : "");
}

static const struct row {
	const char *name, *what;
	int err;
} rows[] = {
#define DENY(call, e, why) { #call, #call, e },
#define DENY_FLAGS(call, a, m, w, e, why) { #call, w, e },
#define DENY_DEVNODE(call, a, w, e, why) { #call, w, e },
#define DENY_IOCTL(req, e, why) { "ioctl", "ioctl " #req, e },
#define DENY_FAMILY(call, w, e, why) { #call, w, e },
#include "../../include/sandbox_deny_list.h"
};

/* Refused with EPERM natively too, to a caller without the capability. */
static const char *const privileged[] = {
	"bpf", "init_module", "finit_module", "delete_module", "kexec_load",
	"kexec_file_load", "swapon", "swapoff", "reboot", "open_by_handle_at",
	"mknod", "mknodat", NULL,
};

static int is_priv(const char *n)
{
	int i;

	for (i = 0; privileged[i]; i++)
		if (!strcmp(n, privileged[i]))
			return 1;
	return 0;
}

static void i386_routes(void)
{
	if (!low)
		return;
	line("i386 socketcall socket", i386_sockcall(1, AF_NETLINK,
		SOCK_RAW, 0), EAFNOSUPPORT, 0);
	line("i386 socketcall socketpair", i386_sockcall(8, AF_INET,
		SOCK_STREAM, 0), EAFNOSUPPORT, 0);
	line("i386 socket", r32(int80(359, AF_NETLINK, SOCK_RAW, 0, 0)),
	     EAFNOSUPPORT, 0);
	line("i386 keyctl", r32(int80(288, 9999, 0, 0, 0)), EPERM, 0);
	line("i386 io_uring_setup", r32(int80(425, 1, 0, 0, 0)), ENOSYS, 0);
	line("i386 ioctl TIOCSTI", r32(int80(54, 0x7fff, TIOCSTI,
		(long)(uintptr_t)low, 0)), EPERM, 0);
	line("i386 unshare", in_child(i386_unshare), EPERM, 0);
	line("i386 clone", in_child(i386_clone), EPERM, 0);
	printf("pass i386_socketcall_unix got=%s\n",
	       ename(i386_sockcall(1, AF_UNIX, SOCK_STREAM, 0)));
	printf("pass i386_socketcall_socketpair_unix got=%s\n",
	       ename(i386_sockcall(8, AF_UNIX, SOCK_STREAM, 0)));
}

static long files_unshare(void)
{
	return unshare(CLONE_FILES | CLONE_FS);
}

static void passes(void)
{
	char p[4096];
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	printf("pass socket_unix got=%s\n", ename(res(fd)));
	close(fd);
	snprintf(p, sizeof(p), "%s/fifo", dir);
	printf("pass mknod_fifo got=%s\n", ename(res(mknod(p, S_IFIFO | 0600,
							     0))));
	printf("pass unshare_files got=%s\n", ename(in_child(files_unshare)));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	printf("inet socket got=%s\n", ename(res(fd)));
	close(fd);
}

int main(int argc, char **argv)
{
	size_t i;
	int e;
	void *m;

	if (argc != 2)
		return 2;
	dir = argv[1];
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (m != MAP_FAILED && int80(20, 0, 0, 0, 0) > 0)
		low = m;
	else
		printf("no i386 emulation\n");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		e = probe_a(rows[i].name);
		if (e == -2)
			e = probe_b(rows[i].name);
		if (e == -2)
			e = probe_c(rows[i].what);
		if (e == -2)
			e = probe_i386(rows[i].name);
		if (e == -2 && low) {
			printf("%s: no probe\n", rows[i].what);
			return 1;
		}
		line(rows[i].what, e, rows[i].err, is_priv(rows[i].name));
	}
	i386_routes();
	passes();
	return 0;
}
