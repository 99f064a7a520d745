"""Problems, the rule table (``schemas/akn/rules.toml``) and the report writers.

A :class:`Problem` is data; :func:`format_text` and :func:`format_json` are the writers.
Rule severities and message wording live in the table, not in the code.
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import asdict, dataclass

from .._data import data_dir

RULES_PATH = data_dir("schemas/akn") / "rules.toml"


@dataclass(frozen=True)
class Rule:
    id: str
    layer: str      # input | schema | profile
    severity: str   # error | warning
    scope: str      # all | zho
    checks: str
    messages: dict
    foreign_severity: str | None = None   # severity on non-Chinese documents, if different


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The rule table, id → Rule, in table order."""
    with open(RULES_PATH, "rb") as fh:
        table = tomllib.load(fh)
    return {r["id"]: Rule(**r) for r in table["rule"]}


@dataclass(frozen=True)
class Problem:
    """One finding: ``FILE:LINE: severity RULE eId message``."""

    file: str
    line: int | None
    severity: str
    rule: str
    eId: str | None
    message: str

    @property
    def fatal(self) -> bool:
        """The file could not be checked at all (unreadable, not XML, hostile, not AKN)."""
        return rules()[self.rule].layer == "input"

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        return f"{where} {self.severity} {self.rule} {self.eId or '-'} {self.message}"


def make(rule_id: str, file: str, line: int | None, eId: str | None, key: str = "default",
         **fields) -> Problem:
    """Build a problem from the table: severity and message template come from ``rule_id``."""
    rule = rules()[rule_id]
    return Problem(file, line, rule.severity, rule_id, eId or None,
                   rule.messages[key].format(**fields))


@dataclass
class FileResult:
    """All problems of one file plus what the summary needs."""

    file: str
    problems: list[Problem]
    schema: str = "strict"
    profile: str = ""          # "PRC" or why the PRC rules were skipped

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def status(self) -> str:
        if any(p.fatal for p in self.problems):
            return "unreadable"
        return "invalid" if self.errors else "valid"

    def summary(self) -> str:
        if self.status == "unreadable":
            return f"{self.file}: not checked ({self.problems[0].rule})"
        return (f"{self.file}: {self.status} — {_n(self.errors, 'error')}, "
                f"{_n(self.warnings, 'warning')} ({self.schema} schema; {self.profile})")


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def exit_code(results: list[FileResult]) -> int:
    """2 if any file could not be checked, else 1 if any has an error, else 0."""
    if any(r.status == "unreadable" for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0


def format_text(results: list[FileResult], summary: bool = True, problems: bool = True) -> str:
    lines = [p.as_text() for r in results for p in r.problems] if problems else []
    if summary:
        lines += [r.summary() for r in results]
        if len(results) > 1:
            counts = {s: sum(1 for r in results if r.status == s)
                      for s in ("valid", "invalid", "unreadable")}
            lines.append(f"{len(results)} files: {counts['valid']} valid, "
                         f"{counts['invalid']} invalid, {counts['unreadable']} not checked")
    return "".join(line + "\n" for line in lines)


def format_json(results: list[FileResult]) -> str:
    items = [asdict(p) for r in results for p in r.problems]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def format_csv(results: list[FileResult]) -> bytes:
    """The problems as CSV (one row each; columns as in the json), with a BOM."""
    from ..tables import csv_bytes

    columns = ["file", "line", "severity", "rule", "eId", "message"]
    return csv_bytes(columns, [asdict(p) for r in results for p in r.problems])


def format_rules() -> str:
    """The rule table as text (``ftzlaw validate --rules``)."""
    return "".join(f"{r.id:14} {r.severity:7} {r.scope:3} {r.checks}\n" for r in rules().values())
