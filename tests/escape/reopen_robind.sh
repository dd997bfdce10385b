# Under --ro-bind the same reopen must fail (EROFS, t_ov_proc_links).
DESC="open(/proc/self/fd/N, O_WRONLY|O_TRUNC) under --ro-bind"
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/reopen_fd" self path write "$CANARY/victim"; }
