/* SPDX-License-Identifier: MIT */
/*
 * Change a --ro-bind directory by one route: robind_write ROUTE DIR
 * [OUTSIDE].  DIR holds the canary (victim, dir/inner); OUTSIDE is a
 * file on the same filesystem outside DIR (rename and link into DIR).
 * Natively every route changes DIR; under --ro-bind DIR DIR none may.
 */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "escape.h"

static char victim[4096], inner[4096], fresh[4096], sub[4096];

static long route_open(const char *r)
{
	struct open_how how = { .flags = O_WRONLY | O_TRUNC };
	long fd = -2;

	if (!strcmp(r, "open_wronly"))
		fd = open(victim, O_WRONLY);
	else if (!strcmp(r, "open_trunc"))
		fd = open(victim, O_RDONLY | O_TRUNC);
	else if (!strcmp(r, "open_rdwr"))
		fd = open(victim, O_RDWR);
	else if (!strcmp(r, "open_creat"))
		fd = open(fresh, O_WRONLY | O_CREAT, 0644);
	else if (!strcmp(r, "creat"))
		fd = syscall(SYS_creat, fresh, 0644);
	else if (!strcmp(r, "openat2"))
		fd = syscall(SYS_openat2, AT_FDCWD, victim, &how, sizeof(how));
	else if (!strcmp(r, "openat2_creat")) {
		how.flags = O_WRONLY | O_CREAT;
		how.mode = 0644;
		how.resolve = RESOLVE_BENEATH;
		fd = syscall(SYS_openat2, open(sub, O_PATH), "new", &how,
			     sizeof(how));
	}
	if (fd >= 0)
		step("write", write(fd, "pwned\n", 6));
	return fd;
}

/* Routes through an fd or a magic link (the fd is read-only). */
static long route_fd(const char *r, const char *dir)
{
	char p[4200];
	int fd = open(victim, O_RDONLY);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	long ret = -2;

	if (!strcmp(r, "fchmod"))
		ret = fchmod(fd, 0600);
	else if (!strcmp(r, "futimens"))
		ret = futimens(fd, (struct timespec[2]){ { 1, 0 }, { 1, 0 } });
	else if (!strcmp(r, "fsetxattr"))
		ret = fsetxattr(fd, "user.pwned", "1", 1, 0);
	else if (!strcmp(r, "openat_fd"))
		ret = openat(dfd, "victim", O_WRONLY | O_TRUNC);
	else if (!strcmp(r, "proc_fd_creat")) {
		snprintf(p, sizeof(p), "/proc/self/fd/%d/new", dfd);
		ret = open(p, O_WRONLY | O_CREAT, 0644);
	} else if (!strcmp(r, "proc_root")) {
		snprintf(p, sizeof(p), "/proc/self/root%s", victim);
		ret = open(p, O_WRONLY | O_TRUNC);
	} else if (!strcmp(r, "tmpfile")) {
		int t = open(dir, O_TMPFILE | O_WRONLY, 0644);

		snprintf(p, sizeof(p), "/proc/self/fd/%d", t);
		ret = t < 0 ? -1 : linkat(AT_FDCWD, p, AT_FDCWD, fresh,
					  AT_SYMLINK_FOLLOW);
	}
	return ret;
}

/* Routes by path. */
static long route_path(const char *r, const char *outside)
{
	if (!strcmp(r, "truncate"))
		return truncate(victim, 1);
	if (!strcmp(r, "rename_into"))
		return rename(outside, fresh);
	if (!strcmp(r, "rename_out"))
		return rename(victim, outside);
	if (!strcmp(r, "rename_within"))
		return rename(victim, fresh);
	if (!strcmp(r, "exchange"))
		return syscall(SYS_renameat2, AT_FDCWD, victim, AT_FDCWD,
			       inner, 2 /* RENAME_EXCHANGE */);
	if (!strcmp(r, "link_into"))
		return link(outside, fresh);
	if (!strcmp(r, "link_within"))
		return link(victim, fresh);
	if (!strcmp(r, "symlink"))
		return symlink("victim", fresh);
	if (!strcmp(r, "unlink"))
		return unlink(victim);
	if (!strcmp(r, "rmdir"))
		return unlink(inner) ? -1 : rmdir(sub);
	if (!strcmp(r, "mkdir"))
		return mkdir(fresh, 0755);
	if (!strcmp(r, "mkfifo"))
		return mknod(fresh, S_IFIFO | 0644, 0);
	if (!strcmp(r, "chmod"))
		return chmod(victim, 0600);
	if (!strcmp(r, "chown"))
		return chown(victim, getuid(), getgid());
	if (!strcmp(r, "utimes"))
		return utimes(victim, (struct timeval[2]){ { 1, 0 }, { 1, 0 } });
	if (!strcmp(r, "setxattr"))
		return setxattr(victim, "user.pwned", "1", 1, 0);
	if (!strcmp(r, "removexattr"))
		return removexattr(victim, "user.keep");
	return -2;
}

int main(int argc, char **argv)
{
	const char *r;
	long ret;

	if (argc < 3)
		setup_fail("usage: robind_write ROUTE DIR [OUTSIDE]");
	r = argv[1];
	snprintf(victim, sizeof(victim), "%s/victim", argv[2]);
	snprintf(inner, sizeof(inner), "%s/dir/inner", argv[2]);
	snprintf(sub, sizeof(sub), "%s/dir", argv[2]);
	snprintf(fresh, sizeof(fresh), "%s/fresh", argv[2]);
	ret = route_open(r);
	if (ret == -2)
		ret = route_fd(r, argv[2]);
	if (ret == -2)
		ret = route_path(r, argc > 3 ? argv[3] : "");
	if (ret == -2)
		setup_fail("unknown route '%s'", r);
	step(r, ret);
	return ret < 0;
}
