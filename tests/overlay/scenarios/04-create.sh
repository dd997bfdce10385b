# Create new files in the lower's root, in lower directories, in new
# directories; O_EXCL; O_CREAT on an existing lower file (no truncation);
# creation modes under umask 022 and 077.
. "$OVT/lib.sh"
echo new >new.txt
echo deep >dir/sub/deep/new
mkdir -p n1/n2/n3
echo nested >n1/n2/n3/f
touch emptydir/touched
calls <<'X'
open a new-excl O_WRONLY|O_CREAT|O_EXCL 0640
write a hello\n
close a
open b a.txt O_WRONLY|O_CREAT|O_EXCL 0644
open c a.txt O_WRONLY|O_CREAT 0600
close c
open d dir/one O_RDWR|O_CREAT
read d
close d
open e dir/hard3 O_RDONLY|O_CREAT|O_EXCL
open e private-dir/new O_WRONLY|O_CREAT 0777
close e
open e nothere/new O_WRONLY|O_CREAT
X
(umask 077; echo private >umask077; mkdir umaskdir)
cat a.txt dir/one new.txt dir/sub/deep/new n1/n2/n3/f new-excl
st new.txt new-excl umask077 umaskdir private-dir/new n1 n1/n2 n1/n2/n3 emptydir/touched
mt a.txt dir/one
snap n1 emptydir dir/sub private-dir
