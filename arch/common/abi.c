/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "arch.h"

const struct abi *arch_abi(const struct arch *arch, uint32_t audit_arch)
{
	const struct abi *const *a;

	for (a = arch->abis; *a; a++)
		if ((*a)->audit_arch == audit_arch)
			return *a;
	return NULL;
}
