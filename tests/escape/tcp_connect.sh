# A TCP connect to a listener outside the tree (IPv4, then IPv6): without
# --share-net, socket() refuses the family and Landlock (ABI 4) refuses
# the connect.  The listener records each connection on the host.
DESC="TCP connect to a listener outside the tree"
VOPTS=(--sandbox)
setup() {
	rm -f "$WORK/tcp.port" "$WORK/tcp.seen"
	python3 -B - "$WORK/tcp.port" "$WORK/tcp.seen" <<'PY' &
import socket, sys, threading
s = socket.socket(socket.AF_INET6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", 0))
s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(60)
while True:
    try:
        c, a = s.accept()
    except OSError:
        break
    with open(sys.argv[2], "a") as f:
        f.write("connection from %r\n" % (a,))
    c.close()
PY
	listener=$!
	local i
	for i in $(seq 100); do
		[ -s "$WORK/tcp.port" ] && break
		sleep 0.05
	done
}
attack() { go "$ESC/tcp_connect" "$(cat "$WORK/tcp.port")"; }
judge() {
	sleep 0.2
	kill "$listener" 2>/dev/null
	wait "$listener" 2>/dev/null
	[ -s "$WORK/tcp.seen" ] && cat "$WORK/tcp.seen" >>"$why"
	[ -s "$WORK/tcp.seen" ]
}
