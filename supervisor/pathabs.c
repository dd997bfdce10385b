/* SPDX-License-Identifier: MIT */
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
