// SPDX-License-Identifier: MIT
/*
 * The lookup cache of the host backends: what a repeated resolution
 * costs (struct vfs_stats), and that every change is seen: made through
 * the library (this mount or another one aliasing its layers), made by
 * the kernel through a host path the library handed out (O_CREAT,
 * VFS_OWNER), made by other processes to a bind's directory.  Changes by
 * other processes to an overlay's layers are seen after
 * vfs_cache_flush().
 *
 * Layers: low2: usr/lib/libc, usr/include/stdio.h, etc/passwd;
 * low1: etc/motd; the upper starts empty.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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
	char *top;
	char upper[PATH_MAX], low1[PATH_MAX], low2[PATH_MAX];
	struct vfs *v;
	int fds;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *lows[2];

	f->fds = vt_fd_count();
	f->top = vt_mkdtemp("cache");
	vt_layer(f->top, "upper", f->upper, sizeof(f->upper));
	vt_layer(f->top, "low1", f->low1, sizeof(f->low1));
	vt_layer(f->top, "low2", f->low2, sizeof(f->low2));
	vt_mkdir(f->low2, "usr", 0755);
	vt_mkdir(f->low2, "usr/lib", 0755);
	vt_write(f->low2, "usr/lib/libc", "elf", 0755);
	vt_mkdir(f->low2, "usr/include", 0755);
	vt_write(f->low2, "usr/include/stdio.h", "h", 0644);
	vt_mkdir(f->low2, "etc", 0755);
	vt_write(f->low2, "etc/passwd", "root", 0644);
	vt_mkdir(f->low1, "etc", 0755);
	vt_write(f->low1, "etc/motd", "hi", 0644);
	lows[0] = f->low1;
	lows[1] = f->low2;
	assert_int_equal(vfs_new(&f->v), 0);
	assert_int_equal(vfs_mount_overlay(f->v, "/", f->upper, lows, 2, 0),
			 0);
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

/* Host stats made by one vfs_resolve(VFS_LOOKUP) of PATH, and its result. */
static unsigned long long cost(struct vfs *v, const char *path, int *ret)
{
	struct vfs_stats a, b;
	struct vfs_target t;

	vfs_get_stats(v, &a);
	*ret = vfs_resolve(v, R, NULL, path, 0, VFS_LOOKUP, &t);
	vfs_get_stats(v, &b);
	return b.host_stats - a.host_stats;
}

static void ok_stat(struct vfs *v, const char *path, int want)
{
	struct stat st;

	assert_int_equal(vfs_stat(v, R, NULL, path, AT_SYMLINK_NOFOLLOW, &st),
			 want);
}

/* A repeated lookup costs no host call; the first one what it did. */
static void test_repeated_lookup_free(void **state)
{
	static const char *const paths[] = {
		"/usr/lib/libc", "/etc/passwd", "/etc/motd",
		"/usr/include/missing.h", "/nodir/x",
	};
	struct fx *f = *state;
	struct vfs_stats st;
	int ret;

	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		unsigned long long first = cost(f->v, paths[i], &ret);

		assert_true(first > 0);
		for (int k = 0; k < 3; k++) {
			int again;

			assert_int_equal(cost(f->v, paths[i], &again), 0);
			assert_int_equal(again, ret);
		}
		print_message("  %-24s first %llu, then 0 host stats\n",
			      paths[i], first);
	}
	vfs_get_stats(f->v, &st);
	assert_true(st.cache_hits >= 15);
	/* Relative paths and ".." use the same entries. */
	assert_int_equal(cost(f->v, "/usr/lib/../include/missing.h", &ret),
			 0);
	vfs_cache_flush(f->v);
	assert_true(cost(f->v, "/usr/lib/libc", &ret) > 0);
}

/* Every change made through the library is seen at once. */
static void test_changes_seen(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *l;

	ok_stat(f->v, "/etc/new", -ENOENT);
	ok_stat(f->v, "/usr/lib/libc", 0);
	ok_stat(f->v, "/usr/lib/sub/x", -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/usr/lib/sub", 0700), 0);
	ok_stat(f->v, "/usr/lib/sub", 0);
	assert_int_equal(vt_view_write(f->v, R, "/usr/lib/sub/x", "x"), 0);
	ok_stat(f->v, "/usr/lib/sub/x", 0);
	assert_int_equal(vfs_symlink(f->v, R, "lib", NULL, "/usr/l"), 0);
	ok_stat(f->v, "/usr/l/sub/x", 0);
	/* A renamed directory: its cached subtree goes with the name. */
	assert_int_equal(vfs_rename(f->v, R, NULL, "/usr/lib/sub", NULL,
				    "/usr/sub2", 0), 0);
	ok_stat(f->v, "/usr/l/sub/x", -ENOENT);
	ok_stat(f->v, "/usr/sub2/x", 0);
	assert_string_equal(vt_view_read(f->v, R, "/usr/sub2/x"), "x");
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/usr/lib/libc", 0), 0);
	ok_stat(f->v, "/usr/lib/libc", -ENOENT);
	assert_int_equal(vfs_link(f->v, R, NULL, "/usr/sub2/x", NULL,
				  "/usr/lib/libc", 0), 0);
	assert_string_equal(vt_view_read(f->v, R, "/usr/lib/libc"), "x");
	/* Attributes through another name of the same inode. */
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/usr/sub2/x", 0600, 0), 0);
	assert_int_equal(vfs_stat(f->v, R, NULL, "/usr/lib/libc", 0, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	{
		struct vfs_cred u = vt_cred(1000, 1000);

		assert_int_equal(vfs_access(f->v, &u, NULL, "/usr/lib/libc",
					    R_OK, 0), -EACCES);
		/* Search permission of a cached directory changes too. */
		assert_int_equal(vfs_access(f->v, &u, NULL, "/etc/passwd",
					    R_OK, 0), 0);
		assert_int_equal(vfs_chmod(f->v, R, NULL, "/etc", 0700, 0), 0);
		assert_int_equal(vfs_access(f->v, &u, NULL, "/etc/passwd",
					    R_OK, 0), -EACCES);
	}
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/usr/include"),
			 -ENOTEMPTY);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/usr/include/stdio.h",
				    0), 0);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/usr/include"), 0);
	ok_stat(f->v, "/usr/include", -ENOENT);
	assert_int_equal(vfs_mkdir(f->v, R, NULL, "/usr/include", 0755), 0);
	ok_stat(f->v, "/usr/include/stdio.h", -ENOENT);
	l = vt_view_ls(f->v, R, "/usr");
	assert_string_equal(l, "include l lib sub2");
	free(l);
}

/*
 * Files the kernel creates after vfs_open(O_CREAT) returned: seen even
 * when a lookup cached their absence in between (another tracee).
 */
static void test_kernel_creation_seen(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	int fd, ret;

	assert_int_equal(vfs_open(f->v, R, NULL, "/etc/a", O_CREAT | O_WRONLY,
				  0644, &t, NULL), 0);
	ok_stat(f->v, "/etc/a", -ENOENT);
	ok_stat(f->v, "/etc/a", -ENOENT);
	fd = open(t.host, t.flags | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	close(fd);
	ok_stat(f->v, "/etc/a", 0);
	/* The same once the directory's ctime is old enough to trust. */
	sleep(3);	/* past the 2 s threshold, with margin for coarse clocks */
	ok_stat(f->v, "/etc/b", -ENOENT);
	ok_stat(f->v, "/etc/b", -ENOENT);
	/* A trusted negative entry costs one stat of the directory. */
	assert_int_equal(cost(f->v, "/etc/b", &ret), 1);
	assert_int_equal(ret, -ENOENT);
	assert_int_equal(vfs_open(f->v, R, NULL, "/etc/b", O_CREAT | O_WRONLY,
				  0644, &t, NULL), 0);
	ok_stat(f->v, "/etc/b", -ENOENT);
	fd = open(t.host, t.flags | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	close(fd);
	ok_stat(f->v, "/etc/b", 0);
	/* An AF_UNIX socket made by bind() is the same case. */
	ok_stat(f->v, "/etc/passwd", 0);
	assert_int_equal(cost(f->v, "/etc/passwd", &ret), 0);
}

/* Attributes the kernel changes after vfs_resolve(VFS_OWNER). */
static void test_kernel_chmod_seen(void **state)
{
	struct fx *f = *state;
	struct vfs_cred u = vt_cred(1000, 1000);
	struct vfs_target t;
	int ret;

	assert_int_equal(vfs_access(f->v, &u, NULL, "/etc/passwd", R_OK, 0),
			 0);
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/etc/passwd", 0,
				     VFS_OWNER, &t), 0);
	assert_int_equal(vfs_access(f->v, &u, NULL, "/etc/passwd", R_OK, 0),
			 0);
	assert_int_equal(chmod(t.host, 0600), 0);
	assert_int_equal(vfs_access(f->v, &u, NULL, "/etc/passwd", R_OK, 0),
			 -EACCES);
	/* Such an object costs one stat per lookup, no more. */
	assert_int_equal(cost(f->v, "/etc/passwd", &ret), 1);
	assert_int_equal(ret, 0);
	ok_stat(f->v, "/etc/motd", 0);
	assert_int_equal(cost(f->v, "/etc/motd", &ret), 0);
}

/* A bind of a lower: writes through it reach the overlay's view. */
static void test_alias_through_bind(void **state)
{
	struct fx *f = *state;

	ok_stat(f->v, "/usr/include/new.h", -ENOENT);
	assert_int_equal(vfs_mount_bind(f->v, "/mnt", f->low2, 0), 0);
	assert_int_equal(vt_view_write(f->v, R, "/mnt/usr/include/new.h",
				       "n"), 0);
	ok_stat(f->v, "/usr/include/new.h", 0);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/mnt/usr/include/new.h",
				    0), 0);
	ok_stat(f->v, "/usr/include/new.h", -ENOENT);
}

/*
 * A bind's directory is the host's: changes by anyone are seen, at one
 * stat per cached entry.  An overlay's layers are the view's: changes
 * behind its back are seen after vfs_cache_flush().
 */
static void test_outside_changes(void **state)
{
	struct fx *f = *state;
	struct vfs *v;
	char *host = vt_mkdtemp("cachebind");
	int ret;

	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_bind(v, "/", host, 0), 0);
	vt_mkdir(host, "d", 0755);
	ok_stat(v, "/d/x", -ENOENT);
	vt_write(host, "d/x", "x", 0644);
	ok_stat(v, "/d/x", 0);
	assert_int_equal(cost(v, "/d/x", &ret), 2);
	{
		char a[PATH_MAX * 2], b[PATH_MAX * 2];

		snprintf(a, sizeof(a), "%s/d", host);
		snprintf(b, sizeof(b), "%s/e", host);
		assert_int_equal(rename(a, b), 0);
	}
	ok_stat(v, "/d/x", -ENOENT);
	ok_stat(v, "/e/x", 0);
	vfs_free(v);
	vt_rmtree(host);
	free(host);

	ok_stat(f->v, "/etc/outside", -ENOENT);
	vt_write(f->low2, "etc/outside", "o", 0644);
	ok_stat(f->v, "/etc/outside", -ENOENT);	/* documented */
	vfs_cache_flush(f->v);
	ok_stat(f->v, "/etc/outside", 0);
}

/* Past its size limit the cache starts again; results stay right. */
static void test_many_entries(void **state)
{
	struct fx *f = *state;
	struct vfs_stats st;
	char p[64];

	for (int i = 0; i < 70000; i++) {
		snprintf(p, sizeof(p), "/usr/lib/m%d", i);
		ok_stat(f->v, p, -ENOENT);
	}
	ok_stat(f->v, "/usr/lib/libc", 0);
	ok_stat(f->v, "/usr/lib/m1", -ENOENT);
	assert_int_equal(vt_view_write(f->v, R, "/usr/lib/m2", "2"), 0);
	ok_stat(f->v, "/usr/lib/m2", 0);
	vfs_get_stats(f->v, &st);
	assert_true(st.cache_misses >= 70000);
}

/* VFS_PEEK of PATH (no follow): result, host path, and whether peeked. */
static int peek(struct vfs *v, const char *path, struct vfs_target *t,
		bool *peeked)
{
	struct vfs_stats a, b;
	int ret;

	vfs_get_stats(v, &a);
	ret = vfs_resolve(v, R, NULL, path, AT_SYMLINK_NOFOLLOW, VFS_PEEK, t);
	vfs_get_stats(v, &b);
	*peeked = b.peeks == a.peeks + 1;
	if (*peeked)
		assert_int_equal(b.host_stats, a.host_stats);
	return ret;
}

static void want_host(const char *layer, const char *rel,
		      const struct vfs_target *t)
{
	char p[2 * PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", layer, rel);
	assert_string_equal(t->host, p);
}

/*
 * VFS_PEEK: a last name in a directory of one lower layer is not looked
 * up (no host stat), and the host path is where the kernel finds it or
 * not; anything that makes the kernel's answer differ from the view's is
 * looked up: a merged directory, a directory copied up, a masked name, a
 * mount point, a whiteout name, a symlink to follow.
 */
static void test_peek(void **state)
{
	struct fx *f = *state;
	struct vfs_target t;
	struct stat st;
	bool peeked;

	ok_stat(f->v, "/usr/lib/libc", 0);	/* the parents are cached */
	vt_symlink(f->low2, "usr/lib/link", "libc");

	assert_int_equal(peek(f->v, "/usr/lib/libc", &t, &peeked), 0);
	assert_true(peeked);
	want_host(f->low2, "usr/lib/libc", &t);
	assert_string_equal(t.view, "/usr/lib/libc");
	assert_int_equal(t.type, 0);
	assert_true(t.attrs & VFS_T_HOST_META);

	/* missing: the kernel says ENOENT at that host path */
	assert_int_equal(peek(f->v, "/usr/lib/missing", &t, &peeked), 0);
	assert_true(peeked);
	want_host(f->low2, "usr/lib/missing", &t);
	assert_int_equal(lstat(t.host, &st), -1);
	assert_int_equal(errno, ENOENT);

	/* a symlink is the link itself */
	assert_int_equal(peek(f->v, "/usr/lib/link", &t, &peeked), 0);
	assert_true(peeked);
	want_host(f->low2, "usr/lib/link", &t);

	/* following it: a real lookup */
	assert_int_equal(vfs_resolve(f->v, R, NULL, "/usr/lib/link", 0,
				     VFS_PEEK, &t), 0);
	want_host(f->low2, "usr/lib/libc", &t);
	assert_int_equal(t.type, S_IFREG);

	/* /etc is merged (low1 and low2): looked up */
	assert_int_equal(peek(f->v, "/etc/passwd", &t, &peeked), 0);
	assert_false(peeked);
	want_host(f->low2, "etc/passwd", &t);
	assert_int_equal(t.type, S_IFREG);
	assert_int_equal(peek(f->v, "/etc/nothing", &t, &peeked), -ENOENT);
	assert_false(peeked);

	/* whiteout names do not exist in the view */
	assert_int_equal(peek(f->v, "/usr/lib/.wh.libc", &t, &peeked),
			 -ENOENT);
	assert_false(peeked);

	/* a masked name */
	assert_int_equal(vfs_mask(f->v, "/usr/include/stdio.h"), 0);
	assert_int_equal(peek(f->v, "/usr/include/stdio.h", &t, &peeked),
			 -ENOENT);
	assert_false(peeked);

	/* a mount point */
	assert_int_equal(vfs_mount_memory(f->v, "/usr/include/mem", 0), 0);
	assert_int_equal(peek(f->v, "/usr/include/mem", &t, &peeked), 0);
	assert_false(peeked);
	assert_true(t.attrs & VFS_T_DIR);

	/* /usr/lib copied up by a creation: now looked up, upper first */
	assert_int_equal(vt_view_write(f->v, R, "/usr/lib/new", "n"), 0);
	assert_int_equal(peek(f->v, "/usr/lib/new", &t, &peeked), 0);
	assert_false(peeked);
	want_host(f->upper, "usr/lib/new", &t);
	assert_int_equal(peek(f->v, "/usr/lib/libc", &t, &peeked), 0);
	assert_false(peeked);
	want_host(f->low2, "usr/lib/libc", &t);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/usr/lib/libc", 0), 0);
	assert_int_equal(peek(f->v, "/usr/lib/libc", &t, &peeked), -ENOENT);
	assert_false(peeked);
}

/* VFS_T_DIR_EMULATE of PATH's directory. */
static bool emulated(struct vfs *v, const char *path)
{
	struct vfs_target t;

	assert_int_equal(vfs_resolve(v, R, NULL, path, 0, VFS_LOOKUP, &t), 0);
	assert_true(t.attrs & VFS_T_DIR);
	return t.attrs & VFS_T_DIR_EMULATE;
}

/*
 * The lowest layer has nothing below it: its ".wh." names are ordinary,
 * visible names that are never changed (EINVAL), and a directory of that
 * layer alone is listed by the kernel (no VFS_T_DIR_EMULATE).  In the
 * layers above, ".wh." names stay whiteouts.
 */
static void test_lowest_layer(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *ls;

	vt_write(f->low2, "usr/lib/.wh.note", "n", 0644);
	vt_mkdir(f->low2, "usr/.wh.d", 0755);
	vt_write(f->low2, "usr/.wh.d/f", "f", 0644);
	vt_write(f->low2, "etc/hosts", "h", 0644);
	vt_write(f->low1, "etc/.wh.hosts", "", 0644);
	vt_write(f->low1, "etc/.wh.x", "", 0644);

	assert_false(emulated(f->v, "/usr/lib"));
	assert_false(emulated(f->v, "/usr"));
	assert_true(emulated(f->v, "/etc"));	/* merged */
	ls = vt_view_ls(f->v, R, "/usr/lib");
	assert_string_equal(ls, ".wh.note libc");
	free(ls);
	ok_stat(f->v, "/usr/lib/.wh.note", 0);
	ok_stat(f->v, "/usr/.wh.d/f", 0);
	assert_string_equal(vt_view_read(f->v, R, "/usr/.wh.d/f"), "f");
	/* a middle layer's whiteouts hide and are hidden */
	ok_stat(f->v, "/etc/hosts", -ENOENT);
	ok_stat(f->v, "/etc/.wh.hosts", -ENOENT);
	ok_stat(f->v, "/etc/.wh.x", -ENOENT);
	ls = vt_view_ls(f->v, R, "/etc");
	assert_string_equal(ls, "motd passwd");
	free(ls);

	/* never changed: a copy in the upper would be a whiteout */
	assert_int_equal(vt_view_open(f->v, R, NULL, "/usr/lib/.wh.note",
				      O_WRONLY, 0), -EINVAL);
	assert_int_equal(vfs_chmod(f->v, R, NULL, "/usr/lib/.wh.note", 0600,
				   0), -EINVAL);
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/usr/lib/.wh.note", 0),
			 -EINVAL);
	assert_int_equal(vfs_rename(f->v, R, NULL, "/usr/lib/.wh.note", NULL,
				    "/usr/lib/note", 0), -EINVAL);
	/* nor what is below a ".wh." directory: its copy would be one */
	assert_int_equal(vfs_unlink(f->v, R, NULL, "/usr/.wh.d/f", 0),
			 -EINVAL);
	assert_int_equal(vt_view_write(f->v, R, "/usr/.wh.d/g", "g"), -EINVAL);
	assert_int_equal(vfs_rmdir(f->v, R, NULL, "/usr/.wh.d"), -ENOTEMPTY);
	assert_int_equal(vt_view_write(f->v, R, "/usr/lib/.wh.new", "x"),
			 -EINVAL);
	ok_stat(f->v, "/usr/lib/.wh.note", 0);
	ok_stat(f->v, "/usr/.wh.d/f", 0);
	assert_false(vt_exists(f->upper, "usr/lib/.wh.note"));
	assert_false(vt_exists(f->upper, "usr/.wh.d"));
	/* /usr merged by a creation: the view lists it, names kept */
	assert_int_equal(vt_view_write(f->v, R, "/usr/new", "n"), 0);
	assert_true(emulated(f->v, "/usr"));
	ls = vt_view_ls(f->v, R, "/usr");
	assert_string_equal(ls, ".wh.d include lib new");
	free(ls);
	ok_stat(f->v, "/usr/.wh.d", 0);
	(void)st;
}

/* PATH resolved (VFS_LOOKUP, or VFS_WRITE): its result and AS_GIVEN. */
static int given(struct vfs *v, const char *path, enum vfs_intent in,
		 struct vfs_target *t, bool *as_given)
{
	int ret = vfs_resolve(v, R, NULL, path, 0, in, t);

	*as_given = t->attrs & VFS_T_AS_GIVEN;
	return ret;
}

/*
 * VFS_T_AS_GIVEN: with the host root as the lowest layer (as vfstrace -u
 * mounts it), a path whose every step the kernel makes the same way on
 * the host (symlinks, "..", names of lowest-layer objects, merged
 * directories walked through) is flagged, and so is -ENOENT in a
 * directory of that layer alone; a result in the upper (created or copied
 * up), a whiteout, a missing name in a merged directory, a masked name or
 * a mount point are not; nor is anything when the lowest layer is not the
 * host root (the fixture's own mount).
 */
static void test_as_given(void **state)
{
	struct fx *f = *state;
	const char *lows[1] = { "/" };
	char up[PATH_MAX], body[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
	const char *T = f->top;
	struct vfs_target t;
	struct vfs_file *file = NULL;
	struct vfs *v;
	bool ag, peeked;

	/* the fixture's mount: its lowest layer is not "/" */
	assert_int_equal(given(f->v, "/usr/lib/libc", VFS_LOOKUP, &t, &ag), 0);
	assert_false(ag);
	assert_int_equal(given(f->v, "/usr/lib/none", VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_false(ag);

	vt_layer(T, "up", up, sizeof(up));
	vt_mkdir(T, "d", 0755);
	vt_mkdir(T, "d/sub", 0755);
	vt_write(T, "d/file", "f", 0644);
	vt_write(T, "d/sub/f2", "g", 0644);
	vt_mkdir(T, "m", 0755);
	vt_write(T, "m/old", "o", 0644);
	vt_write(T, "m/gone", "x", 0644);
	vt_symlink(T, "lnk", "d");
	snprintf(body, sizeof(body), "%s/d", T);
	vt_symlink(T, "abs", body);
	assert_int_equal(vfs_new(&v), 0);
	assert_int_equal(vfs_mount_overlay(v, "/", up, lows, 1, 0), 0);
	assert_int_equal(vfs_mask(v, up), 0);

#define AT(rel) (snprintf(p, sizeof(p), "%s/%s", T, rel), p)
#define HOST(rel) (snprintf(q, sizeof(q), "%s/%s", T, rel), q)
	assert_int_equal(given(v, AT("d/file"), VFS_LOOKUP, &t, &ag), 0);
	assert_true(ag);
	assert_string_equal(t.host, HOST("d/file"));
	assert_int_equal(given(v, AT("lnk/file"), VFS_LOOKUP, &t, &ag), 0);
	assert_true(ag);
	assert_string_equal(t.host, HOST("d/file"));
	assert_int_equal(given(v, AT("abs/sub/../sub/f2"), VFS_LOOKUP, &t,
			       &ag), 0);
	assert_true(ag);
	assert_string_equal(t.host, HOST("d/sub/f2"));
	assert_int_equal(given(v, AT("lnk/missing"), VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_true(ag);
	assert_int_equal(peek(v, AT("lnk/file"), &t, &peeked), 0);
	assert_true(peeked);	/* after the symlink, the last name */
	assert_true(t.attrs & VFS_T_AS_GIVEN);
	assert_int_equal(peek(v, AT("d/file"), &t, &peeked), 0);
	assert_true(peeked);
	assert_true(t.attrs & VFS_T_AS_GIVEN);
	assert_int_equal(vfs_open(v, R, NULL, AT("lnk/sub/f2"), O_RDONLY, 0,
				  &t, &file), 0);
	assert_true(t.attrs & VFS_T_AS_GIVEN);
	assert_string_equal(t.host, HOST("d/sub/f2"));
	vfs_file_put(file);
	assert_int_equal(vfs_open(v, R, NULL, AT("lnk/none"), O_RDONLY, 0,
				  &t, &file), -ENOENT);
	assert_true(t.attrs & VFS_T_AS_GIVEN);

	/* m merged by a creation: its lower names still, not the rest */
	assert_int_equal(vt_view_write(v, R, AT("m/new"), "n"), 0);
	assert_int_equal(given(v, AT("m/new"), VFS_LOOKUP, &t, &ag), 0);
	assert_false(ag);
	assert_int_equal(given(v, AT("m/old"), VFS_LOOKUP, &t, &ag), 0);
	assert_true(ag);
	assert_string_equal(t.host, HOST("m/old"));
	assert_int_equal(given(v, AT("m"), VFS_LOOKUP, &t, &ag), 0);
	assert_false(ag);	/* the directory itself is the upper's */
	assert_int_equal(given(v, AT("m/missing"), VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_false(ag);
	assert_int_equal(vfs_unlink(v, R, NULL, AT("m/gone"), 0), 0);
	assert_int_equal(given(v, AT("m/gone"), VFS_LOOKUP, &t, &ag), -ENOENT);
	assert_false(ag);	/* the kernel would find the lower file */

	/* copied up: the upper object */
	assert_int_equal(given(v, AT("d/file"), VFS_WRITE, &t, &ag), 0);
	assert_false(ag);
	assert_int_equal(given(v, AT("lnk/file"), VFS_LOOKUP, &t, &ag), 0);
	assert_false(ag);
	assert_int_equal(vfs_open(v, R, NULL, AT("d/sub/f2"), O_WRONLY, 0,
				  &t, &file), 0);
	assert_false(t.attrs & VFS_T_AS_GIVEN);
	vfs_file_put(file);
	/* d is merged now: a missing name there may be a whiteout */
	assert_int_equal(given(v, AT("d/missing"), VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_false(ag);

	/* masked, mounted: the view differs from the host */
	vt_mkdir(T, "k", 0755);
	vt_write(T, "k/hidden", "h", 0644);
	assert_int_equal(vfs_mask(v, AT("k/hidden")), 0);
	assert_int_equal(given(v, AT("k/hidden"), VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_false(ag);
	assert_int_equal(vfs_mount_memory(v, AT("k/mem"), 0), 0);
	assert_int_equal(given(v, AT("k/mem"), VFS_LOOKUP, &t, &ag), 0);
	assert_false(ag);
	assert_int_equal(given(v, AT("k/mem/none"), VFS_LOOKUP, &t, &ag),
			 -ENOENT);
	assert_false(ag);
#undef AT
#undef HOST
	vfs_free(v);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_repeated_lookup_free),
		T(test_changes_seen),
		T(test_kernel_creation_seen),
		T(test_kernel_chmod_seen),
		T(test_alias_through_bind),
		T(test_outside_changes),
		T(test_many_entries),
		T(test_peek),
		T(test_lowest_layer),
		T(test_as_given),
	};

	return cmocka_run_group_tests_name("vfs_cache", tests, NULL, NULL);
}
