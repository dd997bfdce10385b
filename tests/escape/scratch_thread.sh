# A sibling thread rewrites the scratch mapping (mprotect or mmap
# MAP_FIXED over it, then memcpy) while the main thread opens the lower
# victim O_WRONLY|O_TRUNC: the rewritten upper path becomes the lower's.
# Holds because the mapping is read-only and sealed (mseal).
DESC="a thread rewrites the scratch mapping: the kernel reads the lower path"
attack() {
	go "$ESC/scratch_flip" thread "$CANARY/victim" "$CANARY/dir/inner"
}
