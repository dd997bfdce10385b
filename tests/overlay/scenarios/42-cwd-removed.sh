# A process whose cwd is a lower directory that gets copied up, or a
# directory it removes (with its parent) through "..": relative calls
# keep working from the directory it is in (.. of a removed cwd is its
# old parent), a removed cwd lists empty, creating there fails.
. "$OVT/lib.sh"
cd dir/sub || exit 1
echo "made in sub" >../../dir/sub/made
ls | sort
cat made file
cd ../.. || exit 1
mkdir -p gone/inner
cd gone/inner || exit 1
rm -rf ../../gone
x ls -a .
x touch new
x cat ../x
cd ../.. 2>&1; echo "cd=$?"
x test -e gone
