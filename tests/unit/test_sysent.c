/* SPDX-License-Identifier: MIT */
/*
 * The syscall table and the filter built from it: numbers checked
 * against the kernel headers and libseccomp, every %file call of the
 * issue present, and the loaded filter checked live (without a tracer a
 * trapped call fails with ENOSYS), including i386 numbers never being
 * mistaken for x86_64 ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <seccomp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "arch.h"
#include "filter.h"
#include "guard.h"
#include "overlay.h"

static const char *const required[] = {
	"open", "creat", "openat", "openat2", "stat", "lstat", "newfstatat",
	"statx", "access", "faccessat", "faccessat2", "readlink",
	"readlinkat", "mkdir", "mkdirat", "mknod", "mknodat", "rmdir",
	"unlink", "unlinkat", "rename", "renameat", "renameat2", "link",
	"linkat", "symlink", "symlinkat", "chmod", "fchmodat", "fchmodat2",
	"chown", "lchown", "fchownat", "utime", "utimes", "futimesat",
	"utimensat", "truncate", "chdir", "fchdir", "getcwd", "execve",
	"execveat", "statfs", "getxattr", "lgetxattr", "setxattr",
	"lsetxattr", "listxattr", "llistxattr", "removexattr",
	"lremovexattr", "inotify_add_watch", "name_to_handle_at", "chroot",
	"mount", "umount2", "pivot_root", "swapon", "swapoff", "acct",
	"quotactl", "fanotify_mark", "bind", "connect", "getdents64",
	"uselib", "io_uring_setup",
};

static void required_rows_on_x86_64(void **state)
{
	const struct abi *abi = arch_native.abis[0];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		enum sc_id id = sysent_by_name(required[i]);

		if (id == SC_NONE || abi_nr(abi, id) < 0)
			fail_msg("%s is missing from the x86_64 table",
				 required[i]);
	}
}

/* The kernel's name of row ID (the printed one). */
static void numbers_match_libseccomp(void **state)
{
	const struct abi *const *a;
	int id, checked = 0;

	(void)state;
	for (a = arch_native.abis; *a; a++) {
		for (id = 1; id < SC__COUNT; id++) {
			int nr = abi_nr(*a, id), lib;

			if (nr < 0)
				continue;
			lib = seccomp_syscall_resolve_name_arch(
				(*a)->audit_arch, sysent_table[id].name);
			if (lib < 0)
				continue;	/* newer than libseccomp */
			if (lib != nr)
				fail_msg("%s %s: table %d, libseccomp %d",
					 (*a)->name, sysent_table[id].name, nr,
					 lib);
			assert_int_equal(abi_sc(*a, nr), id);
			checked++;
		}
	}
	assert_true(checked > 120);
}

static void numbers_match_headers(void **state)
{
	const struct abi *abi = arch_native.abis[0];

	(void)state;
	assert_int_equal(abi_nr(abi, SC_open), __NR_open);
	assert_int_equal(abi_nr(abi, SC_openat), __NR_openat);
	assert_int_equal(abi_nr(abi, SC_newfstatat), __NR_newfstatat);
	assert_int_equal(abi_nr(abi, SC_execveat), __NR_execveat);
	assert_int_equal(abi_nr(abi, SC_openat2), __NR_openat2);
	assert_int_equal(abi_nr(abi, SC_getdents64), __NR_getdents64);
	/* the i386 ABI has its own numbers: 5 is open, not fstat */
	assert_int_equal(abi_nr(arch_native.abis[1], SC_open), 5);
	assert_int_equal(abi_sc(abi, 5), SC_NONE);
	assert_int_equal(abi_nr(arch_native.abis[1], SC_stat64), 195);
	assert_int_equal(abi_nr(abi, SC_stat64), -1);
	assert_int_equal(abi_sc(abi, 100000), SC_NONE);
	assert_int_equal(abi_sc(abi, -1), SC_NONE);
}

static void decoding_spec(void **state)
{
	const struct sysent *e = &sysent_table[SC_renameat2];

	(void)state;
	assert_string_equal(e->name, "renameat2");
	assert_int_equal(e->nargs, 5);
	assert_int_equal(sysent_dirfd_of(e, 1), 0);
	assert_int_equal(sysent_dirfd_of(e, 3), 2);
	assert_int_equal(sysent_find_arg(e, A_PATH, 2), 3);
	e = &sysent_table[SC_symlinkat];
	assert_int_equal(e->arg[0], A_STR);
	assert_int_equal(sysent_dirfd_of(e, 2), 1);
	assert_int_equal(sysent_dirfd_of(&sysent_table[SC_open], 0), -1);
	assert_int_equal(sysent_by_name("fanotify_mark32"), SC_fanotify_mark32);
	assert_int_equal(sysent_by_name("no_such_call"), SC_NONE);
	/* every row's argument count matches its argument kinds */
	for (int id = 1; id < SC__COUNT; id++) {
		const struct sysent *r = &sysent_table[id];

		for (int i = 0; i < 6; i++)
			if ((i < r->nargs) != (r->arg[i] != A_NONE))
				fail_msg("%s: arg %d vs nargs %d", r->name, i,
					 r->nargs);
	}
}

struct reports {
	int n;
	char text[4096];
};

static void collect(void *arg, const char *line)
{
	struct reports *r = arg;
	size_t len = strlen(r->text);

	r->n++;
	snprintf(r->text + len, sizeof(r->text) - len, "%s\n", line);
}

/* Every row, ABI and mode column has a decision that fits the row. */
static void decisions_cover_the_table(void **state)
{
	struct reports r = { 0 };

	(void)state;
	if (sysent_check(sysent_table, SC__COUNT, arch_native.abis, collect,
			 &r))
		fail_msg("%d decisions missing or misfit:\n%s", r.n, r.text);
	/* a foreign ABI's call is decided as the native one */
	assert_int_equal(sysent_decide(SC_open, MODE_OVERLAY, false)->how,
			 H_OPEN);
	assert_int_equal(sysent_decide(SC_stat64, MODE_OVERLAY, false)->how,
			 H_LOOKUP);
	assert_int_equal(sysent_decide(SC_getdents, MODE_OVERLAY, false)->how,
			 H_GETDENTS);
	assert_int_equal(sysent_decide(SC_open, MODE_TRACE, false)->how, H_LOG);
	/* what no handler translates stays refused with ENOSYS */
	assert_int_equal(sysent_decide(SC_oldstat, MODE_OVERLAY, false)->how,
			 H_REFUSE);
	assert_int_equal(sysent_decide(SC_oldstat, MODE_OVERLAY, false)->err,
			 ENOSYS);
	assert_int_equal(sysent_decide(SC_readdir, MODE_OVERLAY, false)->err,
			 ENOSYS);
	/* signals: checked under --sandbox only */
	assert_int_equal(sysent_decide(SC_kill, MODE_OVERLAY, false)->how,
			 H_SIGNAL);
	assert_true(sysent_decide(SC_kill, MODE_OVERLAY, false)->sandbox);
	assert_false(sysent_decide(SC_connect, MODE_OVERLAY, true)->sandbox);
}

static struct sysent copy[SC__COUNT];

/* Check COPY, expecting one problem naming every string of WANT. */
static void expect_caught(const char *const *want)
{
	struct reports r = { 0 };

	assert_int_equal(sysent_check(copy, SC__COUNT, arch_native.abis,
				      collect, &r) > 0, 1);
	for (; *want; want++)
		if (!strstr(r.text, *want))
			fail_msg("'%s' not named in:\n%s", *want, r.text);
	memcpy(copy, sysent_table, sizeof(copy));
}

/* The walker catches a removed decision and decisions that do not fit. */
static void removed_decision_is_caught(void **state)
{
	(void)state;
	memcpy(copy, sysent_table, sizeof(copy));
	memset(&copy[SC_statx].how[MODE_OVERLAY], 0, sizeof(struct decision));
	expect_caught((const char *[]){ "statx (any ABI), overlay mode",
					"no decision", NULL });
	memset(&copy[SC_getcwd].how[MODE_TRACE], 0, sizeof(struct decision));
	expect_caught((const char *[]){ "getcwd", "trace mode", NULL });
	/* the i386 walk names the ABI */
	memset(&copy[SC_stat64].how[MODE_TRACE], 0, sizeof(struct decision));
	expect_caught((const char *[]){ "stat64 (i386 ABI)", NULL });
	copy[SC_getcwd].how[MODE_OVERLAY].how = H_LOOKUP;
	expect_caught((const char *[]){ "getcwd", "no path argument", NULL });
	copy[SC_ftruncate].how[MODE_OVERLAY].why = NULL;
	expect_caught((const char *[]){ "ftruncate", "no reason", NULL });
	copy[SC_io_uring_setup].how[MODE_OVERLAY].err = 0;
	expect_caught((const char *[]){ "io_uring_setup", "no errno", NULL });
	copy[SC_open].how[MODE_OVERLAY].how = H_LOG;
	expect_caught((const char *[]){ "open", "does not implement", NULL });
	copy[SC_open].how[MODE_TRACE].how = H_OPEN;
	expect_caught((const char *[]){ "open", "trace mode", NULL });
}

/* Every handling the overlay column may name has its handler. */
static void overlay_handles_its_column(void **state)
{
	int h;

	(void)state;
	for (h = 0; h < H__COUNT; h++)
		if (h != H_NOTRAP && sysent_mode_handles(MODE_OVERLAY, h) &&
		    !ov_handles(h))
			fail_msg("overlay mode has no handler for %s",
				 handling_name(h));
	assert_false(ov_handles(H_NONE));
	assert_false(ov_handles(H_LOG));
}

/* i386 syscall via int $0x80 (args in 32-bit registers). */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

/* ioctl(-1, REQ) of the native ABI is trapped (ENOSYS, no tracer). */
static bool ioctl_trapped(unsigned long req)
{
	return syscall(__NR_ioctl, -1, req, 0) == -1 && errno == ENOSYS;
}

/*
 * The ioctl program (overlay mode): changing requests are trapped, also
 * with bits above the 32 the kernel looks at, on both ABIs; terminal,
 * socket and read-only requests are not (EBADF from the kernel).  Trace
 * mode traps none.  A bit set per failed check.
 */
static int ioctl_checks(enum mode mode)
{
	bool ov = mode == MODE_OVERLAY;
	int fail = 0;

	fail |= (ioctl_trapped(FS_IOC_SETFLAGS) != ov) << 0;
	fail |= (ioctl_trapped(FS_IOC_SETFLAGS | (1ul << 32)) != ov) << 1;
	fail |= (ioctl_trapped(FS_IOC_FSSETXATTR) != ov) << 2;
	fail |= (ioctl_trapped(0x1234abcd) != ov) << 3;
	fail |= ioctl_trapped(TCGETS) << 4;
	fail |= ioctl_trapped(TIOCGWINSZ) << 5;
	fail |= ioctl_trapped(FIONREAD) << 6;
	fail |= ioctl_trapped(SIOCGIFCONF) << 7;
	fail |= ioctl_trapped(FS_IOC_GETFLAGS) << 8;
	fail |= ioctl_trapped(FS_IOC_FIEMAP) << 9;
	/* i386 ioctl is 54 */
	fail |= ((int80(54, -1, FS_IOC32_SETFLAGS, 0) == -ENOSYS) != ov) << 10;
	fail |= !(int80(54, -1, TCGETS, 0) == -EBADF) << 11;
	return fail;
}

/*
 * The rows with argument rules (guard.h), with the filter of a mode loaded
 * and no tracer: only the calls the rules match are trapped (ENOSYS),
 * in both modes.
 * Returns 0 or the bits of the failed checks.
 */
static int guarded_calls(void)
{
	int fail = 0;
	char name[16];

	/* clone: CLONE_UNTRACED trapped (no child is made) */
	fail |= !(syscall(__NR_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0) ==
		  -1 && errno == ENOSYS) << 0;
	/* seccomp: NEW_LISTENER trapped, also with high bits in the op */
	fail |= !(syscall(__NR_seccomp, 1UL << 32 | SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER, NULL) == -1 &&
		  errno == ENOSYS) << 1;
	/* without the flag: the kernel's EFAULT for the NULL program */
	fail |= !(syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, NULL) ==
		  -1 && errno == EFAULT) << 2;
	/* prctl: the dumpable options are trapped, the others are not */
	fail |= !(syscall(__NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0) == -1 &&
		  errno == ENOSYS) << 3;
	fail |= !(syscall(__NR_prctl, PR_GET_NAME, name, 0, 0, 0) == 0) << 4;
	return fail;
}

/*
 * Runs in a child with the filter of MODE loaded and no tracer: a
 * trapped call fails with ENOSYS.  Returns 0, or the first failed check
 * (from 1).
 */
static int filtered_child(enum mode mode)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	struct stat st;
	int fail = 0;

	if (low == MAP_FAILED)
		return 90;
	strcpy(low, "/");
	if (filter_install(&arch_native, &(struct filter_opts){ mode }))
		return 91;
	/* trapped: with no tracer the kernel answers ENOSYS */
	fail |= !(syscall(__NR_openat, AT_FDCWD, "/", O_RDONLY) == -1 &&
		  errno == ENOSYS) << 0;
	fail |= !(syscall(__NR_mkdir, "/nonexistent/x", 0700) == -1 &&
		  errno == ENOSYS) << 1;
	/* not trapped */
	fail |= !(getppid() > 0) << 2;
	fail |= !(read(-1, &st, 1) == -1 && errno == EBADF) << 3;
	/* unknown newer numbers are trapped, not let through */
	fail |= !(syscall(470) == -1 && errno == ENOSYS) << 4;
	/* i386: 5 is open (trapped); x86_64's 5 (fstat) is not */
	fail |= !(int80(5, (long)low, O_RDONLY, 0) == -ENOSYS) << 5;
	fail |= !(syscall(5, 0, &st) == 0 || errno == EBADF) << 6;
	/* i386 getpid (20) is allowed */
	fail |= !(int80(20, 0, 0, 0) == getpid()) << 7;
	/* io_uring_setup is trapped (to be refused by the supervisor) */
	fail |= !(syscall(__NR_io_uring_setup, 1, NULL) == -1 &&
		  errno == ENOSYS) << 8;
	/* fchmod: trapped in overlay mode only (its column) */
	errno = 0;
	syscall(__NR_fchmod, -1, 0);
	fail |= (errno != (mode == MODE_OVERLAY ? ENOSYS : EBADF)) << 9;
	/* kill: a row no mode traps yet */
	fail |= !(syscall(__NR_kill, getpid(), 0) == 0) << 10;
	fail |= ioctl_checks(mode) << 11;
	fail |= guarded_calls() << 23;
	/* an exit status holds 8 bits: the first failed check, from 1 */
	return ffs(fail);
}

static void filter_traps_the_table(void **state)
{
	enum mode mode;
	pid_t pid;
	int status;

	(void)state;
	for (mode = 0; mode < MODE__COUNT; mode++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int f = filtered_child(mode);

			/* an exit status keeps 8 bits: 0xff for higher ones */
			_exit(f > 0xff ? 0xff : f);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		if (WEXITSTATUS(status))
			fail_msg("%s filter check failed, code %#x",
				 mode_name(mode), WEXITSTATUS(status));
	}
}

/* The argument rules, as a table: (row, arguments, matched). */
static void guard_rules_match(void **state)
{
	static const struct {
		enum sc_id id;
		uint64_t args[6];
		bool match;
	} cases[] = {
		{ SC_clone, { CLONE_UNTRACED | SIGCHLD }, true },
		{ SC_clone, { CLONE_VM | CLONE_VFORK | SIGCHLD }, false },
		{ SC_clone, { 1ULL << 40 | SIGCHLD }, false },
		{ SC_seccomp, { SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER }, true },
		{ SC_seccomp, { 1ULL << 32 | SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER |
				SECCOMP_FILTER_FLAG_TSYNC |
				SECCOMP_FILTER_FLAG_TSYNC_ESRCH }, true },
		{ SC_seccomp, { SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_TSYNC |
				SECCOMP_FILTER_FLAG_TSYNC_ESRCH }, false },
		{ SC_seccomp, { SECCOMP_GET_ACTION_AVAIL,
				SECCOMP_FILTER_FLAG_NEW_LISTENER }, false },
		{ SC_prctl, { PR_SET_DUMPABLE, 0 }, true },
		{ SC_prctl, { 1ULL << 32 | PR_GET_DUMPABLE }, true },
		{ SC_prctl, { PR_SET_NAME }, false },
		{ SC_openat, { 0 }, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (guard_match(cases[i].id, cases[i].args) != cases[i].match)
			fail_msg("case %zu: %s: want %s", i,
				 sysent_table[cases[i].id].name,
				 cases[i].match ? "a match" : "none");
}

static void filter_exports(void **state)
{
	char path[] = "/tmp/vfstrace-filter-XXXXXX", buf[1 << 16];
	int fd = mkstemp(path);
	ssize_t n;

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(filter_export(&arch_native,
				       &(struct filter_opts){ 0 }, fd), 0);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "\"openat\""));
	assert_non_null(strstr(buf, "\"stat64\""));
	assert_non_null(strstr(buf, "range program: x86_64 syscalls >= 470"));
	/* only calls newer than libseccomp are left to the range program */
	assert_non_null(strstr(buf, "range program: i386 syscalls >= 463"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(required_rows_on_x86_64),
		cmocka_unit_test(numbers_match_libseccomp),
		cmocka_unit_test(numbers_match_headers),
		cmocka_unit_test(decoding_spec),
		cmocka_unit_test(decisions_cover_the_table),
		cmocka_unit_test(removed_decision_is_caught),
		cmocka_unit_test(overlay_handles_its_column),
		cmocka_unit_test(filter_traps_the_table),
		cmocka_unit_test(guard_rules_match),
		cmocka_unit_test(filter_exports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
