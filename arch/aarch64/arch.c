/* SPDX-License-Identifier: MIT */
/*
 * aarch64: one ABI (asm-generic numbers, no legacy path calls).  The
 * syscall number is changed through the NT_ARM_SYSTEM_CALL regset; the
 * general registers through NT_PRSTATUS.
 */
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "arch.h"

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif

#define ABI_VAR abi_aarch64
#define ABI_NAME "aarch64"
#define ABI_AUDIT AUDIT_ARCH_AARCH64
#define ABI_PTR_SIZE 8
#define ABI_LIST "../aarch64/syscallent.h"
#define ABI_NR_COUNT 470
#define ABI_NR_MAX 469
#define ABI_NR_MMAP 222
#define ABI_NR_LSEEK 62
#define ABI_NR_FCNTL 25
#include "../common/abi_table.h"

static const struct abi *const aarch64_abis[] = { &abi_aarch64, NULL };

static int regset(pid_t tid, int req, int type, void *buf, size_t len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };

	return ptrace(req, tid, (void *)(long)type, &iov) < 0 ? -errno : 0;
}

static int aarch64_set_scno(pid_t tid, long nr)
{
	int n = (int)nr;

	return regset(tid, PTRACE_SETREGSET, NT_ARM_SYSTEM_CALL, &n,
		      sizeof(n));
}

static int aarch64_set_reg(pid_t tid, int reg, uint64_t val)
{
	struct user_regs_struct r;
	int err = regset(tid, PTRACE_GETREGSET, NT_PRSTATUS, &r, sizeof(r));

	if (err)
		return err;
	r.regs[reg] = val;
	return regset(tid, PTRACE_SETREGSET, NT_PRSTATUS, &r, sizeof(r));
}

static int aarch64_set_return(pid_t tid, long val)
{
	return aarch64_set_reg(tid, 0, (uint64_t)val);
}

/*
 * On aarch64 the skipped call's x0 is kept as the return value when the
 * number is -1 (since Linux 4.19 the tracer-set x0 is preserved).
 */
static int aarch64_skip(pid_t tid, long val)
{
	int err = aarch64_set_scno(tid, -1);

	return err ? err : aarch64_set_return(tid, val);
}

static int aarch64_set_arg(pid_t tid, const struct abi *abi, int i,
			   uint64_t val)
{
	(void)abi;
	if (i < 0 || i > 5)
		return -EINVAL;
	return aarch64_set_reg(tid, i, val);
}

/* `svc #0` is four bytes; the number is in x8. */
static int aarch64_inject(pid_t tid, const struct abi *abi, long nr,
			  const uint64_t args[6], struct arch_regs *saved)
{
	struct user_regs_struct r, n;
	int err, i;

	_Static_assert(sizeof(r) <= sizeof(saved->raw), "arch_regs");
	err = regset(tid, PTRACE_GETREGSET, NT_PRSTATUS, &r, sizeof(r));
	if (err)
		return err;
	memcpy(saved->raw, &r, sizeof(r));
	n = r;
	for (i = 0; i < 6; i++)
		n.regs[i] = args[i];
	err = regset(tid, PTRACE_SETREGSET, NT_PRSTATUS, &n, sizeof(n));
	return err ? err : aarch64_set_scno(tid, nr);
}

static int aarch64_restart(pid_t tid, const struct arch_regs *saved)
{
	struct user_regs_struct r;

	memcpy(&r, saved->raw, sizeof(r));
	r.pc -= 4;
	return regset(tid, PTRACE_SETREGSET, NT_PRSTATUS, &r, sizeof(r));
}

static int aarch64_save(pid_t tid, struct arch_regs *saved)
{
	struct user_regs_struct r;
	int err = regset(tid, PTRACE_GETREGSET, NT_PRSTATUS, &r, sizeof(r));

	if (!err)
		memcpy(saved->raw, &r, sizeof(r));
	return err;
}

/* x0 is both the first argument and the result on aarch64. */
static int aarch64_finish(pid_t tid, const struct arch_regs *saved, long ret)
{
	struct user_regs_struct r;

	memcpy(&r, saved->raw, sizeof(r));
	r.regs[0] = ret;
	return regset(tid, PTRACE_SETREGSET, NT_PRSTATUS, &r, sizeof(r));
}

static uint64_t aarch64_get_sp(pid_t tid)
{
	struct user_regs_struct r;

	if (regset(tid, PTRACE_GETREGSET, NT_PRSTATUS, &r, sizeof(r)))
		return 0;
	return r.sp;
}

const struct arch arch_native = {
	.name = "aarch64",
	.abis = aarch64_abis,
	.set_scno = aarch64_set_scno,
	.skip = aarch64_skip,
	.set_return = aarch64_set_return,
	.set_arg = aarch64_set_arg,
	.inject = aarch64_inject,
	.save = aarch64_save,
	.finish = aarch64_finish,
	.restart = aarch64_restart,
	.get_sp = aarch64_get_sp,
};
