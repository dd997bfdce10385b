/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "log.h"

#define SEIZE_OPTIONS (PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP |	\
		       PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |	\
		       PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |	\
		       PTRACE_O_TRACESYSGOOD)

/* In the child: wait to be seized, load the filter, exec.  No return. */
static void child(int go, char *const argv[], const struct arch *arch,
		  const struct filter_opts *fopts, struct sandbox *sb)
{
	char c;
	int err;

	while (read(go, &c, 1) < 0 && errno == EINTR)
		;
	close(go);
	if (sb && (err = sandbox_enter(sb))) {
		fprintf(stderr, "vfstrace: cannot enter the Landlock domain: "
			"%s\n", strerror(-err));
		_exit(EXIT_VFSTRACE_FAILED);
	}
	err = filter_install(arch, fopts);
	if (err) {
		fprintf(stderr, "vfstrace: cannot install the seccomp filter: "
			"%s\n", strerror(-err));
		_exit(EXIT_VFSTRACE_FAILED);
	}
	execvp(argv[0], argv);
	err = errno;
	fprintf(stderr, "vfstrace: '%s': %s\n", argv[0], strerror(err));
	_exit(err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND :
	      EXIT_CANNOT_EXEC);
}

pid_t launch(char *const argv[], const struct arch *arch,
	     const struct filter_opts *fopts, struct sandbox *sb)
{
	int go[2];
	pid_t pid;

	if (pipe2(go, O_CLOEXEC))
		die("cannot create a pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		close(go[1]);
		child(go[0], argv, arch, fopts, sb);
	}
	close(go[0]);
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)SEIZE_OPTIONS)) {
		int err = errno;

		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		die("cannot trace the command (PTRACE_SEIZE): %s%s",
		    strerror(err), err == EPERM ?
		    " (is ptrace forbidden by Yama or a seccomp policy?)" : "");
	}
	/*
	 * Once the child is seized (it was forked dumpable, as it must be
	 * to be seized by an unprivileged vfstrace): the tree's processes,
	 * of the same uid, can no longer open vfstrace's /proc/PID/{mem,
	 * fd,root,cwd,environ} nor ptrace it, by the kernel's own check.
	 */
	if (prctl(PR_SET_DUMPABLE, 0))
		die("cannot make vfstrace non-dumpable: %s", strerror(errno));
	close(go[1]);	/* the child goes on */
	return pid;
}
