"""Peak resident memory of a process (Linux): what a URL needs of the worker answering it.

VmHWM in /proc/<pid>/status is a process's peak of resident memory; writing 5 to
/proc/<pid>/clear_refs resets it to the current size (Linux 4.0 and later), so that the peak
of one URL can be read after asking it. Where /proc is missing, the figures are None.
"""

import os
from pathlib import Path


def workers(master: int) -> list[int]:
    """A gunicorn master's worker processes (/proc/<pid>/task/<pid>/children)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(pid) for pid in children.split()]


def reset_peak(*pids: int) -> None:
    """Start each process's peak afresh (this process when none is given)."""
    for pid in pids or (os.getpid(),):
        try:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            pass


def peak_mb(*pids: int) -> float | None:
    """The highest peak of resident memory among the processes since their reset, in MB
    (this process when none is given)."""
    peaks = []
    for pid in pids or (os.getpid(),):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks), 1) if peaks else None
