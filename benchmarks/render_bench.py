"""Render speed for the Beijing seed: HTML and PDF, in-process and whole-process, with the
ratio of the PDF time to a bare typst compile of the same plain text (same fonts, no
template) measured in the same run.

    python benchmarks/render_bench.py
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


def main() -> None:
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


if __name__ == "__main__":
    main()
