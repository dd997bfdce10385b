/* SPDX-License-Identifier: MIT */
/* The arch-neutral syscall table, built from include/syscall_list.h. */
#include <string.h>

#include "sysent.h"

#define A(k) A_##k
const struct sysent sysent_table[SC__COUNT] = {
#define SC(id, nm, n, c, fl, a0, a1, a2, a3, a4, a5)			\
	[SC_##id] = { .name = nm, .nargs = n, .cls = (c), .flags = (fl),	\
		      .arg = { A(a0), A(a1), A(a2), A(a3), A(a4), A(a5) } },
#include "syscall_list.h"
#undef SC
};

static const char *const sc_ids[SC__COUNT] = {
#define SC(id, nm, n, c, fl, a0, a1, a2, a3, a4, a5) [SC_##id] = #id,
#include "syscall_list.h"
#undef SC
};

enum sc_id sysent_by_name(const char *name)
{
	int i;

	for (i = 1; i < SC__COUNT; i++)
		if (!strcmp(sc_ids[i], name))
			return i;
	for (i = 1; i < SC__COUNT; i++)
		if (!strcmp(sysent_table[i].name, name))
			return i;
	return SC_NONE;
}

int sysent_find_arg(const struct sysent *ent, int kind, int from)
{
	int i;

	for (i = from; i < ent->nargs; i++)
		if (ent->arg[i] == kind)
			return i;
	return -1;
}

int sysent_dirfd_of(const struct sysent *ent, int path_idx)
{
	if (path_idx > 0 && ent->arg[path_idx - 1] == A_DIRFD)
		return path_idx - 1;
	return -1;
}
