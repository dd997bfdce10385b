/* SPDX-License-Identifier: MIT */
/*
 * The arch-neutral syscall table, built from include/syscall_list.h, and
 * the walker that checks its decision columns.
 */
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "decisions.h"
#include "guard.h"
#include "sysent.h"

#define A(k) A_##k
const struct sysent sysent_table[SC__COUNT] = {
#define SC(id, nm, n, c, fl, a0, a1, a2, a3, a4, a5, tr, ov)		\
	[SC_##id] = { .name = nm, .nargs = n, .cls = (c), .flags = (fl),	\
		      .arg = { A(a0), A(a1), A(a2), A(a3), A(a4), A(a5) },	\
		      .how = { [MODE_TRACE] = D(tr), [MODE_OVERLAY] = D(ov) } },
#include "syscall_list.h"
#undef SC
};

static const char *const sc_ids[SC__COUNT] = {
#define SC(id, nm, n, c, fl, a0, a1, a2, a3, a4, a5, tr, ov) [SC_##id] = #id,
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

static const char *const mode_names[MODE__COUNT] = {
	[MODE_TRACE] = "trace",
	[MODE_OVERLAY] = "overlay",
};

static const char *const handling_names[H__COUNT] = {
	[H_NONE] = "(none)", [H_NOTRAP] = "NOTRAP", [H_LOG] = "LOG",
	[H_PASS] = "PASS", [H_REFUSE] = "REFUSE",
	[H_PRIVILEGED] = "PRIVILEGED", [H_LOOKUP] = "LOOKUP",
	[H_OPEN] = "OPEN", [H_MODIFY] = "MODIFY", [H_EXEC] = "EXEC",
	[H_CHDIR] = "CHDIR", [H_GETCWD] = "GETCWD", [H_FDMETA] = "FDMETA",
	[H_GETDENTS] = "GETDENTS", [H_SOCKET] = "SOCKET",
	[H_SOCKNAME] = "SOCKNAME", [H_CREDS] = "CREDS",
	[H_IOCTL] = "IOCTL",
	[H_DUMPABLE] = "DUMPABLE", [H_INTREE] = "INTREE",
	[H_SIGNAL] = "SIGNAL", [H_SEND] = "SEND",
};

const char *mode_name(enum mode mode)
{
	return mode < MODE__COUNT ? mode_names[mode] : "?";
}

const char *handling_name(enum handling how)
{
	return how < H__COUNT ? handling_names[how] : "?";
}

#define BIT(h) (1u << (h))

/* The handlings each mode implements. */
static const unsigned int mode_handles[MODE__COUNT] = {
	[MODE_TRACE] = BIT(H_NOTRAP) | BIT(H_LOG) | BIT(H_REFUSE) |
		BIT(H_DUMPABLE),
	[MODE_OVERLAY] = BIT(H_NOTRAP) | BIT(H_PASS) | BIT(H_REFUSE) |
		BIT(H_PRIVILEGED) | BIT(H_LOOKUP) | BIT(H_OPEN) |
		BIT(H_MODIFY) | BIT(H_EXEC) | BIT(H_CHDIR) | BIT(H_GETCWD) |
		BIT(H_FDMETA) | BIT(H_GETDENTS) | BIT(H_SOCKET) |
		BIT(H_SOCKNAME) | BIT(H_CREDS) | BIT(H_DUMPABLE) |
		BIT(H_INTREE) | BIT(H_IOCTL) | BIT(H_SIGNAL) | BIT(H_SEND),
};

bool sysent_mode_handles(enum mode mode, enum handling how)
{
	return mode < MODE__COUNT && how < H__COUNT &&
	       (mode_handles[mode] & BIT(how));
}

/*
 * A row decides for every ABI that has a number for it: the handlers
 * read and write the layouts of the call's ABI, and a row that only a
 * foreign ABI has and no handler translates says I386_ONLY (ENOSYS).
 */
static const struct decision *decide_in(const struct sysent *table,
					enum sc_id id, enum mode mode,
					bool native)
{
	(void)native;
	return &table[id].how[mode];
}

const struct decision *sysent_decide(enum sc_id id, enum mode mode,
				     bool native)
{
	return decide_in(sysent_table, id, mode, native);
}

static bool has_arg(const struct sysent *e, int kind)
{
	return sysent_find_arg(e, kind, 0) >= 0;
}

/* Why decision D does not fit row E, or NULL when it does. */
static const char *misfit(const struct sysent *e, const struct decision *d)
{
	switch (d->how) {
	case H_NONE:
		return "no decision";
	case H_PASS: case H_PRIVILEGED:
		return d->why ? NULL : "no reason given";
	case H_REFUSE: case H_INTREE: case H_SIGNAL:
		return d->err ? NULL : "no errno";
	case H_LOOKUP: case H_OPEN: case H_MODIFY:
		return has_arg(e, A_PATH) ? NULL : "no path argument";
	case H_EXEC:
		return e->flags & SF_EXEC ? NULL : "not an exec row";
	case H_CHDIR:
		return e->flags & SF_CWD ? NULL : "not a cwd row";
	case H_GETCWD:
		return has_arg(e, A_OUTSTR) ? NULL : "no output string";
	case H_FDMETA: case H_GETDENTS: case H_IOCTL: case H_SEND:
		return has_arg(e, A_FD) ? NULL : "no fd argument";
	case H_SOCKET:
		return has_arg(e, A_SOCKADDR) || has_arg(e, A_SOCKCALL) ? NULL :
		       "no socket address";
	case H_SOCKNAME:
		return e->flags & SF_SOCK ? NULL : "not a socket row";
	default:
		return NULL;
	}
}

/* Why D's use of the argument rules (guard.h) of row ID is wrong. */
static const char *misruled(int id, const struct decision *d)
{
	int n;

	guard_rules(id, &n);
	if (d->ruled && !n)
		return "an _IF decision on a row without argument rules";
	if (!d->ruled && n && d->how != H_NOTRAP)
		return "a row with argument rules trapped whole";
	return NULL;
}

struct check {
	const struct sysent *table;
	void (*report)(void *arg, const char *line);
	void *arg;
	int problems;
};

static void check_cell(struct check *ck, int id, const char *abi,
		       enum mode m, bool native)
{
	const struct decision *d = decide_in(ck->table, id, m, native);
	const char *why = misfit(&ck->table[id], d);
	char line[200];

	if (!why && d->how < H__COUNT && !(mode_handles[m] & BIT(d->how)))
		why = "a handling this mode does not implement";
	if (!why)
		why = misruled(id, d);
	if (!why)
		return;
	snprintf(line, sizeof(line), "%s (%s ABI), %s mode: %s: %s",
		 ck->table[id].name ? ck->table[id].name : "?", abi,
		 mode_name(m), handling_name(d->how), why);
	ck->report(ck->arg, line);
	ck->problems++;
}

int sysent_check(const struct sysent *table, int n,
		 const struct abi *const *abis,
		 void (*report)(void *arg, const char *line), void *arg)
{
	struct check ck = { table, report, arg, 0 };
	const struct abi *const *a;
	int id, m;

	for (id = 1; id < n; id++)
		for (m = 0; m < MODE__COUNT; m++)
			check_cell(&ck, id, "any", m, true);
	for (a = abis; a && *a; a++)
		for (id = 1; id < n; id++)
			for (m = 0; (*a)->to_nr[id] && m < MODE__COUNT; m++)
				check_cell(&ck, id, (*a)->name, m, a == abis);
	return ck.problems;
}
