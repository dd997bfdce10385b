/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_VFS_IMPL_H
#define VFSTRACE_VFS_IMPL_H

/*
 * Internals shared by the generic layer (core.c, walk.c, ops*.c, dir.c,
 * perm.c) and the backends (hostfs*.c for overlay and bind, memory.c).
 *
 * Split of work: the generic layer resolves paths, checks permissions,
 * types, mount flags and every errno a kernel VFS decides before calling
 * into a filesystem; a backend only stores.  A backend op is called with
 * arguments already checked (e.g. mkdir: NAME does not exist in DIR, the
 * caller may write DIR), and returns 0 or -errno for what only storage
 * knows (-ENOTEMPTY, -EXDEV, -ENOSPC...).
 */

#include <stdbool.h>

#include "vfs.h"

struct vfs_mount;
struct vfs_dirbuf;

/*
 * A looked-up object.  Backends embed it first in their own node type.
 * REFS counts references; the backend's release() runs when it drops to
 * zero.  ST holds the object's lstat() attributes at lookup time.
 */
struct vnode {
	struct vfs_mount *mnt;
	unsigned int refs;
	struct stat st;
};

/* Attributes of a new object, computed by the generic layer. */
struct vfs_newattr {
	mode_t mode;		/* S_IFMT | permission bits, umask applied */
	uid_t uid;
	gid_t gid;
	dev_t rdev;
};

/*
 * One backend.  Every op receives nodes of its own mount.  Ops that
 * return a target fill HOST, ATTRS and (open) FLAGS; the generic layer
 * fills VIEW, MOUNT and REL.
 */
#define VN_HOST_AT	0x1
#define VN_HOST_IS	0x2
#define VN_HOST_ALL	0x4

struct vfs_backend_ops {
	const char *name;
	void (*destroy)(void *priv);
	/* Root node of the mount, one reference. */
	int (*root)(struct vfs_mount *m, struct vnode **out);
	/*
	 * NAME in directory DIR ("." and ".." never): -ENOENT if missing.
	 * MASKED: the view path is masked (vfs_mask()): only an object of a
	 * layered backend's upper may be found.
	 */
	int (*lookup)(struct vnode *dir, const char *name, bool masked,
		      struct vnode **out);
	/*
	 * Optional.  The host path of NAME in DIR when the kernel's own
	 * lookup of it there gives the view's answer (see VFS_PEEK), into
	 * HOST (PATH_MAX bytes); -EAGAIN when NAME must be looked up.
	 */
	int (*peek)(struct vnode *dir, const char *name, char *host);
	/*
	 * Optional.  How the kernel, walking VN's view path on the host
	 * from "/", meets VN (VFS_T_AS_GIVEN): VN_HOST_AT: it walks into
	 * VN's copy in a layer at the view's own paths; VN_HOST_IS: that
	 * copy is VN's visible object (its host path); VN_HOST_ALL: a
	 * directory with nothing but that copy (a name missing in the view
	 * is missing there).  0: none of these.
	 */
	unsigned int (*host_walk)(const struct vnode *vn);
	void (*release)(struct vnode *vn);
	/* Fresh lstat() attributes. */
	int (*getattr)(struct vnode *vn, struct stat *st);
	ssize_t (*readlink)(struct vnode *vn, char *buf, size_t size);
	/* Open an existing object; flags checked.  *F may stay NULL. */
	int (*open)(struct vnode *vn, int flags, struct vfs_target *t,
		    struct vfs_file **f);
	/* O_CREAT of missing NAME in DIR; NAME NULL: O_TMPFILE in DIR. */
	int (*create)(struct vnode *dir, const char *name, int flags,
		      const struct vfs_newattr *a, struct vfs_target *t,
		      struct vfs_file **f);
	/*
	 * Optional: the kernel's open made NAME in DIR, left to it by
	 * create() (which gave a file from vfs_file_new_created()).
	 */
	void (*created)(struct vnode *dir, const char *name);
	/* Host location of VN; VFS_WRITE and VFS_OWNER copy up. */
	int (*resolve)(struct vnode *vn, enum vfs_intent in,
		       struct vfs_target *t);
	int (*mkdir)(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a);
	int (*mknod)(struct vnode *dir, const char *name,
		     const struct vfs_newattr *a);
	int (*symlink)(struct vnode *dir, const char *name,
		       const char *target, const struct vfs_newattr *a);
	/* New name NAME in DIR for non-directory VN. */
	int (*link)(struct vnode *vn, struct vnode *dir, const char *name);
	int (*unlink)(struct vnode *dir, const char *name, struct vnode *vn);
	/* -ENOTEMPTY unless VN looks empty. */
	int (*rmdir)(struct vnode *dir, const char *name, struct vnode *vn);
	/*
	 * Types, permissions, loops and NOREPLACE are checked; NVN is the
	 * object at the new name or NULL.  -ENOTEMPTY when NVN is a
	 * directory that does not look empty.
	 */
	int (*rename)(struct vnode *odir, const char *oname, struct vnode *ovn,
		      struct vnode *ndir, const char *nname, struct vnode *nvn,
		      unsigned int flags);
	int (*chmod)(struct vnode *vn, mode_t mode);
	int (*chown)(struct vnode *vn, uid_t uid, gid_t gid);
	/* TS: resolved times (no UTIME_NOW), UTIME_OMIT kept. */
	int (*utimens)(struct vnode *vn, const struct timespec ts[2]);
	int (*truncate)(struct vnode *vn, off_t length);
	/* Add the entries of directory VN, without "." and "..". */
	int (*readdir)(struct vnode *vn, struct vfs_dirbuf *b);
	ssize_t (*getxattr)(struct vnode *vn, const char *name, void *value,
			    size_t size);
	int (*setxattr)(struct vnode *vn, const char *name, const void *value,
			size_t size, int flags);
	ssize_t (*listxattr)(struct vnode *vn, char *list, size_t size);
	int (*removexattr)(struct vnode *vn, const char *name);
	int (*statfs)(struct vnode *vn, struct statfs *sfs);
	/* Optional: drop cached lookups (before the root is released). */
	void (*flush)(struct vfs_mount *m);
};

struct vfs_mount {
	struct vfs *v;
	char *path;		/* canonical view path, "/" or "/a/b" */
	size_t len;		/* strlen(path), 0 for "/" */
	const struct vfs_backend_ops *ops;
	void *priv;
	unsigned int flags;	/* VFS_MOUNT_* */
	bool layered;		/* an upper over lowers: a masked name may
				   be created in the upper */
	struct vnode *root;
};

/* (st_dev, st_ino) -> (st_dev, st_ino); inomap.c. */
struct vfs_inoent;
struct vfs_inomap {
	struct vfs_inoent *tab;
	size_t cap, n;
};

int vfs_inomap_set(struct vfs_inomap *m, dev_t dev, ino_t ino, dev_t odev,
		   ino_t oino);
bool vfs_inomap_get(const struct vfs_inomap *m, dev_t dev, ino_t ino,
		    dev_t *odev, ino_t *oino);
void vfs_inomap_del(struct vfs_inomap *m, dev_t dev, ino_t ino);
void vfs_inomap_clear(struct vfs_inomap *m);

struct vfs_nameset;

struct vfs {
	struct vfs_mount **mounts;
	size_t nmounts;
	unsigned int next_dev;	/* anonymous st_dev for memory mounts */
	struct vfs_nameset *masks;	/* canonical view paths */
	struct vfs_nameset *busy;	/* parents of masks and mount points */
	struct vfs_nameset *special;	/* their last names */
	struct vfs_nameset *hidden;	/* masks of vfs_hide(), canonical */
	size_t nmasks;
	size_t nhidden;
	uint64_t mask_lens;	/* bit (length % 64) of every mask: most
				   paths are rejected without hashing */
	uint64_t busy_lens;	/* the same for the busy directories */
	struct vfs_inomap origins;	/* upper inode -> lower inode */
	/*
	 * Bumped by every change a host backend makes: a mount's cache is
	 * valid while the generation it last saw is current (its own
	 * changes update it with the fine invalidation they did).
	 */
	unsigned long long gen;
	struct vfs_stats stats;
	char *foreign;		/* owned; see vfs_set_foreign(), or NULL */
	size_t foreign_len;
	char remote[PATH_MAX];	/* the path of the last -EREMOTE */
	const char *remote_from;	/* borrowed: the path then walked */
	struct vfs_fd_export fd_export;	/* keep == NULL: none */
};

static inline struct vnode *vn_get(struct vnode *vn)
{
	vn->refs++;
	return vn;
}

static inline void vn_put(struct vnode *vn)
{
	if (vn && --vn->refs == 0)
		vn->mnt->ops->release(vn);
}

static inline bool vn_isdir(const struct vnode *vn)
{
	return S_ISDIR(vn->st.st_mode);
}

static inline bool vn_islnk(const struct vnode *vn)
{
	return S_ISLNK(vn->st.st_mode);
}

/* mount.c */
int vfs_add_mount(struct vfs *v, const char *at,
		  const struct vfs_backend_ops *ops, void *priv,
		  unsigned int flags, bool layered);
/* core.c */
/* Release M's root and destroy its backend instance; frees M. */
void vfs_mount_free(struct vfs_mount *m);
struct vfs_mount *vfs_mount_at(const struct vfs *v, const char *view,
			       size_t len);
int vfs_canon_mountpoint(const char *at, char *out);
/* Is canonical view path VIEW masked? */
bool vfs_mask_has(const struct vfs *v, const char *view);
/* Is NAME in directory DIRREL (relative to M's root) masked? */
bool vfs_is_masked(const struct vfs_mount *m, const char *dirrel,
		   const char *name);
/* Is canonical view path VIEW hidden (vfs_hide())? */
bool vfs_hidden_has(const struct vfs *v, const char *view);
/* Does view directory VIEW hold a mask or a mount point? */
bool vfs_is_busy_dir(const struct vfs *v, const char *view);
/* The origin of upper inode DEV:INO, if recorded. */
bool vfs_origin_get(const struct vfs *v, dev_t dev, ino_t ino, dev_t *odev,
		    ino_t *oino);
/* ST's st_dev/st_ino replaced by their origin, if any. */
void vfs_origin_apply(const struct vfs *v, struct stat *st);

/* perm.c: MAY_* are the kernel's values. */
#define VFS_MAY_EXEC	1
#define VFS_MAY_WRITE	2
#define VFS_MAY_READ	4

bool vfs_capable(const struct vfs_cred *c);
bool vfs_in_group(const struct vfs_cred *c, gid_t gid);
bool vfs_is_owner(const struct vfs_cred *c, const struct stat *st);
int vfs_permission(const struct vfs_cred *c, const struct stat *st,
		   int mask);
int vfs_may_delete(const struct vfs_cred *c, const struct stat *dir,
		   const struct stat *victim);
int vfs_may_create(const struct vfs_cred *c, const struct stat *dir);

/* walk.c: resolution of a path to (dir, name, node). */
enum vfs_last {
	VFS_LAST_NORM,
	VFS_LAST_ROOT,
	VFS_LAST_DOT,
	VFS_LAST_DOTDOT,
};

#define WALK_FOLLOW	0x1	/* follow a final symlink */
#define WALK_PARENT	0x2	/* final name may be missing: node NULL */
#define WALK_EMPTY	0x4	/* "" is CWD itself (AT_EMPTY_PATH) */

struct walk_frame {
	struct vnode *vn;
	size_t vlen;		/* length of the view path down to vn */
};

struct nameidata {
	struct vfs *v;
	const struct vfs_cred *c;
	struct walk_frame *stk;
	size_t depth, cap;
	int nlinks;
	bool indirect;		/* a symlink or ".." was walked */
	const char *orig;	/* borrowed: the path given to nd_walk() */
	char view[PATH_MAX];	/* canonical view path of the stack top */
	/* Results. */
	struct vnode *dir;	/* parent of a NORM last, referenced */
	struct vnode *node;	/* the object or NULL, referenced */
	char name[NAME_MAX + 1];
	enum vfs_last last;
	bool trailing;		/* final component followed by '/' */
	bool masked;		/* the last name looked up is masked */
	bool hidden;		/* ... and hidden (vfs_hide()) */
	char path[PATH_MAX];	/* canonical view path of the object */
	char *peek;		/* not NULL: VFS_PEEK, the host path of a
				   last name not looked up goes there */
	bool peeked;		/* ... and it did: NODE is NULL */
	/*
	 * Every step so far is the one the kernel makes walking the same
	 * string on the host (VN_HOST_AT objects, no mount, no mask);
	 * AS_GIVEN: the result too (see VFS_T_AS_GIVEN).
	 */
	bool host_same;
	bool enoent_same;	/* -ENOENT where the kernel finds nothing */
	/*
	 * VFS_RESOLVE_* of the walk (not of its cwd part); FLOOR: the
	 * depth of the stack at its root (1, or the cwd for BENEATH and
	 * IN_ROOT), below which ".." does not go.
	 */
	unsigned int resolve;
	size_t floor;
};

void nd_init(struct nameidata *nd, struct vfs *v, const struct vfs_cred *c);
void nd_release(struct nameidata *nd);
int nd_walk(struct nameidata *nd, const char *cwd, const char *path,
	    int flags);
/* Fill T's VIEW, MOUNT, REL from ND's result. */
/* Whether the result is VFS_T_AS_GIVEN (now: after a copy-up it is not). */
bool nd_as_given(const struct nameidata *nd);
void nd_fill_target(const struct nameidata *nd, struct vfs_target *t);

/* ops.c: a struct vfs_file holding a reference on VN. */
int vfs_file_new(struct vnode *vn, struct vfs_file **out);
/*
 * A reference on directory DIR for the caller of create(), whose
 * vfs_file_opened() calls DIR's created() op with NAME (copied).
 */
int vfs_file_new_created(struct vnode *dir, const char *name,
			 struct vfs_file **out);

/* dir.c: building a directory snapshot. */
int vfs_dirbuf_add(struct vfs_dirbuf *b, const char *name, uint64_t ino,
		   unsigned char type);
/* Masked names of the directory being listed (may be NULL). */
const struct vfs_nameset *vfs_dirbuf_masked(const struct vfs_dirbuf *b);
/* Those of them that are hidden from every layer (may be NULL). */
const struct vfs_nameset *vfs_dirbuf_hidden(const struct vfs_dirbuf *b);
/* Set them, for directory REL of mount M (a backend listing itself). */
int vfs_dirbuf_mask_at(struct vfs_dirbuf *b, const struct vfs_mount *m,
		       const char *rel);
bool vfs_dirbuf_has(const struct vfs_dirbuf *b, const char *name);
struct vfs_dirbuf *vfs_dirbuf_new(void);
size_t vfs_dirbuf_count(const struct vfs_dirbuf *b);
void vfs_dirbuf_free(struct vfs_dirbuf *b);
/* nameset.c: a set of names (for whiteouts while merging). */
struct vfs_nameset;
struct vfs_nameset *vfs_nameset_new(void);
int vfs_nameset_add(struct vfs_nameset *s, const char *name);
bool vfs_nameset_has(const struct vfs_nameset *s, const char *name);
int vfs_nameset_merge(struct vfs_nameset *dst, const struct vfs_nameset *src);
void vfs_nameset_free(struct vfs_nameset *s);
int vfs_dir_build(struct vnode *vn, struct vnode *parent, const char *view,
		  struct vfs_dir **out);

/* Backends' mount entry points. */
int hostfs_mount(struct vfs *v, const char *at, const char *upper,
		 const char *const *lowers, size_t nlowers, bool oci,
		 unsigned int flags);

/*
 * ops_xattr.c: copy the names of the xattr name list ALL (LEN bytes) that
 * SKIP does not reject into LIST (SIZE bytes; SIZE 0 only measures).
 * Returns the length written (or needed), or -ERANGE when LIST is too
 * small.
 */
ssize_t vfs_xattr_names(const char *all, ssize_t len,
			bool (*skip)(const char *name, const void *ctx),
			const void *ctx, char *list, size_t size);

#endif /* VFSTRACE_VFS_IMPL_H */
