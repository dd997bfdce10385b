/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_HOSTFS_DIR_H
#define VFSTRACE_HOSTFS_DIR_H

/* Directory listings: the layers merged, whiteouts applied. */

#include "hostfs_impl.h"

/* 0 if directory N lists no entry in the view, -ENOTEMPTY or -errno. */
int hfs_looks_empty(struct hnode *n);

/* The readdir op. */
int hfs_readdir(struct vnode *vn, struct vfs_dirbuf *b);

#endif /* VFSTRACE_HOSTFS_DIR_H */
