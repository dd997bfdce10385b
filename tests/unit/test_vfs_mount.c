// SPDX-License-Identifier: MIT
/*
 * Mount dispatcher and bind backend: sandbox-vfs's RootVFS dispatch cases
 * (redirect by prefix, relative paths through the cwd, ".." normalised
 * before dispatch), nested mounts, mount points in listings, EXDEV and
 * EBUSY at mount boundaries, mount-time errors, and the bind backend
 * writing to its host directory.
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
	struct vfs *v;
	char *host;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->host = vt_mkdtemp("mount");
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/", 0), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/mnt", 0), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vfs_free(f->v);
	vt_rmtree(f->host);
	free(f->host);
	free(f);
	return 0;
}

static void where(struct vfs *v, const char *cwd, const char *path,
		  const char *mount, const char *rel)
{
	struct vfs_target t;

	assert_int_equal(vfs_resolve(v, R, cwd, path, 0, VFS_LOOKUP, &t), 0);
	assert_string_equal(t.mount, mount);
	assert_string_equal(t.rel, rel);
}

/* sandbox-vfs RootVFS: test_mount_redirect */
static void test_redirect_by_prefix(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/usr", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/usr/bin", 0755), 0);
	assert_int_equal(vt_view_write(f->v, R, "/mnt/file.txt", "m"), 0);
	where(f->v, NULL, "/usr/bin", "/", "usr/bin");
	where(f->v, NULL, "/mnt/file.txt", "/mnt", "file.txt");
	where(f->v, NULL, "/mnt", "/mnt", "");
	/* A prefix of a name is not a mount: /mntx is the root's. */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mntx", 0755), 0);
	where(f->v, NULL, "/mntx", "/", "mntx");
}

/* test_relative_paths_resolve_from_root_cwd / _from_configured_cwd */
static void test_relative_through_cwd(void **state)
{
	struct fx *f = *state;
	int fd;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "tmp", 0755), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/tmp", F_OK, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/work", 0755), 0);
	fd = vt_view_open(f->v, R, "/work", "out.txt", O_CREAT | O_WRONLY,
			  0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(vfs_access(f->v, R, NULL, "/work/out.txt", F_OK, 0),
			 0);
	/* A cwd inside a mount dispatches to it. */
	assert_int_equal(vfs_mkdir(f->v, R, "/mnt", "w", 0755), 0);
	where(f->v, "/mnt/w", ".", "/mnt", "w");
}

/* test_relative_paths_are_normalized_before_mount_dispatch */
static void test_dotdot_before_dispatch(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/projects", 0755), 0);
	assert_int_equal(vt_view_write(f->v, R, "/mnt/file.txt", "x"), 0);
	where(f->v, "/mnt/projects", "../file.txt", "/mnt", "file.txt");
	/* and out of the mount again */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/top", 0755), 0);
	where(f->v, "/mnt/projects", "../../top", "/", "top");
}

static void test_nested_mounts(void **state)
{
	struct fx *f = *state;
	char *ls;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/a", 0755), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/mnt/a/b", 0), 0);
	assert_int_equal(vt_view_write(f->v, R, "/mnt/a/b/x", "x"), 0);
	where(f->v, NULL, "/mnt/a/b/x", "/mnt/a/b", "x");
	where(f->v, NULL, "/mnt/a/b/..", "/mnt", "a");
	where(f->v, "/mnt/a/b", "../../..", "/", "");
	assert_int_equal(vfs_rename(f->v, R, NULL, "/mnt/a/b/x", NULL,
				    "/mnt/a/x", 0), -EXDEV);
	assert_int_equal(vfs_link(f->v, R, NULL, "/mnt/a/b/x", NULL, "/y", 0),
			 -EXDEV);
	/* Mount points are listed in their parent, once. */
	ls = vt_view_ls(f->v, R, "/mnt/a");
	assert_string_equal(ls, "b");
	free(ls);
	ls = vt_view_ls(f->v, R, "/");
	assert_string_equal(ls, "mnt");
	free(ls);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt2", 0755), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/mnt2", 0), 0);
	ls = vt_view_ls(f->v, R, "/");
	assert_string_equal(ls, "mnt mnt2");
	free(ls);
	/* Mount points are busy. */
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/mnt/a/b"), -EBUSY);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/mnt/a/b", NULL,
				    "/mnt/a/c", 0), -EBUSY);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/mnt/a/b", 0), -EISDIR);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/a/b", 0755), -EEXIST);
}

/* A mount hides what its parent has at the mount point. */
static void test_mount_shadows(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/data", 0755), 0);
	assert_int_equal(vt_view_write(f->v, R, "/data/old", "old"), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/data", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/data/old", 0, &st),
			 -ENOENT);
}

static void test_mount_errors(void **state)
{
	struct fx *f = *state;
	char file[PATH_MAX];
	const char *lows[VFS_MAXLAYERS];

	assert_int_equal(vfs_mount_memory(f->v, "mnt", 0), -EINVAL);
	assert_int_equal(vfs_mount_memory(f->v, "/a/../b", 0), -EINVAL);
	assert_int_equal(vfs_mount_memory(f->v, "/mnt", 0), -EBUSY);
	assert_int_equal(vfs_mount_memory(f->v, "//mnt/./", 0), -EBUSY);
	assert_int_equal(vfs_mount_memory(f->v, "/", 0), -EBUSY);
	assert_int_equal(vfs_mount_bind(f->v, "/b", "/nonexistent/dir", 0),
			 -ENOENT);
	vt_write(f->host, "file", "x", 0644);
	snprintf(file, sizeof(file), "%s/file", f->host);
	assert_int_equal(vfs_mount_bind(f->v, "/b", file, 0), -ENOTDIR);
	for (int i = 0; i < VFS_MAXLAYERS; i++)
		lows[i] = f->host;
	assert_int_equal(vfs_mount_overlay(f->v, "/o", f->host, lows,
					   VFS_MAXLAYERS, 0), -EINVAL);
	assert_int_equal(vfs_mount_overlay(f->v, "/o", f->host, lows,
					   VFS_MAXLAYERS - 1, 0), 0);
}

/* sandbox-vfs: root_vfs_writes_under_bind_mount_to_real_directory */
static void test_bind_writes_host(void **state)
{
	struct fx *f = *state;
	const char msg[] = "hello from bind mount\n";
	struct vfs_target t;
	char want[PATH_MAX * 2];
	int fd;

	assert_int_equal(vfs_mount_bind(f->v, "/mnt/b", f->host, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/b/new_dir", 0755), 0);
	assert_true(vt_exists(f->host, "new_dir"));
	fd = vt_view_open(f->v, R, NULL, "/mnt/b/new_dir/hello.txt",
			  O_CREAT | O_WRONLY | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, msg, strlen(msg)), strlen(msg));
	close(fd);
	assert_string_equal(vt_read(f->host, "new_dir/hello.txt"), msg);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/b/new_dir", 0,
				     VFS_LOOKUP, &t), 0);
	{
		char *real = realpath(f->host, NULL);

		snprintf(want, sizeof(want), "%s/new_dir", real);
		free(real);
	}
	assert_string_equal(t.host, want);
	assert_true(t.attrs & VFS_T_HOST_META);
	assert_false(t.attrs & VFS_T_DIR_EMULATE);
	/* No OCI meaning in a bind: ".wh." names are plain names. */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/b/.wh.x", 0755), 0);
	assert_true(vt_exists(f->host, ".wh.x"));
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/mnt/b/new_dir"),
			 -ENOTEMPTY);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/mnt/b/new_dir", NULL,
				    "/mnt/b/renamed", 0), 0);
	assert_true(vt_exists(f->host, "renamed/hello.txt"));
	assert_int_equal(vfs_symlink(f->v, R, "renamed", NULL, "/mnt/b/s"),
			 0);
	assert_string_equal(vt_view_read(f->v, R, "/mnt/b/s/hello.txt"), msg);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/mnt/b/s", 0), 0);
	assert_int_equal(vfs_link(f->v, R, NULL, "/mnt/b/renamed/hello.txt",
				  NULL, "/mnt/b/h2", 0), 0);
	assert_string_equal(vt_read(f->host, "h2"), msg);
}

/* Host symlinks in a bind resolve inside the view, not on the host. */
static void test_bind_symlinks_in_view(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;

	vt_symlink(f->host, "etc", "/etc");
	assert_int_equal(vfs_mount_bind(f->v, "/b", f->host, 0), 0);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/b/etc", 0, VFS_LOOKUP,
				     &t), -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/etc", 0755), 0);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/b/etc", 0, VFS_LOOKUP,
				     &t), 0);
	assert_string_equal(t.view, "/etc");
	assert_string_equal(t.mount, "/");
}

/* A bind of the host root: host paths without a double slash. */
static void test_bind_host_root(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;

	assert_int_equal(vfs_mount_bind(f->v, "/mnt/host", "/", 0), 0);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/host/proc/self",
				     AT_SYMLINK_NOFOLLOW, VFS_LOOKUP, &t), 0);
	assert_string_equal(t.view, "/mnt/host/proc/self");
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/host/etc", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, "/etc");
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/host", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, "/");
}

/* A read-only bind: reads work, every write is EROFS. */
static void test_bind_readonly(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;

	vt_write(f->host, "r", "r", 0644);
	assert_int_equal(vfs_mount_bind(f->v, "/mnt/ro", f->host,
					VFS_MOUNT_RDONLY), 0);
	assert_string_equal(vt_view_read(f->v, R, "/mnt/ro/r"), "r");
	assert_int_equal(vfs_open(f->v, R, NULL, "/mnt/ro/r", O_RDWR, 0, &t,
				  NULL), -EROFS);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/ro/r", 0, VFS_WRITE,
				     &t), -EROFS);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/ro/r", 0, VFS_OWNER,
				     &t), -EROFS);
	assert_int_equal(vfs_removexattr(f->v, R, NULL, "/mnt/ro/r", "user.x",
					 0), -EROFS);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/mnt/ro/r", 0), -EROFS);
	assert_string_equal(vt_read(f->host, "r"), "r");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_redirect_by_prefix),
		T(test_relative_through_cwd),
		T(test_dotdot_before_dispatch),
		T(test_nested_mounts),
		T(test_mount_shadows),
		T(test_mount_errors),
		T(test_bind_writes_host),
		T(test_bind_symlinks_in_view),
		T(test_bind_host_root),
		T(test_bind_readonly),
	};

	return cmocka_run_group_tests_name("vfs_mount", tests, NULL, NULL);
}
