"""Real headless Chromium for HTML checks (Debian ``chromium``; no mocks).

Used by the render, diff and compare tests: load a file, get the DOM after scripts ran,
the console errors, and a screenshot.
"""

from __future__ import annotations

import re
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


# Put first in the page loaded: console.error calls and uncaught errors are echoed through
# console.log with a marker (Chromium logs every console level alike, as INFO:CONSOLE, so the
# level cannot be told apart from the log), then the script removes itself from the DOM.
PROBE = ("<script>(function(){var m='FTZLAW-CONSOLE-ERROR ',log=console.log.bind(console),"
         "err=console.error.bind(console);"
         "console.error=function(){log(m+Array.prototype.map.call(arguments,String).join(' '));"
         "err.apply(console,arguments)};"
         "window.addEventListener('error',function(e){log(m+(e.message||'error loading '+"
         "(e.target&&(e.target.src||e.target.href))))},true);"
         "window.addEventListener('unhandledrejection',function(e){log(m+'Unhandled rejection: '"
         "+e.reason)});document.currentScript.remove()})()</script>")
MARKER = "FTZLAW-CONSOLE-ERROR "
CONSOLE_LINE = re.compile(r':CONSOLE[^\]]*\] "(.*)", source: ')


def _probed_copy(path: Path) -> Path:
    """A copy of the page beside it (so relative references still resolve) with PROBE
    inserted right after <head> (after <html>, else at the start)."""
    page = path.read_text(encoding="utf-8")
    at = 0
    for tag in (r"<head\b[^>]*>", r"<html\b[^>]*>", r"<!doctype[^>]*>"):
        m = re.search(tag, page, re.I)
        if m:
            at = m.end()
            break
    copy = path.with_name(f".{path.stem}.probe{path.suffix}")
    copy.write_text(page[:at] + PROBE + page[at:], encoding="utf-8")
    return copy


def dom(path: Path) -> tuple[str, list[str]]:
    """The page's DOM after load, and the console errors while loading: console.error
    messages, uncaught exceptions, unhandled rejections, resources that failed to load."""
    path = Path(path).resolve()
    copy = _probed_copy(path)
    try:
        r = _run(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
                  "--dump-dom", copy.as_uri()])
    finally:
        copy.unlink()
    assert r.returncode == 0, r.stderr[-2000:]
    errors: list[str] = []
    for line in r.stderr.splitlines():
        m = CONSOLE_LINE.search(line)
        if not m:
            continue
        message = m.group(1)
        if message.startswith(MARKER):
            message = message[len(MARKER):]
        elif not ("Uncaught" in message or "Failed to load" in message or "Error" in message):
            continue
        if message not in errors:
            errors.append(message)
    return r.stdout, errors


def screenshot(path: Path, png: Path, size: str = "1000,1400") -> Path:
    r = _run([f"--screenshot={png}", f"--window-size={size}", "--hide-scrollbars",
              Path(path).resolve().as_uri()])
    assert r.returncode == 0 and png.exists() and png.stat().st_size > 1000, r.stderr[-2000:]
    return png
