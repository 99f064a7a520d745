"""Local file safety of every output (issue 15): -o onto devices, FIFOs, links and the
input; long names; temporary files after signals and kills; closed standard streams."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ftzlaw.errors import FtzlawError
from ftzlaw.files import read_bytes, remove_stale_temps, watch_inputs, write_atomic

from conftest import SEED, SEED_OPTIONS, TEXTS, ftzlaw_command, run_cli

T2015 = TEXTS / "tianjin-ftz-2015.txt"


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_output_onto_dev_null_writes_through():
    before = os.stat("/dev/null")
    r = run_cli("import", T2015, "-q", "-o", "/dev/null")
    assert r.returncode == 0, r.stderr.decode()
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert after.st_rdev == before.st_rdev


def test_output_onto_a_fifo_writes_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = run_cli("import", T2015, "-q", "-o", fifo)
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"<?xml") and "第五十八条".encode() in got[0]
    assert temps(tmp_path) == []


def test_output_onto_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.xml"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    r = run_cli("import", T2015, "-q", "-o", link)
    assert r.returncode == 0, r.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    dangling = tmp_path / "dangling.xml"
    dangling.symlink_to(tmp_path / "created.xml")
    assert run_cli("import", T2015, "-q", "-o", dangling).returncode == 0
    assert dangling.is_symlink() and (tmp_path / "created.xml").read_bytes().startswith(b"<?xml")


def test_output_onto_the_input_is_refused(tmp_path):
    src = tmp_path / "t.txt"
    src.write_bytes(T2015.read_bytes())
    r = run_cli("import", src, "-o", src)
    assert r.returncode == 2
    assert "is also an input of this command" in r.stderr.decode()
    assert src.read_bytes() == T2015.read_bytes()
    xml = tmp_path / "t.xml"
    assert run_cli("import", src, "-q", "-o", xml).returncode == 0
    before = xml.read_bytes()
    link = tmp_path / "alias.xml"          # the same file under another name
    link.symlink_to(xml)
    for args in (["diff", xml, src, "-o", link], ["render", xml, "-o", xml],
                 ["validate", xml, "-o", xml]):
        r = run_cli(*args)
        assert r.returncode == 2, args
        assert "is also an input" in r.stderr.decode()
    assert xml.read_bytes() == before
    assert temps(tmp_path) == []


def test_library_writes_are_not_watched(tmp_path):
    """Only a command watches its inputs; a library caller may rewrite a file it read."""
    path = tmp_path / "a.txt"
    path.write_text("一", encoding="utf-8")
    write_atomic(path, read_bytes(path) + "二".encode())
    assert path.read_text(encoding="utf-8") == "一二"
    with watch_inputs():
        read_bytes(path)
        with pytest.raises(FtzlawError, match="also an input"):
            write_atomic(path, b"x")


def test_254_character_output_name(tmp_path):
    name = "a" * 250 + ".xml"
    assert len(name) == 254
    r = run_cli("import", T2015, "-q", "-o", tmp_path / name)
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / name).read_bytes().startswith(b"<?xml")
    longest = "条" * 85               # 255 bytes in UTF-8, the most a name can hold
    assert len(longest.encode()) == 255
    r = run_cli("import", T2015, "-q", "-o", tmp_path / longest)
    assert r.returncode == 0, r.stderr.decode()
    assert temps(tmp_path) == []


def test_devices_other_than_character_devices_and_folders_are_refused(tmp_path):
    r = run_cli("import", T2015, "-q", "-o", tmp_path)
    assert r.returncode == 2 and "Is a directory" in r.stderr.decode()
    import socket
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        r = run_cli("import", T2015, "-q", "-o", sock_path)
        assert r.returncode == 2 and "block device or socket" in r.stderr.decode()
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    finally:
        sock.close()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_killed_writers_are_removed(tmp_path):
    stale = tmp_path / f".ftzlaw-{_dead_pid()}-abcd1234.tmp"
    live = tmp_path / f".ftzlaw-{os.getpid()}-efgh5678.tmp"
    other = tmp_path / ".someone-else.tmp"
    for p in (stale, live, other):
        p.write_bytes(b"partial")
    r = run_cli("import", T2015, "-q", "-o", tmp_path / "out.xml")
    assert r.returncode == 0
    assert not stale.exists()
    assert live.exists() and other.exists()       # a running writer's and not ours: kept
    assert remove_stale_temps(tmp_path) == 0


WRITER = """
import sys
from ftzlaw.files import write_atomic
data = b"x" * (32 * 1024 * 1024)
print("ready", flush=True)
while True:
    write_atomic(sys.argv[1], data)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_during_write_leaves_no_temp_file(tmp_path, sig):
    target = tmp_path / "big.bin"
    found_temp = False
    for delay in (0.3, 0.5, 0.8):
        # the signal's default handling, even when the tests run under nohup (SIGHUP
        # ignored, and an ignored signal is inherited)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL))
        assert proc.stdout.readline() == b"ready\n"
        deadline = time.monotonic() + 10
        while not temps(tmp_path) and time.monotonic() < deadline:   # mid-write, for sure
            time.sleep(0.005)
        found_temp = found_temp or bool(temps(tmp_path))
        proc.send_signal(sig)
        proc.wait(timeout=30)
        assert proc.returncode != 0
        assert temps(tmp_path) == [], (sig, delay)
    assert found_temp                     # the signals did land while a temp file existed


def test_closed_standard_streams(tmp_path):
    cmd = ftzlaw_command()
    out = subprocess.run(cmd + ["import", str(T2015), "-q"], stdout=None,
                         stderr=subprocess.PIPE, pass_fds=(), close_fds=True,
                         preexec_fn=lambda: os.close(1), timeout=120)
    assert out.returncode == 2
    assert "standard output is closed" in out.stderr.decode()
    out = subprocess.run(cmd + ["import", "-", "-q", "-o", str(tmp_path / "x.xml")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: os.close(0), timeout=120)
    assert out.returncode == 2
    assert "standard input is closed" in out.stderr.decode()
    assert not (tmp_path / "x.xml").exists()
    # stdout closed but -o given: works, and the file gets only the XML
    out = subprocess.run(cmd + ["import", str(T2015), "-q", "-o", str(tmp_path / "y.xml")],
                         stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    assert (tmp_path / "y.xml").read_bytes().startswith(b"<?xml")
    for args in (["validate", "-"], ["diff", "-", str(T2015)], ["render", "-"]):
        out = subprocess.run(cmd + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             preexec_fn=lambda: os.close(0), timeout=120)
        assert out.returncode == 2, args
        text = (out.stdout + out.stderr).decode()
        assert "standard input is closed" in text and "internal error" not in text


@pytest.mark.parametrize("args", [["import", str(SEED), "-q", "--title", "北京\x01条例",
                                   "--date", "2022-03-31"],
                                  ["render", str(SEED), "--title", "北京\x1b[31m"],
                                  ["store", "add", str(SEED), "--title", "x\x00y",
                                   "--date", "2022-03-31"],
                                  ["import", str(SEED), "-q", "--title", "a\u2028b"]])
def test_control_character_in_title(tmp_path, args):
    if "\x00" in " ".join(args):
        # a NUL cannot pass through argv at all; the library refuses it the same way
        from click.testing import CliRunner
        from ftzlaw.cli import main
        result = CliRunner().invoke(main, ["--store", str(tmp_path / "s")] + args)
        assert result.exit_code == 2
        assert "control character U+0000" in result.output
        return
    r = run_cli(*args, "-o", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 2
    assert "control character U+" in r.stderr.decode()
    assert "internal error" not in r.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_seed_options_still_fine(tmp_path):
    r = run_cli("import", SEED, *SEED_OPTIONS, "-q", "-o", tmp_path / "b.xml")
    assert r.returncode == 0


# --- texts loaded on the fly report what `import` reports ---------------------------------

def test_diff_and_render_print_the_importers_warnings():
    from ftzlaw.load import load, load_tree

    shandong = TEXTS / "shandong-ftz-2020.txt"
    imported = run_cli("import", shandong, "-o", "/dev/null").stderr.decode()
    expected = [line for line in imported.splitlines() if ": warning: " in line]
    assert len(expected) == 8
    assert expected[0] == f"{shandong}:39: warning: 第八条: item （三） where （一） was expected"
    diffed = run_cli("diff", shandong, shandong).stderr.decode()
    assert [line for line in diffed.splitlines() if ": warning: " in line] == expected * 2
    rendered = run_cli("render", shandong, "-o", "/dev/null").stderr.decode()
    assert [line for line in rendered.splitlines() if ": warning: " in line] == expected
    loaded = load(str(shandong))
    assert len(loaded.warnings) == 8 and loaded.warnings[0][0] == 39
    seen = []
    load_tree(str(shandong), on_warning=lambda *w: seen.append(w))
    assert seen == [(str(shandong), line, message) for line, message in loaded.warnings]


# --- option types of ftzlaw.cli.common ---------------------------------------------------

@pytest.mark.parametrize("value,ok", [("0.5", 0.5), ("1", 1.0), ("0", 0.0), ("nan", None),
                                      ("NaN", None), ("inf", None), ("-inf", None),
                                      ("1.5", None), ("-0.1", None), ("x", None), ("", None)])
def test_finite_float_option(value, ok):
    import click
    from click.testing import CliRunner
    from ftzlaw.cli.common import FiniteFloat

    @click.command()
    @click.option("--min-score", type=FiniteFloat(0.0, 1.0))
    def cmd(min_score):
        click.echo(repr(min_score))

    result = CliRunner().invoke(cmd, ["--min-score", value])
    if ok is None:
        assert result.exit_code == 2 and "Invalid value for '--min-score'" in result.output
    else:
        assert result.exit_code == 0 and result.output == f"{ok!r}\n"


def test_output_onto_dev_stdout_redirected_to_a_file(tmp_path):
    out = tmp_path / "out.xml"
    with open(out, "wb") as fh:
        r = subprocess.run(ftzlaw_command() + ["import", str(T2015), "-q", "-o", "/dev/stdout"],
                           stdout=fh, stderr=subprocess.PIPE, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert out.read_bytes().startswith(b"<?xml") and "第五十八条".encode() in out.read_bytes()
    assert temps(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["out.xml"]
