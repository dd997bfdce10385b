# process_vm_writev into a process outside the tree, refused by the
# sandbox's deny list in the filter itself.
DESC="process_vm_writev into a process outside the tree (--sandbox)"
OUTSIDER=yes
VOPTS=(--sandbox)
attack() { go "$ESC/reach" vmwrite; }
