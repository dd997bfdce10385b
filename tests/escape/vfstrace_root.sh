# vfstrace's own root, where a --tmpfs hides nothing, read by the tree.
DESC="read a --tmpfs-hidden file through /proc/<vfstrace>/root"
SECRET=hidden-by-tmpfs-4711
VOPTS=(--tmpfs "$CANARY/dir")
setup() { echo "$SECRET" >"$CANARY/dir/inner"; }
attack() { go "$ESC/read_parent" "$CANARY/dir/inner"; }
