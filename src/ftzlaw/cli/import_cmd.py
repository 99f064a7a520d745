"""``ftzlaw import``: a thin wrapper over :func:`ftzlaw.textin.import_bytes` (one text) and
:mod:`ftzlaw.textin.batch` (several texts or folders)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DATE, EXIT_DIFF, EXIT_OK, TEXT, emit, fail, handle_errors, warn


@click.command("import")
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@click.option("-o", "--output", metavar="FILE|DIR", default=None,
              help="One text: the AKN file (atomically; default standard output). Several "
                   "texts or a folder: the folder to write one .xml per text into.")
@click.option("--layout", type=click.Choice(["auto", "pdf", "lines"]), default="auto",
              show_default=True,
              help="pdf: wrapped lines extracted from a printed PDF; lines: one paragraph per line.")
@click.option("--title", default=None, type=TEXT, help="The regulation's title, if the text lacks one.")
@click.option("--caption", default=None, type=TEXT, metavar="TEXT",
              help="The 题注, for a text printed without one, e.g. "
                   "'（2022年3月31日北京市第十五届人民代表大会常务委员会第三十八次会议通过）'.")
@click.option("--work-uri", default=None, metavar="URI",
              help="FRBR work URI, e.g. /akn/cn-bj/act/regulation/2022-03-31/ftz.")
@click.option("--date", default=None, type=DATE,
              help="Adoption date, if the text gives none.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Batch: the summary's format (on standard output).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Batch: worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No summary or warnings on stderr.")
@handle_errors
def import_command(sources, output, layout, title, caption, work_uri, date, fmt, jobs, quiet):
    """Import a regulation's text (.txt in UTF-8/GB18030/UTF-16, .md or .docx; - for stdin)
    as Akoma Ntoso 3.0 XML — or, given several files or a folder, import them all in
    parallel into the folder -o DIR and print a summary table (exit 1 if any was refused).

    \b
    Examples:
      ftzlaw import ../shared/texts/tianjin-ftz-2015.txt -o tianjin-2015.xml
      ftzlaw import texts/beijing-ftz-2022.txt --title 中国（北京）自由贸易试验区条例 \\
             --caption '（2022年3月31日北京市第十五届人民代表大会常务委员会第三十八次会议通过）' -o beijing.xml
      ftzlaw import ../shared/corpus/lawrefbook -o corpus-akn --format csv > summary.csv
      cat law.txt | ftzlaw import - > law.xml
    """
    options = {"layout": layout, "title": title, "work_uri_override": work_uri, "date": date,
               "caption": caption}
    if len(sources) == 1 and (sources[0] == "-" or not Path(sources[0]).is_dir()):
        _one(sources[0], output, options, quiet)
        return
    if "-" in sources:
        fail("standard input (-) can only be imported alone")
    if not output or output == "-":
        fail("several texts or a folder: give the output folder with -o DIR")
    if (Path(output).exists() and not Path(output).is_dir()) or \
            (not Path(output).exists() and Path(output).suffix.lower() == ".xml"):
        fail(f"several texts or a folder: -o must name a folder, not the file {output}")
    _batch(sources, output, options, fmt, jobs, quiet)


def _one(source, output, options, quiet):
    from ..akn.xml import to_bytes
    from ..files import display_name, read_bytes
    from ..textin import import_bytes

    name = display_name(source)
    result = import_bytes(read_bytes(source), source=name, **options)
    emit(to_bytes(result.tree), output)
    if not quiet:
        for line, message in result.warnings:
            warn(name, line, message)
        click.echo(f"{name}: {result.summary()}", err=True)


def _batch(sources, outdir, options, fmt, jobs, quiet):
    from ..textin import batch

    pairs = batch.plan(sources, outdir)
    if not pairs:
        fail("no text (.txt, .md, .docx) found in the folder " + ", ".join(sources))
    Path(outdir).mkdir(parents=True, exist_ok=True)
    if sys.stderr.isatty() and not quiet:
        with click.progressbar(length=len(pairs), label="importing", file=sys.stderr) as bar:
            items = batch.import_many(pairs, workers=jobs, options=options,
                                      progress=lambda item: bar.update(1))
    else:
        items = batch.import_many(pairs, workers=jobs, options=options)
    if fmt == "json":
        emit(batch.format_json(items), None)
    elif fmt == "csv":
        emit(batch.format_csv(items), None)
    else:
        emit(batch.format_text(items), None)
    sys.exit(EXIT_OK if all(it.ok for it in items) else EXIT_DIFF)
