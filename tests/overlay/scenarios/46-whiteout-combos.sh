# Sequences over deleted names: rename onto a deleted name, delete a
# renamed-in file, mkdir where a file was, file where a dir was, empty a
# lower dir then rmdir it, rm -r and recreate in a loop.
. "$OVT/lib.sh"
rm a.txt
mv b.txt a.txt
cat a.txt
x cat b.txt
mv a.txt b.txt
x cat a.txt
cat b.txt
rm dir/one
mkdir dir/one
echo inner >dir/one/inner
rm -r dir/one
echo "file again" >dir/one
cat dir/one
rm dir/two dir/hard3 dir/up-link dir/deep-link
rm -r dir/sub
ls -A dir
rm dir/one
x rmdir dir
mkdir dir
ls -A dir
for i in 1 2 3; do
	rm -rf tree
	mkdir -p tree/a
	echo "$i" >tree/a/f1
done
find tree | sort
cat tree/a/f1
rm emptydir -r
echo "was a dir" >emptydir
rm emptydir
mkdir emptydir
ls -A emptydir
snap dir tree emptydir a.txt b.txt
