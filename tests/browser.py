"""Real headless Chromium for HTML checks (Debian ``chromium``; no mocks).

Used by the render, diff and compare tests: load a file, get the DOM after scripts ran,
the console errors, and a screenshot.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from conftest import need

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio"]


def _run(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    need("chromium")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, timeout=timeout, text=True)


def dom(path: Path) -> tuple[str, list[str]]:
    """The page's DOM after load, and the console errors Chromium logged while loading."""
    r = _run(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
              "--dump-dom", Path(path).resolve().as_uri()])
    assert r.returncode == 0, r.stderr[-2000:]
    errors = [line for line in r.stderr.splitlines()
              if "CONSOLE" in line and ("Uncaught" in line or ":ERROR:" in line or "Error" in line)]
    return r.stdout, errors


def screenshot(path: Path, png: Path, size: str = "1000,1400") -> Path:
    r = _run([f"--screenshot={png}", f"--window-size={size}", "--hide-scrollbars",
              Path(path).resolve().as_uri()])
    assert r.returncode == 0 and png.exists() and png.stat().st_size > 1000, r.stderr[-2000:]
    return png
