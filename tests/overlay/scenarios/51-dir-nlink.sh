# Link counts of directories as ls -l and find -links see them: a
# directory only in the lower has its own count, a merged directory
# (lower and upper parts) reports 1 in the kernel's overlayfs, a
# directory only in the upper its real count.
. "$OVT/lib.sh"
mkdir -p new/a new/b
echo x >dir/sub/x
dn() { for d; do printf '%s nlink=%s\n' "$d" "$(stat -c %h "$d")"; done; }
dn tree tree/a many new new/a
dn dir dir/sub dir/sub/deep .
ls -ld dir new tree --time-style=+ | awk '{ print $1, $2, $NF }'
find . -maxdepth 1 -type d -links 1 | sort
