# #! lines naming /proc/self/exe and /dev/fd/N: the kernel runs the
# program of the process that execs the script (here the shell, then
# python), never vfstrace; the script's writes land in the view.
. "$OVT/lib.sh"
printf '#!/proc/self/exe\necho "self: $0" >made-by-self\ncat made-by-self\n' \
	>self.sh
chmod +x self.sh
sh -c ./self.sh
echo "rc=$?"
python3 -B - <<'PY'
import os, subprocess
# a #!/dev/fd/N interpreter: the fd the exec'ing process holds on sh
fd = os.open("/bin/sh", os.O_RDONLY)
with open("fd.sh", "w") as f:
    f.write("#!/dev/fd/%d\necho via-fd >made-by-fd\n" % fd)
os.chmod("fd.sh", 0o755)
r = subprocess.run(["./fd.sh"], pass_fds=(fd,))
print("fd rc:", r.returncode, open("made-by-fd").read().strip())
PY
ls
