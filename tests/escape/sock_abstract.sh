# connect to an abstract unix socket outside the tree (Landlock ABI 6)
# The listener (sock listen) is a host process outside the tree that
# logs every connection and datagram in a host file: the judge.
DESC="connect to an abstract unix socket outside the tree (Landlock ABI 6)"
VOPTS=(--sandbox)
setup() { sock_listener_start; more_setup; }
more_setup() { :; }
judge() { sock_listener_stop; }
attack() { go "$ESC/sock" abstract "$ABSNAME"; }
