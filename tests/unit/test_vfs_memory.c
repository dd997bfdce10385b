// SPDX-License-Identifier: MIT
/*
 * Memory backend.  The first group ports the behaviour cases of
 * sandbox-vfs's MemoryFS and RootVFS tests with real errnos; the rest
 * checks the memfd design (one kernel file per memory file, shared by
 * every open), hard links, symlinks, special files, xattrs, times and
 * that vfs_free() releases every fd.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_testlib.h"
#include "vfs.h"

static const struct vfs_cred *R = &vt_root;

struct fx {
	struct vfs *v;
	int fds;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->fds = vt_fd_count();
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/", 0), 0);
	*state = f;
	return 0;
}

/* vfs_free() closes every memfd: no fd outlives the context. */
static int teardown(void **state)
{
	struct fx *f = *state;

	vfs_free(f->v);
	assert_int_equal(vt_fd_count(), f->fds);
	free(f);
	return 0;
}

static int create(struct vfs *v, const char *path, mode_t mode)
{
	int fd = vt_view_open(v, R, NULL, path, O_CREAT | O_WRONLY, mode);

	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

static ino_t ino(struct vfs *v, const char *path)
{
	struct stat st;

	assert_int_equal(vfs_stat(v, R, NULL, path, AT_SYMLINK_NOFOLLOW, &st),
			 0);
	return st.st_ino;
}

/* sandbox-vfs MemoryFS: root_exists_by_default */
static void test_root_exists(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_access(f->v, R, NULL, "/", F_OK, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/", 0, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0755);
}

/* creation_requires_existing_directory_parent */
static void test_create_needs_parent(void **state)
{
	struct fx *f = *state;

	assert_int_equal(create(f->v, "/missing/file", 0644), -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0755), 0);
	assert_int_equal(create(f->v, "/dir/file", 0644), 0);
	assert_int_equal(create(f->v, "/dir/file/x", 0644), -ENOTDIR);
}

/* unlink_removes_file_from_namespace */
static void test_unlink_removes(void **state)
{
	struct fx *f = *state;

	assert_int_equal(create(f->v, "/file", 0644), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/file", 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/file", F_OK, 0),
			 -ENOENT);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/file", 0), -ENOENT);
}

/* unlink_rejects_directories_and_rmdir_rejects_files */
static void test_unlink_rmdir_types(void **state)
{
	struct fx *f = *state;

	assert_int_equal(create(f->v, "/file", 0644), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0755), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir", 0), -EISDIR);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/file"), -ENOTDIR);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/file", AT_REMOVEDIR),
			 -ENOTDIR);
	assert_int_equal(vfs_access(f->v, R, NULL, "/dir", F_OK, 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/file", F_OK, 0), 0);
}

/* rmdir_only_removes_empty_directories */
static void test_rmdir_empty_only(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0755), 0);
	assert_int_equal(create(f->v, "/dir/file", 0644), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/dir"), -ENOTEMPTY);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir/file", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/", 0, &st), 0);
	assert_int_equal(st.st_nlink, 3);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/dir", AT_REMOVEDIR), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/dir", F_OK, 0), -ENOENT);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/", 0, &st), 0);
	assert_int_equal(st.st_nlink, 2);
}

/* rename_moves_file_entry_without_replacing_node */
static void test_rename_keeps_inode(void **state)
{
	struct fx *f = *state;
	ino_t before;

	assert_int_equal(create(f->v, "/old", 0644), 0);
	before = ino(f->v, "/old");
	assert_int_equal(vfs_rename(f->v, R, NULL, "/old", NULL, "/new", 0),
			 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/old", F_OK, 0), -ENOENT);
	assert_int_equal(ino(f->v, "/new"), before);
}

/* rename_replaces_existing_file */
static void test_rename_replaces(void **state)
{
	struct fx *f = *state;
	ino_t before;

	assert_int_equal(create(f->v, "/old", 0644), 0);
	assert_int_equal(vt_view_write(f->v, R, "/new", "replaced"), 0);
	before = ino(f->v, "/old");
	assert_int_equal(vfs_rename(f->v, R, NULL, "/old", NULL, "/new", 0),
			 0);
	assert_int_equal(ino(f->v, "/new"), before);
	assert_string_equal(vt_view_read(f->v, R, "/new"), "");
}

/* rename_rejects_type_mismatches_and_nonempty_directory_replacement */
static void test_rename_type_checks(void **state)
{
	struct fx *f = *state;

	assert_int_equal(create(f->v, "/file", 0644), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/dir", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/nonempty", 0755), 0);
	assert_int_equal(create(f->v, "/nonempty/file", 0644), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/file", NULL, "/dir", 0),
			 -EISDIR);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir", NULL, "/file", 0),
			 -ENOTDIR);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir", NULL, "/nonempty",
				    0), -ENOTEMPTY);
	/* An empty directory is replaced. */
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/empty", 0755), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/dir", NULL, "/empty", 0),
			 0);
}

/* stable_inode_is_independent_of_path_hashing */
static void test_stable_inode(void **state)
{
	struct fx *f = *state;
	struct stat st;
	ino_t i;

	assert_int_equal(create(f->v, "/file", 0640), 0);
	i = ino(f->v, "/file");
	assert_int_not_equal(i, 0);
	assert_int_equal(ino(f->v, "/file"), i);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/file", 0, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_true(S_ISREG(st.st_mode));
}

/* independent_opens_have_independent_offsets_and_shared_contents */
static void test_offsets_and_contents(void **state)
{
	struct fx *f = *state;
	char buf[4] = { 0 };
	int a, b;

	assert_int_equal(vt_view_write(f->v, R, "/file", "hello"), 0);
	a = vt_view_open(f->v, R, NULL, "/file", O_RDONLY, 0);
	b = vt_view_open(f->v, R, NULL, "/file", O_RDONLY, 0);
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(read(a, buf, 2), 2);
	assert_string_equal(buf, "he");
	assert_int_equal(read(b, buf, 2), 2);
	assert_string_equal(buf, "he");
	assert_int_equal(read(a, buf, 2), 2);
	assert_string_equal(buf, "ll");
	close(a);
	close(b);
}

/* directory_entries_expose_child_inode, getdents64 of a memory dir */
static void test_readdir_inodes(void **state)
{
	struct fx *f = *state;
	struct vfs_dir *d;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/work", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/work/subdir", 0755), 0);
	assert_int_equal(create(f->v, "/work/file.txt", 0644), 0);
	assert_int_equal(vfs_opendir(f->v, R, NULL, "/work", 0, &d), 0);
	assert_int_equal(vfs_dir_count(d), 4);
	assert_string_equal(vfs_dir_get(d, 0)->name, ".");
	assert_int_equal(vfs_dir_get(d, 0)->ino, ino(f->v, "/work"));
	assert_string_equal(vfs_dir_get(d, 1)->name, "..");
	assert_int_equal(vfs_dir_get(d, 1)->ino, ino(f->v, "/"));
	assert_string_equal(vfs_dir_get(d, 2)->name, "subdir");
	assert_int_equal(vfs_dir_get(d, 2)->type, DT_DIR);
	assert_string_equal(vfs_dir_get(d, 3)->name, "file.txt");
	assert_int_equal(vfs_dir_get(d, 3)->type, DT_REG);
	assert_int_equal(vfs_dir_get(d, 3)->ino, ino(f->v, "/work/file.txt"));
	assert_null(vfs_dir_get(d, 4));
	vfs_closedir(d);
}

/* RootVFS: fstat keeps an open unlinked memory file, nlink 0. */
static void test_unlinked_open_nlink0(void **state)
{
	struct fx *f = *state;
	struct vfs_file *h;
	struct vfs_target t;
	struct stat before, after;
	int fd;

	assert_int_equal(vfs_open(f->v, R, NULL, "/file.txt",
				  O_CREAT | O_RDWR, 0644, &t, &h), 0);
	assert_non_null(h);
	fd = open(t.host, t.flags | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(vfs_file_stat(h, &before), 0);
	assert_int_equal(before.st_nlink, 1);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/file.txt", 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/file.txt", F_OK, 0),
			 -ENOENT);
	assert_int_equal(vfs_file_stat(h, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_nlink, 0);
	/* The tracee's fd still works: same kernel file. */
	assert_int_equal(write(fd, "x", 1), 1);
	assert_int_equal(vfs_file_stat(h, &after), 0);
	assert_int_equal(after.st_size, 1);
	vfs_file_put(h);
	close(fd);
}

/* RootVFS: fstat keeps an open renamed memory file's identity. */
static void test_renamed_open_identity(void **state)
{
	struct fx *f = *state;
	struct vfs_file *h;
	struct vfs_target t;
	struct stat before, after;

	assert_int_equal(vfs_open(f->v, R, NULL, "/old.txt", O_CREAT | O_RDWR,
				  0644, &t, &h), 0);
	assert_int_equal(vfs_file_stat(h, &before), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/old.txt", NULL,
				    "/new.txt", 0), 0);
	assert_int_equal(vfs_file_stat(h, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_nlink, 1);
	vfs_file_put(h);
}

/* RootVFS: relative paths from the cwd, renameat of relative paths. */
static void test_relative_paths(void **state)
{
	struct fx *f = *state;
	int fd;

	assert_int_equal(vfs_mkdir(f->v, R, "/", "tmp", 0755), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/tmp", F_OK, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/home", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/home/leite", 0755), 0);
	fd = vt_view_open(f->v, R, "/home/leite", "hello.txt",
			  O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(vfs_access(f->v, R, NULL, "/home/leite/hello.txt",
				    F_OK, 0), 0);
	assert_int_equal(vfs_rename(f->v, R, "/home/leite", "hello.txt",
				    "/home", "../tmp/new.txt", 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/tmp/new.txt", F_OK, 0),
			 0);
}

/* The memfd design: every open is the same kernel file, mmap shared. */
static void test_memfd_shared_mmap(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	char *map;
	char buf[8] = { 0 };
	int a, b;

	assert_int_equal(vfs_open(f->v, R, NULL, "/m", O_CREAT | O_RDWR, 0644,
				  &t, NULL), 0);
	assert_int_equal(strncmp(t.host, "/proc/", 6), 0);
	assert_int_equal(t.flags & (O_CREAT | O_EXCL), 0);
	assert_false(t.attrs & VFS_T_HOST_META);
	a = open(t.host, t.flags | O_CLOEXEC);
	assert_true(a >= 0);
	assert_int_equal(ftruncate(a, 4096), 0);
	map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, a, 0);
	assert_true(map != MAP_FAILED);
	memcpy(map, "mapped", 6);
	b = vt_view_open(f->v, R, NULL, "/m", O_RDONLY, 0);
	assert_true(b >= 0);
	assert_int_equal(pread(b, buf, 6, 0), 6);
	assert_string_equal(buf, "mapped");
	/* O_APPEND and O_TRUNC act on the shared file. */
	close(b);
	b = vt_view_open(f->v, R, NULL, "/m", O_WRONLY | O_TRUNC, 0);
	assert_true(b >= 0);
	close(b);
	{
		struct stat st;

		assert_int_equal(vfs_stat(f->v, R, NULL, "/m", 0, &st), 0);
		assert_int_equal(st.st_size, 0);
	}
	munmap(map, 4096);
	close(a);
}

static void test_hardlinks(void **state)
{
	struct fx *f = *state;
	struct stat a, b;

	assert_int_equal(vt_view_write(f->v, R, "/a", "one"), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/d", 0755), 0);
	assert_int_equal(vfs_link(f->v, R, NULL, "/a", NULL, "/d/b", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a", 0, &a), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/b", 0, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(b.st_nlink, 2);
	assert_int_equal(vt_view_write(f->v, R, "/d/b", "two"), 0);
	assert_string_equal(vt_view_read(f->v, R, "/a"), "two");
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/a", 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/b", 0, &b), 0);
	assert_int_equal(b.st_nlink, 1);
	assert_string_equal(vt_view_read(f->v, R, "/d/b"), "two");
	/* rename between two names of one file: nothing happens */
	assert_int_equal(vfs_link(f->v, R, NULL, "/d/b", NULL, "/c", 0), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/c", NULL, "/d/b", 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/c", F_OK, 0), 0);
}

static void test_symlinks_and_special(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;
	char buf[16];

	assert_int_equal(vfs_symlink(f->v, R, "target", NULL, "/s"), 0);
	assert_int_equal(vfs_readlink(f->v, R, NULL, "/s", buf, sizeof(buf)),
			 6);
	assert_int_equal(vfs_readlink(f->v, R, NULL, "/s", buf, 3), 3);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/s", AT_SYMLINK_NOFOLLOW,
				  &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(st.st_size, 6);
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/fifo", S_IFIFO | 0640, 0),
			 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/fifo", 0, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0640);
	/* No host object: the caller emulates. */
	assert_int_equal(vfs_open(f->v, R, NULL, "/fifo", O_RDONLY, 0, &t,
				  NULL), 0);
	assert_string_equal(t.host, "");
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/s", AT_SYMLINK_NOFOLLOW,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.host, "");
	/* mknod S_IFREG makes an empty regular file with its memfd. */
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/reg", 0644, 0), 0);
	assert_string_equal(vt_view_read(f->v, R, "/reg"), "");
	assert_int_equal(vfs_mknod(f->v, R, NULL, "/chr", S_IFCHR | 0600,
				   makedev(1, 3)), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/chr", 0, &st), 0);
	assert_int_equal(st.st_rdev, makedev(1, 3));
}

static void test_attributes(void **state)
{
	struct fx *f = *state;
	struct timespec ts[2] = { { 100, 1 }, { 200, 2 } };
	struct stat st;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/d", 0777), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d", 0, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);	/* umask 022 */
	assert_int_equal(vfs_utimens(f->v, R, NULL, "/d", ts, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d", 0, &st), 0);
	assert_int_equal(st.st_mtim.tv_sec, 200);
	assert_int_equal(st.st_atim.tv_nsec, 1);
	assert_int_equal(vt_view_write(f->v, R, "/d/f", "x"), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d", 0, &st), 0);
	assert_true(st.st_mtim.tv_sec > 200);	/* entries change mtime */
	assert_int_equal(vfs_utimens(f->v, R, NULL, "/d/f", ts, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/f", 0, &st), 0);
	assert_int_equal(st.st_mtim.tv_sec, 200);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/d/f", 12, 34, 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/d/f", 04755, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/f", 0, &st), 0);
	assert_int_equal(st.st_uid, 12);
	assert_int_equal(st.st_gid, 34);
	assert_int_equal(st.st_mode & 07777, 04755);
	/* chown drops set-user-ID (also for root). */
	assert_int_equal(vfs_chown(f->v, R, NULL, "/d/f", -1, 35, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/f", 0, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(vfs_truncate(f->v, R, NULL, "/d/f", 10), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/d/f", 0, &st), 0);
	assert_int_equal(st.st_size, 10);
	{
		struct statfs sfs;

		assert_int_equal(vfs_statfs(f->v, R, NULL, "/d", &sfs), 0);
		assert_int_equal(sfs.f_type, TMPFS_MAGIC);
	}
}

static void test_xattrs(void **state)
{
	struct fx *f = *state;
	char buf[64];

	assert_int_equal(vt_view_write(f->v, R, "/f", "x"), 0);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/f", "user.a", "1", 1,
				      XATTR_REPLACE, 0), -ENODATA);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/f", "user.a", "1", 1,
				      XATTR_CREATE, 0), 0);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/f", "user.a", "2", 1,
				      XATTR_CREATE, 0), -EEXIST);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/f", "trusted.t", "t",
				      1, 0, 0), 0);
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/f", "user.a", NULL, 0,
				      0), 1);
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/f", "user.a", buf, 0,
				      0), 1);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/f", buf, sizeof(buf),
				       0), 17);
	assert_int_equal(vfs_listxattr(f->v, R, NULL, "/f", buf, 3, 0),
			 -ERANGE);
	{
		const struct vfs_cred u = vt_cred(1000, 1000);

		/* trusted.* is neither listed nor readable for a user. */
		assert_int_equal(vfs_listxattr(f->v, &u, NULL, "/f", buf,
					       sizeof(buf), 0), 7);
		assert_string_equal(buf, "user.a");
		assert_int_equal(vfs_getxattr(f->v, &u, NULL, "/f",
					      "trusted.t", buf, sizeof(buf),
					      0), -ENODATA);
		/* Writing user.* needs write permission. */
		assert_int_equal(vfs_setxattr(f->v, &u, NULL, "/f", "user.b",
					      "1", 1, 0, 0), -EACCES);
	}
	assert_int_equal(vfs_removexattr(f->v, R, NULL, "/f", "user.a", 0), 0);
	assert_int_equal(vfs_removexattr(f->v, R, NULL, "/f", "user.a", 0),
			 -ENODATA);
	assert_int_equal(vfs_getxattr(f->v, R, NULL, "/f", "other.x", buf,
				      sizeof(buf), 0), -EOPNOTSUPP);
	assert_int_equal(vfs_symlink(f->v, R, "f", NULL, "/l"), 0);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/l", "user.a", "1", 1,
				      0, AT_SYMLINK_NOFOLLOW), -EPERM);
	assert_int_equal(vfs_setxattr(f->v, R, NULL, "/l", "user.a", "1", 1,
				      0, 0), 0);	/* followed to /f */
}

/* O_TMPFILE: an unnamed memory file, alive through its handle. */
static void test_tmpfile(void **state)
{
	struct fx *f = *state;
	struct vfs_file *h;
	struct vfs_target t;
	struct stat st;
	int fd;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/t", 0755), 0);
	assert_int_equal(vfs_open(f->v, R, NULL, "/t", O_TMPFILE | O_RDWR,
				  0600, &t, &h), 0);
	assert_false(t.flags & O_DIRECTORY);
	fd = open(t.host, t.flags | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(vfs_file_stat(h, &st), 0);
	assert_int_equal(st.st_nlink, 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	vfs_file_put(h);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	{
		char *ls = vt_view_ls(f->v, R, "/t");

		assert_string_equal(ls, "");
		free(ls);
	}
}

/* Directory renames: nlink of both parents, EXCHANGE of dir and file. */
static void test_dir_rename_nlink(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/a", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/b", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/a/sub", 0755), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/a/sub", NULL, "/b/sub",
				    0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a", 0, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/b", 0, &st), 0);
	assert_int_equal(st.st_nlink, 3);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/b/sub", 0, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(vt_view_write(f->v, R, "/a/file", "f"), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/a/file", NULL, "/b/sub",
				    RENAME_EXCHANGE), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a/file", 0, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(vfs_stat(f->v, R, NULL, "/a", 0, &st), 0);
	assert_int_equal(st.st_nlink, 3);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/b", 0, &st), 0);
	assert_int_equal(st.st_nlink, 2);
	assert_string_equal(vt_view_read(f->v, R, "/b/sub"), "f");
}

/* One fd per memory file: freed when the last name and handle go. */
static void test_fd_accounting(void **state)
{
	struct fx *f = *state;
	int base = vt_fd_count();

	assert_int_equal(vt_view_write(f->v, R, "/a", "a"), 0);
	assert_int_equal(vt_view_write(f->v, R, "/b", "b"), 0);
	assert_int_equal(vt_fd_count(), base + 2);
	assert_int_equal(vfs_link(f->v, R, NULL, "/a", NULL, "/a2", 0), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/a", 0), 0);
	assert_int_equal(vt_fd_count(), base + 2);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/a2", 0), 0);
	assert_int_equal(vt_fd_count(), base + 1);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/b", NULL, "/c", 0), 0);
	assert_int_equal(vt_fd_count(), base + 1);
	assert_int_equal(vt_view_write(f->v, R, "/d", "d"), 0);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/d", NULL, "/c", 0), 0);
	assert_int_equal(vt_fd_count(), base + 1);
}

/* A read-only memory mount. */
static void test_readonly(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;

	assert_int_equal(vfs_mount_memory(f->v, "/ro", VFS_MOUNT_RDONLY), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/ro/x", 0755), -EROFS);
	assert_int_equal(vfs_open(f->v, R, NULL, "/ro/x", O_CREAT | O_WRONLY,
				  0644, &t, NULL), -EROFS);
	assert_int_equal(vfs_open(f->v, R, NULL, "/ro", O_RDONLY, 0, &t,
				  NULL), 0);
	assert_true(t.attrs & VFS_T_DIR_EMULATE);
}

/* No global state: contexts used by two threads at once. */
static void *worker(void *arg)
{
	struct vfs *v = arg;
	char p[32];
	long bad = 0;

	for (int i = 0; i < 300; i++) {
		snprintf(p, sizeof(p), "/d%d", i % 7);
		if (vfs_mkdir(v, R, NULL, p, 0755) && vfs_rmdir(v, R, NULL, p))
			bad++;
		snprintf(p, sizeof(p), "/f%d", i % 5);
		if (vt_view_write(v, R, p, "x"))
			bad++;
		if (vfs_rename(v, R, NULL, p, NULL, "/g", 0))
			bad++;
	}
	return (void *)bad;
}

static void test_parallel_contexts(void **state)
{
	struct vfs *v[2];
	pthread_t th[2];

	for (int i = 0; i < 2; i++) {
		assert_int_equal(vfs_new(&v[i]), 0);
		assert_int_equal(vfs_mount_memory(v[i], "/", 0), 0);
	}
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, worker, v[i]),
				 0);
	for (int i = 0; i < 2; i++) {
		void *bad;

		assert_int_equal(pthread_join(th[i], &bad), 0);
		assert_null(bad);
		vfs_free(v[i]);
	}
}

/* An fd export: KEEP once per file, its path to the tracee; DROP at free. */
struct fake_keeper {
	int kept, dropped, last_dropped;
	int fds[4];
};

static int fake_keep(void *arg, int fd, char *path, size_t size)
{
	struct fake_keeper *k = arg;
	int h = k->kept++;

	assert_true(h < 4);
	k->fds[h] = dup(fd);	/* a copy, as the keeper holds */
	snprintf(path, size, "/proc/self/fd/%d", k->fds[h]);
	return h;
}

static void fake_drop(void *arg, int h)
{
	struct fake_keeper *k = arg;

	k->dropped++;
	k->last_dropped = h;
	close(k->fds[h]);
}

static void test_fd_export(void **state)
{
	struct fx *f = *state;
	struct fake_keeper k = { 0 };
	struct vfs_fd_export e = { fake_keep, fake_drop, &k };
	struct vfs_target t;
	struct vfs_file *h;
	char want[64], buf[8] = { 0 };
	int fd;

	vfs_set_fd_export(f->v, &e);
	assert_int_equal(vt_view_write(f->v, R, "/a", "abc"), 0);
	assert_int_equal(vt_view_write(f->v, R, "/b", "b"), 0);
	assert_int_equal(k.kept, 2);
	assert_int_equal(vfs_open(f->v, R, NULL, "/a", O_RDONLY, 0, &t, &h),
			 0);
	assert_int_equal(k.kept, 2);	/* once per file */
	snprintf(want, sizeof(want), "/proc/self/fd/%d", k.fds[0]);
	assert_string_equal(t.host, want);
	fd = open(t.host, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof(buf) - 1), 3);
	assert_string_equal(buf, "abc");
	close(fd);
	vfs_file_put(h);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/b", 0), 0);
	assert_int_equal(k.dropped, 1);
	assert_int_equal(k.last_dropped, 1);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/a", 0), 0);
	assert_int_equal(k.dropped, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_root_exists),
		T(test_create_needs_parent),
		T(test_unlink_removes),
		T(test_unlink_rmdir_types),
		T(test_rmdir_empty_only),
		T(test_rename_keeps_inode),
		T(test_rename_replaces),
		T(test_rename_type_checks),
		T(test_stable_inode),
		T(test_offsets_and_contents),
		T(test_readdir_inodes),
		T(test_unlinked_open_nlink0),
		T(test_renamed_open_identity),
		T(test_relative_paths),
		T(test_memfd_shared_mmap),
		T(test_hardlinks),
		T(test_symlinks_and_special),
		T(test_attributes),
		T(test_xattrs),
		T(test_tmpfile),
		T(test_dir_rename_nlink),
		T(test_fd_accounting),
		T(test_readonly),
		T(test_fd_export),
		T(test_parallel_contexts),
	};

	return cmocka_run_group_tests_name("vfs_memory", tests, NULL, NULL);
}
