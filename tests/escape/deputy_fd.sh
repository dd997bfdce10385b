# fchmod and fsetxattr on an fd number a sibling thread flips between an
# fd of the tree's own upper file and a read-only fd of a lower (host)
# file: Landlock does not bound either call, so under --sandbox vfstrace
# decides and acts on its own copy of the fd (pidfd_getfd), never
# passing the number to the kernel.
DESC="fchmod/fsetxattr of an fd number a sibling thread dup2()s between an upper file and a lower file, under --sandbox"
VOPTS=(--sandbox)
attack() { go "$ESC/deputy_fd" "$CANARY/victim" "$WORK/deputy_fd.$RANDOM"; }
