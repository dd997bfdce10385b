/* SPDX-License-Identifier: MIT */
/* The life of a decoded call (call.h); decode.c fills it in. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"

struct call *call_new(void)
{
	struct call *c = calloc(1, sizeof(struct call));

	if (c) {
		c->fd = -1;
		c->hbase_arg = -1;
	}
	return c;
}

void call_clear(struct call *c)
{
	int i;

	for (i = 0; i < 6; i++)
		free(c->str[i]);
	if (c->argv)
		for (i = 0; c->argv[i]; i++)
			free(c->argv[i]);
	free(c->argv);
	free(c->fdpath);
	free(c->out);
	free(c->raw);
	for (i = 0; i < c->nstack; i++)
		free(c->stack[i]);
	free(c->stack);
	memset(c, 0, offsetof(struct call, hbase));
	c->hbase[0] = '\0';
	c->hbase_arg = -1;
	c->fd = -1;
}

void call_free(struct call *c)
{
	if (!c)
		return;
	call_clear(c);
	free(c);
}
