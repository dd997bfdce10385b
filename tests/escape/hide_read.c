/* SPDX-License-Identifier: MIT */
/*
 * Read a --hide file by one spelling: hide_read MODE FILE [ARG].  What
 * was read goes to stdout; a failure prints "error: ENAME" there (the
 * integration test t_sandbox_hide reads it; the escape suite judges the
 * secret only).  With D the directory of FILE, P the directory of D:
 *   abs            open(FILE)                    (ARG, when given)
 *   rel            chdir(D), open(name)
 *   rel2           chdir(P), open("d/name")
 *   relout         chdir("/"), open(FILE without its "/")
 *   dotdot         open("D/../d/name")
 *   slashes        every "/" doubled, "/./" added
 *   proc_root      /proc/self/root/FILE
 *   proc_cwd       chdir(P), /proc/self/cwd/d/name
 *   proc_cwd_in    chdir(D), /proc/self/cwd/name
 *   proc_fd        dirfd of P, /proc/self/fd/N/d/name
 *   proc_fd_dir    O_PATH fd of D, /proc/self/fd/N/name
 *   openat_fd      dirfd of P, openat(fd, "d/name")
 *   fchdir         fchdir(dirfd of P), open("d/name")
 *   openat2_FLAG   openat2 with RESOLVE_FLAG (none, no_symlinks,
 *                  no_magiclinks, no_xdev, beneath, in_root, cached)
 *   exec           execve(FILE) (a script that prints the secret)
 *   rename         rename(FILE, ARG), read ARG
 *   link           link(FILE, ARG), read ARG
 *   opath          O_PATH fd of FILE, open(/proc/self/fd/N)
 *   list           the names of directory FILE, one a line
 *   create         open(FILE, O_WRONLY|O_CREAT), mkdir FILE: errors
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "escape.h"

static char dir_of[PATH_MAX], name[PATH_MAX], pdir[PATH_MAX], dname[PATH_MAX];

static int report(int ret)
{
	if (ret < 0)
		printf("error: %s\n", strerrorname_np(errno));
	return ret < 0;
}

/* Copy FD's content to stdout; 0, or -1 with errno. */
static int cat_fd(int fd)
{
	char buf[4096];
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return n < 0 ? -1 : 0;
}

static int cat(const char *path)
{
	return cat_fd(open(path, O_RDONLY));
}

static void split(const char *file)
{
	char *s;

	snprintf(dir_of, sizeof(dir_of), "%s", file);
	s = strrchr(dir_of, '/');
	snprintf(name, sizeof(name), "%s", s + 1);
	*s = '\0';
	snprintf(pdir, sizeof(pdir), "%s", dir_of);
	s = strrchr(pdir, '/');
	snprintf(dname, sizeof(dname), "%s", s + 1);
	if (s == pdir)
		s[1] = '\0';
	else
		*s = '\0';
}

static int by_openat2(const char *flag, const char *file)
{
	static const struct { const char *n; unsigned long long f; } fl[] = {
		{ "none", 0 }, { "no_symlinks", RESOLVE_NO_SYMLINKS },
		{ "no_magiclinks", RESOLVE_NO_MAGICLINKS },
		{ "no_xdev", RESOLVE_NO_XDEV }, { "beneath", RESOLVE_BENEATH },
		{ "in_root", RESOLVE_IN_ROOT }, { "cached", RESOLVE_CACHED },
	};
	struct open_how how = { .flags = O_RDONLY };
	char rel[2 * PATH_MAX];
	int dfd = AT_FDCWD;
	const char *p = file;

	for (size_t i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if (!strcmp(fl[i].n, flag))
			how.resolve = fl[i].f;
	if (how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) {
		dfd = open(pdir, O_RDONLY | O_DIRECTORY);
		snprintf(rel, sizeof(rel), "%s/%s", dname, name);
		p = rel;
	}
	return cat_fd(syscall(SYS_openat2, dfd, p, &how, sizeof(how)));
}

static int by_list(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			printf("%s\n", e->d_name);
	closedir(d);
	return 0;
}

static int by_create(const char *file)
{
	int fd = open(file, O_WRONLY | O_CREAT, 0644);

	report(fd);
	if (fd >= 0)
		close(fd);
	return report(mkdir(file, 0755)) || fd < 0 ? -1 : 0;
}

/* Spellings through the directories (see the top). */
static int by_dirs(const char *mode, const char *file)
{
	char p[4 * PATH_MAX];
	int fd;

	if (!strcmp(mode, "rel"))
		return chdir(dir_of) ? -1 : cat(name);
	if (!strcmp(mode, "rel2") || !strcmp(mode, "fchdir")) {
		fd = open(pdir, O_RDONLY | O_DIRECTORY);
		if (mode[0] == 'f' ? fchdir(fd) : chdir(pdir))
			return -1;
		snprintf(p, sizeof(p), "%s/%s", dname, name);
		return cat(p);
	}
	if (!strcmp(mode, "relout"))
		return chdir("/") ? -1 : cat(file + 1);
	if (!strcmp(mode, "dotdot"))
		snprintf(p, sizeof(p), "%s/../%s/%s", dir_of, dname, name);
	else if (!strcmp(mode, "proc_root"))
		snprintf(p, sizeof(p), "/proc/self/root%s", file);
	else if (!strcmp(mode, "proc_cwd") && !chdir(pdir))
		snprintf(p, sizeof(p), "/proc/self/cwd/%s/%s", dname, name);
	else if (!strcmp(mode, "proc_cwd_in") && !chdir(dir_of))
		snprintf(p, sizeof(p), "/proc/self/cwd/%s", name);
	else if (!strcmp(mode, "proc_fd") &&
		 (fd = open(pdir, O_RDONLY | O_DIRECTORY)) >= 0)
		snprintf(p, sizeof(p), "/proc/self/fd/%d/%s/%s", fd, dname,
			 name);
	else if (!strcmp(mode, "proc_fd_dir") &&
		 (fd = open(dir_of, O_PATH)) >= 0)
		snprintf(p, sizeof(p), "/proc/self/fd/%d/%s", fd, name);
	else if (!strcmp(mode, "openat_fd") &&
		 (fd = open(pdir, O_RDONLY | O_DIRECTORY)) >= 0) {
		snprintf(p, sizeof(p), "%s/%s", dname, name);
		return cat_fd(openat(fd, p, O_RDONLY));
	} else
		return -2;
	return cat(p);
}

static int by_slashes(const char *file)
{
	const char *last = strrchr(file, '/');
	char p[3 * PATH_MAX];
	size_t n = 0;

	for (const char *s = file; *s && n < sizeof(p) - 5; s++) {
		if (s == last) {
			memcpy(p + n, "//./", 4);
			n += 4;
			continue;
		}
		p[n++] = *s;
		if (*s == '/')
			p[n++] = '/';
	}
	p[n] = '\0';
	return cat(p);
}

static int by_name(const char *mode, const char *file, const char *arg)
{
	char p[64];
	int fd;

	if (!strcmp(mode, "exec")) {
		execl(file, file, (char *)NULL);
		return -1;
	}
	if (!strcmp(mode, "rename") || !strcmp(mode, "link")) {
		if (!arg)
			setup_fail("%s needs ARG", mode);
		if (mode[0] == 'r' ? rename(file, arg) : link(file, arg))
			return -1;
		return cat(arg);
	}
	if (!strcmp(mode, "opath")) {
		fd = open(file, O_PATH);
		if (fd < 0)
			return -1;
		snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
		return cat(p);
	}
	if (!strcmp(mode, "list"))
		return by_list(file);
	if (!strcmp(mode, "create"))
		return by_create(file);
	return -2;
}

int main(int argc, char **argv)
{
	const char *mode, *file;
	int ret;

	if (argc < 3 || argv[2][0] != '/')
		setup_fail("usage: hide_read MODE /FILE [ARG]");
	mode = argv[1];
	file = argv[2];
	split(file);
	if (!strcmp(mode, "abs"))
		ret = cat(argc > 3 ? argv[3] : file);
	else if (!strcmp(mode, "slashes"))
		ret = by_slashes(file);
	else if (!strncmp(mode, "openat2_", 8))
		ret = by_openat2(mode + 8, file);
	else if ((ret = by_dirs(mode, file)) == -2)
		ret = by_name(mode, file, argc > 3 ? argv[3] : NULL);
	if (ret == -2)
		setup_fail("unknown mode '%s'", mode);
	if (!strcmp(mode, "create"))
		return ret < 0;
	fflush(stdout);
	return report(ret);
}
