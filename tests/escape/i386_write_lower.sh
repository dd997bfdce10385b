# A lower file opened for writing by an i386 call (int $0x80).
DESC="i386 open(O_WRONLY|O_TRUNC) and write of a lower file"
BEFORE=held
attack() { go "$ESC/i386_write_lower" "$CANARY/victim"; }
