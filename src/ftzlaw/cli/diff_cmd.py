"""``ftzlaw diff``: a thin wrapper over :func:`ftzlaw.diff.diff_documents` and
:func:`ftzlaw.diff.report.write`."""

from __future__ import annotations

import sys

import click

from .common import (EXIT_DIFF, EXIT_ERROR, EXIT_OK, emit, handle_errors, output_option,
                     refuse_binary_to_terminal)

FORMATS = ["text", "json", "csv", "html", "pdf", "docx"]
BINARY = {"pdf": "a PDF", "docx": "a Word file"}


@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text/json/csv report, or the 对照表 as html/pdf/docx.")
@output_option
@click.option("--exact", is_flag=True,
              help="Count punctuation form (（）/(), “”/\"\", ——/--, full/half width) as change.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text redline (auto: only on a terminal).")
@click.option("--old-label", default=None, help="Column title under 修改前 (default: its date).")
@click.option("--new-label", default=None, help="Column title under 修改后 (default: its date).")
@click.option("--force", is_flag=True, help="Diff even two different works (see compare).")
@handle_errors
def diff_command(old, new, fmt, output, exact, color, old_label, new_label, force):
    """Compare two versions of a regulation article by article: OLD and NEW are AKN files or
    texts (imported on the fly; a text without title or 题注 is named after its file).

    Articles are paired by content, not number (原第二十一条 → 第二十条); each is unchanged,
    renumbered, modified, added or deleted. Differences of punctuation form only are not
    changes unless --exact.

    \b
    Examples:
      ftzlaw diff tianjin-2015.xml tianjin-2022.xml
      ftzlaw diff ../shared/texts/tianjin-ftz-2015.txt ../shared/texts/tianjin-ftz-2022.txt \\
             --format docx -o 对照表.docx
      ftzlaw diff old.xml new.xml --format json | jq .summary

    pdf and docx are binary: give -o FILE or redirect (refused on a terminal).

    Exit codes: 0 no change, 1 changes, 2 error (also for two different works: use
    `ftzlaw compare`, or --force).
    """
    from ..akn.view import Document
    from ..diff import diff_documents, different_works
    from ..diff.report import write
    from ..load import load_tree

    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be standard input")
    if fmt in BINARY:
        refuse_binary_to_terminal(output, BINARY[fmt])
    old_tree, old_name = load_tree(old)
    new_tree, new_name = load_tree(new)
    old_doc, new_doc = Document(old_tree, old_name), Document(new_tree, new_name)
    if not force:
        problem = different_works(old_doc, new_doc)
        if problem:
            click.echo(f"ftzlaw: error: {problem}", err=True)
            sys.exit(EXIT_ERROR)
    cs = diff_documents(old_doc, new_doc, exact=exact)
    tty = output in (None, "-") and sys.stdout.isatty()
    use_color = color == "always" or (color == "auto" and tty)
    emit(write(cs, fmt, color=use_color, old_label=old_label, new_label=new_label), output)
    sys.exit(EXIT_DIFF if cs.changed else EXIT_OK)
