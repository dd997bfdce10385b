# rm -rf of a lower tree (files, symlinks, a fifo, nested and empty
# dirs): gone, and a directory made again at its place is empty.
. "$OVT/lib.sh"
x rm -rf tree
x test -e tree
x ls tree
ls -1 | sort
mkdir tree
ls -a tree
mkdir -p tree/a/b
ls -a tree/a tree/a/b
echo again >tree/a/f1
cat tree/a/f1
snap tree
x rm -rf dir many
ls -1 | sort
