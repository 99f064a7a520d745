"""The examples in docs/*.md run (issue 15). Only marked examples are run, so that other
edits of the docs cannot break this test by accident: a ```console block directly after the
line ``<!-- tested -->``. In it, ``$ COMMAND`` lines are run in order (one bash each, in a
scratch folder per page where ``../shared`` is the corpus and ``texts/`` the bundled text);
the lines after a command are what it prints — standard output, then standard error — where
a line ``...`` stands for any number of lines, a line ending in `` ...`` for any line that
starts with what precedes it, and ``[exit N]`` for a non-zero exit code (otherwise 0 is
expected).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

DOCS = ROOT / "docs"
MARK = "<!-- tested -->"
BLOCK = re.compile(r"^<!-- tested -->\n```console\n(.*?)^```", re.M | re.S)


def examples(page: Path) -> list[tuple[int, str, list[str], int]]:
    """(line, command, expected lines, exit code) of every marked block of ``page``."""
    text = page.read_text(encoding="utf-8")
    out = []
    for block in BLOCK.finditer(text):
        first = text[: block.start(1)].count("\n") + 1
        current = None
        for k, line in enumerate(block.group(1).splitlines()):
            if line.startswith("$ "):
                current = [first + k, line[2:], [], 0]
                out.append(current)
            elif current is None:
                raise AssertionError(f"{page.name}:{first + k}: output before any $ command")
            elif m := re.fullmatch(r"\[exit (\d+)\]", line):
                current[3] = int(m.group(1))
            else:
                current[2].append(line)
    return [tuple(e) for e in out]


def pages():
    return sorted(p for p in DOCS.glob("*.md") if MARK in p.read_text(encoding="utf-8"))


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; ``...`` matches any run of lines (including none)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    want, got = expected[0].rstrip(), actual[0].rstrip() if actual else None
    if got is None:
        return False
    same = got.startswith(want[:-4]) if want.endswith(" ...") else got == want
    return same and matches(expected[1:], actual[1:])


def test_some_pages_have_tested_examples():
    names = [p.name for p in pages()]
    assert "conventions.md" in names
    assert sum(len(examples(p)) for p in pages()) >= 15
    # every command appears in a tested example
    commands = {c.split()[1] for p in pages() for _, c, _, _ in examples(p)
                if c.startswith("ftzlaw ")}
    assert {"import", "validate", "render", "diff", "amend", "compare", "store", "log",
            "show", "blame"} <= commands


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_examples_run_as_documented(page, tmp_path):
    work = tmp_path / "repo"
    work.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    (work / "texts").symlink_to(ROOT / "texts")
    env = dict(os.environ, LC_ALL="C.UTF-8", FTZLAW_STORE="ftzlaw-store",
               # the ftzlaw beside this Python first: the examples say `ftzlaw …`
               PATH=f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin")
    env.pop("CI", None)     # the examples' own output must not depend on CI
    for line, command, expected, code in examples(page):
        r = subprocess.run(["bash", "-c", command], cwd=work, env=env,
                           capture_output=True, timeout=300)
        actual = (r.stdout + r.stderr).decode("utf-8", "replace").splitlines()
        where = f"{page.name}:{line}: $ {command}"
        assert r.returncode == code, f"{where}\nexit {r.returncode}, documented {code}\n" + \
            "\n".join(actual[-30:])
        assert matches(expected, actual), f"{where}\ndocumented:\n" + "\n".join(expected) + \
            "\nactual:\n" + "\n".join(actual)
