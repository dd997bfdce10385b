# A deleted lower name made again as each kind of object (open O_CREAT,
# O_CREAT|O_EXCL, creat-like O_TRUNC, mkdir over a deleted directory,
# symlink, fifo, hard link, rename onto it): the view shows the new object
# only, now and in a new session (vfstrace leaves no whiteout beside it:
# t_ov_whiteout_recreate looks at the upper).
. "$OVT/lib.sh"
rm a.txt b.txt c.txt empty lines.txt ro.txt 'with space.txt'
rm -rf tree/x
calls <<'X'
open f a.txt O_WRONLY|O_CREAT|O_EXCL 0640
write f excl\n
close f
open g b.txt O_WRONLY|O_CREAT 0600
write g plain\n
close g
open h c.txt O_WRONLY|O_CREAT|O_TRUNC
close h
open e empty O_WRONLY|O_CREAT|O_EXCL
close e
open e2 empty O_WRONLY|O_CREAT|O_EXCL
mkdir tree/x 0750
symlink a.txt lines.txt
mkfifo ro.txt
link a.txt 'with space.txt'
X
echo renamed >tmpname
mv tmpname tree/x/xf
st a.txt b.txt c.txt empty lines.txt ro.txt 'with space.txt' tree/x tree/x/xf
cat a.txt b.txt 'with space.txt' tree/x/xf
ls -A tree/x
