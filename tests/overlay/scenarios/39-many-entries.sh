# A merged directory with 300 lower entries (more than one getdents
# buffer): delete some, add some, rename some; listings through ls,
# find and python's scandir agree and are complete.
. "$OVT/lib.sh"
i=0
while [ $i -lt 300 ]; do
	case $i in
	*7) rm "many/entry-with-a-long-name-$i" ;;
	*3) mv "many/entry-with-a-long-name-$i" "many/renamed-$i" ;;
	*5) echo changed >>"many/entry-with-a-long-name-$i" ;;
	esac
	i=$((i + 1))
done
i=0
while [ $i -lt 120 ]; do
	echo "$i" >"many/added-$i"
	i=$((i + 1))
done
ls many | wc -l
ls many | sort | sha256sum
ls -f many | sort | sha256sum
ls -f many | sort | uniq -d
find many -type f | wc -l
python3 -c '
import os
names = [e.name for e in os.scandir("many")]
print(len(names), len(set(names)))
'
cat many/* | sort | sha256sum
x rm -rf many
x ls -A many
