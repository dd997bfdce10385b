# pidfd_send_signal to a process outside the tree through pidfd_open and through an fd of /proc/PID
# The victim (sig victim) is a host process outside the tree that
# records every SIGUSR1 in a host file: the judge.
DESC="pidfd_send_signal to a process outside the tree through pidfd_open and through an fd of /proc/PID"
VOPTS=(--sandbox)
setup() { sig_victim_start; }
judge() { sig_victim_stop; }
attack() { go "$ESC/sig" pidfd "$VICTIM"; }
