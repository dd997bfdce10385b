# Listings after mixed operations (create, delete, rename, copy-up,
# mkdir over a deleted directory): ls -la without times, ls -1, ls -R.
. "$OVT/lib.sh"
echo new >new.txt
rm b.txt dir/two
mv c.txt dir/c-moved
echo more >>dir/one
mkdir dir/newsub
rm -rf dir/sub
mkdir dir/sub
echo s >dir/sub/s
ln -s one dir/one-link
chmod 600 dir/hard3
# ls -la: type and mode, owner, group, size (not for directories), name
# (the link count of directories is shown by 51-dir-nlink; the date is
# left out with --time-style=+).
# (-A for the fixture's root: its .. is outside the fixture.)
{ ls -lA --time-style=+ .; ls -la --time-style=+ dir dir/sub; } |
	awk '/^total/ { next } /:$/ || NF == 0 { print; next }
	     { s = ($1 ~ /^d/) ? "-" : $5; n = $6; for (i = 7; i <= NF; i++) n = n " " $i
	       print $1, $3, $4, s, n }'
ls -1 dir | sort
ls -AR dir
ls -ld dir/sub --time-style=+ | cut -c1-10
find . -maxdepth 2 -newer lines.txt -print | sort
