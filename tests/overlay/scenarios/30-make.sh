# make in a lower directory: build, up to date, rebuild after a header
# changes (the outputs dated back first: no clock skew), run the
# program, clean.
. "$OVT/lib.sh"
cd proj || exit 1
make CC=cc 2>&1
./hello
make CC=cc 2>&1
touch -d '2021-01-01' hello.o hello
sed -i 's/VALUE 1/VALUE 2/' msg.h
make CC=cc 2>&1
./hello
make -q CC=cc; echo "make -q=$?"
ls | sort
st hello.c Makefile msg.h
mt hello.c Makefile msg.h
make clean 2>&1
ls | sort
