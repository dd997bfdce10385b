// SPDX-License-Identifier: MIT
/*
 * Stable inode numbers across copy-up: a copied-up object keeps its lower
 * object's st_dev/st_ino in vfs_stat() and vfs_opendir(), the pair upper
 * inode -> lower inode is told by vfs_ino_origin(), and with
 * VFS_MOUNT_ORIGINS it is persisted in user.vfstrace.origin (hidden from
 * the view's xattr calls) so that a new context on the same upper keeps
 * the numbers.
 *
 * Lower: src/obj (a git object), src/dir/f, link -> src/obj, old
 * (carrying a stale user.vfstrace.origin, as in an old upper used as a
 * lower).
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

static const struct vfs_cred *R = &vt_root;

struct fx {
	char *top;
	char upper[PATH_MAX], lower[PATH_MAX];
	struct vfs *v;
	int fds;
};

static void mount_flags(struct fx *f, unsigned int flags)
{
	const char *lows[1] = { f->lower };

	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper, lows, 1,
					   flags), 0);
}

static void mount_view(struct fx *f)
{
	mount_flags(f, VFS_MOUNT_ORIGINS);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->fds = vt_fd_count();
	f->top = vt_mkdtemp("origin");
	vt_layer(f->top, "upper", f->upper, sizeof(f->upper));
	vt_layer(f->top, "lower", f->lower, sizeof(f->lower));
	vt_mkdir(f->lower, "src", 0755);
	vt_write(f->lower, "src/obj", "blob", 0444);
	vt_mkdir(f->lower, "src/dir", 0555);
	vt_write(f->lower, "src/dir/f", "f", 0644);
	vt_symlink(f->lower, "link", "src/obj");
	vt_write(f->lower, "old", "old", 0644);
	vt_setxattr(f->lower, "old", "user.vfstrace.origin", "1:2:3");
	vt_setxattr(f->lower, "old", "user.keep", "k");
	mount_view(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_fixture_done(f->v, f->top, f->fds);
	free(f);
	return 0;
}

static void host_lstat(const char *dir, const char *rel, struct stat *st)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(lstat(p, st), 0);
}

static void view_stat(struct fx *f, const char *path, struct stat *st)
{
	assert_int_equal(vfs_stat(f->v, R, NULL, path, AT_SYMLINK_NOFOLLOW,
				  st), 0);
}

/* The kernel's stat of the host object, mapped as the supervisor would. */
static void kernel_stat(struct fx *f, const char *path, struct stat *st)
{
	struct vfs_target t;
	dev_t dev;
	ino_t ino;

	assert_int_equal(vfs_resolve(f->v, R, NULL, path, AT_SYMLINK_NOFOLLOW,
				     VFS_LOOKUP, &t), 0);
	assert_int_equal(lstat(t.host, st), 0);
	if (!vfs_ino_origin(f->v, st->st_dev, st->st_ino, &dev, &ino)) {
		assert_true(t.attrs & VFS_T_ORIGIN);
		st->st_dev = dev;
		st->st_ino = ino;
	} else {
		assert_false(t.attrs & VFS_T_ORIGIN);
	}
}

static uint64_t dirent_ino(struct fx *f, const char *dir, const char *name)
{
	struct vfs_dir *d;
	uint64_t ino = 0;

	assert_int_equal(vfs_opendir(f->v, R, NULL, dir, 0, &d), 0);
	for (size_t i = 0; i < vfs_dir_count(d); i++)
		if (!strcmp(vfs_dir_get(d, i)->name, name))
			ino = vfs_dir_get(d, i)->ino;
	vfs_closedir(d);
	assert_true(ino != 0);
	return ino;
}

/* git clone of a local repository: link() then compare st_ino. */
static void test_link_keeps_ino(void **state)
{
	struct fx *f = *state;
	struct stat src, dst, low, up, k;
	dev_t odev;
	ino_t oino;

	host_lstat(f->lower, "src/obj", &low);
	view_stat(f, "/src/obj", &src);
	assert_int_equal(src.st_ino, low.st_ino);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/clone", 0755), 0);
	assert_int_equal(vfs_link(f->v, R, NULL, "/src/obj", NULL,
				  "/clone/obj", 0), 0);
	view_stat(f, "/clone/obj", &dst);
	assert_int_equal(dst.st_ino, src.st_ino);
	assert_int_equal(dst.st_dev, src.st_dev);
	assert_int_equal(dst.st_nlink, 2);
	view_stat(f, "/src/obj", &src);
	assert_int_equal(src.st_ino, low.st_ino);
	/* The host objects are the upper's; the origin maps them back. */
	host_lstat(f->upper, "clone/obj", &up);
	assert_int_not_equal(up.st_ino, low.st_ino);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), 0);
	assert_int_equal(oino, low.st_ino);
	assert_int_equal(odev, low.st_dev);
	kernel_stat(f, "/clone/obj", &k);
	assert_int_equal(k.st_ino, low.st_ino);
	/* Not copied up: no origin. */
	host_lstat(f->lower, "src/dir/f", &low);
	assert_int_equal(vfs_ino_origin(f->v, low.st_dev, low.st_ino, &odev,
					&oino), -ENOENT);
	/* New objects keep their own numbers. */
	assert_int_equal(vt_view_write(f->v, R, "/new", "n"), 0);
	host_lstat(f->upper, "new", &up);
	view_stat(f, "/new", &dst);
	assert_int_equal(dst.st_ino, up.st_ino);
	kernel_stat(f, "/new", &k);
	assert_int_equal(k.st_ino, up.st_ino);
}

/* Every kind of copy-up: files, their directories, symlinks. */
static void test_copyup_kinds(void **state)
{
	struct fx *f = *state;
	struct stat before[4], after;
	static const char *const paths[] = {
		"/src/dir/f", "/src/dir", "/src", "/link",
	};

	for (int i = 0; i < 4; i++)
		view_stat(f, paths[i], &before[i]);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/src/dir/f", 0600, 0), 0);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/link", 0, 0,
				   AT_SYMLINK_NOFOLLOW), 0);
	for (int i = 0; i < 4; i++) {
		view_stat(f, paths[i], &after);
		assert_int_equal(after.st_ino, before[i].st_ino);
		assert_int_equal(after.st_dev, before[i].st_dev);
		kernel_stat(f, paths[i], &after);
		assert_int_equal(after.st_ino, before[i].st_ino);
	}
	/* Listings agree with stat, "." included. */
	assert_int_equal(dirent_ino(f, "/src/dir", "f"), before[0].st_ino);
	assert_int_equal(dirent_ino(f, "/src/dir", "."), before[1].st_ino);
	assert_int_equal(dirent_ino(f, "/src/dir", ".."), before[2].st_ino);
	assert_int_equal(dirent_ino(f, "/src", "dir"), before[1].st_ino);
	assert_int_equal(dirent_ino(f, "/", "link"), before[3].st_ino);
}

/* user.vfstrace.* are the library's: never shown, never settable. */
static void test_xattrs_hidden(void **state)
{
	struct fx *f = *state;
	char list[256], val[64], p[PATH_MAX * 2];
	ssize_t n;

	assert_int_equal(vfs_chmod(f->v, R, NULL, "/src/obj", 0644, 0), 0);
	snprintf(p, sizeof(p), "%s/src/obj", f->upper);
	n = lgetxattr(p, "user.vfstrace.origin", val, sizeof(val));
	assert_true(n > 0);
	snprintf(p, sizeof(p), "%s/src", f->upper);
	assert_true(lgetxattr(p, "user.vfstrace.origins", val,
			      sizeof(val)) > 0);
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/src/obj",
				      "user.vfstrace.origin", val, sizeof(val),
				      0), -ENODATA);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/src/obj", list,
				       sizeof(list), 0), 0);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/src/obj", NULL, 0,
				       0), 0);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/src/obj", "user.a",
				      "1", 1, 0, 0), 0);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/src/obj", list,
				       sizeof(list), 0), 7);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/src/obj", list, 6,
				       0), -ERANGE);
	assert_string_equal(list, "user.a");
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/src/obj",
				      "user.vfstrace.origin", "1:1:1", 5, 0,
				      0), -EPERM);
	assert_int_equal(vfs_removexattr(f->v, R, NULL, "/src/obj",
					 "user.vfstrace.origin", 0), -EPERM);
	/* A lower's stale one is hidden and not copied up. */
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/old",
				      "user.vfstrace.origin", val, sizeof(val),
				      0), -ENODATA);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/old", list,
				       sizeof(list), 0), 10);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/old", 0600, 0), 0);
	snprintf(p, sizeof(p), "%s/old", f->upper);
	n = lgetxattr(p, "user.vfstrace.origin", val, sizeof(val) - 1);
	assert_true(n > 0);
	val[n] = '\0';
	assert_string_not_equal(val, "1:2:3");
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/old", "user.keep", val,
				      sizeof(val), 0), 1);
}

/* A second context on the same upper keeps the numbers. */
static void test_persisted(void **state)
{
	struct fx *f = *state;
	struct stat obj, dir, f1, up, k;
	struct vfs_stats st0, st1;
	dev_t odev;
	ino_t oino;

	view_stat(f, "/src/obj", &obj);
	view_stat(f, "/src/dir", &dir);
	view_stat(f, "/src/dir/f", &f1);
	assert_int_equal(vfs_link(f->v, R, NULL, "/src/obj", NULL, "/o2", 0),
			 0);
	assert_int_equal(vt_view_write(f->v, R, "/src/dir/f", "F"), 0);
	vfs_free(f->v);
	mount_view(f);
	host_lstat(f->upper, "o2", &up);
	/* Unknown until looked up (read lazily). */
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), -ENOENT);
	/* A listing reads them too. */
	assert_int_equal(dirent_ino(f, "/", "o2"), obj.st_ino);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), 0);
	assert_int_equal(oino, obj.st_ino);
	vfs_free(f->v);
	mount_view(f);
	kernel_stat(f, "/o2", &k);
	assert_int_equal(k.st_ino, obj.st_ino);
	view_stat(f, "/src/obj", &k);
	assert_int_equal(k.st_ino, obj.st_ino);
	view_stat(f, "/src/dir", &k);
	assert_int_equal(k.st_ino, dir.st_ino);
	view_stat(f, "/src/dir/f", &k);
	assert_int_equal(k.st_ino, f1.st_ino);
	assert_string_equal(vt_view_read(f->v, R, "/src/dir/f"), "F");
	/* Read once: a cached lookup does not read the xattr again. */
	vfs_get_stats(f->v, &st0);
	view_stat(f, "/src/dir/f", &k);
	vfs_get_stats(f->v, &st1);
	assert_int_equal(st1.host_xattrs, st0.host_xattrs);
}

/* The last name of a copy-up gone, its inode number may be reused. */
static void test_unlink_forgets(void **state)
{
	struct fx *f = *state;
	struct stat up;
	dev_t odev;
	ino_t oino;

	assert_int_equal(vfs_link(f->v, R, NULL, "/src/obj", NULL, "/o2", 0),
			 0);
	host_lstat(f->upper, "o2", &up);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/src/obj", 0), 0);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/o2", NULL, "/o3", 0), 0);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), 0);
	assert_int_equal(vt_view_write(f->v, R, "/o4", "x"), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/o4", NULL, "/o3", 0), 0);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), -ENOENT);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/src/dir/f", 0600, 0), 0);
	host_lstat(f->upper, "src/dir", &up);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/src/dir/f", 0), 0);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/src/dir"), 0);
	assert_int_equal(vfs_ino_origin(f->v, up.st_dev, up.st_ino, &odev,
					&oino), -ENOENT);
}

/* Without VFS_MOUNT_ORIGINS: the same numbers, for this context only. */
static void test_not_persisted(void **state)
{
	struct fx *f = *state;
	char p[PATH_MAX * 2], val[64];
	struct stat obj, k;

	vfs_free(f->v);
	mount_flags(f, 0);
	view_stat(f, "/src/obj", &obj);
	assert_int_equal(vfs_link(f->v, R, NULL, "/src/obj", NULL, "/o2", 0),
			 0);
	kernel_stat(f, "/o2", &k);
	assert_int_equal(k.st_ino, obj.st_ino);
	assert_int_equal(dirent_ino(f, "/", "o2"), obj.st_ino);
	snprintf(p, sizeof(p), "%s/o2", f->upper);
	assert_int_equal(lgetxattr(p, "user.vfstrace.origin", val,
				   sizeof(val)), -1);
	snprintf(p, sizeof(p), "%s", f->upper);
	assert_int_equal(lgetxattr(p, "user.vfstrace.origins", val,
				   sizeof(val)), -1);
	vfs_free(f->v);
	mount_view(f);
	view_stat(f, "/o2", &k);
	assert_int_not_equal(k.st_ino, obj.st_ino);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_link_keeps_ino),
		T(test_copyup_kinds),
		T(test_xattrs_hidden),
		T(test_persisted),
		T(test_unlink_forgets),
		T(test_not_persisted),
	};

	return cmocka_run_group_tests_name("vfs_origin", tests, NULL, NULL);
}
