// SPDX-License-Identifier: MIT
/*
 * fsops: the file-operation scenario of the integration tests, built
 * static twice from this one source (glibc: fsops-glibc, musl: fsops-musl).
 * tests/clients/go/fsops and tests/clients/fsops.sh do the same steps.
 *
 *   fsops [DIR]     chdir to DIR (default: stay in the cwd), run the scenario
 *   fsops --child   what the exec'd child does, in the inherited cwd
 *
 * NTHREADS threads work at the same time, thread i in its own directory
 * t<i> (plus one file in shared/).  Each collects its report in a buffer
 * that main prints after the join, so stdout does not depend on the
 * scheduling.  Main then forks and re-executes itself with --child
 * (through /proc/self/exe), which works in sub/ after a chdir, goes back
 * with fchdir and exits with CHILD_STATUS.
 *
 * Exit status 0; on any unexpected failure a message on stderr and 1.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define NTHREADS 4
#define CHILD_STATUS 7

struct report {
	char buf[2048];
	size_t len;
};

static void die(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	fputs("fsops: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	exit(1);
}

static void report_add(struct report *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->buf + r->len, sizeof(r->buf) - r->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(r->buf) - r->len) {
		errno = ENOSPC;
		die("report buffer full");
	}
	r->len += n;
}

/* Open PATH relative to DIRFD with FLAGS, write TEXT, close. */
static void write_file_at(int dirfd, const char *path, int flags,
			  const char *text)
{
	size_t len = strlen(text);
	int fd = openat(dirfd, path, flags | O_CLOEXEC, 0644);

	if (fd < 0)
		die("open '%s'", path);
	if (write(fd, text, len) != (ssize_t)len)
		die("write '%s'", path);
	if (close(fd))
		die("close '%s'", path);
}

static void write_file(const char *path, int flags, const char *text)
{
	write_file_at(AT_FDCWD, path, flags, text);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append " name" for each entry of directory PATH but . and .., sorted. */
static void report_listing(struct report *r, const char *path)
{
	char *names[64];
	size_t n = 0, i;
	struct dirent *de;
	DIR *dir = opendir(path);

	if (!dir)
		die("opendir '%s'", path);
	errno = 0;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == sizeof(names) / sizeof(names[0])) {
			errno = E2BIG;
			die("listing '%s'", path);
		}
		names[n] = strdup(de->d_name);
		if (!names[n++])
			die("strdup");
	}
	if (errno)
		die("readdir '%s'", path);
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		report_add(r, " %s", names[i]);
		free(names[i]);
	}
}

/* Append the content of PATH with newlines shown as '|'. */
static void report_content(struct report *r, const char *path)
{
	char buf[256];
	ssize_t n, i;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die("open '%s'", path);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		die("read '%s'", path);
	close(fd);
	for (i = 0; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = '|';
	buf[n] = '\0';
	report_add(r, "%s", buf);
}

struct worker {
	pthread_t thread;
	int index;
	struct report report;
};

/* Steps of thread I, all in t<i> (and shared/f<i>). */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct report *r = &w->report;
	int i = w->index, dfd;
	char d[16], a[32], b[32], sym[32], hard[32], tmp[32], missing[32];
	char shared[32], text[64], target[64];
	struct stat st;
	ssize_t n;

	snprintf(d, sizeof(d), "t%d", i);
	snprintf(a, sizeof(a), "%s/a", d);
	snprintf(b, sizeof(b), "%s/b", d);
	snprintf(sym, sizeof(sym), "%s/sym", d);
	snprintf(hard, sizeof(hard), "%s/hard", d);
	snprintf(tmp, sizeof(tmp), "%s/tmp", d);
	snprintf(missing, sizeof(missing), "%s/missing", d);
	snprintf(shared, sizeof(shared), "shared/f%d", i);

	if (mkdir(d, 0755))
		die("mkdir '%s'", d);
	snprintf(text, sizeof(text), "line %d\n", i);
	write_file(a, O_WRONLY | O_CREAT | O_TRUNC, text);
	snprintf(text, sizeof(text), "more %d\n", i);
	write_file(a, O_WRONLY | O_APPEND, text);
	if (rename(a, b))
		die("rename '%s'", a);
	if (symlink("b", sym))
		die("symlink '%s'", sym);
	if (link(b, hard))
		die("link '%s'", hard);
	write_file(tmp, O_WRONLY | O_CREAT | O_EXCL, "");
	if (unlink(tmp))
		die("unlink '%s'", tmp);
	if (access(missing, F_OK) == 0 || errno != ENOENT)
		die("access '%s' did not fail with ENOENT", missing);

	/* The same through a directory fd. */
	dfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		die("open '%s'", d);
	write_file_at(dfd, "c", O_WRONLY | O_CREAT | O_TRUNC, "c\n");
	if (renameat(dfd, "c", dfd, "d"))
		die("renameat '%s/c'", d);
	if (unlinkat(dfd, "d", 0))
		die("unlinkat '%s/d'", d);
	if (mkdirat(dfd, "e", 0755))
		die("mkdirat '%s/e'", d);
	close(dfd);

	snprintf(text, sizeof(text), "f%d\n", i);
	write_file(shared, O_WRONLY | O_CREAT | O_TRUNC, text);

	n = readlink(sym, target, sizeof(target) - 1);
	if (n < 0)
		die("readlink '%s'", sym);
	target[n] = '\0';
	report_add(r, "%s: sym -> %s\n", d, target);
	report_add(r, "%s: sym content: ", d);
	report_content(r, sym);
	report_add(r, "\n");
	if (stat(hard, &st))
		die("stat '%s'", hard);
	report_add(r, "%s: hard links: %lu\n", d, (unsigned long)st.st_nlink);
	report_add(r, "%s: missing: ENOENT\n", d);
	report_add(r, "%s: ls:", d);
	report_listing(r, d);
	report_add(r, "\n");
	return NULL;
}

/* The exec'd child: sub/ via chdir, back via fchdir. */
static int child_main(void)
{
	struct report r = { .len = 0 };
	int top = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (top < 0)
		die("open '.'");
	if (mkdir("sub", 0755))
		die("mkdir 'sub'");
	if (chdir("sub"))
		die("chdir 'sub'");
	write_file("file", O_WRONLY | O_CREAT | O_TRUNC, "child\n");
	if (fchdir(top))
		die("fchdir");
	close(top);
	if (access("sub/file", R_OK))
		die("access 'sub/file'");
	report_add(&r, "child: ls sub:");
	report_listing(&r, "sub");
	report_add(&r, "\n");
	fputs(r.buf, stdout);
	fflush(stdout);
	return CHILD_STATUS;
}

/* fork, exec /proc/self/exe --child, wait; return its exit status. */
static int run_child(const char *argv0)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execl("/proc/self/exe", argv0, "--child", (char *)NULL);
		die("exec '/proc/self/exe'");
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status)) {
		errno = ECHILD;
		die("child did not exit normally (status 0x%x)", status);
	}
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	static struct worker workers[NTHREADS];
	struct report r = { .len = 0 };
	int i, err;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child_main();
	if (argc > 1 && chdir(argv[1]))
		die("chdir '%s'", argv[1]);
	if (mkdir("shared", 0755))
		die("mkdir 'shared'");

	for (i = 0; i < NTHREADS; i++) {
		workers[i].index = i;
		err = pthread_create(&workers[i].thread, NULL, worker_run,
				     &workers[i]);
		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(workers[i].thread, NULL);
		fputs(workers[i].report.buf, stdout);
	}
	report_add(&r, "shared: ls:");
	report_listing(&r, "shared");
	printf("%s\n", r.buf);
	printf("child exited %d\n", run_child(argv[0]));
	printf("done\n");
	return 0;
}
