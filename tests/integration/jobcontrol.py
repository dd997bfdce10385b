#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Job control dialogue with an interactive bash in a pseudo-terminal.

    jobcontrol.py TRANSCRIPT COMMAND...

COMMAND must start `bash --norc --noprofile -i` (possibly through
vfstrace).  It runs as the session leader of a new pty, with PS1 set to a
marker.  The dialogue: start the job `cat | tr a-z A-Z`, check it runs
(hello -> HELLO), stop it with Ctrl-Z (bash says "Stopped"), `jobs` shows
it stopped, `fg` resumes it (world -> WORLD), Ctrl-D ends it, `$?` is 0,
`exit 0`; COMMAND must then exit with status 0.

Exit status 0 when every step happened within STEP_TIMEOUT seconds;
1 otherwise, with the failing step on stderr.  Everything read from the
terminal is written to TRANSCRIPT.  COMMAND is SIGKILLed on the way out
whatever happens: its session is not in the runner's process group.
"""
import errno
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

PROMPT = "JC-PROMPT$ "
STEP_TIMEOUT = 15


class Session:
    def __init__(self, argv, transcript):
        self.out = b""
        self.pos = 0            # expect() looks after this offset only
        self.transcript = open(transcript, "wb")
        env = dict(os.environ, PS1=PROMPT, TERM="dumb", HISTFILE="/dev/null",
                   INPUTRC="/dev/null")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 200, 0, 0))

    def _read(self, timeout):
        """Read what the terminal has within TIMEOUT; False at EOF."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            return False
        self.out += data
        self.transcript.write(data)
        self.transcript.flush()
        return True

    def expect(self, text, what):
        """Wait until TEXT appears after the last match."""
        want = text.encode()
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            i = self.out.find(want, self.pos)
            if i >= 0:
                self.pos = i + len(want)
                return
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure(f"{what}: no {text!r} within {STEP_TIMEOUT} s")
            if not self._read(min(left, 0.5)) and \
                    self.out.find(want, self.pos) < 0:
                raise Failure(f"{what}: the terminal closed before {text!r}")

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait_exit(self):
        """Read to EOF, then wait for the command; its exit status."""
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline and self._read(0.5):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        raise Failure(f"the command did not exit within {STEP_TIMEOUT} s "
                      "after `exit 0`")

    def close(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)
        self.transcript.close()


class Failure(Exception):
    pass


def dialogue(s):
    s.expect(PROMPT, "start")
    s.send("cat | tr a-z A-Z\n")
    time.sleep(1)               # typed ahead, it could race readline
    s.send("hello\n")
    s.expect("HELLO", "the job runs")
    s.send("\x1a")
    s.expect("Stopped", "Ctrl-Z stops the job")
    s.expect(PROMPT, "the shell is back after Ctrl-Z")
    s.send("jobs\n")
    s.expect("Stopped", "jobs lists the job as stopped")
    s.expect(PROMPT, "prompt after jobs")
    s.send("fg\n")
    s.expect("cat | tr a-z A-Z", "fg names the job")
    s.send("world\n")
    s.expect("WORLD", "the job runs again after fg")
    s.send("\x04")
    s.expect(PROMPT, "Ctrl-D ends the job")
    s.send("echo job-status=$?\n")
    s.expect("job-status=0", "the job exited with 0")
    s.expect(PROMPT, "prompt after echo")
    s.send("exit 0\n")
    status = s.wait_exit()
    if status != 0:
        raise Failure(f"the command exited with {status}, want 0")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    s = Session(argv[2:], argv[1])
    try:
        dialogue(s)
    except Failure as e:
        print(f"jobcontrol: {' '.join(argv[2:])}: {e}", file=sys.stderr)
        print("--- transcript (after the last match: >>>)", file=sys.stderr)
        text = s.out[:s.pos] + b">>>" + s.out[s.pos:]
        print(text.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return 1
    finally:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
