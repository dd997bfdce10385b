# A path through /proc/self/root resolves in the view, not on the host.
DESC="open O_WRONLY|O_TRUNC through /proc/self/root (proc_root root)"
attack() { go "$ESC/proc_root" root "$CANARY/victim"; }
