/* SPDX-License-Identifier: MIT */
/*
 * The scratch mapping from inside (tests/integration/t_ov_scratch_seal):
 * scratch_seal DIR [--exec'd].  Under vfstrace -u, after a trapped call,
 * the mapping vfstrace made (4 MiB, private, anonymous, read-only) is
 * found in /proc/self/maps and must be sealed ("sl" in smaps), a write
 * to it must fault, and mprotect, pkey_mprotect, munmap, mremap, mmap
 * over it and madvise(MADV_DONTNEED, MADV_FREE) must fail with EPERM;
 * the same in a forked child, whose rewritten paths still work (it
 * creates DIR/forked); then the program execs itself and checks again
 * in the new image, whose mapping is a new one (it creates DIR/execed).
 * Exit status 0 when all holds, else 1 with the reason on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCRATCH (4ul << 20)

static int failed;

/* A check failed: say why on stderr, exit 1 at the end. */
static void bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	failed = 1;
}

/*
 * The read-only anonymous mappings of SCRATCH bytes (no name, or "[heap]"
 * where the brk heap would start): their count, the last in *AT.
 */
static int find(char **at)
{
	unsigned long lo, hi;
	char line[512], perm[8];
	FILE *f = fopen("/proc/self/maps", "re");
	int n, count = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		n = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perm,
			   &n) < 3 || hi - lo != SCRATCH || !n ||
		    (line[n] && line[n] != '\n' &&
		     strcmp(line + n, "[heap]\n")) || strcmp(perm, "r--p"))
			continue;
		*at = (char *)lo;
		count++;
	}
	fclose(f);
	return count;
}

/* Whether smaps shows the mapping at M sealed ("sl" in VmFlags). */
static int sealed(char *m)
{
	char line[512], head[32];
	FILE *f = fopen("/proc/self/smaps", "re");
	int in = 0, yes = 0;

	if (!f)
		return 0;
	snprintf(head, sizeof(head), "%lx-", (unsigned long)m);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, head, strlen(head)))
			in = 1;
		else if (in && !strncmp(line, "VmFlags:", 8)) {
			yes = strstr(line, " sl") != NULL;
			break;
		}
	}
	fclose(f);
	return yes;
}

/* CALL must fail with EPERM. */
#define EXPECT_EPERM(what, call)                                             \
	do {                                                                 \
		long r_;                                                     \
		errno = 0;                                                   \
		r_ = (long)(call);                                           \
		if (r_ != -1 || errno != EPERM)                              \
			bad("%s: %ld (%s), not EPERM\n", what, r_,        \
			    strerror(errno));                                \
	} while (0)

/* A write into M from a child must die of SIGSEGV. */
static void write_faults(char *m)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile char *)(m + 100) = 'x';
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFSIGNALED(st) ||
	    WTERMSIG(st) != SIGSEGV)
		bad("a write did not fault (status %d)\n", st);
}

static void check(const char *who, char *m)
{
	char *other = m + 2 * SCRATCH;

	if (!sealed(m))
		bad("%s: not sealed in smaps\n", who);
	EXPECT_EPERM("mprotect", mprotect(m, SCRATCH, PROT_READ | PROT_WRITE));
	EXPECT_EPERM("mprotect NONE", mprotect(m, 4096, PROT_NONE));
	EXPECT_EPERM("pkey_mprotect", syscall(SYS_pkey_mprotect, m, 4096,
					      PROT_READ | PROT_WRITE, -1));
	EXPECT_EPERM("munmap", munmap(m, 4096));
	EXPECT_EPERM("mremap", mremap(m, SCRATCH, SCRATCH,
				      MREMAP_MAYMOVE | MREMAP_FIXED, other));
	EXPECT_EPERM("mremap shrink", mremap(m, SCRATCH, 4096, 0));
	EXPECT_EPERM("mmap over", mmap(m, 4096, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				       -1, 0));
	EXPECT_EPERM("madvise DONTNEED", madvise(m, 4096, MADV_DONTNEED));
	EXPECT_EPERM("madvise FREE", madvise(m, 4096, MADV_FREE));
	write_faults(m);
}

/* The scratch mapping of this image, after a trapped call made it. */
static char *scratch(const char *dir)
{
	char *m = NULL;
	int n;

	if (access(dir, F_OK))	/* trapped: the mapping is made */
		bad("%s: %s\n", dir, strerror(errno));
	n = find(&m);
	if (n != 1) {
		fprintf(stderr, "%d read-only 4 MiB anonymous mappings\n", n);
		exit(1);
	}
	return m;
}

/* A file DIR/NAME: the path rewritten into the upper. */
static void create(const char *dir, const char *name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, name, strlen(name)) < 0 || close(fd))
		bad("%s: %s\n", path, strerror(errno));
}

int main(int argc, char **argv)
{
	char *m, *m2;
	pid_t pid;
	int st = 0;

	if (argc < 2)
		return 2;
	m = scratch(argv[1]);
	check(argc > 2 ? "exec'd" : "first", m);
	if (argc > 2) {
		create(argv[1], "execed");
		printf("exec'd image: scratch at %p\n", (void *)m);
		return failed;
	}
	pid = fork();
	if (pid == 0) {
		if (scratch(argv[1]) != m)
			bad("fork: another mapping in the child\n");
		check("forked", m);
		create(argv[1], "forked");
		_exit(failed);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st))
		bad("fork: the child failed (status %d)\n", st);
	m2 = NULL;
	if (find(&m2) != 1 || m2 != m)
		bad("parent: the mapping changed\n");
	printf("first image: scratch at %p\n", (void *)m);
	fflush(stdout);
	if (failed)
		return 1;
	execl("/proc/self/exe", argv[0], argv[1], "--exec'd", (char *)NULL);
	perror("exec");
	return 1;
}
