# SPDX-License-Identifier: MIT
# Helpers for the integration tests (tests/integration/t_*), sourced first
# thing.  tests/integration/run sets BUILD, VFSTRACE, CLIENTS and WORK (a
# fresh empty directory owned by the user the test runs as).
#
# Conventions: exit 0 = pass, 77 = skip (reason on stdout), anything else
# = fail, with the reason on stderr.  Every command under test runs with
# stdin from /dev/null and its own timeout, so a hang is reported as one.

set -euo pipefail

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${VFSTRACE:?set by tests/integration/run}"
: "${CLIENTS:?set by tests/integration/run}"
: "${WORK:?set by tests/integration/run}"
RUN_TIMEOUT=${RUN_TIMEOUT:-60}
STRACE_OPTS=(-f -y -s 4096 -qq -e "trace=%file,%process,fchdir,getdents64")

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "$*"
	exit 77
}

logcheck() {
	python3 "$TESTS_DIR/logcheck.py" "$@"
}

# need_prog FILE...: fail unless each FILE is an executable (or, for
# *.sh, readable) file: the clients come from `make`.
need_prog() {
	local f
	for f; do
		case $f in
		*.sh) [ -r "$f" ] || fail "missing $f (run make)" ;;
		*) [ -x "$f" ] || fail "missing $f (run make)" ;;
		esac
	done
}

# need_static FILE: fail if FILE is a dynamically linked ELF program.
need_static() {
	need_prog "$1"
	# No grep -q: with pipefail, readelf's SIGPIPE would read as "static".
	if readelf -lW "$1" | grep 'Requesting program interpreter' \
			>/dev/null; then
		fail "$1 is not statically linked"
	fi
}

# run NAME [-C DIR] CMD...: run CMD (in DIR) with stdin from /dev/null,
# stdout to $WORK/NAME.out, stderr to $WORK/NAME.err; its exit status in
# $status.  Fails the test if CMD is still running after RUN_TIMEOUT s.
run() {
	local name=$1 dir=. start=$SECONDS
	shift
	if [ "$1" = -C ]; then
		dir=$2
		shift 2
	fi
	status=0
	(cd "$dir" && exec timeout -k 5 "$RUN_TIMEOUT" "$@") \
		</dev/null >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
	# 124: timed out; 137 after RUN_TIMEOUT s: SIGKILLed by timeout -k.
	if [ "$status" = 124 ] || { [ "$status" = 137 ] &&
	   [ $((SECONDS - start)) -ge "$RUN_TIMEOUT" ]; }; then
		show "$name"
		fail "$name: still running after ${RUN_TIMEOUT}s: $*"
	fi
}

# show NAME: print the output of run NAME (on stderr, for failures).
show() {
	{
		echo "--- $1: stdout"
		tail -n 40 "$WORK/$1.out"
		echo "--- $1: stderr"
		tail -n 40 "$WORK/$1.err"
		echo "---"
	} >&2
}

# expect_status NAME WANT: fail unless run NAME exited with WANT.
expect_status() {
	if [ "$status" != "$2" ]; then
		show "$1"
		fail "$1: exit status $status, want $2"
	fi
}

# same_output A B: fail unless runs A and B printed the same on stdout
# and on stderr.
same_output() {
	local s
	for s in out err; do
		if ! cmp -s "$WORK/$1.$s" "$WORK/$2.$s"; then
			diff -u --label "$1.$s" --label "$2.$s" \
				"$WORK/$1.$s" "$WORK/$2.$s" >&2 || true
			fail "std$s of $1 and $2 differ"
		fi
	done
}

# with_dir DIR ARG...: sets the array $cmd to ARG... with every {}
# replaced by DIR.
with_dir() {
	local d=$1 a
	shift
	cmd=()
	for a; do
		cmd+=("${a//\{\}/$d}")
	done
}

# native_vs_traced CMD...: runs CMD natively (run "native", in
# $WORK/native, {} in CMD standing for that directory) and under
# `vfstrace -o $WORK/traced.jsonl --format=jsonl` (run "traced", in
# $WORK/traced); fails unless both print the same and exit with the same
# status, and unless the log follows the JSONL contract.  Leaves
# $native_status and LOG=$WORK/traced.jsonl.
native_vs_traced() {
	mkdir "$WORK/native" "$WORK/traced"
	with_dir "$WORK/native" "$@"
	run native -C "$WORK/native" "${cmd[@]}"
	native_status=$status
	with_dir "$WORK/traced" "$@"
	LOG=$WORK/traced.jsonl
	run traced -C "$WORK/traced" \
		"$VFSTRACE" -o "$LOG" --format=jsonl -- "${cmd[@]}"
	expect_status traced "$native_status"
	same_output native traced
	[ -f "$LOG" ] || fail "no log written to $LOG"
	logcheck validate "$LOG" || fail "log $LOG is not valid"
}

# need_strace: skip when strace cannot trace here (no ptrace allowed).
need_strace() {
	command -v strace >/dev/null || fail "strace is not installed"
	strace -qq -o /dev/null true 2>/dev/null ||
		skip "strace cannot trace in this environment"
}

# strace_crosscheck CMD...: runs CMD ({} = its directory) under strace -f
# in $WORK/s and under vfstrace in $WORK/v; fails unless both runs succeed
# with the same output and the two logs give the same multiset of
# (syscall, absolute path) under the directory.
strace_crosscheck() {
	need_strace
	mkdir "$WORK/s" "$WORK/v"
	with_dir "$WORK/s" "$@"
	run strace -C "$WORK/s" strace "${STRACE_OPTS[@]}" \
		-o "$WORK/strace.log" -- "${cmd[@]}"
	expect_status strace 0
	with_dir "$WORK/v" "$@"
	run vfstrace -C "$WORK/v" \
		"$VFSTRACE" -o "$WORK/vfs.jsonl" --format=jsonl -- "${cmd[@]}"
	expect_status vfstrace 0
	same_output strace vfstrace
	logcheck validate "$WORK/vfs.jsonl" || fail "vfstrace log is not valid"
	logcheck crosscheck "$WORK/vfs.jsonl" "$WORK/v" \
		"$WORK/strace.log" "$WORK/s" "$WORK/s" ||
		fail "strace and vfstrace disagree"
}

# has_line FILE REGEX [DIR]: fail unless a line of FILE matches the
# Python REGEX in full, with {W} in REGEX standing for DIR (default:
# $WORK), escaped.
has_line() {
	python3 - "$1" "$2" "${3:-$WORK}" <<'PY' && return
import re, sys
path, pattern, work = sys.argv[1:]
regex = re.compile(pattern.replace("{W}", re.escape(work)))
with open(path, errors="surrogateescape") as f:
    sys.exit(0 if any(regex.fullmatch(l.rstrip("\n")) for l in f) else 1)
PY
	fail "no line of $1 matches: $2"
}
