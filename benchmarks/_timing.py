"""Small timing helpers shared by the benchmark scripts (median of repeated runs)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def best_of(fn, repeat: int = 7) -> float:
    """Median wall time of ``fn()`` in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def process_time(cmd: list[str], repeat: int = 5, ok: tuple[int, ...] = (0,), **kwargs) -> float:
    """Median wall time of running ``cmd`` as a whole process (output discarded). ``ok``:
    the exit codes that are success here (diff and compare exit 1 for differences)."""
    def run():
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
        if r.returncode not in ok:
            raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr[-500:]!r}")
    run()  # warm the file cache
    return best_of(run, repeat)


def python_baseline(repeat: int = 5) -> float:
    """Time of ``python -c 'import lxml.etree'``: the floor for any lxml-based tool."""
    return process_time([sys.executable, "-c", "import lxml.etree"], repeat)


def ftzlaw_cmd() -> list[str]:
    return [sys.executable, "-m", "ftzlaw"]
