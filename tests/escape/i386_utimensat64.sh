# A lower file's times set by the i386 utimensat_time64.
DESC="i386 utimensat_time64 of a lower file"
attack() { go "$ESC/i386_utimensat64" "$CANARY/victim"; }
