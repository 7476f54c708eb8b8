"""Peak resident memory and CPU time of this process and all its descendants (JVM, workers, Ray daemons).

Read from /proc (Linux). Memory is sampled every ``interval`` seconds in a thread; the
peak of the sum is what a machine has to hold for the job. CPU seconds of the tree
(children that ended included) do not depend on what else the machine runs, unlike
wall-clock rates on a shared machine. Benchmarks only.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _procs() -> dict[int, tuple[int, list[str]]]:
    """pid -> (parent pid, fields of /proc/pid/stat after the command name)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            out[int(entry.name)] = (int(fields[1]), fields)
    return out


def _descendants(root: int, procs: dict[int, tuple[int, list[str]]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def tree_cpu_seconds(root: int | None = None) -> float:
    """User+system CPU seconds used so far by ``root`` (default: this process) and its descendants."""
    procs = _procs()
    ticks = 0
    for pid in _descendants(root or os.getpid(), procs):
        if pid in procs:
            f = procs[pid][1]
            ticks += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])   # utime stime cutime cstime
    return ticks / TICK


def _tree_rss(root: int) -> int:
    procs = _procs()
    total = 0
    for pid in _descendants(root, procs):
        if pid in procs:
            total += int(procs[pid][1][21]) * PAGE   # rss in pages
    return total


class PeakMemory:
    """``with PeakMemory() as m: ...`` then ``m.peak_mib``."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))

    @property
    def peak_mib(self) -> float:
        return self.peak / 2**20
