"""Shared test data: the real corpus in ../shared/texts and the bundled Beijing seed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FTZLAW_SHARED", ROOT.parent / "shared"))
TEXTS = SHARED / "texts"
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
SEED_OPTIONS = ["--title", "中国（北京）自由贸易试验区条例", "--date", "2022-03-31"]
SEED_KW = {"title": "中国（北京）自由贸易试验区条例", "date": "2022-03-31"}
DECISION = TEXTS / "tianjin-ftz-amendment-decision-2022.txt"

# file → (articles, chapters, import options): counts from ../shared/texts/SOURCES.md
CORPUS = {
    "tianjin-ftz-2015.txt": (58, 8, {}),
    "tianjin-ftz-2022.txt": (68, 8, {}),
    "hebei-ftz-2020.txt": (65, 8, {}),
    "zhejiang-ftz-2017.txt": (59, 8, {}),
    "zhejiang-ftz-2022.txt": (72, 9, {}),
    "shanghai-ftz-2014.txt": (57, 9, {"date": "2014-07-25"}),
    "hainan-ftp-law-2021.txt": (57, 8, {}),
    "chongqing-ftz-2019.txt": (56, 8, {}),
    "shandong-ftz-2020.txt": (59, 10, {}),
}


def corpus_files():
    """Every importable text: the corpus (decision excepted) and the seed."""
    out = [(TEXTS / name, opts) for name, (_, _, opts) in CORPUS.items()]
    return out + [(SEED, SEED_KW)]


def import_kw(path: Path) -> dict:
    if path == SEED:
        return dict(SEED_KW)
    return dict(CORPUS[path.name][2])


@pytest.fixture(scope="session")
def imported():
    """Import each corpus file once per session: path name → ImportResult."""
    from ftzlaw.textin import import_bytes

    cache = {}

    def get(path: Path):
        if path.name not in cache:
            cache[path.name] = import_bytes(path.read_bytes(), source=str(path), **import_kw(path))
        return cache[path.name]
    return get


def ftzlaw_command() -> list[str]:
    """The installed ``ftzlaw`` script beside this Python (the venv's), never one found on
    PATH: CI's PATH has no .venv/bin, and a stale install elsewhere must not be tested."""
    exe = Path(sys.executable).with_name("ftzlaw")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ftzlaw"]


def run_cli(*args, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run the real ``ftzlaw`` command as a user would."""
    return subprocess.run(ftzlaw_command() + [str(a) for a in args], input=input,
                          capture_output=True, cwd=cwd, timeout=300)


def need(tool: str):
    """Skip unless a system tool is installed (CI installs them all; see .ci/run)."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed, but CI must have it")
        pytest.skip(f"{tool} not installed")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI (CI set) a skipped test is a failure: every tool CI needs is installed by
    scripts/install, so a skip can only hide a check that did not run."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI, which must run every test: {reason}"
