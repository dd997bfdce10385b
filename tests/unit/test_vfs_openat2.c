// SPDX-License-Identifier: MIT
/*
 * openat2(2) in the view: the checks of struct open_how
 * (vfs_open_how_check) and the RESOLVE_* walk (vfs_open_resolve), both
 * table-driven, and a write through a resolved open of an overlay.
 *
 * The view:
 *   /            memory
 *     top        file
 *     proc/      the foreign directory (vfs_set_foreign)
 *     d/f        file            d/sub/g  file
 *     d/l_in -> f   d/l_sub -> sub/g   d/l_up -> ../top   d/l_abs -> /d/f
 *     d/l_dot -> sub/..   d/l_mnt -> /mnt/x   d/l_proc -> /proc/self/fd/0
 *     d/sub/l_upin -> ../f
 *   /d/m         memory, nested: y file, l_abs -> /d/f, l_up -> ../f
 *   /mnt         memory: x file
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

#define NX	VFS_RESOLVE_NO_XDEV
#define NM	VFS_RESOLVE_NO_MAGICLINKS
#define NS	VFS_RESOLVE_NO_SYMLINKS
#define BN	VFS_RESOLVE_BENEATH
#define IR	VFS_RESOLVE_IN_ROOT
#define CA	VFS_RESOLVE_CACHED

struct hcase {
	uint64_t flags, mode, resolve;
	int err;
};

static const struct hcase hcases[] = {
	{ O_RDONLY, 0, 0, 0 },
	{ O_RDWR | O_CLOEXEC | O_APPEND, 0, NX | NM | NS | BN | CA, 0 },
	{ O_CREAT | O_WRONLY, 0644, IR, 0 },
	{ O_CREAT | O_WRONLY, 07777, 0, 0 },
	{ O_CREAT | O_WRONLY, 010000, 0, -EINVAL },	/* beyond 07777 */
	{ O_RDONLY, 0644, 0, -EINVAL },		/* mode without O_CREAT */
	{ O_TMPFILE | O_RDWR, 0600, 0, 0 },
	{ O_TMPFILE | O_RDONLY, 0600, 0, -EINVAL },
	{ O_RDONLY, 0, 0x40, -EINVAL },		/* unknown resolve bit */
	{ O_RDONLY, 0, 1ull << 40, -EINVAL },
	{ 1ull << 32, 0, 0, -EINVAL },		/* unknown flag bit */
	{ 040000000000ull, 0, 0, -EINVAL },
	{ O_RDONLY, 0, BN | IR, -EINVAL },
	{ O_CREAT | O_DIRECTORY, 0, 0, -EINVAL },
	{ O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC, 0, 0, 0 },
	{ O_PATH | O_RDWR, 0, 0, -EINVAL },
	{ O_PATH | O_APPEND, 0, 0, -EINVAL },
	{ O_RDONLY, 0, CA, 0 },
	{ O_CREAT | O_WRONLY, 0644, CA, -EAGAIN },
	{ O_TRUNC | O_WRONLY, 0, CA, -EAGAIN },
	{ O_TMPFILE | O_WRONLY, 0600, CA, -EAGAIN },
	{ O_RDONLY, 0, BN | IR | CA, -EINVAL },	/* EINVAL first */
	{ O_RDONLY, 1, CA, -EINVAL },
};

static void test_how_check(void **state)
{
	int failures = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(hcases) / sizeof(*hcases); i++) {
		const struct hcase *h = &hcases[i];
		int ret = vfs_open_how_check(h->flags, h->mode, h->resolve);

		if (ret != h->err) {
			print_error("how %zu: flags %#llx mode %#llo resolve "
				    "%#llx: got %d, want %d\n", i,
				    (unsigned long long)h->flags,
				    (unsigned long long)h->mode,
				    (unsigned long long)h->resolve, ret,
				    h->err);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

struct ocase {
	const char *cwd;
	const char *path;
	int flags;
	unsigned int resolve;
	int err;		/* expected -errno, or 0 */
	const char *view;	/* expected canonical view path */
};

static const struct ocase ocases[] = {
	/* no flag: the plain walk */
	{ "/d", "l_up", 0, 0, 0, "/top" },
	{ "/d", "l_abs", 0, 0, 0, "/d/f" },
	/* NO_SYMLINKS */
	{ "/d", "f", 0, NS, 0, "/d/f" },
	{ "/d", "sub/g", 0, NS, 0, "/d/sub/g" },
	{ "/d", "l_in", 0, NS, -ELOOP, NULL },
	{ "/d", "l_sub/..", 0, NS, -ELOOP, NULL },
	{ "/d", "l_in", O_PATH | O_NOFOLLOW, NS, 0, "/d/l_in" },
	{ "/d", "l_in", O_NOFOLLOW, NS, -ELOOP, NULL },
	{ "/d", "l_proc", 0, NS, -ELOOP, NULL },
	{ "/d", "l_in", O_CREAT | O_WRONLY, NS, -ELOOP, NULL },
	/* BENEATH */
	{ "/d", "f", 0, BN, 0, "/d/f" },
	{ "/d", "l_in", 0, BN, 0, "/d/f" },
	{ "/d", "sub/l_upin", 0, BN, 0, "/d/f" },
	{ "/d", "sub/..", 0, BN, 0, "/d" },
	{ "/d", "l_dot", 0, BN, 0, "/d" },
	{ "/d", ".", 0, BN, 0, "/d" },
	{ "/d", "l_up", 0, BN, -EXDEV, NULL },
	{ "/d", "l_abs", 0, BN, -EXDEV, NULL },
	{ "/d", "/d/f", 0, BN, -EXDEV, NULL },
	{ "/d", "..", 0, BN, -EXDEV, NULL },
	{ "/d", "sub/../..", 0, BN, -EXDEV, NULL },
	{ "/d", "../d/f", 0, BN, -EXDEV, NULL },
	{ "/d", "l_proc", 0, BN, -EXDEV, NULL },
	{ "/d", "l_in", 0, BN | NS, -ELOOP, NULL },
	{ "/d", "../new", O_CREAT | O_WRONLY, BN, -EXDEV, NULL },
	{ "/d/m", "l_up", 0, BN, -EXDEV, NULL },
	{ "/", "d/m/l_up", 0, BN, 0, "/d/f" },
	/* IN_ROOT */
	{ "/d", "/f", 0, IR, 0, "/d/f" },
	{ "/d", "/", 0, IR, 0, "/d" },
	{ "/d", "..", 0, IR, 0, "/d" },
	{ "/d", "../f", 0, IR, 0, "/d/f" },
	{ "/d", "../../sub/g", 0, IR, 0, "/d/sub/g" },
	{ "/d", "/sub/l_upin", 0, IR, 0, "/d/f" },
	{ "/d", "l_up", 0, IR, -ENOENT, NULL },	/* /d/top */
	{ "/d", "l_abs", 0, IR, -ENOENT, NULL },	/* /d/d/f */
	{ "/d", "l_in", 0, IR, 0, "/d/f" },
	{ "/d/sub", "/l_upin", 0, IR, -ENOENT, NULL },	/* /d/sub/f */
	/* NO_XDEV */
	{ "/d", "f", 0, NX, 0, "/d/f" },
	{ "/d", "l_abs", 0, NX, 0, "/d/f" },
	{ "/d", "m", 0, NX, -EXDEV, NULL },
	{ "/d", "m/y", 0, NX, -EXDEV, NULL },
	{ "/d", "l_mnt", 0, NX, -EXDEV, NULL },
	{ "/d/m", "y", 0, NX, 0, "/d/m/y" },
	{ "/d/m", "..", 0, NX, -EXDEV, NULL },
	{ "/d/m", "l_up", 0, NX, -EXDEV, NULL },
	{ "/d/m", "l_abs", 0, NX, -EXDEV, NULL },
	{ "/", "proc", 0, NX, -EXDEV, NULL },
	{ "/d", "/proc/self", 0, NX, -EXDEV, NULL },
	{ "/d", "l_proc", 0, NX, -EXDEV, NULL },
	{ "/d", "..", 0, NX, 0, "/" },
	/* the foreign directory: -EREMOTE with any flag, as given too */
	{ "/d", "/proc/self/fd/0", 0, NM, -EREMOTE, NULL },
	{ "/d", "l_proc", 0, NM, -EREMOTE, NULL },
	{ "/", "proc/self", 0, BN, -EREMOTE, NULL },
	{ "/d", "/proc/self/fd/0", 0, CA, -EREMOTE, NULL },
	/* NO_MAGICLINKS and CACHED change nothing else */
	{ "/d", "l_up", 0, NM | CA, 0, "/top" },
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
	struct vfs *v;

	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_memory(v, "/", 0), 0);
	mk(v, "/top", 'f', "top");
	mk(v, "/proc", 'd', NULL);
	mk(v, "/d", 'd', NULL);
	mk(v, "/d/f", 'f', "f");
	mk(v, "/d/sub", 'd', NULL);
	mk(v, "/d/sub/g", 'f', "g");
	mk(v, "/d/l_in", 'l', "f");
	mk(v, "/d/l_sub", 'l', "sub/g");
	mk(v, "/d/l_up", 'l', "../top");
	mk(v, "/d/l_abs", 'l', "/d/f");
	mk(v, "/d/l_dot", 'l', "sub/..");
	mk(v, "/d/l_mnt", 'l', "/mnt/x");
	mk(v, "/d/l_proc", 'l', "/proc/self/fd/0");
	mk(v, "/d/sub/l_upin", 'l', "../f");
	mk(v, "/d/m", 'd', NULL);
	assert_int_equal(vfs_mount_memory(v, "/d/m", 0), 0);
	mk(v, "/d/m/y", 'f', "y");
	mk(v, "/d/m/l_abs", 'l', "/d/f");
	mk(v, "/d/m/l_up", 'l', "../f");
	assert_int_equal(vfs_mount_memory(v, "/mnt", 0), 0);
	mk(v, "/mnt/x", 'f', "x");
	assert_int_equal(vfs_set_foreign(v, "/proc"), 0);
	*state = v;
	return 0;
}

static int teardown(void **state)
{
	vfs_free(*state);
	return 0;
}

static void test_resolve_table(void **state)
{
	struct vfs *v = *state;
	struct vfs_target t;
	int failures = 0;

	for (size_t i = 0; i < sizeof(ocases) / sizeof(*ocases); i++) {
		const struct ocase *oc = &ocases[i];
		int ret = vfs_open_resolve(v, &vt_root, oc->cwd, oc->path,
					   oc->flags, 0644, oc->resolve, &t,
					   NULL);
		bool ok = ret == oc->err;

		if (ok && !ret)
			ok = !strcmp(t.view, oc->view) &&
			     !(t.attrs & VFS_T_AS_GIVEN);
		if (!ok) {
			print_error("case %zu: cwd %s path '%s' flags %#x "
				    "resolve %#x: got %d '%s', want %d '%s'\n",
				    i, oc->cwd, oc->path, oc->flags,
				    oc->resolve, ret, ret ? "" : t.view,
				    oc->err, oc->view ? oc->view : "");
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

/* -EREMOTE names the /proc path reached, for the caller to decide. */
static void test_remote_path(void **state)
{
	struct vfs *v = *state;
	struct vfs_target t;
	const char *from;

	assert_int_equal(vfs_open_resolve(v, &vt_root, "/d", "l_proc", 0, 0,
					  NM, &t, NULL), -EREMOTE);
	assert_string_equal(vfs_remote(v, &from), "/proc/self/fd/0");
	assert_int_equal(vfs_open_resolve(v, &vt_root, "/d",
					  "/proc//self/fd/0", 0, 0, CA, &t,
					  NULL), -EREMOTE);
	assert_string_equal(vfs_remote(v, &from), "/proc/self/fd/0");
}

/*
 * An overlay's layers are one mount for NO_XDEV, and a write open
 * resolved with flags copies the lower file up.
 */
static void test_overlay_write(void **state)
{
	int fds = vt_fd_count();
	char *top = vt_mkdtemp("oa2");
	char upper[PATH_MAX], lower[PATH_MAX];
	const char *lows[1] = { lower };
	struct vfs_target t;
	struct vfs *v;
	int fd;

	(void)state;
	vt_layer(top, "upper", upper, sizeof(upper));
	vt_layer(top, "lower", lower, sizeof(lower));
	vt_mkdir(lower, "d", 0755);
	vt_write(lower, "d/f", "lower", 0644);
	vt_mkdir(upper, "d", 0755);
	vt_write(upper, "d/u", "upper", 0644);
	vt_symlink(lower, "d/l_u", "/d/u");
	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_overlay(v, "/", upper, lows, 1, 0), 0);
	assert_int_equal(vfs_open_resolve(v, &vt_root, "/d", "l_u", 0, 0,
					  NX, &t, NULL), 0);
	assert_string_equal(t.view, "/d/u");
	assert_int_equal(vfs_open_resolve(v, &vt_root, "/d", "f", O_WRONLY |
					  O_APPEND, 0, BN | NX, &t, NULL), 0);
	assert_true(strncmp(t.host, upper, strlen(upper)) == 0);
	fd = open(t.host, t.flags);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "+", 1), 1);
	close(fd);
	assert_string_equal(vt_read(upper, "d/f"), "lower+");
	assert_string_equal(vt_read(lower, "d/f"), "lower");
	vt_fixture_done(v, top, fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_how_check),
		cmocka_unit_test_setup_teardown(test_resolve_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_remote_path, setup,
						teardown),
		cmocka_unit_test(test_overlay_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
