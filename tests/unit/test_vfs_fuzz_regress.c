// SPDX-License-Identifier: MIT
/*
 * Replays of the overlay differential driver (tests/unit/lib/
 * vfs_ovlmodel.c): the fuzz seeds, every input the fuzzer ever crashed on
 * (tests/fuzz/regress/vfs_overlay/), a few hand-written sequences and a
 * fixed-seed random batch, so that `make check` covers what `make fuzz`
 * found without clang.
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
#include <unistd.h>

#include <cmocka.h>

#include "lib/vfs_ovlmodel.h"

/* Opcodes of the driver: byte 0 % 12 (rename flags: byte 0 / 12 % 4). */
enum {
	WRITE, APPEND, MKDIR, UNLINK, RMDIR, RENAME, LINK, SYMLINK, CHMOD,
	TRUNCATE, SETXATTR, UTIMENS,
};
#define NOREPLACE	(2 * 12)
#define EXCHANGE	(3 * 12)

/* Path bytes: depth = x % 3 + 1, names a b c d from x / 3 in base 4. */
#define P1(a)		((uint8_t)(3 * (a)))
#define P2(a, b)	((uint8_t)(1 + 3 * ((a) + 4 * (b))))
#define P3(a, b, c)	((uint8_t)(2 + 3 * ((a) + 4 * (b) + 16 * (c))))
enum { A, B, C, D };

static struct vom *model;

static int setup(void **state)
{
	model = vom_new();
	return model ? 0 : -1;
}

static int teardown(void **state)
{
	vom_free(model);
	return 0;
}

static void run(const uint8_t *ops, size_t len)
{
	assert_int_equal(vom_run(model, ops, len, 0), 0);
}

/* Copy-up of a merged directory's files, unlink, rmdir, re-create. */
static void test_copyup_whiteouts(void **state)
{
	const uint8_t ops[] = {
		WRITE, P2(A, B), 0, 1,		/* lower file rewritten */
		APPEND, P2(A, C), 0, 2,		/* other lower, appended */
		UNLINK, P2(A, B), 0, 0,		/* whiteout */
		UNLINK, P2(A, C), 0, 0,
		RMDIR, P2(A, D), 0, 0,		/* lower dir: not empty */
		UNLINK, P3(A, D, A), 0, 0,
		RMDIR, P2(A, D), 0, 0,
		RMDIR, P1(A), 0, 0,		/* merged, looks empty */
		MKDIR, P1(A), 0, 0,		/* opaque */
		WRITE, P2(A, B), 0, 3,
	};

	run(ops, sizeof(ops));
}

/* Renames: files over lower files, EXDEV for lower dirs, upper dirs. */
static void test_renames(void **state)
{
	const uint8_t ops[] = {
		RENAME, P2(A, B), P2(B, C), 0,	/* lower file over lower */
		RENAME, P1(B), P1(C), 0,	/* lower dir: EXDEV */
		MKDIR, P2(C, A), 0, 0,		/* ENOENT: c is gone */
		MKDIR, P1(C), 0, 0,
		MKDIR, P2(C, A), 0, 0,
		RENAME, P1(C), P1(A), 0,	/* a not empty */
		RENAME + NOREPLACE, P2(B, C), P2(B, A), 0,
		RENAME + EXCHANGE, P2(B, C), P2(B, A), 0,
		RENAME + EXCHANGE, P1(C), P2(B, C), 0,
		RENAME, P1(C), P2(B, C), 0,
		RENAME, P1(A), P2(A, B), 0,	/* into itself: EINVAL */
		RENAME, P2(A, C), P1(A), 0,	/* ENOTEMPTY */
	};

	run(ops, sizeof(ops));
}

/* Hard links through the view stay one file; link of a lower file. */
static void test_links(void **state)
{
	const uint8_t ops[] = {
		LINK, P2(A, B), P1(C), 0,	/* lower a/b, copied up */
		APPEND, P1(C), 0, 5,
		LINK, P1(C), P2(D, A), 0,
		TRUNCATE, P2(D, A), 0, 1,
		UNLINK, P2(A, B), 0, 0,
		LINK, P1(A), P1(B), 0,		/* directory: EPERM */
		LINK, P2(B, A), P2(B, B), 0,	/* symlink */
		SYMLINK, P2(B, A), 0, 0,	/* EEXIST */
		CHMOD, P1(C), 0, 7,
		SETXATTR, P2(D, A), 0, 9,
	};

	run(ops, sizeof(ops));
}

/* Attributes: chmod, xattrs, utimens of lower objects, ENOTDIR paths. */
static void test_attrs(void **state)
{
	const uint8_t ops[] = {
		CHMOD, P1(A), 0, 5,
		SETXATTR, P1(D), 0, 2,
		UTIMENS, P3(A, D, A), 0, 1,
		CHMOD, P2(B, A), 0, 1,		/* dangling: ENOENT */
		TRUNCATE, P1(B), 0, 2,		/* EISDIR */
		WRITE, P3(B, C, A), 0, 1,	/* ENOTDIR */
		WRITE, P3(B, A, A), 0, 1,	/* through a symlink */
		WRITE, P2(B, A), 0, 1,		/* O_NOFOLLOW: ELOOP */
		SETXATTR, P2(A, B), 0, 3,	/* replaces a lower xattr */
	};

	run(ops, sizeof(ops));
}

/* Masks (trailing SIZE % 4 bytes): fresh objects over masked paths. */
static void test_masks(void **state)
{
	const uint8_t ops[] = {
		MKDIR, P2(A, B), 0, 0,		/* a masked: ENOENT */
		MKDIR, P1(A), 0, 0,		/* fresh and opaque */
		WRITE, P2(A, B), 0, 1,
		RENAME, P1(A), P1(C), 0,	/* upper only: allowed */
		UNLINK, P2(B, C), 0, 0,		/* masked: ENOENT */
		WRITE, P2(B, C), 0, 2,
		RENAME, P2(B, C), P2(B, A), 0,
		RENAME, P2(B, A), P2(B, C), 0,
		UNLINK, P2(B, C), 0, 0,		/* no whiteout */
		MKDIR, P1(A), 0, 0,
		RENAME + EXCHANGE, P1(A), P1(C), 0,
		RMDIR, P1(C), 0, 0,
		P1(A), P2(B, C),		/* the masks */
	};

	run(ops, sizeof(ops));
}

static void replay_dir(const char *dir, int *count)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		char p[PATH_MAX], buf[4096];
		ssize_t n;
		int fd;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".md"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		fd = open(p, O_RDONLY | O_CLOEXEC);
		assert_true(fd >= 0);
		n = read(fd, buf, sizeof(buf));
		close(fd);
		assert_true(n >= 0);
		if (vom_run(model, (uint8_t *)buf, n, 1))
			fail_msg("replay of %s failed", p);
		(*count)++;
	}
	closedir(d);
}

/* Every seed and every input the fuzzer crashed on. */
static void test_replay_files(void **state)
{
	int count = 0;

	if (access("tests/fuzz/corpus/vfs_overlay", F_OK))
		skip();		/* not run from the source tree */
	replay_dir("tests/fuzz/corpus/vfs_overlay", &count);
	replay_dir("tests/fuzz/regress/vfs_overlay", &count);
	assert_true(count > 0);
}

/* A fixed-seed batch of random sequences. */
static void test_random_batch(void **state)
{
	uint32_t x = 12345;

	for (int i = 0; i < 100; i++) {
		uint8_t buf[96];

		for (size_t j = 0; j < sizeof(buf); j++) {
			x = x * 1103515245u + 12345u;
			buf[j] = x >> 16;
		}
		if (vom_run(model, buf, sizeof(buf), 0))
			fail_msg("random sequence %d failed", i);
		/* The same with one to three masks. */
		if (vom_run(model, buf, sizeof(buf) - 4 + 1 + i % 3, 0))
			fail_msg("random masked sequence %d failed", i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copyup_whiteouts),
		cmocka_unit_test(test_renames),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_attrs),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_replay_files),
		cmocka_unit_test(test_random_batch),
	};

	return cmocka_run_group_tests_name("vfs_fuzz_regress", tests, setup,
					   teardown);
}
