# sendto with a sockaddr a sibling thread flips between an abstract name and the path of a datagram socket outside the tree (3 s)
# The listener (sock listen) is a host process outside the tree that
# logs every connection and datagram in a host file: the judge.
DESC="sendto with a sockaddr a sibling thread flips between an abstract name and the path of a datagram socket outside the tree (3 s)"
VOPTS=(--sandbox)
setup() { sock_listener_start; more_setup; }
more_setup() { :; }
judge() { sock_listener_stop; }
attack() { go "$ESC/sock" flip_dgram "$WORK/d.sock"; }
