# A device node made as root: in the canary natively; under --sandbox
# neither on the host nor in the upper.
DESC="mknod and mknodat of device nodes as root"
NEED_ROOT=yes
VOPTS=(--sandbox)
attack() { go "$ESC/devnode" "$CANARY/dir/mem"; }
judge() {
	[ "$1" = vfstrace ] || return 1
	find "$UP" \( -type c -o -type b \) | grep . >>"$why"
}
