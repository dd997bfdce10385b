// SPDX-License-Identifier: MIT
/*
 * vfstrace is no confused deputy: the traced tree may write the upper by
 * its host path and plant symlinks there at any moment.  Each test lets
 * the library look up (and cache) an upper directory, then swaps it for
 * a symlink to OUTSIDE, a directory beside the layers standing for the
 * host, as a racing tree would between the library's walk and its host
 * call.  Every operation must then fail without changing OUTSIDE.  Also:
 * names planted where copy-up puts its temporaries, and VFS_MOUNT_NODEV.
 *
 * Lower: d/f, d/g, d/sub/s, e/f; upper: empty.  OUTSIDE: f, g, h, sub/s
 * (the names the view operations would reach through the symlink) and
 * sub/secret (a name only OUTSIDE has).
 */
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
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_testlib.h"
#include "vfs.h"

static const struct vfs_cred *R = &vt_root;

struct fx {
	char *top;
	char upper[PATH_MAX], lower[PATH_MAX], outside[PATH_MAX];
	char *before;		/* vt_tree() of OUTSIDE after setup */
	struct vfs *v;
	int fds;
};

static void mount_view(struct fx *f, unsigned int flags)
{
	const char *lows[1] = { f->lower };

	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper, lows, 1,
					   flags), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->fds = vt_fd_count();
	f->top = vt_mkdtemp("deputy");
	vt_layer(f->top, "upper", f->upper, sizeof(f->upper));
	vt_layer(f->top, "lower", f->lower, sizeof(f->lower));
	vt_layer(f->top, "outside", f->outside, sizeof(f->outside));
	vt_mkdir(f->lower, "d", 0755);
	vt_write(f->lower, "d/f", "lower f", 0644);
	vt_write(f->lower, "d/g", "lower g", 0644);
	vt_mkdir(f->lower, "d/sub", 0755);
	vt_write(f->lower, "d/sub/s", "lower s", 0644);
	vt_mkdir(f->lower, "e", 0755);
	vt_write(f->lower, "e/f", "lower e/f", 0644);
	vt_write(f->outside, "f", "secret f", 0644);
	vt_write(f->outside, "g", "secret g", 0644);
	vt_write(f->outside, "h", "secret h", 0644);
	vt_mkdir(f->outside, "sub", 0755);
	vt_write(f->outside, "sub/s", "secret s", 0644);
	vt_write(f->outside, "sub/secret", "secret", 0600);
	f->before = vt_tree(f->outside, false);
	mount_view(f, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	free(f->before);
	vt_fixture_done(f->v, f->top, f->fds);
	free(f);
	return 0;
}

/* OUTSIDE as setup left it: contents, modes, times, xattrs. */
static void outside_unchanged(struct fx *f)
{
	char *now = vt_tree(f->outside, false);
	char p[PATH_MAX * 2];
	struct stat st;

	assert_string_equal(now, f->before);
	free(now);
	snprintf(p, sizeof(p), "%s/f", f->outside);
	assert_int_equal(lstat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_true(st.st_mtime > 86400);
	assert_int_equal(lgetxattr(p, "user.planted", NULL, 0), -1);
}

/*
 * Copy D up (through its child F), look up D/sub and D/g so that the
 * library caches them, then swap upper D for a symlink to OUTSIDE.
 */
static void plant(struct fx *f)
{
	char from[PATH_MAX * 2], to[PATH_MAX * 2];
	struct stat st;

	assert_int_equal(vfs_chmod(f->v, R, NULL, "/d/f", 0600, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/sub/s", 0, &st), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/g", 0, &st), 0);
	snprintf(from, sizeof(from), "%s/d", f->upper);
	snprintf(to, sizeof(to), "%s/d.moved", f->upper);
	assert_int_equal(rename(from, to), 0);
	assert_int_equal(symlink(f->outside, from), 0);
}

static void test_chmod(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_int_not_equal(vfs_chmod(f->v, R, NULL, "/d/f", 0777, 0), 0);
	outside_unchanged(f);
}

static void test_chown_utimens(void **state)
{
	struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };
	struct fx *f = *state;

	plant(f);
	assert_int_not_equal(vfs_utimens(f->v, R, NULL, "/d/f", ts, 0), 0);
	assert_int_not_equal(vfs_chown(f->v, R, NULL, "/d/f", 1, 1, 0), 0);
	outside_unchanged(f);
}

static void test_xattr(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_true(vfs_setxattr(f->v, R, NULL, "/d/f", "user.planted", "x",
				 1, 0, 0) < 0);
	assert_true(vfs_setxattr(f->v, R, NULL, "/d/sub", "user.planted",
				 "x", 1, 0, 0) < 0);
	outside_unchanged(f);
}

/* Copy-up of D/sub/s and D/g into the swapped D. */
static void test_copy_up(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_true(vfs_truncate(f->v, R, NULL, "/d/sub/s", 0) < 0);
	assert_true(vfs_truncate(f->v, R, NULL, "/d/g", 0) < 0);
	outside_unchanged(f);
}

/* The whiteout of D/g goes into the swapped D; D/sub's into D/sub. */
static void test_whiteout(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_true(vfs_unlink(f->v, R, NULL, "/d/g", 0) < 0);
	assert_true(vfs_unlink(f->v, R, NULL, "/d/sub/s", 0) < 0);
	assert_false(vt_exists(f->outside, ".wh.g"));
	outside_unchanged(f);
}

static void test_mkdir_mknod_symlink(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_true(vfs_mkdir(f->v, R, NULL, "/d/new", 0755) < 0);
	assert_true(vfs_mknod(f->v, R, NULL, "/d/fifo", S_IFIFO | 0644,
			      0) < 0);
	assert_true(vfs_symlink(f->v, R, "/x", NULL, "/d/ln") < 0);
	assert_true(vfs_mkdir(f->v, R, NULL, "/d/sub/new", 0755) < 0);
	outside_unchanged(f);
}

static void test_rename_link(void **state)
{
	struct fx *f = *state;

	plant(f);
	assert_true(vfs_rename(f->v, R, NULL, "/d/f", NULL, "/d/f2", 0) < 0);
	assert_true(vfs_rename(f->v, R, NULL, "/e/f", NULL, "/d/h", 0) < 0);
	assert_true(vfs_link(f->v, R, NULL, "/d/f", NULL, "/e/f3", 0) < 0);
	assert_true(vfs_rmdir(f->v, R, NULL, "/d/sub") < 0);
	outside_unchanged(f);
}

/* The listing and xattrs of the swapped D are not OUTSIDE's. */
static void test_reads(void **state)
{
	struct fx *f = *state;
	struct vfs_dir *d;
	char buf[64];

	vt_setxattr(f->outside, "sub", "user.secret", "s");
	free(f->before);
	f->before = vt_tree(f->outside, false);
	/* D/sub in the upper too: listed and read there */
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/d/sub", 0755, 0), 0);
	plant(f);
	if (!vfs_opendir(f->v, R, NULL, "/d/sub", 0, &d)) {
		for (size_t i = 0; i < vfs_dir_count(d); i++)
			assert_string_not_equal(vfs_dir_get(d, i)->name,
						"secret");
		vfs_closedir(d);
	}
	assert_true(vfs_getxattr(f->v, R, NULL, "/d/sub", "user.secret", buf,
				 sizeof(buf), 0) < 0);
	outside_unchanged(f);
}

/*
 * Names planted where copy-up and mkdir over a whiteout put their
 * temporaries (".wh..wh.tmp.PID.SEQ", SEQ counting from 1 in a new
 * mount): symlinks to OUTSIDE/h.  The copy-up fails with EIO, nothing
 * outside is touched, and the planted names are left alone.
 */
static void test_planted_temp(void **state)
{
	char name[PATH_MAX], target[PATH_MAX * 2];
	struct fx *f = *state;
	struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };

	snprintf(target, sizeof(target), "%s/h", f->outside);
	for (int i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), ".wh..wh.tmp.%d.%d", (int)getpid(),
			 i);
		vt_symlink(f->upper, name, target);
	}
	assert_int_equal(vfs_utimens(f->v, R, NULL, "/e", ts, 0), -EIO);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/d/sub/s", 0), -EIO);
	assert_false(vt_exists(f->upper, "e"));
	assert_false(vt_exists(f->upper, "d"));
	outside_unchanged(f);
}

/*
 * A symlink planted at the name a copy-up is about to fill: the copy-up
 * does not follow it (EIO: the node is not what the tree put there).
 */
static void test_planted_name(void **state)
{
	char target[PATH_MAX * 2];
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_stat(f->v, R, NULL, "/e/f", 0, &st), 0);
	snprintf(target, sizeof(target), "%s/f", f->outside);
	vt_mkdir(f->upper, "e", 0755);
	vt_symlink(f->upper, "e/f", target);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/e/f", 0777, 0), -EIO);
	assert_int_equal(vfs_truncate(f->v, R, NULL, "/e/f", 0), -EIO);
	outside_unchanged(f);
}

/* VFS_MOUNT_NODEV: no char or block device by mknod or copy-up. */
static void test_nodev(void **state)
{
	struct fx *f = *state;
	char p[PATH_MAX * 2];
	struct stat st;

	if (geteuid())
		skip();
	snprintf(p, sizeof(p), "%s/null", f->lower);
	assert_int_equal(mknod(p, S_IFCHR | 0666, makedev(1, 3)), 0);
	vfs_free(f->v);
	mount_view(f, VFS_MOUNT_NODEV);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/c", S_IFCHR | 0600,
				   makedev(1, 3)), -EPERM);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/b", S_IFBLK | 0600,
				   makedev(7, 0)), -EPERM);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/null", 0600, 0), -EPERM);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/p", S_IFIFO | 0600, 0),
			 0);
	assert_false(vt_exists(f->upper, "c"));
	assert_false(vt_exists(f->upper, "b"));
	assert_false(vt_exists(f->upper, "null"));
	/* without the flag, as the kernel's overlayfs: copied up */
	vfs_free(f->v);
	mount_view(f, 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/null", 0600, 0), 0);
	snprintf(p, sizeof(p), "%s/null", f->upper);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chmod),
		T(test_chown_utimens),
		T(test_xattr),
		T(test_copy_up),
		T(test_whiteout),
		T(test_mkdir_mknod_symlink),
		T(test_rename_link),
		T(test_reads),
		T(test_planted_temp),
		T(test_planted_name),
		T(test_nodev),
	};

	return cmocka_run_group_tests_name("vfs_deputy", tests, NULL, NULL);
}
