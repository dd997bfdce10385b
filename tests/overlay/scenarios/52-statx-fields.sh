# What stat(1) shows of lower, copied-up and new objects (block counts
# excluded: they depend on the filesystem's allocation), and statx's
# basic fields through python.
. "$OVT/lib.sh"
echo more >>a.txt
echo new >new.txt
for f in a.txt b.txt new.txt dir fifo link-rel link-dir/one big.bin; do
	stat -c '%n|%A|%F|%s|%u|%g|%U|%G|%h|%t,%T' "$f"
	stat -L -c '%n|%A|%F|%s' "$f"
done
stat -f -c '%n %b' . >/dev/null && echo statfs-ok
python3 - <<'PY'
import os, stat
for n in ("a.txt", "b.txt", "new.txt", "dir/one", "fifo", "link-rel"):
    s = os.stat(n, follow_symlinks=False)
    print(n, stat.filemode(s.st_mode), s.st_size, s.st_uid, s.st_gid,
          s.st_blksize > 0, s.st_mtime_ns if s.st_mtime < 1640995200 else "new")
PY
