// SPDX-License-Identifier: MIT
/*
 * Overlay backend on real temporary directories.  After every operation
 * the lowers are compared with their fingerprint taken at setup (content,
 * mode, owner, mtime, ctime, xattrs of every object: CHECK_LOWERS) and
 * the upper with the exact list of objects it must hold (CHECK_UPPER).
 *
 * Lowers (low1 is the highest):
 *   low2: etc/passwd (user.test), etc/hosts, dir/x, dir/sub/y (sub 0700),
 *         hl1 = hl2 (hard links), link -> etc/hosts, gone, opq/old, fifo
 *   low1: etc/ (0750, user.dir), etc/motd (0600), .wh.gone,
 *         opq/.wh..wh..opq, opq/new
 * Every lower object has mtime T0.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_testlib.h"
#include "vfs.h"

#define T0 1000000000

struct fx {
	char *top;
	char upper[PATH_MAX], low1[PATH_MAX], low2[PATH_MAX];
	char *fp1, *fp2;
	struct vfs *v;
	int fds;
};

static const struct vfs_cred *R = &vt_root;

static void set_t0(const char *dir, const char *rel)
{
	struct timespec ts[2] = { { T0, 0 }, { T0, 500 } };
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW), 0);
}

static void make_lowers(struct fx *f)
{
	static const char *const t0_2[] = {
		"etc/passwd", "etc/hosts", "etc", "dir/x", "dir/sub/y",
		"dir/sub", "dir", "hl1", "link", "gone", "opq/old", "opq",
		"fifo",
	};
	static const char *const t0_1[] = {
		"etc/motd", "etc", ".wh.gone", "opq/.wh..wh..opq", "opq/new",
		"opq",
	};
	char p[PATH_MAX * 2];

	vt_mkdir(f->low2, "etc", 0755);
	vt_write(f->low2, "etc/passwd", "root:x:0:0", 0644);
	vt_setxattr(f->low2, "etc/passwd", "user.test", "lower2");
	vt_write(f->low2, "etc/hosts", "127.0.0.1 localhost", 0644);
	vt_mkdir(f->low2, "dir", 0755);
	vt_write(f->low2, "dir/x", "x", 0644);
	vt_mkdir(f->low2, "dir/sub", 0755);
	vt_write(f->low2, "dir/sub/y", "y", 0644);
	vt_write(f->low2, "hl1", "shared", 0644);
	snprintf(p, sizeof(p), "%s/hl1", f->low2);
	{
		char q[PATH_MAX * 2];

		snprintf(q, sizeof(q), "%s/hl2", f->low2);
		assert_int_equal(link(p, q), 0);
	}
	vt_symlink(f->low2, "link", "etc/hosts");
	vt_write(f->low2, "gone", "gone", 0644);
	vt_mkdir(f->low2, "opq", 0755);
	vt_write(f->low2, "opq/old", "old", 0644);
	snprintf(p, sizeof(p), "%s/fifo", f->low2);
	assert_int_equal(mkfifo(p, 0640), 0);
	snprintf(p, sizeof(p), "%s/dir/sub", f->low2);
	assert_int_equal(chmod(p, 0700), 0);

	vt_mkdir(f->low1, "etc", 0750);
	vt_setxattr(f->low1, "etc", "user.dir", "low1");
	vt_write(f->low1, "etc/motd", "hello", 0600);
	vt_write(f->low1, ".wh.gone", "", 0644);
	vt_mkdir(f->low1, "opq", 0755);
	vt_write(f->low1, "opq/.wh..wh..opq", "", 0644);
	vt_write(f->low1, "opq/new", "new", 0644);
	for (size_t i = 0; i < sizeof(t0_2) / sizeof(*t0_2); i++)
		set_t0(f->low2, t0_2[i]);
	for (size_t i = 0; i < sizeof(t0_1) / sizeof(*t0_1); i++)
		set_t0(f->low1, t0_1[i]);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *lows[2];

	f->fds = vt_fd_count();
	f->top = vt_mkdtemp("ovl");
	vt_layer(f->top, "upper", f->upper, sizeof(f->upper));
	vt_layer(f->top, "low1", f->low1, sizeof(f->low1));
	vt_layer(f->top, "low2", f->low2, sizeof(f->low2));
	make_lowers(f);
	f->fp1 = vt_tree(f->low1, false);
	f->fp2 = vt_tree(f->low2, false);
	lows[0] = f->low1;
	lows[1] = f->low2;
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper, lows, 2, 0),
			 0);
	*state = f;
	return 0;
}

static void check_lowers(struct fx *f, int line)
{
	char *t1 = vt_tree(f->low1, false), *t2 = vt_tree(f->low2, false);

	if (strcmp(t1, f->fp1) || strcmp(t2, f->fp2))
		fail_msg("line %d: a lower changed:\n%s\n%s", line, t1, t2);
	free(t1);
	free(t2);
}

static void check_upper(struct fx *f, const char *want, int line)
{
	char *t = vt_tree(f->upper, true);

	if (strcmp(t, want))
		fail_msg("line %d: upper is\n%s\nwant\n%s", line, t, want);
	free(t);
}

#define CHECK_LOWERS(f) check_lowers(f, __LINE__)
#define CHECK_UPPER(f, want) do { \
		CHECK_LOWERS(f); check_upper(f, want, __LINE__); } while (0)

static int teardown(void **state)
{
	struct fx *f = *state;

	CHECK_LOWERS(f);
	vt_fixture_done(f->v, f->top, f->fds);
	free(f->fp1);
	free(f->fp2);
	free(f);
	return 0;
}

static void lstat_at(const char *dir, const char *rel, struct stat *st)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(lstat(p, st), 0);
}

static const char *xattr_at(const char *dir, const char *rel,
			    const char *name)
{
	static char val[256];
	char p[PATH_MAX * 2];
	ssize_t n;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	n = lgetxattr(p, name, val, sizeof(val) - 1);
	val[n < 0 ? 0 : n] = '\0';
	return n < 0 ? NULL : val;
}

/* Reads come from the lowers, nothing is copied. */
static void test_read_no_copyup(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	char want[PATH_MAX * 2];

	assert_string_equal(vt_view_read(f->v, R, "/etc/passwd"),
			    "root:x:0:0");
	assert_string_equal(vt_view_read(f->v, R, "/etc/motd"), "hello");
	assert_int_equal(vfs_open(f->v, R, NULL, "/etc/passwd", O_RDONLY, 0,
				  &t, NULL), 0);
	snprintf(want, sizeof(want), "%s/etc/passwd", f->low2);
	assert_string_equal(t.host, want);
	assert_true(t.attrs & VFS_T_HOST_META);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/etc/motd", 0,
				     VFS_LOOKUP, &t), 0);
	snprintf(want, sizeof(want), "%s/etc/motd", f->low1);
	assert_string_equal(t.host, want);
	assert_string_equal(vt_view_read(f->v, R, "/link"),
			    "127.0.0.1 localhost");
	CHECK_UPPER(f, "");
}

/* Open for writing: the file and its parents with their metadata. */
static void test_write_open_copies_up(void **state)
{
	struct fx *f = *state;
	struct stat st;
	int fd;

	fd = vt_view_open(f->v, R, NULL, "/etc/passwd", O_WRONLY | O_APPEND,
			  0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\nme", 3), 3);
	close(fd);
	CHECK_UPPER(f, "d etc\nf etc/passwd\n");
	assert_string_equal(vt_read(f->upper, "etc/passwd"),
			    "root:x:0:0\nme");
	assert_string_equal(vt_view_read(f->v, R, "/etc/passwd"),
			    "root:x:0:0\nme");
	/* The file keeps mode and xattrs; its mtime is the write's. */
	lstat_at(f->upper, "etc/passwd", &st);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_string_equal(xattr_at(f->upper, "etc/passwd", "user.test"),
			    "lower2");
	/* The parent is the highest lower's etc: mode, xattr, times. */
	lstat_at(f->upper, "etc", &st);
	assert_int_equal(st.st_mode & 07777, 0750);
	assert_string_equal(xattr_at(f->upper, "etc", "user.dir"), "low1");
	/* The view still merges etc. */
	{
		char *ls = vt_view_ls(f->v, R, "/etc");

		assert_string_equal(ls, "hosts motd passwd");
		free(ls);
	}
}

/* Copy-up itself preserves times: chmod changes only the mode. */
static void test_copyup_preserves_times(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_chmod(f->v, R, NULL, "/dir/sub/y", 0600, 0), 0);
	CHECK_UPPER(f, "d dir\nd dir/sub\nf dir/sub/y\n");
	lstat_at(f->upper, "dir/sub/y", &st);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_mtim.tv_sec, T0);
	assert_int_equal(st.st_mtim.tv_nsec, 500);
	/* atime: the lower's, which reads (relatime) may have moved. */
	{
		struct stat lo;

		lstat_at(f->low2, "dir/sub/y", &lo);
		assert_int_equal(st.st_atim.tv_sec, lo.st_atim.tv_sec);
		assert_int_equal(st.st_atim.tv_nsec, lo.st_atim.tv_nsec);
	}
	lstat_at(f->upper, "dir/sub", &st);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_string_equal(vt_read(f->upper, "dir/sub/y"), "y");
}

/* O_TRUNC copies up even with O_RDONLY. */
static void test_trunc_rdonly_copies_up(void **state)
{
	struct fx *f = *state;
	struct stat st;
	int fd = vt_view_open(f->v, R, NULL, "/etc/hosts",
			      O_RDONLY | O_TRUNC, 0);

	assert_true(fd >= 0);
	close(fd);
	CHECK_UPPER(f, "d etc\nf etc/hosts\n");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/etc/hosts", 0, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void test_truncate_and_resolve_write(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	char want[PATH_MAX * 2];

	assert_int_equal(vfs_truncate(f->v, R, NULL, "/dir/x", 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/x\n");
	assert_string_equal(vt_view_read(f->v, R, "/dir/x"), "");
	/* VFS_WRITE: copy-up, the upper path for the kernel. */
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/etc/motd", 0, VFS_WRITE,
				     &t), 0);
	snprintf(want, sizeof(want), "%s/etc/motd", f->upper);
	assert_string_equal(t.host, want);
	CHECK_UPPER(f, "d dir\nf dir/x\nd etc\nf etc/motd\n");
	assert_int_equal(truncate(t.host, 2), 0);
	assert_string_equal(vt_view_read(f->v, R, "/etc/motd"), "he");
	/* VFS_LOOKUP of an object already up: the upper. */
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/etc/motd", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, want);
}

static void test_chown_utimens_xattr_copy_up(void **state)
{
	struct fx *f = *state;
	struct timespec ts[2] = { { 5, 0 }, { 7, 0 } };
	struct stat st;
	char val[32];

	assert_int_equal(vfs_utimens(f->v, R, NULL, "/etc/hosts", ts, 0), 0);
	CHECK_UPPER(f, "d etc\nf etc/hosts\n");
	lstat_at(f->upper, "etc/hosts", &st);
	assert_int_equal(st.st_mtim.tv_sec, 7);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/dir/x", "user.n", "v",
				      1, 0, 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/x\nd etc\nf etc/hosts\n");
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/dir/x", "user.n", val,
				      sizeof(val), 0), 1);
	assert_int_equal(vfs_removexattr(f->v, R, NULL, "/etc/passwd",
					 "user.test", 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/x\nd etc\nf etc/hosts\nf etc/passwd\n");
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/etc/passwd",
				      "user.test", val, sizeof(val), 0),
			 -ENODATA);
	/* chown to our own ids works as root and unprivileged. */
	assert_int_equal(vfs_chown(f->v, R, NULL, "/hl1", getuid(), getgid(),
				   0), 0);
	CHECK_UPPER(f, "d dir\nf dir/x\nd etc\nf etc/hosts\nf etc/passwd\n"
		    "f hl1\n");
	/* A symlink is copied up as a symlink (lchown). */
	assert_int_equal(vfs_chown(f->v, R, NULL, "/link", -1, getgid(),
				   AT_SYMLINK_NOFOLLOW), 0);
	CHECK_UPPER(f, "d dir\nf dir/x\nd etc\nf etc/hosts\nf etc/passwd\n"
		    "f hl1\nl link\n");
	assert_string_equal(vt_view_read(f->v, R, "/link"),
			    "127.0.0.1 localhost");
}

/* Owners are kept on copy-up when the process may set them. */
static void test_copyup_keeps_owner(void **state)
{
	struct fx *f = *state;
	char p[PATH_MAX * 2];
	struct stat st;

	if (geteuid() != 0)
		skip();	/* chown to another uid needs CAP_CHOWN */
	snprintf(p, sizeof(p), "%s/dir/x", f->low2);
	assert_int_equal(chown(p, 1234, 2345), 0);
	set_t0(f->low2, "dir/x");
	free(f->fp2);
	f->fp2 = vt_tree(f->low2, false);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/dir/x", 0640, 0), 0);
	lstat_at(f->upper, "dir/x", &st);
	assert_int_equal(st.st_uid, 1234);
	assert_int_equal(st.st_gid, 2345);
	assert_int_equal(st.st_mode & 07777, 0640);
	CHECK_UPPER(f, "d dir\nf dir/x\n");
}

/* sandbox-vfs overlay: creating under a lower directory copies parents. */
static void test_create_copies_parents(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vt_view_write(f->v, R, "/dir/sub/new", "n"), 0);
	CHECK_UPPER(f, "d dir\nd dir/sub\nf dir/sub/new\n");
	lstat_at(f->upper, "dir/sub", &st);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/etc/new.d", 0755), 0);
	CHECK_UPPER(f, "d dir\nd dir/sub\nf dir/sub/new\nd etc\n"
		    "d etc/new.d\n");
	assert_false(vt_exists(f->low2, "dir/sub/new"));
	assert_false(vt_exists(f->low1, "etc/new.d"));
	/* Creation never copies the lower siblings. */
	assert_false(vt_exists(f->upper, "dir/x"));
}

static void test_unlink_whiteout(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *ls;

	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/x", 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh.x\n");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/dir/x", 0, &st), -ENOENT);
	ls = vt_view_ls(f->v, R, "/dir");
	assert_string_equal(ls, "sub");
	free(ls);
	/* Re-created by the kernel: the whiteout stays, the file wins. */
	assert_int_equal(vt_view_write(f->v, R, "/dir/x", "again"), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh.x\nf dir/x\n");
	assert_string_equal(vt_view_read(f->v, R, "/dir/x"), "again");
	/* Unlinked again: still hidden. */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/x", 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh.x\n");
	/* Made by the library: the whiteout goes. */
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/dir/x", S_IFIFO | 0600,
				   0), 0);
	CHECK_UPPER(f, "d dir\np dir/x\n");
	/* A file of the upper only: plain unlink, no whiteout. */
	assert_int_equal(vt_view_write(f->v, R, "/dir/own", "o"), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/own", 0), 0);
	CHECK_UPPER(f, "d dir\np dir/x\n");
	/* A copied-up file: unlink leaves a whiteout. */
	assert_int_equal(vfs_truncate(f->v, R, NULL, "/hl1", 1), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/hl1", 0), 0);
	CHECK_UPPER(f, "f .wh.hl1\nd dir\np dir/x\n");
}

/* Whiteouts and opaque directories of the lowers themselves (OCI). */
static void test_lower_oci_layers(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *ls;

	assert_int_equal(vfs_stat(f->v, R, NULL, "/gone", 0, &st), -ENOENT);
	ls = vt_view_ls(f->v, R, "/opq");
	assert_string_equal(ls, "new");
	free(ls);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/opq/old", 0, &st),
			 -ENOENT);
	ls = vt_view_ls(f->v, R, "/");
	assert_string_equal(ls, "dir etc fifo hl1 hl2 link opq");
	free(ls);
	CHECK_UPPER(f, "");
}

static void test_rmdir_merged(void **state)
{
	struct fx *f = *state;
	char *ls;

	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir"), -ENOTEMPTY);
	CHECK_UPPER(f, "");
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/x", 0), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir/sub"), -ENOTEMPTY);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/sub/y", 0), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh.x\nd dir/sub\nf dir/sub/.wh.y\n");
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir/sub"), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh.sub\nf dir/.wh.x\n");
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir"), 0);
	CHECK_UPPER(f, "f .wh.dir\n");
	/* Made again: opaque, the old children never come back. */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0711), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh..wh..opq\n");
	ls = vt_view_ls(f->v, R, "/dir");
	assert_string_equal(ls, "");
	free(ls);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir/sub", 0755), 0);
	CHECK_UPPER(f, "d dir\nf dir/.wh..wh..opq\nd dir/sub\n");
	/* An upper-only opaque directory: removed with its marker. */
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir/sub"), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir"), 0);
	CHECK_UPPER(f, "f .wh.dir\n");
	/* A directory of the upper only: no whiteout. */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mine", 0755), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/mine"), 0);
	CHECK_UPPER(f, "f .wh.dir\n");
}

static unsigned char dtype_of(struct vfs_dir *d, const char *name)
{
	for (size_t i = 0; i < vfs_dir_count(d); i++)
		if (!strcmp(vfs_dir_get(d, i)->name, name))
			return vfs_dir_get(d, i)->type;
	return 0xff;
}

/* Merged listing: no duplicates, right d_type, hidden entries gone. */
static void test_readdir_merged(void **state)
{
	struct fx *f = *state;
	struct vfs_dir *d;
	struct stat st;

	assert_int_equal(vt_view_write(f->v, R, "/etc/passwd", "new"), 0);
	assert_int_equal(vfs_opendir(f->v, R, NULL, "/etc", 0, &d), 0);
	assert_int_equal(vfs_dir_count(d), 5);
	assert_string_equal(vfs_dir_get(d, 0)->name, ".");
	assert_string_equal(vfs_dir_get(d, 1)->name, "..");
	/* Upper entries first. */
	assert_string_equal(vfs_dir_get(d, 2)->name, "passwd");
	assert_int_equal(dtype_of(d, "motd"), DT_REG);
	assert_int_equal(dtype_of(d, "hosts"), DT_REG);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/etc/passwd", 0, &st), 0);
	assert_int_equal(vfs_dir_get(d, 2)->ino, st.st_ino);
	vfs_closedir(d);
	assert_int_equal(vfs_opendir(f->v, R, NULL, "/", 0, &d), 0);
	assert_int_equal(dtype_of(d, "link"), DT_LNK);
	assert_int_equal(dtype_of(d, "fifo"), DT_FIFO);
	assert_int_equal(dtype_of(d, "dir"), DT_DIR);
	assert_int_equal(dtype_of(d, ".wh.gone"), 0xff);
	assert_int_equal(dtype_of(d, "gone"), 0xff);
	vfs_closedir(d);
	CHECK_UPPER(f, "d etc\nf etc/passwd\n");
}

/* A snapshot stays the same while the directory changes. */
static void test_readdir_stable(void **state)
{
	struct fx *f = *state;
	unsigned char buf[64];
	char names[8][16];
	struct vfs_dir *d;
	uint64_t pos = 0;
	ssize_t n;
	int count = 0;

	assert_int_equal(vfs_opendir(f->v, R, NULL, "/dir", 0, &d), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/x", 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir/new", 0755), 0);
	assert_int_equal(vfs_dir_count(d), 4);
	/* getdents64 in small steps, d_off resuming where it stopped. */
	while ((n = vfs_dir_getdents64(d, &pos, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			uint16_t reclen;
			int64_t doff;

			memcpy(&reclen, buf + off + 16, 2);
			memcpy(&doff, buf + off + 8, 8);
			snprintf(names[count], 16, "%s", buf + off + 19);
			count++;
			assert_int_equal(doff, count);
			off += reclen;
		}
	}
	assert_int_equal(n, 0);
	assert_int_equal(count, 4);
	assert_string_equal(names[2], "x");
	assert_string_equal(names[3], "sub");
	/* Seek back to 3 (lseek on the fd): the same entry again. */
	pos = 3;
	assert_true(vfs_dir_getdents64(d, &pos, buf, sizeof(buf)) > 0);
	assert_string_equal((char *)buf + 19, "sub");
	assert_int_equal(vfs_dir_getdents64(d, &pos, buf, 8), 0);
	pos = 0;
	assert_int_equal(vfs_dir_getdents64(d, &pos, buf, 8), -EINVAL);
	vfs_closedir(d);
	/* A new snapshot sees the change. */
	{
		char *ls = vt_view_ls(f->v, R, "/dir");

		assert_string_equal(ls, "new sub");
		free(ls);
	}
}

/*
 * The i386 ABI's struct linux_dirent: 32-bit d_ino and d_off, d_reclen
 * at 8, the name at 10, d_type in the last byte, records aligned to 4.
 */
static void test_getdents_compat32(void **state)
{
	struct fx *f = *state;
	unsigned char buf[256];
	struct vfs_dir *d;
	uint64_t pos = 0;
	ssize_t n, off;
	int count = 0;

	assert_int_equal(vfs_opendir(f->v, R, NULL, "/dir", 0, &d), 0);
	n = vfs_dir_getdents(d, VFS_DIRENT_COMPAT32, &pos, buf, sizeof(buf));
	assert_true(n > 0);
	for (off = 0; off < n; count++) {
		uint32_t ino, doff;
		uint16_t reclen;

		memcpy(&ino, buf + off, 4);
		memcpy(&doff, buf + off + 4, 4);
		memcpy(&reclen, buf + off + 8, 2);
		assert_int_equal(reclen % 4, 0);
		assert_int_equal(reclen, (10 + strlen((char *)buf + off + 10) +
					  2 + 3) & ~3);
		assert_int_equal(doff, count + 1);
		assert_int_equal(ino, (uint32_t)vfs_dir_get(d, count)->ino);
		assert_int_equal(buf[off + reclen - 1],
				 vfs_dir_get(d, count)->type);
		assert_string_equal((char *)buf + off + 10,
				    vfs_dir_get(d, count)->name);
		off += reclen;
	}
	assert_int_equal(off, n);
	assert_int_equal(count, vfs_dir_count(d));
	pos = 0;
	assert_int_equal(vfs_dir_getdents(d, VFS_DIRENT_COMPAT32, &pos, buf,
					  8), -EINVAL);
	vfs_closedir(d);
}

static void test_rename_file(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vfs_rename(f->v, R, NULL, "/etc/hosts", NULL,
				    "/etc/hosts.bak", 0), 0);
	CHECK_UPPER(f, "d etc\nf etc/.wh.hosts\nf etc/hosts.bak\n");
	assert_string_equal(vt_view_read(f->v, R, "/etc/hosts.bak"),
			    "127.0.0.1 localhost");
	/* Over a lower file: replaced, the lower stays hidden. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/etc/hosts.bak", NULL,
				    "/etc/passwd", 0), 0);
	CHECK_UPPER(f, "d etc\nf etc/.wh.hosts\nf etc/passwd\n");
	assert_string_equal(vt_view_read(f->v, R, "/etc/passwd"),
			    "127.0.0.1 localhost");
	/* Back to a whited-out name: the whiteout goes. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/etc/passwd", NULL,
				    "/etc/hosts", 0), 0);
	CHECK_UPPER(f, "d etc\nf etc/.wh.passwd\nf etc/hosts\n");
	assert_int_equal(vfs_rename(f->v, R, NULL, "/etc/hosts", NULL,
				    "/etc/motd", RENAME_NOREPLACE), -EEXIST);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/etc/hosts", NULL,
				    "/etc/motd", RENAME_EXCHANGE), 0);
	CHECK_UPPER(f, "d etc\nf etc/.wh.passwd\nf etc/hosts\nf etc/motd\n");
	assert_string_equal(vt_view_read(f->v, R, "/etc/hosts"), "hello");
	assert_string_equal(vt_view_read(f->v, R, "/etc/motd"),
			    "127.0.0.1 localhost");
}

/* Lower directories: EXDEV (mv copies); upper directories move. */
static void test_rename_dir(void **state)
{
	struct fx *f = *state;
	char *ls;

	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir", NULL, "/dir2", 0),
			 -EXDEV);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/dir", 0755, 0), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir", NULL, "/dir2", 0),
			 -EXDEV);
	CHECK_UPPER(f, "d dir\n");
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/new", 0755), 0);
	assert_int_equal(vt_view_write(f->v, R, "/new/f", "f"), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/new", NULL, "/dir/new2",
				    0), 0);
	CHECK_UPPER(f, "d dir\nd dir/new2\nf dir/new2/f\n");
	/* Over an empty-looking lower directory: becomes opaque. */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/opq/new", 0), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir/new2", NULL, "/opq",
				    0), 0);
	CHECK_UPPER(f, "d dir\nd opq\nf opq/.wh..wh..opq\nf opq/f\n");
	ls = vt_view_ls(f->v, R, "/opq");
	assert_string_equal(ls, "f");
	free(ls);
	/* The upper-only, opaque directory moves again. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/opq", NULL, "/moved", 0),
			 0);
	CHECK_UPPER(f, "f .wh.opq\nd dir\nd moved\nf moved/.wh..wh..opq\n"
		    "f moved/f\n");
	ls = vt_view_ls(f->v, R, "/");
	assert_string_equal(ls, "dir etc fifo hl1 hl2 link moved");
	free(ls);
}

/* Hard links through the view are one file. */
static void test_hardlinks(void **state)
{
	struct fx *f = *state;
	struct stat a, b;
	int fd;

	assert_int_equal(vfs_link(f->v, R, NULL, "/etc/motd", NULL,
				  "/motd2", 0), 0);
	CHECK_UPPER(f, "d etc\nf etc/motd\nf motd2\n");
	fd = vt_view_open(f->v, R, NULL, "/motd2", O_WRONLY | O_APPEND, 0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "!", 1), 1);
	close(fd);
	assert_string_equal(vt_view_read(f->v, R, "/etc/motd"), "hello!");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/etc/motd", 0, &a), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/motd2", 0, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_nlink, 2);
	/* Renaming one name over the other: nothing happens. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/motd2", NULL,
				    "/etc/motd", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/motd2", 0, &b), 0);
}

/*
 * Lower hard links break on copy-up (documented, like index=off): the
 * copied name is a new object, which keeps the lower's inode number like
 * every copy-up (so both names still show one st_dev/st_ino, as in the
 * kernel's overlayfs without index), with its own link count.
 */
static void test_lower_hardlinks_break(void **state)
{
	struct fx *f = *state;
	struct stat a, b;

	assert_int_equal(vfs_stat(f->v, R, NULL, "/hl1", 0, &a), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/hl2", 0, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(vt_view_write(f->v, R, "/hl1", "changed"), 0);
	assert_string_equal(vt_view_read(f->v, R, "/hl1"), "changed");
	assert_string_equal(vt_view_read(f->v, R, "/hl2"), "shared");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/hl1", 0, &a), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_dev, b.st_dev);
	assert_int_equal(a.st_nlink, 1);
	assert_int_equal(b.st_nlink, 2);
	CHECK_UPPER(f, "f hl1\n");
}

/* ".wh." names do not exist in the view and cannot be made. */
static void test_wh_names(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;

	assert_int_equal(vfs_stat(f->v, R, NULL, "/.wh.gone", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/opq/.wh..wh..opq", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/.wh.x", 0755), -EINVAL);
	assert_int_equal(vfs_open(f->v, R, NULL, "/dir/.wh.y",
				  O_CREAT | O_WRONLY, 0644, &t, NULL),
			 -EINVAL);
	assert_int_equal(vfs_symlink(f->v, R, "x", NULL, "/.wh.s"), -EINVAL);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/.wh.n", S_IFIFO | 0644,
				   0), -EINVAL);
	assert_int_equal(vfs_link(f->v, R, NULL, "/hl1", NULL, "/.wh.l", 0),
			 -EINVAL);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/hl1", NULL, "/.wh.r", 0),
			 -EINVAL);
	/* Failed creations may copy parents up, never make the entry. */
	assert_false(vt_exists(f->upper, ".wh.x"));
	assert_false(vt_exists(f->upper, "dir/.wh.y"));
	assert_false(vt_exists(f->upper, ".wh.l"));
	assert_false(vt_exists(f->upper, ".wh.r"));
}

static void test_special_files_and_tmpfile(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	char want[PATH_MAX * 2];
	struct stat st;
	int fd;

	/* A FIFO is copied up as a FIFO. */
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/fifo", 0600, 0), 0);
	CHECK_UPPER(f, "p fifo\n");
	lstat_at(f->upper, "fifo", &st);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_mtim.tv_sec, T0);
	/* O_TMPFILE in a lower directory: the directory comes up. */
	assert_int_equal(vfs_open(f->v, R, NULL, "/dir/sub",
				  O_TMPFILE | O_RDWR, 0600, &t, NULL), 0);
	snprintf(want, sizeof(want), "%s/dir/sub", f->upper);
	assert_string_equal(t.host, want);
	fd = open(t.host, t.flags | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
	CHECK_UPPER(f, "d dir\nd dir/sub\np fifo\n");
	assert_int_equal(vfs_open(f->v, R, NULL, "/dir/x", O_TMPFILE | O_RDWR,
				  0600, &t, NULL), -ENOTDIR);
	assert_int_equal(vfs_open(f->v, R, NULL, "/dir", O_TMPFILE | O_RDONLY,
				  0600, &t, NULL), -EINVAL);
}

/* A merged directory is a directory to emulate; O_CREAT|O_EXCL. */
static void test_open_targets(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;

	assert_int_equal(vfs_open(f->v, R, NULL, "/etc",
				  O_RDONLY | O_DIRECTORY, 0, &t, NULL), 0);
	assert_true(t.attrs & VFS_T_DIR_EMULATE);
	assert_string_equal(t.view, "/etc");
	assert_int_equal(vfs_open(f->v, R, NULL, "/etc/motd",
				  O_CREAT | O_EXCL | O_WRONLY, 0644, &t, NULL),
			 -EEXIST);
	assert_int_equal(vfs_open(f->v, R, NULL, "/link",
				  O_CREAT | O_EXCL | O_WRONLY, 0644, &t, NULL),
			 -EEXIST);
	assert_int_equal(vfs_open(f->v, R, NULL, "/link",
				  O_RDONLY | O_NOFOLLOW, 0, &t, NULL), -ELOOP);
	assert_int_equal(vfs_open(f->v, R, NULL, "/link",
				  O_PATH | O_NOFOLLOW, 0, &t, NULL), 0);
	CHECK_UPPER(f, "");
	/* O_CREAT over a whiteout: the upper path, created by the kernel. */
	assert_int_equal(vfs_open(f->v, R, NULL, "/gone",
				  O_CREAT | O_EXCL | O_WRONLY, 0644, &t, NULL),
			 0);
	CHECK_UPPER(f, "");
	assert_int_equal(vfs_statfs(f->v, R, NULL, "/etc",
				    &(struct statfs){ 0 }), 0);
}

/* A copy-up that cannot read the lower fails and leaves nothing. */
static void test_failed_copyup_leaves_nothing(void **state)
{
	struct fx *f = *state;
	char p[PATH_MAX * 2];

	if (geteuid() == 0)
		skip();	/* root reads a mode 000 file: no failure to see */
	snprintf(p, sizeof(p), "%s/dir/sub/y", f->low2);
	assert_int_equal(chmod(p, 0), 0);
	set_t0(f->low2, "dir/sub/y");
	free(f->fp2);
	f->fp2 = vt_tree(f->low2, false);
	assert_int_equal(vfs_truncate(f->v, R, NULL, "/dir/sub/y", 0),
			 -EACCES);
	CHECK_UPPER(f, "d dir\nd dir/sub\n");
}

/* Several mounts of one context: no shared state between them. */
static void test_two_contexts(void **state)
{
	struct fx *f = *state;
	const char *lows[1] = { f->low2 };
	char *up2 = vt_mkdtemp("ovl2");
	struct vfs *v2;

	assert_int_equal(vfs_new(&v2), 0);
	assert_int_equal(vfs_mount_overlay(v2, "/", up2, lows, 1, 0), 0);
	assert_int_equal(vt_view_write(v2, R, "/etc/motd", "v2"), 0);
	assert_string_equal(vt_view_read(f->v, R, "/etc/motd"), "hello");
	assert_string_equal(vt_view_read(v2, R, "/etc/motd"), "v2");
	vfs_free(v2);
	vt_rmtree(up2);
	free(up2);
	CHECK_UPPER(f, "");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_read_no_copyup),
		T(test_write_open_copies_up),
		T(test_copyup_preserves_times),
		T(test_trunc_rdonly_copies_up),
		T(test_truncate_and_resolve_write),
		T(test_chown_utimens_xattr_copy_up),
		T(test_copyup_keeps_owner),
		T(test_create_copies_parents),
		T(test_unlink_whiteout),
		T(test_lower_oci_layers),
		T(test_rmdir_merged),
		T(test_readdir_merged),
		T(test_readdir_stable),
		T(test_getdents_compat32),
		T(test_rename_file),
		T(test_rename_dir),
		T(test_hardlinks),
		T(test_lower_hardlinks_break),
		T(test_wh_names),
		T(test_special_files_and_tmpfile),
		T(test_open_targets),
		T(test_failed_copyup_leaves_nothing),
		T(test_two_contexts),
	};

	return cmocka_run_group_tests_name("vfs_overlay", tests, NULL, NULL);
}
