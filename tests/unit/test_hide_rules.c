// SPDX-License-Identifier: MIT
/*
 * hide_read_paths() (supervisor/hide_rules.c): the read rules of
 * --hide.  On a host tree T: a/{x,y/z}, b, l -> a, dev/{null,zero,
 * ptmx -> pts/ptmx, pts/{ptmx,0}, shm/k}.  The result must cover every
 * path but the hidden ones (checked as a partition: no result is a
 * hidden path, an ancestor of one or below one, and the siblings along
 * the way are there), with the exceptions, and a real Landlock domain
 * built from it must let the reads through and refuse the hidden ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "hide_rules.h"
#include "lib/vfs_testlib.h"

struct fx {
	char *t;
	char p[16][PATH_MAX];
};

static const char *const names[] = {
	"a", "a/x", "a/y", "a/y/z", "b", "l", "dev", "dev/null", "dev/zero",
	"dev/ptmx", "dev/pts", "dev/pts/ptmx", "dev/pts/0", "dev/shm",
	"dev/shm/k",
};

enum { A, AX, AY, AYZ, B, L, DEV, DNULL, DZERO, DPTMX, PTS, PTSPTMX, PTS0,
       SHM, SHMK };

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char *t = vt_mkdtemp("hiderules"), *r = realpath(t, NULL);

	free(t);
	f->t = r;
	vt_mkdir(r, "a", 0755);
	vt_write(r, "a/x", "x", 0644);
	vt_mkdir(r, "a/y", 0755);
	vt_write(r, "a/y/z", "z", 0644);
	vt_write(r, "b", "b", 0644);
	vt_symlink(r, "l", "a");
	vt_mkdir(r, "dev", 0755);
	vt_write(r, "dev/null", "", 0644);
	vt_write(r, "dev/zero", "", 0644);
	vt_mkdir(r, "dev/pts", 0755);
	vt_write(r, "dev/pts/ptmx", "", 0644);
	vt_write(r, "dev/pts/0", "", 0644);
	vt_symlink(r, "dev/ptmx", "pts/ptmx");
	vt_mkdir(r, "dev/shm", 0755);
	vt_write(r, "dev/shm/k", "k", 0644);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		snprintf(f->p[i], PATH_MAX, "%s/%s", r, names[i]);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_rmtree(f->t);
	free(f->t);
	free(f);
	return 0;
}

struct res {
	char **v;
	size_t n;
};

static struct res compute(const char *const *h, size_t nh,
			  const char *const *e, size_t ne)
{
	struct res r;

	assert_int_equal(hide_read_paths(h, nh, e, ne, &r.v, &r.n), 0);
	return r;
}

static bool has(const struct res *r, const char *p)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i], p))
			return true;
	return false;
}

/* Whether A is B or below it. */
static bool below(const char *a, const char *b)
{
	size_t n = strlen(b);

	return n == 1 || (!strncmp(a, b, n) && (a[n] == '/' || !a[n]));
}

/* No result is at, above or below a hidden path; sorted, no nesting. */
static void partition(const struct res *r, const char *const *h, size_t nh)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < nh; k++) {
			if (below(r->v[i], h[k]) || below(h[k], r->v[i]))
				fail_msg("'%s' covers hidden '%s'", r->v[i],
					 h[k]);
		}
		if (i && (strcmp(r->v[i - 1], r->v[i]) >= 0 ||
			  below(r->v[i], r->v[i - 1])))
			fail_msg("'%s' after '%s'", r->v[i], r->v[i - 1]);
	}
}

static void test_one_hidden(void **state)
{
	struct fx *f = *state;
	const char *h[] = { f->p[AY] };
	struct res r = compute(h, 1, NULL, 0);

	partition(&r, h, 1);
	assert_true(has(&r, f->p[AX]));
	assert_true(has(&r, f->p[B]));
	assert_true(has(&r, f->p[DEV]));
	assert_true(has(&r, "/usr") || access("/usr", F_OK));
	assert_false(has(&r, f->p[L]));		/* a symlink: no rule */
	assert_false(has(&r, f->p[A]));
	assert_false(has(&r, f->t));
	hide_read_paths_free(r.v, r.n);
}

/* Two hidden paths in one directory, and one below another. */
static void test_shared_and_nested(void **state)
{
	struct fx *f = *state;
	const char *h[] = { f->p[AY], f->p[AX], f->p[SHMK], f->p[DEV] };
	struct res r = compute(h, 4, NULL, 0);

	partition(&r, h, 4);
	assert_true(has(&r, f->p[B]));
	for (size_t i = 0; i < r.n; i++)
		assert_false(below(r.v[i], f->p[A]) || below(r.v[i], f->p[DEV]));
	hide_read_paths_free(r.v, r.n);
}

/*
 * /dev hidden but for some devices: a missing one is left out, a
 * symlink stands for its target, one outside the hidden path is
 * already covered, a hidden path below an exception stays hidden.
 */
static void test_exceptions(void **state)
{
	struct fx *f = *state;
	char missing[PATH_MAX];
	const char *h[] = { f->p[DEV], f->p[PTS0] };
	const char *e[] = { f->p[DNULL], f->p[DPTMX], f->p[PTS], missing,
			    f->p[B] };
	struct res r;

	snprintf(missing, sizeof(missing), "%s/dev/tty", f->t);
	r = compute(h, 2, e, 5);
	assert_true(has(&r, f->p[DNULL]));
	assert_true(has(&r, f->p[PTSPTMX]));	/* for dev/ptmx and dev/pts */
	assert_false(has(&r, f->p[PTS]));	/* pts/0 is hidden */
	assert_false(has(&r, f->p[DZERO]));
	assert_false(has(&r, f->p[DPTMX]));
	assert_false(has(&r, missing));
	assert_false(has(&r, f->p[PTS0]));
	assert_true(has(&r, f->p[B]));
	for (size_t i = 0; i < r.n; i++)
		if (below(r.v[i], f->p[DEV]))
			assert_true(!strcmp(r.v[i], f->p[DNULL]) ||
				    !strcmp(r.v[i], f->p[PTSPTMX]));
	hide_read_paths_free(r.v, r.n);
}

static void test_errors(void **state)
{
	const char *rel[] = { "etc" }, *root[] = { "/" };
	char **v;
	size_t n;
	struct res r;

	(void)state;
	assert_int_equal(hide_read_paths(rel, 1, NULL, 0, &v, &n), -EINVAL);
	assert_int_equal(hide_read_paths(root, 1, rel, 1, &v, &n), -EINVAL);
	r = compute(root, 1, (const char *[]){ "/etc" }, 1);	/* all hidden */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0], "/etc");
	hide_read_paths_free(r.v, r.n);
}

/* In a child: a Landlock domain granting read on R's paths only. */
static int restrict_reads(const struct res *r)
{
	struct landlock_ruleset_attr ra = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				     LANDLOCK_ACCESS_FS_READ_DIR,
	};
	int rs = syscall(SYS_landlock_create_ruleset, &ra, sizeof(ra), 0);

	if (rs < 0)
		return -1;
	for (size_t i = 0; i < r->n; i++) {
		struct landlock_path_beneath_attr pb = {
			.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
		};
		struct stat st;

		pb.parent_fd = open(r->v[i], O_PATH | O_CLOEXEC);
		if (pb.parent_fd < 0 || fstat(pb.parent_fd, &st))
			continue;	/* gone meanwhile (a /proc entry) */
		if (S_ISDIR(st.st_mode))
			pb.allowed_access |= LANDLOCK_ACCESS_FS_READ_DIR;
		if (syscall(SYS_landlock_add_rule, rs,
			    LANDLOCK_RULE_PATH_BENEATH, &pb, 0))
			return -2;
		close(pb.parent_fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_landlock_restrict_self, rs, 0))
		return -3;
	return 0;
}

static int readable(const char *p)
{
	int fd = open(p, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 1 : errno == EACCES ? 0 : -1;
}

/* The kernel enforces the result: hidden files are refused, the rest not. */
static void test_landlock(void **state)
{
	struct fx *f = *state;
	const char *h[] = { f->p[AY], f->p[DEV] };
	const char *e[] = { f->p[DNULL], f->p[DPTMX] };
	struct res r = compute(h, 2, e, 2);
	int st, abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			      LANDLOCK_CREATE_RULESET_VERSION);
	pid_t pid;

	if (abi < 1) {
		hide_read_paths_free(r.v, r.n);
		skip();
	}
	pid = fork();
	if (!pid) {
		int c = restrict_reads(&r);

		if (c)
			_exit(10 - c);
		_exit(readable(f->p[AX]) != 1 ? 20 :
		      readable(f->p[B]) != 1 ? 21 :
		      readable("/etc/passwd") != 1 ? 22 :
		      readable(f->p[DNULL]) != 1 ? 23 :
		      readable(f->p[DPTMX]) != 1 ? 24 :	/* its target */
		      readable(f->p[AYZ]) != 0 ? 30 :
		      readable(f->p[DZERO]) != 0 ? 31 :
		      readable(f->p[SHMK]) != 0 ? 32 :
		      readable(f->p[PTS0]) != 0 ? 33 : 0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	hide_read_paths_free(r.v, r.n);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_one_hidden),
		T(test_shared_and_nested),
		T(test_exceptions),
		T(test_errors),
		T(test_landlock),
	};

	return cmocka_run_group_tests_name("hide_rules", tests, NULL, NULL);
}
