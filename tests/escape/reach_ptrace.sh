# A process outside the tree, taken over with ptrace(2).
DESC="ptrace(PTRACE_SEIZE) of a process outside the tree, POKEDATA into its memory"
OUTSIDER=yes
attack() { go "$ESC/reach" ptrace; }
