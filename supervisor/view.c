/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keeper.h"
#include "procfs.h"
#include "log.h"
#include "vfs.h"
#include "view.h"

/* "/" becomes "", other paths lose a trailing slash; owned copy. */
static char *trimmed(const char *p)
{
	char *s = strdup(strcmp(p, "/") ? p : "");

	if (!s)
		die("out of memory");
	if (*s && s[strlen(s) - 1] == '/')
		s[strlen(s) - 1] = '\0';
	return s;
}

/* Add HOST -> VIEW, first in the list when FRONT (most specific). */
static void add_map(struct view *v, const char *host, const char *view,
		    bool front)
{
	struct view_map *m = realloc(v->maps, (v->nmaps + 1) * sizeof(*m));
	size_t at = front ? 0 : v->nmaps;

	if (!m)
		die("out of memory");
	v->maps = m;
	memmove(m + at + 1, m + at, (v->nmaps - at) * sizeof(*m));
	m[at].host = trimmed(host);
	m[at].view = trimmed(view);
	v->nmaps++;
}

/* mkdir -p PATH; 0 or -errno. */
static int mkdir_p(const char *path)
{
	char buf[PATH_MAX], *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

static char *real_dir(const char *what, const char *path)
{
	char *r = realpath(path, NULL);
	struct stat st;

	if (!r)
		die("cannot use %s '%s': %s", what, path, strerror(errno));
	if (stat(r, &st) || !S_ISDIR(st.st_mode))
		die("cannot use %s '%s': %s", what, path, strerror(ENOTDIR));
	return r;
}

/*
 * A lower's directory, canonical and readable: one the command could not
 * list or search would make every exec and lookup fail, so refuse it
 * (the effective ids decide, as they do for vfstrace's own walks).
 */
static char *lower_dir(const char *path)
{
	char *r = real_dir("lower directory", path);

	if (faccessat(AT_FDCWD, r, R_OK | X_OK, AT_EACCESS))
		die("cannot read the lower directory '%s': %s", r,
		    strerror(errno));
	return r;
}

/*
 * Take the upper's lock for the whole run: one vfstrace per upper, as
 * the kernel's overlayfs refuses a second mount of an upper in use with
 * index=on (two views of one upper lose changes).  An flock on a file
 * under a reserved ".wh..wh." name of the upper, which the view neither
 * shows nor lets the tree touch, and which whites out nothing: the lock
 * dies with its holder however it ends.  The file stays (removing it
 * would let a third run lock a fresh inode while a second holds the old
 * one).  Tools that work on an upper take the same lock (UPPER_LOCK).
 */
static void lock_upper(struct view *v)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/" UPPER_LOCK, v->upper);
	v->lock_fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			  0644);
	if (v->lock_fd < 0)
		die("cannot lock the upper directory '%s': %s", v->upper,
		    strerror(errno));
	if (!flock(v->lock_fd, LOCK_EX | LOCK_NB))
		return;
	if (errno == EWOULDBLOCK)
		die("upper directory '%s' is in use by another vfstrace",
		    v->upper);
	die("cannot lock the upper directory '%s': %s", v->upper,
	    strerror(errno));
}

/* The view path of HOST through the lowers only; length or -ENOENT. */
static int lower_view(const struct view *v, const char *host, char *out,
		      size_t size)
{
	struct view lowers = *v;

	/* maps[0] is the upper itself (mount_layers) */
	lowers.maps++;
	lowers.nmaps--;
	return view_from_host(&lowers, host, out, size);
}

/*
 * Hide HOST (the upper) from the view when it lies inside a lower: an
 * in-memory mask at its view path; the upper itself is not touched.
 */
static void hide(struct view *v, const char *host)
{
	char vpath[PATH_MAX];
	int err;

	if (lower_view(v, host, vpath, sizeof(vpath)) < 0 || !vpath[1])
		return;
	err = vfs_mask(v->vfs, vpath);
	if (err)
		die("cannot hide '%s' from the view: %s", host,
		    strerror(-err));
}

/* Whether PATH is DIR or lies below it (both canonical; "/" holds all). */
static bool within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1)
		return true;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/*
 * Layouts whose changes would land in a lower, as the kernel's overlayfs
 * refuses overlapping layers: an upper that is a lower or contains one
 * (-u / among them).  An upper inside a lower is the usual case: it is
 * hidden from the view.
 */
static void refuse_overlap(const char *upper, const struct view_opts *o)
{
	const char *def = "/";
	const char **lowers = o->nlowers ? o->lowers : &def;
	size_t n = o->nlowers ? o->nlowers : 1, i;

	for (i = 0; i < n; i++) {
		char *low = lower_dir(lowers[i]);

		if (within(low, upper))
			die("the upper directory '%s' %s the lower '%s': "
			    "changes would write it", upper,
			    strcmp(low, upper) ? "contains" : "is", low);
		free(low);
	}
}

static void mount_layers(struct view *v, const struct view_opts *o)
{
	const char *def = "/";
	const char **lowers = o->nlowers ? o->lowers : &def;
	size_t n = o->nlowers ? o->nlowers : 1, i;
	char **real = calloc(n, sizeof(char *));
	int err;

	if (!real)
		die("out of memory");
	for (i = 0; i < n; i++)
		real[i] = lower_dir(lowers[i]);
	err = vfs_mount_overlay(v->vfs, "/", v->upper,
				(const char *const *)real, n,
				o->sandbox ? VFS_MOUNT_NODEV : 0);
	if (err)
		die("cannot set up the overlay: %s", strerror(-err));
	/* the upper before the lowers: it may lie inside one */
	add_map(v, v->upper, "/", false);
	for (i = 0; i < n; i++) {
		add_map(v, real[i], "/", false);
		free(real[i]);
	}
	free(real);
}

/*
 * The private scratch directory, made on first use: inside the upper
 * under a ".wh." name, which the view never shows, else ($TMPDIR or /tmp)
 * a temporary directory.  0 or -errno.
 */
static int make_scratch(struct view *v)
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];

	if (v->scratch)
		return 0;
	/* a fresh name (mkdtemp): nothing planted there is used */
	if (v->upper)
		snprintf(path, sizeof(path),
			 "%s/.wh..vfstrace-scratch-%d.XXXXXX", v->upper,
			 (int)getpid());
	else
		snprintf(path, sizeof(path), "%s/vfstrace-scratch.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(path))
		return -errno;
	v->scratch_fd = open(path, O_PATH | O_DIRECTORY | O_NOFOLLOW |
			     O_CLOEXEC);
	if (v->scratch_fd < 0)
		return -errno;
	v->scratch = strdup(path);
	return v->scratch ? 0 : -ENOMEM;
}

/*
 * ANC, a directory above the mount point DEST, must be a directory of
 * the view; a missing one is made, in the view only: an empty read-only
 * in-memory directory mounted there (nothing on the host, nothing in the
 * upper).  A symlink is refused, since mount points are matched by view
 * path and never followed: the mount could never be reached.
 */
static void mount_parent(struct view *v, const char *dest, const char *anc)
{
	static const struct vfs_cred root = { .fsuid = 0 };
	struct stat st;
	int err = vfs_stat(v->vfs, &root, "/", anc, AT_SYMLINK_NOFOLLOW, &st);

	if (err == -ENOENT) {
		err = vfs_mount_memory(v->vfs, anc, VFS_MOUNT_RDONLY);
		if (err)
			die("cannot make the directory '%s' for the mount "
			    "point '%s': %s", anc, dest, strerror(-err));
	} else if (!err && S_ISLNK(st.st_mode)) {
		die("cannot mount at '%s': '%s' is a symbolic link in the view",
		    dest, anc);
	} else if (!err && !S_ISDIR(st.st_mode)) {
		die("cannot mount at '%s': '%s' is not a directory", dest, anc);
	}
	/* other errors: the tree's own walk meets them */
}

/*
 * Make the directories above the mount point DEST (absolute) that the
 * view lacks, as bubblewrap makes its mount points; DEST itself need not
 * exist (it shows up as the mount's root).
 */
static void mount_parents(struct view *v, const char *dest)
{
	char anc[PATH_MAX];
	const char *p = dest, *e, *next;
	size_t n = 0, len;

	for (;;) {
		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		for (next = e; *next == '/'; next++)
			;
		if (!*next)
			return;	/* P is the mount point's own name */
		len = e - p;
		if (len != 1 || *p != '.') {
			if (n + 1 + len >= sizeof(anc))
				die("mount point '%s': %s", dest,
				    strerror(ENAMETOOLONG));
			anc[n++] = '/';
			memcpy(anc + n, p, len);
			n += len;
			anc[n] = '\0';
			mount_parent(v, dest, anc);
		}
		p = e;
	}
}

static void mount_extras(struct view *v, const struct view_opts *o)
{
	size_t i;
	int err;

	for (i = 0; i < o->nbinds; i++) {
		const char *dest = o->binds[2 * i + 1];
		char *src = realpath(o->binds[2 * i], NULL);

		if (!src)
			die("cannot bind '%s': %s", o->binds[2 * i],
			    strerror(errno));
		if (dest[0] != '/')
			die("bind destination '%s' is not absolute", dest);
		mount_parents(v, dest);
		err = vfs_mount_bind(v->vfs, dest, src,
				     (o->bind_ro[i] ? VFS_MOUNT_RDONLY : 0) |
				     (o->sandbox ? VFS_MOUNT_NODEV : 0));
		if (err)
			die("cannot bind '%s' at '%s': %s", src, dest,
			    strerror(-err));
		/* binds are more specific than the layers: first */
		add_map(v, src, dest, true);
		free(src);
	}
	for (i = 0; i < o->ntmpfs; i++) {
		if (o->tmpfs[i][0] != '/')
			die("tmpfs destination '%s' is not absolute",
			    o->tmpfs[i]);
		mount_parents(v, o->tmpfs[i]);
		err = vfs_mount_memory(v->vfs, o->tmpfs[i], 0);
		if (err)
			die("cannot mount a tmpfs at '%s': %s", o->tmpfs[i],
			    strerror(-err));
		/* like bubblewrap's --tmpfs: the user's own directory */
		err = vfs_chown(v->vfs, &(struct vfs_cred){ .fsuid = 0 }, NULL,
				o->tmpfs[i], geteuid(), getegid(), 0);
		if (err)
			die("cannot set up the tmpfs at '%s': %s", o->tmpfs[i],
			    strerror(-err));
	}
}

/* 1 when FD is a directory fd a child inherits across exec. */
static int inheritable_dir(int fd, void *arg)
{
	struct stat st;
	int fl = fcntl(fd, F_GETFD);

	return fl >= 0 && !(fl & FD_CLOEXEC) && !fstat(fd, &st) &&
	       S_ISDIR(st.st_mode);
}

/* Whether vfstrace holds a directory fd its command will inherit. */
static bool inherits_dirfd(void)
{
	/* unreadable /proc: assume one, the fast path stays off */
	return procfs_each_self_fd(inheritable_dir, NULL) != 0;
}

/* The dirfd fast path starts on the finished view (see plain_dirfds). */
static void start_plain(struct view *v)
{
	struct vfs_stats st;

	vfs_get_stats(v->vfs, &st);
	v->dir_changes0 = st.dir_changes;
	v->plain_dirfds = !inherits_dirfd();
}

bool view_plain_name(const struct view *v, const char *name)
{
	struct vfs_stats st;

	if (!v->plain_dirfds || !name[0] || strchr(name, '/') ||
	    !strcmp(name, ".") || !strcmp(name, "..") ||
	    !strncmp(name, ".wh.", 4) || vfs_special_name(v->vfs, name))
		return false;
	vfs_get_stats(v->vfs, &st);
	return st.dir_changes == v->dir_changes0;
}

void view_init(struct view *v, const struct view_opts *o)
{
	char cwd[PATH_MAX], vcwd[PATH_MAX];
	int err;

	memset(v, 0, sizeof(*v));
	v->lock_fd = -1;
	v->scratch_fd = -1;
	if (!o->upper) {
		/* binds or tmpfs alone: the host's / as it is, writable */
		err = vfs_new(&v->vfs);
		if (!err)
			/* --sandbox: vfstrace writes nothing there for
			   the tree that Landlock would refuse it */
			err = vfs_mount_bind(v->vfs, "/", "/", o->sandbox ?
					     VFS_MOUNT_RDONLY : 0);
		if (err)
			die("cannot create the view: %s", strerror(-err));
		add_map(v, "/", "/", false);
		mount_extras(v, o);
		view_hide(v, o);
		goto cwd;
	}
	err = mkdir_p(o->upper);
	if (err)
		die("cannot create upper directory '%s': %s", o->upper,
		    strerror(-err));
	v->upper = real_dir("upper directory", o->upper);
	refuse_overlap(v->upper, o);
	if (access(v->upper, W_OK))
		die("cannot write to upper directory '%s': %s", v->upper,
		    strerror(errno));
	lock_upper(v);
	if (getcwd(cwd, sizeof(cwd)) && within(cwd, v->upper))
		die("the current directory '%s' is inside the upper directory "
		    "'%s': the command would not run where it was started", cwd,
		    v->upper);
	err = vfs_new(&v->vfs);
	if (err)
		die("cannot create the view: %s", strerror(-err));
	mount_layers(v, o);
	hide(v, v->upper);	/* before the binds: maps[0] is the upper */
	mount_extras(v, o);
	view_hide(v, o);
cwd:
	/* /proc names the caller's objects: the tracee resolves it */
	err = vfs_set_foreign(v->vfs, "/proc");
	if (err)
		die("cannot create the view: %s", strerror(-err));
	/* --tmpfs files: opened by the tree through the keeper */
	vfs_set_fd_export(v->vfs, &keeper_fd_export);
	if (!getcwd(cwd, sizeof(cwd)) ||
	    view_from_host(v, cwd, vcwd, sizeof(vcwd)) < 0)
		strcpy(vcwd, "/");
	else
		v->host_cwd = strdup(cwd);
	v->initial_cwd = strdup(vcwd);
	start_plain(v);
}

int view_placeholder(struct view *v, const char *vpath, char *host,
		     size_t size)
{
	size_t i;
	int err = make_scratch(v);

	if (err)
		return err;
	for (i = 0; i < v->nmaps; i++) {
		if (!strncmp(v->maps[i].host, v->scratch,
			     strlen(v->scratch)) &&
		    !strcmp(v->maps[i].view, vpath)) {
			snprintf(host, size, "%s", v->maps[i].host);
			return 0;
		}
	}
	if (snprintf(host, size, "%s/%u", v->scratch,
		     v->nplaceholders) >= (int)size)
		return -ENAMETOOLONG;
	if (mkdirat(v->scratch_fd, strrchr(host, '/') + 1, 0700))
		return -errno;
	v->nplaceholders++;
	add_map(v, host, vpath, true);
	return 0;
}

/* Remove the scratch directory and its placeholders. */
static void remove_scratch(struct view *v)
{
	char path[PATH_MAX];
	unsigned int i;

	if (!v->scratch)
		return;
	for (i = 0; i < v->nplaceholders; i++) {
		snprintf(path, sizeof(path), "%u", i);
		unlinkat(v->scratch_fd, path, AT_REMOVEDIR);
	}
	close(v->scratch_fd);
	rmdir(v->scratch);	/* a symlink planted there: ENOTDIR */
	free(v->scratch);
}

void view_release(struct view *v)
{
	size_t i;

	remove_scratch(v);
	for (i = 0; i < v->nmaps; i++) {
		free(v->maps[i].host);
		free(v->maps[i].view);
	}
	free(v->maps);
	free(v->upper);
	free(v->initial_cwd);
	free(v->host_cwd);
	vfs_free(v->vfs);
	if (v->lock_fd >= 0)
		close(v->lock_fd);	/* the lock goes with it */
	memset(v, 0, sizeof(*v));
}

int view_from_host(const struct view *v, const char *host, char *out,
		   size_t size)
{
	size_t i;

	for (i = 0; i < v->nmaps; i++) {
		const struct view_map *m = &v->maps[i];
		size_t n = strlen(m->host);
		int len;

		if (strncmp(host, m->host, n) ||
		    (host[n] != '/' && host[n] != '\0'))
			continue;
		len = snprintf(out, size, "%s%s", m->view, host + n);
		if (len >= (int)size)
			return -ENAMETOOLONG;
		if (!out[0]) {
			strcpy(out, "/");
			len = 1;
		}
		return len;
	}
	return -ENOENT;
}

int view_fd_path(const struct view *v, pid_t tid, int fd, char *out,
		 size_t size)
{
	char host[PATH_MAX];
	int err = procfs_fd_path(tid, fd, host, sizeof(host));

	/* pipe:[..], socket:[..]: no layer backs them, -ENOENT */
	return err < 0 ? err : view_from_host(v, host, out, size);
}
