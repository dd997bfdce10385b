/* SPDX-License-Identifier: MIT */
/*
 * Stack traces of stopped tracees with libunwind-ptrace (include/unwind.h).
 * The only file that includes <libunwind-ptrace.h>.
 *
 * libunwind does the unwinding; this file makes it cheap to repeat:
 *  - one address space per process (tgid), created with
 *    UNW_CACHE_GLOBAL, so the unwind rules found for an address (the
 *    "rs cache", keyed by address) serve every later stack through it:
 *    a warm step reads no ELF file and no eh_frame;
 *  - accessors of our own for registers (one PTRACE_GETREGS per stack
 *    instead of one PTRACE_PEEKUSER per register) and memory (whole pages
 *    with process_vm_readv, kept for the rest of the stack, instead of one
 *    PTRACE_PEEKDATA per word); the ELF work stays _UPT_find_proc_info's;
 *  - symbol names cached for the whole run by (device, inode, offset in
 *    the file), found through the process's mappings (/proc/PID/maps,
 *    read once per process): a make build runs the same few programs
 *    thousands of times and their names are read once.
 * The address space and mappings of a process are dropped at exec and
 * exit (unwinder_forget), and re-validated when a frame's address falls
 * outside every known mapping (dlopen); if an executable mapping went
 * away meanwhile (dlclose), the address space's caches are flushed.
 *
 * Elsewhere than x86_64 (the register accessor is x86_64's), or without
 * libunwind's headers, every entry point is a stub failing with ENOTSUP.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unwind.h"

#if defined(__x86_64__) && defined(__has_include)
#if __has_include(<libunwind-ptrace.h>)
#define HAVE_UNWIND 1
#endif
#endif

#ifdef HAVE_UNWIND

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/sysmacros.h>
#include <sys/user.h>
#include <unistd.h>
#include <libunwind-ptrace.h>

#include "memory.h"

#define PAGE 4096UL
#define NPAGES 16		/* page cache slots (per stack) */
#define SYM_MAX (64 * 1024)	/* names cached before the cache restarts */
#define TEXT_MAX 192		/* a frame text built per call */
#define NAME_MAX_LEN 512	/* longest symbol name kept */

/* One line of /proc/PID/maps. */
struct map {
	uint64_t start, end, off;
	uint64_t dev, ino;	/* ino 0: not a file */
	const char *path;	/* into the proc's maps text; "" if none */
	bool exec;
};

/* What the unwinder keeps of one process. */
struct uproc {
	pid_t tgid;
	unw_addr_space_t as;	/* its rs cache: unwind rules by address */
	void *upt;		/* _UPT_create(tgid): find_proc_info's ELF */
	struct map *maps;	/* sorted by start; NULL: not read yet */
	size_t nmaps;
	char *maps_text;	/* owned; the paths point into it */
};

/* A cached name: the text of every frame at that offset of that file. */
struct sym {
	uint64_t dev, ino, off;
	char *text;		/* owned; NULL: free slot */
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
	struct sym *syms;	/* by (dev, ino, off), open addressing */
	unsigned int syms_size, nsyms;
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
	struct user_regs_struct regs;	/* valid if have_regs */
	bool have_regs;
	int regs_err;		/* errno of PTRACE_GETREGS, 0 if none */
	bool mem_err;		/* a memory read failed during this step */
	uint64_t mem_addr;	/* ... at this address */
	bool maps_fresh;	/* mappings re-read during this call */
	void *name_upt;		/* _UPT_create(tid) for symbol lookups */
};

/*
 * The call in progress.  libunwind hands the accessors only the address
 * space and the argument of unw_init_remote (the process's UPT handle,
 * which _UPT_find_proc_info needs), so the per-call state is found here;
 * the unwinder is single-threaded and calls do not nest.
 */
static struct call *active;

/* ---- tracee registers and memory ---- */

#define REG(r) offsetof(struct user_regs_struct, r)
static const unsigned short reg_offset[] = {
	[UNW_X86_64_RAX] = REG(rax), [UNW_X86_64_RDX] = REG(rdx),
	[UNW_X86_64_RCX] = REG(rcx), [UNW_X86_64_RBX] = REG(rbx),
	[UNW_X86_64_RSI] = REG(rsi), [UNW_X86_64_RDI] = REG(rdi),
	[UNW_X86_64_RBP] = REG(rbp), [UNW_X86_64_RSP] = REG(rsp),
	[UNW_X86_64_R8] = REG(r8), [UNW_X86_64_R9] = REG(r9),
	[UNW_X86_64_R10] = REG(r10), [UNW_X86_64_R11] = REG(r11),
	[UNW_X86_64_R12] = REG(r12), [UNW_X86_64_R13] = REG(r13),
	[UNW_X86_64_R14] = REG(r14), [UNW_X86_64_R15] = REG(r15),
	[UNW_X86_64_RIP] = REG(rip),
};
#undef REG

/* Registers of the stopped thread: one PTRACE_GETREGS per stack. */
static int acc_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val,
		   int write, void *arg)
{
	struct call *c = active;

	if (write || reg < 0 ||
	    (size_t)reg >= sizeof(reg_offset) / sizeof(reg_offset[0]))
		return -UNW_EBADREG;
	if (!c->have_regs) {
		if (ptrace(PTRACE_GETREGS, c->tid, NULL, &c->regs) < 0) {
			c->regs_err = errno;
			return -UNW_EBADREG;
		}
		c->have_regs = true;
	}
	memcpy(val, (char *)&c->regs + reg_offset[reg], sizeof(*val));
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

/* Tracee memory, a page at a time; the tracee is stopped meanwhile. */
static int acc_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val,
		   int write, void *arg)
{
	struct call *c = active;
	unsigned char word[sizeof(*val)];
	size_t i;

	if (write)
		return -UNW_EINVAL;
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
	return -UNW_EBADREG;	/* never needed to unwind x86_64 */
}

static int acc_resume(unw_addr_space_t as, unw_cursor_t *cur, void *arg)
{
	return -UNW_EINVAL;	/* the supervisor resumes its tracees */
}

/* Unwind info for IP: ELF file and eh_frame, the cold path. */
static int acc_find_proc_info(unw_addr_space_t as, unw_word_t ip,
			      unw_proc_info_t *pi, int need, void *arg)
{
	active->u->st.info_reads++;
	return _UPT_find_proc_info(as, ip, pi, need, arg);
}

/*
 * The symbol at IP, from the ELF file.  Through the thread being unwound,
 * not the tgid: a process whose leader exited has empty maps under its
 * tgid, and a failed lookup would be cached for the file.
 */
static int acc_proc_name(unw_addr_space_t as, unw_word_t ip, char *buf,
			 size_t len, unw_word_t *offp, void *arg)
{
	struct call *c = active;

	c->u->st.sym_reads++;
	if (!c->name_upt && !(c->name_upt = _UPT_create(c->tid)))
		return -UNW_ENOMEM;
	return _UPT_get_proc_name(as, ip, buf, len, offp, c->name_upt);
}

static unw_accessors_t accessors = {
	.find_proc_info = acc_find_proc_info,
	.put_unwind_info = _UPT_put_unwind_info,
	.get_dyn_info_list_addr = _UPT_get_dyn_info_list_addr,
	.access_mem = acc_mem,
	.access_reg = acc_reg,
	.access_fpreg = acc_fpreg,
	.resume = acc_resume,
	.get_proc_name = acc_proc_name,
};

/* ---- mappings ---- */

/* Read all of /proc/TID/maps into a NUL-terminated buffer; NULL on error. */
static char *read_maps_text(pid_t tid)
{
	char path[64], *buf = NULL, *bigger;
	size_t size = 0, len = 0;
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	do {
		if (size - len < 4096) {
			size = size ? size * 2 : 16384;
			bigger = realloc(buf, size + 1);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
		}
		got = read(fd, buf + len, size - len);
		if (got > 0)
			len += got;
	} while (got > 0 || (got < 0 && errno == EINTR));
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/*
 * Parse one maps line at LINE (NUL-terminated) into M:
 * "start-end perms offset major:minor inode   path".  0 or -1.
 */
static int parse_map(char *line, struct map *m)
{
	unsigned long maj, min;
	char *s = line, *perms;

	m->start = strtoull(s, &s, 16);
	if (*s++ != '-')
		return -1;
	m->end = strtoull(s, &s, 16);
	perms = s + 1;
	if (*s != ' ' || strlen(perms) < 5)
		return -1;
	m->exec = perms[2] == 'x';
	m->off = strtoull(perms + 4, &s, 16);
	maj = strtoul(s, &s, 16);
	if (*s++ != ':')
		return -1;
	min = strtoul(s, &s, 16);
	m->dev = makedev(maj, min);
	m->ino = strtoull(s, &s, 10);
	while (*s == ' ')
		s++;
	m->path = s;
	return 0;
}

/* (Re)read P's mappings through thread TID; 0 or -errno. */
static int maps_read(struct unwinder *u, struct uproc *p, pid_t tid)
{
	char *text = read_maps_text(tid), *line, *nl;
	struct map *maps = NULL, *bigger;
	size_t n = 0, size = 0;

	if (!text)
		return -errno ? -errno : -ENOMEM;
	for (line = text; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (n == size) {
			size = size ? size * 2 : 64;
			bigger = realloc(maps, size * sizeof(*maps));
			if (!bigger) {
				free(maps);
				free(text);
				return -ENOMEM;
			}
			maps = bigger;
		}
		if (!parse_map(line, &maps[n]))
			n++;
	}
	free(p->maps);
	free(p->maps_text);
	p->maps = maps ? maps : calloc(1, sizeof(*maps));
	p->nmaps = n;
	p->maps_text = text;
	u->st.maps_reads++;
	return p->maps ? 0 : -ENOMEM;
}

/* The mapping of P holding ADDR, or NULL. */
static const struct map *map_lookup(const struct uproc *p, uint64_t addr)
{
	size_t lo = 0, hi = p->nmaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr < p->maps[mid].start)
			hi = mid;
		else if (addr >= p->maps[mid].end)
			lo = mid + 1;
		else
			return &p->maps[mid];
	}
	return NULL;
}

/* Is the executable mapping M of P's former maps still there, unchanged? */
static bool map_kept(const struct uproc *p, const struct map *m)
{
	const struct map *now = map_lookup(p, m->start);

	return now && now->start == m->start && now->end == m->end &&
	       now->off == m->off && now->dev == m->dev && now->ino == m->ino;
}

/*
 * Re-read the mappings of the current process.  If an executable mapping
 * went away, its addresses may hold other code now: flush the cached
 * unwind rules and the UPT's ELF image.
 */
static void maps_refresh(struct call *c)
{
	struct uproc *p = c->p;
	struct map *old = p->maps;
	char *old_text = p->maps_text;
	size_t i, nold = p->nmaps;
	bool gone = false;

	c->maps_fresh = true;
	p->maps = NULL;
	p->maps_text = NULL;
	if (maps_read(c->u, p, c->tid) < 0) {
		p->maps = old;
		p->maps_text = old_text;
		return;
	}
	for (i = 0; i < nold && !gone; i++)
		gone = old[i].exec && !map_kept(p, &old[i]);
	free(old);
	free(old_text);
	if (gone) {
		void *upt = _UPT_create(p->tgid);

		unw_flush_cache(p->as, 0, 0);
		if (upt) {
			_UPT_destroy(p->upt);
			p->upt = upt;
		}
	}
}

/* The mapping holding PC: re-read once per call if none does. */
static const struct map *map_find(struct call *c, uint64_t pc)
{
	const struct map *m;

	if (!c->p->maps) {
		c->maps_fresh = true;
		if (maps_read(c->u, c->p, c->tid) < 0)
			return NULL;
	}
	m = map_lookup(c->p, pc);
	if (!m && !c->maps_fresh) {
		maps_refresh(c);
		m = map_lookup(c->p, pc);
	}
	return m;
}

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
	if (p->upt)
		_UPT_destroy(p->upt);
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

/* The state of process TGID, created if new; NULL on ENOMEM. */
static struct uproc *proc_get(struct unwinder *u, pid_t tgid)
{
	unsigned int i = proc_slot(u, tgid);
	struct uproc *p = u->procs[i];

	if (p)
		return p;
	if ((u->nprocs + 1) * 2 > u->procs_size) {
		if (procs_grow(u) < 0)
			return NULL;
		i = proc_slot(u, tgid);
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->as = unw_create_addr_space(&accessors, 0);
	p->upt = _UPT_create(tgid);
	if (!p->as || !p->upt ||
	    unw_set_caching_policy(p->as, UNW_CACHE_GLOBAL) < 0) {
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

static unsigned int sym_slot(const struct unwinder *u, uint64_t dev,
			     uint64_t ino, uint64_t off)
{
	uint64_t h = (ino * 0x9e3779b97f4a7c15ull) ^
		     (off * 0xc2b2ae3d27d4eb4full) ^ dev;
	unsigned int i = (unsigned int)(h ^ (h >> 29)) & (u->syms_size - 1);

	while (u->syms[i].text && (u->syms[i].off != off ||
				   u->syms[i].ino != ino ||
				   u->syms[i].dev != dev))
		i = (i + 1) & (u->syms_size - 1);
	return i;
}

static void syms_clear(struct unwinder *u)
{
	unsigned int i;

	for (i = 0; i < u->syms_size; i++) {
		free(u->syms[i].text);
		u->syms[i].text = NULL;
	}
	u->nsyms = 0;
}

/* Room for one more name; 0 or -ENOMEM. */
static int syms_reserve(struct unwinder *u)
{
	struct sym *old = u->syms;
	unsigned int i, size = u->syms_size;

	if ((u->nsyms + 1) * 2 <= u->syms_size)
		return 0;
	u->syms = calloc(size * 2, sizeof(*u->syms));
	if (!u->syms) {
		u->syms = old;
		return -ENOMEM;
	}
	u->syms_size = size * 2;
	for (i = 0; i < size; i++)
		if (old[i].text)
			u->syms[sym_slot(u, old[i].dev, old[i].ino,
					 old[i].off)] = old[i];
	free(old);
	return 0;
}

/*
 * The text of frame I at PC, in mapping M (a file).  The name depends on
 * the file and PC's offset in it only, so it is cached by those for every
 * process; a file without a name there is cached as "?? (...)" too.
 */
static const char *file_frame_text(struct call *c, unw_cursor_t *cur,
				   const struct map *m, uint64_t pc, int i)
{
	struct unwinder *u = c->u;
	uint64_t off = pc - m->start + m->off;
	char name[NAME_MAX_LEN], *text;
	unw_word_t symoff = 0;
	struct sym *s;
	int ret;

	if (syms_reserve(u) < 0)
		goto uncached;
	s = &u->syms[sym_slot(u, m->dev, m->ino, off)];
	if (s->text) {
		u->st.sym_hits++;
		return s->text;
	}
	name[0] = '\0';
	ret = unw_get_proc_name(cur, name, sizeof(name), &symoff);
	if ((ret == 0 || ret == -UNW_ENOMEM) && name[0])
		ret = asprintf(&text, "%s+0x%llx", name,
			       (unsigned long long)symoff);
	else
		ret = asprintf(&text, "?? (%s+0x%llx)", m->path,
			       (unsigned long long)off);
	if (ret < 0)
		goto uncached;
	*s = (struct sym){ .dev = m->dev, .ino = m->ino, .off = off,
			   .text = text };
	u->nsyms++;
	return text;
uncached:
	snprintf(u->texts[i], TEXT_MAX, "?? (%s+0x%llx)", m->path,
		 (unsigned long long)off);
	return u->texts[i];
}

/* The text of frame I, at PC. */
static const char *frame_text(struct call *c, unw_cursor_t *cur, uint64_t pc,
			      int i)
{
	const struct map *m = map_find(c, pc);

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

/* "<unwind failed: REASON>" for libunwind's error RET, in frame I. */
static const char *failure_text(struct call *c, int ret, int i)
{
	char *t = c->u->texts[i];

	if (c->regs_err)
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

/* A new stack: a new page generation; restart a full name cache. */
static void stack_begin(struct unwinder *u)
{
	if (++u->gen == 0) {
		unsigned int i;

		for (i = 0; i < NPAGES; i++)
			u->pages[i].gen = 0;
		u->gen = 1;
	}
	if (u->nsyms >= SYM_MAX)
		syms_clear(u);
}

/* Walk the stack from C's cursor: the frame count. */
static int walk(struct call *c, unw_cursor_t *cur, int max,
		const char **frames, uint64_t *pcs)
{
	int n = 0, ret;

	for (;;) {
		unw_word_t ip = 0;

		unw_get_reg(cur, UNW_REG_IP, &ip);
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
	frames[n] = failure_text(c, ret, n);
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
	ret = c.p ? unw_init_remote(&cur, c.p->as, c.p->upt) : -UNW_ENOMEM;
	if (ret < 0) {
		frames[0] = failure_text(&c, ret, 0);
		if (pcs)
			pcs[0] = 0;
		n = 1;
	} else {
		n = walk(&c, &cur, max, frames, pcs);
	}
	active = NULL;
	if (c.name_upt)
		_UPT_destroy(c.name_upt);
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
	u->syms_size = 1024;
	u->procs = calloc(u->procs_size, sizeof(*u->procs));
	u->syms = calloc(u->syms_size, sizeof(*u->syms));
	if (!u->procs || !u->syms) {
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
	for (i = 0; u->procs && i < u->procs_size; i++)
		if (u->procs[i])
			uproc_free(u->procs[i]);
	free(u->procs);
	if (u->syms)
		syms_clear(u);
	free(u->syms);
	free(u);
}

void unwinder_stats(const struct unwinder *u, struct unwinder_stats *st)
{
	if (u)
		*st = u->st;
	else
		memset(st, 0, sizeof(*st));
}

#else /* !HAVE_UNWIND: stubs */

int unwinder_new(struct unwinder **out)
{
	*out = NULL;
	return -ENOTSUP;
}

void unwinder_free(struct unwinder *u)
{
}

void unwinder_forget(struct unwinder *u, pid_t tgid)
{
}

int unwinder_stack(struct unwinder *u, pid_t tid, pid_t tgid, int max,
		   const char **frames, uint64_t *pcs)
{
	return -ENOTSUP;
}

void unwinder_stats(const struct unwinder *u, struct unwinder_stats *st)
{
	memset(st, 0, sizeof(*st));
}

#endif /* HAVE_UNWIND */
