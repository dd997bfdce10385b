/* SPDX-License-Identifier: MIT */
/*
 * x86_64: the native ABI and i386 (int $0x80 from any process, which the
 * kernel reports with AUDIT_ARCH_I386 and its own numbers).
 */
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "arch.h"

#define ABI_VAR abi_x86_64
#define ABI_NAME "x86_64"
#define ABI_AUDIT AUDIT_ARCH_X86_64
#define ABI_PTR_SIZE 8
#define ABI_LIST "../x86_64/syscallent.h"
#define ABI_NR_COUNT 470
#define ABI_NR_MAX 469
#define ABI_NR_MMAP 9
#define ABI_NR_LSEEK 8
#define ABI_NR_FCNTL 72
#include "../common/abi_table.h"

#define ABI_VAR abi_i386
#define ABI_NAME "i386"
#define ABI_AUDIT AUDIT_ARCH_I386
#define ABI_PTR_SIZE 4
#define ABI_LIST "../x86_64/syscallent32.h"
#define ABI_NR_COUNT 470
#define ABI_NR_MAX 469
#define ABI_NR_MMAP 192		/* mmap2 */
#define ABI_NR_LSEEK 19
#define ABI_NR_FCNTL 221	/* fcntl64 */
#include "../common/abi_table.h"

static const struct abi *const x86_64_abis[] = {
	&abi_x86_64, &abi_i386, NULL
};

/* Read-modify-write of the general registers; 0 or -errno. */
static int regs_get(pid_t tid, struct user_regs_struct *r)
{
	return ptrace(PTRACE_GETREGS, tid, NULL, r) < 0 ? -errno : 0;
}

static int regs_set(pid_t tid, const struct user_regs_struct *r)
{
	return ptrace(PTRACE_SETREGS, tid, NULL, r) < 0 ? -errno : 0;
}

static int x86_64_set_scno(pid_t tid, long nr)
{
	struct user_regs_struct r;
	int err = regs_get(tid, &r);

	if (err)
		return err;
	r.orig_rax = nr;
	return regs_set(tid, &r);
}

/*
 * At a seccomp stop rax already holds -ENOSYS; writing it is how the
 * result of a skipped call (orig_rax = -1) is delivered, no exit stop
 * needed (checked on x86_64 since Linux 4.8).
 */
static int x86_64_set_return(pid_t tid, long val)
{
	struct user_regs_struct r;
	int err = regs_get(tid, &r);

	if (err)
		return err;
	r.rax = val;
	return regs_set(tid, &r);
}

static int x86_64_skip(pid_t tid, long val)
{
	struct user_regs_struct r;
	int err = regs_get(tid, &r);

	if (err)
		return err;
	r.orig_rax = -1;
	r.rax = val;
	return regs_set(tid, &r);
}

static unsigned long long *arg_reg(struct user_regs_struct *r,
				   const struct abi *abi, int i)
{
	unsigned long long *r64[6] = { &r->rdi, &r->rsi, &r->rdx,
				       &r->r10, &r->r8, &r->r9 };
	unsigned long long *r32[6] = { &r->rbx, &r->rcx, &r->rdx,
				       &r->rsi, &r->rdi, &r->rbp };

	return abi->ptr_size == 4 ? r32[i] : r64[i];
}

static int x86_64_set_arg(pid_t tid, const struct abi *abi, int i,
			  uint64_t val)
{
	struct user_regs_struct r;
	int err;

	if (i < 0 || i > 5)
		return -EINVAL;
	err = regs_get(tid, &r);
	if (err)
		return err;
	*arg_reg(&r, abi, i) = val;
	return regs_set(tid, &r);
}

/* `syscall` and `int $0x80` are both two bytes long. */
#define SYSCALL_INSN_LEN 2

/*
 * A call entered with int $0x80 runs from the i386 table after the
 * change: NR is of ABI and the arguments go to its registers.
 */
static int x86_64_inject(pid_t tid, const struct abi *abi, long nr,
			 const uint64_t args[6], struct arch_regs *saved)
{
	struct user_regs_struct r, n;
	int err, i;

	_Static_assert(sizeof(r) <= sizeof(saved->raw), "arch_regs");
	err = regs_get(tid, &r);
	if (err)
		return err;
	memcpy(saved->raw, &r, sizeof(r));
	n = r;
	n.orig_rax = nr;
	for (i = 0; i < 6; i++)
		*arg_reg(&n, abi, i) = args[i];
	return regs_set(tid, &n);
}

static int x86_64_restart(pid_t tid, const struct arch_regs *saved)
{
	struct user_regs_struct r;

	memcpy(&r, saved->raw, sizeof(r));
	r.rip -= SYSCALL_INSN_LEN;
	r.rax = r.orig_rax;
	return regs_set(tid, &r);
}

static int x86_64_save(pid_t tid, struct arch_regs *saved)
{
	struct user_regs_struct r;
	int err = regs_get(tid, &r);

	if (!err)
		memcpy(saved->raw, &r, sizeof(r));
	return err;
}

static int x86_64_finish(pid_t tid, const struct arch_regs *saved, long ret)
{
	struct user_regs_struct r;

	memcpy(&r, saved->raw, sizeof(r));
	r.rax = ret;
	return regs_set(tid, &r);
}

static uint64_t x86_64_get_sp(pid_t tid)
{
	struct user_regs_struct r;

	return regs_get(tid, &r) ? 0 : r.rsp;
}

const struct arch arch_native = {
	.name = "x86_64",
	.abis = x86_64_abis,
	.set_scno = x86_64_set_scno,
	.skip = x86_64_skip,
	.set_return = x86_64_set_return,
	.set_arg = x86_64_set_arg,
	.inject = x86_64_inject,
	.save = x86_64_save,
	.finish = x86_64_finish,
	.restart = x86_64_restart,
	.get_sp = x86_64_get_sp,
};
