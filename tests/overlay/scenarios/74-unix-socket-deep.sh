# AF_UNIX sockets in a deep directory: each address as given fits
# sun_path (108 bytes), the host path in the upper does not (upper +
# fixture + 90 bytes).  bind, connect, getsockname and getpeername work
# as on the kernel, which keeps the names as bound (relative here).
. "$OVT/lib.sh"
n25() { printf "$1%.0s" $(seq 25); }
D=dir/$(n25 a)/$(n25 b)/$(n25 c)
mkdir -p "$D"
python3 - "$D" <<'PY'
import errno, os, socket, stat, sys
D = sys.argv[1]
P = D + "/s.sock"
print("length", len(P))
def bound(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.listen(1)
    return s
a = bound(P)
print("name", a.getsockname())
print("sock", stat.S_ISSOCK(os.lstat(P).st_mode))
if os.fork() == 0:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect(P)
    print("peer", c.getpeername(), flush=True)
    c.sendall(b"deep hello")
    os._exit(0)
conn, _ = a.accept()
print("got", conn.recv(100))
os.wait()
try:
    bound(P)
except OSError as e:
    print("bind again:", errno.errorcode[e.errno])
try:
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect(D + "/none")
except OSError as e:
    print("connect missing:", errno.errorcode[e.errno])
top = os.getcwd()
os.chdir(D)
b = bound("x.sock")
print("name", b.getsockname())
os.chdir(top)
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c.connect(D + "/x.sock")
print("peer", c.getpeername())
PY
st "$D/s.sock" "$D/x.sock"
ls -1 "$D" | sort
rm "$D/s.sock"
x test -S "$D/s.sock"
