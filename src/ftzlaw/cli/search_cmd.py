"""``ftzlaw index build|add|info``, ``ftzlaw search`` and ``ftzlaw spread``: thin wrappers over
:mod:`ftzlaw.search`."""

from __future__ import annotations

import json
import sys

import click

from .common import EXIT_DIFF, EXIT_OK, FiniteFloat, emit, fail, handle_errors, output_option

index_option = click.option(
    "--index", "index_path", metavar="PATH", default=None,
    help="Index file (default: $FTZLAW_INDEX, else ftzlaw-index.sqlite next to the store).")
jobs_option = click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
                           help="Import in this many processes (default: one per core).")


def _index_path(path):
    from ..search.index import default_index_path

    return path or str(default_index_path())


def _progress(files: int, label: str):
    """A click progress bar on a terminal (standard error), else nothing."""
    if not sys.stderr.isatty():
        return None, None
    bar = click.progressbar(length=files, label=label, file=sys.stderr)
    return bar, bar.update


def _run_build(func, sources, index_path, jobs, fmt, quiet):
    from ..search.index import collect_files

    if not sources:
        fail("give one or more folders or files of texts (DIR...)")
    files = collect_files(sources)
    bar, update = _progress(len(files), "索引")
    if bar is not None:
        with bar:
            report = func(files, index_path, jobs=jobs, progress=update)
    else:
        report = func(files, index_path, jobs=jobs)
    if fmt == "json":
        data = dict(report.as_dict(), index=index_path,
                    skipped_files=[{"path": p, "reason": r} for p, r in report.skipped])
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif not quiet:
        click.echo(f"{index_path}: {report.indexed} texts indexed ({report.articles} articles)"
                   + (f", {report.unchanged} unchanged" if report.unchanged else "")
                   + (f", {report.replaced} replaced" if report.replaced else "")
                   + f", {len(report.skipped)} skipped", err=True)
        for reason, n in list(report.reasons().items())[:8]:
            click.echo(f"  skipped {n}: {reason}", err=True)
    return report


@click.group("index")
def index_group():
    """Build and grow the corpus index that ftzlaw search and spread read.

    \b
    Examples:
      ftzlaw index build ../shared/corpus ../shared/texts --index corpus.sqlite
      ftzlaw index add new-regulation.txt --index corpus.sqlite
      ftzlaw index info --index corpus.sqlite
    """


def summary_options(f):
    """--format and -q for the summary of index build and index add."""
    f = click.option("-q", "--quiet", is_flag=True, help="No summary.")(f)
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Summary format (json: on standard output).")(f)


@index_group.command("build")
@click.argument("sources", nargs=-1, metavar="DIR|FILE...")
@index_option
@jobs_option
@summary_options
@handle_errors
def build_command(sources, index_path, jobs, fmt, quiet):
    """Index every article of every text (.txt .md .docx .xml) under the folders given,
    replacing the index file (written beside it, renamed into place at the end). Texts that
    do not import are skipped, counted and listed with their reason; the build goes on.
    Exit 0, or 1 when some texts were skipped, 2 on error."""
    from ..search.index import build_index

    report = _run_build(build_index, sources, _index_path(index_path), jobs, fmt, quiet)
    raise SystemExit(EXIT_DIFF if report.skipped else EXIT_OK)


@index_group.command("add")
@click.argument("sources", nargs=-1, metavar="DIR|FILE...")
@index_option
@jobs_option
@summary_options
@handle_errors
def add_command(sources, index_path, jobs, fmt, quiet):
    """Add texts to an existing index (a text already there is replaced when its file
    changed, left alone when not). Exit 0, 1 when some were skipped, 2 on error."""
    from ..search.index import add_to_index

    report = _run_build(add_to_index, sources, _index_path(index_path), jobs, fmt, quiet)
    raise SystemExit(EXIT_DIFF if report.skipped else EXIT_OK)


@index_group.command("info")
@index_option
@handle_errors
def info_command(index_path):
    """Counts of an index: texts, articles, skipped texts, size."""
    from ..search.index import Index

    index = Index.open(_index_path(index_path))
    try:
        s = index.stats()
    finally:
        index.close()
    click.echo(f"{s['path']}: {s['texts']} texts, {s['articles']} articles, "
               f"{s['skipped']} skipped, {s['bytes'] / 2**20:.1f} MiB")


def _query(text, article, index_path):
    from ..search.query import Query, article_query

    if (text is None) == (article is None):
        fail('give either the text to look for ("文本", - for standard input) or '
             "--article FILE#eId")
    if article:
        return article_query(article)
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        fail("the query is empty")
    return Query(text)


@click.command("search")
@click.argument("text", required=False, metavar='["文本" | -]')
@click.option("--article", metavar="FILE#eId", default=None,
              help="Use this article as the query (its own text is left out of the results).")
@index_option
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="How many articles to return.")
@click.option("--min-score", type=FiniteFloat(0.0, 1.0), default=0.0, show_default=True,
              help="Leave out results scoring below this.")
@click.option("--spread", "as_spread", is_flag=True,
              help="Answer as ftzlaw spread does: the regulations carrying it, by date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]),
              default="text", show_default=True, help="Report format.")
@output_option
@handle_errors
def search_command(text, article, index_path, top, min_score, as_spread, fmt, output):
    """The articles across the indexed corpus most like a text or an article, best first,
    with score, title, date, place and the passages shared with the query marked. One
    regulation once: its latest version carrying the provision, the other versions listed.

    \b
    Examples:
      ftzlaw search "实行国际贸易单一窗口" --index corpus.sqlite
      ftzlaw search --article beijing.xml#art_16 --top 10 --format html -o hits.html
      ftzlaw search --article beijing.xml#art_12 --spread --format csv

    Exit 0 when something was found, 1 when nothing was, 2 on error.
    """
    if as_spread:
        _spread(text, article, index_path, min_score or None, fmt, output)
        return
    from ..search.index import Index
    from ..search.query import Searcher
    from ..search.report import SEARCH_WRITERS

    query = _query(text, article, index_path)
    index = Index.open(_index_path(index_path))
    try:
        hits = Searcher(index).search(query, top=top, min_score=min_score)
    finally:
        index.close()
    emit(SEARCH_WRITERS[fmt](query.text, hits, query.source), output)
    raise SystemExit(EXIT_OK if hits else EXIT_DIFF)


def _spread(text, article, index_path, min_score, fmt, output):
    from ..search.index import Index
    from ..search.query import Searcher
    from ..search.report import SPREAD_WRITERS
    from ..search.spread import DEFAULT_MIN, spread_of

    query = _query(text, article, index_path)
    index = Index.open(_index_path(index_path))
    try:
        sp = spread_of(Searcher(index), query, DEFAULT_MIN if min_score is None else min_score)
    finally:
        index.close()
    emit(SPREAD_WRITERS[fmt](sp), output)
    raise SystemExit(EXIT_OK if sp.carriers else EXIT_DIFF)


@click.command("spread")
@click.argument("text", required=False, metavar='["文本" | -]')
@click.option("--article", metavar="FILE#eId", default=None,
              help="Use this article as the provision.")
@index_option
@click.option("--min-score", type=FiniteFloat(0.0, 1.0), default=None,
              help="Score from which an article carries the provision [default: 0.35].")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]),
              default="text", show_default=True, help="Report format (html: a timeline).")
@output_option
@handle_errors
def spread_command(text, article, index_path, min_score, fmt, output):
    """Which regulations carry a provision, ordered by date, the earliest (in the corpus)
    marked as the likely source: one row per regulation (its earliest version carrying it).

    \b
    Examples:
      ftzlaw spread --article beijing.xml#art_12 --index corpus.sqlite
      ftzlaw spread "外商投资准入前国民待遇加负面清单管理制度" --format html -o spread.html

    Exit 0 when some regulation carries it, 1 when none does, 2 on error.
    """
    _spread(text, article, index_path, min_score, fmt, output)
