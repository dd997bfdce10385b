/* SPDX-License-Identifier: MIT */
/*
 * "#!" scripts whose interpreter is a magic link of /proc, for
 * tests/integration/t_ov_shebang_self: shebang_self run DIR writes, in DIR,
 * a script "self" whose first line is "#!/proc/self/exe -i" and a script
 * "fdexe" with "#!/dev/fd/N" (N an O_PATH fd of this program), and runs
 * each: the kernel runs this program again (the tracee's exe, not
 * vfstrace's), which, called as an interpreter (argv[1] "-i" or a
 * script path), prints what it was given and the script's second line.
 * The same transcript natively and under -u (the scripts are in the
 * upper there).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* As the interpreter: SCRIPT's second line and the arguments after it. */
static int interpret(int argc, char **argv, int first)
{
	char line[256] = "", *base;
	FILE *f = fopen(argv[first], "r");
	int i;

	if (!f || !fgets(line, sizeof(line), f) ||
	    !fgets(line, sizeof(line), f)) {
		printf("interpreter: cannot read %s: %s\n", argv[first],
		       strerror(errno));
		return 1;
	}
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	base = strrchr(argv[first], '/');
	printf("interpreter of %s (%s):", base ? base + 1 : argv[first],
	       first == 2 ? argv[1] : "no argument");
	for (i = first + 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf(" says '%s'\n", line);
	return 0;
}

static void write_script(const char *path, const char *first)
{
	FILE *f = fopen(path, "w");

	if (!f || fprintf(f, "#!%s\n%s\n", first, "hello from the script") < 0 ||
	    fclose(f) || chmod(path, 0755)) {
		printf("cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void run(const char *path, const char *arg)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, path, arg, (char *)NULL);
		printf("exec %s: %s\n", path, strerror(errno));
		exit(127);
	}
	waitpid(pid, &st, 0);
	printf("%s: exit %d\n", strrchr(path, '/') + 1,
	       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

int main(int argc, char **argv)
{
	char self[4096], fdexe[4096], interp[64];
	int fd;

	if (argc >= 3 && !strcmp(argv[1], "-i"))
		return interpret(argc, argv, 2);
	if (argc >= 2 && argv[1][0] == '/')
		return interpret(argc, argv, 1);
	if (argc != 3 || strcmp(argv[1], "run")) {
		fprintf(stderr, "usage: shebang_self run DIR\n");
		return 2;
	}
	snprintf(self, sizeof(self), "%s/self", argv[2]);
	snprintf(fdexe, sizeof(fdexe), "%s/fdexe", argv[2]);
	write_script(self, "/proc/self/exe -i");
	fd = open("/proc/self/exe", O_PATH);	/* inherited by the child */
	snprintf(interp, sizeof(interp), "/dev/fd/%d", fd);
	write_script(fdexe, interp);
	run(self, "one");
	run(fdexe, "two");
	return 0;
}
