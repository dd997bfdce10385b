# --ro-bind: open(/proc/self/root/FILE, O_WRONLY|O_TRUNC) (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: open(/proc/self/root/FILE, O_WRONLY|O_TRUNC)"
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" proc_root "$CANARY"; }
