# connect to a pathname unix socket outside the tree
# The listener (sock listen) is a host process outside the tree that
# logs every connection and datagram in a host file: the judge.
DESC="connect to a pathname unix socket outside the tree"
VOPTS=(--sandbox)
setup() { sock_listener_start; more_setup; }
more_setup() { :; }
judge() { sock_listener_stop; }
attack() { go "$ESC/sock" connect "$WORK/l.sock"; }
