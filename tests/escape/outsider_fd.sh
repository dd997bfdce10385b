# A process outside the tree, reached through /proc (proc_outsider fd).
DESC="/proc/OUTSIDER/... of a process outside the tree (fd)"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" fd; }
