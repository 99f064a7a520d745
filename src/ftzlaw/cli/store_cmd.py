"""``ftzlaw store add|list``, ``log``, ``show``, ``blame``: thin wrappers over
:mod:`ftzlaw.store` and :mod:`ftzlaw.store.history`."""

from __future__ import annotations

import json

import click

from .common import DATE, TEXT, emit, handle_errors, output_option, refuse_binary_to_terminal

store_option = click.option(
    "--store", "store_dir", metavar="DIR", envvar="FTZLAW_STORE", default=None,
    help="Store folder (default: $FTZLAW_STORE or ./ftzlaw-store).")
table_format = click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]),
                            default="text", show_default=True, help="Output format.")


def _table(rows: list[dict], columns: list[str], fmt: str) -> bytes | str:
    from ..tables import csv_bytes, text_table

    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_bytes(columns, rows)
    return text_table(rows, columns)


def _open(store_dir, create=False):
    from ..store import Store
    return Store.open(store_dir, create=create)


@click.group("store")
def store_group():
    """Keep versions of works in a store folder laid out by FRBR URI.

    \b
    Examples:
      ftzlaw store add ../shared/texts/tianjin-ftz-2015.txt tianjin-2022.xml
      ftzlaw store list
      ftzlaw --help   (log, show, blame read the store too)
    """


@store_group.command("add")
@click.argument("files", nargs=-1, required=True)
@store_option
@click.option("--title", default=None, type=TEXT, help="Title for a text that has none.")
@click.option("--date", default=None, type=DATE, help="Adoption date for a text without 题注.")
@handle_errors
def store_add(files, store_dir, title, date):
    """Add AKN files or texts (imported first) to the store. Adding the same version again
    changes nothing; different content for a stored expression is refused (exit 2).

    \b
    Examples:
      ftzlaw store add ../shared/texts/tianjin-ftz-2015.txt
      ftzlaw amend tianjin-2015.xml decision.txt -o tianjin-2022.xml && ftzlaw store add tianjin-2022.xml
    """
    from ..load import load_tree

    store = _open(store_dir, create=True)
    options = {k: v for k, v in (("title", title), ("date", date)) if v}
    for i, name in enumerate(files, 1):
        tree, shown = load_tree(name, provisional=False, **options)
        result = store.add(tree)
        e = result.entry
        click.echo(f"[{i}/{len(files)}] {result.status}: {e.expression} ({e.articles} 条, "
                   f"{e.event}{'：' + e.decision if e.decision else ''}) ← {shown}", err=True)


@store_group.command("list")
@store_option
@table_format
@output_option
@handle_errors
def store_list(store_dir, fmt, output):
    """List the works and versions in the store, with their short aliases."""
    store = _open(store_dir)
    rows = [{"alias": store.aliases(e.work)[0], "expression": e.expression, "date": e.date,
             "in_force": e.in_force, "event": e.event, "articles": e.articles, "title": e.title}
            for w in store.works() for e in store.versions(w)]
    emit(_table(rows, ["alias", "expression", "in_force", "event", "articles", "title"], fmt),
         output)


@click.command("log")
@click.argument("work")
@store_option
@table_format
@output_option
@handle_errors
def log_command(work, store_dir, fmt, output):
    """Timeline of a work: every version with its date, event (adoption, amendment and the
    amending decision) and the number of articles it changed.

    \b
    Examples:
      ftzlaw log tianjin
      ftzlaw log /akn/cn-tj/act/regulation/2015-12-24/ftz --format json
    """
    from ..store.history import timeline

    store = _open(store_dir)
    rows = timeline(store, store.resolve_work(work))
    kinds = ("modified", "added", "deleted", "renumbered")
    if fmt != "json":
        for r in rows:
            r.update({k: (r.get("changes") or {}).get(k) for k in kinds})
    emit(_table(rows, ["date", "in_force", "event", "articles", "changed", *kinds, "decision",
                       "expression"], fmt), output)


@click.command("show")
@click.argument("work")
@click.option("--at", "at", required=True, type=DATE, help="The date.")
@click.option("--format", "fmt", type=click.Choice(["xml", "text", "html", "pdf"]),
              default="xml", show_default=True)
@store_option
@output_option
@handle_errors
def show_command(work, at, fmt, store_dir, output):
    """The version of a work in force on a date (commencement dates respected).

    \b
    Examples:
      ftzlaw show tianjin --at 2021-01-01 --format text
      ftzlaw show tianjin --at 2023-01-01 --format pdf -o tianjin-2023.pdf
    """
    from ..akn.xml import to_bytes

    if fmt == "pdf":
        refuse_binary_to_terminal(output, "a PDF")
    store = _open(store_dir)
    entry = store.at(store.resolve_work(work), at)
    tree = store.load(entry)
    click.echo(f"{entry.expression} (in force from {entry.in_force})", err=True)
    if fmt == "xml":
        emit(to_bytes(tree), output)
    elif fmt == "text":
        from ..akn.plaintext import to_text
        emit(to_text(tree), output)
    elif fmt == "html":
        from ..render import render_html
        emit(render_html(tree), output)
    else:
        from ..render import render_pdf
        emit(render_pdf(tree), output)


@click.command("blame")
@click.argument("work")
@click.option("--at", "at", default=None, type=DATE,
              help="Blame the version in force on this date (default: the latest).")
@store_option
@table_format
@output_option
@handle_errors
def blame_command(work, at, store_dir, fmt, output):
    """For each article, the version (and amending decision) that last changed its text.

    \b
    Examples:
      ftzlaw blame tianjin
      ftzlaw blame tianjin --at 2021-01-01 --format csv
    """
    from dataclasses import asdict

    from ..store.history import blame

    store = _open(store_dir)
    rows = [asdict(b) for b in blame(store, store.resolve_work(work), at)]
    emit(_table(rows, ["num", "eId", "date", "event", "decision", "expression"], fmt), output)
