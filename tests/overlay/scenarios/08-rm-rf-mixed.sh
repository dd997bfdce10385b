# rm -rf of a tree mixing lower, copied-up and new objects.
. "$OVT/lib.sh"
echo changed >>tree/a/f1
echo new >tree/a/b/new
mkdir tree/newdir
echo n >tree/newdir/n
rm tree/a/f2
mv tree/a/f3 tree/x/f3-moved
chmod 700 tree/a/b/c
find tree | sort
x rm -rf tree
x test -e tree
mkdir -p tree/a
ls -a tree tree/a
echo f1 >tree/a/f1
snap tree
