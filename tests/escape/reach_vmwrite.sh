# A process outside the tree, its memory written with process_vm_writev.
DESC="process_vm_writev into a process outside the tree"
OUTSIDER=yes
attack() { go "$ESC/reach" vmwrite; }
