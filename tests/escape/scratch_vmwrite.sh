# The parent writes its forked child's scratch mapping with
# process_vm_writev while the child opens the lower victim
# O_WRONLY|O_TRUNC.  Holds because the mapping is read-only in the tree
# (process_vm_writev honours page protections: EFAULT).  Writing
# /proc/CHILD/mem instead forces past them: only --sandbox (Landlock, no
# write right on /proc) stops that.
DESC="process_vm_writev into a sibling tracee's scratch mapping"
attack() {
	go "$ESC/scratch_flip" vmwrite "$CANARY/victim" "$CANARY/dir/inner"
}
