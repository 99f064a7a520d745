"""``ftzlaw import``: a thin wrapper over :func:`ftzlaw.textin.import_bytes`."""

from __future__ import annotations

import click

from .common import TEXT, DATE, emit, handle_errors, output_option, warn


@click.command("import")
@click.argument("source", metavar="SOURCE")
@output_option
@click.option("--layout", type=click.Choice(["auto", "pdf", "lines"]), default="auto",
              show_default=True,
              help="pdf: wrapped lines extracted from a printed PDF; lines: one paragraph per line.")
@click.option("--title", default=None, type=TEXT, help="The regulation's title, if the text lacks one.")
@click.option("--work-uri", default=None, metavar="URI",
              help="FRBR work URI, e.g. /akn/cn-bj/act/regulation/2022-03-31/ftz.")
@click.option("--date", default=None, type=DATE,
              help="Adoption date, if the text has no 题注.")
@click.option("-q", "--quiet", is_flag=True, help="No summary or warnings on stderr.")
@handle_errors
def import_command(source, output, layout, title, work_uri, date, quiet):
    """Import a regulation's text (.txt in UTF-8/GB18030/UTF-16, .md or .docx; - for stdin)
    as Akoma Ntoso 3.0 XML.

    \b
    Examples:
      ftzlaw import ../shared/texts/tianjin-ftz-2015.txt -o tianjin-2015.xml
      ftzlaw import texts/beijing-ftz-2022.txt --title 中国（北京）自由贸易试验区条例 \\
             --date 2022-03-31 -o beijing.xml
      cat law.txt | ftzlaw import - > law.xml
    """
    from ..akn.xml import to_bytes
    from ..files import display_name, read_bytes
    from ..textin import import_bytes

    name = display_name(source)
    result = import_bytes(read_bytes(source), source=name, layout=layout, title=title,
                          work_uri_override=work_uri, date=date)
    emit(to_bytes(result.tree), output)
    if not quiet:
        for line, message in result.warnings:
            warn(name, line, message)
        click.echo(f"{name}: {result.summary()}", err=True)
