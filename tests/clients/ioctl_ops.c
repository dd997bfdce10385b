/* SPDX-License-Identifier: MIT */
/*
 * The ioctl client of tests/integration/t_ov_ioctl: ioctl_ops MODE DIR
 * on DIR/f, DIR/src (files) and DIR/d (a directory), printing one line
 * per request: its result or errno name.  MODE "common": what gives the
 * same transcript natively and under -u (inode flags set through
 * read-only fds and read back through new ones, read-only and
 * file-description requests, errors the kernel gives itself, an upper
 * file, a pipe, an O_PATH fd).  MODE "refused": the requests vfstrace
 * refuses on a lower object (the test checks the errnos).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/fscrypt.h>
#include <linux/fsverity.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define SHOWN (FS_NODUMP_FL | FS_NOATIME_FL | FS_IMMUTABLE_FL)

static const char *dir;

static void res(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, r);
}

static int open_in(const char *name, int flags)
{
	char p[4096];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, flags, 0644);
	if (fd < 0) {
		printf("open %s: %s\n", name, strerrorname_np(errno));
		exit(1);
	}
	return fd;
}

/* The shown flags of NAME, read through a new fd. */
static void show_flags(const char *what, const char *name)
{
	int fd = open_in(name, O_RDONLY | O_NONBLOCK), fl = 0;

	if (ioctl(fd, FS_IOC_GETFLAGS, &fl) < 0)
		res(what, -1);
	else
		printf("%s: %#x\n", what, fl & SHOWN);
	close(fd);
}

/* FS_IOC_SETFLAGS through a new read-only fd: flags | ADD & ~DEL. */
static void set_flags(const char *what, const char *name, int add, int del)
{
	int fd = open_in(name, O_RDONLY | O_NONBLOCK), fl = 0;

	ioctl(fd, FS_IOC_GETFLAGS, &fl);
	fl = (fl | add) & ~del;
	res(what, ioctl(fd, FS_IOC_SETFLAGS, &fl));
	close(fd);
}

static void reads(void)
{
	int fd = open_in("f", O_RDONLY), n = 0, one = 1;
	struct winsize ws;

	res("FIONREAD", ioctl(fd, FIONREAD, &n));
	printf("FIONREAD bytes: %d\n", n);
	res("FIGETBSZ", ioctl(fd, FIGETBSZ, &n) < 0 ? -1 : n > 0);
	res("FIONBIO", ioctl(fd, FIONBIO, &one));
	res("FIOCLEX", ioctl(fd, FIOCLEX));
	res("F_GETFD", fcntl(fd, F_GETFD));
	res("TIOCGWINSZ", ioctl(fd, TIOCGWINSZ, &ws));
	res("unknown request", ioctl(fd, _IO('Z', 0x77)));
	res("SETFLAGS bad pointer", ioctl(fd, FS_IOC_SETFLAGS, (void *)8));
	close(fd);
}

static void flags(void)
{
	struct fsxattr fsx;
	int fd, src;

	show_flags("f flags", "f");
	set_flags("f SETFLAGS +nodump", "f", FS_NODUMP_FL, 0);
	show_flags("f flags", "f");
	fd = open_in("f", O_RDONLY);
	src = open_in("src", O_RDONLY);
	res("FICLONE into a read-only fd", ioctl(fd, FICLONE, src));
	res("FSGETXATTR", ioctl(fd, FS_IOC_FSGETXATTR, &fsx));
	fsx.fsx_xflags |= FS_XFLAG_NOATIME;
	res("FSSETXATTR +noatime", ioctl(fd, FS_IOC_FSSETXATTR, &fsx));
	close(fd);
	close(src);
	show_flags("f flags", "f");
	show_flags("d flags", "d");
	set_flags("d SETFLAGS +noatime", "d", FS_NOATIME_FL, 0);
	show_flags("d flags", "d");
	set_flags("f SETFLAGS +immutable", "f", FS_IMMUTABLE_FL, 0);
	show_flags("f flags", "f");
	set_flags("f SETFLAGS -immutable", "f", 0, FS_IMMUTABLE_FL);
	show_flags("f flags", "f");
}

static void others(void)
{
	int fd, p[2], n = 0, fl = FS_NODUMP_FL;

	fd = open_in("new", O_CREAT | O_EXCL | O_WRONLY);
	res("write new", write(fd, "new\n", 4));
	close(fd);
	set_flags("new SETFLAGS +nodump", "new", FS_NODUMP_FL, 0);
	show_flags("new flags", "new");
	if (pipe(p))
		exit(1);
	res("write pipe", write(p[1], "abc", 3));
	res("FIONREAD pipe", ioctl(p[0], FIONREAD, &n));
	printf("FIONREAD pipe bytes: %d\n", n);
	res("SETFLAGS pipe", ioctl(p[0], FS_IOC_SETFLAGS, &fl));
	fd = open_in("src", O_PATH);
	res("SETFLAGS O_PATH", ioctl(fd, FS_IOC_SETFLAGS, &fl));
	close(fd);
	show_flags("src flags", "src");
}

static void refused(void)
{
	struct fsverity_enable_arg va = { .version = 1,
		.hash_algorithm = FS_VERITY_HASH_ALG_SHA256,
		.block_size = 4096 };
	struct fscrypt_policy_v1 pol = { .version = 0 };
	struct {
		struct file_dedupe_range r;
		struct file_dedupe_range_info i;
	} dd = { .r = { .src_length = 4, .dest_count = 1 } };
	unsigned char salt[16];
	int fd = open_in("f", O_RDONLY), d = open_in("d", O_RDONLY), v = 1;

	res("ENABLE_VERITY", ioctl(fd, FS_IOC_ENABLE_VERITY, &va));
	res("SET_ENCRYPTION_POLICY", ioctl(d, FS_IOC_SET_ENCRYPTION_POLICY,
					  &pol));
	res("GET_ENCRYPTION_PWSALT", ioctl(d, FS_IOC_GET_ENCRYPTION_PWSALT,
					  salt));
	res("SETVERSION", ioctl(fd, FS_IOC_SETVERSION, &v));
	dd.i.dest_fd = open_in("src", O_RDONLY);
	res("FIDEDUPERANGE", ioctl(fd, FIDEDUPERANGE, &dd));
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3)
		return 2;
	dir = argv[2];
	if (!strcmp(argv[1], "common")) {
		reads();
		flags();
		others();
	} else {
		refused();
	}
	return 0;
}
