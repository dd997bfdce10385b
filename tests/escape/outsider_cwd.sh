# A process outside the tree, reached through /proc (proc_outsider cwd).
DESC="/proc/OUTSIDER/... of a process outside the tree (cwd)"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" cwd; }
