# A process that makes itself non-dumpable (prctl(PR_SET_DUMPABLE, 0), as
# ssh-agent and gpg-agent do), then works with files: PR_GET_DUMPABLE
# answers 0, also in a forked child, 1 again after exec; creating,
# writing and reading files and listing a directory work after it
# (vfstrace emulates the setting: an unprivileged vfstrace could not read
# the process's paths otherwise; t_ov_guard runs it as uid 65534).
. "$OVT/lib.sh"
python3 -B - <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
PR_GET_DUMPABLE, PR_SET_DUMPABLE = 3, 4
def pr(*a):
    r = libc.prctl(*[ctypes.c_ulong(x) for x in a + (0,) * (5 - len(a))])
    return r if r >= 0 else os.strerror(ctypes.get_errno())
print("set 0:", pr(PR_SET_DUMPABLE, 0))
print("get:", pr(PR_GET_DUMPABLE))
with open("made.txt", "w") as f:
    f.write("made\n")
with open("a.txt", "a") as f:
    f.write("appended\n")
print(open("made.txt").read(), end="")
print(sorted(os.listdir("tree"))[:3])
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print("child get:", pr(PR_GET_DUMPABLE))
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-B", "-c",
        "import ctypes; print('exec get:', ctypes.CDLL(None).prctl(3,0,0,0,0))"])
os.waitpid(pid, 0)
print("set 2:", pr(PR_SET_DUMPABLE, 2))
print("set 1:", pr(PR_SET_DUMPABLE, 1), "get:", pr(PR_GET_DUMPABLE))
PY
st made.txt a.txt
h made.txt a.txt
