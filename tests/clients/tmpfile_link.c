/* SPDX-License-Identifier: MIT */
/*
 * The O_TMPFILE client of tests/integration/t_ov_tmpfile_link:
 * tmpfile_link DIR [FILE].  O_TMPFILE files in DIR, written and given a
 * name with linkat of /proc/self/fd/N and /dev/fd/N (AT_SYMLINK_FOLLOW),
 * relative to a directory fd, and with AT_EMPTY_PATH (which takes
 * CAP_DAC_READ_SEARCH: ENOENT without it); the errors (a name that
 * exists, an O_EXCL file, the magic link itself without
 * AT_SYMLINK_FOLLOW); and FILE, an existing file, linked into DIR
 * through its /proc/self/fd link.  Prints one line per step, and what
 * the new names hold.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir;

static void res(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, r);
}

static char *in_dir(const char *name)
{
	static char p[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static int new_tmpfile(const char *text, int excl)
{
	int fd = open(dir, O_TMPFILE | O_RDWR | excl, 0640);

	if (fd < 0) {
		res("O_TMPFILE", -1);
		exit(1);
	}
	res("write", write(fd, text, strlen(text)));
	return fd;
}

static void nlink(const char *what, int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		res(what, -1);
	else
		printf("%s: nlink %lu size %lld mode %o\n", what,
		       (unsigned long)st.st_nlink, (long long)st.st_size,
		       st.st_mode & 07777);
}

static void show(const char *name)
{
	char buf[256];
	int fd = open(in_dir(name), O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		printf("%s: %s\n", name, strerrorname_np(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("%s holds: %s", name, buf);
	close(fd);
}

static int proc_link(const char *what, const char *link, int dfd,
		     const char *name, int flags)
{
	return linkat(AT_FDCWD, link, dfd, dfd == AT_FDCWD ? in_dir(name) :
		      name, flags);
}

int main(int argc, char **argv)
{
	char link[64];
	int fd, fd2, dfd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		return 2;
	dir = argv[1];
	fd = new_tmpfile("through /proc/self/fd\n", 0);
	nlink("tmpfile", fd);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	res("linkat /proc/self/fd", proc_link("a", link, AT_FDCWD, "linked",
					      AT_SYMLINK_FOLLOW));
	nlink("tmpfile", fd);
	res("linkat again, same name", proc_link("b", link, AT_FDCWD,
						 "linked",
						 AT_SYMLINK_FOLLOW));
	res("linkat without AT_SYMLINK_FOLLOW",
	    proc_link("c", link, AT_FDCWD, "nofollow", 0));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	res("linkat to a dirfd", proc_link("d", link, dfd, "rel",
					   AT_SYMLINK_FOLLOW));
	nlink("tmpfile", fd);
	close(fd);
	fd = new_tmpfile("through /dev/fd\n", 0);
	snprintf(link, sizeof(link), "/dev/fd/%d", fd);
	res("linkat /dev/fd", proc_link("e", link, AT_FDCWD, "devfd",
					AT_SYMLINK_FOLLOW));
	close(fd);
	fd = new_tmpfile("O_EXCL\n", O_EXCL);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	res("linkat of an O_EXCL tmpfile", proc_link("f", link, AT_FDCWD,
						     "never",
						     AT_SYMLINK_FOLLOW));
	close(fd);
	fd2 = new_tmpfile("AT_EMPTY_PATH\n", 0);
	res("linkat AT_EMPTY_PATH", linkat(fd2, "", AT_FDCWD, in_dir("empty"),
					   AT_EMPTY_PATH));
	close(fd2);
	if (argc > 2) {
		fd = open(argv[2], O_RDONLY);
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		res("linkat of an existing file", proc_link("g", link,
							    AT_FDCWD,
							    "existing",
							    AT_SYMLINK_FOLLOW));
		close(fd);
		/* by name: the fd stays on the lower file (a deviation) */
		fd = open(in_dir("existing"), O_RDONLY);
		nlink("existing", fd);
		close(fd);
		show("existing");
	}
	show("linked");
	show("rel");
	show("devfd");
	show("never");
	show("empty");
	return 0;
}
