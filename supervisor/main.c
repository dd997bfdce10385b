/* SPDX-License-Identifier: MIT */
/*
 * vfstrace: run a command under a seccomp + ptrace supervisor and log
 * every file access it makes.  main() parses the options, starts the
 * command and hands over to the event loop (loop.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "launch.h"
#include "sandbox.h"
#include "sandbox_tmpfs.h"
#include "log.h"
#include "overlay.h"
#include "supervisor.h"
#include "trace.h"
#include "tracee.h"
#include "select.h"
#include "summary.h"
#include "unwinder.h"
#include "view.h"

#ifndef VFSTRACE_VERSION
#define VFSTRACE_VERSION "0.1"
#endif

#define MAX_LAYERS 63
#define MAX_MOUNTS 64

struct options {
	const char *output;		/* -o */
	enum trace_format format;	/* --format */
	bool dump_filter;		/* --dump-filter */
	bool check;			/* --check */
	const char *upper;		/* -u */
	const char *lowers[MAX_LAYERS];	/* -l, in the order given */
	size_t nlowers;
	const char *binds[2 * MAX_MOUNTS];	/* --bind, --ro-bind */
	bool bind_ro[MAX_MOUNTS];
	size_t nbinds;
	const char *tmpfs[MAX_MOUNTS];	/* --tmpfs */
	size_t ntmpfs;
	struct select select;		/* -e trace=, --path, --failed, --ok */
	bool summary;			/* -c */
	int stack_depth;		/* -k: frames per stack, 0: off */
	bool summary_json;		/* --summary-format=json */
	const char *summary_output;	/* --summary-output */
	struct sandbox_opts sandbox;	/* --sandbox, --hide, --share-* */
	const char *hide[MAX_MOUNTS];
	const char *share_sockets[MAX_MOUNTS];
	char **command;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: vfstrace [OPTIONS] [--] COMMAND [ARG...]\n"
"Run COMMAND under a seccomp + ptrace supervisor that sees every\n"
"path-taking system call of the whole process tree.\n"
"\n"
"  -u, --upper=DIR        overlay mode: every change lands in DIR (created\n"
"                         if missing); the lower layers are never changed\n"
"  -l, --lower=DIR        a read-only lower layer (default /); repeatable,\n"
"                         the first given is the highest\n"
"      --bind SRC DEST    host directory SRC at DEST in the view\n"
"      --ro-bind SRC DEST the same, every write fails with EROFS\n"
"      --tmpfs DEST       an in-memory directory at DEST, gone at exit\n"
"      --sandbox[=best-effort]\n"
"                         confine the tree in the kernel (Landlock, a\n"
"                         deny list); best-effort: with what the kernel\n"
"                         has, saying what is off\n"
"      --hide PATH        PATH is empty in the view and unreadable by\n"
"                         the tree (--sandbox); repeatable\n"
"      --share-net        --sandbox: allow AF_INET and AF_INET6 sockets\n"
"      --share-socket PATH  --sandbox: the tree may connect to the unix\n"
"                         socket PATH outside the view; repeatable\n"
"  -o, --output=FILE      write the trace to FILE ('-' for stderr);\n"
"                         without -o nothing is traced\n"
"      --format=FMT       trace format: text (default), jsonl or fsatrace\n"
"  -e trace=SET, --trace=SET\n"
"                         log only these calls: classes read, write,\n"
"                         create, delete, exec, stat, dir, all, and\n"
"                         syscall names, comma-separated\n"
"      --path=PATTERN     log only calls on paths under a directory or\n"
"                         matching an fnmatch(3) pattern; repeatable\n"
"      --failed, --ok     log only calls that failed / succeeded\n"
"  -k, --stack            a stack trace of the tracee with each logged call\n"
"      --stack-depth=N    frames per stack (default 16, at most 64)\n"
"  -c, --summary          at exit, counts per path and per syscall\n"
"      --summary-format=FMT  text (default) or json\n"
"      --summary-output=FILE write the summary to FILE (default stderr)\n"
"      --dump-filter      print the seccomp filter and exit\n"
"      --check            print what this kernel offers --sandbox and exit\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"SANDBOX_VFS_UPPER and SANDBOX_VFS_LOWER act as -u and -l when those\n"
"are not given.\n"
"\n"
"Exit status: COMMAND's own; 128+N if it was killed by signal N;\n"
"125 if vfstrace fails; 126 if COMMAND cannot be run; 127 if it is not\n"
"found.\n");
}

enum { OPT_FORMAT = 256, OPT_DUMP_FILTER, OPT_BIND, OPT_RO_BIND, OPT_TMPFS,
       OPT_TRACE, OPT_PATH, OPT_FAILED, OPT_OK, OPT_SUMMARY_FORMAT,
       OPT_SUMMARY_OUTPUT, OPT_STACK_DEPTH, OPT_SANDBOX, OPT_HIDE,
       OPT_SHARE_NET, OPT_SHARE_SOCKET, OPT_CHECK };

static const struct option long_opts[] = {
	{ "upper", required_argument, NULL, 'u' },
	{ "lower", required_argument, NULL, 'l' },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "ro-bind", required_argument, NULL, OPT_RO_BIND },
	{ "tmpfs", required_argument, NULL, OPT_TMPFS },
	{ "sandbox", optional_argument, NULL, OPT_SANDBOX },
	{ "hide", required_argument, NULL, OPT_HIDE },
	{ "share-net", no_argument, NULL, OPT_SHARE_NET },
	{ "share-socket", required_argument, NULL, OPT_SHARE_SOCKET },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "path", required_argument, NULL, OPT_PATH },
	{ "failed", no_argument, NULL, OPT_FAILED },
	{ "ok", no_argument, NULL, OPT_OK },
	{ "summary", no_argument, NULL, 'c' },
	{ "stack", no_argument, NULL, 'k' },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ "summary-format", required_argument, NULL, OPT_SUMMARY_FORMAT },
	{ "summary-output", required_argument, NULL, OPT_SUMMARY_OUTPUT },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "dump-filter", no_argument, NULL, OPT_DUMP_FILTER },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void bad_option(char **argv, int c)
{
	if (c == ':' )
		die("option '%s' needs an argument (see 'vfstrace --help')",
		    argv[optind - 1]);
	if (optopt && optopt < 256)
		die("unknown option '-%c' (see 'vfstrace --help')", optopt);
	die("unknown option '%s' (see 'vfstrace --help')", argv[optind - 1]);
}

/* --bind SRC DEST: DEST is the next word (paths may contain ':'). */
static void add_bind(int argc, char **argv, struct options *o, bool ro)
{
	if (optind >= argc)
		die("option '%s' needs two arguments: SRC DEST",
		    ro ? "--ro-bind" : "--bind");
	if (o->nbinds == MAX_MOUNTS)
		die("too many binds (at most %d)", MAX_MOUNTS);
	o->binds[2 * o->nbinds] = optarg;
	o->binds[2 * o->nbinds + 1] = argv[optind++];
	o->bind_ro[o->nbinds++] = ro;
}

/* -e trace=SET (strace's spelling; other -e qualifiers are refused). */
static void add_trace(struct options *o, char *arg, bool qualified)
{
	const char *bad = NULL;

	if (qualified) {
		if (strncmp(arg, "trace=", 6))
			die("unknown -e qualifier '%s' (only trace=SET)", arg);
		arg += 6;
	}
	if (select_trace(&o->select, arg, &bad))
		die("unknown class or syscall '%s' in trace=", bad);
}

static void add_lower(struct options *o, const char *arg)
{
	if (o->nlowers == MAX_LAYERS)
		die("too many lower layers (at most %d)", MAX_LAYERS);
	o->lowers[o->nlowers++] = arg;
}

static void add_tmpfs(struct options *o, const char *arg)
{
	if (o->ntmpfs == MAX_MOUNTS)
		die("too many tmpfs (at most %d)", MAX_MOUNTS);
	o->tmpfs[o->ntmpfs++] = arg;
}

/* --sandbox[=best-effort] */
static enum sandbox_level parse_sandbox(const char *arg)
{
	if (!arg)
		return SANDBOX_STRICT;
	if (!strcmp(arg, "best-effort"))
		return SANDBOX_BEST_EFFORT;
	die("unknown --sandbox level '%s' (--sandbox or "
	    "--sandbox=best-effort)", arg);
}

/* --hide PATH, --share-socket PATH: absolute paths, at most MAX_MOUNTS. */
static void add_sandbox_path(const char **list, size_t *n, const char *opt,
			     const char *arg)
{
	if (arg[0] != '/')
		die("%s '%s': the path must be absolute", opt, arg);
	if (*n == MAX_MOUNTS)
		die("too many %s (at most %d)", opt, MAX_MOUNTS);
	list[(*n)++] = arg;
}

/* The sandbox options of parse_option(). */
static void parse_sandbox_option(int c, struct options *o)
{
	struct sandbox_opts *sb = &o->sandbox;

	switch (c) {
	case OPT_SANDBOX:
		sb->level = parse_sandbox(optarg);
		break;
	case OPT_HIDE:
		add_sandbox_path(o->hide, &sb->nhide, "--hide", optarg);
		break;
	case OPT_SHARE_NET:
		sb->share_net = true;
		break;
	case OPT_SHARE_SOCKET:
		add_sandbox_path(o->share_sockets, &sb->nshare_sockets,
				 "--share-socket", optarg);
		break;
	}
}

/* --stack-depth=N */
static int parse_stack_depth(const char *arg)
{
	char *end;
	long d = strtol(arg, &end, 10);

	if (*end || d < 1 || d > UNWIND_MAX_DEPTH)
		die("bad stack depth '%s' (1 to %d)", arg, UNWIND_MAX_DEPTH);
	return d;
}

/* --summary-format=FMT: true for json. */
static bool parse_summary_format(const char *arg)
{
	if (strcmp(arg, "text") && strcmp(arg, "json"))
		die("unknown summary format '%s' (text, json)", arg);
	return !strcmp(arg, "json");
}

/* --format=FMT */
static enum trace_format parse_format(const char *arg)
{
	if (!strcmp(arg, "text"))
		return TRACE_TEXT;
	if (!strcmp(arg, "jsonl"))
		return TRACE_JSONL;
	if (!strcmp(arg, "fsatrace"))
		return TRACE_FSATRACE;
	die("unknown trace format '%s' (text, jsonl, fsatrace)", arg);
}

/* One option C of getopt_long(), its argument in optarg. */
static void parse_option(int c, int argc, char **argv, struct options *o)
{
	switch (c) {
	case 'u':
		if (o->upper)
			die("-u given twice ('%s', '%s'): one upper only",
			    o->upper, optarg);
		o->upper = optarg;
		break;
	case 'l':
		add_lower(o, optarg);
		break;
	case OPT_BIND:
	case OPT_RO_BIND:
		add_bind(argc, argv, o, c == OPT_RO_BIND);
		break;
	case 'e':
		add_trace(o, optarg, true);
		break;
	case OPT_TRACE:
		add_trace(o, optarg, false);
		break;
	case OPT_PATH:
		if (select_path(&o->select, optarg))
			die("out of memory");
		break;
	case OPT_FAILED:
		o->select.result = -1;
		break;
	case OPT_OK:
		o->select.result = 1;
		break;
	case 'c':
		o->summary = true;
		break;
	case 'k':
		if (!o->stack_depth)
			o->stack_depth = UNWIND_DEFAULT_DEPTH;
		break;
	case OPT_STACK_DEPTH:
		o->stack_depth = parse_stack_depth(optarg);
		break;
	case OPT_SUMMARY_FORMAT:
		o->summary_json = parse_summary_format(optarg);
		break;
	case OPT_SUMMARY_OUTPUT:
		o->summary_output = optarg;
		break;
	case OPT_TMPFS:
		add_tmpfs(o, optarg);
		break;
	case OPT_SANDBOX:
	case OPT_HIDE:
	case OPT_SHARE_NET:
	case OPT_SHARE_SOCKET:
		parse_sandbox_option(c, o);
		break;
	case 'o':
		o->output = optarg;
		break;
	case OPT_FORMAT:
		o->format = parse_format(optarg);
		break;
	case OPT_DUMP_FILTER:
		o->dump_filter = true;
		break;
	case OPT_CHECK:
		o->check = true;
		break;
	case 'h':
		usage(stdout);
		exit(0);
	case 'V':
		printf("vfstrace %s\n", VFSTRACE_VERSION);
		exit(0);
	default:
		bad_option(argv, c);
	}
}

/* For users coming from sandbox-vfs: the layers from the environment. */
static void env_layers(struct options *o)
{
	if (!o->upper && getenv("SANDBOX_VFS_UPPER") &&
	    *getenv("SANDBOX_VFS_UPPER"))
		o->upper = getenv("SANDBOX_VFS_UPPER");
	if (!o->nlowers && getenv("SANDBOX_VFS_LOWER") &&
	    *getenv("SANDBOX_VFS_LOWER"))
		o->lowers[o->nlowers++] = getenv("SANDBOX_VFS_LOWER");
}

/* The sandbox options need an upper and each other. */
static void check_sandbox(struct options *o)
{
	struct sandbox_opts *sb = &o->sandbox;

	sb->hide = o->hide;
	sb->share_sockets = o->share_sockets;
	if (sb->level == SANDBOX_OFF &&
	    (sb->nhide || sb->share_net || sb->nshare_sockets))
		die("--hide, --share-net and --share-socket need --sandbox");
	if (sb->level != SANDBOX_OFF && !o->upper && !o->check)
		die("--sandbox needs an upper directory (-u DIR)");
}

static void parse(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:u:l:e:ckhV", long_opts,
				NULL)) != -1)
		parse_option(c, argc, argv, o);
	o->command = argv + optind;
	if (!o->dump_filter && !o->check && !o->command[0])
		die("no command given (see 'vfstrace --help')");
	env_layers(o);
	if (o->nlowers && !o->upper)
		die("a lower layer (-l) needs an upper (-u)");
	check_sandbox(o);
}

static bool wants_view(const struct options *o)
{
	return o->upper || o->nbinds || o->ntmpfs;
}

static void setup_view(struct view *v, const struct options *o)
{
	struct view_opts vo = {
		.upper = o->upper, .lowers = (const char **)o->lowers,
		.nlowers = o->nlowers, .binds = (const char **)o->binds,
		.bind_ro = (bool *)o->bind_ro, .nbinds = o->nbinds,
		.tmpfs = (const char **)o->tmpfs, .ntmpfs = o->ntmpfs,
		.hide = o->sandbox.hide, .nhide = o->sandbox.nhide,
		.sandbox = sandbox_on(&o->sandbox),
	};

	view_init(v, &vo);
}

/*
 * Like a shell running a command, vfstrace leaves SIGINT and SIGQUIT from
 * the terminal to the command; SIGPIPE is an error on the trace fd.
 * Called after the fork: the command keeps the default dispositions.
 */
static void ignore_signals(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

/* --dump-filter: the seccomp filter on stdout. */
static int dump_filter(const struct filter_opts *fopts)
{
	int err = filter_export(&arch_native, fopts, STDOUT_FILENO);

	if (err)
		die("cannot build the seccomp filter: %s", strerror(-err));
	return 0;
}

/* -c: the summary and its fd (SUMFD, stderr unless --summary-output). */
static void setup_summary(struct sup *s, const struct options *o, int *sumfd)
{
	if (o->summary_output) {
		*sumfd = open(o->summary_output, O_WRONLY | O_CREAT | O_TRUNC |
			      O_CLOEXEC, 0666);
		if (*sumfd < 0)
			die("cannot open summary file '%s': %s",
			    o->summary_output, strerror(errno));
	}
	if (summary_new(&s->summary))
		die("out of memory");
}

/* -k: the unwinder. */
static void setup_stack(struct sup *s, const struct options *o)
{
	int err;

	if (!o->output)
		die("-k needs a trace (-o FILE)");
	err = unwinder_new(&s->unwinder);
	if (err)
		die("cannot take stack traces: %s", err == -ENOTSUP ?
		    "not supported on this architecture" : strerror(-err));
	s->stack_depth = o->stack_depth;
}

/*
 * --sandbox: the Landlock ruleset for the view (the upper and the
 * writable binds), and the trace's first record saying what is in force.
 */
static void setup_sandbox(struct sup *s, const struct options *o,
			  const struct view *view, struct sandbox *sb)
{
	const char *w[1 + MAX_MOUNTS];
	struct sandbox_layout l = { .writable = w };
	char json[4096], text[4096];
	size_t i;

	w[l.nwritable++] = view->upper;
	for (i = 0; i < o->nbinds; i++) {
		if (o->bind_ro[i])
			continue;
		w[l.nwritable] = realpath(o->binds[2 * i], NULL);
		if (!w[l.nwritable])
			die("cannot bind '%s': %s", o->binds[2 * i],
			    strerror(errno));
		l.nwritable++;
	}
	sandbox_setup(sb, &o->sandbox, &l);
	if (o->ntmpfs && (i = -sandbox_tmpfs_init(view->upper)))
		die("--sandbox: cannot make the --tmpfs directory: %s",
		    strerror(i));
	if (o->ntmpfs)
		vfs_set_fd_export(view->vfs, &sandbox_tmpfs_export);
	for (i = 1; i < l.nwritable; i++)
		free((char *)w[i]);
	if (s->trace) {
		sandbox_json(sb, json, sizeof(json));
		sandbox_text(sb, text, sizeof(text));
		trace_record(s->trace, json, text);
	}
}

/* What the supervisor needs before the command starts: S from O. */
static void setup(struct sup *s, struct options *o, struct trace *trace,
		  struct view *view, struct sandbox *sb, int *sumfd)
{
	int err;

	if (o->output) {
		err = trace_open(trace, o->output, o->format);
		if (err)
			die("cannot open trace file '%s': %s", o->output,
			    strerror(-err));
		s->trace = trace;
	}
	if (o->summary)
		setup_summary(s, o, sumfd);
	if (!select_all(&o->select))
		s->select = &o->select;
	if (o->stack_depth)
		setup_stack(s, o);
	if (wants_view(o)) {
		setup_view(view, o);
		s->view = view;
		if (s->sandbox)
			ov_unix_roots(s, (const char *const *)o->binds,
				      o->bind_ro, o->nbinds);
		s->mode = MODE_OVERLAY;
		ov_register();
	}
	if (s->sandbox)
		setup_sandbox(s, o, view, sb);
	tracee_table_init(&s->tracees);
	if (!s->tracees.slots)
		die("out of memory");
}

/* Starts the command and makes it the first tracee. */
static void start(struct sup *s, const struct options *o,
		  const struct filter_opts *fopts, struct sandbox *sb)
{
	struct tracee *first;

	s->main_pid = launch(o->command, s->arch, fopts,
			     s->sandbox ? sb : NULL);
	sandbox_release(sb);
	ignore_signals();
	sup_catch_terminate();
	first = tracee_add(&s->tracees, s->main_pid, NULL);
	if (!first)
		die("out of memory");
	first->announced = true;
	if (s->view) {
		first->proc->cwd = strdup(s->view->initial_cwd);
		/* the kernel's cwd of the command: vfstrace's own */
		if (s->view->host_cwd)
			first->proc->kcwd = strdup(s->view->host_cwd);
	}
}

/* After the run: the summary written, everything released. */
static void finish(struct sup *s, struct options *o, int sumfd)
{
	int err;

	tracee_table_release(&s->tracees);
	if (s->view) {
		view_sock_release(s->view);
		view_release(s->view);
		sandbox_tmpfs_release();
		ov_unix_roots_release(s);
	}
	if (s->summary) {
		err = summary_write(s->summary, sumfd, o->summary_json);
		if (err)
			log_warn("cannot write the summary: %s",
				 strerror(-err));
		summary_free(s->summary);
		if (sumfd != STDERR_FILENO)
			close(sumfd);
	}
	select_release(&o->select);
	unwinder_free(s->unwinder);
	if (s->trace)
		trace_close(s->trace);
}

int main(int argc, char **argv)
{
	struct options o = { .format = TRACE_TEXT };
	struct filter_opts fopts = { .mode = MODE_TRACE };
	struct trace trace;
	struct view view;
	int sumfd = STDERR_FILENO;
	struct sup s = { .arch = &arch_native };
	struct sandbox sb = { .ruleset_fd = -1 };
	int status;

	parse(argc, argv, &o);
	ov_passed_init(&s);
	fopts.mode = wants_view(&o) ? MODE_OVERLAY : MODE_TRACE;
	if (sandbox_on(&o.sandbox)) {
		fopts.sandbox = &o.sandbox;
		s.sandbox = &o.sandbox;
	}
	if (o.dump_filter)
		return dump_filter(&fopts);
	if (o.check) {
		sandbox_check(stdout);
		return 0;
	}
	setup(&s, &o, &trace, &view, &sb, &sumfd);
	start(&s, &o, &fopts, &sb);
	status = sup_run(&s);
	finish(&s, &o, sumfd);
	return status;
}
