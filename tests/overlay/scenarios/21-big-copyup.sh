# Copy-up of a 10 MiB file by appending one byte: the first 10 MiB are
# intact, the size grows by one.
. "$OVT/lib.sh"
h big.bin
st big.bin
printf 'Z' >>big.bin
st big.bin
h big.bin
head -c 10485760 big.bin | sha256sum
tail -c 2 big.bin | od -An -c
mt big.bin
# Read it back in a new process through a different path.
cat ./dir/../big.bin | wc -c
