# A read-only fd of a lower file given its own owner by the i386 fchown.
DESC="i386 fchown (16-bit) of a read-only fd of a lower file"
attack() { go "$ESC/i386_fchown" "$CANARY/victim"; }
