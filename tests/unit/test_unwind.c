/* SPDX-License-Identifier: MIT */
/*
 * The stack unwinder against real stopped tracees: the stack client
 * (tests/clients/stack/, static and dynamic builds) run under
 * PTRACE_TRACEME to the syscall-entry stop of its openat of PROBE, where
 * its stack must read level_three, level_two, level_one, main.  Caching
 * is checked by counting the unwinder's ELF and /proc reads, never by
 * timing; the timings are printed (VFSTRACE_UNWIND_BENCH=N: N rounds).
 *
 * The clients are found in ../clients/ from this binary (make builds
 * them first, tests/clients/stack/stack.mk), or in $VFSTRACE_CLIENTS;
 * without them the tests are skipped, saying so.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "memory.h"
#include "unwinder.h"

#define PROBE "/nonexistent/vfstrace-unwind-probe"

static const char *const chain[] = {
	"level_three", "level_two", "level_one", "main"
};

/* ---- the stopped client ---- */

/* The path of client NAME, checked to exist. */
static const char *client_path(const char *name)
{
	static char path[PATH_MAX + 64];
	const char *dir = getenv("VFSTRACE_CLIENTS");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (dir) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	} else {
		/* BUILD/tests/test_unwind -> BUILD/clients/NAME */
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		assert_true(n > 0);
		exe[n] = '\0';
		for (int up = 0; up < 2; up++) {
			slash = strrchr(exe, '/');
			assert_non_null(slash);
			*slash = '\0';
		}
		snprintf(path, sizeof(path), "%s/clients/%s", exe, name);
	}
	if (access(path, X_OK)) {
		/* built by tests/clients/stack/stack.mk, before this test */
		print_message("skipped: no %s (is tests/clients/stack/stack.mk "
			      "included by the GNUmakefile?)\n", path);
		skip();
	}
	return path;
}

/* Is PID at the entry of openat(_, PROBE, ...)? */
static int at_probe(pid_t pid)
{
	struct __ptrace_syscall_info info = { 0 };	/* for valgrind */
	char path[sizeof(PROBE) + 1];

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) <= 0 ||
	    info.op != PTRACE_SYSCALL_INFO_ENTRY ||
	    info.entry.nr != __NR_openat)
		return 0;
	return mem_read_str(pid, info.entry.args[1], path, sizeof(path)) >= 0
	       && !strcmp(path, PROBE);
}

/*
 * Run client NAME (with option OPT, or NULL) to the syscall-entry stop of
 * its openat of PROBE; returns its pid, stopped there.
 */
static pid_t start_client(const char *name, const char *opt)
{
	const char *path = client_path(name);
	int status, sig = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		if (opt)
			execl(path, name, opt, PROBE, (char *)NULL);
		else
			execl(path, name, PROBE, (char *)NULL);
		_exit(127);
	}
	/* the exec's SIGTRAP */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP);
	assert_int_equal(ptrace(PTRACE_SETOPTIONS, pid, NULL,
				PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL), 0);
	for (;;) {
		assert_int_equal(ptrace(PTRACE_SYSCALL, pid, NULL,
					(void *)(long)sig), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSTOPPED(status))
			fail_msg("%s ended before its openat of %s", name,
				 PROBE);
		sig = WSTOPSIG(status) == (SIGTRAP | 0x80) ? 0 :
		      WSTOPSIG(status);
		if (!sig && at_probe(pid))
			return pid;
	}
}

static void stop_client(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static struct unwinder *new_unwinder(void)
{
	struct unwinder *u;
	int ret = unwinder_new(&u);

	if (ret == -ENOTSUP)
		skip();
	assert_int_equal(ret, 0);
	return u;
}

/* ---- checks ---- */

/* The first frame from FROM that is NAME+0x..., or -1. */
static int find_frame(const char **frames, int n, int from, const char *name)
{
	size_t len = strlen(name);

	for (int i = from; i < n; i++)
		if (!strncmp(frames[i], name, len) &&
		    !strncmp(frames[i] + len, "+0x", 3))
			return i;
	return -1;
}

static void print_stack(const char *what, const char **frames,
			const uint64_t *pcs, int n)
{
	print_message("%s:\n", what);
	for (int i = 0; i < n; i++)
		print_message("  #%-2d 0x%012llx %s\n", i,
			      (unsigned long long)pcs[i], frames[i]);
}

/* The four levels, in order, with their return addresses. */
static void assert_chain(const char **frames, const uint64_t *pcs, int n)
{
	int at = 0;

	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		at = find_frame(frames, n, at, chain[i]);
		if (at < 0)
			fail_msg("no frame %s in order", chain[i]);
		assert_true(pcs[at] != 0);
		at++;
	}
	for (int i = 0; i < n; i++)
		assert_null(strstr(frames[i], "<unwind failed"));
}

static void client_stack(const char *client)
{
	const char *frames[UNWIND_DEFAULT_DEPTH];
	uint64_t pcs[UNWIND_DEFAULT_DEPTH];
	struct unwinder *u = new_unwinder();
	pid_t pid = start_client(client, NULL);
	int n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);

	assert_in_range(n, 5, UNWIND_DEFAULT_DEPTH);
	print_stack(client, frames, pcs, n);
	assert_chain(frames, pcs, n);
	stop_client(pid);
	unwinder_free(u);
}

static void static_stack(void **state)
{
	(void)state;
	client_stack("stack-static");
}

static void dynamic_stack(void **state)
{
	(void)state;
	client_stack("stack-dynamic");
}

/* Stats after minus before, for the counters that cost. */
struct cost {
	uint64_t spaces, maps, info, elf, syms, hits;
};

static struct cost cost_since(struct unwinder *u,
			      const struct unwinder_stats *before)
{
	struct unwinder_stats now;

	unwinder_stats(u, &now);
	return (struct cost){
		.spaces = now.spaces - before->spaces,
		.maps = now.maps_reads - before->maps_reads,
		.info = now.info_reads - before->info_reads,
		.elf = now.elf_reads - before->elf_reads,
		.syms = now.sym_reads - before->sym_reads,
		.hits = now.sym_hits - before->sym_hits,
	};
}

/* Unwind PID again: same stack as FRAMES/PCS (N); returns the cost. */
static struct cost again(struct unwinder *u, pid_t pid, const char **frames,
			 const uint64_t *pcs, int n)
{
	const char *f2[UNWIND_DEFAULT_DEPTH];
	uint64_t p2[UNWIND_DEFAULT_DEPTH];
	struct unwinder_stats before;

	unwinder_stats(u, &before);
	assert_int_equal(unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, f2,
					p2), n);
	for (int i = 0; i < n; i++) {
		assert_string_equal(f2[i], frames[i]);
		assert_int_equal(p2[i], pcs[i]);
	}
	return cost_since(u, &before);
}

/*
 * The second stack reads nothing; after unwinder_forget the address
 * space and mappings are made again but the names come from the cache;
 * so do they in another process of the same program.
 */
static void caches(void **state)
{
	static const char *const clients[] = {
		"stack-dynamic", "stack-static"
	};

	(void)state;

	for (size_t k = 0; k < 2; k++) {
		const char *frames[UNWIND_DEFAULT_DEPTH];
		uint64_t pcs[UNWIND_DEFAULT_DEPTH];
		struct unwinder *u = new_unwinder();
		struct unwinder_stats before;
		pid_t pid = start_client(clients[k], NULL), pid2;
		struct cost c;
		int n;

		unwinder_stats(u, &before);
		n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames,
				   pcs);
		assert_chain(frames, pcs, n);
		c = cost_since(u, &before);
		assert_int_equal(c.spaces, 1);
		assert_int_equal(c.maps, 1);
		assert_true(c.info > 0);
		assert_true(c.elf > 0);
		assert_true(c.syms > 0);

		/* warm: no ELF, no /proc, every name from the cache */
		c = again(u, pid, frames, pcs, n);
		assert_int_equal(c.spaces + c.maps + c.info + c.elf + c.syms,
				 0);
		assert_int_equal(c.hits, n);

		/*
		 * forgotten (as at exec): a new address space looks up its
		 * rules again, but files and names are cached
		 */
		unwinder_forget(u, pid);
		unwinder_forget(u, pid);	/* unknown now: no-op */
		c = again(u, pid, frames, pcs, n);
		assert_int_equal(c.spaces, 1);
		assert_int_equal(c.maps, 1);
		assert_true(c.info > 0);
		assert_int_equal(c.elf + c.syms, 0);
		stop_client(pid);
		unwinder_forget(u, pid);

		/* another process of the same program: names cached */
		pid2 = start_client(clients[k], NULL);
		unwinder_stats(u, &before);
		n = unwinder_stack(u, pid2, pid2, UNWIND_DEFAULT_DEPTH,
				   frames, pcs);
		assert_chain(frames, pcs, n);
		c = cost_since(u, &before);
		assert_int_equal(c.spaces, 1);
		assert_int_equal(c.elf + c.syms, 0);
		stop_client(pid2);
		unwinder_free(u);
	}
}

/* MAX bounds the stack; out-of-range arguments are refused. */
static void depth(void **state)
{
	const char *frames[UNWIND_MAX_DEPTH], *top[2];
	uint64_t pcs[UNWIND_MAX_DEPTH], toppcs[2];
	struct unwinder *u = new_unwinder();
	pid_t pid = start_client("stack-static", NULL);
	int n;

	(void)state;

	n = unwinder_stack(u, pid, pid, 1000, frames, pcs);
	assert_in_range(n, 5, UNWIND_MAX_DEPTH);
	assert_chain(frames, pcs, n);
	assert_int_equal(unwinder_stack(u, pid, pid, 2, top, toppcs), 2);
	assert_string_equal(top[1], frames[1]);
	assert_int_equal(toppcs[1], pcs[1]);
	assert_int_equal(unwinder_stack(u, pid, pid, 1, top, NULL), 1);
	assert_string_equal(top[0], frames[0]);
	assert_int_equal(unwinder_stack(u, pid, pid, 0, top, NULL), -EINVAL);
	assert_int_equal(unwinder_stack(u, pid, pid, 2, NULL, NULL), -EINVAL);
	assert_int_equal(unwinder_stack(NULL, pid, pid, 2, top, NULL),
			 -EINVAL);
	stop_client(pid);
	unwinder_free(u);
}

/*
 * A step that fails ends the stack with a marker, after the frames found
 * so far: broken_openat's unwind information puts its return address at
 * 0x18.  A tracee that is gone gives a stack of the marker alone.
 */
static void failures(void **state)
{
	const char *frames[UNWIND_DEFAULT_DEPTH];
	uint64_t pcs[UNWIND_DEFAULT_DEPTH];
	struct unwinder *u = new_unwinder();
	pid_t pid = start_client("stack-static", "-b");
	int n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);

	(void)state;

	print_stack("stack-static -b", frames, pcs, n);
	assert_int_equal(n, 2);
	assert_int_equal(find_frame(frames, n, 0, "broken_openat"), 0);
	assert_string_equal(frames[1],
			    "<unwind failed: cannot read memory at 0x18>");
	assert_int_equal(pcs[1], 0);
	stop_client(pid);

	/* reaped: no such thread */
	n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);
	assert_int_equal(n, 1);
	assert_non_null(strstr(frames[0], "<unwind failed: cannot read "
				"registers: "));
	assert_int_equal(pcs[0], 0);
	unwinder_forget(u, pid);
	unwinder_free(u);
}

/*
 * Past 512 processes the unwinder drops them all (a bound on memory if
 * exits are missed): stacks stay right, the first process is new again.
 * The tgid is only a key, so one stopped client serves as 600.
 */
static void many_processes(void **state)
{
	const char *frames[UNWIND_DEFAULT_DEPTH], *f2[UNWIND_DEFAULT_DEPTH];
	uint64_t pcs[UNWIND_DEFAULT_DEPTH], p2[UNWIND_DEFAULT_DEPTH];
	struct unwinder *u = new_unwinder();
	struct unwinder_stats st;
	pid_t pid = start_client("stack-dynamic", NULL);
	int n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);

	(void)state;

	assert_chain(frames, pcs, n);
	for (pid_t tgid = 1; tgid <= 600; tgid++) {
		assert_int_equal(unwinder_stack(u, pid, pid + tgid,
						UNWIND_DEFAULT_DEPTH, f2, p2),
				 n);
		assert_string_equal(f2[3], frames[3]);
		assert_int_equal(p2[n - 1], pcs[n - 1]);
	}
	unwinder_stats(u, &st);
	assert_int_equal(st.spaces, 601);
	again(u, pid, frames, pcs, n);
	unwinder_stats(u, &st);
	assert_int_equal(st.spaces, 602);
	assert_int_equal(st.failed, 0);
	stop_client(pid);
	unwinder_free(u);
}

/* ---- timings (printed, never asserted) ---- */

/* CPU time (user and system) of this process: the tracee is stopped, so
 * this is the unwinder's cost, less disturbed by a busy machine than the
 * wall clock. */
static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void time_client(const char *client, int rounds)
{
	const char *frames[UNWIND_DEFAULT_DEPTH];
	uint64_t pcs[UNWIND_DEFAULT_DEPTH];
	struct unwinder *u;
	pid_t pid = start_client(client, NULL);
	double t, cold = 0, proc = 0, warm = 0;
	int n = 0, i;

	for (i = 0; i < rounds; i++) {
		/* cold: a new unwinder, nothing cached */
		u = new_unwinder();
		t = now_us();
		n = unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames,
				   pcs);
		cold += now_us() - t;
		/* a new process of a known program: names cached */
		unwinder_forget(u, pid);
		t = now_us();
		unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);
		proc += now_us() - t;
		unwinder_free(u);
	}
	u = new_unwinder();
	unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);
	t = now_us();
	for (i = 0; i < rounds * 100; i++)
		unwinder_stack(u, pid, pid, UNWIND_DEFAULT_DEPTH, frames, pcs);
	warm += now_us() - t;
	print_message("%s, %d frames, CPU per stack: cold %.1f us, new "
		      "process %.1f us, warm %.2f us\n", client, n, cold / rounds,
		      proc / rounds, warm / (rounds * 100));
	unwinder_free(u);
	stop_client(pid);
}

static void timings(void **state)
{
	const char *env = getenv("VFSTRACE_UNWIND_BENCH");
	int rounds = env ? atoi(env) : 20;

	(void)state;

	if (rounds < 1)
		rounds = 1;
	time_client("stack-static", rounds);
	time_client("stack-dynamic", rounds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(static_stack),
		cmocka_unit_test(dynamic_stack),
		cmocka_unit_test(caches),
		cmocka_unit_test(depth),
		cmocka_unit_test(failures),
		cmocka_unit_test(many_processes),
		cmocka_unit_test(timings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
