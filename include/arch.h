/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_ARCH_H
#define VFSTRACE_ARCH_H

#include <stdint.h>
#include <sys/types.h>

#include "sysent.h"

/*
 * One syscall ABI (x86_64, i386 via int $0x80, aarch64): its audit arch
 * value (what seccomp_data.arch and PTRACE_GET_SYSCALL_INFO report, and
 * what libseccomp calls SCMP_ARCH_*) and the mapping between its numbers
 * and the rows of the neutral table.  Constant data, no ownership.
 */
struct abi {
	const char *name;
	uint32_t audit_arch;
	unsigned int ptr_size;		/* 4 or 8 */
	unsigned int nr_count;		/* numbers 0 .. nr_count-1 mapped */
	const unsigned short *to_sc;	/* number -> enum sc_id (0: none) */
	const short *to_nr;		/* enum sc_id -> number + 1 (0: none) */
	unsigned int nr_max_known;	/* highest syscall number of this ABI */
	/*
	 * The numbers vfstrace injects in place of a call of this ABI (a
	 * call entered through an ABI runs with that ABI's table): mmap
	 * (mmap2 on i386: the last argument counts pages), lseek and fcntl
	 * (fcntl64 on i386).
	 */
	long nr_mmap, nr_lseek, nr_fcntl;
};

/* Number of row ID in ABI, or -1 when ABI has no such call. */
static inline int abi_nr(const struct abi *abi, enum sc_id id)
{
	return abi->to_nr[id] - 1;
}

/* Row of syscall number NR in ABI, or SC_NONE. */
static inline enum sc_id abi_sc(const struct abi *abi, long nr)
{
	if (nr < 0 || (unsigned long)nr >= abi->nr_count)
		return SC_NONE;
	return abi->to_sc[nr];
}

/* Saved registers of a thread, opaque; big enough for every arch. */
struct arch_regs {
	uint64_t raw[64];
};

/*
 * Register access for one architecture.  Reading goes through
 * PTRACE_GET_SYSCALL_INFO, which is arch-neutral; these hooks write.
 * Each returns 0 or -errno (-ESRCH: the tracee is gone).  Called only
 * while TID is in a ptrace stop.
 */
struct arch {
	const char *name;
	const struct abi *const *abis;	/* native first, NULL-terminated */
	/* Replace the syscall number (-1 skips the call) at a seccomp stop. */
	int (*set_scno)(pid_t tid, long nr);
	/*
	 * At a seccomp stop: skip the call and make it return VAL (negative
	 * errno for errors), with no exit stop needed.
	 */
	int (*skip)(pid_t tid, long val);
	/* Set the value the syscall returns (negative errno for errors). */
	int (*set_return)(pid_t tid, long val);
	/* Set argument I (0-5) of the syscall being entered. */
	int (*set_arg)(pid_t tid, const struct abi *abi, int i, uint64_t val);
	/*
	 * At a seccomp stop: save the registers into SAVED and turn the call
	 * being entered into NR(ARGS) of ABI, the ABI of that call (its
	 * numbers, its argument registers).  Resume with
	 * PTRACE_SYSCALL; at its exit stop the result is the return value,
	 * then restart() makes the thread run its original call again (it
	 * stops again at the seccomp stop of that call).
	 */
	int (*inject)(pid_t tid, const struct abi *abi, long nr,
		      const uint64_t args[6], struct arch_regs *saved);
	/* Save all registers of the stopped thread into SAVED. */
	int (*save)(pid_t tid, struct arch_regs *saved);
	/*
	 * At a syscall-exit stop: put back SAVED (taken at the seccomp stop,
	 * before arguments were changed) with RET as the result, so the
	 * thread never sees a changed argument register (code may rely on
	 * them surviving the call).
	 */
	int (*finish)(pid_t tid, const struct arch_regs *saved, long ret);
	/* At the exit stop of an injected call: restore, rewound. */
	int (*restart)(pid_t tid, const struct arch_regs *saved);
	/* Stack pointer of the stopped thread, or 0 on error. */
	uint64_t (*get_sp)(pid_t tid);
};

/* The architecture vfstrace was built for. */
extern const struct arch arch_native;

/* The ABI of ARCH whose audit arch is AUDIT_ARCH, or NULL. */
const struct abi *arch_abi(const struct arch *arch, uint32_t audit_arch);

#endif
