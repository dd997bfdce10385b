/* SPDX-License-Identifier: MIT */
/*
 * A process outside the traced tree, for attacks aimed at other
 * processes: outsider CANARY INFO.  It keeps a directory fd of
 * CANARY/dir and its cwd in CANARY, writes "PID ADDR FD" to INFO (ADDR:
 * the address of its state string), and waits for SIGTERM; then, only
 * if an attack changed the state string in its memory, it writes the
 * string to CANARY/outsider.state, where the host judge sees it.
 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "escape.h"

static char state[64] = "untouched";
static volatile sig_atomic_t done;

static void on_term(int sig)
{
	(void)sig;
	done = 1;
}

int main(int argc, char **argv)
{
	char path[4096];
	FILE *f;
	int fd;

	if (argc != 3)
		setup_fail("usage: outsider CANARY INFO");
	snprintf(path, sizeof(path), "%s/dir", argv[1]);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || chdir(argv[1]))
		setup_fail("%s: %s", argv[1], strerror(errno));
	signal(SIGTERM, on_term);
	f = fopen(argv[2], "w");
	if (!f)
		setup_fail("%s: %s", argv[2], strerror(errno));
	fprintf(f, "%d %p %d\n", getpid(), (void *)state, fd);
	fclose(f);
	while (!done)
		pause();
	if (strcmp(state, "untouched")) {
		snprintf(path, sizeof(path), "%s/outsider.state", argv[1]);
		f = fopen(path, "w");
		if (f) {
			fprintf(f, "%.63s\n", state);
			fclose(f);
		}
	}
	return 0;
}
