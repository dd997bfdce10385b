/* SPDX-License-Identifier: MIT */
/*
 * Builds a struct abi from a number list.  Before including, define
 * ABI_VAR (variable name), ABI_NAME, ABI_AUDIT, ABI_PTR_SIZE, ABI_LIST
 * (the header of NR(id, number) rows), ABI_NR_COUNT (one more than the
 * highest number the ABI has), ABI_NR_MAX (highest known number) and
 * ABI_NR_MMAP, ABI_NR_LSEEK, ABI_NR_FCNTL (the calls injected: struct
 * abi).
 */
#define ABI_CAT2(a, b) a##b
#define ABI_CAT(a, b) ABI_CAT2(a, b)

static const unsigned short ABI_CAT(ABI_VAR, _to_sc)[ABI_NR_COUNT] = {
#define NR(id, nr) [nr] = SC_##id,
#include ABI_LIST
#undef NR
};

static const short ABI_CAT(ABI_VAR, _to_nr)[SC__COUNT] = {
#define NR(id, nr) [SC_##id] = (nr) + 1,
#include ABI_LIST
#undef NR
};

const struct abi ABI_VAR = {
	.name = ABI_NAME,
	.audit_arch = ABI_AUDIT,
	.ptr_size = ABI_PTR_SIZE,
	.nr_count = ABI_NR_COUNT,
	.to_sc = ABI_CAT(ABI_VAR, _to_sc),
	.to_nr = ABI_CAT(ABI_VAR, _to_nr),
	.nr_max_known = ABI_NR_MAX,
	.nr_mmap = ABI_NR_MMAP,
	.nr_lseek = ABI_NR_LSEEK,
	.nr_fcntl = ABI_NR_FCNTL,
};

#undef ABI_VAR
#undef ABI_NAME
#undef ABI_AUDIT
#undef ABI_PTR_SIZE
#undef ABI_LIST
#undef ABI_NR_COUNT
#undef ABI_NR_MAX
#undef ABI_NR_MMAP
#undef ABI_NR_LSEEK
#undef ABI_NR_FCNTL
