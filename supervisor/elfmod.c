/* SPDX-License-Identifier: MIT */
/*
 * ELF files for the unwinder (include/elfmod.h), with elfutils' libelf.
 * Everything kept is copied out of libelf's buffers before elf_end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elfmod.h"

#define PAGE 4096UL

#if defined(__has_include)
#if __has_include(<gelf.h>)
#define HAVE_LIBELF 1
#endif
#endif

#ifdef HAVE_LIBELF

#include <gelf.h>

/* The first section named NAME (TYPE, unless SHT_NULL), or NULL. */
static Elf_Scn *section(Elf *elf, const char *name, GElf_Word type)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx) < 0)
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *s;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (name && (s = elf_strptr(elf, shstrndx, sh.sh_name)) &&
		    !strcmp(s, name) &&
		    (type == SHT_NULL || sh.sh_type == type))
			return scn;
		if (!name && sh.sh_type == type)
			return scn;
	}
	return NULL;
}

/* The PT_LOADs kept, span of the executable ones; 0 or -errno. */
static int module_segments(struct module *mod, Elf *elf, size_t phnum)
{
	size_t i;

	mod->loads = calloc(phnum ? phnum : 1, sizeof(*mod->loads));
	if (!mod->loads)
		return -ENOMEM;
	mod->lo = UINT64_MAX;
	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		mod->loads[mod->nloads++] = (struct elf_seg){
			.vaddr = ph.p_vaddr, .offset = ph.p_offset,
			.filesz = ph.p_filesz,
		};
		if (!(ph.p_flags & PF_X))
			continue;
		if (ph.p_vaddr < mod->lo)
			mod->lo = ph.p_vaddr;
		if (ph.p_vaddr + ph.p_memsz > mod->hi)
			mod->hi = ph.p_vaddr + ph.p_memsz;
	}
	return mod->lo < mod->hi ? 0 : -ENOEXEC;
}

/* The table of the PT_GNU_EH_FRAME segment; 0 or -errno. */
static int table_from_hdr(struct module *mod, Elf *elf, size_t phnum)
{
	size_t i;

	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		Elf_Data *d;

		if (!gelf_getphdr(elf, i, &ph) ||
		    ph.p_type != PT_GNU_EH_FRAME ||
		    !(d = elf_getdata_rawchunk(elf, ph.p_offset, ph.p_filesz,
					       ELF_T_BYTE)))
			continue;
		if (!ehframe_hdr_table(d->d_buf, d->d_size, ph.p_vaddr,
				       &mod->table, &mod->nent)) {
			mod->base = ph.p_vaddr;
			return 0;
		}
	}
	return -ENOENT;
}

/* The search table: .eh_frame_hdr's, else built from .eh_frame. */
static int module_table(struct module *mod, Elf *elf, size_t phnum)
{
	Elf_Scn *scn;
	GElf_Shdr sh;
	Elf_Data *d;

	if (!table_from_hdr(mod, elf, phnum))
		return 0;
	scn = section(elf, ".eh_frame", SHT_PROGBITS);
	if (!scn || !gelf_getshdr(scn, &sh) || !(d = elf_rawdata(scn, NULL)))
		return -ENOENT;
	if (ehframe_table(d->d_buf, d->d_size, sh.sh_addr, mod->lo, mod->hi,
			  &mod->table, &mod->nent))
		return -ENOENT;
	mod->base = sh.sh_addr;
	return 0;
}

static int fsym_cmp(const void *a, const void *b)
{
	const struct fsym *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->name > y->name) - (x->name < y->name);
}

/* A copy of the string table of section LINK, NUL-terminated; 0 or -1. */
static int copy_strtab(struct module *mod, Elf *elf, size_t link)
{
	Elf_Scn *scn = elf_getscn(elf, link);
	Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;

	if (!d || !d->d_buf || !d->d_size)
		return -1;
	mod->strtab = malloc(d->d_size + 1);
	if (!mod->strtab)
		return -1;
	memcpy(mod->strtab, d->d_buf, d->d_size);
	mod->strtab[d->d_size] = '\0';
	mod->strtab_len = d->d_size;
	return 0;
}

/* Symbol SYM kept if it is a defined, named function. */
static void add_fsym(struct module *mod, const GElf_Sym *sym)
{
	unsigned char type = GELF_ST_TYPE(sym->st_info);
	unsigned char bind = GELF_ST_BIND(sym->st_info);

	if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
	    sym->st_shndx == SHN_UNDEF || !sym->st_value || !sym->st_name ||
	    sym->st_name >= mod->strtab_len)
		return;
	mod->fsyms[mod->nfsyms++] = (struct fsym){
		.value = sym->st_value, .size = sym->st_size,
		.name = sym->st_name,
		.rank = bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2,
	};
}

/* The function symbols, sorted by address; 0 or -1. */
static int module_symbols(struct module *mod, Elf *elf)
{
	Elf_Scn *scn = section(elf, NULL, SHT_SYMTAB);
	Elf_Data *d;
	GElf_Shdr sh;
	size_t i, n;

	if (section(elf, ".gnu_debugdata", SHT_NULL))
		return -1;
	if (!scn)
		scn = section(elf, NULL, SHT_DYNSYM);
	if (!scn || !gelf_getshdr(scn, &sh) || !sh.sh_entsize ||
	    !(d = elf_getdata(scn, NULL)) || copy_strtab(mod, elf, sh.sh_link))
		return -1;
	n = d->d_size / sh.sh_entsize;
	mod->fsyms = calloc(n ? n : 1, sizeof(*mod->fsyms));
	if (!mod->fsyms)
		return -1;
	for (i = 0; i < n; i++) {
		GElf_Sym sym;

		if (gelf_getsym(d, i, &sym))
			add_fsym(mod, &sym);
	}
	qsort(mod->fsyms, mod->nfsyms, sizeof(*mod->fsyms), fsym_cmp);
	return 0;
}

/* MOD from the open ELF ELF; 0 or -errno. */
static int module_from(struct module *mod, Elf *elf, unsigned int machine)
{
	GElf_Ehdr eh;
	size_t phnum;
	int ret;

	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) ||
	    gelf_getclass(elf) != ELFCLASS64 || eh.e_machine != machine ||
	    elf_getphdrnum(elf, &phnum) < 0 || !phnum)
		return -ENOEXEC;
	ret = module_segments(mod, elf, phnum);
	if (ret < 0)
		return ret;
	mod->has_table = !module_table(mod, elf, phnum);
	mod->has_syms = !module_symbols(mod, elf);
	if (!mod->has_syms) {
		free(mod->fsyms);
		free(mod->strtab);
		mod->fsyms = NULL;
		mod->strtab = NULL;
		mod->nfsyms = mod->strtab_len = 0;
	}
	return 0;
}

int module_read(struct module *mod, int fd, unsigned int machine)
{
	static bool ready;
	Elf *elf;
	int ret;

	if (!ready) {
		if (elf_version(EV_CURRENT) == EV_NONE)
			return -ENOTSUP;
		ready = true;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return -ENOEXEC;
	ret = module_from(mod, elf, machine);
	elf_end(elf);
	if (ret < 0)
		module_release(mod);
	return ret;
}

#else /* !HAVE_LIBELF */

int module_read(struct module *mod, int fd, unsigned int machine)
{
	return -ENOTSUP;
}

#endif /* HAVE_LIBELF */

void module_release(struct module *mod)
{
	free(mod->table);
	free(mod->loads);
	free(mod->fsyms);
	free(mod->strtab);
	mod->table = NULL;
	mod->loads = NULL;
	mod->fsyms = NULL;
	mod->strtab = NULL;
	mod->nent = mod->nloads = mod->nfsyms = mod->strtab_len = 0;
	mod->has_table = mod->has_syms = false;
}

const struct fsym *module_symbol(const struct module *mod, uint64_t vaddr)
{
	size_t lo = 0, hi = mod->nfsyms;
	const struct fsym *s;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (mod->fsyms[mid].value <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	s = &mod->fsyms[lo - 1];
	while (s > mod->fsyms && s[-1].value == s->value)
		s--;			/* the preferred alias */
	return s->size && vaddr - s->value >= s->size ? NULL : s;
}

bool module_bias(const struct module *mod, uint64_t start, uint64_t off,
		 uint64_t *bias)
{
	size_t i;

	for (i = 0; i < mod->nloads; i++) {
		const struct elf_seg *l = &mod->loads[i];

		if (off >= (l->offset & ~(PAGE - 1)) &&
		    off < l->offset + l->filesz) {
			*bias = start - (l->vaddr - l->offset + off);
			return true;
		}
	}
	return false;
}
