# A vfork child (made by a second thread) opens a lower file
# O_WRONLY|O_TRUNC while the parent's main thread makes vfstrace write
# "victim" into its own slot: the slot of the vfork child was the main
# thread's (slots were counted per process, not per address space).
# Holds: the processes sharing an address space share its slot pool.
DESC="vfstrace writes a thread's path into a vfork child's slot"
attack() {
	go "$ESC/scratch_flip" vfork-slot "$CANARY/victim" "$CANARY/dir/inner"
}
