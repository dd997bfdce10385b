/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the scratch mapping, where rewritten paths go (4 MiB, a
 * 16 KiB slot per thread).  The tree must not be able to change a path
 * between vfstrace's write and the kernel's read, so the mapping is
 * mapped PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS in the tracee by an
 * injected mmap at the first trapped call of each address space, then
 * sealed by an injected mseal(2) (Linux 6.10): mprotect, munmap, mremap,
 * mmap over it and the discarding madvise calls fail with EPERM, in the
 * process and in its forked copies.  Only then is it checked
 * (/proc/PID/maps: still one private anonymous read-only mapping, not
 * one a sibling thread put there before the seal) and used.  vfstrace
 * writes it through /proc/PID/mem, which ignores page protections
 * (FOLL_FORCE), as process_vm_writev does not.
 *
 * Slots belong to an address space, not to a process: the processes
 * sharing one (vfork children, clone with CLONE_VM) take their threads'
 * slots from one pool, so no two threads that may run at once are
 * given the same slot.
 */
#include <errno.h>
#include <linux/kcmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "overlay.h"
#include "procfs.h"
#include "overlay_impl.h"

#define NSLOTS_MAX (SCRATCH_SIZE / SLOT_SIZE)
/*
 * /proc/PID/mem fds held by all processes together: well under
 * RLIMIT_NOFILE; the processes beyond are written with POKEDATA.
 */
#define MAX_MEMFDS 256

static unsigned int memfds;

bool ov_scratch_sealable(void)
{
	static int known = -1;

	/* a zero length is a no-op where mseal exists (mm/mseal.c) */
	if (known < 0)
		known = syscall(462, 0UL, 0UL, 0UL) == 0;
	return known;
}

/* A new pool: COPY's mapping (a forked copy of it), or nothing. */
static struct ov_mm *mm_new(const struct ov_mm *copy)
{
	struct ov_mm *mm = calloc(1, sizeof(*mm));

	if (!mm)
		return NULL;
	mm->refs = 1;
	if (copy) {
		mm->scratch = copy->scratch;
		mm->state = copy->state;
	}
	return mm;
}

static void mm_put(struct ov_mm *mm)
{
	if (mm && --mm->refs == 0)
		free(mm);
}

/*
 * Whether process CHILD shares PARENT's address space.  Only a different
 * answer from kcmp(KCMP_VM) with a parent that still has its memory
 * (a zombie leader has none) says no: sharing a pool is always safe.
 */
static bool same_mm(pid_t parent, pid_t child)
{
	long r = syscall(SYS_kcmp, parent, child, KCMP_VM, 0UL, 0UL);

	if (r <= 0)
		return true;
	return procfs_status_field(parent, "VmSize") < 0;
}

int ov_scratch_proc_init(struct ov_proc *op, const struct proc *p,
			 const struct proc *parent)
{
	struct ov_mm *pm = parent && OVP(parent) ? OVP(parent)->mm : NULL;

	op->memfd = -1;
	if (pm && same_mm(parent->tgid, p->tgid)) {
		pm->refs++;
		op->mm = pm;
		return 0;
	}
	op->mm = mm_new(pm);
	return op->mm ? 0 : -ENOMEM;
}

void ov_scratch_proc_free(struct ov_proc *op)
{
	if (op->memfd >= 0) {
		close(op->memfd);
		memfds--;
	}
	op->memfd = -1;
	mm_put(op->mm);
	op->mm = NULL;
}

void ov_scratch_thread_init(struct ov_thread *ot, struct ov_proc *op)
{
	unsigned int i;

	ot->slot = -1;
	ot->mm = op->mm;
	ot->mm->refs++;
	for (i = 0; i < NSLOTS_MAX; i++) {
		if (!(ot->mm->used[i / 64] & (1ull << (i % 64)))) {
			ot->mm->used[i / 64] |= 1ull << (i % 64);
			ot->slot = i;
			return;
		}
	}
	log_warn("more than %u threads share an address space: "
		 "paths of the others cannot be rewritten", NSLOTS_MAX);
}

void ov_scratch_thread_free(struct ov_thread *ot)
{
	if (!ot->mm)
		return;
	if (ot->slot >= 0)
		ot->mm->used[ot->slot / 64] &= ~(1ull << (ot->slot % 64));
	mm_put(ot->mm);
	ot->mm = NULL;
	ot->slot = -1;
}

int ov_scratch_exec(struct tracee *t)
{
	struct ov_proc *op = OVP(t->proc);
	struct ov_mm *mm = mm_new(NULL);

	if (!mm) {
		/* the old address is not the new image's: never write it */
		op->mm->state = SCR_BROKEN;
		return -ENOMEM;
	}
	ov_scratch_proc_free(op);
	op->mm = mm;
	ov_scratch_thread_free(OVT(t));
	ov_scratch_thread_init(OVT(t), op);
	return 0;
}

/*
 * Inject NR(ARGS) of C's ABI in place of C; its exit stop is WHAT.
 * OV_PASS (the call runs as it is) when the registers cannot be set.
 */
static enum ov_result inject(struct sup *s, struct tracee *t,
			     const struct call *c, long nr,
			     const uint64_t args[6], enum ov_exit what)
{
	if (!OVT(t)->saved && !(OVT(t)->saved = malloc(sizeof(*OVT(t)->saved))))
		return OV_PASS;
	if (s->arch->inject(t->tid, c->abi, nr, args, OVT(t)->saved))
		return OV_PASS;
	OVT(t)->ov_exit = what;
	return OV_INJECT;
}

/*
 * The mmap: an mmap of the ABI of call C.  It lies below 4 GiB whenever
 * the architecture has a 32-bit ABI, whose calls take 32-bit pointers:
 * MAP_32BIT for a native call (x86_64: the low 2 GiB), and an i386
 * mmap2 maps there anyway.
 */
static enum ov_result inject_mmap(struct sup *s, struct tracee *t,
				  const struct call *c)
{
	uint64_t args[6] = { 0, SCRATCH_SIZE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS, (uint32_t)-1, 0 };

#ifdef MAP_32BIT
	if (c->abi == s->arch->abis[0] && s->arch->abis[1])
		args[3] |= MAP_32BIT;
#endif
	if (c->abi->ptr_size == 8)
		args[4] = (uint64_t)-1;
	return inject(s, t, c, c->abi->nr_mmap, args, OVX_INJECTED);
}

bool ov_scratch_ready(struct sup *s, struct tracee *t, const struct call *c,
		      enum ov_result *res)
{
	struct ov_mm *mm = OVT(t)->mm;
	uint64_t args[6] = { mm->scratch, SCRATCH_SIZE, 0, 0, 0, 0 };

	switch (mm->state) {
	case SCR_NONE:
		*res = inject_mmap(s, t, c);
		return false;
	case SCR_MAPPED:
		OVT(t)->sealing = mm->scratch;
		*res = inject(s, t, c, c->abi->nr_mseal, args, OVX_SEALED);
		return false;
	default:
		return true;
	}
}

/*
 * Whether /proc/TID/maps shows [ADDR, ADDR + SCRATCH_SIZE) inside one
 * private anonymous read-only mapping ("r--p 00000000 00:00 0", no
 * name, or "[heap]": the kernel names so an anonymous mapping where the
 * brk heap would start, as happens to a MAP_32BIT one in a non-PIE
 * program): what vfstrace mapped, or one the tree put there before the
 * seal that no other mapping or file aliases, as good.
 */
static bool check_maps(pid_t tid, uint64_t addr)
{
	char path[64], line[512], perm[8];
	unsigned long lo, hi, off, ino;
	bool ok = false;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	if (!(f = fopen(path, "re")))
		return false;
	while (fgets(line, sizeof(line), f)) {
		n = 0;
		if (sscanf(line, "%lx-%lx %7s %lx %*s %lu %n", &lo, &hi, perm,
			   &off, &ino, &n) < 5 || lo > addr || hi <= addr)
			continue;
		ok = hi >= addr + SCRATCH_SIZE && !strcmp(perm, "r--p") &&
		     !ino && strstr(line, " 00:00 ") && n &&
		     (!line[n] || line[n] == '\n' ||
		      !strcmp(line + n, "[heap]\n"));
		break;
	}
	fclose(f);
	return ok;
}

/*
 * The exit stop of the mseal of T's mapping, which returned RET.  The
 * kernel has mseal (it is injected only then): a failure is the tree's
 * own seccomp filter, or the tree changed the range.  Under --sandbox
 * an unsealed mapping is not used (rewrites fail with EFAULT);
 * otherwise it is, with a warning, as on a kernel without mseal.
 */
static void sealed(struct sup *s, struct tracee *t, long ret)
{
	struct ov_mm *mm = OVT(t)->mm;

	if (OVT(t)->sealing != mm->scratch || mm->state != SCR_MAPPED)
		return;		/* another thread's call decided meanwhile */
	if (ret == 0 && check_maps(t->tid, mm->scratch)) {
		mm->state = SCR_SEALED;
		return;
	}
	if (ret == 0 || s->sandbox) {
		log_warn("pid %d: scratch memory at 0x%llx %s: paths are not "
			 "rewritten", t->tid, (unsigned long long)mm->scratch,
			 ret ? "cannot be sealed" : "was replaced");
		mm->state = SCR_BROKEN;
		return;
	}
	log_warn("pid %d: scratch memory cannot be sealed (mseal: %s): "
		 "unprotected", t->tid, strerror((int)-ret));
	mm->state = SCR_UNSEALED;
}

void ov_scratch_exit(struct sup *s, struct tracee *t, enum ov_exit what,
		     long ret)
{
	struct ov_mm *mm = OVT(t)->mm;

	if (what == OVX_SEALED) {
		sealed(s, t, ret);
	} else if (ret < 0 && ret > -4096) {
		log_warn("pid %d: cannot map scratch memory: %s", t->tid,
			 strerror(-ret));
	} else if (mm->state == SCR_NONE) {
		/* else another thread's came first: this one stays unused */
		mm->scratch = (uint64_t)ret;
		mm->state = ov_scratch_sealable() ? SCR_MAPPED : SCR_UNSEALED;
	}
	s->arch->restart(t->tid, OVT(t)->saved);
}

int ov_scratch_write(struct tracee *t, uint64_t addr, const void *buf,
		     size_t len)
{
	struct ov_proc *op = OVP(t->proc);
	struct ov_mm *mm = OVT(t)->mm;
	uint64_t slot;

	if (OVT(t)->slot < 0 || !mm->scratch ||
	    (mm->state != SCR_SEALED && mm->state != SCR_UNSEALED))
		return -EFAULT;
	slot = mm->scratch + (uint64_t)OVT(t)->slot * SLOT_SIZE;
	if (addr < slot || len > SLOT_SIZE || addr - slot > SLOT_SIZE - len)
		return -EFAULT;
	if (op->memfd < 0 && memfds < MAX_MEMFDS &&
	    (op->memfd = mem_open(t->tid)) >= 0)
		memfds++;	/* else -errno: POKEDATA */
	return mem_write_forced(op->memfd, t->tid, addr, buf, len);
}
