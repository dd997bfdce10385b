// SPDX-License-Identifier: MIT
/*
 * --sandbox: the Landlock domain of the traced tree (sandbox.h).
 *
 * vfstrace builds the ruleset before the launch, so that a rule it cannot
 * make is an error before the command starts; the child enters it after
 * PTRACE_SEIZE, before the seccomp filter and the exec, and every
 * descendant inherits it.  vfstrace itself stays outside the domain: it
 * reads the lowers, writes the upper and traces the tree.
 *
 * The rules, with the rights the running ABI knows:
 *   - beneath each writable directory (the upper, writable binds; the
 *     view's scratch lies in the upper): every right but making
 *     character and block devices;
 *   - the devices a program needs (SANDBOX_DEVICES): read, write,
 *     truncate, device ioctls;
 *   - READ_DIR on /: names can be listed everywhere (the view answers a
 *     listing; the kernel only opens the directory);
 *   - READ_FILE and EXECUTE on every entry of every ancestor of a hidden
 *     path (--hide, and /dev) but the next one toward it: everything
 *     is readable but what lies beneath a hidden path (sandbox_paths.c).
 * Network (ABI 4): TCP bind and connect handled with no rule, unless
 * --share-net.  Scopes (ABI 6): signals and abstract unix sockets.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "landlock_abi.h"
#include "log.h"
#include "sandbox.h"
#include "sandbox_paths.h"

/* The devices the tree may open (beneath /dev, which is hidden). */
static const char *const devices[] = {
	"/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/pts",
	"/dev/ptmx", "/dev/random", "/dev/urandom",
};
#define NDEVICES (sizeof(devices) / sizeof(devices[0]))

static const struct {
	const char *name;
	int abi;
} prots[SBP_COUNT] = {
	[SBP_FS_WRITE] = { "writes only beneath the upper and writable "
			   "binds", 1 },
	[SBP_FS_READ] = { "no reads beneath --hide paths and /dev", 1 },
	[SBP_TRUNCATE] = { "truncate only beneath the upper", 3 },
	[SBP_NET_TCP] = { "no TCP bind or connect (no --share-net)", 4 },
	[SBP_IOCTL_DEV] = { "device ioctls only on the granted devices", 5 },
	[SBP_SCOPE_SIGNAL] = { "signals only within the tree", 6 },
	[SBP_SCOPE_ABSTRACT] = { "abstract unix sockets only within the "
				 "tree", 6 },
};

const char *sandbox_prot_name(enum sandbox_prot p)
{
	return prots[p].name;
}

int sandbox_prot_abi(enum sandbox_prot p)
{
	return prots[p].abi;
}

int sandbox_landlock_abi(void)
{
	long v = syscall(LL_NR_CREATE_RULESET, NULL, 0,
			 LL_CREATE_RULESET_VERSION);

	return v < 0 ? -errno : (int)v;
}

/* The filesystem rights ABI knows. */
static uint64_t fs_rights(int abi)
{
	uint64_t r = (LL_FS_MAKE_SYM << 1) - 1;

	if (abi >= 2)
		r |= LL_FS_REFER;
	if (abi >= 3)
		r |= LL_FS_TRUNCATE;
	if (abi >= 5)
		r |= LL_FS_IOCTL_DEV;
	return r;
}

/*
 * Whether protection P is in force with ABI.  Signals have a fallback
 * below ABI 6: vfstrace traps the signal calls and checks the target.
 */
static bool prot_on(enum sandbox_prot p, int abi)
{
	return abi >= prots[p].abi || (p == SBP_SCOPE_SIGNAL && abi >= 1);
}

/* The reason there is no Landlock, for messages. */
static const char *no_landlock(int err)
{
	if (err == ENOSYS)
		return "the kernel has no Landlock (landlock_create_ruleset: "
		       "ENOSYS)";
	if (err == EOPNOTSUPP)
		return "Landlock is disabled at boot (landlock_create_ruleset: "
		       "EOPNOTSUPP; add landlock to the lsm= kernel parameter)";
	return strerror(err);
}

/* "A (ABI N), B (ABI M)" for the protections in MASK. */
static void list_prots(unsigned int mask, char *buf, size_t size)
{
	size_t pos = 0;
	int p;

	buf[0] = '\0';
	for (p = 0; p < SBP_COUNT; p++) {
		if (!(mask & (1u << p)))
			continue;
		pos += snprintf(buf + pos, size - pos, "%s%s (Landlock ABI %d)",
				pos ? ", " : "", prots[p].name, prots[p].abi);
		if (pos >= size)
			return;
	}
}

/* What is missing: die for --sandbox, say it for best effort. */
static void report_missing(const struct sandbox *sb)
{
	unsigned int off = sb->wanted & ~sb->on;
	char what[1024];

	if (!off)
		return;
	list_prots(off, what, sizeof(what));
	if (sb->level == SANDBOX_STRICT) {
		if (!sb->abi)
			die("--sandbox: %s, so these are missing: %s; "
			    "--sandbox=best-effort runs without them",
			    no_landlock(sb->abi_err), what);
		die("--sandbox: the kernel's Landlock ABI %d lacks: %s; "
		    "--sandbox=best-effort runs without them", sb->abi, what);
	}
	if (!sb->abi)
		fprintf(stderr, "vfstrace: sandbox (best effort): %s; off: "
			"%s\n", no_landlock(sb->abi_err), what);
	else
		fprintf(stderr, "vfstrace: sandbox (best effort): Landlock ABI "
			"%d; off: %s\n", sb->abi, what);
}

/* One path-beneath rule: RIGHTS (masked by HANDLED) on PATH. */
static int add_rule(int rfd, const char *path, uint64_t rights,
		    uint64_t handled, bool must)
{
	struct ll_path_beneath_attr pb;
	struct stat st;
	int err = 0;

	pb.parent_fd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (pb.parent_fd < 0)
		return must ? -errno : 0;
	if (fstat(pb.parent_fd, &st) || S_ISLNK(st.st_mode))
		goto out;	/* a symlink names no hierarchy of its own */
	if (!S_ISDIR(st.st_mode))
		rights &= LL_FS_FILE_RIGHTS;
	pb.allowed_access = rights & handled;
	if (pb.allowed_access &&
	    syscall(LL_NR_ADD_RULE, rfd, LL_RULE_PATH_BENEATH, &pb, 0))
		err = -errno;
out:
	close(pb.parent_fd);
	return err;
}

#define LL_FS_WRITES (LL_FS_WRITE_FILE | LL_FS_REMOVE_DIR |		\
		      LL_FS_REMOVE_FILE | LL_FS_MAKE_DIR | LL_FS_MAKE_REG |	\
		      LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_SYM |	\
		      LL_FS_REFER | LL_FS_TRUNCATE)
#define LL_FS_READS (LL_FS_READ_FILE | LL_FS_READ_DIR | LL_FS_EXECUTE)

/* The rules on the writable directories and the devices. */
static void write_rules(int rfd, uint64_t h, const struct sandbox_layout *l)
{
	size_t i;
	int err;

	for (i = 0; i < l->nwritable; i++) {
		err = add_rule(rfd, l->writable[i], LL_FS_WRITES | LL_FS_READS |
			       LL_FS_IOCTL_DEV, h, true);
		if (err)
			die("--sandbox: cannot grant writes beneath '%s': %s",
			    l->writable[i], strerror(-err));
	}
	for (i = 0; i < NDEVICES; i++) {
		err = add_rule(rfd, devices[i], LL_FS_READ_FILE |
			       LL_FS_WRITE_FILE | LL_FS_TRUNCATE |
			       LL_FS_IOCTL_DEV | LL_FS_READ_DIR, h, false);
		if (err)
			die("--sandbox: cannot grant the device '%s': %s",
			    devices[i], strerror(-err));
	}
}

/* The hidden paths (realpaths of --hide, and /dev); caller frees. */
static char **hidden_paths(const struct sandbox_opts *o, size_t *n)
{
	char **h = calloc(o->nhide + 1, sizeof(*h));
	size_t i;

	if (!h)
		die("out of memory");
	*n = 0;
	h[(*n)++] = strdup("/dev");
	for (i = 0; i < o->nhide; i++) {
		char *r = realpath(o->hide[i], NULL);

		if (!r && errno != ENOENT)
			die("--hide '%s': %s", o->hide[i], strerror(errno));
		if (r)
			h[(*n)++] = r;	/* missing: nothing the kernel holds */
	}
	return h;
}

/* READ_DIR on /, READ_FILE and EXECUTE beside every hidden path. */
static void read_rules(int rfd, uint64_t h, const struct sandbox_opts *o)
{
	size_t nhid, nread, i;
	char **hid = hidden_paths(o, &nhid), **rd;
	int err;

	err = sandbox_read_paths((const char *const *)hid, nhid, devices,
				 NDEVICES, &rd, &nread);
	if (err)
		die("--sandbox: cannot list the readable paths: %s",
		    strerror(-err));
	err = add_rule(rfd, "/", LL_FS_READ_DIR, h, true);
	for (i = 0; !err && i < nread; i++)
		err = add_rule(rfd, rd[i], LL_FS_READ_FILE | LL_FS_EXECUTE, h,
			       false);
	if (err)
		die("--sandbox: cannot grant reads on '%s': %s",
		    i ? rd[i - 1] : "/", strerror(-err));
	for (i = 0; i < nread; i++)
		free(rd[i]);
	free(rd);
	for (i = 0; i < nhid; i++)
		free(hid[i]);
	free(hid);
}

/* The ruleset for SB's ABI; its fd. */
static int make_ruleset(const struct sandbox *sb, const struct sandbox_opts *o,
			const struct sandbox_layout *l)
{
	struct ll_ruleset_attr attr = { .handled_access_fs = fs_rights(sb->abi) };
	size_t size = sizeof(attr.handled_access_fs);
	int rfd;

	if (sb->abi >= 4) {
		size = offsetof(struct ll_ruleset_attr, scoped);
		if (!o->share_net)
			attr.handled_access_net = LL_NET_BIND_TCP |
						  LL_NET_CONNECT_TCP;
	}
	if (sb->abi >= 6) {
		size = sizeof(attr);
		attr.scoped = LL_SCOPE_SIGNAL | LL_SCOPE_ABSTRACT_UNIX_SOCKET;
	}
	rfd = syscall(LL_NR_CREATE_RULESET, &attr, size, 0);
	if (rfd < 0)
		die("--sandbox: cannot create the Landlock ruleset: %s",
		    strerror(errno));
	write_rules(rfd, attr.handled_access_fs, l);
	read_rules(rfd, attr.handled_access_fs, o);
	return rfd;
}

void sandbox_setup(struct sandbox *sb, const struct sandbox_opts *o,
		   const struct sandbox_layout *l)
{
	int abi = sandbox_landlock_abi(), p;

	memset(sb, 0, sizeof(*sb));
	sb->level = o->level;
	sb->ruleset_fd = -1;
	sb->abi = abi > 0 ? abi : 0;
	sb->abi_err = abi > 0 ? 0 : -abi;
	for (p = 0; p < SBP_COUNT; p++) {
		if (p == SBP_NET_TCP && o->share_net)
			continue;
		sb->wanted |= 1u << p;
		if (prot_on(p, sb->abi))
			sb->on |= 1u << p;
	}
	report_missing(sb);
	if (sb->abi)
		sb->ruleset_fd = make_ruleset(sb, o, l);
}

int sandbox_enter(struct sandbox *sb)
{
	int err = 0;

	if (sb->ruleset_fd < 0)
		return 0;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(LL_NR_RESTRICT_SELF, sb->ruleset_fd, 0))
		err = -errno;
	close(sb->ruleset_fd);
	sb->ruleset_fd = -1;
	return err;
}

void sandbox_release(struct sandbox *sb)
{
	if (sb->ruleset_fd >= 0)
		close(sb->ruleset_fd);
	sb->ruleset_fd = -1;
}

/* The names of the protections in MASK as a JSON array into BUF. */
static int json_prots(unsigned int mask, char *buf, size_t size)
{
	size_t pos = 0;
	int p;

	pos += snprintf(buf, size, "[");
	for (p = 0; p < SBP_COUNT && pos < size; p++)
		if (mask & (1u << p))
			pos += snprintf(buf + pos, size - pos, "%s\"%s\"",
					pos > 1 ? "," : "", prots[p].name);
	if (pos < size)
		pos += snprintf(buf + pos, size - pos, "]");
	return pos;
}

int sandbox_json(const struct sandbox *sb, char *buf, size_t size)
{
	char on[1024], off[1024], err[64] = "";

	json_prots(sb->on & sb->wanted, on, sizeof(on));
	json_prots(sb->wanted & ~sb->on, off, sizeof(off));
	if (!sb->abi)
		snprintf(err, sizeof(err), ",\"landlock_error\":\"%s\"",
			 sb->abi_err == ENOSYS ? "ENOSYS" :
			 sb->abi_err == EOPNOTSUPP ? "EOPNOTSUPP" : "other");
	return snprintf(buf, size, "{\"event\":\"sandbox\",\"level\":\"%s\","
			"\"landlock_abi\":%d%s,\"on\":%s,\"off\":%s}",
			sb->level == SANDBOX_STRICT ? "strict" : "best-effort",
			sb->abi, err, on, off);
}

int sandbox_text(const struct sandbox *sb, char *buf, size_t size)
{
	char off[1024];

	list_prots(sb->wanted & ~sb->on, off, sizeof(off));
	return snprintf(buf, size, "+++ sandbox %s, Landlock ABI %d, off: %s",
			sb->level == SANDBOX_STRICT ? "strict" : "best-effort",
			sb->abi, off[0] ? off : "nothing");
}

void sandbox_check(FILE *f)
{
	int abi = sandbox_landlock_abi(), p;

	if (abi < 0)
		fprintf(f, "landlock: none: %s\n", no_landlock(-abi));
	else
		fprintf(f, "landlock: ABI %d\n", abi);
	for (p = 0; p < SBP_COUNT; p++)
		fprintf(f, "sandbox: %-3s %s (Landlock ABI %d%s)\n",
			prot_on(p, abi > 0 ? abi : 0) ? "on" : "off",
			prots[p].name, prots[p].abi,
			p == SBP_SCOPE_SIGNAL ? "; below it vfstrace checks "
			"each signal's target" : "");
}
