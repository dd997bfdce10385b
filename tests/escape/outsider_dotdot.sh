# A process outside the tree, reached through /proc (proc_outsider dotdot).
DESC="/proc/OUTSIDER/... of a process outside the tree (dotdot)"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" dotdot; }
