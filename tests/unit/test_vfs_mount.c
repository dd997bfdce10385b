// SPDX-License-Identifier: MIT
/*
 * Mount dispatcher and bind backend: sandbox-vfs's RootVFS dispatch cases
 * (redirect by prefix, relative paths through the cwd, ".." normalised
 * before dispatch), nested mounts, mount points in listings, EXDEV and
 * EBUSY at mount boundaries, mount-time errors, and the bind backend
 * writing to its host directory.
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
	/* A file binds (test_bind_file); overlay layers are directories. */
	assert_int_equal(vfs_mount_overlay(f->v, "/o", file, NULL, 0, 0),
			 -ENOTDIR);
	assert_int_equal(vfs_mount_overlay(f->v, "/o", f->host, lows, 0, 0),
			 0);
	for (int i = 0; i < VFS_MAXLAYERS; i++)
		lows[i] = f->host;
	assert_int_equal(vfs_mount_overlay(f->v, "/o2", f->host, lows,
					   VFS_MAXLAYERS, 0), -EINVAL);
	assert_int_equal(vfs_mount_overlay(f->v, "/o2", f->host, lows,
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

static char *ls(struct vfs *v, const char *path)
{
	static char buf[256];
	char *l = vt_view_ls(v, R, path);

	snprintf(buf, sizeof(buf), "%s", l);
	free(l);
	return buf;
}

/*
 * A bind of a regular file: the view path is that file, reads, writes,
 * xattrs and the target reach it; the bind point cannot be removed or
 * renamed (EBUSY), and nothing is below it.
 */
static void test_bind_file(void **state)
{
	struct fx *f = *state;
	char file[PATH_MAX], want[PATH_MAX * 2], buf[16], *real;
	struct vfs_target t;
	struct vfs_dir *d;
	struct stat st, hst;
	int fd;

	vt_write(f->host, "file", "content", 0640);
	vt_setxattr(f->host, "file", "user.x", "y");
	snprintf(file, sizeof(file), "%s/file", f->host);
	real = realpath(file, NULL);
	assert_int_equal(vfs_mount_bind(f->v, "/mnt/conf", file, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/mnt/conf", 0, &st), 0);
	assert_int_equal(lstat(real, &hst), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_ino, hst.st_ino);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/mnt/conf", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, real);
	assert_string_equal(t.mount, "/mnt/conf");
	assert_string_equal(t.rel, "");
	assert_true(t.attrs & VFS_T_HOST_META);
	assert_false(t.attrs & VFS_T_DIR);
	assert_string_equal(vt_view_read(f->v, R, "/mnt/conf"), "content");
	assert_int_equal(vfs_readlink(f->v, R, NULL, "/mnt/conf", buf,
				      sizeof(buf)), -EINVAL);
	assert_int_equal(vfs_getxattr(f->v, R, "/mnt", "conf", "user.x", buf,
				      sizeof(buf), 0), 1);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/mnt/conf", "user.z",
				      "1", 1, 0, 0), 0);
	assert_true(lgetxattr(real, "user.z", buf, sizeof(buf)) == 1);
	fd = vt_view_open(f->v, R, NULL, "/mnt/conf", O_WRONLY | O_TRUNC, 0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "new", 3), 3);
	close(fd);
	assert_string_equal(vt_read(f->host, "file"), "new");
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/mnt/conf", 0600, 0), 0);
	assert_int_equal(lstat(real, &hst), 0);
	assert_int_equal(hst.st_mode & 07777, 0600);
	/* Listed in its parent as what it is. */
	assert_string_equal(ls(f->v, "/mnt"), "conf");
	assert_int_equal(vfs_opendir(f->v, R, NULL, "/mnt", 0, &d), 0);
	assert_int_equal(vfs_dir_get(d, 2)->type, DT_REG);
	assert_int_equal(vfs_dir_get(d, 2)->ino, hst.st_ino);
	vfs_closedir(d);
	/* The bind point itself: EBUSY like the kernel's. */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/mnt/conf", 0), -EBUSY);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/mnt/conf"), -ENOTDIR);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/mnt/conf", NULL,
				    "/mnt/other", 0), -EBUSY);
	assert_int_equal(vt_view_write(f->v, R, "/mnt/other", "o"), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/mnt/other", NULL,
				    "/mnt/conf", 0), -EBUSY);
	assert_int_equal(vfs_link(f->v, R, NULL, "/mnt/conf", NULL,
				  "/mnt/l", 0), -EXDEV);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/mnt/conf/x", 0, &st),
			 -ENOTDIR);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/mnt/conf/x", 0755),
			 -ENOTDIR);
	assert_int_equal(vfs_opendir(f->v, R, NULL, "/mnt/conf", 0, &d),
			 -ENOTDIR);
	assert_string_equal(vt_read(f->host, "file"), "new");
	/* A file in the host root: no "//" in its host path. */
	{
		DIR *root = opendir("/");
		struct dirent *de;

		while (root && (de = readdir(root))) {
			snprintf(want, sizeof(want), "/%s", de->d_name);
			if (de->d_type != DT_REG || access(want, R_OK))
				continue;
			assert_int_equal(vfs_mount_bind(f->v, "/rootfile",
							want, 0), 0);
			assert_int_equal(vfs_resolve(f->v, R, NULL,
						     "/rootfile", 0,
						     VFS_LOOKUP, &t), 0);
			assert_string_equal(t.host, want);
			break;
		}
		if (root)
			closedir(root);
	}
	free(real);
}

/* A read-only file bind: writes EROFS, removal still EBUSY. */
static void test_bind_file_readonly(void **state)
{
	struct fx *f = *state;
	char file[PATH_MAX];
	struct vfs_target t;

	vt_write(f->host, "ro", "ro", 0644);
	snprintf(file, sizeof(file), "%s/ro", f->host);
	assert_int_equal(vfs_mount_bind(f->v, "/ro", file, VFS_MOUNT_RDONLY),
			 0);
	assert_string_equal(vt_view_read(f->v, R, "/ro"), "ro");
	assert_int_equal(vfs_open(f->v, R, NULL, "/ro", O_WRONLY, 0, &t,
				  NULL), -EROFS);
	assert_int_equal(vfs_open(f->v, R, NULL, "/ro", O_RDONLY | O_TRUNC, 0,
				  &t, NULL), -EROFS);
	assert_int_equal(vfs_truncate(f->v, R, NULL, "/ro", 0), -EROFS);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/ro", 0600, 0), -EROFS);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/ro", 1, 1, 0), -EROFS);
	assert_int_equal(vfs_utimens(f->v, R, NULL, "/ro", NULL, 0), -EROFS);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/ro", "user.a", "1", 1,
				      0, 0), -EROFS);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/ro", 0, VFS_WRITE, &t),
			 -EROFS);
	assert_int_equal(vfs_access(f->v, R, NULL, "/ro", W_OK, 0), -EROFS);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/ro", 0), -EBUSY);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/ro", NULL, "/ro2", 0),
			 -EBUSY);
	assert_string_equal(vt_read(f->host, "ro"), "ro");
}

/*
 * The kernel's rule for mount points that exist below: a directory over
 * a directory, a non-directory over a non-directory (-ENOTDIR else); a
 * symlink is covered by anything; a missing mount point shows up.
 */
static void test_mountpoint_types(void **state)
{
	struct fx *f = *state;
	char file[PATH_MAX];
	struct stat st;

	vt_write(f->host, "file", "x", 0644);
	snprintf(file, sizeof(file), "%s/file", f->host);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0755), 0);
	assert_int_equal(vt_view_write(f->v, R, "/reg", "r"), 0);
	assert_int_equal(vfs_symlink(f->v, R, "dir", NULL, "/sym"), 0);
	assert_int_equal(vfs_mount_bind(f->v, "/dir", file, 0), -ENOTDIR);
	assert_int_equal(vfs_mount_bind(f->v, "/reg", f->host, 0), -ENOTDIR);
	assert_int_equal(vfs_mount_memory(f->v, "/reg", 0), -ENOTDIR);
	assert_int_equal(vfs_mount_memory(f->v, "/", 0), -EBUSY);
	assert_string_equal(vt_view_read(f->v, R, "/reg"), "r");
	assert_int_equal(vfs_mount_bind(f->v, "/reg", file, 0), 0);
	assert_string_equal(vt_view_read(f->v, R, "/reg"), "x");
	assert_int_equal(vfs_mount_bind(f->v, "/sym", file, 0), 0);
	assert_int_equal(vfs_mount_bind(f->v, "/dir/f", file, 0), 0);
	assert_int_equal(vfs_mount_bind(f->v, "/missing/f", file, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/sym", AT_SYMLINK_NOFOLLOW,
				  &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(ls(f->v, "/dir"), "f");
	assert_int_equal(vfs_stat(f->v, R, NULL, "/missing/f", 0, &st),
			 -ENOENT);
	/* The root of the view must be a directory. */
	{
		struct vfs *v;

		assert_int_equal(vfs_new(&v), 0);
		assert_int_equal(vfs_mount_bind(v, "/", file, 0), -ENOTDIR);
		assert_int_equal(vfs_mount_bind(v, "/", f->host, 0), 0);
		vfs_free(v);
	}
}

/* Host paths of layers at "/": never "//". */
static void test_root_layer_paths(void **state)
{
	struct fx *f = *state;
	const char *lows[1] = { "/" };
	char *up = realpath(f->host, NULL);
	struct vfs_target t;
	struct vfs *v;

	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_overlay(v, "/", f->host, lows, 1, 0), 0);
	assert_int_equal(vfs_resolve(v, R, NULL, "/etc", 0, VFS_LOOKUP, &t),
			 0);
	assert_string_equal(t.host, "/etc");
	assert_int_equal(vfs_resolve(v, R, NULL, "/etc/passwd", 0, VFS_LOOKUP,
				     &t), 0);
	assert_string_equal(t.host, "/etc/passwd");
	assert_int_equal(vfs_resolve(v, R, NULL, "/", 0, VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, up);
	assert_int_equal(vfs_open(v, R, NULL, "/newfile", O_CREAT | O_WRONLY,
				  0644, &t, NULL), 0);
	assert_non_null(strstr(t.host, "/newfile"));
	assert_null(strstr(t.host, "//"));
	vfs_free(v);
	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_bind(v, "/", "/", VFS_MOUNT_RDONLY), 0);
	assert_int_equal(vfs_resolve(v, R, NULL, "/etc/passwd", 0, VFS_LOOKUP,
				     &t), 0);
	assert_string_equal(t.host, "/etc/passwd");
	assert_int_equal(vfs_resolve(v, R, NULL, "/", 0, VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, "/");
	vfs_free(v);
	free(up);
}

/* Mount points make their parent's listing the view's. */
static void test_mount_parent_emulated(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct vfs *v;

	vt_mkdir(f->host, "d", 0755);
	vt_mkdir(f->host, "e", 0755);
	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_bind(v, "/", f->host, 0), 0);
	assert_int_equal(vfs_resolve(v, R, NULL, "/d", 0, VFS_LOOKUP, &t), 0);
	assert_false(t.attrs & VFS_T_DIR_EMULATE);
	assert_int_equal(vfs_mount_memory(v, "/d/tmp", 0), 0);
	assert_int_equal(vfs_resolve(v, R, NULL, "/d", 0, VFS_LOOKUP, &t), 0);
	assert_true(t.attrs & VFS_T_DIR_EMULATE);
	assert_int_equal(vfs_open(v, R, NULL, "/d", O_RDONLY | O_DIRECTORY, 0,
				  &t, NULL), 0);
	assert_true(t.attrs & VFS_T_DIR_EMULATE);
	assert_int_equal(vfs_resolve(v, R, NULL, "/e", 0, VFS_LOOKUP, &t), 0);
	assert_false(t.attrs & VFS_T_DIR_EMULATE);
	assert_string_equal(ls(v, "/d"), "tmp");
	vfs_free(v);
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
		T(test_bind_file),
		T(test_bind_file_readonly),
		T(test_mountpoint_types),
		T(test_root_layer_paths),
		T(test_mount_parent_emulated),
	};

	return cmocka_run_group_tests_name("vfs_mount", tests, NULL, NULL);
}
