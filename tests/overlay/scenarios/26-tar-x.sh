# tar x of an archive of the fixture: into a new directory and over the
# lower (replacing a.txt and dir/one), with ownership, modes, mtimes,
# symlinks and hard links restored.
. "$OVT/lib.sh"
mkdir out
tar -xf archive.tar -C out
echo "tar=$?"
tar -xpf archive.tar
echo "tar=$?"
snap out tarsrc a.txt dir/one
cat a.txt dir/one
tar -tvf archive.tar | awk '{ print $1, $2, $3, $6, $7, $8 }'
# tar c of the view, then compare with a listing of what it packed.
tar --sort=name --mtime='2020-01-01 UTC' --owner=0 --group=0 --numeric-owner \
	-cf - dir tree | sha256sum
tar --sort=name -cf - dir tree | tar -tvf - | awk '{ print $1, $2, $3, $6, $7, $8 }'
