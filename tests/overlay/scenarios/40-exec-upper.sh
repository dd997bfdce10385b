# Programs created or changed in the upper run: a new #! script, a
# modified lower script, a copied ELF binary; a non-executable file
# fails with 126.
. "$OVT/lib.sh"
./exec.sh a b
printf '#!/bin/sh\necho "new script: $1"\n' >newscript
chmod +x newscript
./newscript arg
echo 'echo "appended line ran"' >>exec.sh
./exec.sh
cp /bin/echo ./my-echo
./my-echo "copied ELF runs"
mkdir bin
cp -p newscript bin/
PATH=$PWD/bin:$PATH newscript from-path
x ./a.txt
x ./nothere
chmod 644 exec.sh
x ./exec.sh
sh exec.sh via sh
st exec.sh newscript my-echo bin/newscript
