// SPDX-License-Identifier: MIT
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

const struct vfs_cred vt_root = { .fsuid = 0, .fsgid = 0, .umask = 022 };

struct vfs_cred vt_cred(uid_t uid, gid_t gid)
{
	struct vfs_cred c = { .fsuid = uid, .fsgid = gid, .umask = 022 };

	return c;
}

char *vt_mkdtemp(const char *tag)
{
	const char *tmp = getenv("TMPDIR");
	char *p;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (asprintf(&p, "%s/vfstest-%s-XXXXXX", tmp, tag) < 0)
		fail_msg("asprintf");
	if (!mkdtemp(p))
		fail_msg("mkdtemp %s: %s", p, strerror(errno));
	return p;
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static int chmod_one(const char *path, const struct stat *st, int type,
		     struct FTW *ftw)
{
	if (type == FTW_D || type == FTW_DNR)
		chmod(path, 0700);
	return 0;
}

void vt_rmtree(const char *path)
{
	if (!path)
		return;
	nftw(path, chmod_one, 16, FTW_PHYS);
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *join(const char *dir, const char *rel)
{
	static char buf[4][PATH_MAX];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], PATH_MAX, "%s/%s", dir, rel);
	return buf[i];
}

void vt_write(const char *dir, const char *rel, const char *content,
	      mode_t mode)
{
	const char *p = join(dir, rel);
	int fd = open(p, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
	size_t len = strlen(content);

	if (fd < 0 || write(fd, content, len) != (ssize_t)len)
		fail_msg("write %s: %s", p, strerror(errno));
	close(fd);
	if (chmod(p, mode))
		fail_msg("chmod %s: %s", p, strerror(errno));
}

void vt_mkdir(const char *dir, const char *rel, mode_t mode)
{
	const char *p = join(dir, rel);

	if (mkdir(p, 0700) || chmod(p, mode))
		fail_msg("mkdir %s: %s", p, strerror(errno));
}

void vt_symlink(const char *dir, const char *rel, const char *target)
{
	if (symlink(target, join(dir, rel)))
		fail_msg("symlink %s: %s", rel, strerror(errno));
}

void vt_setxattr(const char *dir, const char *rel, const char *name,
		 const char *value)
{
	if (lsetxattr(join(dir, rel), name, value, strlen(value), 0))
		fail_msg("setxattr %s: %s", rel, strerror(errno));
}

bool vt_exists(const char *dir, const char *rel)
{
	struct stat st;

	return lstat(join(dir, rel), &st) == 0;
}

const char *vt_read(const char *dir, const char *rel)
{
	static char buf[65536];
	int fd = open(join(dir, rel), O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/* Growing string. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len)
			break;
		b->cap = b->cap * 2 + n + 64;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	b->len += n;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 1099511628211ULL;
	return h;
}

static uint64_t file_hash(const char *path)
{
	uint64_t h = 1469598103934665603ULL;
	char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		h = fnv(h, buf, n);
	close(fd);
	return h;
}

static void describe_xattrs(struct sbuf *b, const char *path)
{
	char list[4096], val[4096];
	ssize_t len = llistxattr(path, list, sizeof(list));
	char *names[64];
	int n = 0;

	for (ssize_t i = 0; i < len && n < 64; i += strlen(list + i) + 1)
		names[n++] = list + i;
	for (int i = 0; i < n; i++)	/* sort: insertion */
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		ssize_t vl = lgetxattr(path, names[i], val, sizeof(val));

		sb_printf(b, " %s=%016llx", names[i],
			  (unsigned long long)fnv(1469598103934665603ULL, val,
						  vl > 0 ? vl : 0));
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names-only lines "T path": by path. */
static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 2, *(char *const *)b + 2);
}

/* Collect lines for every object below ROOT/REL. */
static void collect(const char *root, const char *rel, bool names_only,
		    char ***lines, size_t *n)
{
	char dirp[PATH_MAX];
	struct dirent *de;
	DIR *d;

	snprintf(dirp, sizeof(dirp), "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(dirp);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char r[PATH_MAX], p[2 * PATH_MAX], link[PATH_MAX];
		struct sbuf b = { 0 };
		struct stat st;
		ssize_t ll;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(r, sizeof(r), "%s%s%s", rel, *rel ? "/" : "",
			 de->d_name);
		snprintf(p, sizeof(p), "%s/%s", root, r);
		if (lstat(p, &st))
			continue;
		if (names_only) {
			sb_printf(&b, "%c %s", S_ISDIR(st.st_mode) ? 'd' :
				  S_ISLNK(st.st_mode) ? 'l' :
				  S_ISREG(st.st_mode) ? 'f' :
				  S_ISFIFO(st.st_mode) ? 'p' : 's', r);
		} else {
			sb_printf(&b,
				  "%s %o %u:%u %lld m%lld.%09ld c%lld.%09ld",
				  r, st.st_mode, st.st_uid, st.st_gid,
				  (long long)st.st_size,
				  (long long)st.st_mtim.tv_sec,
				  st.st_mtim.tv_nsec,
				  (long long)st.st_ctim.tv_sec,
				  st.st_ctim.tv_nsec);
			if (S_ISREG(st.st_mode))
				sb_printf(&b, " h%016llx",
					  (unsigned long long)file_hash(p));
			ll = readlink(p, link, sizeof(link) - 1);
			if (S_ISLNK(st.st_mode) && ll >= 0) {
				link[ll] = '\0';
				sb_printf(&b, " -> %s", link);
			}
			describe_xattrs(&b, p);
		}
		*lines = realloc(*lines, (*n + 1) * sizeof(char *));
		(*lines)[(*n)++] = b.s;
		if (S_ISDIR(st.st_mode))
			collect(root, r, names_only, lines, n);
	}
	closedir(d);
}

char *vt_tree(const char *root, bool names_only)
{
	struct sbuf out = { 0 };
	char **lines = NULL;
	size_t n = 0;

	collect(root, "", names_only, &lines, &n);
	if (n)
		qsort(lines, n, sizeof(char *),
		      names_only ? cmp_path : cmp_str);
	sb_printf(&out, "%s", "");
	for (size_t i = 0; i < n; i++) {
		sb_printf(&out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return out.s;
}

int vt_fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

int vt_view_open(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, int flags, mode_t mode)
{
	struct vfs_file *f = NULL;
	struct vfs_target t;
	int ret = vfs_open(v, c, cwd, path, flags, mode, &t, &f);

	if (ret)
		return ret;
	if (!t.host[0]) {
		vfs_file_put(f);
		return -ENXIO;
	}
	ret = open(t.host, t.flags | O_CLOEXEC, mode);
	if (ret < 0)
		ret = -errno;
	vfs_file_put(f);
	return ret;
}

const char *vt_view_read(struct vfs *v, const struct vfs_cred *c,
			 const char *path)
{
	static char buf[65536];
	int fd = vt_view_open(v, c, NULL, path, O_RDONLY, 0);
	ssize_t n;

	if (fd < 0)
		fail_msg("open %s in the view: %s", path, strerror(-fd));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

int vt_view_write(struct vfs *v, const struct vfs_cred *c, const char *path,
		  const char *content)
{
	int fd = vt_view_open(v, c, NULL, path,
			      O_CREAT | O_TRUNC | O_WRONLY, 0644);
	size_t len = strlen(content);

	if (fd < 0)
		return fd;
	if (write(fd, content, len) != (ssize_t)len) {
		int e = -errno;

		close(fd);
		return e;
	}
	close(fd);
	return 0;
}

char *vt_view_ls(struct vfs *v, const struct vfs_cred *c, const char *path)
{
	struct vfs_dir *d;
	struct sbuf out = { 0 };
	const char **names;
	size_t n = 0;
	int ret = vfs_opendir(v, c, NULL, path, 0, &d);

	if (ret)
		fail_msg("opendir %s: %s", path, strerror(-ret));
	names = calloc(vfs_dir_count(d) + 1, sizeof(char *));
	for (size_t i = 0; i < vfs_dir_count(d); i++) {
		const char *nm = vfs_dir_get(d, i)->name;

		if (strcmp(nm, ".") && strcmp(nm, ".."))
			names[n++] = nm;
	}
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	sb_printf(&out, "%s", "");
	for (size_t i = 0; i < n; i++)
		sb_printf(&out, "%s%s", i ? " " : "", names[i]);
	free(names);
	vfs_closedir(d);
	return out.s;
}

void vt_layer(const char *top, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", top, name);
	vt_mkdir(top, name, 0755);
}

void vt_fixture_done(struct vfs *v, char *top, int fds)
{
	vfs_free(v);
	vt_rmtree(top);
	assert_int_equal(vt_fd_count(), fds);
	free(top);
}
