/* SPDX-License-Identifier: MIT */
/*
 * The two floor supervisors of the benchmarks (issue 5): the least work a
 * ptrace + seccomp supervisor with vfstrace's filter can do.
 *
 *   floor --bare [--overlay-filter] -- COMMAND [ARG...]
 *   floor --translator [--overlay-filter] -- COMMAND [ARG...]
 *   floor --results [--overlay-filter] -- COMMAND [ARG...]
 *
 * Both install the same filter as vfstrace (trace mode's by default, the
 * overlay mode's with --overlay-filter), seize the command with the same
 * options and follow the whole tree.  At each seccomp stop:
 *  - bare: PTRACE_CONT at once (the cost of the mechanism);
 *  - translator: one PTRACE_GET_SYSCALL_INFO, one process_vm_readv of the
 *    path argument, PTRACE_CONT (the least a path translator must do);
 *  - results: the translator's work, then PTRACE_SYSCALL and, at the
 *    syscall-exit stop, one PTRACE_GET_SYSCALL_INFO for the result and
 *    PTRACE_CONT (the least a tracer that logs results must do: trace
 *    mode with -o, strace).
 * Nothing else: no per-tracee state, no output.  Signals are
 * re-injected at once and group-stops are restarted with PTRACE_LISTEN,
 * as vfstrace does.  Exit status: the command's, 128+N if it was killed
 * by signal N, 125 if the floor cannot set up, 126/127 if the command
 * cannot be run / is not found.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch.h"
#include "filter.h"
#include "launch.h"

#define EXIT_FLOOR_FAILED 125
#define PAGE 4096UL
/* What vfstrace reads first of a path (supervisor/memory.c). */
#define PATH_READ 256

enum floor { BARE, TRANSLATOR, RESULTS };

/* Index of the first PATH argument of each table row, or -1. */
static signed char path_arg[SC__COUNT];

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "floor: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(EXIT_FLOOR_FAILED);
}

static void usage(void)
{
	fprintf(stderr, "usage: floor --bare|--translator|--results"
		" [--overlay-filter] -- COMMAND [ARG...]\n");
	exit(EXIT_FLOOR_FAILED);
}

static void init_path_args(void)
{
	for (int id = 0; id < SC__COUNT; id++) {
		path_arg[id] = -1;
		for (int i = 0; i < sysent_table[id].nargs; i++) {
			if (sysent_table[id].arg[i] == A_PATH) {
				path_arg[id] = i;
				break;
			}
		}
	}
}

/*
 * Read the first PATH_READ bytes at ADDR in TID with one process_vm_readv,
 * one iovec per page so that a string ending before an unmapped page is
 * still read.  Returns whether a NUL was found; the bytes are discarded.
 */
static bool read_path(pid_t tid, uint64_t addr)
{
	char buf[PATH_READ];
	size_t first = PAGE - (addr & (PAGE - 1));
	struct iovec local = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct iovec remote[2] = {
		{ .iov_base = (void *)(uintptr_t)addr, .iov_len = sizeof(buf) },
	};
	int n = 1;
	ssize_t got;

	if (first < sizeof(buf)) {
		remote[0].iov_len = first;
		remote[1].iov_base = (void *)(uintptr_t)(addr + first);
		remote[1].iov_len = sizeof(buf) - first;
		n = 2;
	}
	got = process_vm_readv(tid, &local, 1, remote, n, 0);
	return got > 0 && memchr(buf, '\0', got);
}

/* The translator's work at a seccomp stop. */
static void translate(pid_t tid)
{
	struct __ptrace_syscall_info info;
	unsigned int id;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info) <= 0 ||
	    info.op != PTRACE_SYSCALL_INFO_SECCOMP)
		return;
	id = info.seccomp.ret_data;
	if (id < SC__COUNT && path_arg[id] >= 0 &&
	    info.seccomp.args[path_arg[id]])
		read_path(tid, info.seccomp.args[path_arg[id]]);
}

/* The result at a syscall-exit stop. */
static void result(pid_t tid)
{
	struct __ptrace_syscall_info info;

	ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info);
}

static void on_stop(enum floor mode, pid_t tid, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned int)status >> 16;

	switch (event) {
	case 0:
		if (sig == (SIGTRAP | 0x80)) {
			result(tid);	/* syscall-exit stop */
			break;
		}
		/* signal-delivery stop: re-inject */
		ptrace(PTRACE_CONT, tid, NULL, (void *)(long)sig);
		return;
	case PTRACE_EVENT_SECCOMP:
		if (mode == BARE)
			break;
		translate(tid);
		if (mode == RESULTS) {
			ptrace(PTRACE_SYSCALL, tid, NULL, NULL);
			return;
		}
		break;
	case PTRACE_EVENT_STOP:
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
		    sig == SIGTTOU) {
			/* a group-stop: keep job control working */
			ptrace(PTRACE_LISTEN, tid, NULL, NULL);
			return;
		}
		break;
	}
	ptrace(PTRACE_CONT, tid, NULL, NULL);
}

/* Run the tree to its end; the exit status of MAIN_PID as a shell's. */
static int run(enum floor mode, pid_t main_pid)
{
	int main_status = -1;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, __WALL);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			die("waitpid: %s", strerror(errno));
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == main_pid)
				main_status = status;
			continue;
		}
		on_stop(mode, pid, status);
	}
	if (main_status < 0)
		return EXIT_FLOOR_FAILED;
	if (WIFSIGNALED(main_status))
		return 128 + WTERMSIG(main_status);
	return WEXITSTATUS(main_status);
}

int main(int argc, char **argv)
{
	struct filter_opts fopts = { 0 };
	int mode = -1, i;
	pid_t pid;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--bare")) {
			mode = BARE;
		} else if (!strcmp(argv[i], "--translator")) {
			mode = TRANSLATOR;
		} else if (!strcmp(argv[i], "--results")) {
			mode = RESULTS;
		} else if (!strcmp(argv[i], "--overlay-filter")) {
			fopts.mode = MODE_OVERLAY;
		} else {
			usage();
		}
	}
	if (mode < 0 || i >= argc)
		usage();
	init_path_args();
	/* the very launch vfstrace uses: same filter, same ptrace options */
	pid = launch(argv + i, &arch_native, &fopts, NULL);
	/* Like a shell running a command: terminal signals are its. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	return run(mode, pid);
}
