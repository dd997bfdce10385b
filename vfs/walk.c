// SPDX-License-Identifier: MIT
/*
 * Path resolution inside the view, after the kernel's link_path_walk().
 *
 * The walk keeps a stack of referenced nodes from the view root down to
 * the current directory, with the canonical view path of each: ".." pops
 * (never below the root), so it goes to the real parent of the directory
 * reached, also across symlinks and mount points.  A symlink's body is
 * spliced in front of the rest of the path; an absolute body restarts at
 * the view root.  Mount points are found by exact canonical view path when
 * a component is entered, so nested mounts and the longest prefix work by
 * construction.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"

/* Room for a symlink body spliced before the rest of a path. */
#define WALK_BUF	(2 * PATH_MAX)

void nd_init(struct nameidata *nd, struct vfs *v, const struct vfs_cred *c)
{
	nd->v = v;
	nd->c = c;
	nd->stk = NULL;
	nd->depth = nd->cap = 0;
	nd->nlinks = 0;
	nd->indirect = false;
	nd->orig = NULL;
	nd->view[0] = '\0';
	nd->dir = nd->node = NULL;
	nd->name[0] = '\0';
	nd->last = VFS_LAST_ROOT;
	nd->trailing = false;
	nd->masked = false;
	nd->hidden = false;
	nd->path[0] = '\0';
	nd->peek = NULL;
	nd->peeked = false;
	nd->host_same = true;
	nd->enoent_same = false;
	nd->resolve = 0;
	nd->floor = 1;
}

void nd_release(struct nameidata *nd)
{
	while (nd->depth > 0)
		vn_put(nd->stk[--nd->depth].vn);
	free(nd->stk);
	nd->stk = NULL;
	nd->cap = 0;
	vn_put(nd->dir);
	vn_put(nd->node);
	nd->dir = nd->node = NULL;
}

/* VN_HOST_* of VN (see vfs_backend_ops.host_walk). */
static unsigned int host_walk(const struct vnode *vn)
{
	return vn->mnt->ops->host_walk ? vn->mnt->ops->host_walk(vn) : 0;
}

static struct vnode *nd_top(const struct nameidata *nd)
{
	return nd->stk[nd->depth - 1].vn;
}

/* Push VN (its reference moves to the stack), entered by NAME. */
static int nd_push(struct nameidata *nd, struct vnode *vn, const char *name)
{
	size_t vlen = nd->stk[nd->depth - 1].vlen;
	size_t len = strlen(name);

	if (vlen + 1 + len >= PATH_MAX) {
		vn_put(vn);
		return -ENAMETOOLONG;
	}
	if (nd->depth == nd->cap) {
		size_t cap = nd->cap * 2;
		struct walk_frame *s = realloc(nd->stk, cap * sizeof(*s));

		if (!s) {
			vn_put(vn);
			return -ENOMEM;
		}
		nd->stk = s;
		nd->cap = cap;
	}
	nd->view[vlen] = '/';
	memcpy(nd->view + vlen + 1, name, len + 1);
	nd->stk[nd->depth].vn = vn;
	nd->stk[nd->depth].vlen = vlen + 1 + len;
	nd->depth++;
	return 0;
}

static void nd_pop(struct nameidata *nd)
{
	if (nd->depth <= 1)
		return;
	vn_put(nd->stk[--nd->depth].vn);
	nd->view[nd->stk[nd->depth - 1].vlen] = '\0';
}

static int nd_start(struct nameidata *nd)
{
	struct vfs_mount *root = vfs_mount_at(nd->v, "", 0);

	while (nd->depth > 1)
		nd_pop(nd);
	if (nd->depth == 1)
		return 0;
	if (!root)
		return -ENOENT;
	nd->cap = 16;
	nd->stk = malloc(nd->cap * sizeof(*nd->stk));
	if (!nd->stk)
		return -ENOMEM;
	nd->stk[0].vn = vn_get(root->root);
	nd->stk[0].vlen = 0;
	nd->depth = 1;
	if (!(host_walk(root->root) & VN_HOST_AT))
		nd->host_same = false;
	nd->view[0] = '\0';
	return 0;
}

/* Is ND->view, LEN bytes, the foreign directory (vfs_set_foreign())? */
static bool nd_is_foreign(const struct nameidata *nd, size_t len)
{
	const struct vfs *v = nd->v;

	return v->foreign && len == v->foreign_len &&
	       !memcmp(nd->view, v->foreign, len);
}

/*
 * NAME in the current directory: a mount root, or the backend's node
 * (masked or not: mounts are above masks).
 */
static int nd_lookup(struct nameidata *nd, const char *name,
		     struct vnode **out)
{
	struct vnode *dir = nd_top(nd);
	size_t vlen = nd->stk[nd->depth - 1].vlen;
	size_t len = strlen(name);
	struct vfs_mount *m;
	int ret;

	if (vlen + 1 + len >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->view[vlen] = '/';
	memcpy(nd->view + vlen + 1, name, len + 1);
	m = vfs_mount_at(nd->v, nd->view, vlen + 1 + len);
	nd->masked = !m && vfs_mask_has(nd->v, nd->view);
	nd->hidden = nd->masked && vfs_hidden_has(nd->v, nd->view);
	ret = nd_is_foreign(nd, vlen + 1 + len);
	nd->view[vlen] = '\0';
	if ((m || ret) && (nd->resolve & VFS_RESOLVE_NO_XDEV))
		return -EXDEV;	/* into a mount of the view, or /proc */
	if (m) {
		nd->host_same = false;
		*out = vn_get(m->root);
		return 0;
	}
	if (nd->hidden) {
		nd->host_same = false;
		return -ENOENT;	/* no layer's object, the upper's neither */
	}
	ret = dir->mnt->ops->lookup(dir, name, nd->masked, out);
	if (nd->masked || (!ret && !(host_walk(*out) & VN_HOST_AT)))
		nd->host_same = false;
	else if (ret == -ENOENT)
		nd->enoent_same = nd->host_same &&
				  (host_walk(dir) & VN_HOST_ALL);
	return ret;
}

/*
 * VFS_PEEK: the host path of last name NAME without looking it up, when
 * the directory's backend can tell (nothing mounted or masked there).
 */
static int nd_peek(struct nameidata *nd, const char *name)
{
	struct vnode *dir = nd_top(nd);
	size_t vlen = nd->stk[nd->depth - 1].vlen;
	size_t len = strlen(name);
	bool plain;

	if (!dir->mnt->ops->peek || vlen + 1 + len >= PATH_MAX)
		return -EAGAIN;
	nd->view[vlen] = '/';
	memcpy(nd->view + vlen + 1, name, len + 1);
	plain = !vfs_mount_at(nd->v, nd->view, vlen + 1 + len) &&
		!vfs_mask_has(nd->v, nd->view);
	nd->view[vlen] = '\0';
	if (!plain)
		return -EAGAIN;
	return dir->mnt->ops->peek(dir, name, nd->peek);
}

/*
 * An absolute symlink body restarts at the root: the view's, or the
 * walk's own for RESOLVE_IN_ROOT (nd_jump_root() in fs/namei.c).
 */
static int nd_jump_root(struct nameidata *nd)
{
	struct vnode *root = nd->stk[nd->floor - 1].vn;

	if (nd->resolve & VFS_RESOLVE_BENEATH)
		return -EXDEV;
	if ((nd->resolve & VFS_RESOLVE_NO_XDEV) && nd_top(nd)->mnt != root->mnt)
		return -EXDEV;
	if (nd->resolve & VFS_RESOLVE_IN_ROOT) {
		while (nd->depth > nd->floor)
			nd_pop(nd);
		return 0;
	}
	return nd_start(nd);
}

/* Replace "LINK" at P..E in BUF by the body of LINK. */
static int nd_splice(struct nameidata *nd, struct vnode *link, char *buf,
		     const char *e)
{
	char body[PATH_MAX];
	size_t rest = strlen(e);
	ssize_t len;

	if (++nd->nlinks > VFS_MAXSYMLINKS)
		return -ELOOP;
	nd->indirect = true;
	len = link->mnt->ops->readlink(link, body, sizeof(body) - 1);
	if (len < 0)
		return (int)len;
	if (len == 0)
		return -ENOENT;
	if ((size_t)len + rest >= WALK_BUF)
		return -ENAMETOOLONG;
	memmove(buf + len, e, rest + 1);
	memcpy(buf, body, len);
	if (body[0] == '/')
		return nd_jump_root(nd);
	return 0;
}

static void nd_set_path(struct nameidata *nd, const char *name)
{
	size_t vlen = nd->stk[nd->depth - 1].vlen;

	memcpy(nd->path, nd->view, vlen);
	if (name) {
		nd->path[vlen] = '/';
		strcpy(nd->path + vlen + 1, name);
	} else if (vlen == 0) {
		strcpy(nd->path, "/");
	} else {
		nd->path[vlen] = '\0';
	}
}

/* One component of the path being walked: P..E, LAST if nothing follows. */
struct nd_comp {
	char *p, *e;
	size_t len;
	bool last;
};

/* The component at or after *P (advanced past slashes); false at the end. */
static bool nd_next(char **p, struct nd_comp *c)
{
	char *q;

	while (**p == '/')
		(*p)++;
	if (!**p)
		return false;
	c->p = *p;
	c->e = strchrnul(c->p, '/');
	c->len = c->e - c->p;
	for (q = c->e; *q == '/'; q++)
		;
	c->last = !*q;
	return true;
}

/* May the walk go on below the stack top (a directory it may search)? */
static int nd_may_step(struct nameidata *nd, bool is_cwd)
{
	if (!vn_isdir(nd_top(nd)))
		return -ENOTDIR;
	if (is_cwd)
		return 0;
	return vfs_permission(nd->c, &nd_top(nd)->st, VFS_MAY_EXEC);
}

/*
 * "..": to the parent, but never above the walk's root (follow_dotdot()
 * in fs/namei.c: -EXDEV there for RESOLVE_BENEATH, and out of a mount's
 * root for RESOLVE_NO_XDEV).
 */
static int nd_dotdot(struct nameidata *nd)
{
	struct vnode *top = nd_top(nd);

	nd->indirect = true;
	nd->last = VFS_LAST_DOTDOT;
	if (nd->depth <= nd->floor)
		return nd->resolve & VFS_RESOLVE_BENEATH ? -EXDEV : 0;
	if ((nd->resolve & VFS_RESOLVE_NO_XDEV) && top == top->mnt->root)
		return -EXDEV;
	nd_pop(nd);
	return 0;
}

/* Walk C if it is "." or "..": 1 if it was, 0 if not, or -errno. */
static int nd_dots(struct nameidata *nd, const struct nd_comp *c)
{
	if (c->len == 1 && c->p[0] == '.') {
		nd->last = VFS_LAST_DOT;
		return 1;
	}
	if (c->len == 2 && c->p[0] == '.' && c->p[1] == '.') {
		int ret = nd_dotdot(nd);

		return ret ? ret : 1;
	}
	return 0;
}

/* The walk ends at normal name ND->name of the stack top: NODE or NULL. */
static void nd_end_at_name(struct nameidata *nd, struct vnode *node)
{
	nd->last = VFS_LAST_NORM;
	nd->dir = vn_get(nd_top(nd));
	nd->node = node;
	nd_set_path(nd, nd->name);
}

/* VFS_PEEK of the final component C instead of a lookup: true if done. */
static bool nd_try_peek(struct nameidata *nd, const struct nd_comp *c,
			int flags, bool is_cwd)
{
	if (!c->last || is_cwd || !nd->peek || *c->e ||
	    (flags & (WALK_FOLLOW | WALK_PARENT)) || nd_peek(nd, nd->name))
		return false;
	nd->peeked = true;
	nd_end_at_name(nd, NULL);
	return true;
}

/*
 * Look up ND->name (component C) into *CHILD: a missing last name is NULL
 * for WALK_PARENT.
 */
static int nd_lookup_comp(struct nameidata *nd, const struct nd_comp *c,
			  int flags, bool is_cwd, struct vnode **child)
{
	int ret = nd_lookup(nd, nd->name, child);

	if (ret == -ENOENT && c->last && !is_cwd && (flags & WALK_PARENT)) {
		*child = NULL;
		return 0;
	}
	return ret;
}

/*
 * Is CHILD, found as component C, a symlink the walk follows?  A trailing
 * slash follows a final symlink, except for the parent lookups of unlink,
 * rmdir, rename...: the kernel hands them the last name itself
 * (unlink("link/") is ENOTDIR, not a removal of the target).
 */
static bool nd_follows(const struct vnode *child, const struct nd_comp *c,
		       int flags, bool is_cwd)
{
	return child && vn_islnk(child) &&
	       (!c->last || (flags & WALK_FOLLOW) || is_cwd ||
		(*c->e && !(flags & WALK_PARENT)));
}

/*
 * A name C (and what follows it) in the foreign directory (see
 * vfs_set_foreign()), come to other than by a path that starts with it
 * ("//proc", "/./proc", a symlink, ".."): -EREMOTE with the path in
 * v->remote; else 0.
 */
static int nd_foreign(struct nameidata *nd, const struct nd_comp *c)
{
	const struct vfs *v = nd->v;
	size_t vlen = nd->stk[nd->depth - 1].vlen;

	if (!v->foreign || vlen != v->foreign_len ||
	    memcmp(nd->view, v->foreign, vlen))
		return 0;
	/* "/proc/..." as given: the caller decided it is the host's */
	if (!nd->resolve && !nd->indirect && nd->orig &&
	    !strncmp(nd->orig, v->foreign, vlen) && nd->orig[vlen] == '/')
		return 0;
	if ((size_t)snprintf(nd->v->remote, sizeof(nd->v->remote), "%s/%s",
			     v->foreign, c->p) >= sizeof(nd->v->remote))
		return -ENAMETOOLONG;
	nd->v->remote_from = nd->orig;
	return -EREMOTE;
}

/* What nd_step() asks of the walk: the next component, stop, restart. */
enum { ND_NEXT, ND_DONE, ND_RESTART };

/*
 * Walk component C of BUF, the walk's buffer (a followed symlink's body
 * is spliced in).  Returns ND_NEXT: go on after C; ND_DONE: the result
 * is in ND; ND_RESTART: walk BUF again from its start; or -errno.
 */
static int nd_step(struct nameidata *nd, char *buf, const struct nd_comp *c,
		   int flags, bool is_cwd)
{
	struct vnode *child;
	int ret = nd_may_step(nd, is_cwd);

	if (ret)
		return ret;
	ret = nd_dots(nd, c);
	if (ret)
		return ret < 0 ? ret : ND_NEXT;
	if (!is_cwd && (ret = nd_foreign(nd, c)))
		return ret;
	if (c->len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(nd->name, c->p, c->len);
	nd->name[c->len] = '\0';
	if (nd_try_peek(nd, c, flags, is_cwd))
		return ND_DONE;
	ret = nd_lookup_comp(nd, c, flags, is_cwd, &child);
	if (ret)
		return ret;
	if (nd_follows(child, c, flags, is_cwd)) {
		ret = nd->resolve & VFS_RESOLVE_NO_SYMLINKS ? -ELOOP :
		      nd_splice(nd, child, buf, c->e);
		vn_put(child);
		return ret ? ret : ND_RESTART;
	}
	if (c->last && !is_cwd) {
		nd->trailing = *c->e == '/';
		nd_end_at_name(nd, child);
		return ND_DONE;
	}
	ret = nd_push(nd, child, nd->name);
	return ret ? ret : ND_NEXT;
}

static enum vfs_last nd_start_last(const char *buf)
{
	return buf[0] == '/' ? VFS_LAST_ROOT : VFS_LAST_DOT;
}

/*
 * Walk PATH from the current stack top.  IS_CWD: walking the caller's
 * cwd, where every component must be a directory and no permission is
 * checked.
 */
static int nd_components(struct nameidata *nd, const char *path, int flags,
			 bool is_cwd)
{
	char buf[WALK_BUF];
	char *p = buf;
	struct nd_comp c;
	int ret;

	strcpy(buf, path);
	nd->last = nd_start_last(buf);
	while (nd_next(&p, &c)) {
		ret = nd_step(nd, buf, &c, flags, is_cwd);
		if (ret < 0)
			return ret;
		if (ret == ND_DONE)
			return 0;
		if (ret == ND_RESTART) {
			p = buf;
			nd->last = nd_start_last(buf);
		} else {
			p = c.e;
		}
	}
	if (!is_cwd) {
		/* "/", ".", "..", or ending in one of them. */
		nd->node = vn_get(nd_top(nd));
		nd->name[0] = '\0';
		nd->trailing = false;
		nd_set_path(nd, NULL);
	}
	return 0;
}

/*
 * Resolve CWD/PATH.  On success ND holds the result: for a final normal
 * name, DIR and NAME, NODE (NULL if missing, WALK_PARENT only) and LAST
 * VFS_LAST_NORM; else NODE (the directory reached) and LAST.  Without
 * WALK_PARENT a missing object is -ENOENT and a trailing slash after a
 * non-directory -ENOTDIR.  Call nd_release() in every case.
 */
int nd_walk(struct nameidata *nd, const char *cwd, const char *path,
	    int flags)
{
	unsigned int res = nd->resolve;
	int ret;

	if (!cwd)
		cwd = "/";
	if (strlen(path) >= PATH_MAX || strlen(cwd) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!*path) {
		if (!(flags & WALK_EMPTY))
			return -ENOENT;
		path = cwd;
	}
	if (path[0] == '/' && (res & VFS_RESOLVE_BENEATH))
		return -EXDEV;	/* path_init() -> nd_jump_root() */
	ret = nd_start(nd);
	if (ret)
		return ret;
	nd->orig = path;
	if (path[0] != '/' || (res & VFS_RESOLVE_IN_ROOT)) {
		nd->resolve = 0;	/* the cwd is where the walk starts */
		ret = nd_components(nd, cwd, flags, true);
		nd->resolve = res;
		if (ret)
			return ret;
		if (!vn_isdir(nd_top(nd)))
			return -ENOTDIR;
	}
	if (res & (VFS_RESOLVE_BENEATH | VFS_RESOLVE_IN_ROOT))
		nd->floor = nd->depth;
	ret = nd_components(nd, path, flags, false);
	if (ret)
		return ret;
	if (!(flags & WALK_PARENT) && !nd->peeked) {
		if (!nd->node)
			return -ENOENT;
		if (nd->trailing && !vn_isdir(nd->node))
			return -ENOTDIR;
	}
	return 0;
}

bool nd_as_given(const struct nameidata *nd)
{
	if (!nd->host_same)
		return false;
	if (nd->peeked)
		return host_walk(nd->dir) & VN_HOST_ALL;
	return nd->node && (host_walk(nd->node) & VN_HOST_IS);
}

void nd_fill_target(const struct nameidata *nd, struct vfs_target *t)
{
	struct vnode *vn = nd->node ? nd->node : nd->dir;
	const struct vfs_mount *m = vn->mnt;
	size_t len = m->len;

	strcpy(t->view, nd->path);
	t->type = nd->node ? nd->node->st.st_mode & S_IFMT : 0;
	t->mount = m->path;
	if (t->view[len] == '/')
		len++;
	t->rel = t->view + len;
}
