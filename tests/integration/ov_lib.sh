# SPDX-License-Identifier: MIT
# Helpers for the overlay-mode integration tests (tests/integration/t_ov_*),
# sourced first thing instead of lib.sh (it sources lib.sh).
#
# Every test runs vfstrace with the upper UP=$WORK/upper and, unless it
# says otherwise, the default lower `/`: its fixtures are made on the host
# under $WORK before the runs and are therefore part of the lower.
#
#   guard DIR...        snapshot DIR (names, types, modes, owners, sizes,
#                       mtimes, ctimes, link counts, content hashes, link
#                       targets, user.* xattrs); when the test ends, for
#                       any reason, DIR must be exactly as it was: the
#                       lower is never modified, not even its ctime.
#   bad MSG             record a failure and go on (all checks of a test
#                       are reported); the test fails at its end.
#   ov NAME [-C DIR] [OPTS] -- CMD...
#                       run (lib.sh) `vfstrace -u $UP OPTS -- CMD`, with
#                       $VFSTRACE_OPTS (words) before OPTS: the t_ov_*
#                       tests run under --sandbox with
#                       VFSTRACE_OPTS=--sandbox.
#   new_upper NAME      UP=$WORK/NAME for the next runs: runs that do not
#                       test reuse of an upper get their own.
#
# The lower as a whole (/etc /usr /opt /root /home) is checked once for
# the suite by t_ov_00_stamp and t_ov_zz_lower_untouched.

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || fail "missing $PY (make deps)"
UP=$WORK/upper
OV_STATE=$WORK/.ov
mkdir -p "$OV_STATE"
ov_bad=0
ov_guards=()

# bad MSG: a failed check; the test goes on and fails at the end.
bad() {
	echo "FAIL: $*" >&2
	ov_bad=1
}

# pyb ARGS...: the host's python3 for the test's own checks; -B: never
# writes bytecode into the lower.
pyb() {
	"$PY" -B "$@"
}

# tree_sum [--view] DIR: one line per object under DIR (DIR itself is
# "."), sorted.  Default: everything a change would touch, ctime and
# nlink included.  --view: what a user compares between two trees made
# by the same steps (no times, no directory sizes).
tree_sum() {
	pyb - "$@" <<'PY'
import hashlib, os, stat, sys
args = sys.argv[1:]
view = args[0] == "--view"
top = args[-1]
out = []
for root, dirs, files in os.walk(top):
    dirs.sort()
    for name in ["."] + sorted(dirs + files):
        p = root if name == "." else os.path.join(root, name)
        if name == "." and root != top:
            continue
        rel = os.path.relpath(p, top)
        st = os.lstat(p)
        t = stat.S_IFMT(st.st_mode)
        f = [rel, "%o" % st.st_mode, "%d:%d" % (st.st_uid, st.st_gid)]
        if stat.S_ISREG(t):
            with open(p, "rb") as fh:
                f.append("sha=" + hashlib.sha256(fh.read()).hexdigest()[:16])
            f.append("size=%d" % st.st_size)
        elif stat.S_ISLNK(t):
            f.append("-> " + os.readlink(p))
        if not stat.S_ISDIR(t) or not view:
            f.append("nlink=%d" % st.st_nlink)
        if not view:
            f.append("mtime=%d ctime=%d" % (st.st_mtime_ns, st.st_ctime_ns))
        if not stat.S_ISLNK(t):
            try:
                xs = sorted(x for x in os.listxattr(p) if x.startswith("user."))
                f += ["%s=%r" % (x, os.getxattr(p, x)) for x in xs]
            except OSError:
                pass
        out.append(" ".join(f))
print("\n".join(sorted(out)))
PY
}

# guard DIR...: DIR must be unchanged when the test ends (see above).
guard() {
	local d
	for d; do
		[ -d "$d" ] || fail "guard: no directory $d"
		tree_sum "$d" >"$OV_STATE/guard.${#ov_guards[@]}"
		ov_guards+=("$d")
	done
}

ov_at_exit() {
	local rc=$? i
	for i in "${!ov_guards[@]}"; do
		if ! tree_sum "${ov_guards[$i]}" |
		     diff -u --label "${ov_guards[$i]} before" \
			--label "${ov_guards[$i]} after" \
			"$OV_STATE/guard.$i" - >&2; then
			echo "FAIL: lower fixture ${ov_guards[$i]} was modified" \
				"(see the diff above)" >&2
			ov_bad=1
		fi
	done
	if [ "$ov_bad" = 1 ] && { [ "$rc" = 0 ] || [ "$rc" = 77 ]; }; then
		rc=1
	fi
	exit "$rc"
}
trap ov_at_exit EXIT

# new_upper NAME: the next runs use the upper $WORK/NAME.
new_upper() {
	UP=$WORK/$1
}

# ov NAME [-C DIR] [VFSTRACE OPTIONS...] -- CMD...
ov() {
	local name=$1 dir=.
	shift
	if [ "$1" = -C ]; then
		dir=$2
		shift 2
	fi
	# shellcheck disable=SC2086 # VFSTRACE_OPTS: words, as documented
	run "$name" -C "$dir" "$VFSTRACE" -u "$UP" ${VFSTRACE_OPTS:-} "$@"
}

# ov_ok NAME ...: ov, and the run must exit 0 (else bad: the test goes
# on, later checks of independent things are still reported).
ov_ok() {
	ov "$@"
	if [ "$status" != 0 ]; then
		show "$1"
		bad "$1: exit status $status, want 0"
	fi
}

# expect_out NAME WANT: the stdout of run NAME is exactly WANT (plus a
# final newline).  A mismatch is recorded with bad.
expect_out() {
	if ! diff -u --label "want" --label "$1.out (got)" \
		<(printf '%s\n' "$2") "$WORK/$1.out" >&2; then
		show "$1"
		bad "$1: unexpected output (diff above)"
	fi
}

# expect_same A B [WHAT]: the two strings are equal, else bad.
expect_same() {
	if [ "$1" != "$2" ]; then
		bad "${3:-value}: got '$1', want '$2'"
	fi
}

# host_empty DIR: DIR exists on the host and has no entries.
host_empty() {
	local l
	[ -d "$1" ] || { bad "host directory $1 is gone"; return; }
	l=$(ls -A "$1" | tr '\n' ' ')
	[ -z "$l" ] || bad "host directory $1 is not empty: $l"
}

# host_absent PATH: nothing at PATH on the host.
host_absent() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		bad "$1 exists on the host"
	fi
}

# upper_has PATH...: PATH (a view path) has its object in the upper.
upper_has() {
	local p
	for p; do
		if ! [ -e "$UP$p" ] && ! [ -L "$UP$p" ]; then
			bad "$p is not in the upper ($UP$p missing)"
		fi
	done
}

# no_upper_paths FILE: no line of FILE names the upper directory.
no_upper_paths() {
	if grep -F -- "$UP" "$1" >&2; then
		bad "$1 shows the upper directory $UP (lines above)"
	fi
}

# upper_only_under VIEWDIR...: the upper holds nothing but the objects
# under the VIEWDIRs, their parent directories and the whiteout that hides
# the upper itself (.wh.NAME in $WORK for the upper $WORK/NAME) and the
# upper's lock file (/.wh..wh..vfstrace-lock).
upper_only_under() {
	pyb - "$UP" "$WORK/.wh.${UP##*/}" "$@" <<'PY' || bad "the upper holds more than the run's files (above)"
import os, sys
up, hide, *dirs = sys.argv[1:]
ok = {hide, "/.wh..wh..vfstrace-lock"}
for d in dirs:
    p = d
    while p not in ("/", ""):
        ok.add(p)
        p = os.path.dirname(p)
extra = []
for root, ds, fs in os.walk(up):
    for n in ds + fs:
        v = os.path.join(root, n)[len(up):]
        if v in ok or any(v.startswith(d + "/") for d in dirs):
            continue
        extra.append(v)
for v in sorted(extra):
    print("unexpected in the upper:", v, file=sys.stderr)
sys.exit(1 if extra else 0)
PY
}

# ov_native_vs_overlay CMD...: CMD ({} = its directory) run natively in
# the empty directory $WORK/native and under `vfstrace -u $UP` in the
# empty directory $WORK/ov: same stdout, stderr and exit status; the
# files it made are in the upper (same tree as the native run's) and
# only there; $WORK/ov on the host is untouched (still empty).
ov_native_vs_overlay() {
	mkdir "$WORK/native" "$WORK/ov"
	with_dir "$WORK/native" "$@"
	run native -C "$WORK/native" "${cmd[@]}"
	native_status=$status
	guard "$WORK/ov"
	with_dir "$WORK/ov" "$@"
	ov overlay -C "$WORK/ov" -- "${cmd[@]}"
	if [ "$status" != "$native_status" ]; then
		show overlay
		bad "overlay run: exit status $status, want $native_status"
	fi
	same_output native overlay
	host_empty "$WORK/ov"
	[ -d "$UP$WORK/ov" ] || fail "nothing in the upper at $UP$WORK/ov"
	diff -u --label "native tree" --label "upper tree" \
		<(tree_sum --view "$WORK/native") \
		<(tree_sum --view "$UP$WORK/ov") >&2 ||
		bad "the upper's tree differs from the native run's (diff above)"
	upper_only_under "$WORK/ov"
}

# ov_client NAME: path of the client tests/clients/ov/NAME.c, built by
# make as $CLIENTS/ov-NAME; when make did not build it (the GNUmakefile
# includes tests/*/*.mk only, not tests/clients/ov/ov.mk), built here into
# $WORK/bin with the same command as ov.mk.
ov_client() {
	local src=$TESTS_DIR/../clients/ov/$1.c out
	if [ -x "$CLIENTS/ov-$1" ] && ! [ "$src" -nt "$CLIENTS/ov-$1" ]; then
		echo "$CLIENTS/ov-$1"
		return
	fi
	[ -r "$src" ] || fail "missing $CLIENTS/ov-$1 (make; GNUmakefile must" \
		"include tests/clients/ov/ov.mk) and its source $src"
	out=$WORK/bin/ov-$1
	mkdir -p "$WORK/bin"
	if ! [ -x "$out" ]; then
		gcc -O2 -g -Wall -Wextra -std=gnu11 -D_GNU_SOURCE -o "$out" \
			"$src" >&2 || fail "cannot build $src"
	fi
	echo "$out"
}
