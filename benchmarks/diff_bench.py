"""Diff speed: the Tianjin 2015/2022 pair and generated pairs (250 … 2,000 articles, 10%
changed), in-process and whole-process, with ``xmldiff`` on the same AKN pairs measured in
the same run and the ratio.

    python benchmarks/diff_bench.py

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


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.load import load_tree

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


if __name__ == "__main__":
    main()
