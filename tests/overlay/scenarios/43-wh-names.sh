# Names beginning with ".wh." (the OCI whiteout prefix): the kernel's
# overlayfs treats them as ordinary names.
. "$OVT/lib.sh"
calls <<'X'
open f .wh.a.txt O_WRONLY|O_CREAT
close f
mkdir .wh..wh..opq
stat .wh.a.txt
stat a.txt
X
ls -A | grep wh
