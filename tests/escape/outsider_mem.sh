# A process outside the tree, reached through /proc (proc_outsider mem).
DESC="write the memory of a process outside the tree through /proc/PID/mem"
OUTSIDER=yes
attack() { go "$ESC/proc_outsider" mem; }
