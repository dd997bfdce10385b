# find with names, types, sizes, perms, owners, empty, depth and -delete
# over a tree of lower, modified and new objects.
. "$OVT/lib.sh"
echo new >tree/a/new.txt
rm tree/a/f2
mkdir tree/nd
chmod 600 tree/a/f3
chown 65534 tree/a/f4
find . -name '*.txt' | sort
find . -type l | sort
find . -type p | sort
find . -type d -empty | sort
find . -type f -empty | sort
find tree -perm 600 | sort
find . -user 65534 | sort
find . -uid 1000 | sort
find . -size +1000k | sort
find dir -mindepth 2 -maxdepth 2 | sort
find tree -newer lines.txt | sort
find . -type f -links 3 | sort
find -L dir -name file | sort
find tree/x -type f -delete
find tree/x | sort
find tree -depth -type d | sort
find many -name 'entry-with-a-long-name-2*' | wc -l
