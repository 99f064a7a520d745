"""Import speed: the Beijing seed in-process and whole-process, with the ratio to a bare
``python -c "import lxml.etree"`` measured in the same run; then the national corpus
(../shared/corpus/lawrefbook, 3,423 texts) — a sample in-process (per text, against the
peer of only decoding and parsing the same files' text with lxml) and the whole corpus as a
user runs it (``ftzlaw import DIR -o OUT``, one process pool). ``--no-corpus`` skips the
corpus.

    python benchmarks/import_bench.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time, python_baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
OPTS = ["--title", "中国（北京）自由贸易试验区条例", "--date", "2022-03-31"]


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.textin import import_bytes

    data = SEED.read_bytes()
    in_process = best_of(lambda: to_bytes(import_bytes(
        data, title=OPTS[1], date=OPTS[3]).tree), repeat=20)
    whole = process_time(ftzlaw_cmd() + ["import", str(SEED), *OPTS, "-q"])
    help_time = process_time(ftzlaw_cmd() + ["--help"])
    base = python_baseline()
    print(f"seed import, in-process:      {in_process * 1000:7.1f} ms")
    print(f"seed import, whole process:   {whole * 1000:7.1f} ms")
    print(f"ftzlaw --help (start-up):     {help_time * 1000:7.1f} ms")
    print(f"python -c 'import lxml.etree': {base * 1000:7.1f} ms")
    print(f"ratio import / lxml baseline:  {whole / base:7.2f}x")
    if "--no-corpus" not in sys.argv:
        corpus()


def corpus() -> None:
    import os
    import subprocess
    import tempfile
    import time

    from ftzlaw.textin import import_bytes
    from ftzlaw.textin.batch import plan

    lrb = ROOT.parent / "shared" / "corpus" / "lawrefbook"
    if not lrb.is_dir():
        print(f"corpus not found at {lrb}: skipped")
        return
    files = [src for src, _ in plan([lrb], "/nonexistent")]
    sample = files[:: max(1, len(files) // 200)]
    datas = [Path(f).read_bytes() for f in sample]
    t0 = time.perf_counter()
    for path, data in zip(sample, datas):
        try:
            import_bytes(data, source=path)
        except Exception:
            pass
    ours = (time.perf_counter() - t0) / len(sample)

    def peer():
        from lxml import etree
        for data in datas:
            root = etree.Element("p")
            root.text = data.decode("utf-8", "replace").replace("\x00", "")
            etree.tostring(root)
    peer_time = best_of(peer, repeat=3) / len(sample)
    import resource

    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(ftzlaw_cmd() + ["import", str(lrb), "-o", out, "--format", "json"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    import json
    summary = json.loads(r.stdout)["summary"]
    print(f"corpus sample, in-process:     {ours * 1000:7.1f} ms per text ({len(sample)} texts)")
    print(f"peer (decode + lxml the text): {peer_time * 1000:7.1f} ms per text "
          f"(ratio {ours / peer_time:.0f}x)")
    print(f"whole corpus, ftzlaw import DIR: {wall:6.1f} s wall for {summary['texts']} texts on "
          f"{os.cpu_count()} cores ({summary['imported']} imported, {summary['refused']} "
          f"refused; exit {r.returncode})")
    print(f"  CPU time of its processes:     {cpu:6.1f} s (→ {cpu / (os.cpu_count() or 1):.0f} s "
          f"wall on idle cores); load average during the run {load:.1f}")


if __name__ == "__main__":
    main()
