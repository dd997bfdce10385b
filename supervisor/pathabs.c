/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "pathabs.h"

/* Append S (LEN bytes) at OUT+*POS; false when it does not fit. */
static int append(char *out, size_t size, size_t *pos, const char *s,
		  size_t len)
{
	if (*pos + len >= size) {
		size_t room = size - 1 - *pos;

		memcpy(out + *pos, s, room);
		*pos += room;
		out[*pos] = '\0';
		return 0;
	}
	memcpy(out + *pos, s, len);
	*pos += len;
	out[*pos] = '\0';
	return 1;
}

int path_abs(const char *base, const char *path, char *out, size_t size)
{
	size_t pos = 0, blen;

	if (!size)
		return -1;
	out[0] = '\0';
	if (path[0] == '/' || !base)
		return append(out, size, &pos, path, strlen(path)) ?
			(int)pos : -1;
	blen = strlen(base);
	if (!append(out, size, &pos, base, blen))
		return -1;
	if (!path[0])
		return pos;
	if ((!blen || base[blen - 1] != '/') &&
	    !append(out, size, &pos, "/", 1))
		return -1;
	return append(out, size, &pos, path, strlen(path)) ? (int)pos : -1;
}

/* The end of the longest common directory of A and B (index of its '/'
 * or of the NUL ending both), 0 when only "/" is common. */
static size_t common_dir(const char *a, const char *b)
{
	size_t k, common = 0;

	for (k = 0; a[k] && a[k] == b[k]; k++)
		if (a[k] == '/')
			common = k;
	if ((!a[k] && (!b[k] || b[k] == '/')) || (a[k] == '/' && !b[k]))
		common = k;
	return common;
}

int path_from(const char *base, const char *target, char *out, size_t size)
{
	size_t common, k, pos = 0;
	const char *tail;
	int n;

	if (base[0] != '/' || target[0] != '/' || !size)
		return -1;
	if (!strcmp(base, target))
		return snprintf(out, size, ".") < (int)size ? 1 : -1;
	common = common_dir(base, target);
	if (common == 0)
		return -1;
	for (k = common; base[k]; k++) {
		if (base[k] != '/')
			continue;
		if (pos + 3 >= size)
			return -1;
		memcpy(out + pos, "../", 3);
		pos += 3;
	}
	tail = target[common] ? target + common + 1 : "";
	n = snprintf(out + pos, size - pos, "%s", tail);
	if (n < 0 || (size_t)n >= size - pos)
		return -1;
	pos += n;
	if (!*tail && pos)
		out[--pos] = '\0';	/* "../.." */
	return (int)pos;
}
