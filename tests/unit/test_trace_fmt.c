/* SPDX-License-Identifier: MIT */
/*
 * The trace formats' ops (trace_fmt.h), fed synthetic events and compared
 * byte for byte with the lines README.md documents; the dispatch of the
 * trace_*() printers through them; the summary's tables (outbuf.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "arch.h"
#include "decode.h"
#include "outbuf.h"
#include "summary.h"
#include "sysent.h"
#include "trace.h"
#include "trace_fmt.h"

/* What OB holds, as a string; OB is emptied (nothing is written). */
static const char *taken(struct outbuf *ob)
{
	static char out[4096];

	assert_true(ob->len < sizeof(out));
	memcpy(out, ob->buf, ob->len);
	out[ob->len] = '\0';
	ob->len = 0;
	return out;
}

/* README's "8419 openat(AT_FDCWD, "/tmp/w/d/f", O_WRONLY|O_CREAT...) = 3" */
static void openat_call(struct call *c)
{
	memset(c, 0, offsetof(struct call, rlen));
	c->id = SC_openat;
	c->ent = &sysent_table[SC_openat];
	c->abi = arch_native.abis[0];
	c->args[0] = (uint64_t)-100;
	c->args[1] = 0x1000;
	c->str[1] = "/tmp/w/d/f";
	c->args[2] = O_WRONLY | O_CREAT | O_TRUNC;
	c->args[3] = 0666;
	c->fd = -1;
	c->done = true;
	c->ret = 3;
}

static void mkdir_call(struct call *c)
{
	memset(c, 0, offsetof(struct call, rlen));
	c->id = SC_mkdir;
	c->ent = &sysent_table[SC_mkdir];
	c->abi = arch_native.abis[0];
	c->args[0] = 0x1000;
	c->str[0] = "/tmp/w/d";
	c->args[1] = 0777;
	c->fd = -1;
	c->done = true;
	c->ret = 0;
}

static void text_lines(void **state)
{
	static char *const argv[] = { "cat", "d/g", NULL };
	const struct trace_ops *ops = &trace_text_ops;
	struct outbuf ob;
	struct call c;

	(void)state;
	assert_int_equal(outbuf_init(&ob, -1, NULL), 0);
	openat_call(&c);
	ops->syscall(&ob, 8419, 8419, &c);
	assert_string_equal(taken(&ob), "8419 openat(AT_FDCWD, \"/tmp/w/d/f\", "
			    "O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3\n");
	mkdir_call(&c);
	ops->syscall(&ob, 8420, 8420, &c);
	assert_string_equal(taken(&ob), "8420 mkdir(\"/tmp/w/d\", 0777) = 0\n");
	c.ret = -ENOENT;
	ops->syscall(&ob, 8420, 8420, &c);
	assert_string_equal(taken(&ob), "8420 mkdir(\"/tmp/w/d\", 0777) = -1 "
			    "ENOENT (No such file or directory)\n");
	c.done = false;
	ops->syscall(&ob, 8420, 8420, &c);
	assert_string_equal(taken(&ob), "8420 mkdir(\"/tmp/w/d\", 0777) = ?\n");
	ops->fork(&ob, 8419, 8419, 8420, 8420, false);
	assert_string_equal(taken(&ob), "8419 +++ forked 8420 +++\n");
	ops->exec(&ob, 8422, 8422, "/usr/bin/busybox", argv);
	assert_string_equal(taken(&ob), "8422 +++ exec \"/usr/bin/busybox\" "
			    "[\"cat\", \"d/g\"] +++\n");
	ops->exit(&ob, 8422, 8422, 0);
	assert_string_equal(taken(&ob), "8422 +++ exited with 0 +++\n");
	ops->exit(&ob, 8422, 8422, SIGKILL);
	assert_string_equal(taken(&ob), "8422 +++ killed by SIGKILL +++\n");
	ops->unknown(&ob, 7, 7, NULL, 999);
	assert_string_equal(taken(&ob), "7 syscall_999(...) = -1 ENOSYS "
			    "(Function not implemented) (refused by vfstrace)\n");
	outbuf_release(&ob);
}

static void jsonl_lines(void **state)
{
	static char *const argv[] = { "cat", "d/g", NULL };
	const struct trace_ops *ops = &trace_jsonl_ops;
	struct outbuf ob;
	struct call c;

	(void)state;
	assert_int_equal(outbuf_init(&ob, -1, NULL), 0);
	openat_call(&c);
	ops->syscall(&ob, 8419, 8418, &c);
	assert_string_equal(taken(&ob), "{\"event\":\"syscall\",\"pid\":8419,"
			    "\"tgid\":8418,\"syscall\":\"openat\",\"path\":"
			    "\"/tmp/w/d/f\",\"flags\":\"O_WRONLY|O_CREAT|"
			    "O_TRUNC\",\"result\":3,\"errno\":null}\n");
	c.ret = -EACCES;
	ops->syscall(&ob, 8419, 8418, &c);
	assert_string_equal(taken(&ob), "{\"event\":\"syscall\",\"pid\":8419,"
			    "\"tgid\":8418,\"syscall\":\"openat\",\"path\":"
			    "\"/tmp/w/d/f\",\"flags\":\"O_WRONLY|O_CREAT|"
			    "O_TRUNC\",\"result\":-13,\"errno\":\"EACCES\"}\n");
	ops->fork(&ob, 8419, 8418, 8420, 8418, true);
	assert_string_equal(taken(&ob), "{\"event\":\"fork\",\"pid\":8420,"
			    "\"tgid\":8418,\"ppid\":8418,\"parent_tid\":8419,"
			    "\"thread\":true}\n");
	ops->exec(&ob, 8422, 8422, "/usr/bin/busybox", argv);
	assert_string_equal(taken(&ob), "{\"event\":\"exec\",\"pid\":8422,"
			    "\"tgid\":8422,\"path\":\"/usr/bin/busybox\","
			    "\"argv\":[\"cat\",\"d/g\"]}\n");
	ops->exit(&ob, 8422, 8422, SIGKILL);
	assert_string_equal(taken(&ob), "{\"event\":\"exit\",\"pid\":8422,"
			    "\"tgid\":8422,\"status\":137,\"signal\":"
			    "\"SIGKILL\"}\n");
	ops->exit(&ob, 8422, 8422, 3 << 8);
	assert_string_equal(taken(&ob), "{\"event\":\"exit\",\"pid\":8422,"
			    "\"tgid\":8422,\"status\":3}\n");
	outbuf_release(&ob);
}

static void fsatrace_lines(void **state)
{
	const struct trace_ops *ops = &trace_fsatrace_ops;
	struct outbuf ob;
	struct call c;

	(void)state;
	assert_int_equal(outbuf_init(&ob, -1, NULL), 0);
	openat_call(&c);
	ops->syscall(&ob, 8419, 8419, &c);
	assert_string_equal(taken(&ob), "w|/tmp/w/d/f\n");
	c.ret = -ENOENT;	/* only calls that succeeded */
	ops->syscall(&ob, 8419, 8419, &c);
	assert_string_equal(taken(&ob), "");
	/* no process events, no line for an unknown call */
	assert_null(ops->fork);
	assert_null(ops->exec);
	assert_null(ops->exit);
	assert_null(ops->unknown);
	outbuf_release(&ob);
}

/* The trace_*() printers dispatch to the format trace_open() chose. */
static void dispatch(void **state)
{
	char path[] = "/tmp/vfstrace-test-trace.XXXXXX", got[256];
	enum trace_format fmt[] = { TRACE_TEXT, TRACE_JSONL, TRACE_FSATRACE };
	const char *want[] = {
		"1 +++ forked 2 +++\n1 +++ exited with 0 +++\n",
		"{\"event\":\"fork\",\"pid\":2,\"tgid\":2,\"ppid\":1,"
		"\"parent_tid\":1,\"thread\":false}\n"
		"{\"event\":\"exit\",\"pid\":1,\"tgid\":1,\"status\":0}\n",
		"",
	};
	struct trace tr;
	ssize_t n;
	int fd, i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(trace_open(&tr, path, fmt[i]), 0);
		trace_fork(&tr, 1, 1, 2, 2, false);
		trace_exit(&tr, 1, 1, 0);
		assert_true(trace_pending(&tr) == (want[i][0] != '\0'));
		trace_close(&tr);
		n = pread(fd, got, sizeof(got) - 1, 0);
		assert_true(n >= 0);
		got[n] = '\0';
		assert_string_equal(got, want[i]);
	}
	close(fd);
	unlink(path);
}

/* summary_write through an outbuf: the tables, with an unknown call. */
static const char *summary_of(bool json)
{
	static char got[1024];
	struct summary *s;
	ssize_t n;
	int fd = memfd_create("summary", 0);

	assert_true(fd >= 0);
	assert_int_equal(summary_new(&s), 0);
	summary_add_unknown(s, 999);
	summary_add_unknown(s, 999);
	assert_int_equal(summary_write(s, fd, json), 0);
	summary_free(s);
	n = pread(fd, got, sizeof(got) - 1, 0);
	assert_true(n >= 0);
	got[n] = '\0';
	close(fd);
	return got;
}

static void summary_tables(void **state)
{
	(void)state;
	assert_string_equal(summary_of(false),
		"     read  written  created  deleted executed  missing"
		"  processes  path\n"
		"\n  calls  errors  syscall\n"
		"      2       2  syscall_999\n");
	assert_string_equal(summary_of(true),
		"{\"paths\":[],\n\"syscalls\":[\n{\"syscall\":\"syscall_999\","
		"\"calls\":2,\"errors\":2}]}\n");
}

static void outbuf_numbers(void **state)
{
	struct outbuf ob;

	(void)state;
	assert_int_equal(outbuf_init(&ob, -1, NULL), 0);
	assert_int_equal(outbuf_dec(&ob, -9223372036854775807LL - 1), 20);
	assert_string_equal(taken(&ob), "-9223372036854775808");
	assert_int_equal(outbuf_udec(&ob, 42, 9), 9);
	assert_string_equal(taken(&ob), "       42");
	assert_int_equal(outbuf_udec(&ob, 1234567, 3), 7);
	assert_string_equal(taken(&ob), "1234567");
	assert_int_equal(outbuf_udec(&ob, 0, 40), 40);
	assert_string_equal(taken(&ob),
			    "                                       0");
	outbuf_release(&ob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_lines),
		cmocka_unit_test(jsonl_lines),
		cmocka_unit_test(fsatrace_lines),
		cmocka_unit_test(dispatch),
		cmocka_unit_test(summary_tables),
		cmocka_unit_test(outbuf_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
