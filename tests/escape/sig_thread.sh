# tkill and tgkill of a process outside the tree
# The victim (sig victim) is a host process outside the tree that
# records every SIGUSR1 in a host file: the judge.
DESC="tkill and tgkill of a process outside the tree"
VOPTS=(--sandbox)
setup() { sig_victim_start; }
judge() { sig_victim_stop; }
attack() { go "$ESC/sig" thread "$VICTIM"; }
