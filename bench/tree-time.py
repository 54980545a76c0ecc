#!/usr/bin/python3
"""Runs a command and reports the CPU time of its whole process tree.

GNU time counts only the children a process waits for; Chromium's helper processes can be left
to exit on their own after the browser is closed, so their CPU would be lost. This wrapper makes
itself a child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER): every descendant that is orphaned
is re-parented to it and reaped here, so the summed rusage of everything it reaps is the CPU of
the whole tree. Usage: tree-time.py RESULT.json COMMAND [ARG...]; the exit code is the command's.
"""
import ctypes
import json
import os
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
STRAGGLER_WAIT_S = 10.0


def main():
    result_file, command = sys.argv[1], sys.argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.stderr.write("tree-time: prctl(PR_SET_CHILD_SUBREAPER) failed\n")
        return 125
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    cpu = 0.0
    code = None
    wall = None
    stragglers_deadline = None
    while True:
        flags = os.WNOHANG if code is not None else 0
        try:
            reaped, status, usage = os.wait4(-1, flags)
        except ChildProcessError:
            break
        if reaped == 0:
            # The command has exited; its orphans get a little time to finish, then are counted as left.
            if time.monotonic() > stragglers_deadline:
                break
            time.sleep(0.02)
            continue
        cpu += usage.ru_utime + usage.ru_stime
        if reaped == pid:
            code = os.waitstatus_to_exitcode(status)
            wall = time.monotonic() - started
            stragglers_deadline = time.monotonic() + STRAGGLER_WAIT_S
    left = 0
    try:
        left = len([p for p in os.listdir("/proc") if p.isdigit() and open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1] == str(os.getpid())])
    except OSError:
        pass
    with open(result_file, "w") as out:
        json.dump({"code": code, "cpuMs": cpu * 1000, "wallMs": (wall or 0) * 1000, "leftRunning": left}, out)
    return code if code is not None and code >= 0 else 128 + (-(code or 0))


if __name__ == "__main__":
    sys.exit(main())
