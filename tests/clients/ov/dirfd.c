// SPDX-License-Identifier: MIT
/*
 * dirfd --fd N NAME..., dirfd --open DIR NAME...: a no-follow stat of
 * each NAME relative to fd N (inherited) or to DIR opened first.
 *
 * dirfd DIR: calls relative to directory fds whose number is reused,
 * dup2()ed over, inherited or whose directory moves, in DIR which holds
 * a/x (3 bytes), a/only_a, b/x (5 bytes), b/only_b.  Each step prints
 * one line "step: result"; the output must be the same natively and
 * under vfstrace (which caches the paths of directory fds: a stale entry
 * shows here as the wrong size or errno).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int dfd(const char *dir, const char *name)
{
	char p[4096];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		perror(p);
		exit(2);
	}
	return fd;
}

/* "size N" or "errno NAME" of NAME relative to FD, without following. */
static void show(const char *step, int fd, const char *name)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW))
		printf("%s: %s %s\n", step, name,
		       errno == ENOENT ? "ENOENT" : strerror(errno));
	else
		printf("%s: %s size %lld\n", step, name,
		       (long long)st.st_size);
}

/* Several lookups: the path of FD is remembered after the second. */
static void warm(int fd)
{
	struct stat st;
	int i;

	for (i = 0; i < 3; i++)
		fstatat(fd, "x", &st, AT_SYMLINK_NOFOLLOW);
}

static void reuse_number(const char *dir)
{
	int a = dfd(dir, "a"), b;

	warm(a);
	show("reuse-before", a, "x");
	close(a);
	b = dfd(dir, "b");
	printf("reuse: same number %s\n", a == b ? "yes" : "no");
	show("reuse-after", b, "x");
	show("reuse-after", b, "only_b");
	show("reuse-after", b, "only_a");
	close(b);
}

static void dup2_over(const char *dir)
{
	int a = dfd(dir, "a"), b = dfd(dir, "b");

	warm(a);
	dup2(b, a);
	show("dup2", a, "x");
	show("dup2", a, "only_a");
	close(a);
	close(b);
}

static void child_reopens(const char *dir)
{
	int a = dfd(dir, "a"), st;
	pid_t pid;

	warm(a);
	pid = fork();
	if (pid == 0) {
		int b = dfd(dir, "b");

		show("child-inherited", a, "x");
		dup2(b, a);
		show("child-dup2", a, "x");
		_exit(0);
	}
	waitpid(pid, &st, 0);
	fflush(stdout);
	show("parent-after-child", a, "x");
	close(a);
}

static void moved_dir(const char *dir)
{
	char p[4096], q[4096];
	int d, f;

	snprintf(p, sizeof(p), "%s/new", dir);
	snprintf(q, sizeof(q), "%s/new2", dir);
	mkdir(p, 0755);
	d = dfd(dir, "new");
	f = openat(d, "f", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (f >= 0) {
		if (write(f, "1234567", 7) != 7)
			perror("write");
		close(f);
	}
	warm(d);
	show("moved-before", d, "f");
	printf("moved: rename %s\n", rename(p, q) ? strerror(errno) : "ok");
	show("moved-after", d, "f");
	f = openat(d, "g", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (f >= 0)
		close(f);
	snprintf(p, sizeof(p), "%s/new2/g", dir);
	printf("moved: g created in the new name: %s\n",
	       access(p, F_OK) ? "no" : "yes");
	close(d);
}

/* Changes below a directory opened before them. */
static void changed_under(const char *dir)
{
	int a = dfd(dir, "a"), f;

	warm(a);
	show("changed-before", a, "x");
	f = openat(a, "x", O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (f >= 0) {
		if (write(f, "zz", 2) != 2)
			perror("write");
		close(f);
	}
	show("changed-written", a, "x");
	f = openat(a, "made", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (f >= 0)
		close(f);
	show("changed-created", a, "made");
	printf("changed: unlink only_a: %s\n",
	       unlinkat(a, "only_a", 0) ? strerror(errno) : "ok");
	show("changed-removed", a, "only_a");
	close(a);
}

/* NAMEs relative to fd FD, as an fd opened by the parent or by open. */
static int names_at(int fd, char **names)
{
	for (; *names; names++)
		show("at", fd, *names);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--fd"))
		return names_at(atoi(argv[2]), argv + 3);
	if (argc >= 3 && !strcmp(argv[1], "--open"))
		return names_at(dfd(argv[2], "."), argv + 3);
	if (argc != 2) {
		fprintf(stderr, "usage: dirfd DIR | --fd N NAME... | "
			"--open DIR NAME...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	reuse_number(argv[1]);
	dup2_over(argv[1]);
	child_reopens(argv[1]);
	moved_dir(argv[1]);
	changed_under(argv[1]);
	return 0;
}
