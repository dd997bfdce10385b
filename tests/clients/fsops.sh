# SPDX-License-Identifier: MIT
#
# fsops (busybox): the file-operation scenario of tests/clients/fsops.c
# for Debian's static busybox.  Run it as
#
#   /bin/busybox sh fsops.sh [DIR]      cd to DIR, run the scenario
#   /bin/busybox sh fsops.sh --child    the exec'd child
#
# The workers are background subshells; each writes its report to
# logs/<i>, printed in order after `wait`, so stdout does not depend on
# the scheduling.  The child is a new /bin/busybox process (exec).

# $(ls DIR) is unquoted on purpose: the names on one line.  The cat is an
# applet busybox runs as a child through /proc/self/exe.
# shellcheck disable=SC2046,SC2002
set -eu

BB=/bin/busybox

child() {
	mkdir sub
	cd sub
	echo child > file
	cd ..
	test -r sub/file
	echo "child: ls sub:" $(ls sub)
	exit 7
}

worker() {
	d=t$1
	mkdir "$d"
	echo "line $1" > "$d/a"
	echo "more $1" >> "$d/a"
	mv "$d/a" "$d/b"
	ln -s b "$d/sym"
	ln "$d/b" "$d/hard"
	: > "$d/tmp"
	rm "$d/tmp"
	if [ -e "$d/missing" ]; then
		echo "fsops.sh: $d/missing exists" >&2
		exit 1
	fi
	# The same from inside the directory (a chdir in a subshell).
	(
		cd "$d"
		echo c > c
		mv c d
		rm d
		mkdir e
	)
	echo "f$1" > "shared/f$1"

	echo "$d: sym -> $(readlink "$d/sym")"
	echo "$d: sym content: $(cat "$d/sym" | tr '\n' '|')"
	echo "$d: hard links: $(stat -c %h "$d/hard")"
	echo "$d: missing: ENOENT"
	echo "$d: ls:" $(ls "$d")
}

if [ "${1:-}" = --child ]; then
	child
fi
case $0 in
/*) self=$0 ;;
*) self=$PWD/$0 ;;
esac
[ $# -gt 0 ] && cd "$1"
mkdir shared logs
for i in 0 1 2 3; do
	worker $i > logs/$i &
done
# `wait` alone does not report failures: wait for each job.
for job in $(jobs -p); do
	wait "$job"
done
cat logs/0 logs/1 logs/2 logs/3
echo "shared: ls:" $(ls shared)
status=0
"$BB" sh "$self" --child || status=$?
echo "child exited $status"
echo "done"
