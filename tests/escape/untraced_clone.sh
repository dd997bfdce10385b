# clone(CLONE_UNTRACED) child, traced by its parent, writes a lower file.
DESC="clone(CLONE_UNTRACED) child resumed by its own tracer opens a lower file for writing"
attack() { go "$ESC/untraced" clone "$CANARY/victim"; }
