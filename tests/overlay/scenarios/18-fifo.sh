# fifos: a lower fifo and new ones carry data between processes; mkfifo
# errnos; a fifo replaced.
. "$OVT/lib.sh"
st fifo
(echo "through lower fifo" >fifo) &
cat fifo
wait
mkfifo newfifo
mkfifo -m 600 dir/sub/fifo2
st newfifo dir/sub/fifo2
(printf 'a\nb\n' >newfifo) &
wc -l <newfifo
wait
x mkfifo fifo
x mkfifo a.txt
x mkfifo nothere/f
rm fifo
mkfifo -m 644 fifo
st fifo
(echo again >fifo) &
cat fifo
wait
calls <<'X'
mknod node-fifo 010640
mknod node-reg 0100600
lstat node-fifo
lstat node-reg
mknod dir 010644
X
snap dir/sub
