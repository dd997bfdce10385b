/* SPDX-License-Identifier: MIT */
/*
 * vfstrace: run a command under a seccomp + ptrace supervisor and log
 * every file access it makes.  main() parses the options, starts the
 * command and hands over to the event loop (loop.c).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "launch.h"
#include "log.h"
#include "supervisor.h"
#include "trace.h"

#ifndef VFSTRACE_VERSION
#define VFSTRACE_VERSION "0.1"
#endif

struct options {
	const char *output;		/* -o */
	enum trace_format format;	/* --format */
	bool dump_filter;		/* --dump-filter */
	char **command;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: vfstrace [OPTIONS] [--] COMMAND [ARG...]\n"
"Run COMMAND under a seccomp + ptrace supervisor that sees every\n"
"path-taking system call of the whole process tree.\n"
"\n"
"  -o, --output=FILE      write the trace to FILE ('-' for stderr);\n"
"                         without -o nothing is traced\n"
"      --format=FMT       trace format: text (default) or jsonl\n"
"      --dump-filter      print the seccomp filter and exit\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: COMMAND's own; 128+N if it was killed by signal N;\n"
"125 if vfstrace fails; 126 if COMMAND cannot be run; 127 if it is not\n"
"found.\n");
}

enum { OPT_FORMAT = 256, OPT_DUMP_FILTER };

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "dump-filter", no_argument, NULL, OPT_DUMP_FILTER },
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

static void parse(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o->format = TRACE_TEXT;
			else if (!strcmp(optarg, "jsonl"))
				o->format = TRACE_JSONL;
			else
				die("unknown trace format '%s' (text, jsonl)",
				    optarg);
			break;
		case OPT_DUMP_FILTER:
			o->dump_filter = true;
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
	o->command = argv + optind;
	if (!o->dump_filter && !o->command[0])
		die("no command given (see 'vfstrace --help')");
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

int main(int argc, char **argv)
{
	struct options o = { .format = TRACE_TEXT };
	struct filter_opts fopts = { .overlay = false };
	struct trace trace;
	struct sup s = { .arch = &arch_native };
	int err, status;

	parse(argc, argv, &o);
	if (o.dump_filter) {
		err = filter_export(&arch_native, &fopts, STDOUT_FILENO);
		if (err)
			die("cannot build the seccomp filter: %s",
			    strerror(-err));
		return 0;
	}
	if (o.output) {
		err = trace_open(&trace, o.output, o.format);
		if (err)
			die("cannot open trace file '%s': %s", o.output,
			    strerror(-err));
		s.trace = &trace;
	}
	tracee_table_init(&s.tracees);
	if (!s.tracees.slots)
		die("out of memory");
	s.main_pid = launch(o.command, s.arch, &fopts);
	ignore_signals();
	if (!tracee_add(&s.tracees, s.main_pid, NULL))
		die("out of memory");
	tracee_get(&s.tracees, s.main_pid)->announced = true;
	status = sup_run(&s);
	tracee_table_release(&s.tracees);
	if (s.trace)
		trace_close(s.trace);
	return status;
}
