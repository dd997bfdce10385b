/* SPDX-License-Identifier: MIT */
/*
 * aarch64 for the stack unwinder (include/arch_unwind.h): the general
 * registers by PTRACE_GETREGSET (NT_PRSTATUS); libunwind numbers X0-X30
 * 0-30, SP 31, PC 32.  Compiled by `make check-arch`; not yet run.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <asm/ptrace.h>

#include "arch_unwind.h"

enum { X0 = 0, SP = 31, PC = 32, NREGS = 33 };

_Static_assert(sizeof(struct user_pt_regs) <= sizeof(struct unwind_regs),
	       "unwind_regs too small");

static int aarch64_get_regs(pid_t tid, struct unwind_regs *regs)
{
	struct iovec iov = { .iov_base = regs,
			     .iov_len = sizeof(struct user_pt_regs) };

	return ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0 ?
	       -errno : 0;
}

static int aarch64_reg(const struct unwind_regs *regs, int reg, uint64_t *val)
{
	const struct user_pt_regs *r = (const void *)regs;

	if (reg < X0 || reg >= NREGS)
		return -EINVAL;
	*val = reg == SP ? r->sp : reg == PC ? r->pc : r->regs[reg];
	return 0;
}

/*
 * Above any untagged user address (48- or 52-bit VAs); the unwinder only
 * meets untagged ones (stack and return addresses).
 */
const struct arch_unwind arch_unwind_native = {
	.elf_machine = EM_AARCH64,
	.tables = 0x4000000000000000ULL,
	.get_regs = aarch64_get_regs,
	.reg = aarch64_reg,
};
