// SPDX-License-Identifier: MIT
/*
 * The public operations that change attributes: chmod, chown,
 * utimens, truncate; and statfs.
 */
#include <errno.h>

#include "vfs_impl.h"
#include "ops_util.h"

int vfs_chmod(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		goto out;
	vn = nd.node;
	mode &= 07777;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (vn_islnk(vn))
		ret = -EOPNOTSUPP;
	else if (!may_own(c, vn))
		ret = -EPERM;
	else {
		if (!vfs_capable(c) && !vfs_in_group(c, vn->st.st_gid))
			mode &= ~S_ISGID;
		ret = vn->mnt->ops->chmod(vn, mode);
	}
out:
	nd_release(&nd);
	return ret;
}

/* chown_ok() and chgrp_ok(). */
static int may_chown(const struct vfs_cred *c, const struct vnode *vn,
		     uid_t uid, gid_t gid)
{
	bool owner = vfs_is_owner(c, &vn->st);

	if (vfs_capable(c))
		return 0;
	if (uid != (uid_t)-1 && !(owner && uid == vn->st.st_uid))
		return -EPERM;
	if (gid != (gid_t)-1 &&
	    !(owner && (gid == vn->st.st_gid || vfs_in_group(c, gid))))
		return -EPERM;
	return 0;
}

int vfs_chown(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, uid_t uid, gid_t gid, int at_flags)
{
	struct nameidata nd;
	struct vnode *vn;
	mode_t mode;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));

	if (ret)
		goto out;
	vn = nd.node;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (!(ret = may_chown(c, vn, uid, gid)))
		ret = vn->mnt->ops->chown(vn, uid, gid);
	if (ret || vn_isdir(vn) || vn_islnk(vn) ||
	    (uid == (uid_t)-1 && gid == (gid_t)-1))
		goto out;
	/* The kernel drops set-user-ID, and set-group-ID if group-exec. */
	mode = vn->st.st_mode & 07777;
	if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		mode &= ~S_ISGID;
	mode &= ~S_ISUID;
	if (mode != (vn->st.st_mode & 07777))
		ret = vn->mnt->ops->chmod(vn, mode);
out:
	nd_release(&nd);
	return ret;
}

static bool bad_time(const struct timespec *ts)
{
	if (ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT)
		return false;
	return ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L;
}

static bool explicit_time(const struct timespec *ts)
{
	return ts->tv_nsec != UTIME_NOW && ts->tv_nsec != UTIME_OMIT;
}

int vfs_utimens(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, const struct timespec ts[2], int at_flags)
{
	struct timespec t[2] = {
		{ .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW },
	};
	struct timespec now;
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (ts) {
		if (bad_time(&ts[0]) || bad_time(&ts[1]))
			return -EINVAL;
		t[0] = ts[0];
		t[1] = ts[1];
	}
	ret = vfs_op_lookup(&nd, v, c, cwd, path, walk_flags(at_flags));
	if (ret)
		goto out;
	vn = nd.node;
	if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		goto out;
	if (vn_ro(vn))
		ret = -EROFS;
	else if (explicit_time(&t[0]) || explicit_time(&t[1]))
		ret = may_own(c, vn) ? 0 : -EPERM;
	else if (!may_own(c, vn))
		ret = vfs_permission(c, &vn->st, VFS_MAY_WRITE);
	if (ret)
		goto out;
	clock_gettime(CLOCK_REALTIME, &now);
	for (int i = 0; i < 2; i++)
		if (t[i].tv_nsec == UTIME_NOW)
			t[i] = now;
	ret = vn->mnt->ops->utimens(vn, t);
out:
	nd_release(&nd);
	return ret;
}

int vfs_truncate(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, off_t length)
{
	struct nameidata nd;
	struct vnode *vn;
	int ret;

	if (length < 0)
		return -EINVAL;
	ret = vfs_op_lookup(&nd, v, c, cwd, path, WALK_FOLLOW);
	if (ret)
		goto out;
	vn = nd.node;
	if (vn_isdir(vn))
		ret = -EISDIR;
	else if (!S_ISREG(vn->st.st_mode))
		ret = -EINVAL;
	else if (vn_ro(vn))
		ret = -EROFS;
	else if (!(ret = vfs_permission(c, &vn->st, VFS_MAY_WRITE)))
		ret = vn->mnt->ops->truncate(vn, length);
out:
	nd_release(&nd);
	return ret;
}

int vfs_statfs(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, struct statfs *sfs)
{
	struct nameidata nd;
	int ret = vfs_op_lookup(&nd, v, c, cwd, path, WALK_FOLLOW);

	if (!ret)
		ret = nd.node->mnt->ops->statfs(nd.node, sfs);
	nd_release(&nd);
	return ret;
}
