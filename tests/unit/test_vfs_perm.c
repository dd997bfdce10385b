// SPDX-License-Identifier: MIT
/*
 * Credentials: every decision is made for the caller's fsuid, fsgid and
 * groups, never the process's.  Memory backend for the rules themselves
 * (no host check interferes), overlay for "a privileged library must not
 * lend its rights": refused calls copy nothing up.
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
static const gid_t grp[] = { 500, 600 };

struct fx {
	struct vfs *v;
	struct vfs_cred u, o;	/* uid 1000 (groups 500, 600), uid 2000 */
};

/*
 * /pub 0777 root, /home 0755 owned by 1000, /sgid 2777 group 500,
 * /sticky 1777, /g 0070 group 600, /rootf 0644 root.
 */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->u = vt_cred(1000, 1000);
	f->u.groups = grp;
	f->u.ngroups = 2;
	f->o = vt_cred(2000, 2000);
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_memory(f->v, "/", 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/pub", 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/pub", 0777, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/home", 0755), 0);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/home", 1000, 1000, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/sgid", 0), 0);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/sgid", 0, 500, 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/sgid", 02777, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/sticky", 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/sticky", 01777, 0), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/g", 0), 0);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/g", 0, 600, 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/g", 0070, 0), 0);
	assert_int_equal(vt_view_write(f->v, R, "/rootf", "r"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vfs_free(f->v);
	free(f);
	return 0;
}

static struct stat st_of(struct vfs *v, const char *path)
{
	struct stat st;

	assert_int_equal(vfs_stat(v, R, NULL, path, AT_SYMLINK_NOFOLLOW, &st),
			 0);
	return st;
}

/* New objects: the caller's owner, umask, set-group-ID directories. */
static void test_new_owner_and_umask(void **state)
{
	struct fx *f = *state;
	struct stat st;
	int fd;

	f->u.umask = 027;
	assert_int_equal(vfs_mkdir(f->v, &f->u, NULL, "/pub/d", 0777), 0);
	st = st_of(f->v, "/pub/d");
	assert_int_equal(st.st_uid, 1000);
	assert_int_equal(st.st_gid, 1000);
	assert_int_equal(st.st_mode & 07777, 0750);
	fd = vt_view_open(f->v, &f->u, NULL, "/pub/f", O_CREAT | O_WRONLY,
			  0666);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(st_of(f->v, "/pub/f").st_mode & 07777, 0640);
	/* In a set-group-ID directory: its group, inherited by subdirs. */
	assert_int_equal(vfs_mkdir(f->v, &f->o, NULL, "/sgid/d", 0755), 0);
	st = st_of(f->v, "/sgid/d");
	assert_int_equal(st.st_gid, 500);
	assert_true(st.st_mode & S_ISGID);
	assert_int_equal(vfs_mknod(f->v, &f->o, NULL, "/sgid/f",
				   S_IFREG | 02755, 0), 0);
	st = st_of(f->v, "/sgid/f");
	assert_int_equal(st.st_gid, 500);
	/* 2000 is not in group 500: the new file loses set-group-ID. */
	assert_false(st.st_mode & S_ISGID);
	assert_int_equal(vfs_symlink(f->v, &f->u, "x", NULL, "/pub/l"), 0);
	assert_int_equal(st_of(f->v, "/pub/l").st_uid, 1000);
}

/* Supplementary groups grant group permissions. */
static void test_groups(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(vfs_mkdir(f->v, &f->u, NULL, "/g/in", 0755), 0);
	assert_int_equal(vfs_stat(f->v, &f->u, NULL, "/g/in", 0, &st), 0);
	assert_int_equal(vfs_stat(f->v, &f->o, NULL, "/g/in", 0, &st),
			 -EACCES);
	assert_int_equal(vfs_access(f->v, &f->u, NULL, "/g", R_OK | W_OK |
				    X_OK, 0), 0);
	assert_int_equal(vfs_access(f->v, &f->o, NULL, "/g", R_OK, 0),
			 -EACCES);
	/* The owner class wins: root owns /g but its bits are 0 (root is
	 * capable anyway). */
	assert_int_equal(vfs_access(f->v, R, NULL, "/g", R_OK | W_OK, 0), 0);
}

static void test_chmod_rules(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vt_view_write(f->v, &f->u, "/home/f", "f"), 0);
	assert_int_equal(vfs_chmod(f->v, &f->o, NULL, "/home/f", 0777, 0),
			 -EPERM);
	assert_int_equal(vfs_chmod(f->v, &f->u, NULL, "/home/f", 02755, 0),
			 0);
	/* Group 1000 is the caller's fsgid: set-group-ID stays. */
	assert_int_equal(st_of(f->v, "/home/f").st_mode & 07777, 02755);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/home/f", -1, 42, 0), 0);
	assert_int_equal(vfs_chmod(f->v, &f->u, NULL, "/home/f", 02755, 0),
			 0);
	/* Not in group 42: set-group-ID is dropped silently. */
	assert_int_equal(st_of(f->v, "/home/f").st_mode & 07777, 0755);
}

static void test_chown_rules(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vt_view_write(f->v, &f->u, "/home/f", "f"), 0);
	assert_int_equal(vfs_chmod(f->v, &f->u, NULL, "/home/f", 04755, 0), 0);
	/* The owner may change the group to one of its groups. */
	assert_int_equal(vfs_chown(f->v, &f->u, NULL, "/home/f", -1, 600, 0),
			 0);
	assert_int_equal(st_of(f->v, "/home/f").st_gid, 600);
	/* ... which drops set-user-ID. */
	assert_int_equal(st_of(f->v, "/home/f").st_mode & 07777, 0755);
	assert_int_equal(vfs_chown(f->v, &f->u, NULL, "/home/f", -1, 700, 0),
			 -EPERM);
	assert_int_equal(vfs_chown(f->v, &f->u, NULL, "/home/f", 1000, -1, 0),
			 0);
	assert_int_equal(vfs_chown(f->v, &f->u, NULL, "/home/f", 2000, -1, 0),
			 -EPERM);
	/* Not the owner: even a no-op group change is refused. */
	assert_int_equal(vfs_chown(f->v, &f->o, NULL, "/home/f", -1, 600, 0),
			 -EPERM);
	assert_int_equal(vfs_chown(f->v, R, NULL, "/home/f", 2000, 2000, 0),
			 0);
	assert_int_equal(st_of(f->v, "/home/f").st_uid, 2000);
}

static void test_utimes_rules(void **state)
{
	struct fx *f = *state;
	struct timespec set[2] = { { 1, 0 }, { 2, 0 } };
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };

	assert_int_equal(vt_view_write(f->v, R, "/pub/w", "w"), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/pub/w", 0666, 0), 0);
	/* "now" needs write permission or ownership ... */
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/pub/w", NULL, 0), 0);
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/pub/w", now_omit,
				     0), 0);
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/rootf", NULL, 0),
			 -EACCES);
	/* ... explicit times need ownership. */
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/pub/w", set, 0),
			 -EPERM);
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/rootf", omit, 0), 0);
	assert_int_equal(vfs_utimens(f->v, &f->u, NULL, "/pub/w", bad, 0),
			 -EINVAL);
	assert_int_equal(vfs_utimens(f->v, R, NULL, "/pub/w", set, 0), 0);
	assert_int_equal(st_of(f->v, "/pub/w").st_mtim.tv_sec, 2);
}

static void test_sticky(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vt_view_write(f->v, &f->u, "/sticky/mine", "m"), 0);
	assert_int_equal(vt_view_write(f->v, &f->o, "/sticky/theirs", "t"),
			 0);
	assert_int_equal(vfs_unlink(f->v, &f->u, NULL, "/sticky/theirs", 0),
			 -EPERM);
	assert_int_equal(vfs_rename(f->v, &f->u, NULL, "/sticky/theirs", NULL,
				    "/sticky/x", 0), -EPERM);
	/* Replacing someone else's file is a deletion too. */
	assert_int_equal(vfs_rename(f->v, &f->u, NULL, "/sticky/mine", NULL,
				    "/sticky/theirs", 0), -EPERM);
	assert_int_equal(vfs_unlink(f->v, &f->u, NULL, "/sticky/mine", 0), 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/sticky/theirs", 0), 0);
	/* The directory's owner may delete anything in it. */
	assert_int_equal(vfs_mkdir(f->v, &f->u, NULL, "/home/st", 01777), 0);
	assert_int_equal(vfs_chmod(f->v, &f->u, NULL, "/home/st", 01777, 0),
			 0);
	assert_int_equal(vt_view_write(f->v, &f->o, "/home/st/o", "o"), 0);
	assert_int_equal(vfs_unlink(f->v, &f->u, NULL, "/home/st/o", 0), 0);
}

/* Moving a directory to another parent writes its "..": needs W on it. */
static void test_dir_move_needs_write(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/pub/rd", 0755), 0);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/pub/to", 0777), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/pub/to", 0777, 0), 0);
	assert_int_equal(vfs_rename(f->v, &f->u, NULL, "/pub/rd", NULL,
				    "/pub/to/rd", 0), -EACCES);
	/* Within the same parent it may be renamed. */
	assert_int_equal(vfs_rename(f->v, &f->u, NULL, "/pub/rd", NULL,
				    "/pub/rd2", 0), 0);
}

/* fs.protected_hardlinks: a non-owner needs read and write access. */
static void test_protected_hardlinks(void **state)
{
	struct fx *f = *state;

	assert_int_equal(vfs_link(f->v, &f->u, NULL, "/rootf", NULL,
				  "/pub/l1", 0), -EPERM);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/rootf", 0666, 0), 0);
	assert_int_equal(vfs_link(f->v, &f->u, NULL, "/rootf", NULL,
				  "/pub/l1", 0), 0);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/rootf", 04666, 0), 0);
	assert_int_equal(vfs_link(f->v, &f->u, NULL, "/rootf", NULL,
				  "/pub/l2", 0), -EPERM);
	assert_int_equal(vt_view_write(f->v, &f->u, "/home/own", "o"), 0);
	assert_int_equal(vfs_chmod(f->v, &f->u, NULL, "/home/own", 0, 0), 0);
	assert_int_equal(vfs_link(f->v, &f->u, NULL, "/home/own", NULL,
				  "/pub/l3", 0), 0);
}

/* Root: reads and writes anything, executes only with an x bit. */
static void test_root_capabilities(void **state)
{
	struct fx *f = *state;
	int fd;

	assert_int_equal(vfs_chmod(f->v, R, NULL, "/rootf", 0, 0), 0);
	fd = vt_view_open(f->v, R, NULL, "/rootf", O_RDWR, 0);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(vfs_access(f->v, R, NULL, "/rootf", X_OK, 0),
			 -EACCES);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/rootf", 0001, 0), 0);
	assert_int_equal(vfs_access(f->v, R, NULL, "/rootf", X_OK, 0), 0);
	assert_int_equal(vfs_access(f->v, &f->u, NULL, "/rootf", X_OK, 0), 0);
	assert_int_equal(vfs_open(f->v, &f->u, NULL, "/rootf",
				  O_RDONLY | O_TRUNC, 0,
				  &(struct vfs_target){ 0 }, NULL), -EACCES);
}

/*
 * Overlay run by this process (maybe root) for uid 1000: refused calls
 * must not copy up, so the process's rights are never lent.
 */
static void test_overlay_no_lent_rights(void **state)
{
	const struct vfs_cred u = vt_cred(1000, 1000);
	char *top = vt_mkdtemp("perm");
	char low[PATH_MAX], up[PATH_MAX];
	const char *lows[1] = { low };
	struct vfs_target t;
	struct vfs *v;
	char *tree;

	assert_int_equal(chmod(top, 0755), 0);
	vt_mkdir(top, "low", 0755);
	vt_mkdir(top, "up", 0755);
	vt_mkdir(top, "low/etc", 0755);
	vt_write(top, "low/etc/shadow", "secret", 0600);
	vt_write(top, "low/etc/passwd", "root", 0644);
	snprintf(low, sizeof(low), "%s/low", top);
	snprintf(up, sizeof(up), "%s/up", top);
	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_overlay(v, "/", up, lows, 1, 0), 0);
	assert_int_equal(vfs_open(v, &u, NULL, "/etc/shadow", O_RDONLY, 0, &t,
				  NULL), -EACCES);
	assert_int_equal(vfs_open(v, &u, NULL, "/etc/passwd", O_WRONLY, 0, &t,
				  NULL), -EACCES);
	assert_int_equal(vfs_open(v, &u, NULL, "/etc/passwd", O_RDONLY |
				  O_TRUNC, 0, &t, NULL), -EACCES);
	assert_int_equal(vfs_truncate(v, &u, NULL, "/etc/passwd", 0),
			 -EACCES);
	assert_int_equal(vfs_chmod(v, &u, NULL, "/etc/passwd", 0666, 0),
			 -EPERM);
	assert_int_equal(vfs_chown(v, &u, NULL, "/etc/passwd", 1000, -1, 0),
			 -EPERM);
	assert_int_equal(vfs_resolve(v, &u, NULL, "/etc/passwd", 0, VFS_WRITE,
				     &t), -EACCES);
	assert_int_equal(vfs_resolve(v, &u, NULL, "/etc/passwd", 0, VFS_OWNER,
				     &t), -EPERM);
	assert_int_equal(vfs_setxattr(v, &u, NULL, "/etc/passwd", "user.x",
				      "1", 1, 0, 0), -EACCES);
	assert_int_equal(vfs_unlink(v, &u, NULL, "/etc/passwd", 0), -EACCES);
	assert_int_equal(vfs_mkdir(v, &u, NULL, "/etc/x", 0755), -EACCES);
	assert_int_equal(vfs_open(v, &u, NULL, "/etc/new", O_CREAT | O_WRONLY,
				  0644, &t, NULL), -EACCES);
	tree = vt_tree(up, true);
	assert_string_equal(tree, "");
	free(tree);
	/* Allowed: reading passwd, from the lower. */
	assert_int_equal(vfs_open(v, &u, NULL, "/etc/passwd", O_RDONLY, 0, &t,
				  NULL), 0);
	vfs_free(v);
	vt_rmtree(top);
	free(top);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_new_owner_and_umask),
		T(test_groups),
		T(test_chmod_rules),
		T(test_chown_rules),
		T(test_utimes_rules),
		T(test_sticky),
		T(test_dir_move_needs_write),
		T(test_protected_hardlinks),
		T(test_root_capabilities),
		cmocka_unit_test(test_overlay_no_lent_rights),
	};

	return cmocka_run_group_tests_name("vfs_perm", tests, NULL, NULL);
}
