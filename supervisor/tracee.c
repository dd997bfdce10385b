/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call.h"
#include "tracee.h"

#define INITIAL_SIZE 64

static unsigned int slot_of(const struct tracee_table *tt, pid_t tid)
{
	return ((unsigned int)tid * 2654435761u) & (tt->size - 1);
}

void tracee_table_init(struct tracee_table *tt)
{
	tt->size = INITIAL_SIZE;
	tt->count = 0;
	tt->slots = calloc(tt->size, sizeof(*tt->slots));
}

static const struct mode_hooks *hooks;

void tracee_set_hooks(const struct mode_hooks *h)
{
	hooks = h;
}

static void tracee_free(struct tracee *t)
{
	if (hooks && hooks->tracee_free)
		hooks->tracee_free(t);
	call_free(t->call);
	proc_put(t->proc);
	free(t);
}

void tracee_table_release(struct tracee_table *tt)
{
	unsigned int i;

	for (i = 0; i < tt->size; i++)
		if (tt->slots[i])
			tracee_free(tt->slots[i]);
	free(tt->slots);
	tt->slots = NULL;
	tt->count = tt->size = 0;
}

static struct tracee **find_slot(struct tracee_table *tt, pid_t tid)
{
	unsigned int i = slot_of(tt, tid);

	while (tt->slots[i] && tt->slots[i]->tid != tid)
		i = (i + 1) & (tt->size - 1);
	return &tt->slots[i];
}

struct tracee *tracee_get(struct tracee_table *tt, pid_t tid)
{
	return *find_slot(tt, tid);
}

static int grow(struct tracee_table *tt)
{
	struct tracee_table bigger = { .size = tt->size * 2 };
	unsigned int i;

	bigger.slots = calloc(bigger.size, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -ENOMEM;
	for (i = 0; i < tt->size; i++)
		if (tt->slots[i])
			*find_slot(&bigger, tt->slots[i]->tid) = tt->slots[i];
	free(tt->slots);
	tt->slots = bigger.slots;
	tt->size = bigger.size;
	return 0;
}

static void insert(struct tracee_table *tt, struct tracee *t)
{
	*find_slot(tt, t->tid) = t;
	tt->count++;
}

struct tracee *tracee_add(struct tracee_table *tt, pid_t tid,
			  struct proc *proc)
{
	struct tracee *t;

	if ((tt->count + 1) * 2 > tt->size && grow(tt))
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	if (proc) {
		proc->refs++;
		t->proc = proc;
	} else {
		t->proc = proc_new(tid, NULL);
	}
	if (!t->proc) {
		free(t);
		return NULL;
	}
	if (hooks && hooks->tracee_init && hooks->tracee_init(t)) {
		proc_put(t->proc);
		free(t);
		return NULL;
	}
	insert(tt, t);
	return t;
}

/* Take TID's tracee out of the table (backward-shift deletion). */
static struct tracee *unlink_tid(struct tracee_table *tt, pid_t tid)
{
	struct tracee **slot = find_slot(tt, tid), *t = *slot;
	unsigned int i = slot - tt->slots, j = i;

	if (!t)
		return NULL;
	tt->slots[i] = NULL;
	tt->count--;
	for (;;) {
		unsigned int home;

		j = (j + 1) & (tt->size - 1);
		if (!tt->slots[j])
			break;
		home = slot_of(tt, tt->slots[j]->tid);
		/* Move slot j back to i if its home is not in (i, j]. */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && (home <= i && home > j))) {
			tt->slots[i] = tt->slots[j];
			tt->slots[j] = NULL;
			i = j;
		}
	}
	return t;
}

void tracee_del(struct tracee_table *tt, pid_t tid)
{
	struct tracee *t = unlink_tid(tt, tid);

	if (t)
		tracee_free(t);
}

void tracee_move(struct tracee_table *tt, pid_t old, pid_t new)
{
	struct tracee *t = unlink_tid(tt, old);

	if (!t)
		return;
	tracee_del(tt, new);
	t->tid = new;
	insert(tt, t);
}

struct proc *proc_new(pid_t tgid, const struct proc *parent)
{
	struct proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->refs = 1;
	p->tgid = tgid;
	if (parent && parent->cwd)
		p->cwd = strdup(parent->cwd);
	if (parent && parent->kcwd)
		p->kcwd = strdup(parent->kcwd);
	if (parent)
		p->nodump = parent->nodump;
	if (hooks && hooks->proc_init && hooks->proc_init(p, parent)) {
		free(p->cwd);
		free(p->kcwd);
		free(p);
		return NULL;
	}
	return p;
}

void proc_put(struct proc *p)
{
	if (!p || --p->refs > 0)
		return;
	if (hooks && hooks->proc_free)
		hooks->proc_free(p);
	fdcache_release(&p->fds);
	free(p->cwd);
	free(p->kcwd);
	free(p);
}

void proc_cwd_changed(struct proc *p)
{
	free(p->cwd);
	p->cwd = NULL;
}

