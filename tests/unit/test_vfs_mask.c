// SPDX-License-Identifier: MIT
/*
 * vfs_mask(): in-memory whiteouts.  In an overlay a mask hides the lower
 * layers' object (and its subtree) at a view path: lookups, listings and
 * the parent's VFS_T_DIR_EMULATE; creating there makes a fresh upper
 * object (opaque if a directory) and removing it never writes a
 * whiteout.  Nothing is written by the mask itself.  In a bind or memory
 * mount the object is hidden and the name cannot be created.  Mounts are
 * above masks.  vfs_hide(): hidden from every layer, never created.
 *
 * Lower: up/ (stands for an upper directory inside a lower, with
 * up/inner), a/x, a/sub/y, f, d/keep.
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
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_testlib.h"
#include "vfs.h"

static const struct vfs_cred *R = &vt_root;

struct fx {
	char *top;
	char upper[PATH_MAX], lower[PATH_MAX];
	char *fp;
	struct vfs *v;
	int fds;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *lows[1];

	f->fds = vt_fd_count();
	f->top = vt_mkdtemp("mask");
	vt_layer(f->top, "upper", f->upper, sizeof(f->upper));
	vt_layer(f->top, "lower", f->lower, sizeof(f->lower));
	vt_mkdir(f->lower, "up", 0755);
	vt_write(f->lower, "up/inner", "i", 0644);
	vt_mkdir(f->lower, "a", 0755);
	vt_write(f->lower, "a/x", "x", 0644);
	vt_mkdir(f->lower, "a/sub", 0755);
	vt_write(f->lower, "a/sub/y", "y", 0644);
	vt_write(f->lower, "f", "lower f", 0644);
	vt_mkdir(f->lower, "d", 0755);
	vt_write(f->lower, "d/keep", "k", 0644);
	f->fp = vt_tree(f->lower, false);
	lows[0] = f->lower;
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper, lows, 1, 0),
			 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char *t = vt_tree(f->lower, false);

	assert_string_equal(t, f->fp);
	free(t);
	vt_fixture_done(f->v, f->top, f->fds);
	free(f->fp);
	free(f);
	return 0;
}

static void check_upper(struct fx *f, const char *want, int line)
{
	char *t = vt_tree(f->upper, true);

	if (strcmp(t, want))
		fail_msg("line %d: upper is\n%s\nwant\n%s", line, t, want);
	free(t);
}

#define CHECK_UPPER(f, want) check_upper(f, want, __LINE__)

static void ls_is(struct vfs *v, const char *path, const char *want)
{
	char *l = vt_view_ls(v, R, path);

	assert_string_equal(l, want);
	free(l);
}

static unsigned int attrs_of(struct vfs *v, const char *path)
{
	struct vfs_target t;

	assert_int_equal(vfs_resolve(v, R, NULL, path, 0, VFS_LOOKUP, &t), 0);
	return t.attrs;
}

/* The supervisor's case: the upper directory itself lies in a lower. */
static void test_hides_lower_subtree(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;

	ls_is(f->v, "/", "a d f up");
	assert_int_equal(vfs_mask(f->v, "/up"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/up", 0, &st), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/up/inner", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/up/.", 0, VFS_LOOKUP,
				     &t), -ENOENT);
	assert_int_equal(vfs_access(f->v, R, NULL, "/up", F_OK, 0), -ENOENT);
	ls_is(f->v, "/", "a d f");
	assert_true(attrs_of(f->v, "/") & VFS_T_DIR_EMULATE);
	/* ".." through a sibling still works; the mask is by name only. */
	assert_int_equal(vfs_stat(f->v, R, "/a", "../d/keep", 0, &st), 0);
	/* Masks hide; they never write. */
	CHECK_UPPER(f, "");
}

/* Canonical paths, errors, idempotence. */
static void test_mask_paths(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mask(f->v, "a/x"), -EINVAL);
	assert_int_equal(vfs_mask(f->v, "/a/../f"), -EINVAL);
	assert_int_equal(vfs_mask(f->v, "/"), -EINVAL);
	assert_int_equal(vfs_mask(f->v, "//./"), -EINVAL);
	assert_int_equal(vfs_mask(f->v, "//a/./sub/"), 0);
	assert_int_equal(vfs_mask(f->v, "/a/sub"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a/sub/y", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a/x", 0, &st), 0);
	ls_is(f->v, "/a", "x");
	ls_is(f->v, "/", "a d f up");
	/* A symlink to a masked path does not reach it either. */
	assert_int_equal(vfs_symlink(f->v, R, "a/sub", NULL, "/s"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/s/y", 0, &st), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/s", 0, &st), -ENOENT);
	/* A mask of something missing is allowed and hides what comes. */
	assert_int_equal(vfs_mask(f->v, "/nothing/here"), 0);
}

/* Creating at a masked path: a fresh upper object, opaque directories. */
static void test_create_over_mask(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mask(f->v, "/d"), 0);
	assert_int_equal(vfs_mask(f->v, "/f"), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/d", 0700), 0);
	ls_is(f->v, "/d", "");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/keep", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d", 0, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	CHECK_UPPER(f, "d d\nf d/.wh..wh..opq\n");
	ls_is(f->v, "/", "a d up");
	/* The new directory is the upper's alone: it may be renamed. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/d", NULL, "/d2", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d", 0, &st), -ENOENT);
	CHECK_UPPER(f, "d d2\nf d2/.wh..wh..opq\n");
	/* A file: written by the kernel, no whiteout for the lower. */
	assert_int_equal(vt_view_write(f->v, R, "/f", "new f"), 0);
	assert_string_equal(vt_view_read(f->v, R, "/f"), "new f");
	CHECK_UPPER(f, "d d2\nf d2/.wh..wh..opq\nf f\n");
	ls_is(f->v, "/", "a d2 f up");
	/* Removing it leaves no whiteout: the path is masked again. */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/f", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/f", 0, &st), -ENOENT);
	CHECK_UPPER(f, "d d2\nf d2/.wh..wh..opq\n");
	/* A directory moved onto a masked path is made opaque. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/d2", NULL, "/d", 0), 0);
	ls_is(f->v, "/d", "");
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/d"), 0);
	CHECK_UPPER(f, "");
	assert_int_equal(vfs_symlink(f->v, R, "x", NULL, "/f"), 0);
	assert_int_equal(vfs_link(f->v, R, NULL, "/a/x", NULL, "/d", 0), 0);
	assert_string_equal(vt_view_read(f->v, R, "/d"), "x");
	CHECK_UPPER(f, "d a\nf a/x\nf d\nl f\n");
}

/* An object the upper already holds at a masked path stays visible. */
static void test_upper_object_visible(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vt_view_write(f->v, R, "/a/x", "up x"), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/a/sub/z", 0755), 0);
	assert_int_equal(vfs_mask(f->v, "/a/x"), 0);
	assert_int_equal(vfs_mask(f->v, "/a/sub"), 0);
	assert_string_equal(vt_view_read(f->v, R, "/a/x"), "up x");
	/* /a/sub is merged: only its upper part is left. */
	ls_is(f->v, "/a/sub", "z");
	ls_is(f->v, "/a", "sub x");
	CHECK_UPPER(f, "d a\nd a/sub\nd a/sub/z\nf a/x\n");
	/* Removing the upper part leaves no whiteout either. */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/a/x", 0), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/a/sub/z"), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/a/sub"), 0);
	ls_is(f->v, "/a", "");
	CHECK_UPPER(f, "d a\n");
}

/* Mounts are above masks: a mount point at a masked path shows. */
static void test_mount_above_mask(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mask(f->v, "/a"), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/a", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a", 0, &st), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a/x", 0, &st), -ENOENT);
	ls_is(f->v, "/", "a d f up");
	assert_int_equal(vfs_mask(f->v, "/a/m"), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/a/m", 0755), -EACCES);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/a/n", 0755), 0);
	ls_is(f->v, "/a", "n");
}

/* A bind has no upper: hidden, and the name cannot be made. */
static void test_bind_mask(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;

	assert_int_equal(vfs_mount_bind(f->v, "/b", f->lower, 0), 0);
	assert_false(attrs_of(f->v, "/b/a") & VFS_T_DIR_EMULATE);
	assert_int_equal(vfs_mask(f->v, "/b/a/sub"), 0);
	assert_true(attrs_of(f->v, "/b/a") & VFS_T_DIR_EMULATE);
	assert_false(attrs_of(f->v, "/b/d") & VFS_T_DIR_EMULATE);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/b/a/sub", 0, &st),
			 -ENOENT);
	ls_is(f->v, "/b/a", "x");
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/b/a/sub", 0755), -EACCES);
	assert_int_equal(vfs_open(f->v, R, NULL, "/b/a/sub", O_CREAT |
				  O_WRONLY, 0644, &t, NULL), -EACCES);
	assert_int_equal(vfs_symlink(f->v, R, "x", NULL, "/b/a/sub"),
			 -EACCES);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/b/a/x", NULL,
				    "/b/a/sub", 0), -EACCES);
	assert_int_equal(vfs_link(f->v, R, NULL, "/b/a/x", NULL, "/b/a/sub",
				  0), -EACCES);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/b/a/sub", 0), -ENOENT);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/b/a/sub"), -ENOENT);
	/* The same host directory through the overlay is not masked. */
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a/sub/y", 0, &st), 0);
}

/* A memory mount: the same rules. */
static void test_memory_mask(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mount_memory(f->v, "/m", 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/m/k", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/m/h", 0755), 0);
	assert_int_equal(vfs_mask(f->v, "/m/h"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/m/h", 0, &st), -ENOENT);
	ls_is(f->v, "/m", "k");
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/m/h", 0755), -EACCES);
}

/*
 * vfs_hide(): hidden from every layer, the upper's object included, and
 * nothing can be made there, by any route; a symlink into it, ".." and
 * a bind of the same host directory see the same.
 */
static void test_hide(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;

	vt_write(f->upper, "f", "upper f", 0644);	/* an earlier run's */
	vt_symlink(f->lower, "d/ln", "../f");
	free(f->fp);
	f->fp = vt_tree(f->lower, false);
	assert_int_equal(vfs_hide(f->v, "/f"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/f", 0, &st), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, "/a", "../f", 0, &st), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "//a/..//f", 0, &st),
			 -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/ln", 0, &st), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/f/x", 0, &st), -ENOENT);
	ls_is(f->v, "/", "a d up");
	assert_int_equal(vfs_open(f->v, R, NULL, "/f", O_RDONLY, 0, &t, NULL),
			 -ENOENT);
	assert_int_equal(vfs_open(f->v, R, NULL, "/f",
				  O_WRONLY | O_CREAT, 0644, &t, NULL),
			 -EACCES);
	assert_int_equal(vfs_open(f->v, R, NULL, "/d/ln",
				  O_WRONLY | O_CREAT, 0644, &t, NULL),
			 -EACCES);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/f", 0755), -EACCES);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/f/x", 0755), -ENOENT);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/f", S_IFIFO | 0644, 0),
			 -EACCES);
	assert_int_equal(vfs_symlink(f->v, R, "x", NULL, "/f"), -EACCES);
	assert_int_equal(vfs_link(f->v, R, NULL, "/a/x", NULL, "/f", 0),
			 -EACCES);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/a/x", NULL, "/f", 0),
			 -EACCES);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/f", NULL, "/a/z", 0),
			 -ENOENT);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/f", 0), -ENOENT);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/f", 0600, 0), -ENOENT);
	/* Through a bind of the lower, the view path decides. */
	assert_int_equal(vfs_mount_bind(f->v, "/b", f->lower, 0), 0);
	assert_int_equal(vfs_hide(f->v, "/b/a/x"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/b/a/x", 0, &st), -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/b/a/x", 0755), -EACCES);
	ls_is(f->v, "/b/a", "sub");
	assert_int_equal(vfs_hide(f->v, "/"), -EINVAL);
	assert_string_equal(vt_read(f->upper, "f"), "upper f");
	assert_string_equal(vt_read(f->lower, "a/x"), "x");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_hides_lower_subtree),
		T(test_mask_paths),
		T(test_create_over_mask),
		T(test_upper_object_visible),
		T(test_mount_above_mask),
		T(test_bind_mask),
		T(test_memory_mask),
		T(test_hide),
	};

	return cmocka_run_group_tests_name("vfs_mask", tests, NULL, NULL);
}
