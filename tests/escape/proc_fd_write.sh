# A path through /proc/self/fd resolves in the view, not on the host.
DESC="open O_WRONLY|O_TRUNC through /proc/self/fd (proc_root fd)"
attack() { go "$ESC/proc_root" fd "$CANARY/victim"; }
