/* SPDX-License-Identifier: MIT */
/*
 * Argument decoding: flag names, making paths absolute, JSON escaping,
 * page-aware reads of tracee memory and whole-call decoding against a
 * real stopped child (after fork its strings and fds are at the same
 * addresses and numbers as ours).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "arch.h"
#include "decode.h"
#include "memory.h"
#include "names.h"
#include "outbuf.h"
#include "pathabs.h"
#include "trace.h"
#include "tracee.h"

/* ---- path_abs ---- */

struct abs_case {
	const char *base, *path, *want;
};

static void path_abs_cases(void **state)
{
	static const struct abs_case cases[] = {
		{ "/w", "a", "/w/a" },
		{ "/w/", "a", "/w/a" },
		{ "/", "a", "/a" },
		{ "/w", "/abs/x", "/abs/x" },
		{ "/w", "a/../b", "/w/a/../b" },	/* not canonicalised */
		{ "/w", ".", "/w/." },
		{ "/w", "..", "/w/.." },
		{ "/w", "", "/w" },			/* AT_EMPTY_PATH */
		{ "/w", "a//b/", "/w/a//b/" },
		{ NULL, "rel", "rel" },			/* base unknown */
		{ NULL, "/abs", "/abs" },
	};
	char out[PATH_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = path_abs(cases[i].base, cases[i].path, out,
				 sizeof(out));

		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	assert_int_equal(path_abs("/long/base", "name", out, 8), -1);
	assert_string_equal(out, "/long/b");
}

/* path_from: a canonical target named from a base directory. */
static void path_from_cases(void **state)
{
	static const struct abs_case cases[] = {
		{ "/w/a/b", "/w/a/b/f", "f" },
		{ "/w/a/b", "/w/a/b/c/d", "c/d" },
		{ "/w/a/b/sub", "/w/a/b/f", "../f" },
		{ "/w/a/b/c/d", "/w/a/x", "../../../x" },
		{ "/w/a/b/sub", "/w/a/b", ".." },
		{ "/w/a/b/c", "/w/a", "../.." },
		{ "/w/a/b", "/w/a/b", "." },
		{ "/w/a", "/w/ab/f", "../ab/f" },	/* not a prefix by name */
		{ "/w/ab", "/w/a/f", "../a/f" },
		{ "/w/a/b", "/w/a/bc", "../bc" },
		{ "/up/tmp/x", "/tmp/x/f", NULL },	/* only "/" shared */
		{ "/", "/x", NULL },
		{ "rel", "/x", NULL },
	};
	char out[PATH_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = path_from(cases[i].base, cases[i].path, out,
				  sizeof(out));

		if (!cases[i].want) {
			assert_int_equal(n, -1);
			continue;
		}
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	/* does not fit: -1, never a cut path */
	assert_int_equal(path_from("/w/a/b/c", "/w/x/long", out, 8), -1);
	assert_int_equal(path_from("/w/a/b/c", "/w/x", out, 10), -1);
	assert_int_equal(path_from("/w/a/b/c", "/w/x", out, 11), 10);
	assert_string_equal(out, "../../../x");
}

/* ---- names ---- */

static void flag_names(void **state)
{
	char b[256];

	(void)state;
	assert_string_equal(flags_str(SC_openat, A_OFLAGS,
		O_WRONLY | O_CREAT | O_TRUNC, b, sizeof(b)),
		"O_WRONLY|O_CREAT|O_TRUNC");
	assert_string_equal(flags_str(SC_openat, A_OFLAGS,
		O_RDONLY | O_CLOEXEC | O_DIRECTORY, b, sizeof(b)),
		"O_RDONLY|O_DIRECTORY|O_CLOEXEC");
	assert_string_equal(flags_str(SC_openat, A_OFLAGS,
		O_RDWR | O_TMPFILE, b, sizeof(b)), "O_RDWR|O_TMPFILE");
	assert_string_equal(flags_str(SC_open, A_OFLAGS, O_WRONLY | O_SYNC,
		b, sizeof(b)), "O_WRONLY|O_SYNC");
	assert_string_equal(flags_str(SC_open, A_OFLAGS, O_RDONLY | 0x40000000,
		b, sizeof(b)), "O_RDONLY|0x40000000");
	assert_string_equal(flags_str(SC_unlinkat, A_ATFLAGS, AT_REMOVEDIR,
		b, sizeof(b)), "AT_REMOVEDIR");
	assert_string_equal(flags_str(SC_faccessat2, A_ATFLAGS,
		AT_EACCESS | AT_SYMLINK_NOFOLLOW, b, sizeof(b)),
		"AT_EACCESS|AT_SYMLINK_NOFOLLOW");
	assert_string_equal(flags_str(SC_newfstatat, A_ATFLAGS,
		AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, b, sizeof(b)),
		"AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	assert_string_equal(flags_str(SC_access, A_AMODE, 0, b, sizeof(b)),
		"F_OK");
	assert_string_equal(flags_str(SC_access, A_AMODE, R_OK | X_OK, b,
		sizeof(b)), "R_OK|X_OK");
	assert_string_equal(flags_str(SC_renameat2, A_RENFLAGS, 1, b,
		sizeof(b)), "RENAME_NOREPLACE");
	assert_string_equal(flags_str(SC_renameat2, A_RENFLAGS, 0, b,
		sizeof(b)), "0");
	assert_string_equal(mode_str(0644, 0, b, sizeof(b)), "0644");
	assert_string_equal(mode_str(S_IFIFO | 0600, 1, b, sizeof(b)),
		"S_IFIFO|0600");
	assert_string_equal(resolve_str(0x18, b, sizeof(b)),
		"RESOLVE_BENEATH|RESOLVE_IN_ROOT");
	assert_string_equal(errno_name(ENOENT), "ENOENT");
	assert_string_equal(errno_name(ENOSYS), "ENOSYS");
	assert_string_equal(signal_name(SIGKILL), "SIGKILL");
}

/* ---- JSON strings ---- */

static char *json_of(const char *s, size_t len)
{
	static char out[1024];
	struct outbuf ob;

	assert_int_equal(outbuf_init(&ob, -1, NULL), 0);
	outbuf_json_str(&ob, s, len);
	memcpy(out, ob.buf, ob.len);
	out[ob.len] = '\0';
	ob.len = 0;	/* nothing to write: FD is -1 */
	outbuf_release(&ob);
	return out;
}

static void json_escaping(void **state)
{
	(void)state;
	assert_string_equal(json_of("/a/b", 4), "\"/a/b\"");
	assert_string_equal(json_of("q\"\\", 3), "\"q\\\"\\\\\"");
	assert_string_equal(json_of("a\nb\x01", 4), "\"a\\u000ab\\u0001\"");
	/* valid UTF-8 stays as is */
	assert_string_equal(json_of("caf\xc3\xa9", 5), "\"caf\xc3\xa9\"");
	assert_string_equal(json_of("\xf0\x9f\x98\x80", 4),
			    "\"\xf0\x9f\x98\x80\"");
	/* invalid bytes: surrogateescape, one escape per byte */
	assert_string_equal(json_of("a\xff" "b", 3), "\"a\\udcffb\"");
	assert_string_equal(json_of("\xc3", 1), "\"\\udcc3\"");
	assert_string_equal(json_of("\xc0\xaf", 2), "\"\\udcc0\\udcaf\"");
	/* an encoded surrogate is not valid UTF-8 */
	assert_string_equal(json_of("\xed\xa0\x80", 3),
			    "\"\\udced\\udca0\\udc80\"");
}

/* ---- a stopped child to decode against ---- */

static pid_t stopped_child(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status));
	return pid;
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void memory_reads(void **state)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *full = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *end, buf[PATH_MAX], *longs = malloc(PATH_MAX + 10);
	pid_t pid;

	(void)state;
	assert_true(map != MAP_FAILED);
	munmap(map + page, page);
	end = map + page - 6;
	memcpy(end, "/tail", 6);		/* ends at the page end */
	memset(map, 'x', page - 6);		/* no NUL before /tail */
	assert_true(full != MAP_FAILED);
	munmap(full + page, page);
	memset(full, 'z', page);		/* no NUL before the hole */
	memset(longs, 'a', PATH_MAX + 9);
	longs[PATH_MAX + 9] = '\0';
	pid = stopped_child();
	assert_int_equal(mem_read_str(pid, (uintptr_t)end, buf, sizeof(buf)),
			 5);
	assert_string_equal(buf, "/tail");
	/* longer than the first read: found in the second */
	assert_int_equal(mem_read_str(pid, (uintptr_t)map + page - 3000, buf,
				      sizeof(buf)), 2999);
	/* a string running into the unmapped page */
	assert_int_equal(mem_read_str(pid, (uintptr_t)full + page - 100, buf,
				      sizeof(buf)), -EFAULT);
	assert_int_equal(mem_read_str(pid, (uintptr_t)map + page + 8, buf,
				      sizeof(buf)), -EFAULT);
	assert_int_equal(mem_read_str(pid, (uintptr_t)longs, buf,
				      sizeof(buf)), -ENAMETOOLONG);
	assert_int_equal(mem_read(pid, (uintptr_t)end, buf, 6), 0);
	assert_int_equal(mem_read(pid, (uintptr_t)end, buf, 7), -EFAULT);
	assert_int_equal(mem_read_str(pid, 0, buf, sizeof(buf)), -EFAULT);
	end_child(pid);
	munmap(map, page);
	munmap(full, page);
	free(longs);
}

static struct tracee *tracee_for(struct tracee_table *tt, pid_t pid)
{
	tracee_table_init(tt);
	return tracee_add(tt, pid, NULL);
}

static void decode_calls(void **state)
{
	const struct abi *abi = arch_native.abis[0];
	char dir[] = "/tmp/vfstrace-decode-XXXXXX", cwd[PATH_MAX], want[2 * PATH_MAX];
	char rel[] = "sub/../f", empty[] = "", target[] = "tgt";
	char *argv0 = "prog", *argv1 = "arg";
	char *argv[] = { argv0, argv1, NULL };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct tracee_table tt;
	struct call *c = call_new();
	struct tracee *t;
	int dfd;
	pid_t pid;

	(void)state;
	assert_non_null(mkdtemp(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	strcpy(sun.sun_path, "sock");
	pid = stopped_child();
	t = tracee_for(&tt, pid);

	/* relative to the cwd */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_openat, (uint64_t[6]){
		(uint64_t)AT_FDCWD, (uintptr_t)rel, O_RDONLY }));
	snprintf(want, sizeof(want), "%s/sub/../f", strcmp(cwd, "/") ? cwd : "");
	assert_string_equal(c->str[1], want);
	/* relative to a dirfd */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_mkdirat, (uint64_t[6]){
		dfd, (uintptr_t)rel, 0755 }));
	snprintf(want, sizeof(want), "%s/sub/../f", dir);
	assert_string_equal(c->str[1], want);
	/* AT_EMPTY_PATH: the fd is the object */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_newfstatat, (uint64_t[6]){
		dfd, (uintptr_t)empty, 0, AT_EMPTY_PATH }));
	assert_int_equal(c->fd, dfd);
	assert_string_equal(c->fdpath, dir);
	/* fd-only calls */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_fchdir,
				      (uint64_t[6]){ dfd }));
	assert_string_equal(c->fdpath, dir);
	/* symlink: the target stays raw, the link path is absolute */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_symlinkat, (uint64_t[6]){
		(uintptr_t)target, dfd, (uintptr_t)rel }));
	assert_string_equal(c->str[0], "tgt");
	snprintf(want, sizeof(want), "%s/sub/../f", dir);
	assert_string_equal(c->str[2], want);
	/* execve argv */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_execve, (uint64_t[6]){
		(uintptr_t)"/bin/prog", (uintptr_t)argv, 0 }));
	assert_string_equal(c->argv[0], "prog");
	assert_string_equal(c->argv[1], "arg");
	assert_null(c->argv[2]);
	/* AF_UNIX bind: a path; AF_INET connect: not a file access */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_bind, (uint64_t[6]){
		3, (uintptr_t)&sun, sizeof(sun) }));
	assert_true(c->str[1][0] == '/');
	assert_non_null(strstr(c->str[1], "/sock"));
	sun.sun_family = AF_INET;
	end_child(pid);
	tracee_table_release(&tt);
	pid = stopped_child();
	t = tracee_for(&tt, pid);
	assert_false(call_decode_entry(c, t, NULL, abi, SC_connect, (uint64_t[6]){
		3, (uintptr_t)&sun, sizeof(sun) }));
	/* a bad pointer is reported, not fatal */
	assert_true(call_decode_entry(c, t, NULL, abi, SC_unlink,
				      (uint64_t[6]){ 8 }));
	assert_null(c->str[0]);
	assert_int_equal(c->err[0], -EFAULT);
	end_child(pid);
	tracee_table_release(&tt);
	call_free(c);
	close(dfd);
	rmdir(dir);
}

static void exit_reads_outputs(void **state)
{
	const struct abi *abi = arch_native.abis[0];
	char link[] = "target-of-link", path[] = "/l";
	struct tracee_table tt;
	struct call *c = call_new();
	struct tracee *t;
	pid_t pid = stopped_child();

	(void)state;
	t = tracee_for(&tt, pid);
	assert_true(call_decode_entry(c, t, NULL, abi, SC_readlink, (uint64_t[6]){
		(uintptr_t)path, (uintptr_t)link, 64 }));
	call_decode_exit(c, t, 6);	/* the kernel wrote 6 bytes */
	assert_string_equal(c->out, "target");
	assert_true(c->done);
	assert_int_equal(c->ret, 6);
	end_child(pid);
	tracee_table_release(&tt);
	call_free(c);
}

static void tracee_table_ops(void **state)
{
	struct tracee_table tt;
	int i;

	(void)state;
	tracee_table_init(&tt);
	for (i = 1; i <= 1000; i++)
		assert_non_null(tracee_add(&tt, i * 7, NULL));
	for (i = 1; i <= 1000; i += 2)
		tracee_del(&tt, i * 7);
	for (i = 1; i <= 1000; i++) {
		struct tracee *t = tracee_get(&tt, i * 7);

		if (i % 2)
			assert_null(t);
		else
			assert_int_equal(t->tid, i * 7);
	}
	tracee_move(&tt, 14, 15);
	assert_null(tracee_get(&tt, 14));
	assert_int_equal(tracee_get(&tt, 15)->tid, 15);
	assert_int_equal(tracee_get(&tt, 15)->proc->tgid, 14);
	assert_int_equal(tt.count, 500);
	tracee_table_release(&tt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_abs_cases),
		cmocka_unit_test(path_from_cases),
		cmocka_unit_test(flag_names),
		cmocka_unit_test(json_escaping),
		cmocka_unit_test(memory_reads),
		cmocka_unit_test(decode_calls),
		cmocka_unit_test(exit_reads_outputs),
		cmocka_unit_test(tracee_table_ops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
