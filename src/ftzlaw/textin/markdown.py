"""Markdown wrappers around a law's text (as in Markdown mirrors of the national database):
YAML front matter, ``#`` heading marks, pandoc ``[…]{.mark}`` spans, ``> `` quotes and
trailing ``\\`` line breaks are removed; the law's own characters are left alone."""

from __future__ import annotations

import re

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_FIELD = re.compile(r'^(\w+):\s*"?(.*?)"?\s*$')
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_INFO_END = re.compile(r"^\s*<!--\s*INFO END\s*-->\s*$")
_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.[\w-]+\}")


def is_markdown(text: str, source: str = "") -> bool:
    return source.lower().endswith((".md", ".markdown")) or bool(_FRONT.match(text))


def unwrap(text: str) -> tuple[str, dict[str, str]]:
    """The plain text and the front matter's fields (title, publish, …)."""
    fields: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        for line in m.group(1).splitlines():
            f = _FIELD.match(line)
            if f:
                fields[f.group(1)] = f.group(2)
        text = text[m.end():]
    lines = []
    for no, line in enumerate(text.split("\n"), 1):
        if _INFO_END.match(line):
            # The collection's end of its title and event lines: the body follows.
            fields.setdefault("body_line", str(no + 1))
            lines.append("")
            continue
        line = _QUOTE.sub("", line)
        line = _HEADING.sub("", line)
        if "]{." in line:
            line = _SPAN.sub(r"\1", line)
        line = line.rstrip()
        if line.endswith("\\"):
            line = line[:-1]
        lines.append(line)
    return "\n".join(lines), fields
