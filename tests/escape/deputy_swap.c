/* SPDX-License-Identifier: MIT */
/*
 * The host's side of the confused-deputy attacks (deputy_*.sh), run
 * outside the tree: it stands for the tree writing the upper by its host
 * path, which Landlock lets it do (vfstrace emulates the tree's own
 * rename and symlink, so that the tree needs a race to get there; this
 * makes the swap certain).
 *
 *   deputy_swap race|plant H NAME TARGET
 * waits (10 s at most) for H/ready, then race: for 2 s, swaps directory
 * H/NAME for a symlink to TARGET and back; plant: moves H/NAME away (if
 * it is there) and puts the symlink in its place for 2 s.  H/NAME is put
 * back at the end.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"

static char name[4096], real[4200];
static const char *target;

static void swap_in(void)
{
	if (rename(name, real) && errno != ENOENT)
		step("rename", -1);
	if (symlink(target, name))
		step("symlink", -1);
}

static void swap_out(void)
{
	unlink(name);
	rename(real, name);
}

int main(int argc, char **argv)
{
	char ready[4200];
	struct stat st;
	time_t end;
	long n = 0;
	int i;

	if (argc != 5)
		setup_fail("usage: deputy_swap race|plant H NAME TARGET");
	snprintf(ready, sizeof(ready), "%s/ready", argv[2]);
	snprintf(name, sizeof(name), "%s/%s", argv[2], argv[3]);
	snprintf(real, sizeof(real), "%s.real", name);
	target = argv[4];
	for (i = 0; i < 1000 && stat(ready, &st); i++)
		usleep(10000);
	if (strcmp(argv[1], "race")) {
		swap_in();
		sleep(2);
		swap_out();
		return 0;
	}
	end = time(NULL) + 2;
	while (time(NULL) < end) {
		swap_in();
		usleep(100);
		swap_out();
		usleep(100);
		n++;
	}
	fprintf(stderr, "%ld swaps\n", n);
	return 0;
}
