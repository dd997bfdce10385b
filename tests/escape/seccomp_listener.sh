# A filter of the tracee's own whose listener lets an openat run unseen.
DESC="seccomp USER_NOTIF filter (NEW_LISTENER) whose listener answers CONTINUE to an openat of a lower file for writing"
attack() { go "$ESC/seccomp_listener" "$CANARY/victim"; }
