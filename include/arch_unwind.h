/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_ARCH_UNWIND_H
#define VFSTRACE_ARCH_UNWIND_H

#include <stdint.h>
#include <sys/types.h>

/*
 * What the stack unwinder (supervisor/unwind.c) needs of the
 * architecture, one constant object per arch (arch/ARCH/unwind.c):
 * which ELF files are native, where its fake addresses may go, and the
 * registers of a stopped thread by libunwind's numbers for the arch.
 * Constant data, no ownership.
 */

/* Saved registers of a thread for unwinding, opaque to the caller. */
struct unwind_regs {
	uint64_t raw[48];
};

struct arch_unwind {
	unsigned int elf_machine;	/* e_machine of native ELF files */
	/*
	 * An address range [tables, tables + 2^62) that is never user
	 * memory: the unwinder serves its search tables to libunwind
	 * there.
	 */
	uint64_t tables;
	/* Read all registers of TID (in a ptrace stop); 0 or -errno. */
	int (*get_regs)(pid_t tid, struct unwind_regs *regs);
	/*
	 * Register REG (libunwind's UNW_<ARCH>_* number) of REGS into
	 * *VAL; 0, or -EINVAL for a register not kept.
	 */
	int (*reg)(const struct unwind_regs *regs, int reg, uint64_t *val);
};

/* The architecture vfstrace was built for. */
extern const struct arch_unwind arch_unwind_native;

#endif
