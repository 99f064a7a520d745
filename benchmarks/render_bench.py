"""Render speed for the Beijing seed: HTML and PDF, in-process and whole-process, with the
ratio of the PDF time to a bare typst compile of the same plain text (same fonts, no
template) measured in the same run; then scale: the PDF of generated laws of 1,250, 2,500,
5,000 and 10,000 articles (whole process, AKN in), with the time per article at each size
(linear growth: the per-article time stays flat) and the peer, a bare typst compile of the
same characters, at 10,000.

    python benchmarks/render_bench.py            # seed and scale
    python benchmarks/render_bench.py --scale    # scale only
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
OPTS = {"title": "中国（北京）自由贸易试验区条例", "date": "2022-03-31"}

BARE = """#set document(date: none)
#set page(paper: "a4")
#set text(font: "{serif}", lang: "zh")
#read("plain.txt")
"""


SIZES = (1250, 2500, 5000, 10000)
_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 10000 → 一万 (ftzlaw's numerals stopped at 9,999 when this was
    written; the benchmark makes its own labels so it does not depend on them)."""
    def below_10k(k: int, pad: bool) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d:
                if zero or (pad and not out and value < 1000):
                    out += "零"
                out += ("" if (d == 1 and unit == "十" and not out and not pad) else _DIGITS[d])
                out += unit
                zero = False
            elif out or pad:
                zero = True
        return out
    if n >= 10000:
        rest = n % 10000
        return below_10k(n // 10000, False) + "万" + (below_10k(rest, True) if rest else "")
    return below_10k(n, False)


SENTENCE = ("自贸试验区应当建立健全（以下简称“联动机制”）的工作制度，推动贸易便利化、投资自由化，"
            "完善事中事后监管；有关部门应当按照职责分工，做好相关工作。")


def generated_law(articles: int):
    """An AKN act of ``articles`` articles in chapters of 25, each of two 款 (the second with
    two 项): about 150 characters an article, full-width punctuation throughout."""
    from lxml import etree

    from ftzlaw.akn.xml import NS
    from ftzlaw.textin import import_bytes

    text = "生成条例\n第一章　总则\n第一条　" + SENTENCE + "\n"
    tree = import_bytes(text.encode(), layout="lines", date="2024-01-01", provisional=True).tree
    body = tree.getroot().find(f".//{{{NS}}}body")
    for child in list(body):
        body.remove(child)

    def el(parent, tag, text=None, **attrs):
        e = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
        if text is not None:
            e.text = text
        return e

    chapter = None
    for n in range(1, articles + 1):
        if (n - 1) % 25 == 0:
            c = (n - 1) // 25 + 1
            chapter = el(body, "chapter", eId=f"chp_{c}")
            el(chapter, "num", f"第{cn_number(c)}章")
            el(chapter, "heading", "分则")
        art = el(chapter, "article", eId=f"art_{n}")
        el(art, "num", f"第{cn_number(n)}条")
        p1 = el(art, "paragraph", eId=f"art_{n}__para_1")
        el(el(p1, "content"), "p", SENTENCE)
        p2 = el(art, "paragraph", eId=f"art_{n}__para_2")
        el(el(p2, "intro"), "p", "前款规定的工作包括：")
        for k in (1, 2):
            pt = el(p2, "point", eId=f"art_{n}__para_2__point_{k}")
            el(pt, "num", f"（{cn_number(k)}）")
            el(el(pt, "content"), "p", "制定实施细则并向社会公布；" if k == 1 else "其他事项。")
    return tree


def scale() -> None:
    from ftzlaw.akn import Document
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.render.fonts import gazette_fonts
    from ftzlaw.render.typst import _font_dirs

    fonts = gazette_fonts()
    print("scale: PDF of a generated law, whole process (AKN in), one run each")
    per = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in SIZES:
            tree = generated_law(n)
            akn = tmp / f"law{n}.xml"
            akn.write_bytes(to_bytes(tree))
            t = process_time(ftzlaw_cmd() + ["render", str(akn), "--format", "pdf",
                                              "-o", str(tmp / f"law{n}.pdf")], repeat=1)
            per.append(t / n)
            size = (tmp / f"law{n}.pdf").stat().st_size
            print(f"  {n:6d} articles: {t:7.2f} s  ({t / n * 1000:5.2f} ms/article, "
                  f"PDF {size / 1e6:5.1f} MB)")
        # the peer at the largest size: the same characters as plain text, bare typst
        doc = Document(tree)
        plain = "\n\n".join(a.num + "\u3000" + a.text for a in doc.articles)
        (tmp / "plain.txt").write_text(plain, encoding="utf-8")
        bare = tmp / "bare.typ"
        bare.write_text(BARE.replace("{serif}", fonts.cjk.serif.family), encoding="utf-8")
        dirs = _font_dirs(tuple(fonts.cjk.files))
        t_bare = process_time([sys.executable, "-c",
                               f"import typst; typst.compile({str(bare)!r}, root={str(tmp)!r}, "
                               f"font_paths={dirs!r}, ignore_system_fonts=True)"], repeat=1)
    print(f"  bare typst, {SIZES[-1]} articles' text: {t_bare:7.2f} s")
    print(f"  growth: ms/article at {SIZES[-1]} / at {SIZES[0]}: {per[-1] / per[0]:5.2f}x "
          f"(1.00 = linear); PDF / bare typst at {SIZES[-1]}: "
          f"{per[-1] * SIZES[-1] / t_bare:5.2f}x")


def main() -> None:
    if "--scale" in sys.argv[1:]:
        scale()
        return
    import typst

    from ftzlaw.akn import Document
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.render import render_html, render_pdf
    from ftzlaw.render.fonts import find_cjk_fonts
    from ftzlaw.render.typst import _font_dirs
    from ftzlaw.textin import import_bytes

    tree = import_bytes(SEED.read_bytes(), **OPTS).tree
    doc = Document(tree)
    fonts = find_cjk_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        akn = tmp / "beijing.xml"
        akn.write_bytes(to_bytes(tree))
        # The peer: the same characters (title, 题注, every article) as plain text.
        plain = "\n\n".join([doc.title, doc.caption] + [a.num + "\u3000" + a.text
                                                         for a in doc.articles])
        (tmp / "plain.txt").write_text(plain, encoding="utf-8")
        bare = tmp / "bare.typ"
        bare.write_text(BARE.replace("{serif}", fonts.serif.family), encoding="utf-8")
        font_dirs = _font_dirs(tuple(fonts.files))

        bare_compiler = typst.Compiler(root=str(tmp), font_paths=font_dirs,
                                       ignore_system_fonts=True)

        def bare_compile():
            return bare_compiler.compile(input=str(bare))

        # In-process: repeated calls in one process, both through one typst Compiler (fonts
        # scanned once, typst's caches warm). The whole-process figures include the start-up,
        # the font scan and a cold compile.
        bare_compile()
        render_pdf(tree)
        html_in = best_of(lambda: render_html(tree), repeat=20)
        pdf_in = best_of(lambda: render_pdf(tree), repeat=10)
        bare_in = best_of(bare_compile, repeat=10)

        html_whole = process_time(ftzlaw_cmd() + ["render", str(akn), "--format", "html",
                                                  "-o", str(tmp / "o.html")])
        pdf_whole = process_time(ftzlaw_cmd() + ["render", str(akn), "--format", "pdf",
                                                 "-o", str(tmp / "o.pdf")])
        text_whole = process_time(ftzlaw_cmd() + ["render", str(SEED), "--title", OPTS["title"],
                                                  "--date", OPTS["date"], "--format", "pdf",
                                                  "-o", str(tmp / "t.pdf")])
        bare_whole = process_time([sys.executable, "-c",
                                   f"import typst; typst.compile({str(bare)!r}, "
                                   f"root={str(tmp)!r}, font_paths={font_dirs!r}, "
                                   "ignore_system_fonts=True)"])

    print(f"seed: {len(doc.articles)} articles, {len(plain)} characters of text")
    print(f"HTML, in-process:                  {html_in * 1000:7.1f} ms")
    print(f"PDF, in-process:                   {pdf_in * 1000:7.1f} ms")
    print(f"bare typst compile, in-process:    {bare_in * 1000:7.1f} ms")
    print(f"HTML, whole process (AKN in):      {html_whole * 1000:7.1f} ms")
    print(f"PDF, whole process (AKN in):       {pdf_whole * 1000:7.1f} ms")
    print(f"PDF, whole process (text in):      {text_whole * 1000:7.1f} ms")
    print(f"bare typst compile, whole process: {bare_whole * 1000:7.1f} ms")
    print(f"ratio PDF / bare typst, in-process:     {pdf_in / bare_in:5.2f}x")
    print(f"ratio PDF / bare typst, whole process:  {pdf_whole / bare_whole:5.2f}x")
    scale()


if __name__ == "__main__":
    main()
