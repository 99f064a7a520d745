"""``ftzlaw compare``: a thin wrapper over :func:`ftzlaw.compare.compare_documents`."""

from __future__ import annotations

import contextlib
import sys

import click

from .common import (EXIT_DIFF, EXIT_OK, FiniteFloat, emit, fail, handle_errors, output_option,
                     refuse_binary_to_terminal)

BINARY = {"pdf": "a PDF", "docx": "a Word file"}
PROGRESS_FROM = 3000    # articles in all: from this many a progress bar (on a terminal)


@click.command("compare")
@click.argument("sources", nargs=-1, metavar="FILE FILE [FILE...]")
@output_option
@click.option("--format", "fmt",
              type=click.Choice(["text", "json", "csv", "html", "pdf", "docx"]),
              default="text", show_default=True,
              help="Report format (pdf and docx are binary: give -o FILE or redirect).")
@click.option("--min-score", type=FiniteFloat(0.0, 1.0), default=None, metavar="X",
              help="Calibrated score (0–1) from which two articles count as counterparts "
                   "(a match) [default: 0.32].")
@click.option("--related-score", type=FiniteFloat(0.0, 1.0), default=None, metavar="Y",
              help="Pairs scored from Y up to the match score are listed as related (they "
                   "may share a minor provision: leads to check, not matches); Y ≥ X lists "
                   "none [default: 0.22].")
@click.option("--candidates", type=click.IntRange(1, 100), default=None, metavar="K",
              help="Articles of the other document scored exactly per article, found "
                   "through an index of rare grams [default: 6].")
@handle_errors
def compare_command(sources, output, fmt, min_score, related_score, candidates):
    """Align the articles of different regulations by content (AKN or text inputs; - for
    stdin): for each article its counterparts in the other documents with a calibrated score,
    the pairs that are only related (a minor provision may be shared), the articles unique to
    each, and chapter coverage.

    \b
    Examples:
      ftzlaw compare beijing.xml ../shared/texts/tianjin-ftz-2022.txt \\
             ../shared/texts/hebei-ftz-2020.txt
      ftzlaw compare beijing.xml tianjin.xml --format html -o compare.html
      ftzlaw compare a.xml b.xml --format csv --min-score 0.5 -o pairs.csv
      ftzlaw compare a.xml b.xml --format json --related-score 1   # matches only
      ftzlaw compare beijing.xml tianjin.xml --format pdf -o compare.pdf

    Exit code 0 when every article of every document has a counterpart, 1 otherwise, 2 on
    bad input. To see how two versions of one law differ use ftzlaw diff.
    """
    from ..compare import DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE, compare_documents
    from ..compare.align import CANDIDATES
    from ..compare.model import document_info, progress_total
    from ..compare.report import documents_language, write
    from ..load import load_tree

    if len(sources) < 2:
        fail("compare needs at least two documents (FILE FILE [FILE...])")
    if list(sources).count("-") > 1:
        fail("only one input can be standard input (-)")
    if fmt in BINARY:
        refuse_binary_to_terminal(output, BINARY[fmt])
    docs = []
    for src in sources:
        tree, name = load_tree(src)
        docs.append(document_info(tree, name))
        if not docs[-1].articles:       # before any scoring
            fail(f"{name}: no articles (条) to compare")
    bar = None
    if sys.stderr.isatty() and sum(len(d.articles) for d in docs) >= PROGRESS_FROM:
        label = "比较" if documents_language(docs) == "zh" else "comparing"
        bar = click.progressbar(length=progress_total(docs), label=label, file=sys.stderr)
    with bar or contextlib.nullcontext():
        alignment = compare_documents(
            docs, [d.name for d in docs],
            min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
            related_score=DEFAULT_RELATED_SCORE if related_score is None else related_score,
            candidates=candidates or CANDIDATES, progress=bar.update if bar else None)
    emit(write(alignment, fmt), output)
    unique = any(p.a_only or p.b_only for p in alignment.pairs)
    raise SystemExit(EXIT_DIFF if unique else EXIT_OK)
