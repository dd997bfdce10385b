# touch / utimensat: fixed dates on lower files, dirs and symlinks, -a
# leaves the mtime, -r, touch of new files; the times are shown.
. "$OVT/lib.sh"
touch -d '2020-02-02 02:02:02.5' a.txt
touch -m -d '2000-01-01 00:00:00' b.txt
touch -a -d '2000-01-01 00:00:00' c.txt
touch -h -d '2019-03-03 03:03:03' link-rel
touch -d '2018-04-04 04:04:04' dir/sub
touch -r lines.txt dir/one
touch -d '2017-05-05' new-touched
touch -c nothere
x test -e nothere
touch -d '2016-06-06' fifo
mt a.txt b.txt c.txt link-rel a.txt dir/sub dir/one lines.txt new-touched fifo dir
calls <<'X'
utime dir/two 1000000000 1000000000
mtime dir/two
lutime dangling 1100000000 1100000000
mtime dangling
utime dangling 1100000000 1100000000
open f dir/sub/file O_RDONLY
futimens f 1200000000 1200000000
close f
mtime dir/sub/file
X
touch empty
mt empty
st a.txt c.txt
snap dir
