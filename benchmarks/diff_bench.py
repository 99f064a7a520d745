"""Diff speed: the Tianjin 2015/2022 pair and generated pairs (250 … 2,000 articles, 10%
changed), in-process and whole-process, with ``xmldiff`` on the same AKN pairs measured in
the same run and the ratio; then one long single-line provision (the corpus run together,
one word changed every 10,000 characters): the character engine against diff-match-patch
alone (as ftzlaw used it before: no deadline, semantic clean-up) in-process, and
``ftzlaw diff`` as a whole process up to 10 MB with its peak memory.

    python benchmarks/diff_bench.py            # everything (~5 min on 2 busy cores)
    python benchmarks/diff_bench.py --long     # only the long single line

Both tools get parsed-from-file AKN: ftzlaw parses and diffs; xmldiff
(``xmldiff.main.diff_files``) parses and diffs. Neither writes a report.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "texts"
CORPUS = ["tianjin-ftz-2022.txt", "hebei-ftz-2020.txt",
          "zhejiang-ftz-2022.txt", "shandong-ftz-2020.txt", "chongqing-ftz-2019.txt"]


def akn_file(text: str, folder: Path, name: str) -> Path:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.textin import import_text

    path = folder / name
    tree = import_text(text, source=name, title="天津市生成的条例", date="2020-01-01",
                       layout="lines").tree
    path.write_bytes(to_bytes(tree))
    return path


def generated_pair(n: int, folder: Path, seed: int = 1) -> tuple[Path, Path, dict]:
    """An n-article regulation built from real article texts of the corpus (suffixed so
    every article differs; added ones from other texts than kept ones), and a new version with 10% changed: 5% edited in place
    (a phrase replaced), 2.5% deleted, 2.5% added."""
    from ftzlaw.akn import Document
    from ftzlaw.load import load_tree
    from ftzlaw.zh.numerals import article_label

    rnd = random.Random(seed)
    pool = []
    for name in CORPUS:
        pool += [a.text.replace("\n", "") for a in Document(load_tree(str(TEXTS / name))[0]).articles]
    pool = sorted(set(pool))
    kept, fresh = pool[::2], pool[1::2]  # added articles never repeat a kept one's text
    old = [f"{rnd.choice(kept)}（第{k}号）" for k in range(n)]
    new = list(old)
    k_edit, k_del, k_add = n // 20, n // 40, n // 40
    picks = rnd.sample(range(n), k_edit + k_del)
    for i in picks[:k_edit]:
        cut = rnd.randrange(0, max(1, len(new[i]) - 10))
        new[i] = new[i][:cut] + "依法依规" + new[i][cut + 4:]
    for i in sorted(picks[k_edit:], reverse=True):
        del new[i]
    for _ in range(k_add):
        new.insert(rnd.randrange(len(new)), f"{rnd.choice(fresh)}（新增{rnd.random():.6f}）")

    def text(arts):
        return "天津市生成的条例\n" + "".join(f"{article_label(k + 1)}　{t}\n"
                                       for k, t in enumerate(arts))
    expected = {"modified": k_edit, "deleted": k_del, "added": k_add}
    return (akn_file(text(old), folder, f"old-{n}.xml"),
            akn_file(text(new), folder, f"new-{n}.xml"), expected)


def measure(label: str, old: Path, new: Path, xmldiff_too: bool = True,
            expected: dict | None = None) -> float:
    from xmldiff import main as xmldiff

    from ftzlaw.akn.xml import parse_akn
    from ftzlaw.diff import diff_documents

    def ours():
        return diff_documents(parse_akn(old.read_bytes()), parse_akn(new.read_bytes()))
    cs = ours()
    t_ours = best_of(ours, repeat=5)
    whole = _whole(old, new)
    line = (f"{label:<28} {len(cs.articles):5d} rows  ftzlaw {t_ours * 1000:8.1f} ms"
            f"  (whole process {whole * 1000:7.1f} ms)")
    if xmldiff_too:
        t_x = best_of(lambda: xmldiff.diff_files(str(old), str(new)), repeat=1)
        line += f"  xmldiff {t_x * 1000:9.1f} ms  ratio {t_x / t_ours:6.1f}x"
    print(line, "  ", cs.summary, flush=True)
    if expected is not None:
        # A deleted article with an added one in its very place, between two unchanged
        # neighbours, is reported as that article rewritten (see ftzlaw.diff.align):
        # each such pair turns one deleted + one added into one modified.
        s = cs.summary
        rewrites = expected["deleted"] - s["deleted"]
        assert s["added"] == expected["added"] - rewrites >= 0, (s, expected)
        assert s["modified"] == expected["modified"] + rewrites, (s, expected)
    return t_ours


def _whole(old: Path, new: Path) -> float:
    cmd = ftzlaw_cmd() + ["diff", str(old), str(new), "--format", "json"]
    return process_time(cmd, repeat=3, ok=(0, 1))


def long_texts(n: int, every: int = 10_000, seed: int = 1) -> tuple[str, str]:
    """A single line of ``n`` characters (the corpus files run together, whitespace
    dropped) and the same with one 3-character word replaced by 依法依规 every ``every``."""
    parts, size = [], 0
    for path in sorted((ROOT.parent / "shared" / "corpus" / "lawrefbook").rglob("*.md")):
        parts.append("".join(path.read_text(encoding="utf-8").split()))
        size += len(parts[-1])
        if size > n:
            break
    old = "".join(parts)[:n]
    del parts
    rnd = random.Random(seed)
    # (slices, not a list of characters: this process's memory would count in the child's
    # peak RSS, which Linux carries across exec)
    cuts = sorted(rnd.sample(range(n - 3), n // every))
    pieces, last = [], 0
    for i in cuts:
        if i >= last:
            pieces += [old[last:i], "依法依规"]
            last = i + 3
    return old, "".join(pieces + [old[last:]])


def _peak_run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time, peak RSS (MiB) and exit code of one run of ``cmd``."""
    import os
    import subprocess
    import time

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def long_line(folder: Path) -> None:
    import time

    from diff_match_patch import diff_match_patch

    from ftzlaw.diff.chars import char_diff, comparison_form

    print("long single line: character engine vs diff-match-patch alone (in-process)")
    peer_alive = True
    for n in (50_000, 100_000, 200_000, 400_000, 1_000_000):
        old, new = long_texts(n)
        t0 = time.perf_counter()
        ops = char_diff(old, new)
        ours = time.perf_counter() - t0
        assert "".join(o.side("old") for o in ops) == old
        line = f"  {n:>9,} chars  ftzlaw {ours:7.2f} s"
        if peer_alive:
            d = diff_match_patch()
            d.Diff_Timeout = 0
            a, b = comparison_form(old), comparison_form(new)
            t0 = time.perf_counter()
            diffs = d.diff_main(a, b, False)
            d.diff_cleanupSemantic(diffs)
            peer = time.perf_counter() - t0
            line += f"  diff-match-patch {peer:7.2f} s  ratio {peer / ours:5.1f}x"
            peer_alive = peer < 30  # it grows with size × differences: stop before it runs away
        print(line, flush=True)
    print("long single line: ftzlaw diff --format json, whole process (one run each)")
    for mb in (1, 2, 5, 10):
        paths = []
        for name, text in zip(("old", "new"), long_texts(mb * 1_000_000)):
            path = folder / f"long-{mb}-{name}.txt"
            path.write_text("天津市长文本测试条例\n第一条　" + text + "\n", encoding="utf-8")
            paths.append(str(path))
        del text
        wall, rss, code = _peak_run(ftzlaw_cmd() + ["diff", *paths, "--format", "json"])
        assert code == 1, code
        print(f"  {mb:>3} MB  {wall:7.1f} s  peak RSS {rss:6.0f} MiB  "
              f"({wall / mb:.1f} s and {rss / mb:.0f} MiB per MB)", flush=True)


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.load import load_tree

    if "--long" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            long_line(Path(tmp))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pair = []
        for name in ("tianjin-ftz-2015.txt", "tianjin-ftz-2022.txt"):
            path = folder / name.replace(".txt", ".xml")
            path.write_bytes(to_bytes(load_tree(str(TEXTS / name))[0]))
            pair.append(path)
        measure("tianjin 2015 → 2022", *pair)
        per_article = []
        for n in (250, 500, 1000, 2000):
            old, new, expected = generated_pair(n, folder)
            t = measure(f"generated {n} (10% changed)", old, new, xmldiff_too=n <= 1000,
                        expected=expected)
            per_article.append((n, t / n))
        print("time per article (linear growth keeps it flat): " +
              ", ".join(f"{n}: {t * 1e6:.0f} µs" for n, t in per_article))
        long_line(folder)


if __name__ == "__main__":
    main()
