"""Writers of a :class:`~ftzlaw.diff.ChangeSet`: one small function per format.

``write(changeset, fmt, **opts) -> bytes`` for ``text``, ``json``, ``csv``, ``html``,
``pdf`` and ``docx``. The last three print the 修改前后对照表 (see :mod:`.table`).
"""

from __future__ import annotations

import json

from . import chars
from .changeset import STATUSES, ArticleChange, ChangeSet

FORMATS = ("text", "json", "csv", "html", "pdf", "docx")
LABELS = {"unchanged": "未修改", "renumbered": "仅序号变动", "modified": "修改",
          "added": "新增", "deleted": "删除"}

# ANSI: deleted red and struck through, inserted green and underlined.
_RED, _GREEN, _BOLD, _DIM, _RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


def write(changeset: ChangeSet, fmt: str = "text", **opts) -> bytes:
    """Render ``changeset`` as ``fmt``. Options: ``color`` (text), ``old_label`` and
    ``new_label`` (column titles of the 对照表; default: the versions' dates or names)."""
    if fmt == "text":
        return text(changeset, color=opts.get("color", False)).encode("utf-8")
    if fmt == "json":
        return (json.dumps(to_data(changeset), ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "csv":
        return to_csv(changeset)
    if fmt in ("html", "pdf", "docx"):
        from . import table

        return getattr(table, f"to_{fmt}")(changeset, **opts)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


# --- text -----------------------------------------------------------------------------------

def redline(ops: list[chars.Op], color: bool) -> str:
    """One line with deletions and insertions marked: colours on a terminal, else
    ``[-deleted-]{+inserted+}`` (as ``wdiff``). Kept words are shown as the new version
    prints them (one merged line can show only one form; the 对照表 shows both)."""
    out = []
    for op in ops:
        if op.op == chars.EQUAL:
            out.append(op.text)
        elif op.op == chars.DELETE:
            out.append(f"{_RED}{op.text}{_RESET}" if color else f"[-{op.text}-]")
        else:
            out.append(f"{_GREEN}{op.text}{_RESET}" if color else f"{{+{op.text}+}}")
    return "".join(out)


def _part_lines(part, color: bool, depth: int = 0) -> list[str]:
    pad = "  " * depth
    lines = [pad + redline(part.ops, color)] if part.ops else []
    for p in part.points:
        lines += _part_lines(p, color, depth + 1)
    if part.wrap_ops:
        lines.append(pad + redline(part.wrap_ops, color))
    return lines


def number_line(a: ArticleChange) -> str:
    """``第六条（原第五条）``, ``第五条`` (added), ``原第九条`` (deleted)."""
    if a.new is None:
        return f"原{a.old.num}"
    if a.old is None:
        return a.new.num
    return f"{a.new.num}（原{a.old.num}）" if a.renumbered else a.new.num


def summary_line(cs: ChangeSet) -> str:
    s = cs.summary
    parts = [f"{s[k]} {LABELS[k]}" for k in STATUSES]
    line = f"{len(cs.old_doc.articles)} → {len(cs.new_doc.articles)} 条: " + ", ".join(parts)
    if cs.moved:
        line += f"; {len(cs.moved)} 条位置调整"
    if cs.headings:
        line += f"; {len(cs.headings)} 个章节标题变动"
    return line


def text(cs: ChangeSet, color: bool = False) -> str:
    b = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    out = [b(f"{cs.old_doc.title} → {cs.new_doc.title}") if cs.old_doc.title != cs.new_doc.title
           else b(cs.new_doc.title), summary_line(cs)]
    if cs.changed:
        out.append("说明：" + (f"{_GREEN}增加{_RESET}为增加内容，{_RED}删去{_RESET}为删去内容" if color
                             else "{+增加+}为增加内容，[-删去-]为删去内容"))
    for h in cs.headings:
        d = h.new or h.old
        old = f"{h.old.num} {h.old.heading}".strip() if h.old else "—"
        new = f"{h.new.num} {h.new.heading}".strip() if h.new else "—"
        out.append(f"{d.kind} {LABELS.get(h.status, h.status)}: {old} → {new}")
    run: list[ArticleChange] = []  # consecutive articles only renumbered: one line

    def flush():
        if run:
            first, last = run[0], run[-1]
            span = (f"{first.new.num}至{last.new.num}（原{first.old.num}至{last.old.num}）"
                    if len(run) > 1 else number_line(first))
            out.extend(["", b(f"{span}  [{LABELS['renumbered']}]")])
            run.clear()

    for a in cs.articles:
        if a.status in ("unchanged", "renumbered") and not a.moved:
            if a.status == "renumbered":
                run.append(a)
            else:
                flush()
            continue
        flush()
        head = f"{number_line(a)}  [{LABELS[a.status]}"
        if a.status == "modified":
            head += f" {a.similarity:.0%}"
        head += "，位置调整]" if a.moved else "]"
        out.append("")
        out.append(b(head))
        if a.status == "renumbered":
            continue
        if a.heading_ops:
            out.append(redline(a.heading_ops, color))
        for part in a.parts:
            out += _part_lines(part, color, 1)
    flush()
    return "\n".join(out) + "\n"


# --- json -----------------------------------------------------------------------------------

def _ref(art) -> dict | None:
    return {"eId": art.eId, "num": art.num} if art is not None else None


def _part_ref(part) -> dict:
    return {"kind": part.kind, "status": part.status,
            "old": part.old.eId if part.old is not None else None,
            "new": part.new.eId if part.new is not None else None}


def article_data(a: ArticleChange) -> dict:
    return {"status": a.status, "old": _ref(a.old), "new": _ref(a.new),
            "similarity": a.similarity, "moved": a.moved,
            "parts": [_part_ref(p) for p in a.changed_parts()],
            "edits": a.edits}


def heading_data(h) -> dict:
    def ref(d):
        return {"eId": d.eId, "num": d.num, "heading": d.heading} if d is not None else None
    return {"kind": h.kind, "status": h.status, "old": ref(h.old), "new": ref(h.new),
            "edits": chars.edits(h.ops) if h.status == "modified" else []}


def to_data(cs: ChangeSet) -> dict:
    def doc(d):
        return {"title": d.title, "work": d.work_uri, "expression": d.expression_uri,
                "articles": len(d.articles)}
    return {"old": doc(cs.old_doc), "new": doc(cs.new_doc), "exact": cs.exact,
            "summary": cs.summary, "moved": len(cs.moved),
            "articles": [article_data(a) for a in cs.articles],
            "headings": [heading_data(h) for h in cs.headings]}


# --- csv ------------------------------------------------------------------------------------

CSV_COLUMNS = ["status", "old_eId", "old_num", "new_eId", "new_num", "similarity", "moved",
               "parts_added", "parts_deleted", "parts_modified", "edits", "old_text", "new_text"]


def to_csv(cs: ChangeSet) -> bytes:
    """One row per article pair (CSV with a BOM, see :mod:`ftzlaw.tables`)."""
    from ..tables import csv_bytes

    rows = []
    for a in cs.articles:
        parts = a.changed_parts()
        count = {s: sum(1 for p in parts if p.status == s) for s in ("added", "deleted",
                                                                      "modified")}
        rows.append([a.status,
                     a.old.eId if a.old else "", a.old.num if a.old else "",
                     a.new.eId if a.new else "", a.new.num if a.new else "",
                     f"{a.similarity:.4f}", "1" if a.moved else "0",
                     count["added"], count["deleted"], count["modified"], len(a.edits),
                     a.old.text if a.old else "", a.new.text if a.new else ""])
    return csv_bytes(CSV_COLUMNS, rows)
