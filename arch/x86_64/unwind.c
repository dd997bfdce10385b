/* SPDX-License-Identifier: MIT */
/*
 * x86_64 for the stack unwinder (include/arch_unwind.h): one
 * PTRACE_GETREGS per stack; libunwind's UNW_X86_64_* numbers are the
 * DWARF ones, checked against its header when it is there.
 */
#include <errno.h>
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "arch_unwind.h"

/* DWARF register numbers, as libunwind-x86_64 numbers them. */
enum {
	RAX, RDX, RCX, RBX, RSI, RDI, RBP, RSP,
	R8, R9, R10, R11, R12, R13, R14, R15, RIP, NREGS
};

#if defined(__has_include)
#if __has_include(<libunwind-x86_64.h>)
#include <libunwind-x86_64.h>
_Static_assert((int)UNW_X86_64_RBP == RBP && (int)UNW_X86_64_RSP == RSP &&
	       (int)UNW_X86_64_R15 == R15 && (int)UNW_X86_64_RIP == RIP,
	       "libunwind's x86_64 register numbers are DWARF's");
#endif
#endif

_Static_assert(sizeof(struct user_regs_struct) <=
	       sizeof(struct unwind_regs), "unwind_regs too small");

#define REG(r) offsetof(struct user_regs_struct, r)
static const unsigned short reg_offset[NREGS] = {
	[RAX] = REG(rax), [RDX] = REG(rdx), [RCX] = REG(rcx),
	[RBX] = REG(rbx), [RSI] = REG(rsi), [RDI] = REG(rdi),
	[RBP] = REG(rbp), [RSP] = REG(rsp), [R8] = REG(r8), [R9] = REG(r9),
	[R10] = REG(r10), [R11] = REG(r11), [R12] = REG(r12),
	[R13] = REG(r13), [R14] = REG(r14), [R15] = REG(r15),
	[RIP] = REG(rip),
};
#undef REG

static int x86_64_get_regs(pid_t tid, struct unwind_regs *regs)
{
	return ptrace(PTRACE_GETREGS, tid, NULL, regs) < 0 ? -errno : 0;
}

static int x86_64_reg(const struct unwind_regs *regs, int reg, uint64_t *val)
{
	if (reg < 0 || reg >= NREGS)
		return -EINVAL;
	memcpy(val, (const char *)regs + reg_offset[reg], sizeof(*val));
	return 0;
}

/* 0x4000000000000000 and up: not canonical, never user memory. */
const struct arch_unwind arch_unwind_native = {
	.elf_machine = EM_X86_64,
	.tables = 0x4000000000000000ULL,
	.get_regs = x86_64_get_regs,
	.reg = x86_64_reg,
};
