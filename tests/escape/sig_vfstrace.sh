# SIGUSR1 to the parent: under vfstrace that is vfstrace itself (whose
# default action for it is to die and take the tree along); natively the
# parent is timeout(1), which dies the same way.  The judge is the exit
# status the host sees: killed by SIGUSR1.
DESC="kill(getppid(), SIGUSR1): signal vfstrace itself"
VOPTS=(--sandbox)
judge() { [ "$rc" = $((128 + 10)) ]; }
attack() { go "$ESC/sig" parent; }
