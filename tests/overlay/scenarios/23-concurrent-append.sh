# Concurrent O_APPEND writers: four processes append to one lower file
# (racing on its copy-up) and to one new file; every line arrives, none
# is overwritten.
. "$OVT/lib.sh"
writer() {
	i=0
	while [ $i -lt 150 ]; do
		echo "writer $1 line $i" >>"$2"
		i=$((i + 1))
	done
}
for w in 1 2 3 4; do
	writer $w lines.txt &
	writer $w new-log &
done
wait
wc -l <lines.txt
wc -l <new-log
st lines.txt new-log
head -n 10 lines.txt
grep -c '^writer' lines.txt
grep '^writer' lines.txt | sort | sha256sum
sort new-log | sha256sum
for w in 1 2 3 4; do
	printf 'writer %s: %s %s\n' $w "$(grep -c "^writer $w " lines.txt)" \
		"$(grep -c "^writer $w " new-log)"
done
# Concurrent python appenders with O_APPEND writes of 1000 bytes.
python3 - <<'PY'
import os
pids = []
for w in range(3):
    pid = os.fork()
    if pid == 0:
        fd = os.open("dir/one", os.O_WRONLY | os.O_APPEND)
        for i in range(100):
            os.write(fd, (("%d" % w) * 999 + "\n").encode())
        os._exit(0)
    pids.append(pid)
for p in pids:
    os.waitpid(p, 0)
data = open("dir/one", "rb").read()
print(len(data), data[:4])
lines = data.split(b"\n")[1:-1]
print(len(lines), sorted(set(len(l) for l in lines)),
      [sum(1 for l in lines if l[:1] == str(w).encode()) for w in range(3)])
PY
# The order of the lines depends on scheduling: sort them in place so
# that the final view is the same in every run.
for f in lines.txt new-log dir/one; do
	sort "$f" >sorted.tmp && cat sorted.tmp >"$f" && rm sorted.tmp
done
