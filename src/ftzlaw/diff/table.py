"""The 修改前后对照表: two columns 修改前 | 修改后, one row per changed article in the new
order, as drafters circulate it (HTML, PDF, Word).

:func:`table_data` turns a change set into plain JSON-ready rows once; the HTML template
(``templates/diff.table.html.j2``), the typst template (``templates/diff.table.typ``) and
the Word writer all print exactly those rows, so the three cannot drift apart:

- a modified article: deleted words struck through on the left, added words bold and
  underlined on the right, 原第X条 noted when renumbered;
- an added article: empty left cell; a deleted one: empty right cell;
- a moved article (its text unchanged, its place among the others changed) prints its
  whole text on both sides, flagged 条文位置调整;
- runs of unchanged (or only renumbered) articles collapse into one 未修改 row;
- 编/章/节 headings as centred rows where they begin, retitled ones redlined;
- every format prints the :data:`LEGEND`; each row carries a ``bookmark`` (the PDF's
  outline: 章 at level 1, changed articles at level 2).
"""

from __future__ import annotations

from ..zh.dates import is_dated
from . import chars
from .changeset import STATUSES, ArticleChange, ChangeSet, PartChange
from .report import LABELS

INS, DEL = "ins", "del"
LEGEND = "加粗下划线为增加内容，删除线为删去内容"


def _segs(ops: list[chars.Op], side: str) -> list[dict]:
    """One side of a redline: ``[{"t": text, "m": ""|"ins"|"del"}]``, each side in its own
    version's characters (kept words too: (试验) on the left, （试验） on the right)."""
    out = []
    for op in ops:
        if op.op == chars.EQUAL:
            mark = ""
        elif (op.op == chars.DELETE) == (side == "old"):
            mark = DEL if side == "old" else INS
        else:
            continue
        text = op.side(side)
        if out and out[-1]["m"] == mark:
            out[-1]["t"] += text
        else:
            out.append({"t": text, "m": mark})
    return out


def _part_lines(part: PartChange, side: str, depth: int) -> list[dict]:
    if (side == "old" and part.old is None) or (side == "new" and part.new is None):
        return []
    lines = [{"indent": depth, "segs": _segs(part.ops, side)}] if part.ops else []
    for p in part.points:
        lines += _part_lines(p, side, depth + 1)
    if part.wrap_ops:
        lines.append({"indent": depth, "segs": _segs(part.wrap_ops, side)})
    return lines


def _plain_lines(part, depth: int) -> list[dict]:
    """A 款 or 项 printed as it stands, nothing marked."""
    own = part.num + part.text
    lines = [{"indent": depth, "segs": [{"t": own, "m": ""}]}] if own else []
    for p in part.points:
        lines += _plain_lines(p, depth + 1)
    if part.wrap_up:
        lines.append({"indent": depth, "segs": [{"t": part.wrap_up, "m": ""}]})
    return lines


def _cell(a: ArticleChange, side: str) -> dict | None:
    art = a.old if side == "old" else a.new
    if art is None:
        return None
    lines: list[dict] = []
    if a.status in ("unchanged", "renumbered"):
        # same text (a moved article): each side prints its own version's words
        if art.heading:
            lines.append({"indent": 0, "segs": [{"t": art.heading, "m": ""}]})
        for part in art.paragraphs:
            lines += _plain_lines(part, 0)
    if a.heading_ops:
        lines.append({"indent": 0, "segs": _segs(a.heading_ops, side)})
    for part in a.parts:
        lines += _part_lines(part, side, 0)
    note = ""
    if side == "new" and a.renumbered:
        note = f"原{a.old.num}"
    return {"num": art.num, "note": note, "lines": lines}


def _plain(art) -> dict:
    return {"num": art.num, "text": art.text.split("\n")}


def _division_key(h) -> str:
    """New division eId, or ``old:`` + old eId for a deleted one."""
    return h.new.eId if h.new is not None else "old:" + h.old.eId


def _division_rows(cs: ChangeSet) -> dict[str, dict]:
    """:func:`_division_key` → heading row, for every 编/章/节 pair."""
    rows = {}
    for h in cs.divisions:
        def side(d, which):
            if d is None:
                return None
            if h.status == "modified":
                return {"num": d.num, "segs": _segs(h.ops, which)}
            return {"num": d.num, "segs": [{"t": d.heading, "m": ""}]}
        d = h.new or h.old
        mark = "" if h.status == "unchanged" else f"（{LABELS.get(h.status, h.status)}）"
        rows[_division_key(h)] = {"type": "heading", "kind": h.kind, "status": h.status,
                                  "old": side(h.old, "old"), "new": side(h.new, "new"),
                                  "bookmark": f"{d.num}　{d.heading}".strip() + mark}
    return rows


def _bookmark(a: ArticleChange) -> str:
    """第十六条（原第十五条，修改）, 第五条（新增）, 原第九条（删除）, 第十条（原第二条，位置调整）."""
    what = LABELS[a.status] if a.status not in ("unchanged", "renumbered") else ""
    if a.moved:
        what = "，".join(x for x in (what, "位置调整") if x)
    if a.new is None:
        return f"原{a.old.num}（{what}）"
    notes = [f"原{a.old.num}"] if a.renumbered else []
    notes += [what] if what else []
    return a.new.num + (f"（{'，'.join(notes)}）" if notes else "")


def _ancestors(article) -> list[str]:
    """eIds of the divisions enclosing an article, outermost first."""
    return [d.eId for d in article.divisions]


def table_data(cs: ChangeSet, old_label: str | None = None, new_label: str | None = None
               ) -> dict:
    """The 对照表 as plain data: header, summary and rows (see module doc)."""
    old, new = cs.old_doc, cs.new_doc
    heading_rows = _division_rows(cs)
    rows: list[dict] = []
    same: list[ArticleChange] = []

    def flush():
        if not same:
            return
        first, last = same[0], same[-1]
        label = first.new.num if first is last else f"{first.new.num}至{last.new.num}"
        old_label_ = first.old.num if first is last else f"{first.old.num}至{last.old.num}"
        rows.append({"type": "same", "label": label,
                     "note": f"原{old_label_}" if any(a.renumbered for a in same) else "",
                     "count": len(same), "articles": [_plain(a.new) for a in same]})
        same.clear()

    old_key = {h.old.eId: _division_key(h) for h in cs.divisions if h.old is not None}
    for a in cs.articles:
        keys = _ancestors(a.new) if a.new is not None else \
            [old_key.get(e, "old:" + e) for e in _ancestors(a.old)]
        for key in keys:  # a division's heading row comes before its first article
            if key in heading_rows:
                flush()
                rows.append(heading_rows.pop(key))
        if a.status in ("unchanged", "renumbered") and not a.moved:
            same.append(a)
            continue
        flush()
        rows.append({"type": "article", "status": a.status, "label": LABELS[a.status],
                     "moved": a.moved, "old": _cell(a, "old"), "new": _cell(a, "new"),
                     "bookmark": _bookmark(a)})
    flush()
    # headings of divisions that hold no article in either version
    rows += list(heading_rows.values())

    def version(doc, given):
        if given:
            return given
        date = doc.expression_date
        return f"{date} 文本" if is_dated(date) else (doc.name or "")
    title = new.title or old.title
    return {"title": f"{title}修改前后对照表" if title else "修改前后对照表",
            "old_title": old.title, "new_title": new.title,
            "old_label": version(old, old_label), "new_label": version(new, new_label),
            "summary": cs.summary, "labels": {k: LABELS[k] for k in STATUSES},
            "moved": len(cs.moved), "headings": len(cs.headings),
            "articles": {"old": len(old.articles), "new": len(new.articles)},
            "exact": cs.exact, "legend": LEGEND, "rows": rows}


# --- writers ----------------------------------------------------------------------------------

def to_html(cs: ChangeSet, **opts) -> bytes:
    from ..render.html import render_template

    data = table_data(cs, opts.get("old_label"), opts.get("new_label"))
    return render_template("diff.table.html.j2", **data).encode("utf-8")


def to_pdf(cs: ChangeSet, **opts) -> bytes:
    from ..render import TEMPLATES_DIR
    from ..render.typst import compile_pdf

    data = table_data(cs, opts.get("old_label"), opts.get("new_label"))
    return compile_pdf(TEMPLATES_DIR / "diff.table.typ", data)


def to_docx(cs: ChangeSet, **opts) -> bytes:
    from .docx import table_docx

    return table_docx(table_data(cs, opts.get("old_label"), opts.get("new_label")))
