#!/usr/bin/env python3
"""Drive an interactive program on a pseudo-terminal, expect-style.

    drive.py TRANSCRIPT -- COMMAND [ARG...]  <STEPS

STEPS, one per line:
    expect REGEX      wait (30 s) until the output since the last match
                      matches REGEX (Python syntax)
    send TEXT         type TEXT; \\r, \\n, \\x04 (Ctrl-D) escapes work
    sleep SECONDS
    kill              SIGKILL the program (an SSH client losing its line)
    run COMMAND       run a shell command, which must succeed
    eof               wait (30 s) until the program closes the terminal
Exit status 0 when every step passed; otherwise 1, naming the step.
Everything the program printed goes to TRANSCRIPT.
"""

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

TIMEOUT = 30.0


class Session:
    def __init__(self, argv, transcript):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.buf = b""
        self.log = open(transcript, "wb")
        self.closed = False

    def read(self, until):
        left = until - time.monotonic()
        if left <= 0 or self.closed:
            return False
        r, _, _ = select.select([self.fd], [], [], left)
        if not r:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return False
        self.log.write(data)
        self.log.flush()
        self.buf += data
        return True

    def expect(self, pattern):
        rx = re.compile(pattern.encode())
        until = time.monotonic() + TIMEOUT
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return True
            if not self.read(until):
                return False

    def eof(self):
        until = time.monotonic() + TIMEOUT
        while not self.closed:
            if not self.read(until) and not self.closed:
                return False
        return True

    def send(self, text):
        os.write(self.fd, text.encode().decode("unicode_escape").encode())

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.closed = True


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    s = Session(sys.argv[3:], sys.argv[1])
    for n, line in enumerate(sys.stdin, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        op, _, arg = line.partition(" ")
        ok = True
        if op == "expect":
            ok = s.expect(arg)
        elif op == "send":
            s.send(arg)
        elif op == "sleep":
            time.sleep(float(arg))
        elif op == "kill":
            s.kill()
        elif op == "run":
            ok = subprocess.call(arg, shell=True) == 0
        elif op == "eof":
            ok = s.eof()
        else:
            sys.stderr.write("step %d: unknown %s\n" % (n, op))
            return 2
        if not ok:
            sys.stderr.write("step %d failed: %s\n" % (n, line))
            return 1
    if not s.closed:
        s.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
