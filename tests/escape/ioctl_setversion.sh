# FS_IOC_SETVERSION on an O_RDONLY fd of a lower file the user owns: a
# request vfstrace does not emulate, refused (ENOTTY) on a lower object.
DESC="ioctl(FS_IOC_SETVERSION) on an O_RDONLY fd of a lower file"
skip() {
	flags_skip && return
	# only ext4 (without metadata_csum) has it: natively it must work
	local probe=$WORK/setversion.probe
	echo probe >"$probe"
	if ! "$ESC/ioctl_flags" setversion "$probe" 2>/dev/null; then
		rm -f "$probe"
		echo "no FS_IOC_SETVERSION on the filesystem of $WORK"
		return
	fi
	rm -f "$probe"
	return 1
}
attack() { go "$ESC/ioctl_flags" setversion "$CANARY/victim"; }
