# Copy-ups that change only metadata (chmod, chown, xattr, touch -a,
# link, open O_RDWR without writing) keep the file's mtime and content.
. "$OVT/lib.sh"
chmod 640 a.txt
chown 1000 b.txt
setfattr -n user.k -v v c.txt 2>/dev/null
touch -a lines.txt
ln 'with space.txt' ws-hard
python3 -c 'import os; os.close(os.open("dir/one", os.O_RDWR))'
python3 -c 'import os; os.close(os.open("dir/two", os.O_WRONLY|os.O_APPEND))'
mt a.txt b.txt c.txt lines.txt 'with space.txt' ws-hard dir/one dir/two dir .
h a.txt b.txt c.txt lines.txt dir/one dir/two
