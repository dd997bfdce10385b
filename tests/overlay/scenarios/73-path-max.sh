# Paths past PATH_MAX: mkdir -p of 31 levels of 200-character names (a
# path of 6.2 KB, each call's argument short: mkdir -p walks down with
# relative paths), a file at the bottom written and read from a cwd deep
# inside, and the tree removed again.
. "$OVT/lib.sh"
top=$(pwd)
n=$(printf '%0200d' 0 | tr 0 a)
p=deep
i=0
while [ $i -lt 31 ]; do p=$p/$n; i=$((i + 1)); done
x mkdir -p "$p"
cd deep || exit 1
i=0
while [ $i -lt 30 ]; do cd "$n" || break; i=$((i + 1)); done
echo "levels entered: $i"
x mkdir -p "$n/x/y"
echo bottom >"$n/x/y/f"
x cat "$n/x/y/f"
x ls "$n"
cd "$top" || exit 1
x rm -rf deep
x test -e deep
