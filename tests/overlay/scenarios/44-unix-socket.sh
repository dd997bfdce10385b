# An AF_UNIX socket bound in a lower directory appears there as a
# socket, is connectable by another process, and is removed with unlink.
. "$OVT/lib.sh"
python3 - <<'PY'
import os, socket, stat
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind("dir/sock")
s.listen(1)
st = os.lstat("dir/sock")
print(stat.S_ISSOCK(st.st_mode), oct(st.st_mode & 0o777))
if os.fork() == 0:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect("dir/sock")
    c.sendall(b"hello over the socket")
    c.close()
    os._exit(0)
conn, _ = s.accept()
print(conn.recv(100))
os.wait()
try:
    s2 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s2.bind("dir/sock")
except OSError as e:
    import errno
    print("bind again:", errno.errorcode[e.errno])
try:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect("dir/nosock")
except OSError as e:
    import errno
    print("connect missing:", errno.errorcode[e.errno])
try:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect("a.txt")
except OSError as e:
    import errno
    print("connect file:", errno.errorcode[e.errno])
PY
st dir/sock
ls -1 dir | sort
rm dir/sock
x test -S dir/sock
