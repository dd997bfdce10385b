# A device node made by the tree as root, and one copied up from a lower
# (a metadata change of the canary's own null device): under --sandbox
# vfstrace makes neither in the upper (EPERM), where the tree could open
# it by host path (Landlock grants writes beneath the upper).  Natively
# the canary gets the new node and the mode change; under vfstrace the
# judge also fails the run if the upper holds any char or block device.
DESC="mknod of a char device, and chmod of a lower char device (a copy-up), as root under --sandbox"
NEED_ROOT=yes
VOPTS=(--sandbox)
setup() { mknod "$CANARY/null" c 1 3 && chmod 0666 "$CANARY/null"; }
attack() { go "$ESC/deputy" dev "$CANARY"; }
judge() {
	[ "$1" = native ] && return 1
	local devs
	devs=$(find "$UP" \( -type c -o -type b \) 2>/dev/null)
	[ -n "$devs" ] || return 1
	echo "device nodes in the upper: $devs" >>"$why"
}
