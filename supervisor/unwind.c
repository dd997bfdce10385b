/* SPDX-License-Identifier: MIT */
/*
 * Stack traces of stopped tracees with libunwind (include/unwind.h).  The
 * only file that includes <libunwind-ptrace.h>.
 *
 * libunwind steps the frames; this file feeds it and makes a repeated
 * stack cheap:
 *  - one address space per process (tgid) with UNW_CACHE_GLOBAL: the
 *    unwind rules found for an address (libunwind's "rs cache") serve
 *    every later stack of the process, so a warm step reads nothing;
 *  - accessors of our own: registers from one PTRACE_GETREGS per stack
 *    (not a PTRACE_PEEKUSER per register), memory a page at a time with
 *    process_vm_readv (not a PTRACE_PEEKDATA per word), and unwind info
 *    from a search table per ELF file (a "module"), read once for the
 *    whole run;
 *  - frame texts cached for the whole run by (device, inode, offset in
 *    the file): a make build runs the same few programs thousands of
 *    times, and their names are looked up once.
 *
 * Why our own find_proc_info: _UPT_find_proc_info reads /proc/PID/maps
 * and maps the ELF file again whenever the address moves to another file,
 * in every new process, and it only knows the .eh_frame_hdr search table,
 * which `gcc -static` does not emit (no --eh-frame-hdr): static binaries
 * then unwind by frame-pointer guesses and lose frames.  Here each file
 * gets its table once: copied from .eh_frame_hdr, or built from
 * .eh_frame.  It stays in our memory and libunwind reads it through
 * access_mem at a fake address outside the user range; libunwind's
 * own dwarf_search_unwind_table does the rest, reading FDEs and CIEs from
 * the tracee (perf's libunwind support works the same way).
 *
 * Why our own symbol lookup: libunwind 1.6 (unw_get_proc_name) names the
 * nearest function symbol below the address however far it is, so in
 * stripped files (ld.so, libc: .dynsym only) internal functions get the
 * names of exported ones, e.g. "_dl_catch_error+0x8567"; and it reads
 * /proc/PID/maps and maps the file for each lookup.  Each module keeps
 * its function symbols with their sizes instead: an address past the
 * end of the symbol below it is "?? (file+0xoff)".  Files whose symbols
 * we do not read (MiniDebugInfo in .gnu_debugdata, no symbol table) are
 * still named by unw_get_proc_name, through _UPT_get_proc_name.
 *
 * A process's address space and mappings are dropped at exec and exit
 * (unwinder_forget), and the mappings re-read when a frame's address is
 * in none of them (dlopen); if an executable mapping went away meanwhile
 * (dlclose), the address space's rules are flushed.
 *
 * What is the architecture's (registers, ELF machine, where the fake
 * table addresses go) is arch_unwind_native's (include/arch_unwind.h).
 * Without libunwind's headers this file is empty and unwind_stub.c's
 * entry points fail with ENOTSUP.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unwinder.h"

#if defined(__has_include)
#if __has_include(<libunwind-ptrace.h>)
#define HAVE_UNWIND 1
#endif
#endif

#ifdef HAVE_UNWIND

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>
#include <libunwind-ptrace.h>

#include "arch_unwind.h"
#include "ehframe.h"
#include "elfmod.h"
#include "framecache.h"
#include "memory.h"
#include "procfs.h"
#include "procmaps.h"

/*
 * libunwind's search of a table of FDEs (the one _UPT_find_proc_info
 * calls): exported by libunwind-ARCH but not declared in its headers.
 */
#define dwarf_search_unwind_table UNW_OBJ(dwarf_search_unwind_table)
extern int dwarf_search_unwind_table(unw_addr_space_t as, unw_word_t ip,
				     unw_dyn_info_t *di, unw_proc_info_t *pi,
				     int need_unwind_info, void *arg);

#define PAGE 4096UL
#define NPAGES 16		/* page cache slots (per stack) */
#define SYM_MAX (64 * 1024)	/* names cached before the cache restarts */
#define MOD_MAX 1024		/* files known before the list restarts */
#define PROC_MAX 512		/* processes kept before all are dropped */
#define TEXT_MAX 192		/* a frame text built per call */
#define NAME_LEN 512		/* longest symbol name kept */
/*
 * Modules' search tables are read at TABLES + (index << 32): never user
 * memory (include/arch_unwind.h), so never the tracee's.
 */
#define TABLES (arch_unwind_native.tables)

/* What the unwinder keeps of one process. */
struct uproc {
	pid_t tgid;
	unw_addr_space_t as;	/* its rs cache: unwind rules by address */
	struct procmap *maps;	/* sorted by start; NULL: not read yet */
	size_t nmaps;
	char *maps_text;	/* owned; the paths point into it */
};

/* A page of tracee memory read during the current stack. */
struct page {
	uint64_t addr;
	unsigned int gen;	/* valid while equal to the unwinder's gen */
	unsigned char data[PAGE];
};

struct unwinder {
	struct uproc **procs;	/* by tgid, open addressing */
	unsigned int procs_size, nprocs;
	/*
	 * Frame texts by file, offset in the file and (bit 63) whether the
	 * address is a return address.
	 */
	struct framecache syms;
	struct module *mods[MOD_MAX];	/* owned; index = table address */
	unsigned int nmods;
	unsigned int gen;	/* of the stack being unwound */
	struct page pages[NPAGES];
	char texts[UNWIND_MAX_DEPTH][TEXT_MAX];	/* uncached texts */
	struct unwinder_stats st;
};

/* One unwinder_stack call. */
struct call {
	struct unwinder *u;
	struct uproc *p;
	pid_t tid;
	struct unwind_regs regs;	/* valid if have_regs */
	bool have_regs;
	int regs_err;		/* errno reading them, 0 if none */
	bool mem_err;		/* a memory read failed during this step */
	uint64_t mem_addr;	/* ... at this address */
	bool maps_fresh;	/* mappings re-read during this call */
	void *upt;		/* _UPT_create(tid), for symbol lookups */
};

/*
 * The call in progress.  libunwind hands the accessors the address space
 * and an opaque argument only; the per-call state is found here (the
 * unwinder is single-threaded and calls do not nest).
 */
static struct call *active;

/* ---- mappings ---- */

/* Read P's mappings through thread TID, replacing any; 0 or -errno. */
static int maps_read(struct unwinder *u, struct uproc *p, pid_t tid)
{
	struct procmap *maps;
	size_t len, n;
	char *text = procfs_slurp(tid, "maps", 0, &len, NULL);
	int ret;

	if (!text)
		return errno ? -errno : -ENOMEM;
	ret = procmaps_parse(text, len, &maps, &n);
	if (ret < 0) {
		free(text);
		return ret;
	}
	free(p->maps);
	free(p->maps_text);
	p->maps = maps;
	p->nmaps = n;
	p->maps_text = text;
	u->st.maps_reads++;
	return 0;
}

/*
 * Re-read the mappings of the current process.  If an executable mapping
 * went away, its addresses may hold other code now: flush the rules.
 */
static void maps_refresh(struct call *c)
{
	struct uproc *p = c->p;
	struct procmap *old = p->maps;
	char *old_text = p->maps_text;
	size_t nold = p->nmaps;
	bool gone;

	c->maps_fresh = true;
	p->maps = NULL;
	p->maps_text = NULL;
	if (maps_read(c->u, p, c->tid) < 0) {
		p->maps = old;
		p->maps_text = old_text;
		return;
	}
	gone = procmaps_exec_gone(old, nold, p->maps, p->nmaps);
	free(old);
	free(old_text);
	if (gone)
		unw_flush_cache(p->as, 0, 0);
}

/* The mapping holding PC: re-read once per call if none does. */
static const struct procmap *map_find(struct call *c, uint64_t pc)
{
	const struct procmap *m;

	if (!c->p->maps) {
		c->maps_fresh = true;
		if (maps_read(c->u, c->p, c->tid) < 0)
			return NULL;
	}
	m = procmaps_find(c->p->maps, c->p->nmaps, pc);
	if (!m && !c->maps_fresh) {
		maps_refresh(c);
		m = procmaps_find(c->p->maps, c->p->nmaps, pc);
	}
	return m;
}

/* ---- ELF files ---- */

static void module_free(struct module *mod)
{
	module_release(mod);
	free(mod);
}

/*
 * The module of the file mapped at M in thread TID, read on first use:
 * through /proc/TID/map_files (the very file, even deleted or replaced,
 * if we may), else by its path.  NULL if it cannot be opened (not
 * remembered: the next stack tries again).
 */
static struct module *module_get(struct call *c, const struct procmap *m)
{
	struct unwinder *u = c->u;
	struct module *mod;
	char name[64];
	unsigned int i;
	int fd;

	for (i = 0; i < u->nmods; i++)
		if (u->mods[i]->ino == m->ino && u->mods[i]->dev == m->dev)
			return u->mods[i];
	if (u->nmods == MOD_MAX)
		return NULL;
	snprintf(name, sizeof(name), "map_files/%llx-%llx",
		 (unsigned long long)m->start, (unsigned long long)m->end);
	fd = procfs_open(c->tid, name);
	if (fd < 0 && m->path[0] == '/')
		fd = open(m->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	mod = calloc(1, sizeof(*mod));
	if (mod) {
		mod->dev = m->dev;
		mod->ino = m->ino;
		mod->id = u->nmods;
		module_read(mod, fd, arch_unwind_native.elf_machine);
		u->mods[u->nmods++] = mod;
		u->st.elf_reads++;
	}
	close(fd);
	return mod;
}

/* ---- accessors ---- */

/*
 * Unwind info for IP (the cold path: an address the address space has no
 * rules for yet): the search table of its file, searched by libunwind.
 */
static int acc_find_proc_info(unw_addr_space_t as, unw_word_t ip,
			      unw_proc_info_t *pi, int need, void *arg)
{
	struct call *c = active;
	const struct procmap *m = map_find(c, ip);
	struct module *mod;
	unw_dyn_info_t di;
	uint64_t bias;

	c->u->st.info_reads++;
	if (!m || !m->ino || !(mod = module_get(c, m)) || !mod->has_table ||
	    !module_bias(mod, m->start, m->off, &bias))
		return -UNW_ENOINFO;
	memset(&di, 0, sizeof(di));
	di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	di.start_ip = mod->lo + bias;
	di.end_ip = mod->hi + bias;
	if (ip < di.start_ip || ip >= di.end_ip)
		return -UNW_ENOINFO;
	di.u.rti.segbase = mod->base + bias;
	di.u.rti.table_len = mod->nent * sizeof(struct fde_ref) /
			     sizeof(unw_word_t);
	di.u.rti.table_data = TABLES + ((uint64_t)mod->id << 32);
	return dwarf_search_unwind_table(as, ip, &di, pi, need, arg);
}

/* Registers of the stopped thread: read once per stack. */
static int acc_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val,
		   int write, void *arg)
{
	struct call *c = active;
	uint64_t v;
	int ret;

	if (write)
		return -UNW_EBADREG;
	if (!c->have_regs) {
		ret = arch_unwind_native.get_regs(c->tid, &c->regs);
		if (ret < 0) {
			c->regs_err = -ret;
			return -UNW_EBADREG;
		}
		c->have_regs = true;
	}
	if (arch_unwind_native.reg(&c->regs, reg, &v) < 0)
		return -UNW_EBADREG;
	*val = v;
	return 0;
}

/* The page at ADDR (page-aligned) of the current tracee, or NULL. */
static const unsigned char *page_get(struct call *c, uint64_t addr)
{
	struct page *pg = &c->u->pages[(addr / PAGE) % NPAGES];

	if (pg->gen == c->u->gen && pg->addr == addr)
		return pg->data;
	if (mem_read(c->tid, addr, pg->data, PAGE) < 0) {
		pg->gen = 0;
		return NULL;
	}
	pg->addr = addr;
	pg->gen = c->u->gen;
	return pg->data;
}

/* A word of a search table (at TABLES + (index << 32) + offset). */
static int table_word(struct call *c, uint64_t addr, unw_word_t *val)
{
	uint64_t i = (addr - TABLES) >> 32, off = addr & 0xffffffff;
	const struct module *mod = i < c->u->nmods ? c->u->mods[i] : NULL;

	if (!mod || off + sizeof(*val) > mod->nent * sizeof(struct fde_ref))
		return -UNW_EINVAL;
	memcpy(val, (const char *)mod->table + off, sizeof(*val));
	return 0;
}

/* Tracee memory, a page at a time (it is stopped meanwhile). */
static int acc_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val,
		   int write, void *arg)
{
	struct call *c = active;
	unsigned char word[sizeof(*val)];
	size_t i;

	if (write)
		return -UNW_EINVAL;
	if (addr >= TABLES)
		return table_word(c, addr, val);
	for (i = 0; i < sizeof(word); i++) {
		uint64_t a = addr + i;
		const unsigned char *pg = page_get(c, a & ~(PAGE - 1));

		if (!pg) {
			c->mem_err = true;
			c->mem_addr = a;
			return -UNW_EINVAL;
		}
		if (i == 0 && (a & (PAGE - 1)) <= PAGE - sizeof(word)) {
			memcpy(val, pg + (a & (PAGE - 1)), sizeof(*val));
			return 0;
		}
		word[i] = pg[a & (PAGE - 1)];	/* a word across pages */
	}
	memcpy(val, word, sizeof(*val));
	return 0;
}

static int acc_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val,
		     int write, void *arg)
{
	return -UNW_EBADREG;	/* read to resume only, never to step */
}

static int acc_resume(unw_addr_space_t as, unw_cursor_t *cur, void *arg)
{
	return -UNW_EINVAL;	/* the supervisor resumes its tracees */
}

static int acc_dyn_info_list(unw_addr_space_t as, unw_word_t *addr,
			     void *arg)
{
	return -UNW_ENOINFO;	/* no code registered with _U_dyn_register */
}

/* The symbol at IP, from the ELF file (_UPT_get_proc_name). */
static int acc_proc_name(unw_addr_space_t as, unw_word_t ip, char *buf,
			 size_t len, unw_word_t *offp, void *arg)
{
	struct call *c = active;

	if (!c->upt && !(c->upt = _UPT_create(c->tid)))
		return -UNW_ENOMEM;
	return _UPT_get_proc_name(as, ip, buf, len, offp, c->upt);
}

static unw_accessors_t accessors = {
	.find_proc_info = acc_find_proc_info,
	.put_unwind_info = _UPT_put_unwind_info,
	.get_dyn_info_list_addr = acc_dyn_info_list,
	.access_mem = acc_mem,
	.access_reg = acc_reg,
	.access_fpreg = acc_fpreg,
	.resume = acc_resume,
	.get_proc_name = acc_proc_name,
};

/* ---- processes ---- */

static unsigned int proc_slot(const struct unwinder *u, pid_t tgid)
{
	unsigned int i = ((unsigned int)tgid * 2654435761u) &
			 (u->procs_size - 1);

	while (u->procs[i] && u->procs[i]->tgid != tgid)
		i = (i + 1) & (u->procs_size - 1);
	return i;
}

static void uproc_free(struct uproc *p)
{
	if (p->as)
		unw_destroy_addr_space(p->as);
	free(p->maps);
	free(p->maps_text);
	free(p);
}

static int procs_grow(struct unwinder *u)
{
	struct uproc **old = u->procs;
	unsigned int i, size = u->procs_size;

	u->procs = calloc(size * 2, sizeof(*u->procs));
	if (!u->procs) {
		u->procs = old;
		return -ENOMEM;
	}
	u->procs_size = size * 2;
	for (i = 0; i < size; i++)
		if (old[i])
			u->procs[proc_slot(u, old[i]->tgid)] = old[i];
	free(old);
	return 0;
}

/*
 * Drop every process: a bound on memory (about 50 KiB each, mostly
 * libunwind's cache) should the caller miss exits.  Only caches are lost.
 */
static void procs_clear(struct unwinder *u)
{
	unsigned int i;

	for (i = 0; i < u->procs_size; i++) {
		if (u->procs[i])
			uproc_free(u->procs[i]);
		u->procs[i] = NULL;
	}
	u->nprocs = 0;
}

/* The state of process TGID, created if new; NULL on ENOMEM. */
static struct uproc *proc_get(struct unwinder *u, pid_t tgid)
{
	unsigned int i = proc_slot(u, tgid);
	struct uproc *p = u->procs[i];

	if (p)
		return p;
	if (u->nprocs == PROC_MAX)
		procs_clear(u);
	if ((u->nprocs + 1) * 2 > u->procs_size) {
		if (procs_grow(u) < 0)
			return NULL;
	}
	i = proc_slot(u, tgid);
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->as = unw_create_addr_space(&accessors, 0);
	if (!p->as || unw_set_caching_policy(p->as, UNW_CACHE_GLOBAL) < 0) {
		uproc_free(p);
		return NULL;
	}
	u->procs[i] = p;
	u->nprocs++;
	u->st.spaces++;
	return p;
}

void unwinder_forget(struct unwinder *u, pid_t tgid)
{
	unsigned int i, j;

	if (!u)
		return;
	i = proc_slot(u, tgid);
	if (!u->procs[i])
		return;
	uproc_free(u->procs[i]);
	u->procs[i] = NULL;
	u->nprocs--;
	/* backward-shift deletion: re-place the rest of the cluster */
	for (j = (i + 1) & (u->procs_size - 1); u->procs[j];
	     j = (j + 1) & (u->procs_size - 1)) {
		struct uproc *p = u->procs[j];

		u->procs[j] = NULL;
		u->procs[proc_slot(u, p->tgid)] = p;
	}
}

/* ---- symbol names ---- */

/*
 * The name of frame I at PC in the file mapped at M, "func+0xoff" (in a
 * new string), or NULL if it has none.  From the file's own symbols,
 * whose sizes tell a function from the gap after it (libunwind names the
 * nearest symbol below, however far: misleading in stripped files); a
 * return address (I > 0) is looked up a byte back, as a call may end a
 * function.  Files without symbols we can read go to unw_get_proc_name.
 */
static char *name_of(struct call *c, unw_cursor_t *cur,
		     const struct procmap *m, uint64_t pc, int i)
{
	struct module *mod = module_get(c, m);
	char name[NAME_LEN], *text = NULL;
	unw_word_t off = 0;
	uint64_t bias;
	int ret;

	c->u->st.sym_reads++;
	if (mod && mod->has_syms && module_bias(mod, m->start, m->off, &bias)) {
		const struct fsym *s = module_symbol(mod, pc - bias - (i > 0));

		if (s && asprintf(&text, "%s+0x%llx", mod->strtab + s->name,
				  (unsigned long long)(pc - bias - s->value))
			 < 0)
			text = NULL;
		return text;
	}
	name[0] = '\0';
	ret = unw_get_proc_name(cur, name, sizeof(name), &off);
	if ((ret == 0 || ret == -UNW_ENOMEM) && name[0] &&
	    asprintf(&text, "%s+0x%llx", name, (unsigned long long)off) < 0)
		text = NULL;
	return text;
}

/*
 * The text of frame I at PC, in the file mapped at M.  It depends on the
 * file, PC's offset in it and whether PC is a return address only, so it
 * is cached by those for every process; "?? (...)" too.
 */
static const char *file_frame_text(struct call *c, unw_cursor_t *cur,
				   const struct procmap *m, uint64_t pc, int i)
{
	struct unwinder *u = c->u;
	uint64_t off = pc - m->start + m->off;
	uint64_t key = off | (uint64_t)(i > 0) << 63;
	const char *known = framecache_get(&u->syms, m->dev, m->ino, key);
	char *text;

	if (known) {
		u->st.sym_hits++;
		return known;
	}
	text = name_of(c, cur, m, pc, i);
	if (!text && asprintf(&text, "?? (%s+0x%llx)", m->path,
			      (unsigned long long)off) < 0)
		text = NULL;
	if (text && !framecache_put(&u->syms, m->dev, m->ino, key, text))
		return text;
	free(text);
	snprintf(u->texts[i], TEXT_MAX, "?? (%s+0x%llx)", m->path,
		 (unsigned long long)off);
	return u->texts[i];
}

/* The text of frame I, at PC. */
static const char *frame_text(struct call *c, unw_cursor_t *cur, uint64_t pc,
			      int i)
{
	const struct procmap *m = map_find(c, pc);

	if (m && m->ino)
		return file_frame_text(c, cur, m, pc, i);
	if (m && m->path[0])	/* [vdso], [heap], ...: no file to read */
		snprintf(c->u->texts[i], TEXT_MAX, "?? (%s+0x%llx)", m->path,
			 (unsigned long long)(pc - m->start));
	else
		snprintf(c->u->texts[i], TEXT_MAX, "?? (0x%llx)",
			 (unsigned long long)pc);
	return c->u->texts[i];
}

/* ---- stacks ---- */

/*
 * "<unwind failed: REASON>" in frame I: WHY, or what went wrong in
 * libunwind's error RET.
 */
static const char *failure_text(struct call *c, int ret, const char *why,
				int i)
{
	char *t = c->u->texts[i];

	if (why)
		snprintf(t, TEXT_MAX, "<unwind failed: %s>", why);
	else if (c->regs_err)
		snprintf(t, TEXT_MAX, "<unwind failed: cannot read registers: "
			 "%s>", strerror(c->regs_err));
	else if (c->mem_err)
		snprintf(t, TEXT_MAX, "<unwind failed: cannot read memory at "
			 "0x%llx>", (unsigned long long)c->mem_addr);
	else if (ret == -UNW_ENOMEM || !c->p)
		snprintf(t, TEXT_MAX, "<unwind failed: out of memory>");
	else
		snprintf(t, TEXT_MAX, "<unwind failed: %s>",
			 unw_strerror(ret));
	c->u->st.failed++;
	return t;
}

/*
 * A new stack: a new generation of pages; restart the name cache or the
 * file list if full (only between stacks: their strings and table
 * addresses are in use during one).
 */
static void stack_begin(struct unwinder *u)
{
	unsigned int i;

	if (++u->gen == 0) {
		for (i = 0; i < NPAGES; i++)
			u->pages[i].gen = 0;
		u->gen = 1;
	}
	if (u->syms.n >= SYM_MAX)
		framecache_clear(&u->syms);
	if (u->nmods == MOD_MAX) {
		for (i = 0; i < u->nmods; i++)
			module_free(u->mods[i]);
		u->nmods = 0;
	}
}

/*
 * Walk the stack from the cursor CUR: the frame count.  A step to address
 * 0 is a failure, not the end: libunwind ends a chain itself (undefined
 * return address in the CFI, or a null frame pointer) and a 0 read from
 * the stack means it was guessing (code without unwind information, as
 * musl's).
 */
static int walk(struct call *c, unw_cursor_t *cur, int max,
		const char **frames, uint64_t *pcs)
{
	const char *why = NULL;
	int n = 0, ret = 0;

	for (;;) {
		unw_word_t ip = 0;

		unw_get_reg(cur, UNW_REG_IP, &ip);
		if (!ip && n) {
			why = "return address 0";
			break;
		}
		frames[n] = frame_text(c, cur, ip, n);
		if (pcs)
			pcs[n] = ip;
		if (++n == max)
			return n;
		c->mem_err = false;
		ret = unw_step(cur);
		if (ret == 0)
			return n;
		if (ret < 0)
			break;
	}
	frames[n] = failure_text(c, ret, why, n);
	if (pcs)
		pcs[n] = 0;
	return n + 1;
}

int unwinder_stack(struct unwinder *u, pid_t tid, pid_t tgid, int max,
		   const char **frames, uint64_t *pcs)
{
	struct call c = { .u = u, .tid = tid };
	unw_cursor_t cur;
	int n, ret;

	if (!u || !frames || max < 1 || tid <= 0 || tgid <= 0 || active)
		return -EINVAL;
	if (max > UNWIND_MAX_DEPTH)
		max = UNWIND_MAX_DEPTH;
	stack_begin(u);
	u->st.stacks++;
	active = &c;
	c.p = proc_get(u, tgid);
	ret = c.p ? unw_init_remote(&cur, c.p->as, NULL) : -UNW_ENOMEM;
	if (ret < 0) {
		frames[0] = failure_text(&c, ret, NULL, 0);
		if (pcs)
			pcs[0] = 0;
		n = 1;
	} else {
		n = walk(&c, &cur, max, frames, pcs);
	}
	active = NULL;
	if (c.upt)
		_UPT_destroy(c.upt);
	u->st.frames += n;
	return n;
}

/* ---- life cycle ---- */

int unwinder_new(struct unwinder **out)
{
	struct unwinder *u = calloc(1, sizeof(*u));

	*out = NULL;
	if (!u)
		return -ENOMEM;
	u->procs_size = 64;
	u->procs = calloc(u->procs_size, sizeof(*u->procs));
	if (!u->procs || framecache_init(&u->syms) < 0) {
		unwinder_free(u);
		return -ENOMEM;
	}
	*out = u;
	return 0;
}

void unwinder_free(struct unwinder *u)
{
	unsigned int i;

	if (!u)
		return;
	if (u->procs)
		procs_clear(u);
	free(u->procs);
	framecache_destroy(&u->syms);
	for (i = 0; i < u->nmods; i++)
		module_free(u->mods[i]);
	free(u);
}

void unwinder_stats(const struct unwinder *u, struct unwinder_stats *st)
{
	if (u)
		*st = u->st;
	else
		memset(st, 0, sizeof(*st));
}

#endif /* HAVE_UNWIND */
