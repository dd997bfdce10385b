/* SPDX-License-Identifier: MIT */
/*
 * A path pointer inside vfstrace's scratch mapping: scratch_ptr FILE.
 * The mapping (4 MiB, anonymous, read-write) is found in /proc/self/maps
 * (natively there is none: the attack maps one of its own), FILE is
 * written into it and opened O_WRONLY|O_TRUNC through that pointer.
 * vfstrace once took such a pointer for one it had rewritten itself and
 * let the call through untranslated.  Since the mapping is read-only and
 * sealed (issue 13) the tree cannot write it: the attack then maps one
 * of its own, and shows that such a pointer is read as a path.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "escape.h"

#define SCRATCH (4ul << 20)

/* The last anonymous read-write mapping of SCRATCH bytes, or NULL. */
static char *find_scratch(void)
{
	unsigned long lo, hi;
	char line[512], perm[8], *found = NULL;
	FILE *f = fopen("/proc/self/maps", "r");
	int n;

	if (!f)
		setup_fail("/proc/self/maps: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		n = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perm,
			   &n) < 3)
			continue;
		if (hi - lo == SCRATCH && !strcmp(perm, "rw-p") &&
		    (!line[n] || line[n] == '\n'))
			found = (char *)lo;
	}
	fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	char *p;
	int fd;

	if (argc != 2)
		setup_fail("usage: scratch_ptr FILE");
	p = find_scratch();
	if (!p) {
		p = mmap(NULL, SCRATCH, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			setup_fail("mmap: %s", strerror(errno));
		fprintf(stderr, "no scratch mapping: one of our own\n");
	}
	p += SCRATCH / 2;
	snprintf(p, 4096, "%s", argv[1]);
	fd = open(p, O_WRONLY | O_TRUNC);
	step("open through the scratch pointer", fd);
	if (fd < 0)
		return 1;
	step("write", write(fd, "pwned\n", 6));
	return 0;
}
