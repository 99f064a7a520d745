"""Scale: a generated regulation of 10,000 articles (100 章, 款, 项, citations) through every
command as whole processes, at 2,500 and 10,000 articles (4× the text: a linear command
takes about 4× the time); and the paths issue 15 found quadratic, in-process, at doubling
sizes (a linear path takes about 2× per doubling):

* validate with N repeated eIds (was 221 s at 100,000), against the peer: libxml2's XSD
  identity constraints on the same repeats (what validate did before);
* validate with N attributes on one element (was over 900 s at 200,000);
* a 10 MB single line: import, validate, render.

compare runs the big text against Tianjin 2022 (68 articles). Two big texts against each
other are compare's own business (its benchmark); here two sizes of that case are shown
for the record, since this generated text is very repetitive.

Peers measured in the same run: ``python -c 'import lxml.etree'`` (the floor of any
process) and bare lxml parse + XSD of the same file.

    python benchmarks/scale_bench.py            # about 5 minutes on one core
    python benchmarks/scale_bench.py --quick    # 1,000 / 4,000 articles, smaller N
    python benchmarks/scale_bench.py --commands # only every command at the two sizes
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, python_baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import TEXTS  # noqa: E402

TIANJIN = TEXTS / "tianjin-ftz-2022.txt"
HAN = "自贸试验区应当推进投资贸易便利金融服务管理创新市场主体依法建设发展制度国家本市有关部门规定"
TITLE = "北京市规模测试条例"


def regulation(articles: int, variant: int = 0) -> str:
    """A text of ``articles`` 条 in chapters of 100; ``variant`` 1 changes every 10th
    article's wording and drops every 50th (a later version of the same work)."""
    from ftzlaw.zh.numerals import int_to_cn

    lines = [TITLE, "（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）", ""]
    n = 0
    for k in range(1, articles + 1):
        if (k - 1) % 100 == 0:
            lines.append(f"第{int_to_cn((k - 1) // 100 + 1)}章　第{k}条以下")
        if variant and k % 50 == 0:
            continue
        n += 1
        words = "".join(HAN[(k * 7 + j) % len(HAN)] for j in range(24))
        if variant and k % 10 == 0:
            words = "修订后" + words
        cite = f"依照本条例第{int_to_cn(max(1, n - 3))}条的规定，" if k % 7 == 0 else ""
        if k % 5 == 0:
            lines.append(f"第{int_to_cn(n)}条　{cite}{words}：")
            lines.append(f"　　（一）{words[:10]}；")
            lines.append(f"　　（二）{words[10:]}。")
        else:
            lines.append(f"第{int_to_cn(n)}条　{cite}{words}。")
        if k % 3 == 0:
            lines.append(f"　　{words[::-1]}。")
    return "\n".join(lines) + "\n"


def decision(articles: int) -> str:
    from ftzlaw.zh.numerals import int_to_cn

    out = [f"北京市人民代表大会常务委员会关于修改《{TITLE}》的决定",
           "（2023年1月1日北京市第十六届人民代表大会常务委员会第九次会议通过）", ""]
    for i, k in enumerate(range(articles // 20, articles, articles // 20), 1):
        out.append(f"{int_to_cn(i)}、将第{int_to_cn(k)}条修改为：“第{int_to_cn(k)}条　修改后的规定。”")
    out.append("本决定自2023年2月1日起施行。")
    return "\n".join(out) + "\n"


LIMIT = 300   # seconds per command; a command over it is reported as such


def timed(cmd, ok=(0,)) -> float:
    """Wall time of one whole-process run (inf when over LIMIT: killed)."""
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return float("inf")
    took = time.perf_counter() - t0
    if r.returncode not in ok:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {r.returncode}: "
                           f"{r.stderr[-800:].decode(errors='replace')}")
    return took


def commands(d: Path, n: int) -> dict[str, float]:
    """Every command once on the n-article texts in ``d``; seconds per command."""
    f = ftzlaw_cmd()
    old, new, xml, xml2 = d / f"old{n}.txt", d / f"new{n}.txt", d / f"old{n}.xml", d / f"new{n}.xml"
    store = d / f"store{n}"
    t = Timings(n)
    t["import"] = timed(f + ["import", old, "-q", "-o", xml])
    timed(f + ["import", new, "-q", "-o", xml2])
    t["validate"] = timed(f + ["validate", xml])
    t["render html"] = timed(f + ["render", xml, "-o", d / "o.html"])
    t["render pdf"] = timed(f + ["render", xml, "--format", "pdf", "-o", d / "o.pdf"])
    t["diff json"] = timed(f + ["diff", xml, xml2, "--format", "json", "-o", d / "d.json"], (1,))
    t["diff docx"] = timed(f + ["diff", xml, xml2, "--format", "docx", "-o", d / "d.docx"], (1,))
    t["amend"] = timed(f + ["amend", xml, d / f"decision{n}.txt", "-q", "-o", d / "a.xml"])
    t["compare"] = timed(f + ["compare", xml, TIANJIN, "--format", "json", "-o",
                              d / "c.json"], (0, 1))
    t["store add ×2"] = timed(f + ["--store", store, "store", "add", xml, d / "a.xml"])
    work = _work(xml)
    t["log"] = timed(f + ["--store", store, "log", work])
    t["show"] = timed(f + ["--store", store, "show", work, "--at", "2024-01-01"])
    t["blame"] = timed(f + ["--store", store, "blame", work])
    return t


class Timings(dict):
    """Seconds per command, printed as they come (a long run shows progress)."""

    def __init__(self, n):
        super().__init__()
        self.n = n

    def __setitem__(self, name, seconds):
        super().__setitem__(name, seconds)
        print(f"    [{self.n:,} articles] {name}: {seconds:.2f} s", flush=True)


def _work(xml: Path) -> str:
    from ftzlaw.akn import Document
    from ftzlaw.akn.xml import parse_akn

    return Document(parse_akn(xml.read_bytes())).work_uri


def repeated_eids(tree_bytes: bytes, n: int) -> bytes:
    from lxml import etree

    from ftzlaw.akn.xml import akn

    root = etree.fromstring(tree_bytes)
    p = root.find(".//" + akn("p"))
    for _ in range(n):
        etree.SubElement(p, akn("span"), eId="dup").text = "字"
    return etree.tostring(root)


def many_attributes(tree_bytes: bytes, n: int) -> bytes:
    at = tree_bytes.index(b"<article ") + len(b"<article ")
    return tree_bytes[:at] + b" ".join(b'a%d="1"' % k for k in range(n)) + b" " + tree_bytes[at:]


def _commands_table(d: Path, sizes) -> tuple[int, int]:
    """Every command as a whole process at both sizes, and the table of ratios."""
    results = {}
    for n in sizes:
        (d / f"old{n}.txt").write_text(regulation(n), encoding="utf-8")
        (d / f"new{n}.txt").write_text(regulation(n, 1), encoding="utf-8")
        (d / f"decision{n}.txt").write_text(decision(n), encoding="utf-8")
        results[n] = commands(d, n)
    small, big = sizes
    size_mb = (d / f"old{big}.txt").stat().st_size / 1e6
    print(f"\nEvery command, whole process, {small:,} vs {big:,} articles "
          f"({size_mb:.1f} MB of text; {big // small}× the text):")
    print(f"  {'command':14} {small:>8,} {big:>8,}   ratio")
    for name in results[small]:
        a, b = results[small][name], results[big][name]
        print(f"  {name:14} {a:7.2f}s {b:7.2f}s   {b / a:5.2f}")
    return small, big


def main() -> None:
    from ftzlaw.akn.xml import parse_akn, to_bytes
    from ftzlaw.textin import import_text
    from ftzlaw.validate import check_bytes
    from ftzlaw.validate.schema import official_schema

    quick = "--quick" in sys.argv
    only_commands = "--commands" in sys.argv
    sizes = (1000, 4000) if quick else (2500, 10000)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        print(f"python -c 'import lxml.etree' (floor of any process): {python_baseline():.2f} s",
              flush=True)
        schema = official_schema(True)
        seed = to_bytes(import_text(regulation(50)).tree)
        if only_commands:
            return _commands_table(d, sizes)
        steps = (12500, 25000, 50000, 100000) if not quick else (5000, 10000, 20000)
        print("\nrepeated eIds (validate, in-process) — ours vs libxml2's identity "
              "constraints on the repeats:")
        prev = None
        for n in steps:
            data = repeated_eids(seed, n)
            t = best_of(lambda: check_bytes(data), repeat=1)
            line = f"  {n:>7,}: {t:6.2f} s" + (f"  ×{t / prev:.2f}" if prev else "")
            if n <= steps[1]:
                tree = parse_akn(data)
                naive = best_of(lambda: schema.validate(tree), repeat=1)
                line += f"   peer (XSD on the repeats): {naive:6.2f} s"
            print(line, flush=True)
            prev = t
        print("attributes on one element (validate, in-process):")
        prev = None
        for n in (25000, 50000, 100000, 200000) if not quick else (10000, 20000, 40000):
            data = many_attributes(seed, n)
            t = best_of(lambda: check_bytes(data), repeat=1)
            print(f"  {n:>7,}: {t:6.2f} s" + (f"  ×{t / prev:.2f}" if prev else ""), flush=True)
            prev = t

        small, big = _commands_table(d, sizes)

        f = ftzlaw_cmd()
        print("compare, two generated texts of N articles against each other (whole process):")
        for n in (250, 500) if quick else (500, 1000):
            a, b = d / f"ca{n}.txt", d / f"cb{n}.txt"
            a.write_text(regulation(n), encoding="utf-8")
            b.write_text(regulation(n, 1), encoding="utf-8")
            print(f"  {n:>5,}: {timed(f + ['compare', a, b, '-o', d / 'cc.txt'], (0, 1)):.2f} s")

        xml = (d / f"old{big}.xml").read_bytes()
        peer = best_of(lambda: schema.validate(parse_akn(xml)), repeat=3)
        ours = best_of(lambda: check_bytes(xml), repeat=3)
        print(f"\nvalidate {big:,} articles in-process: {ours:.2f} s; peer (lxml parse + XSD "
              f"only): {peer:.2f} s ({ours / peer:.1f}×)")

        line_text = regulation(3).replace("第二条　", "第二条　" + "自由贸易" * 
                                          ((10 if not quick else 2) * 1024 * 1024 // 12), 1)
        src = d / "line.txt"
        src.write_text(line_text, encoding="utf-8")
        print(f"a {src.stat().st_size / 1e6:.1f} MB single line: "
              f"import {timed(f + ['import', src, '-q', '-o', d / 'line.xml']):.2f} s, "
              f"validate {timed(f + ['validate', d / 'line.xml']):.2f} s, "
              f"render html {timed(f + ['render', d / 'line.xml', '-o', d / 'l.html']):.2f} s")


if __name__ == "__main__":
    main()
