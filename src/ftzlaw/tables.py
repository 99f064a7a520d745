"""Tabular output shared by the reporting commands: CSV and aligned text tables.

Every CSV ftzlaw writes is UTF-8 with a byte-order mark (Excel opens Chinese text right
only with it; ``encoding="utf-8-sig"`` reads it back), one header row, ``\\n`` line ends.
Text tables pad by display width, so columns of Chinese text line up in a terminal.
"""

from __future__ import annotations

import csv
import io
import unicodedata


def csv_bytes(header: list[str], rows) -> bytes:
    """CSV of ``rows`` (sequences, or dicts keyed by ``header``) with a BOM."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row.get(c, "") for c in header] if isinstance(row, dict) else row)
    return buf.getvalue().encode("utf-8-sig")


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for wide (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def text_table(rows: list[dict], columns: list[str], missing: str = "–") -> str:
    """A header line and one line per row, columns padded to their widest cell."""
    def cell(row, c):
        v = row.get(c)
        return missing if v is None else str(v)
    widths = {c: max([display_width(c)] + [display_width(cell(r, c)) for r in rows])
              for c in columns}
    lines = ["  ".join(pad(c, widths[c]) for c in columns).rstrip()]
    lines += ["  ".join(pad(cell(r, c), widths[c]) for c in columns).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
