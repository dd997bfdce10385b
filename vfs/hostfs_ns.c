// SPDX-License-Identifier: MIT
/* Namespace ops: create, link, remove, rename in the upper. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "hostfs_impl.h"
#include "hostfs_ns.h"
#include "hostfs_layer.h"
#include "hostfs_at.h"
#include "hostfs_cache.h"
#include "hostfs_origin.h"
#include "hostfs_copyup.h"
#include "hostfs_whiteout.h"
#include "hostfs_dir.h"

/*
 * Owner and mode of a new upper object REL (not a symlink: one planted
 * there since gets neither).
 */
static int set_new_attr(struct hostfs *fs, const char *rel,
			const struct vfs_newattr *a)
{
	char p[32];
	int fd, ret = hfs_obj(fs, 0, rel, &fd, p);

	if (ret)
		return ret;
	hfs_set_owner(fd, "", a->uid, a->gid);
	if (chmod(p, a->mode & 07777))
		ret = errno == EOPNOTSUPP ? -HFS_HOSTILE : -errno;
	close(fd);
	return ret;
}

/* mkdirat() (or, RDEV not -1, mknodat()) of REL in the upper. */
static int make_upper(struct hostfs *fs, const char *rel, mode_t mode,
		      dev_t rdev)
{
	struct hat a;
	int ret = hfs_at(fs, 0, rel, &a);

	if (ret)
		return ret;
	if (rdev == (dev_t)-1 ? mkdirat(a.fd, a.name, mode) :
				mknodat(a.fd, a.name, mode, rdev))
		ret = -errno;
	hfs_at_put(&a);
	return ret;
}

/* Common start of the create ops: the upper path of NAME in DIR. */
static int prep_new(struct vnode *dir, const char *name, char *rel)
{
	int ret;

	if (is_wh_name(FS(dir), name))
		return -EINVAL;
	ret = hfs_copy_up(HN(dir));
	return ret ? ret : hfs_join(rel, HN(dir)->rel, "", name);
}

/* A create op is over (whatever its result): REL changed. */
static int created(struct hostfs *fs, const char *rel, int ret)
{
	hfs_changed(fs);
	hfs_forget(fs, rel);
	return ret;
}

/* mkdir of NAME (upper path REL) in DIR. */
static int mkdir_upper(struct hostfs *fs, struct hnode *dir, const char *name,
		       const char *rel, const struct vfs_newattr *a)
{
	char tmp[PATH_MAX], opq[PATH_MAX];
	int ret;

	if (!hfs_covers_lower_dir(fs, dir, name)) {
		ret = make_upper(fs, rel, 0700, -1);
		return ret ? ret : set_new_attr(fs, rel, a);
	}
	/* Over a deleted lower directory: opaque before it is visible. */
	ret = hfs_tmp_name(fs, dir->rel, tmp);
	if (ret)
		return ret;
	ret = make_upper(fs, tmp, 0700, -1);
	if (ret)
		return ret == -EEXIST ? -HFS_HOSTILE : ret;	/* planted */
	ret = hfs_make_opaque(fs, tmp);
	if (!ret)
		ret = set_new_attr(fs, tmp, a);
	if (!ret)
		ret = hfs_rename_upper(fs, tmp, rel, RENAME_NOREPLACE);
	if (ret) {
		if (!hfs_join(opq, tmp, "", WH_OPAQUE))
			hfs_unlink_upper(fs, opq, 0);
		hfs_unlink_upper(fs, tmp, AT_REMOVEDIR);
	}
	return ret;
}

int hfs_mkdir(struct vnode *dir, const char *name,
	      const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	ret = mkdir_upper(fs, HN(dir), name, rel, a);
	if (!ret)
		hfs_drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, ret);
}

int hfs_mknod(struct vnode *dir, const char *name,
	      const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret;

	if ((S_ISCHR(a->mode) || S_ISBLK(a->mode)) &&
	    (fs->m->flags & VFS_MOUNT_NODEV))
		return -EPERM;	/* --sandbox: no device node in the upper */
	ret = prep_new(dir, name, rel);
	if (ret)
		return ret;
	ret = make_upper(fs, rel, (a->mode & S_IFMT) | 0600, a->rdev);
	if (ret)
		return created(fs, rel, ret);
	ret = set_new_attr(fs, rel, a);
	if (!ret)
		hfs_drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, ret);
}

int hfs_symlink(struct vnode *dir, const char *name,
		const char *target, const struct vfs_newattr *a)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	struct hat at_;
	int ret = prep_new(dir, name, rel);

	if (ret)
		return ret;
	ret = hfs_at(fs, 0, rel, &at_);
	if (ret)
		return created(fs, rel, ret);
	if (symlinkat(target, at_.fd, at_.name))
		ret = -errno;
	else
		hfs_set_owner(at_.fd, at_.name, a->uid, a->gid);
	hfs_at_put(&at_);
	if (ret)
		return created(fs, rel, ret);
	hfs_drop_whiteout(fs, HN(dir)->rel, name);
	return created(fs, rel, 0);
}

/* linkat() of upper FROM as TO. */
static int link_upper(struct hostfs *fs, const char *from, const char *to)
{
	struct hat a, b;
	int ret = hfs_at(fs, 0, from, &a);

	if (ret)
		return ret;
	ret = hfs_at(fs, 0, to, &b);
	if (!ret) {
		if (linkat(a.fd, a.name, b.fd, b.name, 0))
			ret = -errno;
		hfs_at_put(&b);
	}
	hfs_at_put(&a);
	return ret;
}

int hfs_link(struct vnode *vn, struct vnode *dir, const char *name)
{
	struct hostfs *fs = FS(dir);
	char rel[PATH_MAX];
	int ret = prep_new(dir, name, rel);

	if (!ret)
		ret = hfs_copy_up(HN(vn));
	if (ret)
		return ret;
	ret = link_upper(fs, HN(vn)->rel, rel);
	if (ret)
		return created(fs, rel, ret);
	hfs_drop_whiteout(fs, HN(dir)->rel, name);
	hfs_moved_into(fs, HN(vn), HN(dir));
	hfs_refresh(HN(vn));	/* nlink */
	hfs_attrs_changed(fs, HN(vn));
	return created(fs, rel, 0);
}

/* A remove or rename op is over (whatever its result): NAME changed. */
static int removed(struct hostfs *fs, struct hnode *dir, const char *name,
		   int ret)
{
	hfs_changed(fs);
	hfs_forget_name(fs, dir, name);
	return ret;
}

/* Whiteout NAME of DIR when a lower holds it (never for a masked name). */
static int hide_lower(struct hostfs *fs, struct hnode *dir, const char *name)
{
	int ret = 0;

	if (hfs_lower_has(fs, dir, name, false)) {
		ret = hfs_copy_up(dir);
		if (!ret)
			ret = hfs_make_whiteout(fs, dir->rel, name);
	}
	return ret;
}

int hfs_unlink(struct vnode *dir, const char *name, struct vnode *vn)
{
	struct hostfs *fs = FS(dir);
	struct hnode *n = HN(vn);
	int ret = is_wh_name(fs, name) ? -EINVAL : hide_lower(fs, HN(dir),
							     name);
	bool last;

	if (ret || n->top != 0)
		return removed(fs, HN(dir), name, ret);
	last = hfs_last_name(fs, n);
	ret = hfs_unlink_upper(fs, n->rel, 0);
	if (!ret && last)
		hfs_forget_inode(fs, n);
	return removed(fs, HN(dir), name, ret);
}

int hfs_rmdir(struct vnode *dir, const char *name, struct vnode *vn)
{
	struct hostfs *fs = FS(dir);
	int ret = fs->oci ? hfs_looks_empty(HN(vn)) : 0;

	if (!ret && is_wh_name(fs, name))
		ret = -EINVAL;	/* a lowest-layer ".wh." name */
	if (ret)
		return ret;
	ret = hide_lower(fs, HN(dir), name);
	if (!ret && HN(vn)->top == 0) {
		ret = hfs_remove_upper_dir(fs, HN(vn));
		if (!ret)
			hfs_forget_inode(fs, HN(vn));
	}
	return removed(fs, HN(dir), name, ret);
}

/* Does directory N have a part in a lower layer? */
static bool in_lower(const struct hnode *n)
{
	return n->top != 0 || (n->mask & ~LAYER(0));
}

/*
 * Replace upper directory DST (empty in the view, maybe holding
 * whiteouts) by upper SRC: exchange them, then purge the old DST from
 * SRC's name.  The view never shows what DST's whiteouts hide.
 */
static int replace_dir(struct hostfs *fs, struct hnode *src,
		       struct hnode *dst, const char *nrel)
{
	char tmp[PATH_MAX];
	int ret = hfs_rename_upper(fs, src->rel, nrel, 0);

	if (ret != -ENOTEMPTY && ret != -EEXIST)
		return ret;
	ret = hfs_rename_upper(fs, src->rel, nrel, RENAME_EXCHANGE);
	if (!ret)
		ret = hfs_tmp_name(fs, src->parent->rel, tmp);
	if (!ret)
		ret = hfs_rename_upper(fs, src->rel, tmp, RENAME_NOREPLACE);
	return ret ? ret : hfs_purge_upper(fs, tmp);
}

static int rename_exchange(struct hostfs *fs, struct hnode *od,
			   const char *oname, struct hnode *o,
			   struct hnode *nd, const char *nname,
			   struct hnode *n, const char *nrel)
{
	int ret;

	if (S_ISDIR(n->vn.st.st_mode) && in_lower(n))
		return -EXDEV;
	ret = hfs_copy_up(n);
	if (ret)
		return ret;
	/* A directory moving over a lower directory must not merge. */
	if (S_ISDIR(o->vn.st.st_mode) && hfs_covers_lower_dir(fs, nd, nname))
		ret = hfs_make_opaque(fs, o->rel);
	if (!ret && S_ISDIR(n->vn.st.st_mode) &&
	    hfs_covers_lower_dir(fs, od, oname))
		ret = hfs_make_opaque(fs, n->rel);
	if (!ret)
		ret = hfs_rename_upper(fs, o->rel, nrel, RENAME_EXCHANGE);
	if (!ret) {
		hfs_moved_into(fs, o, nd);
		hfs_moved_into(fs, n, od);
	}
	return ret;
}

/* Rename O (NAME ONAME of OD) to NREL (NNAME of ND, now N or NULL). */
static int rename_upper(struct hostfs *fs, struct hnode *od,
			const char *oname, struct hnode *o, struct hnode *nd,
			const char *nname, struct hnode *n, const char *nrel,
			unsigned int flags)
{
	bool isdir = S_ISDIR(o->vn.st.st_mode);
	int ret;

	if (!fs->oci)
		return hfs_rename_upper(fs, o->rel, nrel, flags);
	if (is_wh_name(fs, nname))
		return -EINVAL;
	if (isdir && in_lower(o))
		return -EXDEV;
	if (n && S_ISDIR(n->vn.st.st_mode) && !(flags & RENAME_EXCHANGE) &&
	    (ret = hfs_looks_empty(n)))
		return ret;
	ret = hfs_copy_up(o);
	if (!ret)
		ret = hfs_copy_up(nd);
	if (ret)
		return ret;
	if (flags & RENAME_EXCHANGE)
		return rename_exchange(fs, od, oname, o, nd, nname, n, nrel);
	if (isdir && hfs_covers_lower_dir(fs, nd, nname))
		ret = hfs_make_opaque(fs, o->rel);
	if (!ret && hfs_lower_has(fs, od, oname, false))
		ret = hfs_make_whiteout(fs, od->rel, oname);
	if (ret)
		return ret;
	if (isdir && n && n->top == 0)
		ret = replace_dir(fs, o, n, nrel);
	else
		ret = hfs_rename_upper(fs, o->rel, nrel,
				       flags & RENAME_NOREPLACE);
	if (!ret) {
		hfs_drop_whiteout(fs, nd->rel, nname);
		hfs_moved_into(fs, o, nd);
	}
	return ret;
}

int hfs_rename(struct vnode *odir, const char *oname,
	       struct vnode *ovn, struct vnode *ndir,
	       const char *nname, struct vnode *nvn,
	       unsigned int flags)
{
	struct hostfs *fs = FS(odir);
	struct hnode *n = nvn ? HN(nvn) : NULL;
	bool nlast = n && !(flags & RENAME_EXCHANGE) && hfs_last_name(fs, n);
	char nrel[PATH_MAX];
	int ret = hfs_join(nrel, HN(ndir)->rel, "", nname);

	if (ret)
		return ret;
	ret = rename_upper(fs, HN(odir), oname, HN(ovn), HN(ndir), nname, n,
			   nrel, flags);
	if (!ret && nlast)
		hfs_forget_inode(fs, n);
	hfs_forget_name(fs, HN(odir), oname);
	return removed(fs, HN(ndir), nname, ret);
}
