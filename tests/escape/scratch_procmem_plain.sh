# scratch_procmem without --sandbox: it must escape (EXPECT=escaped), so
# that what holds scratch_procmem is shown to be Landlock.
DESC="scratch_procmem under plain -u (it must escape there)"
EXPECT=escaped
attack() {
	go "$ESC/scratch_flip" procmem "$CANARY/victim" "$CANARY/dir/inner"
}
