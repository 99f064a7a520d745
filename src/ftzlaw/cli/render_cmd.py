"""``ftzlaw render``: a thin wrapper over :func:`ftzlaw.render.render_html` / ``render_pdf``."""

from __future__ import annotations

import sys

import click

from .common import TEXT, emit, fail, handle_errors, output_option


@click.command("render")
@click.argument("source", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default="html",
              show_default=True, help="html: one self-contained page; pdf: GB/T 9704 layout.")
@output_option
@click.option("--template", default="default", show_default=True, metavar="NAME",
              help="templates/NAME.html.j2 or templates/NAME.typ (or a path to such a file).")
@click.option("--title", default=None, type=TEXT, help="Title, when FILE is a text that lacks one.")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Adoption date, when FILE is a text without 题注.")
@handle_errors
def render_command(source, fmt, output, template, title, date):
    """Render an AKN file (or a text, imported on the fly; - for stdin) as HTML or PDF.

    \b
    HTML: one file with inline CSS, a 目录 linking every chapter and article, and each
    chapter, article, 款 and 项 carrying its eId as id (beijing.html#art_12).
    PDF: A4 after GB/T 9704-2012 (28 × 22 grid, — n — page numbers), CJK fonts embedded,
    bookmarks for every chapter and article. Needs CJK fonts (Debian: fonts-noto-cjk, and
    fonts-arphic-gkai00mp for the 题注 in 楷体). Foreign AKN: a Latin-script page, whole.

    \b
    Examples:
      ftzlaw render beijing.xml --format html -o beijing.html
      ftzlaw render beijing.xml --format pdf -o beijing.pdf
      ftzlaw render ../shared/texts/tianjin-ftz-2022.txt --format pdf -o tianjin.pdf
      ftzlaw render texts/beijing-ftz-2022.txt --title 中国（北京）自由贸易试验区条例 \\
             --date 2022-03-31 --format html > beijing.html
    """
    from ..load import load_tree
    from ..render import render_html, render_pdf

    if fmt == "pdf" and output in (None, "-") and sys.stdout.isatty():
        fail("a PDF is binary: give -o FILE or redirect standard output")
    options = {k: v for k, v in (("title", title), ("date", date)) if v}
    tree, _name = load_tree(source, **options)
    if fmt == "html":
        emit(render_html(tree, template), output)
    else:
        emit(render_pdf(tree, template), output)
