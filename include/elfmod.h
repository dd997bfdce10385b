/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_ELFMOD_H
#define VFSTRACE_ELFMOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehframe.h"

/*
 * What the unwinder knows of one ELF file (a "module"), read once with
 * elfutils' libelf and then kept in plain arrays: looking up a frame
 * touches no ELF data, and no file or libelf handle stays open.
 */

/* A PT_LOAD segment. */
struct elf_seg {
	uint64_t vaddr, offset, filesz;
};

/* A function symbol. */
struct fsym {
	uint64_t value, size;	/* vaddr; size 0: not known */
	uint32_t name;		/* in the module's strtab */
	unsigned char rank;	/* among aliases: 0 global, 1 weak, 2 local */
};

/*
 * One file.  DEV, INO and ID are the caller's (module_read leaves them);
 * the arrays are owned by the module and freed by module_release.
 */
struct module {
	uint64_t dev, ino;
	unsigned int id;
	struct elf_seg *loads;	/* the PT_LOAD segments */
	size_t nloads;
	uint64_t lo, hi;	/* span of the executable segments (vaddr) */
	bool has_table;		/* the FDE search table below */
	uint64_t base;		/* vaddr the table's offsets start from */
	struct fde_ref *table;	/* by start */
	size_t nent;
	bool has_syms;		/* the function symbols below */
	struct fsym *fsyms;	/* by value; aliases global, weak, local */
	size_t nfsyms;
	char *strtab;		/* their names, NUL-terminated */
	size_t strtab_len;
};

/*
 * Read MOD's segments, search table (.eh_frame_hdr's, else built from
 * .eh_frame) and function symbols (.symtab, else .dynsym; none read from
 * a file with MiniDebugInfo, .gnu_debugdata, which libunwind reads) from
 * the ELF file FD (not closed), which must be 64-bit for e_machine
 * MACHINE.  A file without a table or symbols is still a module
 * (has_table, has_syms false).  0, or -ENOEXEC when FD is no such ELF
 * file or has no executable segment, -ENOMEM, -ENOTSUP built without
 * libelf.  On error MOD holds nothing to free.
 */
int module_read(struct module *mod, int fd, unsigned int machine);

/* Free what MOD owns (not MOD itself); MOD is then empty. */
void module_release(struct module *mod);

/*
 * The function holding VADDR, or NULL (none, or past the end of the one
 * before it).  Points into MOD.
 */
const struct fsym *module_symbol(const struct module *mod, uint64_t vaddr);

/*
 * The load bias of MOD mapped at START from file offset OFF (a mapping
 * of one of its PT_LOADs) into *BIAS; false if no PT_LOAD holds OFF.
 */
bool module_bias(const struct module *mod, uint64_t start, uint64_t off,
		 uint64_t *bias);

#endif
