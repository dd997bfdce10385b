# A path through /proc/self/cwd resolves in the view, not on the host.
DESC="open O_WRONLY|O_TRUNC through /proc/self/cwd (proc_root cwd)"
attack() { go "$ESC/proc_root" cwd "$CANARY/victim"; }
