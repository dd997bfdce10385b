# The same race as race_flip_write under plain -u: nothing but Landlock
# can hold it, so it must escape there (PLAIN=escaped: the driver runs it
# under -u without --sandbox and expects the canary changed).
DESC="race_flip_write without --sandbox (it must escape: Landlock is what holds)"
EXPECT=escaped
attack() { go "$ESC/race_flip" write "$WORK/flipdir.$RANDOM" "$CANARY/victim"; }
