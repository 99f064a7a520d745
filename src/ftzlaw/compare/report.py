"""Writers over an :class:`~ftzlaw.compare.model.Alignment`: text, json, csv, html.

Each takes the alignment and returns a string; nothing here scores or aligns.
"""

from __future__ import annotations

import json

from ..tables import csv_bytes, pad
from .model import Alignment

FORMATS = ("text", "json", "csv", "html")


def _short(text: str, n: int = 36) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def to_text(al: Alignment) -> str:
    docs = al.documents
    out = [f"{k + 1}. {d.title or d.name}  ({d.name}, {len(d.articles)} 条)"
           for k, d in enumerate(docs)]
    out.append(f"matches: calibrated score ≥ {al.min_score:g}")
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        out += ["", f"== {p.a + 1} ↔ {p.b + 1}: {len(p.matches)} matches, "
                    f"{len(p.a_only)} + {len(p.b_only)} unmatched, similarity {p.similarity:.2f}"]
        for m in p.matches:
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            out.append(f"{pad(a.num, 12)}↔ {pad(b.num, 12)} {m.score:.2f}  "
                       f"{_short(a.text)} | {_short(b.text)}")
        if p.a_only:
            out.append(f"only in {p.a + 1}: " + "、".join(A.article(e).num for e in p.a_only))
        if p.b_only:
            out.append(f"only in {p.b + 1}: " + "、".join(B.article(e).num for e in p.b_only))
    out.append("")
    out.append("chapter coverage (articles with a counterpart in the other documents):")
    for k, d in enumerate(docs):
        out.append(f"{k + 1}. {d.title or d.name}")
        for row in al.coverage(k):
            by = "  ".join(f"{o + 1}:{v}" for o, v in row["by"].items())
            out.append(f"   {pad(row['label'], 24)} {row['any']:>3}/{row['articles']:<3}  {by}")
    return "\n".join(out) + "\n"


def to_json(al: Alignment) -> str:
    return json.dumps(al.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(al: Alignment) -> bytes:
    """One row per matched pair of articles (CSV with a BOM, see :mod:`ftzlaw.tables`)."""
    rows = []
    docs = al.documents
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        for m in p.matches:
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            rows.append([A.name, a.eId, a.num, B.name, b.eId, b.num, f"{m.score:.4f}",
                         a.text, b.text])
    return csv_bytes(["a_document", "a_eId", "a_num", "b_document", "b_eId", "b_num", "score",
                      "a_text", "b_text"], rows)


# --- html ------------------------------------------------------------------------------
CELL = 9  # px per article in the heatmap


def _colour(score: float) -> str:
    """White → dark red as the calibrated score goes 0 → 1."""
    s = max(0.0, min(1.0, score))
    g = int(255 - s * (255 - 40))
    r = int(255 - s * (255 - 139))
    return f"#{r:02x}{g:02x}{g:02x}"


def heatmap(al: Alignment, pair) -> dict:
    """Geometry of one pair's heatmap: rows = articles of a, columns = articles of b."""
    A, B = al.documents[pair.a], al.documents[pair.b]
    matched = {(m.a_eId, m.b_eId) for m in pair.matches}
    cells = []
    for i, a in enumerate(A.articles):
        for j, b in enumerate(B.articles):
            s = pair.scores.get((a.eId, b.eId), 0.0)
            if s >= 0.02:
                cells.append({"x": j * CELL, "y": i * CELL, "fill": _colour(s),
                              "match": (a.eId, b.eId) in matched,
                              "title": f"{a.num} ↔ {b.num}: {s:.2f}"})
    return {"width": len(B.articles) * CELL, "height": len(A.articles) * CELL, "cell": CELL,
            "cells": cells, "a_ticks": _ticks(A), "b_ticks": _ticks(B)}


def _ticks(doc) -> list[dict]:
    """Chapter boundaries along an axis."""
    pos = {a.eId: k for k, a in enumerate(doc.articles)}
    return [{"at": pos[c.articles[0]] * CELL, "label": c.label.split(" ")[0]}
            for c in doc.chapters if c.articles]


def to_html(al: Alignment) -> str:
    from ..diff.chars import char_diff, similarity
    from ..render.html import render_template

    docs = al.documents
    pairs = []
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        rows = []
        for m in p.matches:
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            rows.append({"a": a, "b": b, "score": m.score, "ops": char_diff(a.text, b.text),
                         "same": similarity(a.text, b.text)})
        pairs.append({"pair": p, "a": A, "b": B, "rows": rows, "heatmap": heatmap(al, p),
                      "a_only": [A.article(e) for e in p.a_only],
                      "b_only": [B.article(e) for e in p.b_only]})
    coverage = [{"doc": d, "rows": al.coverage(k)} for k, d in enumerate(docs)]
    return render_template("compare.html.j2", title="法规比较 · " + " / ".join(
        d.title or d.name for d in docs), caption="", alignment=al, docs=docs, pairs=pairs,
        coverage=coverage)


WRITERS = {"text": to_text, "json": to_json, "csv": to_csv, "html": to_html}


def write(al: Alignment, fmt: str) -> str | bytes:
    return WRITERS[fmt](al)
