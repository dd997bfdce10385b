// SPDX-License-Identifier: MIT
/*
 * Path resolution, table-driven: each row is (cwd, path, AT flags) and
 * either the canonical view path and mount it resolves to, or the errno.
 *
 * The view:
 *   /            memory
 *     a/b/c        file
 *     a/f          file
 *     a/b/l_parent -> ..          a/b/l_root -> /
 *     l_rel -> a/b   l_abs -> /a/b   l_dangling -> nonexistent
 *     l_chain1 -> l_chain2 -> l_abs
 *     l_loop1 <-> l_loop2   l_self -> l_self
 *     l_file -> a/f  l_dotdot -> ..  l_mnt -> mnt/x  l_bind -> /bind
 *     c0 -> c1 -> ... -> c40 -> a   (c0: 41 links, c1: 40)
 *     secret/       mode 0700, owner root; secret/x
 *     l_secret -> secret/x
 *   /mnt         memory (no /mnt directory in the root memory)
 *     x/y          file       x/l_back -> ../../a
 *   /mnt/inner   memory, nested
 *     l_up2 -> ../x
 *   /bind        bind of a host directory
 *     h            file       h_abs -> /a (host symlink, view-relative)
 *     h_up -> ../a            d/
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
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_testlib.h"
#include "vfs.h"

#define NF	AT_SYMLINK_NOFOLLOW
#define EP	AT_EMPTY_PATH

struct rcase {
	const char *cwd;
	const char *path;
	int at;
	int err;		/* expected -errno, or 0 */
	const char *view;	/* expected canonical view path */
	const char *mount;	/* expected mount point ("/" if NULL) */
	bool user;		/* as uid 1000 instead of root */
};

static char long_name[300], long_path[5000], dots_path[5000];
static char name255[300], name255_path[310];

static const struct rcase cases[] = {
	/* absolute */
	{ NULL, "/", 0, 0, "/", NULL, false },
	{ NULL, "/a", 0, 0, "/a", NULL, false },
	{ NULL, "/a/b/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "//a///b//c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/missing", 0, -ENOENT, NULL, NULL, false },
	{ NULL, "/a/missing/c", 0, -ENOENT, NULL, NULL, false },
	{ NULL, "", 0, -ENOENT, NULL, NULL, false },
	{ "/a", "", EP, 0, "/a", NULL, false },
	{ NULL, "", EP, 0, "/", NULL, false },
	/* relative */
	{ "/a", "b", 0, 0, "/a/b", NULL, false },
	{ "/a", "b/c", 0, 0, "/a/b/c", NULL, false },
	{ "/a/b", "c", 0, 0, "/a/b/c", NULL, false },
	{ "/", "a/f", 0, 0, "/a/f", NULL, false },
	{ "/a/b", "../f", 0, 0, "/a/f", NULL, false },
	{ "/l_rel", "c", 0, 0, "/a/b/c", NULL, false },
	{ "/a", "missing", 0, -ENOENT, NULL, NULL, false },
	{ "/mnt/x", "y", 0, 0, "/mnt/x/y", "/mnt", false },
	/* . and .. */
	{ "/a/b", ".", 0, 0, "/a/b", NULL, false },
	{ "/a/b", "..", 0, 0, "/a", NULL, false },
	{ "/a/b", "../..", 0, 0, "/", NULL, false },
	{ "/a/b", "../../../../..", 0, 0, "/", NULL, false },
	{ NULL, "/..", 0, 0, "/", NULL, false },
	{ NULL, "/../../a", 0, 0, "/a", NULL, false },
	{ NULL, "/./a/./b/.", 0, 0, "/a/b", NULL, false },
	{ NULL, "/a/b/../b/./c", 0, 0, "/a/b/c", NULL, false },
	{ "/", "..", 0, 0, "/", NULL, false },
	{ "/", ".", 0, 0, "/", NULL, false },
	{ NULL, "/a/missing/..", 0, -ENOENT, NULL, NULL, false },
	{ NULL, "/a/b/c/.", 0, -ENOTDIR, NULL, NULL, false },
	{ NULL, "/a/b/c/..", 0, -ENOTDIR, NULL, NULL, false },
	/* .. across mount points */
	{ NULL, "/mnt/..", 0, 0, "/", NULL, false },
	{ NULL, "/mnt/x/../..", 0, 0, "/", NULL, false },
	{ "/mnt/x", "../../a", 0, 0, "/a", NULL, false },
	{ NULL, "/mnt/inner/..", 0, 0, "/mnt", "/mnt", false },
	{ NULL, "/mnt/inner/../x/y", 0, 0, "/mnt/x/y", "/mnt", false },
	{ "/mnt/inner", "..", 0, 0, "/mnt", "/mnt", false },
	{ NULL, "/bind/..", 0, 0, "/", NULL, false },
	{ NULL, "/bind/d/../h", 0, 0, "/bind/h", "/bind", false },
	/* trailing slashes */
	{ NULL, "/a/", 0, 0, "/a", NULL, false },
	{ NULL, "/a//", 0, 0, "/a", NULL, false },
	{ NULL, "/a/f/", 0, -ENOTDIR, NULL, NULL, false },
	{ NULL, "/l_rel/", 0, 0, "/a/b", NULL, false },
	{ NULL, "/l_rel/", NF, 0, "/a/b", NULL, false },
	{ NULL, "/l_file/", 0, -ENOTDIR, NULL, NULL, false },
	{ NULL, "/l_dangling/", NF, -ENOENT, NULL, NULL, false },
	{ NULL, "/missing/", 0, -ENOENT, NULL, NULL, false },
	{ NULL, "/mnt/", 0, 0, "/mnt", "/mnt", false },
	/* symlinks: relative, absolute, chains */
	{ NULL, "/l_rel", 0, 0, "/a/b", NULL, false },
	{ NULL, "/l_rel/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/l_abs", 0, 0, "/a/b", NULL, false },
	{ NULL, "/l_abs/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/l_chain1", 0, 0, "/a/b", NULL, false },
	{ NULL, "/l_chain1/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/a/b/l_parent", 0, 0, "/a", NULL, false },
	{ NULL, "/a/b/l_parent/f", 0, 0, "/a/f", NULL, false },
	{ NULL, "/a/b/l_root", 0, 0, "/", NULL, false },
	{ NULL, "/a/b/l_root/a/b", 0, 0, "/a/b", NULL, false },
	{ NULL, "/l_dotdot", 0, 0, "/", NULL, false },
	{ NULL, "/l_dotdot/a", 0, 0, "/a", NULL, false },
	{ NULL, "/l_rel/../f", 0, 0, "/a/f", NULL, false },
	{ NULL, "/c1", 0, 0, "/a", NULL, false },
	/* final component: follow vs nofollow */
	{ NULL, "/l_abs", NF, 0, "/l_abs", NULL, false },
	{ NULL, "/l_chain1", NF, 0, "/l_chain1", NULL, false },
	{ NULL, "/a/b/l_parent", NF, 0, "/a/b/l_parent", NULL, false },
	{ NULL, "/l_abs/c", NF, 0, "/a/b/c", NULL, false },
	{ NULL, "/l_dangling", NF, 0, "/l_dangling", NULL, false },
	{ NULL, "/l_loop1", NF, 0, "/l_loop1", NULL, false },
	/* dangling */
	{ NULL, "/l_dangling", 0, -ENOENT, NULL, NULL, false },
	{ NULL, "/l_dangling/x", 0, -ENOENT, NULL, NULL, false },
	/* loops */
	{ NULL, "/l_loop1", 0, -ELOOP, NULL, NULL, false },
	{ NULL, "/l_loop1/x", NF, -ELOOP, NULL, NULL, false },
	{ NULL, "/l_self", 0, -ELOOP, NULL, NULL, false },
	{ NULL, "/l_self/", NF, -ELOOP, NULL, NULL, false },
	{ NULL, "/c0", 0, -ELOOP, NULL, NULL, false },
	{ NULL, "/c0", NF, 0, "/c0", NULL, false },
	/* across mounts */
	{ NULL, "/l_mnt", 0, 0, "/mnt/x", "/mnt", false },
	{ NULL, "/l_mnt/y", 0, 0, "/mnt/x/y", "/mnt", false },
	{ NULL, "/mnt/x/l_back", 0, 0, "/a", NULL, false },
	{ NULL, "/mnt/x/l_back/b/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/mnt/inner/l_up2/y", 0, 0, "/mnt/x/y", "/mnt", false },
	{ NULL, "/l_bind/h", 0, 0, "/bind/h", "/bind", false },
	{ NULL, "/bind/h_abs", 0, 0, "/a", NULL, false },
	{ NULL, "/bind/h_abs/b", 0, 0, "/a/b", NULL, false },
	{ NULL, "/bind/h_up/b/c", 0, 0, "/a/b/c", NULL, false },
	{ NULL, "/mnt/inner", 0, 0, "/mnt/inner", "/mnt/inner", false },
	/* ENOTDIR */
	{ NULL, "/a/f/x", 0, -ENOTDIR, NULL, NULL, false },
	{ NULL, "/l_file/x", 0, -ENOTDIR, NULL, NULL, false },
	{ NULL, "/a/b/c/d/e", 0, -ENOTDIR, NULL, NULL, false },
	{ "/a/f", "x", 0, -ENOTDIR, NULL, NULL, false },
	{ "/a/f", "", EP, 0, "/a/f", NULL, false },
	{ NULL, "/bind/h/x", 0, -ENOTDIR, NULL, NULL, false },
	/* ENAMETOOLONG */
	{ NULL, long_name, 0, -ENAMETOOLONG, NULL, NULL, false },
	{ NULL, long_path, 0, -ENAMETOOLONG, NULL, NULL, false },
	{ NULL, dots_path, 0, 0, "/a", NULL, false },
	{ NULL, name255_path, 0, -ENOENT, NULL, NULL, false },
	{ NULL, "/bind/d/../d/../../a", 0, 0, "/a", NULL, false },
	/* permissions (uid 1000): search needed on every directory */
	{ NULL, "/secret", 0, 0, "/secret", NULL, true },
	{ NULL, "/secret/x", 0, -EACCES, NULL, NULL, true },
	{ NULL, "/secret/..", 0, -EACCES, NULL, NULL, true },
	{ NULL, "/l_secret", 0, -EACCES, NULL, NULL, true },
	{ NULL, "/l_secret", NF, 0, "/l_secret", NULL, true },
	{ "/secret", "x", 0, -EACCES, NULL, NULL, true },
	{ NULL, "/secret/x", 0, 0, "/secret/x", NULL, false },
};

struct fixture {
	struct vfs *v;
	char *host;
};

static void mk(struct vfs *v, const char *path, int kind, const char *arg)
{
	int ret;

	if (kind == 'd')
		ret = vfs_mkdir(v, &vt_root, NULL, path, 0755);
	else if (kind == 'l')
		ret = vfs_symlink(v, &vt_root, arg, NULL, path);
	else
		ret = vt_view_write(v, &vt_root, path, arg);
	if (ret)
		fail_msg("setup %s: %s", path, strerror(-ret));
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	char name[16];

	fx->host = vt_mkdtemp("resolve");
	vt_write(fx->host, "h", "host", 0644);
	vt_symlink(fx->host, "h_abs", "/a");
	vt_symlink(fx->host, "h_up", "../a");
	vt_mkdir(fx->host, "d", 0755);
	assert_int_equal(vfs_new(&fx->v), 0);
	assert_int_equal(vfs_mount_memory(fx->v, "/", 0), 0);
	assert_int_equal(vfs_mount_memory(fx->v, "/mnt", 0), 0);
	assert_int_equal(vfs_mount_memory(fx->v, "/mnt/inner", 0), 0);
	assert_int_equal(vfs_mount_bind(fx->v, "/bind", fx->host, 0), 0);
	mk(fx->v, "/a", 'd', NULL);
	mk(fx->v, "/a/b", 'd', NULL);
	mk(fx->v, "/a/b/c", 'f', "abc");
	mk(fx->v, "/a/f", 'f', "f");
	mk(fx->v, "/a/b/l_parent", 'l', "..");
	mk(fx->v, "/a/b/l_root", 'l', "/");
	mk(fx->v, "/l_rel", 'l', "a/b");
	mk(fx->v, "/l_abs", 'l', "/a/b");
	mk(fx->v, "/l_dangling", 'l', "nonexistent");
	mk(fx->v, "/l_chain1", 'l', "l_chain2");
	mk(fx->v, "/l_chain2", 'l', "l_abs");
	mk(fx->v, "/l_loop1", 'l', "l_loop2");
	mk(fx->v, "/l_loop2", 'l', "l_loop1");
	mk(fx->v, "/l_self", 'l', "l_self");
	mk(fx->v, "/l_file", 'l', "a/f");
	mk(fx->v, "/l_dotdot", 'l', "..");
	mk(fx->v, "/l_mnt", 'l', "mnt/x");
	mk(fx->v, "/l_bind", 'l', "/bind");
	mk(fx->v, "/secret", 'd', NULL);
	mk(fx->v, "/secret/x", 'f', "x");
	mk(fx->v, "/l_secret", 'l', "secret/x");
	assert_int_equal(vfs_chmod(fx->v, &vt_root, NULL, "/secret", 0700, 0),
			 0);
	for (int i = 0; i <= 40; i++) {
		char target[16];

		snprintf(name, sizeof(name), "/c%d", i);
		snprintf(target, sizeof(target), i < 40 ? "c%d" : "a", i + 1);
		mk(fx->v, name, 'l', target);
	}
	mk(fx->v, "/mnt/x", 'd', NULL);
	mk(fx->v, "/mnt/x/y", 'f', "y");
	mk(fx->v, "/mnt/x/l_back", 'l', "../../a");
	mk(fx->v, "/mnt/inner/l_up2", 'l', "../x");

	memset(long_name + 1, 'n', 256);
	long_name[0] = '/';
	long_name[257] = '\0';
	memset(name255, 'n', 255);
	snprintf(name255_path, sizeof(name255_path), "/%s", name255);
	memset(long_path, 0, sizeof(long_path));
	for (int i = 0; i < 4096; i += 2)
		memcpy(long_path + i, "/a", 2);
	/* 4093 bytes: "./" x 2046 + "a", within PATH_MAX. */
	memset(dots_path, 0, sizeof(dots_path));
	for (int i = 0; i < 4092; i += 2)
		memcpy(dots_path + i, "./", 2);
	dots_path[4092] = 'a';
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	vfs_free(fx->v);
	vt_rmtree(fx->host);
	free(fx->host);
	free(fx);
	return 0;
}

static void test_table(void **state)
{
	struct fixture *fx = *state;
	struct vfs_cred user = vt_cred(1000, 1000);
	struct vfs_target t;
	int failures = 0;

	assert_true(sizeof(cases) / sizeof(cases[0]) >= 60);
	print_message("%zu resolution cases\n",
		      sizeof(cases) / sizeof(cases[0]));
	/* "./" x 2046 must stay below PATH_MAX, "/a" x 2048 reach it. */
	assert_int_equal(strlen(dots_path), 4093);
	assert_int_equal(strlen(long_path), 4096);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rcase *rc = &cases[i];
		const char *mnt = rc->mount ? rc->mount : "/";
		int ret = vfs_resolve(fx->v, rc->user ? &user : &vt_root,
				      rc->cwd, rc->path, rc->at, VFS_LOOKUP,
				      &t);
		bool ok = ret == rc->err;

		if (ok && !ret)
			ok = !strcmp(t.view, rc->view) &&
			     !strcmp(t.mount, mnt);
		if (!ok) {
			print_error("case %zu: cwd %s path '%.40s' at %#x: "
				    "got %d '%s' on '%s', want %d '%s' "
				    "on '%s'\n", i, rc->cwd ? rc->cwd : "-",
				    rc->path, rc->at, ret, ret ? "" : t.view,
				    ret ? "" : t.mount, rc->err,
				    rc->view ? rc->view : "", mnt);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

/* REL is VIEW inside the mount; HOST is the bound host file. */
static void test_target_fields(void **state)
{
	struct fixture *fx = *state;
	struct vfs_target t;
	char want[PATH_MAX + 8];
	char *real = realpath(fx->host, NULL);

	assert_int_equal(vfs_resolve(fx->v, &vt_root, NULL, "/bind/d/../h",
				     0, VFS_LOOKUP, &t), 0);
	assert_string_equal(t.rel, "h");
	snprintf(want, sizeof(want), "%s/h", real);
	assert_string_equal(t.host, want);
	assert_true(t.attrs & VFS_T_HOST_META);
	assert_int_equal(vfs_resolve(fx->v, &vt_root, NULL, "/mnt/x/y", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.rel, "x/y");
	assert_int_equal(vfs_resolve(fx->v, &vt_root, NULL, "/mnt", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.rel, "");
	assert_true(t.attrs & VFS_T_DIR_EMULATE);
	free(real);
}

/* A symlink body of PATH_MAX - 1 bytes resolves; the walk has room. */
static void test_long_symlink_body(void **state)
{
	struct fixture *fx = *state;
	char body[PATH_MAX + 1];
	struct vfs_target t;

	for (int i = 0; i < PATH_MAX - 2; i += 2)
		memcpy(body + i, "./", 2);
	body[PATH_MAX - 2] = 'a';
	body[PATH_MAX - 1] = '\0';
	assert_int_equal(vfs_symlink(fx->v, &vt_root, body, NULL, "/l_long"),
			 0);
	assert_int_equal(vfs_resolve(fx->v, &vt_root, NULL, "/l_long/b", 0,
				     VFS_LOOKUP, &t), 0);
	assert_string_equal(t.view, "/a/b");
	body[PATH_MAX - 1] = 'a';
	body[PATH_MAX] = '\0';
	assert_int_equal(vfs_symlink(fx->v, &vt_root, body, NULL, "/l_2long"),
			 -ENAMETOOLONG);
	assert_int_equal(vfs_unlink(fx->v, &vt_root, NULL, "/l_long", 0), 0);
}

/* No mount at "/": nothing resolves. */
static void test_no_root_mount(void **state)
{
	struct vfs *v;
	struct vfs_target t;

	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_memory(v, "/m", 0), 0);
	assert_int_equal(vfs_resolve(v, &vt_root, NULL, "/m", 0, VFS_LOOKUP,
				     &t), -ENOENT);
	vfs_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_target_fields),
		cmocka_unit_test(test_long_symlink_body),
		cmocka_unit_test(test_no_root_mount),
	};

	return cmocka_run_group_tests_name("vfs_resolve", tests, setup,
					   teardown);
}
