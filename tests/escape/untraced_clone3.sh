# The same through clone3, whose flags the filter cannot see.
DESC="clone3(CLONE_UNTRACED) child resumed by its own tracer opens a lower file for writing"
attack() { go "$ESC/untraced" clone3 "$CANARY/victim"; }
