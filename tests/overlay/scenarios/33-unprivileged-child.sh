# A child that drops to uid/gid 65534 (setpriv): permission checks on
# lower objects (EACCES, EPERM, the sticky bit), objects it creates are
# its own, copy-ups it causes keep the original owners.
. "$OVT/lib.sh"
as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
chmod 666 b.txt
as sh -c '
	. "$OVT/lib.sh"
	x cat private-dir/secret
	x cat mode000
	x cat owned1000
	echo "nobody was here" >>b.txt; echo "append b=$?"
	echo x >>a.txt; echo "append a=$?"
	x touch a.txt
	x chmod 600 a.txt
	x chown 65534 a.txt
	x rm a.txt
	x mkdir ro-dir/sub
	x touch ro-dir/new
	echo mine >sticky/mine; echo "sticky create=$?"
	x rm sticky/mine
	echo "mine again" >sticky/mine2
	x ls private-dir
	x touch nobody-own
	echo x >>nobody-sgid; echo "append sgid=$?"
	touch -d "2001-01-01" sticky/f; echo "touch own=$?"
	chmod 600 sticky/f; echo "chmod own=$?"
	x mv sticky/f sticky/g
	mkdir sticky/d && echo f >sticky/d/f && chmod 700 sticky/d
	st sticky/mine2 sticky/d sticky/d/f sticky/f
	python3 "$OVT/calls.py" <<X
access a.txt W_OK
access b.txt W_OK
access private-dir X_OK
access exec.sh X_OK
open f ro.txt O_WRONLY
open f dir/new O_WRONLY|O_CREAT
mkdir tree/a/new
unlink dir/one
rename dir/one sticky/one
symlink t dir/newlink
link sticky/f sticky/f-hard
link a.txt sticky/a-hard
utime a.txt 1 1
X
'
rm -f sticky/mine
cat b.txt
st b.txt sticky sticky/mine2 sticky/f
snap sticky b.txt
