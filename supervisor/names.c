/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "names.h"

struct flag_name {
	uint64_t bits;
	const char *name;
};

/*
 * The kernel's O_LARGEFILE (libc defines it as 0 on 64-bit, yet 32-bit
 * tracees and glibc's open() set the real bit).
 */
#if defined(__aarch64__)
#define K_O_LARGEFILE 0400000
#else
#define K_O_LARGEFILE 0100000
#endif

/* Multi-bit values first: O_TMPFILE includes O_DIRECTORY, O_SYNC O_DSYNC. */
static const struct flag_name open_flags[] = {
	{ O_TMPFILE, "O_TMPFILE" }, { O_SYNC, "O_SYNC" },
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" },
	{ O_NOCTTY, "O_NOCTTY" }, { O_TRUNC, "O_TRUNC" },
	{ O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DSYNC, "O_DSYNC" }, { O_ASYNC, "O_ASYNC" },
	{ O_DIRECT, "O_DIRECT" }, { K_O_LARGEFILE, "O_LARGEFILE" },
	{ O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" },
	{ O_NOATIME, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" },
	{ O_PATH, "O_PATH" }, { 0, NULL }
};

static const struct flag_name at_flags[] = {
	{ AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW" },
	{ AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW" },
	{ AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT" },
	{ AT_EMPTY_PATH, "AT_EMPTY_PATH" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
	{ 0x8000, "AT_RECURSIVE" }, { 0, NULL }
};

static const struct flag_name access_modes[] = {
	{ R_OK, "R_OK" }, { W_OK, "W_OK" }, { X_OK, "X_OK" }, { 0, NULL }
};

static const struct flag_name rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" }, { 0, NULL }
};

static const struct flag_name xattr_flags[] = {
	{ 1, "XATTR_CREATE" }, { 2, "XATTR_REPLACE" }, { 0, NULL }
};

static const struct flag_name mount_flags[] = {
	{ MS_RDONLY, "MS_RDONLY" }, { MS_NOSUID, "MS_NOSUID" },
	{ MS_NODEV, "MS_NODEV" }, { MS_NOEXEC, "MS_NOEXEC" },
	{ MS_REMOUNT, "MS_REMOUNT" }, { MS_BIND, "MS_BIND" },
	{ MS_MOVE, "MS_MOVE" }, { MS_REC, "MS_REC" },
	{ MS_PRIVATE, "MS_PRIVATE" }, { MS_SLAVE, "MS_SLAVE" },
	{ MS_SHARED, "MS_SHARED" }, { 0, NULL }
};

static const struct flag_name umount_flags[] = {
	{ 1, "MNT_FORCE" }, { 2, "MNT_DETACH" }, { 4, "MNT_EXPIRE" },
	{ 8, "UMOUNT_NOFOLLOW" }, { 0, NULL }
};

static const struct flag_name resolve_flags[] = {
	{ 0x01, "RESOLVE_NO_XDEV" }, { 0x02, "RESOLVE_NO_MAGICLINKS" },
	{ 0x04, "RESOLVE_NO_SYMLINKS" }, { 0x08, "RESOLVE_BENEATH" },
	{ 0x10, "RESOLVE_IN_ROOT" }, { 0x20, "RESOLVE_CACHED" },
	{ 0, NULL }
};

/* Append "NAME" or "|NAME" to OUT; POS is the current length. */
static void put(char *out, size_t size, size_t *pos, const char *s)
{
	int n = snprintf(out + *pos, size - *pos, "%s%s", *pos ? "|" : "", s);

	if (n > 0)
		*pos = *pos + n < size ? *pos + n : size - 1;
}

/* Names of the bits of VAL in TABLE, then the rest in hex. */
static void put_bits(const struct flag_name *table, uint64_t val, char *out,
		     size_t size, size_t *pos)
{
	char rest[24];

	for (; table->name; table++) {
		if ((val & table->bits) == table->bits) {
			put(out, size, pos, table->name);
			val &= ~table->bits;
		}
	}
	if (val) {
		snprintf(rest, sizeof(rest), "%#llx", (unsigned long long)val);
		put(out, size, pos, rest);
	}
}

static char *bits_str(const struct flag_name *table, uint64_t val,
		      const char *zero, char *out, size_t size)
{
	size_t pos = 0;

	out[0] = '\0';
	if (!val && zero)
		put(out, size, &pos, zero);
	else
		put_bits(table, val, out, size, &pos);
	if (!pos)
		snprintf(out, size, "0");
	return out;
}

static char *open_str(uint64_t val, char *out, size_t size)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					   "O_ACCMODE" };
	size_t pos = 0;

	out[0] = '\0';
	val &= 0xffffffff;
	/* O_PATH ignores the access mode; O_TMPFILE carries O_DIRECTORY. */
	put(out, size, &pos, acc[val & O_ACCMODE]);
	put_bits(open_flags, val & ~(uint64_t)O_ACCMODE, out, size, &pos);
	return out;
}

char *flags_str(enum sc_id id, int kind, uint64_t val, char *out,
		size_t size)
{
	uint64_t eaccess = AT_EACCESS;

	out[0] = '\0';
	switch (kind) {
	case A_OFLAGS:
		return open_str(val, out, size);
	case A_ATFLAGS:
		val &= 0xffffffff;
		if (val & 0x200) {
			size_t pos = 0;
			const char *n = id == SC_unlinkat ? "AT_REMOVEDIR" :
					"AT_EACCESS";

			if (id != SC_unlinkat && id != SC_faccessat2 &&
			    id != SC_faccessat)
				break;
			put(out, size, &pos, n);
			put_bits(at_flags, val & ~eaccess, out, size, &pos);
			return out;
		}
		break;
	case A_AMODE:
		return bits_str(access_modes, val & 0xffffffff, "F_OK", out,
				size);
	case A_RENFLAGS:
		return bits_str(rename_flags, val & 0xffffffff, NULL, out,
				size);
	case A_XATTRFLAGS:
		return bits_str(xattr_flags, val & 0xffffffff, NULL, out,
				size);
	case A_MNTFLAGS:
		return bits_str(mount_flags, val, NULL, out, size);
	case A_UMNTFLAGS:
		return bits_str(umount_flags, val & 0xffffffff, NULL, out,
				size);
	default:
		return out;
	}
	return bits_str(at_flags, val, NULL, out, size);
}

char *resolve_str(uint64_t val, char *out, size_t size)
{
	return bits_str(resolve_flags, val, NULL, out, size);
}

char *mode_str(uint64_t mode, int with_type, char *out, size_t size)
{
	static const struct flag_name types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" }, { S_IFIFO, "S_IFIFO" },
		{ S_IFSOCK, "S_IFSOCK" }, { 0, NULL }
	};
	unsigned type = mode & S_IFMT;
	const struct flag_name *t;

	if (with_type) {
		for (t = types; t->name; t++) {
			if (type == t->bits) {
				snprintf(out, size, "%s|%#03llo", t->name,
					 (unsigned long long)(mode & 07777));
				return out;
			}
		}
	}
	snprintf(out, size, "%#03llo", (unsigned long long)(mode & 0xffffffff));
	return out;
}

const char *errno_name(int err)
{
	return strerrorname_np(err);
}

const char *signal_name(int sig)
{
	static char buf[16];
	const char *abbrev = sigabbrev_np(sig);

	if (!abbrev)
		return NULL;
	snprintf(buf, sizeof(buf), "SIG%s", abbrev);
	return buf;
}
