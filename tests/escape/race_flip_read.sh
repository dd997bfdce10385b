# A sibling thread flips a relative path buffer to a --hide file's
# absolute path after vfstrace read it: the kernel refuses the read.
DESC="read of a path a sibling thread flips to a --hide file"
SECRET=s3cr3t-race-flip
VOPTS=(--sandbox --hide "$WORK/canary/secretdir")
setup() {
	mkdir -p "$CANARY/secretdir"
	echo "$SECRET" >"$CANARY/secretdir/secret"
	chmod 0644 "$CANARY/secretdir/secret"
}
attack() { go "$ESC/race_flip" read "$WORK/flipdir.$RANDOM" "$CANARY/secretdir/secret"; }
