// SPDX-License-Identifier: MIT
/*
 * Overlay differential driver (see vfs_ovlmodel.h).
 *
 * Scope of the model: names a, b, c, d, depth up to 3, files, directories
 * and symlinks whose body ("nowhere") never resolves, hard links, modes
 * that keep the owner's rwx so that the run is valid as root or not.  The
 * kernel's errno rules for these calls are restated here independently of
 * vfs/ (order: parent walk of the old path, of the new path, then the
 * checks of fs/namei.c), plus the overlay's documented choice: renaming a
 * directory that exists in a lower layer is -EXDEV.
 *
 * Masks (vfs_mask()): the last SIZE % 4 bytes of an input name up to
 * three paths masked before the first operation; the model starts
 * without them, and the OCI check removes them from the lowers before
 * applying the upper (a mask is not persisted).  Inode numbers: an object
 * keeps the st_ino and st_dev it was first seen with through every
 * operation (copy-up included).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "lib/vfs_ovlmodel.h"
#include "vfs.h"

#define XNAME	"user.k"
#define BODY	"nowhere"

struct node;

struct ent {
	char *name;
	struct node *node;
};

struct node {
	char type;		/* 'd', 'f', 'l' */
	char *data;		/* content or symlink body */
	size_t len;
	mode_t mode;
	bool lower;		/* directory present in a lower layer */
	int refs;		/* names: nlink of a file */
	dev_t dev;		/* first seen st_dev, st_ino (0: not yet) */
	ino_t ino;
	char x[4];
	int xlen;		/* -1: no user.k */
	struct ent *ents;
	int n;
};

/* Paths: 1 to 3 components out of 4 names, from one byte. */
struct path {
	int n;
	const char *c[3];
	char str[16];
};

struct vom {
	char *top;		/* temporary directory holding the layers */
	char upper[PATH_MAX], low1[PATH_MAX], low2[PATH_MAX];
	char *fp1, *fp2;	/* fingerprints of the lowers */
	struct vfs *v;
	struct node *model;
	struct path masks[3];
	int nmasks;
	int verbose;
	char why[512];
};

static const struct vfs_cred root_cred = { .fsuid = 0, .fsgid = 0,
					   .umask = 022 };

/* Model tree. */

static struct node *node_new(char type, mode_t mode)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n)
		abort();
	n->type = type;
	n->mode = mode;
	n->refs = 1;
	n->xlen = -1;
	return n;
}

static void node_put(struct node *n)
{
	if (!n || --n->refs > 0)
		return;
	for (int i = 0; i < n->n; i++) {
		free(n->ents[i].name);
		node_put(n->ents[i].node);
	}
	free(n->ents);
	free(n->data);
	free(n);
}

static struct ent *find(struct node *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->ents[i].name, name))
			return &d->ents[i];
	return NULL;
}

/* NAME -> N in D; takes the reference on N. */
static void add(struct node *d, const char *name, struct node *n)
{
	d->ents = realloc(d->ents, (d->n + 1) * sizeof(*d->ents));
	if (!d->ents)
		abort();
	d->ents[d->n].name = strdup(name);
	d->ents[d->n].node = n;
	d->n++;
}

static void del(struct node *d, const char *name)
{
	struct ent *e = find(d, name);

	if (!e)
		return;
	free(e->name);
	node_put(e->node);
	*e = d->ents[--d->n];
}

static void set_data(struct node *n, const char *data, size_t len)
{
	free(n->data);
	n->data = malloc(len + 1);
	if (!n->data)
		abort();
	memcpy(n->data, data, len);
	n->data[len] = '\0';
	n->len = len;
}

static const char *const names[] = { "a", "b", "c", "d" };

static void decode_path(uint8_t x, struct path *p)
{
	int k = x / 3;

	p->n = x % 3 + 1;
	p->str[0] = '\0';
	for (int i = 0; i < p->n; i++, k /= 4) {
		p->c[i] = names[k % 4];
		strcat(p->str, "/");
		strcat(p->str, p->c[i]);
	}
}

static const char *last(const struct path *p)
{
	return p->c[p->n - 1];
}

/* The parent directory of P, or the walk's errno. */
static int walk_parent(struct node *root, const struct path *p,
		       struct node **dir)
{
	struct node *cur = root;

	for (int i = 0; i < p->n - 1; i++) {
		struct ent *e = find(cur, p->c[i]);

		if (!e || e->node->type == 'l')
			return -ENOENT;	/* symlink bodies dangle */
		if (e->node->type != 'd')
			return -ENOTDIR;
		cur = e->node;
	}
	*dir = cur;
	return 0;
}

/* Final object of P following a final symlink (always dangling). */
static int walk_follow(struct node *root, const struct path *p,
		       struct node **out)
{
	struct node *d;
	struct ent *e;
	int ret = walk_parent(root, p, &d);

	if (ret)
		return ret;
	e = find(d, last(p));
	if (!e || e->node->type == 'l')
		return -ENOENT;
	*out = e->node;
	return 0;
}

static bool below(const char *a, const char *b)
{
	size_t n = strlen(b);

	return !strncmp(a, b, n) && a[n] == '/';
}

/* Operations: the model's result and the view's must agree. */

enum {
	OP_WRITE, OP_APPEND, OP_MKDIR, OP_UNLINK, OP_RMDIR, OP_RENAME,
	OP_LINK, OP_SYMLINK, OP_CHMOD, OP_TRUNCATE, OP_SETXATTR, OP_UTIMENS,
	OP_COUNT
};

static const char *const op_names[] = {
	"write", "append", "mkdir", "unlink", "rmdir", "rename", "link",
	"symlink", "chmod", "truncate", "setxattr", "utimens",
};

struct op {
	int code;
	struct path p, q;
	uint8_t arg;
	char content[4];
	size_t clen;
	unsigned int rflags;
};

static int model_write(struct node *root, const struct op *o, bool append)
{
	struct node *d, *f;
	struct ent *e;
	int ret = walk_parent(root, &o->p, &d);

	if (ret)
		return ret;
	e = find(d, last(&o->p));
	if (!e && append)
		return -ENOENT;
	if (e && e->node->type == 'd')
		return -EISDIR;
	if (e && e->node->type == 'l')
		return -ELOOP;
	if (!e) {
		f = node_new('f', 0644);
		add(d, last(&o->p), f);
	} else {
		f = e->node;
	}
	if (!append) {
		set_data(f, o->content, o->clen);
	} else {
		char buf[256];

		memcpy(buf, f->data ? f->data : "", f->len);
		memcpy(buf + f->len, o->content, o->clen);
		if (f->len + o->clen < 200)
			set_data(f, buf, f->len + o->clen);
	}
	return 0;
}

static int model_create(struct node *root, const struct op *o, char type)
{
	struct node *d;
	int ret = walk_parent(root, &o->p, &d);

	if (ret)
		return ret;
	if (find(d, last(&o->p)))
		return -EEXIST;
	if (type == 'd') {
		add(d, last(&o->p), node_new('d', 0755));
	} else {
		struct node *l = node_new('l', 0777);

		set_data(l, BODY, strlen(BODY));
		add(d, last(&o->p), l);
	}
	return 0;
}

static int model_remove(struct node *root, const struct op *o, bool dir)
{
	struct node *d;
	struct ent *e;
	int ret = walk_parent(root, &o->p, &d);

	if (ret)
		return ret;
	e = find(d, last(&o->p));
	if (!e)
		return -ENOENT;
	if (!dir && e->node->type == 'd')
		return -EISDIR;
	if (dir && e->node->type != 'd')
		return -ENOTDIR;
	if (dir && e->node->n)
		return -ENOTEMPTY;
	del(d, last(&o->p));
	return 0;
}

static int model_rename(struct node *root, const struct op *o)
{
	bool exch = o->rflags & RENAME_EXCHANGE;
	struct node *od, *nd, *on, *nn;
	struct ent *oe, *ne;
	int ret = walk_parent(root, &o->p, &od);

	if (ret || (ret = walk_parent(root, &o->q, &nd)))
		return ret;
	oe = find(od, last(&o->p));
	ne = find(nd, last(&o->q));
	if (!oe)
		return -ENOENT;
	if ((o->rflags & RENAME_NOREPLACE) && ne)
		return -EEXIST;
	if (exch && !ne)
		return -ENOENT;
	if (below(o->q.str, o->p.str))
		return -EINVAL;
	if (below(o->p.str, o->q.str))
		return exch ? -EINVAL : -ENOTEMPTY;
	on = oe->node;
	nn = ne ? ne->node : NULL;
	if (on == nn)
		return 0;
	if (!exch && nn && on->type == 'd' && nn->type != 'd')
		return -ENOTDIR;
	if (!exch && nn && on->type != 'd' && nn->type == 'd')
		return -EISDIR;
	if (on->type == 'd' && on->lower)
		return -EXDEV;
	if (!exch && nn && nn->type == 'd' && nn->n)
		return -ENOTEMPTY;
	if (exch && nn->type == 'd' && nn->lower)
		return -EXDEV;
	if (exch) {
		oe->node = nn;
		ne->node = on;
		return 0;
	}
	on->refs++;
	del(nd, last(&o->q));
	add(nd, last(&o->q), on);
	del(od, last(&o->p));
	return 0;
}

static int model_link(struct node *root, const struct op *o)
{
	struct node *od, *nd;
	struct ent *oe;
	int ret = walk_parent(root, &o->p, &od);

	if (ret)
		return ret;
	oe = find(od, last(&o->p));
	if (!oe)
		return -ENOENT;
	ret = walk_parent(root, &o->q, &nd);
	if (ret)
		return ret;
	if (find(nd, last(&o->q)))
		return -EEXIST;
	if (oe->node->type == 'd')
		return -EPERM;
	oe->node->refs++;
	add(nd, last(&o->q), oe->node);
	return 0;
}

static int model_attr(struct node *root, const struct op *o)
{
	struct node *n;
	int ret = walk_follow(root, &o->p, &n);

	if (ret)
		return ret;
	switch (o->code) {
	case OP_CHMOD:
		n->mode = (n->type == 'd' ? 0700 : 0600) | (o->arg & 077);
		break;
	case OP_TRUNCATE: {
		char buf[16] = { 0 };
		size_t len = o->arg % 8;

		if (n->type == 'd')
			return -EISDIR;
		memcpy(buf, n->data ? n->data : "",
		       n->len < len ? n->len : len);
		set_data(n, buf, len);
		break;
	}
	case OP_SETXATTR:
		n->x[0] = 'x';
		n->x[1] = 'a' + o->arg % 26;
		n->xlen = 2;
		break;
	}
	return 0;
}

static int model_apply(struct node *root, const struct op *o)
{
	switch (o->code) {
	case OP_WRITE:
		return model_write(root, o, false);
	case OP_APPEND:
		return model_write(root, o, true);
	case OP_MKDIR:
		return model_create(root, o, 'd');
	case OP_SYMLINK:
		return model_create(root, o, 'l');
	case OP_UNLINK:
		return model_remove(root, o, false);
	case OP_RMDIR:
		return model_remove(root, o, true);
	case OP_RENAME:
		return model_rename(root, o);
	case OP_LINK:
		return model_link(root, o);
	default:
		return model_attr(root, o);
	}
}

/* The view's side, as the supervisor would do it. */
static int view_write(struct vfs *v, const struct op *o, int flags)
{
	struct vfs_target t;
	int fd, ret = vfs_open(v, &root_cred, NULL, o->p.str, flags, 0644,
			       &t, NULL);

	if (ret)
		return ret;
	fd = open(t.host, t.flags | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	ret = write(fd, o->content, o->clen) == (ssize_t)o->clen ? 0 : -EIO;
	close(fd);
	return ret;
}

static int view_apply(struct vfs *v, const struct op *o)
{
	const struct vfs_cred *c = &root_cred;
	struct timespec ts[2] = { { 1000, 0 }, { 2000 + o->arg, 5 } };
	char val[2] = { 'x', (char)('a' + o->arg % 26) };

	switch (o->code) {
	case OP_WRITE:
		return view_write(v, o, O_CREAT | O_WRONLY | O_TRUNC |
				  O_NOFOLLOW);
	case OP_APPEND:
		return view_write(v, o, O_WRONLY | O_APPEND | O_NOFOLLOW);
	case OP_MKDIR:
		return vfs_mkdir(v, c, NULL, o->p.str, 0755);
	case OP_SYMLINK:
		return vfs_symlink(v, c, BODY, NULL, o->p.str);
	case OP_UNLINK:
		return vfs_unlink(v, c, NULL, o->p.str, 0);
	case OP_RMDIR:
		return vfs_rmdir(v, c, NULL, o->p.str);
	case OP_RENAME:
		return vfs_rename(v, c, NULL, o->p.str, NULL, o->q.str,
				  o->rflags);
	case OP_LINK:
		return vfs_link(v, c, NULL, o->p.str, NULL, o->q.str, 0);
	case OP_CHMOD: {
		struct stat st;
		int ret = vfs_stat(v, c, NULL, o->p.str, 0, &st);

		if (ret)
			return ret;
		return vfs_chmod(v, c, NULL, o->p.str,
				 (S_ISDIR(st.st_mode) ? 0700 : 0600) |
				 (o->arg & 077), 0);
	}
	case OP_TRUNCATE:
		return vfs_truncate(v, c, NULL, o->p.str, o->arg % 8);
	case OP_SETXATTR:
		return vfs_setxattr(v, c, NULL, o->p.str, XNAME, val, 2, 0, 0);
	default:
		return vfs_utimens(v, c, NULL, o->p.str, ts, 0);
	}
}

static int failf(struct vom *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
	return -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name,
		      ((const struct ent *)b)->name);
}

static int check_file(struct vom *m, const char *path, struct node *n)
{
	char buf[512];
	struct vfs_target t;
	ssize_t len;
	int fd, ret = vfs_open(m->v, &root_cred, NULL, path,
			       O_RDONLY | O_NOFOLLOW, 0, &t, NULL);

	if (ret)
		return failf(m, "%s: open %d", path, ret);
	fd = open(t.host, t.flags | O_CLOEXEC);
	if (fd < 0)
		return failf(m, "%s: host open %s", path, strerror(errno));
	len = read(fd, buf, sizeof(buf));
	close(fd);
	if (len != (ssize_t)n->len || memcmp(buf, n->data ? n->data : "", len))
		return failf(m, "%s: content %zd bytes, want %zu", path, len,
			     n->len);
	return 0;
}

static int check_entry(struct vom *m, const char *path, struct node *n);

/* Directory PATH of the view against model directory D. */
static int check_dir(struct vom *m, const char *path, struct node *d)
{
	const char *list[64];
	char child[PATH_MAX];
	struct vfs_dir *dir;
	size_t cnt = 0;
	int ret = vfs_opendir(m->v, &root_cred, NULL, *path ? path : "/", 0,
			      &dir);

	if (ret)
		return failf(m, "%s: opendir %d", path, ret);
	for (size_t i = 2; i < vfs_dir_count(dir) && cnt < 64; i++)
		list[cnt++] = vfs_dir_get(dir, i)->name;
	if (cnt)
		qsort(list, cnt, sizeof(*list), cmp_str);
	if (d->n)
		qsort(d->ents, d->n, sizeof(*d->ents), cmp_ent);
	ret = 0;
	if ((int)cnt != d->n)
		ret = failf(m, "%s/: %zu entries, model %d", path, cnt, d->n);
	for (int i = 0; !ret && i < d->n; i++)
		if (strcmp(list[i], d->ents[i].name))
			ret = failf(m, "%s/: entry %s, model %s", path,
				    list[i], d->ents[i].name);
	vfs_closedir(dir);
	for (int i = 0; !ret && i < d->n; i++) {
		snprintf(child, sizeof(child), "%s/%s", path, d->ents[i].name);
		ret = check_entry(m, child, d->ents[i].node);
	}
	return ret;
}

static int check_entry(struct vom *m, const char *path, struct node *n)
{
	char buf[64];
	struct stat st;
	ssize_t len;
	int ret = vfs_stat(m->v, &root_cred, NULL, path, AT_SYMLINK_NOFOLLOW,
			   &st);

	if (ret)
		return failf(m, "%s: stat %d", path, ret);
	if ((n->type == 'd') != !!S_ISDIR(st.st_mode) ||
	    (n->type == 'l') != !!S_ISLNK(st.st_mode))
		return failf(m, "%s: type %o, model %c", path, st.st_mode,
			     n->type);
	if (n->ino && (n->ino != st.st_ino || n->dev != st.st_dev))
		return failf(m, "%s: inode %lu:%lu, was %lu:%lu", path,
			     (unsigned long)st.st_dev,
			     (unsigned long)st.st_ino, (unsigned long)n->dev,
			     (unsigned long)n->ino);
	n->dev = st.st_dev;
	n->ino = st.st_ino;
	if (n->type == 'l') {
		len = vfs_readlink(m->v, &root_cred, NULL, path, buf,
				   sizeof(buf));
		if (len != (ssize_t)strlen(BODY) || memcmp(buf, BODY, len))
			return failf(m, "%s: readlink %zd", path, len);
		return 0;
	}
	if ((st.st_mode & 07777) != n->mode)
		return failf(m, "%s: mode %o, model %o", path,
			     st.st_mode & 07777, n->mode);
	len = vfs_getxattr(m->v, &root_cred, NULL, path, XNAME, buf,
			   sizeof(buf), AT_SYMLINK_NOFOLLOW);
	if (n->xlen < 0 ? len != -ENODATA :
	    (len != n->xlen || memcmp(buf, n->x, len)))
		return failf(m, "%s: xattr %zd, model %d", path, len, n->xlen);
	if (n->type == 'd')
		return check_dir(m, path, n);
	if (st.st_nlink != (nlink_t)n->refs)
		return failf(m, "%s: nlink %lu, model %d", path,
			     (unsigned long)st.st_nlink, n->refs);
	return check_file(m, path, n);
}

/* Host trees: fingerprints and an independent OCI layer applier. */

static unsigned long long hash(const char *p, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

static void fp_dir(const char *dir, const char *rel, char **out,
		   size_t *len)
{
	char p[2 * PATH_MAX], r[PATH_MAX], buf[4096], line[PATH_MAX + 256];
	struct dirent **ents;
	int n;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	n = scandir(p, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		struct stat st;
		ssize_t bl = 0, xl;
		int fd;

		if (ents[i]->d_name[0] == '.' && (!ents[i]->d_name[1] ||
		    !strcmp(ents[i]->d_name, ".."))) {
			free(ents[i]);
			continue;
		}
		snprintf(r, sizeof(r), "%s%s%s", rel, *rel ? "/" : "",
			 ents[i]->d_name);
		snprintf(p, sizeof(p), "%s/%s", dir, r);
		free(ents[i]);
		lstat(p, &st);
		if (S_ISREG(st.st_mode) &&
		    (fd = open(p, O_RDONLY | O_CLOEXEC)) >= 0) {
			bl = read(fd, buf, sizeof(buf));
			close(fd);
		} else if (S_ISLNK(st.st_mode)) {
			bl = readlink(p, buf, sizeof(buf));
		}
		xl = lgetxattr(p, XNAME, buf + 2048, 64);
		snprintf(line, sizeof(line),
			 "%s %o %u:%u m%lld.%ld c%lld.%ld %llx x%llx\n", r,
			 st.st_mode, st.st_uid, st.st_gid,
			 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			 (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
			 hash(buf, bl > 0 ? bl : 0),
			 hash(buf + 2048, xl > 0 ? xl : 0));
		*out = realloc(*out, *len + strlen(line) + 1);
		strcpy(*out + *len, line);
		*len += strlen(line);
		if (S_ISDIR(st.st_mode))
			fp_dir(dir, r, out, len);
	}
	free(ents);
}

static char *fingerprint(const char *dir)
{
	char *out = calloc(1, 1);
	size_t len = 0;

	fp_dir(dir, "", &out, &len);
	return out;
}

/* Apply host layer directory PATH onto model directory T (OCI rules). */
static int oci_apply(struct vom *m, struct node *t, const char *path,
		     bool upper)
{
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	int ret = 0;

	if (n < 0)
		return failf(m, "scandir %s: %s", path, strerror(errno));
	/* Whiteouts and the opaque marker hide the layers below first. */
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;

		if (!strcmp(nm, ".wh..wh..opq")) {
			while (t->n)
				del(t, t->ents[0].name);
		} else if (!strncmp(nm, ".wh..wh.", 8)) {
			if (upper)
				ret = failf(m, "upper keeps %s/%s", path, nm);
		} else if (!strncmp(nm, ".wh.", 4)) {
			del(t, nm + 4);
		}
	}
	for (int i = 0; i < n && !ret; i++) {
		const char *nm = ents[i]->d_name;
		char p[PATH_MAX], buf[512];
		struct node *c;
		struct ent *e;
		struct stat st;
		ssize_t len;

		if (!strcmp(nm, ".") || !strcmp(nm, "..") ||
		    !strncmp(nm, ".wh.", 4))
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, nm);
		if (lstat(p, &st))
			return failf(m, "lstat %s", p);
		e = find(t, nm);
		if (S_ISDIR(st.st_mode) && e && e->node->type == 'd') {
			c = e->node;
		} else {
			c = node_new(S_ISDIR(st.st_mode) ? 'd' :
				     S_ISLNK(st.st_mode) ? 'l' : 'f', 0);
			del(t, nm);
			add(t, nm, c);
		}
		c->mode = st.st_mode & 07777;
		len = lgetxattr(p, XNAME, c->x, sizeof(c->x));
		c->xlen = len < 0 ? -1 : (int)len;
		if (S_ISDIR(st.st_mode)) {
			ret = oci_apply(m, c, p, upper);
		} else if (S_ISLNK(st.st_mode)) {
			len = readlink(p, buf, sizeof(buf));
			set_data(c, buf, len > 0 ? len : 0);
		} else {
			int fd = open(p, O_RDONLY | O_CLOEXEC);

			len = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
			if (fd >= 0)
				close(fd);
			set_data(c, buf, len > 0 ? len : 0);
		}
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return ret;
}

/* Same names, types, modes, contents, xattrs (not link counts). */
static int tree_equal(struct vom *m, const char *path, struct node *a,
		      struct node *b)
{
	if (a->type != b->type || (a->type != 'l' && a->mode != b->mode) ||
	    a->len != b->len || (a->len && memcmp(a->data, b->data, a->len)) ||
	    (a->type != 'l' && (a->xlen != b->xlen ||
	     (a->xlen > 0 && memcmp(a->x, b->x, a->xlen)))) || a->n != b->n)
		return failf(m, "oci %s: %c %o %zu x%d n%d, model %c %o %zu "
			     "x%d n%d", path, a->type, a->mode, a->len,
			     a->xlen, a->n, b->type, b->mode, b->len, b->xlen,
			     b->n);
	if (a->n) {
		qsort(a->ents, a->n, sizeof(*a->ents), cmp_ent);
		qsort(b->ents, b->n, sizeof(*b->ents), cmp_ent);
	}
	for (int i = 0; i < a->n; i++) {
		char p[PATH_MAX];

		if (strcmp(a->ents[i].name, b->ents[i].name))
			return failf(m, "oci %s/: %s, model %s", path,
				     a->ents[i].name, b->ents[i].name);
		snprintf(p, sizeof(p), "%s/%s", path, a->ents[i].name);
		if (tree_equal(m, p, a->ents[i].node, b->ents[i].node))
			return -1;
	}
	return 0;
}

/* The lowers and the model of their merge. */

struct spec {
	int layer;		/* 1: highest lower, 2: bottom */
	const char *rel;
	char type;		/* 'd', 'f', 'l', 'w' (whiteout), 'o' */
	const char *data;
	mode_t mode;
	const char *xattr;
};

static const struct spec lowers[] = {
	{ 2, "a", 'd', NULL, 0755, NULL },
	{ 2, "a/b", 'f', "L2ab", 0644, "xq" },
	{ 2, "b", 'd', NULL, 0755, NULL },
	{ 2, "b/c", 'f', "L2bc", 0644, NULL },
	{ 2, "c", 'f', "L2c", 0644, NULL },
	{ 2, "d", 'd', NULL, 0755, NULL },
	{ 2, "d/a", 'd', NULL, 0755, NULL },
	{ 2, "d/a/b", 'f', "hidden", 0644, NULL },
	{ 1, "a", 'd', NULL, 0750, "xd" },
	{ 1, "a/c", 'f', "L1ac", 0640, NULL },
	{ 1, "a/d", 'd', NULL, 0755, NULL },
	{ 1, "a/d/a", 'f', "L1ada", 0600, NULL },
	{ 1, "b", 'd', NULL, 0755, NULL },
	{ 1, "b/a", 'l', BODY, 0777, NULL },
	{ 1, ".wh.c", 'w', NULL, 0644, NULL },
	{ 1, "d", 'd', NULL, 0711, NULL },
	{ 1, "d/.wh..wh..opq", 'o', NULL, 0644, NULL },
	{ 1, "d/d", 'f', "L1dd", 0644, NULL },
};

static int make_lowers(struct vom *m)
{
	for (size_t i = 0; i < sizeof(lowers) / sizeof(lowers[0]); i++) {
		const struct spec *s = &lowers[i];
		char p[2 * PATH_MAX];
		int fd;

		snprintf(p, sizeof(p), "%s/%s", s->layer == 1 ? m->low1 :
			 m->low2, s->rel);
		if (s->type == 'd') {
			if (mkdir(p, 0700) || chmod(p, s->mode))
				return -1;
		} else if (s->type == 'l') {
			if (symlink(s->data, p))
				return -1;
		} else {
			fd = open(p, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
			if (fd < 0)
				return -1;
			if (s->data && write(fd, s->data, strlen(s->data)) < 0)
				return -1;
			close(fd);
			if (chmod(p, s->mode))
				return -1;
		}
		if (s->xattr && lsetxattr(p, XNAME, s->xattr, 2, 0))
			return -1;
	}
	return 0;
}

/* The masked paths do not exist in tree ROOT. */
static void apply_masks(const struct vom *m, struct node *root)
{
	for (int i = 0; i < m->nmasks; i++) {
		struct node *d;

		if (!walk_parent(root, &m->masks[i], &d))
			del(d, last(&m->masks[i]));
	}
}

/* Directories of the lowers: renaming them is -EXDEV. */
static void mark_lower(struct node *d)
{
	for (int i = 0; i < d->n; i++) {
		if (d->ents[i].node->type == 'd') {
			d->ents[i].node->lower = true;
			mark_lower(d->ents[i].node);
		}
	}
}

/* The model of the initial view, by applying the lowers as OCI layers. */
static struct node *initial_model(struct vom *m)
{
	struct node *root = node_new('d', 0755);

	if (oci_apply(m, root, m->low2, false) ||
	    oci_apply(m, root, m->low1, false)) {
		node_put(root);
		return NULL;
	}
	mark_lower(root);
	return root;
}

struct vom *vom_new(void)
{
	struct vom *m = calloc(1, sizeof(*m));
	const char *tmp = getenv("TMPDIR");

	if (!m)
		return NULL;
	umask(022);
	if (asprintf(&m->top, "%s/vfsfuzz-XXXXXX",
		     tmp && *tmp ? tmp : "/tmp") < 0 || !mkdtemp(m->top))
		goto fail;
	snprintf(m->upper, sizeof(m->upper), "%s/upper", m->top);
	snprintf(m->low1, sizeof(m->low1), "%s/low1", m->top);
	snprintf(m->low2, sizeof(m->low2), "%s/low2", m->top);
	if (mkdir(m->low1, 0755) || mkdir(m->low2, 0755) || make_lowers(m))
		goto fail;
	m->fp1 = fingerprint(m->low1);
	m->fp2 = fingerprint(m->low2);
	return m;
fail:
	fprintf(stderr, "vom_new: %s\n", strerror(errno));
	vom_free(m);
	return NULL;
}

static void rmtree(const char *path)
{
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, NULL);

	chmod(path, 0700);
	for (int i = 0; i < n; i++) {
		char p[PATH_MAX];

		if (strcmp(ents[i]->d_name, ".") &&
		    strcmp(ents[i]->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", path,
				 ents[i]->d_name);
			if (unlink(p) && errno == EISDIR)
				rmtree(p);
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	rmdir(path);
}

void vom_free(struct vom *m)
{
	if (!m)
		return;
	if (m->top)
		rmtree(m->top);
	free(m->top);
	free(m->fp1);
	free(m->fp2);
	free(m);
}

static void decode_op(const uint8_t *b, struct op *o)
{
	static const unsigned int rflags[] = {
		0, 0, RENAME_NOREPLACE, RENAME_EXCHANGE,
	};

	o->code = b[0] % OP_COUNT;
	decode_path(b[1], &o->p);
	decode_path(b[2], &o->q);
	o->arg = b[3];
	o->clen = 1 + b[3] % 3;
	for (size_t i = 0; i < o->clen; i++)
		o->content[i] = 'A' + (b[3] + 7 * i) % 26;
	o->rflags = rflags[(b[0] / OP_COUNT) % 4];
	if (o->code == OP_SYMLINK || o->code == OP_MKDIR)
		o->q = o->p;
}

static int check_end(struct vom *m)
{
	struct node *t = node_new('d', 0755);
	char *fp1 = fingerprint(m->low1), *fp2 = fingerprint(m->low2);
	int ret = 0;

	if (strcmp(fp1, m->fp1) || strcmp(fp2, m->fp2))
		ret = failf(m, "a lower layer changed");
	if (!ret)
		ret = oci_apply(m, t, m->low2, false);
	if (!ret)
		ret = oci_apply(m, t, m->low1, false);
	if (!ret) {
		apply_masks(m, t);
		ret = oci_apply(m, t, m->upper, true);
	}
	if (!ret) {
		/* The root's mode is the upper's, not modelled. */
		t->mode = m->model->mode;
		ret = tree_equal(m, "", t, m->model);
	}
	node_put(t);
	free(fp1);
	free(fp2);
	return ret;
}

static void print_op(const struct op *o, int r)
{
	fprintf(stderr, "  %s %s %s flags %u arg %u -> %d\n",
		op_names[o->code], o->p.str, o->q.str, o->rflags, o->arg, r);
}

int vom_run(struct vom *m, const uint8_t *data, size_t size, int verbose)
{
	const char *lows[2] = { m->low1, m->low2 };
	int ret = 0, fds = 0;
	size_t nops = size / 4;
	DIR *d;

	if (nops > 64)
		nops = 64;
	m->nmasks = size % 4;
	for (int i = 0; i < m->nmasks; i++)
		decode_path(data[size - m->nmasks + i], &m->masks[i]);
	if ((d = opendir("/proc/self/fd"))) {
		while (readdir(d))
			fds++;
		closedir(d);
	}
	m->why[0] = '\0';
	rmtree(m->upper);
	if (mkdir(m->upper, 0755) || vfs_new(&m->v) ||
	    vfs_mount_overlay(m->v, "/", m->upper, lows, 2,
			      VFS_MOUNT_ORIGINS)) {
		fprintf(stderr, "vom_run: setup failed\n");
		abort();
	}
	for (int i = 0; i < m->nmasks; i++) {
		if (verbose)
			fprintf(stderr, "  mask %s\n", m->masks[i].str);
		if (vfs_mask(m->v, m->masks[i].str)) {
			fprintf(stderr, "vom_run: vfs_mask failed\n");
			abort();
		}
	}
	m->model = initial_model(m);
	if (!m->model)
		ret = -1;
	else
		apply_masks(m, m->model);
	if (!ret)
		ret = check_dir(m, "", m->model);
	for (size_t i = 0; i < nops && !ret; i++) {
		struct op o;
		int want, got;

		decode_op(data + 4 * i, &o);
		want = model_apply(m->model, &o);
		got = view_apply(m->v, &o);
		if (verbose)
			print_op(&o, got);
		if (want != got) {
			print_op(&o, got);
			ret = failf(m, "op %zu: view %d, model %d", i, got,
				    want);
		}
		if (!ret)
			ret = check_dir(m, "", m->model);
		if (ret && !verbose)
			print_op(&o, got);
	}
	if (!ret)
		ret = check_end(m);
	vfs_free(m->v);
	m->v = NULL;
	node_put(m->model);
	m->model = NULL;
	if (!ret && (d = opendir("/proc/self/fd"))) {
		int now = 0;

		while (readdir(d))
			now++;
		closedir(d);
		if (now != fds)
			ret = failf(m, "fd leak: %d fds, %d before", now, fds);
	}
	if (ret) {
		for (int i = 0; i < m->nmasks; i++)
			fprintf(stderr, "  (mask %s)\n", m->masks[i].str);
		fprintf(stderr, "vom: %s\n", m->why);
	}
	return ret;
}
