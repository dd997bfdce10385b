# A lower file opened for writing: the baseline of the judge.
DESC="open(O_WRONLY|O_TRUNC) of a lower file"
BEFORE=held
attack() { go "$ESC/write_lower" "$CANARY/victim"; }
