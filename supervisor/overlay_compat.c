/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the result layouts of the stat and statfs families in
 * the ABI of the call (struct stat of the native ABI; the i386 ABI's
 * struct stat, struct stat64 and struct statfs, statfs64), written the
 * way the kernel writes them (fs/stat.c cp_compat_stat(),
 * arch/x86/kernel/sys_ia32.c cp_stat64(), fs/statfs.c
 * put_compat_statfs*()), with its EOVERFLOW where a value does not fit.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "memory.h"
#include "overlay_impl.h"

/* The i386 layouts (arch/x86/include/uapi/asm/stat.h, asm/compat.h). */
struct stat_i386 {
	uint32_t st_dev, st_ino;
	uint16_t st_mode, st_nlink, st_uid, st_gid;
	uint32_t st_rdev, st_size, st_blksize, st_blocks;
	uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec;
	uint32_t st_ctime_, st_ctime_nsec, unused4, unused5;
};

struct stat64_i386 {
	uint64_t st_dev;
	uint32_t pad0, st_ino32, st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev;
	uint32_t pad3;
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec;
	uint32_t st_ctime_, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));

struct statfs_i386 {
	uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files;
	uint32_t f_ffree, f_fsid[2], f_namelen, f_frsize, f_flags;
	uint32_t f_spare[4];
};

struct statfs64_i386 {
	uint32_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	uint32_t f_fsid[2], f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed));

_Static_assert(sizeof(struct stat_i386) == 64, "i386 struct stat");
_Static_assert(sizeof(struct stat64_i386) == 96, "i386 struct stat64");
_Static_assert(sizeof(struct statfs_i386) == 64, "i386 struct statfs");
_Static_assert(sizeof(struct statfs64_i386) == 84, "i386 statfs64");

#define HI32(v) ((uint64_t)(v) >> 32)

bool ov_compat(const struct call *c)
{
	return c->abi->ptr_size == 4;
}

uint32_t ov_compat_id16(uint64_t v)
{
	/* low2highuid(): the 16-bit -1 is the 32-bit one */
	return (uint16_t)v == 0xffff ? (uint32_t)-1 : (uint16_t)v;
}

/* The stat buffer argument of C: stat/lstat (1), the *at forms (2). */
static uint64_t stat_buf(const struct call *c)
{
	return c->args[c->id == SC_newfstatat || c->id == SC_fstatat64 ?
		       2 : 1];
}

/* high2lowuid(): an id that 16 bits cannot hold shows as 65534. */
static uint16_t id16(uint32_t id)
{
	return id > 0xffff ? 65534 : id;
}

/* The times of ST into i386 layout X (struct stat_i386, stat64_i386). */
#define PUT_TIMES(x, st) do {					\
	(x).st_atime_ = (st)->st_atim.tv_sec;			\
	(x).st_atime_nsec = (st)->st_atim.tv_nsec;		\
	(x).st_mtime_ = (st)->st_mtim.tv_sec;			\
	(x).st_mtime_nsec = (st)->st_mtim.tv_nsec;		\
	(x).st_ctime_ = (st)->st_ctim.tv_sec;			\
	(x).st_ctime_nsec = (st)->st_ctim.tv_nsec;		\
} while (0)

/* What ov_fix_stat() looks at, from i386 layout X into ST (zeroed). */
#define GET_KEY(st, x) do {					\
	memset((st), 0, sizeof(*(st)));				\
	(st)->st_dev = (x).st_dev;				\
	(st)->st_ino = (x).st_ino;				\
	(st)->st_mode = (x).st_mode;				\
	(st)->st_nlink = (x).st_nlink;				\
} while (0)

static int put_stat_i386(pid_t tid, uint64_t addr, const struct stat *st)
{
	struct stat_i386 x;

	if (HI32(st->st_dev) || HI32(st->st_rdev) || HI32(st->st_ino) ||
	    st->st_nlink > 0xffff || (uint64_t)st->st_size > INT32_MAX)
		return -EOVERFLOW;
	memset(&x, 0, sizeof(x));
	x.st_dev = st->st_dev;
	x.st_ino = st->st_ino;
	x.st_mode = st->st_mode;
	x.st_nlink = st->st_nlink;
	x.st_uid = id16(st->st_uid);
	x.st_gid = id16(st->st_gid);
	x.st_rdev = st->st_rdev;
	x.st_size = st->st_size;
	x.st_blksize = st->st_blksize;
	x.st_blocks = st->st_blocks;
	PUT_TIMES(x, st);
	return mem_write(tid, addr, &x, sizeof(x));
}

static int put_stat64_i386(pid_t tid, uint64_t addr, const struct stat *st)
{
	struct stat64_i386 x;

	memset(&x, 0, sizeof(x));
	x.st_dev = st->st_dev;
	x.st_ino32 = st->st_ino;
	x.st_ino = st->st_ino;
	x.st_mode = st->st_mode;
	x.st_nlink = st->st_nlink;
	x.st_uid = st->st_uid;
	x.st_gid = st->st_gid;
	x.st_rdev = st->st_rdev;
	x.st_size = st->st_size;
	x.st_blksize = st->st_blksize;
	x.st_blocks = st->st_blocks;
	PUT_TIMES(x, st);
	return mem_write(tid, addr, &x, sizeof(x));
}

int ov_stat_put(const struct tracee *t, const struct call *c,
		const struct stat *st)
{
	if (c->id == SC_stat64 || c->id == SC_lstat64 ||
	    c->id == SC_fstatat64)
		return put_stat64_i386(t->tid, stat_buf(c), st);
	if (ov_compat(c))
		return put_stat_i386(t->tid, stat_buf(c), st);
	return mem_write(t->tid, stat_buf(c), st, sizeof(*st));
}

/* The fields the view changes (ov_fix_stat()) of an i386 struct stat. */
static int get_stat_i386(pid_t tid, uint64_t addr, struct stat *st)
{
	struct stat_i386 x;
	int err = mem_read(tid, addr, &x, sizeof(x));

	if (err)
		return err;
	GET_KEY(st, x);
	return 0;
}

/*
 * An i386 result read back: only dev, ino, mode and nlink are filled,
 * which is what ov_fix_stat() looks at and ov_stat_patch() writes.
 */
int ov_stat_get(const struct tracee *t, const struct call *c,
		struct stat *st)
{
	struct stat64_i386 x;
	int err;

	if (c->id != SC_stat64 && c->id != SC_lstat64 &&
	    c->id != SC_fstatat64)
		return ov_compat(c) ? get_stat_i386(t->tid, stat_buf(c), st) :
		       mem_read(t->tid, stat_buf(c), st, sizeof(*st));
	err = mem_read(t->tid, stat_buf(c), &x, sizeof(x));
	if (err)
		return err;
	GET_KEY(st, x);
	return 0;
}

/*
 * Write dev, ino and nlink of ST into the kernel's result of C, the rest
 * of it as the kernel wrote it; for a native call ST is the whole result.
 */
int ov_stat_patch(const struct tracee *t, const struct call *c,
		  const struct stat *st)
{
	uint64_t a = stat_buf(c);
	struct stat64_i386 x;
	struct stat_i386 y;
	int err;

	if (!ov_compat(c))
		return mem_write(t->tid, a, st, sizeof(*st));
	if (c->id != SC_stat64 && c->id != SC_lstat64 &&
	    c->id != SC_fstatat64) {
		if ((err = mem_read(t->tid, a, &y, sizeof(y))))
			return err;
		y.st_dev = st->st_dev;
		y.st_ino = st->st_ino;	/* the kernel checked the width */
		y.st_nlink = st->st_nlink;
		return mem_write(t->tid, a, &y, sizeof(y));
	}
	if ((err = mem_read(t->tid, a, &x, sizeof(x))))
		return err;
	x.st_dev = st->st_dev;
	x.st_ino32 = st->st_ino;
	x.st_ino = st->st_ino;
	x.st_nlink = st->st_nlink;
	return mem_write(t->tid, a, &x, sizeof(x));
}

static int put_statfs_i386(pid_t tid, uint64_t addr, const struct statfs *f)
{
	struct statfs_i386 x;

	if (HI32(f->f_blocks | f->f_bfree | f->f_bavail | f->f_bsize |
		 f->f_frsize) ||
	    ((uint64_t)f->f_files != UINT64_MAX && HI32(f->f_files)) ||
	    ((uint64_t)f->f_ffree != UINT64_MAX && HI32(f->f_ffree)))
		return -EOVERFLOW;
	memset(&x, 0, sizeof(x));
	x.f_type = f->f_type;
	x.f_bsize = f->f_bsize;
	x.f_blocks = f->f_blocks;
	x.f_bfree = f->f_bfree;
	x.f_bavail = f->f_bavail;
	x.f_files = f->f_files;
	x.f_ffree = f->f_ffree;
	memcpy(x.f_fsid, &f->f_fsid, sizeof(x.f_fsid));
	x.f_namelen = f->f_namelen;
	x.f_frsize = f->f_frsize;
	x.f_flags = f->f_flags;
	return mem_write(tid, addr, &x, sizeof(x));
}

static int put_statfs64_i386(pid_t tid, uint64_t addr,
			     const struct statfs *f)
{
	struct statfs64_i386 x;

	if (HI32(f->f_bsize | f->f_frsize))
		return -EOVERFLOW;
	memset(&x, 0, sizeof(x));
	x.f_type = f->f_type;
	x.f_bsize = f->f_bsize;
	x.f_blocks = f->f_blocks;
	x.f_bfree = f->f_bfree;
	x.f_bavail = f->f_bavail;
	x.f_files = f->f_files;
	x.f_ffree = f->f_ffree;
	memcpy(x.f_fsid, &f->f_fsid, sizeof(x.f_fsid));
	x.f_namelen = f->f_namelen;
	x.f_frsize = f->f_frsize;
	x.f_flags = f->f_flags;
	return mem_write(tid, addr, &x, sizeof(x));
}

int ov_statfs_put(const struct tracee *t, const struct call *c,
		  const struct statfs *f)
{
	if (c->id == SC_statfs64)
		/* statfs64(path, size, buf): the kernel checks the size */
		return c->args[1] != sizeof(struct statfs64_i386) ? -EINVAL :
		       put_statfs64_i386(t->tid, c->args[2], f);
	if (ov_compat(c))
		return put_statfs_i386(t->tid, c->args[1], f);
	return mem_write(t->tid, c->args[1], f, sizeof(*f));
}

/*
 * --sandbox: i386 socketcall(SYS_SOCKET or SYS_SOCKETPAIR, args) becomes
 * the direct socket(2) (359) or socketpair(2) (360) with its arguments
 * in registers, where the deny program checks the family: the kernel
 * runs the filters again on a call a tracer changed (Linux 4.8).  A
 * check of the family read here from memory could be undone by a
 * sibling thread before the kernel reads it.
 */
enum ov_result ov_socketcall_direct(struct sup *s, struct tracee *t,
				    struct call *c)
{
	bool pair = c->args[0] == SOCKCALL_SOCKETPAIR;
	uint32_t a[4];
	int n = pair ? 4 : 3, i, err = 0;

	if (mem_read(t->tid, c->args[1], a, n * sizeof(a[0])))
		return ov_done(s, t, c, -EFAULT);
	for (i = 0; i < n && !err; i++)
		err = ov_change_arg(s, t, c, i, a[i]);
	if (!err)
		err = s->arch->set_scno(t->tid, pair ? 360 : 359);
	return err ? ov_done(s, t, c, err) : OV_EXIT;
}
