# A process outside the tree, reached through /proc (proc_outsider slashes).
DESC="/proc/OUTSIDER/... of a process outside the tree (slashes)"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" slashes; }
