/* SPDX-License-Identifier: MIT */
/*
 * The seccomp filter.  The only file that includes <seccomp.h>.
 *
 * Two programs are stacked:
 *  1. libseccomp's, built from the syscall table: every row an ABI has a
 *     number for and the mode's column does not leave alone (NOTRAP)
 *     returns TRACE, only for the arguments its rules match (guard.h)
 *     when the decision says so.  libseccomp translates rule numbers from
 *     the native ABI by name, so rows of other ABIs (i386) are added by
 *     name; native rows by number.
 *  2. a five-instruction-per-ABI range program for what libseccomp cannot
 *     express: syscall numbers from the first one it cannot name up are
 *     trapped with FILTER_DATA_UNKNOWN, so a call newer than the table (or
 *     than libseccomp) is never let through silently.  The supervisor
 *     maps those by (arch, number) and refuses the unknown ones.
 *  3. the ioctl program, for rows decided by their second argument (the
 *     IOCTL rows): the row's call of each ABI returns TRACE unless the
 *     low 32 bits of the request (the kernel's cmd is an unsigned int)
 *     are a NOTRAP request or of a NOTRAP type of include/ioctl_list.h,
 *     so terminal and socket requests never stop.  libseccomp cannot say
 *     "none of these" of one argument (one comparison per argument and
 *     rule, and no masked inequality).
 *  4. under --sandbox, the deny program (include/sandbox_deny_list.h):
 *     the calls of the deny list return SECCOMP_RET_ERRNO, which
 *     outranks TRACE, so they never reach a handler.
 * The kernel runs them all and takes the strongest action: ERRNO beats
 * TRACE, TRACE beats ALLOW.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "ioctl_rules.h"
#include "guard.h"
#include "sandbox_deny.h"

/* Since Linux 5.1 new calls have the same number on every ABI. */
#define FIRST_UNIFIED_NR 424

/* Calls at or above this (x32) belong to libseccomp's bad-arch action. */
#define X32_BIT 0x40000000

/* How the mode handles row ID of an ABI (native or not). */
static enum handling how_of(enum sc_id id, bool native,
			    const struct filter_opts *opts)
{
	const struct decision *d;

	if (id == SC_NONE)
		return H_NOTRAP;
	d = sysent_decide(id, opts->mode, native);
	return d->sandbox && !opts->sandbox ? H_NOTRAP : d->how;
}

/* Whether libseccomp's program traps row ID of an ABI (native or not). */
static bool wanted(enum sc_id id, bool native, const struct filter_opts *opts)
{
	enum handling how = how_of(id, native, opts);

	return how != H_NOTRAP && how != H_IOCTL;
}

/*
 * The number to give libseccomp for row ID of ABI so that its native
 * translation lands on the ABI's own number; -1 when it cannot.
 */
static int rule_nr(const struct abi *abi, bool native, enum sc_id id)
{
	const char *name = sysent_table[id].name;
	int nr = abi_nr(abi, id), n;

	if (native)
		return nr;
	n = seccomp_syscall_resolve_name_arch(abi->audit_arch, name);
	/*
	 * A negative pseudo number: libseccomp multiplexes the call (i386
	 * bind/connect exist both directly and through socketcall) and makes
	 * rules for every form.
	 */
	if (n != nr && (n >= 0 || n == __NR_SCMP_ERROR))
		return -1;
	n = seccomp_syscall_resolve_name(name);
	return n == __NR_SCMP_ERROR ? -1 : n;
}

/*
 * Trap calls NR of row ID: all of them, or those matching one of the
 * row's argument rules when the decision asks for it.
 */
static int add_rules(scmp_filter_ctx ctx, enum sc_id id, int nr,
		     bool native, const struct filter_opts *opts)
{
	struct scmp_arg_cmp cmp[GUARD_MAX_CONDS];
	const struct guard_rule *r;
	int n, i, j, err;

	if (!sysent_decide(id, opts->mode, native)->ruled)
		return seccomp_rule_add(ctx, SCMP_ACT_TRACE(id), nr, 0);
	r = guard_rules(id, &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < r[i].nconds; j++)
			cmp[j] = SCMP_CMP(r[i].cond[j].arg, SCMP_CMP_MASKED_EQ,
					  r[i].cond[j].mask,
					  r[i].cond[j].value);
		err = seccomp_rule_add_array(ctx, SCMP_ACT_TRACE(id), nr,
					     r[i].nconds, cmp);
		if (err)
			return err;
	}
	return n ? 0 : -EINVAL;
}

/*
 * Add ABI's rows to CTX.  *RANGE_START becomes the lowest number of the
 * ABI left to the range program.
 */
static int add_abi(scmp_filter_ctx ctx, const struct abi *abi, bool native,
		   const struct filter_opts *opts, unsigned int *range_start)
{
	int id, err;

	*range_start = abi->nr_max_known + 1;
	for (id = 1; id < SC__COUNT; id++) {
		int nr = abi_nr(abi, id), rn;

		if (nr < 0 || !wanted(id, native, opts))
			continue;
		rn = rule_nr(abi, native, id);
		if (rn == -1) {
			/*
			 * Only calls newer than libseccomp may be left to the
			 * range program; anything else is a table error.
			 */
			if (nr < FIRST_UNIFIED_NR)
				return -EINVAL;
			if ((unsigned int)nr < *range_start)
				*range_start = nr;
			continue;
		}
		err = add_rules(ctx, id, rn, native, opts);
		if (err)
			return err;
	}
	return 0;
}

static scmp_filter_ctx new_ctx(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);

	if (!ctx)
		return NULL;
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			     SCMP_ACT_ERRNO(ENOSYS)) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1)) {
		seccomp_release(ctx);
		return NULL;
	}
	/* A binary tree of syscall numbers (libseccomp >= 2.5). */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	return ctx;
}

/* One context per non-native ABI, merged into the native one. */
static int build(const struct arch *arch, const struct filter_opts *opts,
		 scmp_filter_ctx *out, unsigned int *starts)
{
	scmp_filter_ctx ctx = new_ctx(), sub;
	int i, err;

	if (!ctx)
		return -ENOMEM;
	err = add_abi(ctx, arch->abis[0], true, opts, &starts[0]);
	for (i = 1; !err && arch->abis[i]; i++) {
		sub = new_ctx();
		if (!sub) {
			err = -ENOMEM;
			break;
		}
		err = seccomp_arch_remove(sub, SCMP_ARCH_NATIVE);
		if (!err)
			err = seccomp_arch_add(sub, arch->abis[i]->audit_arch);
		if (!err)
			err = add_abi(sub, arch->abis[i], false, opts,
				      &starts[i]);
		if (!err)
			err = seccomp_merge(ctx, sub);	/* takes SUB */
		else
			seccomp_release(sub);
	}
	if (err) {
		seccomp_release(ctx);
		return err;
	}
	*out = ctx;
	return 0;
}

#define MAX_ABIS 4
#define RANGE_LEN (1 + 6 * MAX_ABIS + 1)

/* The range program (see the top of this file); returns its length. */
static int range_prog(const struct arch *arch, const unsigned int *starts,
		      struct sock_filter *f)
{
	int n = 0, i;

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	for (i = 0; arch->abis[i] && i < MAX_ABIS; i++) {
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			arch->abis[i]->audit_arch, 0, 5);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, nr));
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
			X32_BIT, 2, 0);
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
			starts[i], 0, 1);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_TRACE | FILTER_DATA_UNKNOWN);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	return n;
}

/* The low word of the ioctl request, seccomp_data.args[1]. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define REQ_LO offsetof(struct seccomp_data, args[1])
#else
#define REQ_LO (offsetof(struct seccomp_data, args[1]) + 4)
#endif
#define IOC_MAX_EXACT 40
#define IOC_BLOCK (8 + 8 + IOC_MAX_EXACT)
#define IOCTL_LEN (IOC_BLOCK * MAX_ABIS + 1)

/*
 * One ABI's block of the ioctl program into F: the call NR of the ABI is
 * trapped but for the NOTRAP requests.  Returns its length.
 */
static int ioctl_block(uint32_t audit_arch, int nr, struct sock_filter *f)
{
	unsigned int req[IOC_MAX_EXACT];
	int n = 0, i, nreq = 0, len, allow;

	for (i = 0; i < (int)ioc_nrules && nreq < IOC_MAX_EXACT; i++)
		if (ioc_rules[i].how == IOC_NOTRAP)
			req[nreq++] = ioc_rules[i].req;
	len = 8 + (int)ioc_ntypes + nreq;
	allow = len - 1;
#define JUMP_ALLOW(k) (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | \
	BPF_K, (k), allow - n - 1, 0)
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		audit_arch, 0, len - 1);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		nr, 0, allow - n - 1);
	n++;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		REQ_LO);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K,
		0xff00);
	for (i = 0; i < (int)ioc_ntypes; i++, n++)
		f[n] = JUMP_ALLOW((unsigned int)ioc_notrap_types[i] << 8);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		REQ_LO);
	for (i = 0; i < nreq; i++, n++)
		f[n] = JUMP_ALLOW(req[i]);
#undef JUMP_ALLOW
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_TRACE | SC_ioctl);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	return n;
}

/* The ioctl program (see the top of this file); its length, 0: none. */
static int ioctl_prog(const struct arch *arch, const struct filter_opts *opts,
		      struct sock_filter *f)
{
	int n = 0, i, nr;

	if (ioc_ntypes > 8)
		return -EINVAL;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	for (i = 0; arch->abis[i] && i < MAX_ABIS; i++) {
		nr = abi_nr(arch->abis[i], SC_ioctl);
		if (nr >= 0 && how_of(SC_ioctl, i == 0, opts) == H_IOCTL)
			n += ioctl_block(arch->abis[i]->audit_arch, nr, f + n);
	}
	if (n == 1)
		return 0;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	return n;
}

/* Load the ioctl program, when the mode has one. */
static int ioctl_install(const struct arch *arch,
			 const struct filter_opts *opts)
{
	struct sock_filter f[IOCTL_LEN];
	struct sock_fprog prog;
	int n = ioctl_prog(arch, opts, f);

	if (n <= 0)
		return n;
	prog.len = n;
	prog.filter = f;
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return 0;
}

/*
 * The deny program (see the top of this file): per ABI, the check of
 * seccomp_data.arch, then one block per row of the deny list, each
 * skipped unless the number matches, ending in RET ERRNO or RET ALLOW.
 * A plain vector with its length; an overflow is seen at the end.
 */
#define DENY_LEN 1024

struct bpf_buf {
	struct sock_filter f[DENY_LEN];
	int n;
};

static void put(struct bpf_buf *b, struct sock_filter ins)
{
	if (b->n < DENY_LEN)
		b->f[b->n] = ins;
	b->n++;
}

#define STMT(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))
#define RET_ERRNO(e) STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (e))
#define RET_ALLOW STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* The low word of argument I (the kernel reads ints and cmds there). */
static uint32_t arg_lo(int i)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return offsetof(struct seccomp_data, args[i]);
#else
	return offsetof(struct seccomp_data, args[i]) + 4;
#endif
}

/*
 * Open a block for call NR: skipped (the accumulator still holding the
 * number) unless it is NR.  Returns where the jump is, for block_end().
 */
static int block_start(struct bpf_buf *b, int nr)
{
	put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 0));
	return b->n - 1;
}

static int block_end(struct bpf_buf *b, int at)
{
	int len = b->n - at - 1;

	if (len > 255)
		return -E2BIG;
	if (at < DENY_LEN)
		b->f[at].jf = len;
	return 0;
}

/* FLAGS: refused when a bit of the mask is set, else allowed. */
static void deny_flags(struct bpf_buf *b, const struct deny_row *r)
{
	put(b, STMT(BPF_LD | BPF_W | BPF_ABS, arg_lo(r->arg)));
	put(b, JUMP(BPF_JMP | BPF_JSET | BPF_K, (uint32_t)r->mask, 0, 1));
	put(b, RET_ERRNO(r->err));
	put(b, RET_ALLOW);
}

/* DEVNODE: refused when the mode's type is a character or block device. */
static void deny_devnode(struct bpf_buf *b, const struct deny_row *r)
{
	put(b, STMT(BPF_LD | BPF_W | BPF_ABS, arg_lo(r->arg)));
	put(b, STMT(BPF_ALU | BPF_AND | BPF_K, S_IFMT));
	put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K, S_IFCHR, 1, 0));
	put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K, S_IFBLK, 0, 1));
	put(b, RET_ERRNO(r->err));
	put(b, RET_ALLOW);
}

/* FAMILY: AF_UNIX, and AF_INET, AF_INET6 when SHARE_NET; else refused. */
static void deny_family(struct bpf_buf *b, const struct deny_row *r,
			bool share_net)
{
	static const int fam[] = { AF_UNIX, AF_INET, AF_INET6 };
	int n = share_net ? 3 : 1, i;

	put(b, STMT(BPF_LD | BPF_W | BPF_ABS, arg_lo(0)));
	for (i = 0; i < n; i++)
		put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K, fam[i], n - i, 0));
	put(b, RET_ERRNO(r->err));
	put(b, RET_ALLOW);
}

/* Every IOCTL row in one block: refused requests, the others allowed. */
static void deny_ioctls(struct bpf_buf *b)
{
	size_t i;

	put(b, STMT(BPF_LD | BPF_W | BPF_ABS, arg_lo(1)));
	for (i = 0; i < deny_nrows; i++) {
		if (deny_rows[i].kind != DENY_IOCTL)
			continue;
		put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			    (uint32_t)deny_rows[i].mask, 0, 1));
		put(b, RET_ERRNO(deny_rows[i].err));
	}
	put(b, RET_ALLOW);
}

/*
 * The number of call NAME in ABI, or -1 when the ABI lacks it; -EINVAL
 * when libseccomp does not know the name at all (an older libseccomp:
 * never leave a row out silently).
 */
static int deny_nr(const struct abi *abi, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(abi->audit_arch, name);

	if (nr >= 0)
		return nr;
	if (seccomp_syscall_resolve_name(name) == __NR_SCMP_ERROR &&
	    nr == __NR_SCMP_ERROR)
		return -EINVAL;
	/*
	 * i386 socket(2) and socketpair(2): libseccomp gives its pseudo
	 * number (it multiplexes them through socketcall); the direct
	 * calls have these numbers since Linux 4.3.
	 */
	if (abi->audit_arch == AUDIT_ARCH_I386 && !strcmp(name, "socket"))
		return 359;
	if (abi->audit_arch == AUDIT_ARCH_I386 && !strcmp(name, "socketpair"))
		return 360;
	return -1;
}

/* One row's block for ABI (the IOCTL rows: the first one, for all). */
static int deny_row(struct bpf_buf *b, const struct abi *abi, size_t i,
		    bool share_net, bool *ioctls_done)
{
	const struct deny_row *r = &deny_rows[i];
	int nr = deny_nr(abi, r->name), at;

	if (nr == -EINVAL)
		return nr;
	if (nr < 0 || (r->kind == DENY_IOCTL && *ioctls_done))
		return 0;
	at = block_start(b, nr);
	switch (r->kind) {
	case DENY_ALL:
		put(b, RET_ERRNO(r->err));
		break;
	case DENY_FLAGS:
		deny_flags(b, r);
		break;
	case DENY_DEVNODE:
		deny_devnode(b, r);
		break;
	case DENY_FAMILY:
		deny_family(b, r, share_net);
		break;
	case DENY_IOCTL:
		deny_ioctls(b);
		*ioctls_done = true;
		break;
	}
	return block_end(b, at);
}

/* The ABI's part: skipped unless seccomp_data.arch is the ABI's. */
static int deny_abi(struct bpf_buf *b, const struct abi *abi,
		    bool share_net)
{
	bool ioctls_done = false;
	size_t i;
	int at, err;

	put(b, STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)));
	put(b, JUMP(BPF_JMP | BPF_JEQ | BPF_K, abi->audit_arch, 1, 0));
	at = b->n;
	put(b, STMT(BPF_JMP | BPF_JA, 0));
	put(b, STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)));
	for (i = 0; i < deny_nrows; i++) {
		err = deny_row(b, abi, i, share_net, &ioctls_done);
		if (err)
			return err;
	}
	put(b, RET_ALLOW);
	if (at < DENY_LEN)
		b->f[at].k = b->n - at - 1;
	return 0;
}

/* The deny program of ARCH into B; 0 or -errno. */
static int deny_prog(const struct arch *arch, const struct filter_opts *opts,
		     struct bpf_buf *b)
{
	int i, err;

	b->n = 0;
	for (i = 0; arch->abis[i] && i < MAX_ABIS; i++) {
		err = deny_abi(b, arch->abis[i], opts->sandbox->share_net);
		if (err)
			return err;
	}
	put(b, RET_ALLOW);
	return b->n > DENY_LEN ? -E2BIG : 0;
}

/* Load the deny program under --sandbox. */
static int deny_install(const struct arch *arch,
			const struct filter_opts *opts)
{
	struct bpf_buf *b;
	struct sock_fprog prog;
	int err;

	if (!sandbox_on(opts->sandbox))
		return 0;
	b = malloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	err = deny_prog(arch, opts, b);
	if (!err) {
		prog.len = b->n;
		prog.filter = b->f;
		if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			err = -errno;
	}
	free(b);
	return err;
}

/* The deny program's line of filter_export(): built, not loaded. */
static int deny_export(const struct arch *arch,
		       const struct filter_opts *opts, int fd)
{
	struct bpf_buf *b = malloc(sizeof(*b));
	char line[128];
	int err = b ? deny_prog(arch, opts, b) : -ENOMEM, n;

	if (!err) {
		n = snprintf(line, sizeof(line), "# sandbox deny program: %zu "
			     "rows, %d instructions\n", deny_nrows, b->n);
		if (write(fd, line, n) != n)
			err = -errno;
	}
	free(b);
	return err;
}

int filter_install(const struct arch *arch, const struct filter_opts *opts)
{
	unsigned int starts[MAX_ABIS] = { 0 };
	struct sock_filter f[RANGE_LEN];
	struct sock_fprog prog;
	scmp_filter_ctx ctx;
	int err;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	err = build(arch, opts, &ctx, starts);
	if (err)
		return err;
	err = seccomp_load(ctx);
	seccomp_release(ctx);
	if (err)
		return err;
	prog.len = range_prog(arch, starts, f);
	prog.filter = f;
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	err = ioctl_install(arch, opts);
	return err ? err : deny_install(arch, opts);
}

int filter_export(const struct arch *arch, const struct filter_opts *opts,
		  int fd)
{
	unsigned int starts[MAX_ABIS] = { 0 };
	scmp_filter_ctx ctx;
	char line[128];
	int err, i;

	err = build(arch, opts, &ctx, starts);
	if (err)
		return err;
	err = seccomp_export_pfc(ctx, fd);
	seccomp_release(ctx);
	for (i = 0; !err && arch->abis[i] && i < MAX_ABIS; i++) {
		int n = snprintf(line, sizeof(line),
				 "# range program: %s syscalls >= %u trap\n",
				 arch->abis[i]->name, starts[i]);

		if (write(fd, line, n) != n)
			err = -errno;
	}
	if (!err && how_of(SC_ioctl, true, opts) == H_IOCTL) {
		size_t k, nreq = 0;
		int n;

		for (k = 0; k < ioc_nrules; k++)
			nreq += ioc_rules[k].how == IOC_NOTRAP;
		n = snprintf(line, sizeof(line), "# ioctl program: ioctl "
			     "traps but for %zu requests and %zu request "
			     "types\n", nreq, ioc_ntypes);

		if (write(fd, line, n) != n)
			err = -errno;
	}
	if (!err && sandbox_on(opts->sandbox))
		err = deny_export(arch, opts, fd);
	return err;
}
