# git init/add/commit in a new directory and in a lower directory, with
# fixed identities and dates: deterministic commit hashes, status, log,
# a branch, a checkout, git gc.
. "$OVT/lib.sh"
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=t@example.org
export GIT_AUTHOR_DATE='2020-01-01T00:00:00Z' GIT_COMMITTER_DATE='2020-01-01T00:00:00Z'
q() { "$@" >/dev/null 2>&1; echo "[$*] exit=$?"; }
q git init -q -b main proj
cd proj || exit 1
q git add -A
q git commit -q -m first
git log --format='%H %s'
git status --short
echo '#define EXTRA 1' >>msg.h
echo 'untracked' >notes
git status --short
q git add msg.h notes
q git commit -q -m second
git log --format='%H %s'
q git checkout -q -b topic HEAD~1
git status --short
cat msg.h
ls | sort
q git checkout -q main
cat notes
git rev-parse HEAD
q git gc -q
git count-objects -v | grep -v size
git fsck --no-progress 2>&1
git ls-files -s
cd .. || exit 1
q git init -q -b main newrepo
echo hello >newrepo/f
cd newrepo || exit 1
q git add f
q git commit -q -m one
git log --format=%H
git status --short
git cat-file -p 'HEAD^{tree}'
# The index records inode and device numbers and ctimes: remove it
# so that the final view compares what users see.
rm .git/index ../proj/.git/index
