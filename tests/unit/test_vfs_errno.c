// SPDX-License-Identifier: MIT
/*
 * Every errno of the issue, table-driven, run once with each backend at
 * the view root (memory, overlay with the tree in its lower, bind).  Each
 * row is a call that must fail with that errno and change nothing.
 * Unprivileged cases pass credentials (uid 1000), so they hold whether
 * the tests run as root or not.
 *
 * The tree (owner: the process for host backends, root for memory):
 *   /d/ 0755     /d/f 0644    /e/ 0755 (empty)   /f 0644
 *   /l -> f      /loop -> loop                   /p/ 0700  /p/x 0644
 *   /s/ 01777    /s/v 0666    /nr/ 0711 (no read)
 * Mounts on top: /ro (bind of a host dir holding h and sub/, read-only),
 * /m (memory, writable).
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

enum op {
	STAT, LSTAT, MKDIR, RMDIR, UNLINK, RENAME, LINK, SYMLINK, OPEN,
	CHMOD, CHOWN, TRUNC, MKNOD, UTIMES, UTIMENOW, ACCESS, SETX, READLINK,
	OPENDIR, STATFS,
};

struct ecase {
	enum op op;
	const char *a, *b;	/* paths (SYMLINK: target, path) */
	long arg;		/* flags, mode, uid, length... */
	int err;
	bool user;		/* as uid 1000, groups none */
};

static char name256[300], path4096[4200];

#define U true
static const struct ecase cases[] = {
	/* ENOENT */
	{ STAT, "/nope", NULL, 0, -ENOENT, false },
	{ STAT, "", NULL, 0, -ENOENT, false },
	{ MKDIR, "/nope/x", NULL, 0755, -ENOENT, false },
	{ UNLINK, "/nope", NULL, 0, -ENOENT, false },
	{ RMDIR, "/nope", NULL, 0, -ENOENT, false },
	{ OPEN, "/nope", NULL, O_RDONLY, -ENOENT, false },
	{ OPEN, "/nope/x", NULL, O_CREAT | O_WRONLY, -ENOENT, false },
	{ RENAME, "/nope", "/x", 0, -ENOENT, false },
	{ RENAME, "/f", "/nope", RENAME_EXCHANGE, -ENOENT, false },
	{ LINK, "/nope", "/x", 0, -ENOENT, false },
	{ SYMLINK, "", "/x", 0, -ENOENT, false },
	{ SYMLINK, "f", "/x/", 0, -ENOENT, false },
	{ READLINK, "/nope", NULL, 0, -ENOENT, false },
	{ CHMOD, "/nope", NULL, 0644, -ENOENT, false },
	{ TRUNC, "/nope", NULL, 0, -ENOENT, false },
	{ MKNOD, "/x/", NULL, S_IFIFO | 0644, -ENOENT, false },
	/* EEXIST */
	{ MKDIR, "/d", NULL, 0755, -EEXIST, false },
	{ MKDIR, "/f", NULL, 0755, -EEXIST, false },
	{ MKDIR, "/", NULL, 0755, -EEXIST, false },
	{ MKDIR, "/d/.", NULL, 0755, -EEXIST, false },
	{ MKDIR, "/l", NULL, 0755, -EEXIST, false },
	{ SYMLINK, "x", "/f", 0, -EEXIST, false },
	{ LINK, "/f", "/d/f", 0, -EEXIST, false },
	{ OPEN, "/f", NULL, O_CREAT | O_EXCL | O_WRONLY, -EEXIST, false },
	{ OPEN, "/l", NULL, O_CREAT | O_EXCL | O_WRONLY, -EEXIST, false },
	{ MKNOD, "/d", NULL, S_IFIFO | 0644, -EEXIST, false },
	{ RENAME, "/f", "/d/f", RENAME_NOREPLACE, -EEXIST, false },
	{ MKDIR, "/ro/sub", NULL, 0755, -EEXIST, false },
	/* ENOTDIR */
	{ STAT, "/f/x", NULL, 0, -ENOTDIR, false },
	{ STAT, "/f/", NULL, 0, -ENOTDIR, false },
	{ STAT, "/d/f/..", NULL, 0, -ENOTDIR, false },
	{ MKDIR, "/f/x", NULL, 0755, -ENOTDIR, false },
	{ RMDIR, "/f", NULL, 0, -ENOTDIR, false },
	{ RENAME, "/e", "/f", 0, -ENOTDIR, false },
	{ RENAME, "/f", "/x/", 0, -ENOTDIR, false },
	{ OPEN, "/f", NULL, O_RDONLY | O_DIRECTORY, -ENOTDIR, false },
	{ OPEN, "/f/", NULL, O_RDONLY, -ENOTDIR, false },
	{ UNLINK, "/f/", NULL, 0, -ENOTDIR, false },
	{ OPENDIR, "/f", NULL, 0, -ENOTDIR, false },
	/* EISDIR */
	{ UNLINK, "/d", NULL, 0, -EISDIR, false },
	{ UNLINK, "/", NULL, 0, -EISDIR, false },
	{ UNLINK, "/d/", NULL, 0, -EISDIR, false },
	{ OPEN, "/d", NULL, O_WRONLY, -EISDIR, false },
	{ OPEN, "/d", NULL, O_RDONLY | O_TRUNC, -EISDIR, false },
	{ OPEN, "/d", NULL, O_CREAT | O_RDONLY, -EISDIR, false },
	{ OPEN, "/x/", NULL, O_CREAT | O_WRONLY, -EISDIR, false },
	{ RENAME, "/f", "/e", 0, -EISDIR, false },
	{ TRUNC, "/d", NULL, 0, -EISDIR, false },
	/* ENOTEMPTY */
	{ RMDIR, "/d", NULL, 0, -ENOTEMPTY, false },
	{ RMDIR, "/d/..", NULL, 0, -ENOTEMPTY, false },
	/* ("/e" over "/d" is -EXDEV in the overlay: /e is a lower dir.) */
	{ RENAME, "/d/f", "/d", 0, -ENOTEMPTY, false },
	/* EXDEV: rename and link across mounts */
	{ RENAME, "/f", "/m/f", 0, -EXDEV, false },
	{ RENAME, "/m/mf", "/mf", 0, -EXDEV, false },
	{ LINK, "/f", "/m/f", 0, -EXDEV, false },
	{ RENAME, "/f", "/ro/f", 0, -EXDEV, false },
	/* EINVAL */
	{ RENAME, "/d", "/d/sub", 0, -EINVAL, false },
	{ RENAME, "/e", "/e/x/y", 0, -ENOENT, false },
	{ RENAME, "/e", "/e/x", 0, -EINVAL, false },
	{ RENAME, "/f", "/g", RENAME_NOREPLACE | RENAME_EXCHANGE, -EINVAL,
	  false },
	{ RENAME, "/d", "/d/f", RENAME_EXCHANGE, -EINVAL, false },
	{ RMDIR, "/d/.", NULL, 0, -EINVAL, false },
	{ READLINK, "/f", NULL, 0, -EINVAL, false },
	{ ACCESS, "/f", NULL, 8, -EINVAL, false },
	{ TRUNC, "/f", NULL, -1, -EINVAL, false },
	{ OPEN, "/d", NULL, O_TMPFILE | O_RDONLY, -EINVAL, false },
	{ MKNOD, "/x", NULL, 0170000, -EINVAL, false },
	/* EBUSY */
	{ RMDIR, "/", NULL, 0, -EBUSY, false },
	{ RMDIR, "/ro", NULL, 0, -EBUSY, false },
	{ RMDIR, "/m", NULL, 0, -EBUSY, false },
	{ RENAME, "/", "/x", 0, -EBUSY, false },
	{ RENAME, "/m", "/x", 0, -EBUSY, false },
	{ RENAME, "/e", "/m", 0, -EBUSY, false },
	{ RENAME, "/d/.", "/x", 0, -EBUSY, false },
	/* ELOOP */
	{ STAT, "/loop", NULL, 0, -ELOOP, false },
	{ OPEN, "/loop", NULL, O_CREAT | O_WRONLY, -ELOOP, false },
	{ OPEN, "/l", NULL, O_RDONLY | O_NOFOLLOW, -ELOOP, false },
	{ MKDIR, "/loop/x", NULL, 0755, -ELOOP, false },
	/* EROFS: every write on the read-only mount */
	{ MKDIR, "/ro/x", NULL, 0755, -EROFS, false },
	{ RMDIR, "/ro/sub", NULL, 0, -EROFS, false },
	{ UNLINK, "/ro/h", NULL, 0, -EROFS, false },
	{ UNLINK, "/ro/nope", NULL, 0, -EROFS, false },
	{ RENAME, "/ro/h", "/ro/h2", 0, -EROFS, false },
	{ LINK, "/ro/h", "/ro/h2", 0, -EROFS, false },
	{ SYMLINK, "h", "/ro/s", 0, -EROFS, false },
	{ MKNOD, "/ro/n", NULL, S_IFIFO | 0644, -EROFS, false },
	{ OPEN, "/ro/h", NULL, O_WRONLY, -EROFS, false },
	{ OPEN, "/ro/h", NULL, O_RDONLY | O_TRUNC, -EROFS, false },
	{ OPEN, "/ro/new", NULL, O_CREAT | O_WRONLY, -EROFS, false },
	{ CHMOD, "/ro/h", NULL, 0600, -EROFS, false },
	{ CHOWN, "/ro/h", NULL, 0, -EROFS, false },
	{ TRUNC, "/ro/h", NULL, 0, -EROFS, false },
	{ UTIMES, "/ro/h", NULL, 0, -EROFS, false },
	{ SETX, "/ro/h", NULL, 0, -EROFS, false },
	{ ACCESS, "/ro/h", NULL, W_OK, -EROFS, false },
	{ OPEN, "/ro", NULL, O_TMPFILE | O_RDWR, -EROFS, false },
	/* ENAMETOOLONG */
	{ MKDIR, name256, NULL, 0755, -ENAMETOOLONG, false },
	{ STAT, path4096, NULL, 0, -ENAMETOOLONG, false },
	{ OPEN, name256, NULL, O_CREAT | O_WRONLY, -ENAMETOOLONG, false },
	/* EACCES as an unprivileged caller */
	{ OPEN, "/d/f", NULL, O_WRONLY, -EACCES, U },
	{ OPEN, "/p/x", NULL, O_RDONLY, -EACCES, U },
	{ STAT, "/p/x", NULL, 0, -EACCES, U },
	{ MKDIR, "/d/x", NULL, 0755, -EACCES, U },
	{ OPEN, "/d/new", NULL, O_CREAT | O_WRONLY, -EACCES, U },
	{ UNLINK, "/d/f", NULL, 0, -EACCES, U },
	{ RENAME, "/d/f", "/s/f", 0, -EACCES, U },
	{ ACCESS, "/f", NULL, W_OK, -EACCES, U },
	{ ACCESS, "/f", NULL, X_OK, -EACCES, U },
	{ UTIMENOW, "/f", NULL, 0, -EACCES, U },
	{ TRUNC, "/f", NULL, 0, -EACCES, U },
	{ OPENDIR, "/nr", NULL, 0, -EACCES, U },
	{ SYMLINK, "f", "/d/s", 0, -EACCES, U },
	{ ACCESS, "/f", NULL, X_OK, -EACCES, false },
	/* EPERM as an unprivileged caller */
	{ CHMOD, "/f", NULL, 0666, -EPERM, U },
	{ CHOWN, "/f", NULL, 1000, -EPERM, U },
	{ UTIMES, "/f", NULL, 0, -EPERM, U },
	{ UNLINK, "/s/v", NULL, 0, -EPERM, U },
	{ RENAME, "/s/v", "/s/w", 0, -EPERM, U },
	{ LINK, "/f", "/s/f2", 0, -EPERM, U },
	{ MKNOD, "/s/c", NULL, S_IFCHR | 0644, -EPERM, U },
	{ SETX, "/s/v", "trusted.x", 0, -EPERM, U },
	{ LINK, "/d", "/d2", 0, -EPERM, false },
	{ CHMOD, "/l", NULL, 0644, -EOPNOTSUPP, false },
};

struct fx {
	struct vfs *v;
	char *host;	/* root tree (bind, overlay lower) */
	char *upper;
	char *ro;
};

/* The tree in a host directory. */
static void host_tree(const char *h)
{
	vt_mkdir(h, "d", 0755);
	vt_write(h, "d/f", "df", 0644);
	vt_mkdir(h, "e", 0755);
	vt_write(h, "f", "f", 0644);
	vt_symlink(h, "l", "f");
	vt_symlink(h, "loop", "loop");
	vt_mkdir(h, "p", 0755);
	vt_write(h, "p/x", "x", 0644);
	vt_mkdir(h, "s", 01777);
	vt_write(h, "s/v", "v", 0666);
	vt_mkdir(h, "nr", 0711);
	{
		char p[PATH_MAX];

		snprintf(p, sizeof(p), "%s/p", h);
		assert_int_equal(chmod(p, 0700), 0);
	}
}

static void mem_tree(struct vfs *v)
{
	const struct vfs_cred *r = &vt_root;

	assert_int_equal(vfs_mkdir(v, r, NULL, "/d", 0755), 0);
	assert_int_equal(vt_view_write(v, r, "/d/f", "df"), 0);
	assert_int_equal(vfs_mkdir(v, r, NULL, "/e", 0755), 0);
	assert_int_equal(vt_view_write(v, r, "/f", "f"), 0);
	assert_int_equal(vfs_symlink(v, r, "f", NULL, "/l"), 0);
	assert_int_equal(vfs_symlink(v, r, "loop", NULL, "/loop"), 0);
	assert_int_equal(vfs_mkdir(v, r, NULL, "/p", 0700), 0);
	assert_int_equal(vt_view_write(v, r, "/p/x", "x"), 0);
	assert_int_equal(vfs_mkdir(v, r, NULL, "/s", 0755), 0);
	assert_int_equal(vfs_chmod(v, r, NULL, "/s", 01777, 0), 0);
	assert_int_equal(vt_view_write(v, r, "/s/v", "v"), 0);
	assert_int_equal(vfs_chmod(v, r, NULL, "/s/v", 0666, 0), 0);
	assert_int_equal(vfs_mkdir(v, r, NULL, "/nr", 0711), 0);
}

/* mkdtemp makes 0700 directories: searchable by uid 1000 now. */
static char *tmpdir(const char *tag)
{
	char *p = vt_mkdtemp(tag);

	assert_int_equal(chmod(p, 0755), 0);
	return p;
}

static struct fx *fx_new(char kind)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *low[1];

	f->ro = tmpdir("errno-ro");
	vt_write(f->ro, "h", "h", 0644);
	vt_mkdir(f->ro, "sub", 0755);
	assert_int_equal(vfs_new(&f->v), 0);
	if (kind == 'm') {
		assert_int_equal(vfs_mount_memory(f->v, "/", 0), 0);
		mem_tree(f->v);
	} else {
		f->host = tmpdir("errno");
		host_tree(f->host);
		if (kind == 'b') {
			assert_int_equal(vfs_mount_bind(f->v, "/", f->host, 0),
					 0);
		} else {
			f->upper = tmpdir("errno-up");
			low[0] = f->host;
			assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper,
							   low, 1, 0), 0);
		}
	}
	assert_int_equal(vfs_mount_bind(f->v, "/ro", f->ro, VFS_MOUNT_RDONLY),
			 0);
	assert_int_equal(vfs_mount_memory(f->v, "/m", 0), 0);
	assert_int_equal(vt_view_write(f->v, &vt_root, "/m/mf", "mf"), 0);
	return f;
}

static void fx_free(struct fx *f)
{
	vfs_free(f->v);
	vt_rmtree(f->host);
	vt_rmtree(f->upper);
	vt_rmtree(f->ro);
	free(f->host);
	free(f->upper);
	free(f->ro);
	free(f);
}

static int run_one(struct vfs *v, const struct ecase *e)
{
	const struct vfs_cred ru = vt_cred(1000, 1000);
	const struct vfs_cred *c = e->user ? &ru : &vt_root;
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	struct vfs_target t;
	struct vfs_dir *d;
	struct statfs sfs;
	struct stat st;
	char buf[64];
	int ret;

	switch (e->op) {
	case STAT:
		return vfs_stat(v, c, NULL, e->a, 0, &st);
	case LSTAT:
		return vfs_stat(v, c, NULL, e->a, AT_SYMLINK_NOFOLLOW, &st);
	case MKDIR:
		return vfs_mkdir(v, c, NULL, e->a, e->arg);
	case RMDIR:
		return vfs_rmdir(v, c, NULL, e->a);
	case UNLINK:
		return vfs_unlink(v, c, NULL, e->a, 0);
	case RENAME:
		return vfs_rename(v, c, NULL, e->a, NULL, e->b, e->arg);
	case LINK:
		return vfs_link(v, c, NULL, e->a, NULL, e->b, 0);
	case SYMLINK:
		return vfs_symlink(v, c, e->a, NULL, e->b);
	case OPEN:
		return vfs_open(v, c, NULL, e->a, e->arg, 0644, &t, NULL);
	case CHMOD:
		return vfs_chmod(v, c, NULL, e->a, e->arg, AT_SYMLINK_NOFOLLOW);
	case CHOWN:
		return vfs_chown(v, c, NULL, e->a, e->arg, -1, 0);
	case TRUNC:
		return vfs_truncate(v, c, NULL, e->a, e->arg);
	case MKNOD:
		return vfs_mknod(v, c, NULL, e->a, e->arg, makedev(1, 3));
	case UTIMES:
		return vfs_utimens(v, c, NULL, e->a, ts, 0);
	case UTIMENOW:
		return vfs_utimens(v, c, NULL, e->a, NULL, 0);
	case ACCESS:
		return vfs_access(v, c, NULL, e->a, e->arg, 0);
	case SETX:
		return vfs_setxattr(v, c, NULL, e->a, e->b ? e->b : "user.x",
				    "v", 1, 0, 0);
	case READLINK:
		return vfs_readlink(v, c, NULL, e->a, buf, sizeof(buf));
	case OPENDIR:
		ret = vfs_opendir(v, c, NULL, e->a, 0, &d);
		if (!ret)
			vfs_closedir(d);
		return ret;
	case STATFS:
		return vfs_statfs(v, c, NULL, e->a, &sfs);
	}
	return -ENOSYS;
}

static void run_table(char kind)
{
	struct fx *f = fx_new(kind);
	char *before = vt_view_ls(f->v, &vt_root, "/");
	int failures = 0;
	char *after;

	memset(name256 + 1, 'n', 256);
	name256[0] = '/';
	memset(path4096, 0, sizeof(path4096));
	for (int i = 0; i < 4096; i += 2)
		memcpy(path4096 + i, "/d", 2);
	print_message("%zu errno cases\n", sizeof(cases) / sizeof(cases[0]));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ecase *e = &cases[i];
		int ret = run_one(f->v, e);

		if (ret != e->err) {
			print_error("%c case %zu: op %d '%.30s' '%s': got %d, "
				    "want %d\n", kind, i, e->op, e->a,
				    e->b ? e->b : "", ret, e->err);
			failures++;
		}
	}
	after = vt_view_ls(f->v, &vt_root, "/");
	assert_string_equal(before, after);
	free(before);
	free(after);
	after = vt_view_ls(f->v, &vt_root, "/d");
	assert_string_equal(after, "f");
	free(after);
	if (f->upper) {
		/* Failed calls copy nothing up but parents. */
		char *up = vt_tree(f->upper, true);

		assert_string_equal(up, "");
		free(up);
	}
	fx_free(f);
	assert_int_equal(failures, 0);
}

static void test_memory(void **state)
{
	run_table('m');
}

static void test_overlay(void **state)
{
	run_table('o');
}

static void test_bind(void **state)
{
	run_table('b');
}

/* The same row types succeed on the writable mounts (sanity). */
static void test_successes(void **state)
{
	struct fx *f = fx_new('m');
	const struct vfs_cred u = vt_cred(1000, 1000);
	struct stat st;

	assert_int_equal(vfs_access(f->v, &u, NULL, "/f", R_OK, 0), 0);
	assert_int_equal(vfs_access(f->v, &vt_root, NULL, "/ro/h", R_OK, 0),
			 0);
	assert_int_equal(vfs_stat(f->v, &u, NULL, "/s/v", 0, &st), 0);
	/* The owner of the victim may delete in a sticky directory. */
	assert_int_equal(vfs_chown(f->v, &vt_root, NULL, "/s/v", 1000, 1000,
				   0), 0);
	assert_int_equal(vfs_unlink(f->v, &u, NULL, "/s/v", 0), 0);
	assert_int_equal(vfs_statfs(f->v, &u, NULL, "/ro", &(struct statfs){
					    0 }), 0);
	assert_int_equal(vfs_open(f->v, &vt_root, NULL, "/ro/h", O_RDONLY |
				  O_CREAT, 0644, &(struct vfs_target){ 0 },
				  NULL), 0);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_overlay),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_successes),
	};

	return cmocka_run_group_tests_name("vfs_errno", tests, NULL, NULL);
}
