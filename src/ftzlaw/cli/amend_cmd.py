"""``ftzlaw amend``: a thin wrapper over :func:`ftzlaw.amend.parse_decision` and
:func:`ftzlaw.amend.apply_decision` (and, for ``--report``, the diff's 对照表 writers)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from .common import emit, handle_errors, output_option, warn

REPORT_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx",
                  ".txt": "text", ".json": "json", ".csv": "csv"}


def plan_data(result) -> list[dict]:
    """What was (or would be) done, instruction by instruction."""
    out = []
    for rec in result.applied:
        ins = rec.instruction
        out.append({"instruction": ins.number, "label": ins.label, "line": ins.line,
                    "type": rec.type, "destinations": rec.destinations,
                    "operations": [{"kind": op.kind, "target": op.target.label(),
                                    "words": op.words} for op in ins.operations]})
    return out


def plan_text(result) -> str:
    lines = []
    for item in plan_data(result):
        dest = " ".join(d.split("#", 1)[1] if "#" in d else d for d in item["destinations"])
        lines.append(f"{item['label']}\t{item['type']}\t{dest}")
        for op in item["operations"]:
            lines.append(f"\t{op['kind']}\t{op['words']}")
    part = result.decision.section
    if part is not None and part.title:
        lines.insert(0, f"part {part.label}")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def write_all(outputs: list[tuple[str | None, bytes | str]]) -> None:
    """Write every output or none. Files go first, each atomically; when one cannot be
    written, those already written are put back as they were (removed, or their former
    content restored) and the error names the user's path, never a temporary file.
    Standard output (``None`` or ``-``) is written last, once every file is in place."""
    from ..errors import FtzlawError
    from ..files import write_atomic

    written: list[tuple[str, bytes | None]] = []     # (path, content it had before)
    try:
        for target, data in outputs:
            if not target or target == "-":
                continue
            path = Path(target)
            before = path.read_bytes() if path.is_file() else None
            try:
                write_atomic(target, data)
            except OSError as exc:
                raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=target) from None
            written.append((target, before))
    except BaseException:
        for target, before in reversed(written):
            if before is None:
                os.unlink(target)
            else:
                write_atomic(target, before)
        raise
    for target, data in outputs:
        if not target or target == "-":
            emit(data, None)


@click.command("amend")
@click.argument("base", metavar="BASE")
@click.argument("decision", metavar="DECISION")
@output_option
@click.option("--report", metavar="FILE", default=None,
              help="Also write the 修改前后对照表 of BASE vs the result (.html, .pdf or .docx; "
                   ".txt/.json/.csv for the diff's other reports).")
@click.option("-n", "--dry-run", is_flag=True,
              help="List what each instruction does (nothing is written).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the --dry-run listing.")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="The decision's adoption date (the new version's date). It wins over the "
                   "date in the decision's 题注 (a warning says so when they differ); needed "
                   "when the 题注 gives none.")
@click.option("--keep-nested-quotes", is_flag=True,
              help="Keep a quotation's inner quotes as the decision prints them ('一带一路'). "
                   "By default they become the text's own double quotes (“一带一路”), as the "
                   "consolidated text prints them.")
@click.option("--section", type=click.IntRange(min=1), default=None, metavar="N",
              help="A packaged decision (关于修改《A》等N件…的决定): apply its part N (三、 → 3) "
                   "instead of the part found by BASE's title.")
@click.option("--partial", is_flag=True,
              help="Apply every instruction that can be applied, write the result and list "
                   "the others (exit 1). Without it a run is all or nothing (exit 2).")
@click.option("-q", "--quiet", is_flag=True, help="No summary or warnings on stderr.")
@handle_errors
def amend_command(base, decision, output, report, dry_run, fmt, date, keep_nested_quotes,
                  section, partial, quiet):
    """Apply an amending decision (修改决定) to BASE and write the amended text as a new
    Akoma Ntoso expression of the same work. BASE is an AKN file or a text (imported on
    the fly); DECISION is the decision's text (.txt in any supported encoding, or .docx).

    Every instruction (一、二、… or 1. 2. …) is applied; article numbers in the instructions
    mean the base's numbering, the positions of new articles (作为第X条) the new numbering.
    A packaged decision (关于修改《A》等N件…的决定) is narrowed to the part that amends BASE,
    found by its title (or --section N). An instruction that cannot be read or applied stops
    the run (exit 2) naming it (第十三项); nothing is written then — unless --partial.

    \b
    Examples:
      ftzlaw amend ../shared/texts/tianjin-ftz-2015.txt \\
             ../shared/texts/tianjin-ftz-amendment-decision-2022.txt -o tianjin-2022.xml
      ftzlaw amend tianjin-2015.xml decision.txt -o new.xml --report 对照表.docx
      ftzlaw amend tianjin-2015.xml decision.txt --dry-run
      ftzlaw amend 社会救助条例.txt 关于修改《上海市公路管理条例》等10件地方性法规的决定.txt
    """
    from ..akn.xml import to_bytes
    from ..amend import apply_decision, parse_decision
    from ..zh.dates import check_date
    from ..errors import FtzlawError
    from ..files import display_name, read_bytes
    from ..load import load_tree
    from ..textin.decode import read_text
    from ..validate.schema import official_schema

    if base == "-" and decision == "-":
        raise click.UsageError("only one of BASE and DECISION can be standard input")
    report_fmt = None
    if report:
        report_fmt = REPORT_FORMATS.get(Path(report).suffix.lower())
        if report_fmt is None:
            raise click.BadParameter("use a .html, .pdf or .docx file (or .txt/.json/.csv)",
                                     param_hint="--report")
    if date is not None:
        check_date(date, "--date")
    for target in (output, report):
        if target and target != "-" and not Path(target).resolve().parent.is_dir():
            raise FtzlawError("output folder does not exist", source=target)
    if report and output and output != "-" and Path(output).resolve() == Path(report).resolve():
        raise click.UsageError("-o and --report name the same file")
    dname = display_name(decision)
    dec = parse_decision(read_text(read_bytes(decision), dname), dname)
    if date:
        if dec.date and dec.date != date:
            dec.warnings.append((0, f"--date {date} replaces the adoption date its 题注 gives "
                                    f"({dec.date})"))
        dec.date = date
    base_tree, base_name = load_tree(base, provisional=False)
    result = apply_decision(base_tree, dec, unnest_quotes=not keep_nested_quotes, source=dname,
                            section=section, partial=partial)
    schema = official_schema(strict=True)
    if not schema.validate(result.tree):
        raise FtzlawError(f"the amended document does not validate (a bug): "
                          f"{schema.error_log.last_error}")
    if not quiet:
        for line, message in dec.warnings:
            warn(dname, line or None, message)
        for message in result.warnings:
            warn(base_name, None, message)
        for message in result.notes:
            click.echo(f"{base_name}: {message}", err=True)
    if dry_run:
        if fmt == "json":
            part = result.decision.section
            data = {"summary": result.summary(),
                    "part": part.label if part is not None and part.title else None,
                    "instructions": plan_data(result),
                    "warnings": result.warnings, "notes": result.notes,
                    "not_applied": [failure_data(e) for e in result.failed]}
            write_all([(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")])
        else:
            write_all([(output, plan_text(result))])
        report_failures(result, dname)
        return
    payload = to_bytes(result.tree)
    report_bytes = None
    if report:
        from ..diff import diff_documents
        from ..diff.report import write

        report_bytes = write(diff_documents(base_tree, result.tree), report_fmt)
    # Both outputs are complete in memory: now write them, both or neither.
    write_all([(output, payload), (report, report_bytes)] if report else [(output, payload)])
    if not quiet:
        click.echo(f"{base_name}: amended by {dname}: {result.summary()}", err=True)
    report_failures(result, dname)


def failure_data(exc) -> dict:
    return {"instruction": exc.instruction.label, "line": exc.instruction.line,
            "problem": exc.problem, "text": exc.instruction.text}


def report_failures(result, dname: str) -> None:
    """--partial: list the instructions not applied (quoted, with why) and exit 1."""
    if not result.failed:
        return
    click.echo(f"{dname}: {len(result.failed)} 项 not applied (--partial):", err=True)
    for exc in result.failed:
        click.echo(f"  {exc}", err=True)
    raise SystemExit(1)
