# A vfork child (made by a second thread) opens a lower file
# O_WRONLY|O_TRUNC while the parent's main thread, which shares its
# memory, rewrites the shared scratch mapping.  Holds: read-only, sealed.
DESC="a vfork child's scratch slot rewritten by its parent's thread"
attack() {
	go "$ESC/scratch_flip" vfork "$CANARY/victim" "$CANARY/dir/inner"
}
