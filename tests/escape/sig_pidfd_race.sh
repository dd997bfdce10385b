# pidfd_send_signal on an fd a sibling thread flips between the caller's own pidfd and an fd of /proc/PID of an outsider (3 s)
# The victim (sig victim) is a host process outside the tree that
# records every SIGUSR1 in a host file: the judge.
DESC="pidfd_send_signal on an fd a sibling thread flips between the caller's own pidfd and an fd of /proc/PID of an outsider (3 s)"
VOPTS=(--sandbox)
setup() { sig_victim_start; }
judge() { sig_victim_stop; }
attack() { go "$ESC/sig" pidfd_race "$VICTIM"; }
