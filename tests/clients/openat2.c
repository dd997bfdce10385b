/* SPDX-License-Identifier: MIT */
/*
 * openat2(2) with each RESOLVE_* flag, for tests/integration/t_ov_openat2
 * (static glibc; the same transcript natively and under -u).
 *
 *   openat2 run DIR     make the fixture below in DIR, then print one line
 *                       per call: "ok" and what the fd is (type, and the
 *                       content of a small file), or the errno's name
 *   openat2 append DIR NAME TEXT RESOLVE
 *                       openat2(DIR, NAME, O_WRONLY | O_APPEND, RESOLVE)
 *                       and write TEXT through the fd
 *
 * The fixture (DIR/root is the dirfd):
 *   root/f "f"   root/sub/g "g"   outside "outside"
 *   root/l_in -> f   root/l_sub -> sub/g   root/l_up -> ../outside
 *   root/l_dot -> sub/..   root/sub/l_upin -> ../f
 *   root/l_rootf -> /f   root/l_root -> /
 *   root/l_proc -> /proc/self/fd/K   root/l_devfd -> /dev/fd/K
 * (K: an fd on root/sub/g).  The absolute path DIR/root/f is "<abs>".
 * Calls whose result depends on the host's mounts (RESOLVE_NO_XDEV on
 * an absolute path into DIR) are left out.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int sys_openat2(int dfd, const char *path, const void *how,
		       size_t size)
{
	return (int)syscall(SYS_openat2, dfd, path, how, size);
}

/* "ok" and what FD is, or the errno's name of RET < 0 (errno). */
static void show(const char *label, int fd)
{
	char buf[64];
	struct stat st;
	ssize_t n;

	if (fd < 0) {
		printf("%s: %s\n", label, strerrorname_np(errno));
		return;
	}
	if (fstat(fd, &st)) {
		printf("%s: ok, fstat %s\n", label, strerrorname_np(errno));
	} else if (S_ISDIR(st.st_mode)) {
		printf("%s: ok dir\n", label);
	} else if (S_ISLNK(st.st_mode)) {
		printf("%s: ok link\n", label);
	} else if (S_ISREG(st.st_mode) && st.st_size > 0 &&
		   st.st_size < (off_t)sizeof(buf) &&
		   (n = pread(fd, buf, sizeof(buf) - 1, 0)) >= 0) {
		buf[n] = '\0';
		printf("%s: ok '%s'\n", label, buf);
	} else {
		printf("%s: ok %s\n", label, S_ISREG(st.st_mode) ? "reg" :
		       "other");
	}
	close(fd);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static void link_at(const char *dir, const char *name, const char *body)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (symlink(body, path)) {
		perror(path);
		exit(2);
	}
}

/* The fixture in DIR; returns the fd K on root/sub/g. */
static int fixture(const char *dir, char *root, size_t size)
{
	char body[64], sub[4096];
	int k;

	snprintf(root, size, "%s/root", dir);
	snprintf(sub, sizeof(sub), "%.4000s/sub", root);
	if (mkdir(root, 0755) || mkdir(sub, 0755)) {
		perror("mkdir");
		exit(2);
	}
	put(dir, "outside", "outside");
	put(root, "f", "f");
	put(root, "sub/g", "g");
	link_at(root, "l_in", "f");
	link_at(root, "l_sub", "sub/g");
	link_at(root, "l_up", "../outside");
	link_at(root, "l_dot", "sub/..");
	link_at(root, "sub/l_upin", "../f");
	link_at(root, "l_rootf", "/f");
	link_at(root, "l_root", "/");
	k = open(strcat(sub, "/g"), O_RDONLY);
	if (k < 0) {
		perror("open g");
		exit(2);
	}
	snprintf(body, sizeof(body), "/proc/self/fd/%d", k);
	link_at(root, "l_proc", body);
	snprintf(body, sizeof(body), "/dev/fd/%d", k);
	link_at(root, "l_devfd", body);
	return k;
}

static const struct {
	const char *name;
	uint64_t resolve;
} flagsets[] = {
	{ "none", 0 },
	{ "NO_XDEV", RESOLVE_NO_XDEV },
	{ "NO_MAGICLINKS", RESOLVE_NO_MAGICLINKS },
	{ "NO_SYMLINKS", RESOLVE_NO_SYMLINKS },
	{ "BENEATH", RESOLVE_BENEATH },
	{ "IN_ROOT", RESOLVE_IN_ROOT },
	{ "CACHED", RESOLVE_CACHED },
	{ "BENEATH|NO_SYMLINKS", RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS },
	{ "IN_ROOT|NO_MAGICLINKS", RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS },
};

/* Paths tried with every flag set; XDEV_SKIP: not with NO_XDEV. */
static const struct {
	const char *path;
	int xdev_skip;
} paths[] = {
	{ "f", 0 }, { "sub/g", 0 }, { "l_in", 0 }, { "l_sub", 0 },
	{ "l_up", 0 }, { "l_dot", 0 }, { "sub/l_upin", 0 }, { ".", 0 },
	{ "..", 0 }, { "../outside", 0 }, { "sub/../../outside", 0 },
	{ "/", 0 }, { "<abs>", 1 }, { "l_rootf", 1 }, { "l_root", 1 },
	{ "/proc/self/fd/K", 0 }, { "l_proc", 0 }, { "l_devfd", 0 },
	{ "/dev/fd/K", 0 }, { "missing", 0 }, { "f/", 0 },
};

static void one(int dfd, const char *label, const char *path,
		uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .mode = mode,
				.resolve = resolve };

	show(label, sys_openat2(dfd, path, &how, sizeof(how)));
}

/* Every path with every flag set, from DIR/root. */
static void matrix(int dfd, const char *root, int k)
{
	char path[4096], label[256];
	size_t i, j;

	for (i = 0; i < sizeof(flagsets) / sizeof(*flagsets); i++) {
		for (j = 0; j < sizeof(paths) / sizeof(*paths); j++) {
			const char *p = paths[j].path;

			if (paths[j].xdev_skip &&
			    (flagsets[i].resolve & RESOLVE_NO_XDEV))
				continue;
			if (!strcmp(p, "<abs>"))
				snprintf(path, sizeof(path), "%.4000s/f", root);
			else if (!strcmp(p, "/proc/self/fd/K"))
				snprintf(path, sizeof(path),
					 "/proc/self/fd/%d", k);
			else if (!strcmp(p, "/dev/fd/K"))
				snprintf(path, sizeof(path), "/dev/fd/%d", k);
			else
				snprintf(path, sizeof(path), "%s", p);
			snprintf(label, sizeof(label), "%s %s",
				 flagsets[i].name, p);
			one(dfd, label, path, O_RDONLY, 0, flagsets[i].resolve);
		}
	}
}

/* The struct and its size, as openat2() checks them. */
static void how_checks(int dfd)
{
	unsigned char big[8192];
	struct open_how *how = (struct open_how *)big;

	memset(big, 0, sizeof(big));
	show("size 16", sys_openat2(dfd, "f", big, 16));
	show("size 24", sys_openat2(dfd, "f", big, 24));
	show("size 32 zero tail", sys_openat2(dfd, "f", big, 32));
	show("size 4096 zero tail", sys_openat2(dfd, "f", big, 4096));
	show("size 4097", sys_openat2(dfd, "f", big, 4097));
	big[31] = 1;
	show("size 32 tail set", sys_openat2(dfd, "f", big, 32));
	show("size 24 tail set", sys_openat2(dfd, "f", big, 24));
	big[31] = 0;
	show("how NULL", sys_openat2(dfd, "f", NULL, 24));
	show("path NULL", sys_openat2(dfd, NULL, big, 24));
	how->resolve = 0x40;
	show("resolve 0x40", sys_openat2(dfd, "f", big, 24));
	how->resolve = RESOLVE_BENEATH | RESOLVE_IN_ROOT;
	show("BENEATH|IN_ROOT", sys_openat2(dfd, "f", big, 24));
	how->resolve = 0;
	how->flags = 1ull << 40;
	show("flag bit 40", sys_openat2(dfd, "f", big, 24));
	how->flags = O_RDONLY;
	how->mode = 0644;
	show("mode without O_CREAT", sys_openat2(dfd, "f", big, 24));
	how->mode = 0;
	one(dfd, "CACHED O_CREAT", "n0", O_CREAT | O_WRONLY, 0644,
	    RESOLVE_CACHED);
	one(dfd, "CACHED O_TRUNC", "f", O_TRUNC | O_WRONLY, 0,
	    RESOLVE_CACHED);
	one(dfd, "CACHED O_TMPFILE", ".", O_TMPFILE | O_WRONLY, 0600,
	    RESOLVE_CACHED);
	one(dfd, "O_CREAT|O_DIRECTORY", "n1", O_CREAT | O_DIRECTORY, 0644,
	    0);
	one(dfd, "O_PATH|O_RDWR", "f", O_PATH | O_RDWR, 0, 0);
	one(dfd, "O_TMPFILE read-only", ".", O_TMPFILE | O_RDONLY, 0600, 0);
	one(999, "bad dirfd BENEATH f", "f", O_RDONLY, 0, RESOLVE_BENEATH);
	one(999, "bad dirfd IN_ROOT /f", "/f", O_RDONLY, 0, RESOLVE_IN_ROOT);
	one(1, "stdout dirfd NO_SYMLINKS f", "f", O_RDONLY, 0,
	    RESOLVE_NO_SYMLINKS);
}

/* Creating, writing, O_PATH and O_DIRECTORY with flags. */
static void opens(int dfd)
{
	struct open_how how = { .flags = O_WRONLY | O_APPEND,
				.resolve = RESOLVE_BENEATH };
	int fd;

	one(dfd, "BENEATH O_CREAT new", "new", O_CREAT | O_EXCL | O_WRONLY,
	    0640, RESOLVE_BENEATH);
	one(dfd, "BENEATH O_CREAT ../new2", "../new2", O_CREAT | O_WRONLY,
	    0640, RESOLVE_BENEATH);
	one(dfd, "IN_ROOT O_CREAT /new3", "/new3", O_CREAT | O_WRONLY,
	    0600, RESOLVE_IN_ROOT);
	one(dfd, "NO_SYMLINKS O_CREAT l_in", "l_in", O_CREAT | O_WRONLY,
	    0600, RESOLVE_NO_SYMLINKS);
	one(dfd, "NO_SYMLINKS O_PATH|O_NOFOLLOW l_in", "l_in",
	    O_PATH | O_NOFOLLOW, 0, RESOLVE_NO_SYMLINKS);
	one(dfd, "BENEATH O_DIRECTORY sub", "sub", O_DIRECTORY, 0,
	    RESOLVE_BENEATH);
	one(dfd, "BENEATH O_DIRECTORY f", "f", O_DIRECTORY, 0,
	    RESOLVE_BENEATH);
	fd = sys_openat2(dfd, "f", &how, sizeof(how));
	if (fd < 0 || write(fd, "+", 1) != 1)
		printf("append f: %s\n", strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
	one(dfd, "after append f", "f", O_RDONLY, 0, RESOLVE_NO_XDEV);
	how.resolve = RESOLVE_IN_ROOT;
	fd = sys_openat2(dfd, "/sub/../l_in", &how, sizeof(how));
	if (fd < 0 || write(fd, "+", 1) != 1)
		printf("append /sub/../l_in: %s\n", strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
	one(dfd, "after append l_in", "f", O_RDONLY, 0, 0);
}

/* From "/" and from a directory fd in /proc, into /proc. */
static void from_proc(int k)
{
	char path[64];
	int rfd = open("/", O_PATH | O_DIRECTORY);
	int pfd = open("/proc/self", O_PATH | O_DIRECTORY);

	snprintf(path, sizeof(path), "proc/self/fd/%d", k);
	one(rfd, "/ none proc/self/fd/K", path, O_RDONLY, 0, 0);
	one(rfd, "/ BENEATH proc/self/fd/K", path, O_RDONLY, 0,
	    RESOLVE_BENEATH);
	one(rfd, "/ IN_ROOT proc/self/fd/K", path, O_RDONLY, 0,
	    RESOLVE_IN_ROOT);
	one(rfd, "/ NO_MAGICLINKS proc/self/fd/K", path, O_RDONLY, 0,
	    RESOLVE_NO_MAGICLINKS);
	one(rfd, "/ NO_XDEV proc/self/fd/K", path, O_RDONLY, 0,
	    RESOLVE_NO_XDEV);
	one(rfd, "/ BENEATH proc/self/status", "proc/self/status", O_RDONLY,
	    0, RESOLVE_BENEATH);
	one(rfd, "/ NO_XDEV proc", "proc", O_RDONLY, 0, RESOLVE_NO_XDEV);
	snprintf(path, sizeof(path), "fd/%d", k);
	one(pfd, "self none fd/K", path, O_RDONLY, 0, 0);
	one(pfd, "self BENEATH fd/K", path, O_RDONLY, 0, RESOLVE_BENEATH);
	one(pfd, "self IN_ROOT fd/K", path, O_RDONLY, 0, RESOLVE_IN_ROOT);
	one(pfd, "self NO_MAGICLINKS fd/K", path, O_RDONLY, 0,
	    RESOLVE_NO_MAGICLINKS);
	one(pfd, "self NO_XDEV status", "status", O_RDONLY, 0,
	    RESOLVE_NO_XDEV);
	one(pfd, "self BENEATH status", "status", O_RDONLY, 0,
	    RESOLVE_BENEATH);
	one(pfd, "self BENEATH ../self/status", "../self/status", O_RDONLY,
	    0, RESOLVE_BENEATH);
	one(pfd, "self IN_ROOT ..", "..", O_RDONLY, 0, RESOLVE_IN_ROOT);
	close(rfd);
	close(pfd);
}

static int run(const char *dir)
{
	char root[4096];
	int k = fixture(dir, root, sizeof(root));
	int dfd = open(root, O_PATH | O_DIRECTORY);

	if (dfd < 0) {
		perror(root);
		return 2;
	}
	matrix(dfd, root, k);
	how_checks(dfd);
	opens(dfd);
	from_proc(k);
	close(dfd);
	return 0;
}

static int append(char **argv)
{
	struct open_how how = { .flags = O_WRONLY | O_APPEND,
				.resolve = strtoull(argv[5], NULL, 0) };
	int dfd = open(argv[2], O_PATH | O_DIRECTORY);
	int fd = sys_openat2(dfd, argv[3], &how, sizeof(how));
	size_t len = strlen(argv[4]);

	if (fd < 0 || write(fd, argv[4], len) != (ssize_t)len) {
		printf("append %s: %s\n", argv[3], strerrorname_np(errno));
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "run"))
		return run(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "append"))
		return append(argv);
	fprintf(stderr, "usage: openat2 run DIR | append DIR NAME TEXT "
		"RESOLVE\n");
	return 2;
}
