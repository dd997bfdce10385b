/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_EHFRAME_H
#define VFSTRACE_EHFRAME_H

#include <stddef.h>
#include <stdint.h>

/*
 * Search tables of FDEs, as libunwind's dwarf_search_unwind_table reads
 * them (the table of .eh_frame_hdr), from the bytes of an ELF file's
 * .eh_frame_hdr or .eh_frame: pure functions over a buffer, whatever it
 * holds (a file may be corrupt), no state.  DWARF32 only, pointers
 * absolute or pc-relative, 2, 4 or 8 bytes: what x86_64 and aarch64
 * toolchains emit.
 */

/* An entry of a search table, as in .eh_frame_hdr. */
struct fde_ref {
	int32_t start;		/* first address covered, from the base */
	int32_t fde;		/* address of the FDE, from the base */
};

/*
 * Copy the search table of the .eh_frame_hdr HDR (SIZE bytes, loaded at
 * vaddr VA; the table's base is VA) into a new array *TABLE (the caller
 * frees it) of *N entries.  0; -EINVAL when HDR is not a version 1
 * header with a datarel sdata4 table, or the table is empty or longer
 * than HDR; -ENOMEM.
 */
int ehframe_hdr_table(const void *hdr, size_t size, uint64_t va,
		      struct fde_ref **table, size_t *n);

/*
 * Build a search table from the .eh_frame SEC (SIZE bytes at vaddr VA,
 * the table's base): one entry per FDE whose first address is in
 * [LO, HI), sorted by start.  *TABLE (the caller frees it) and *N as
 * above.  0; -ENOENT when no FDE qualifies; -ENOMEM.  Records that cannot
 * be read (a CIE of unknown augmentation, an FDE without a CIE before it)
 * are skipped; the first bad length ends the section.
 */
int ehframe_table(const void *sec, size_t size, uint64_t va, uint64_t lo,
		  uint64_t hi, struct fde_ref **table, size_t *n);

/*
 * The FDE pointer encoding (DW_EH_PE_*) given by the CIE at offset CIE of
 * the .eh_frame SEC (SIZE bytes at vaddr VA): 0..255, 0 (absolute) when
 * its augmentation has no 'R', or -EINVAL for a CIE that cannot be read.
 */
int ehframe_cie_encoding(const void *sec, size_t size, uint64_t va,
			 size_t cie);

#endif
