# A sibling thread flips a relative path buffer to the canary's absolute
# path after vfstrace read it (the kernel reads it later): Landlock holds.
DESC="open(O_WRONLY) of a path a sibling thread flips to the canary"
VOPTS=(--sandbox)
attack() { go "$ESC/race_flip" write "$WORK/flipdir.$RANDOM" "$CANARY/victim"; }
