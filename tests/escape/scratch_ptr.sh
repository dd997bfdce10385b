# A path pointer into the scratch mapping is not a rewritten one.
DESC="open(O_WRONLY|O_TRUNC) of a path placed in vfstrace's scratch mapping"
attack() { go "$ESC/scratch_ptr" "$CANARY/victim"; }
