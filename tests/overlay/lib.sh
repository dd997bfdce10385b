# SPDX-License-Identifier: MIT
# Sourced first by every scenario: . "$OVT/lib.sh"
#
# A scenario runs with cwd = the root of the fixture (tests/overlay/
# mkfixture) as seen through an overlay, in the kernel's overlayfs and
# under vfstrace alike.  It uses relative paths only and never goes above
# its cwd, and prints what a user sees: no inode or device numbers, no
# ctimes or atimes, no absolute paths of the fixture.
#
# Helpers:
#   calls <<EOF ... EOF   system calls with their errno names (calls.py)
#   snap [PATH...]        canonical listing of PATH (snapshot)
#   st PATH...            one line per object: type, size, mode, owner,
#                         nlink (lstat; size and nlink not for dirs)
#   mt PATH...            exact mtime (lstat), or "new" from 2022 on
#   h PATH...             sha256 of files (or the error)
#   x CMD...              run CMD, then print "[CMD] exit=N"

export LC_ALL=C TZ=UTC
umask 022

calls() {
	python3 "$OVT/calls.py"
}

snap() {
	"$OVT/snapshot" "$@"
}

st() {
	for p; do
		stat -c '%n|%F|%s|%a|%u:%g|%h' -- "$p" 2>&1 | awk -F'|' '
		NF < 6 { print; next }
		$2 == "directory" { print $1 ": " $2 " mode=" $4 " own=" $5; next }
		{ print $1 ": " $2 " size=" $3 " mode=" $4 " own=" $5 " nlink=" $6 }'
	done
}

mt() {
	for p; do
		stat -c '%n|%Y|%y' -- "$p" 2>&1 | awk -F'|' '
		NF < 3 { print; next }
		{ print $1 ": mtime=" ($2 + 0 >= 1640995200 ? "new" : $3) }'
	done
}

h() {
	sha256sum -- "$@" 2>&1
}

x() {
	"$@"
	echo "[$*] exit=$?"
}
