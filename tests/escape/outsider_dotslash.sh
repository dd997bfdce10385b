# A process outside the tree, reached through /proc (proc_outsider dotslash).
DESC="write the memory of a process outside the tree through /./proc/PID/mem"
OUTSIDER=yes
# held before too (the library opened /proc/PID/mem itself: EIO); kept
# for the route through the library's walk that now ends at /proc
BEFORE=held
attack() { go "$ESC/proc_outsider" dotslash; }
