# A process outside the tree, reached through /proc (proc_outsider root).
DESC="/proc/OUTSIDER/... of a process outside the tree (root)"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" root; }
