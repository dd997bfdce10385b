# TIOCSTI: input pushed into a terminal whose reader is outside the
# tree.  The reader (a pty held by a process of the host) is the judge.
DESC="TIOCSTI injection into a terminal read outside the tree"
VOPTS=(--sandbox)
skip() {
	[ "$(id -u)" != 0 ] &&
	[ "$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null)" = 0 ] &&
		echo "dev.tty.legacy_tiocsti=0: TIOCSTI needs CAP_SYS_ADMIN"
}
# The reader: a pty, non-canonical so that any injected byte is read;
# at SIGTERM it writes what it could read into $WORK/pty.got.
setup() {
	rm -f "$WORK/pty.info" "$WORK/pty.got"
	python3 -B - "$WORK/pty.info" "$WORK/pty.got" <<'PY' &
import os, signal, sys, termios
m, s = os.openpty()
a = termios.tcgetattr(s)
a[3] &= ~(termios.ICANON | termios.ECHO)
termios.tcsetattr(s, termios.TCSANOW, a)
def done(*_):
    os.set_blocking(s, False)
    try:
        got = os.read(s, 4096)
    except BlockingIOError:
        got = b""
    with open(sys.argv[2], "wb") as f:
        f.write(got)
    sys.exit(0)
signal.signal(signal.SIGTERM, done)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(os.ttyname(s) + "\n")
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    signal.pause()
PY
	pty_holder=$!
	local i
	for i in $(seq 100); do
		[ -s "$WORK/pty.info" ] && break
		sleep 0.05
	done
}
attack() { go "$ESC/tiocsti" <"$(cat "$WORK/pty.info")"; }
judge() {
	kill -TERM "$pty_holder"
	wait "$pty_holder"
	grep -aq PWNED-TIOCSTI "$WORK/pty.got" || return 1
	echo "the terminal's reader outside read: $(cat "$WORK/pty.got")" \
		>>"$why"
}
