"""CPU time of a test run's own processes (ADR 0546), on a machine other work keeps busy.

Usage: python3 scripts/test-cpu-sample.py PATTERN STOPFILE
Every 0.5 s, for each process whose command line contains PATTERN (for example the test project's bin folder, which
the testhost's command line names), keeps the largest utime+stime+cutime+cstime seen; when STOPFILE exists, prints
their sum in CPU-seconds and exits.
"""
import os
import sys
import time

pattern = sys.argv[1].encode()
stop_file = sys.argv[2]
ticks = os.sysconf("SC_CLK_TCK")
seen = {}
while True:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
            if pattern not in cmdline or b"test-cpu-sample" in cmdline:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            seen[pid] = max(seen.get(pid, 0), sum(int(x) for x in fields[11:15]))
        except OSError:
            pass  # the process ended between listing and reading
    if os.path.exists(stop_file):
        print(round(sum(seen.values()) / ticks, 1))
        break
    time.sleep(0.5)
