"""Writers for search results and provision spread: text, json, csv (BOM), html.

Each takes the results and returns a string or bytes; nothing here searches. Shared
passages are marked ``【…】`` in text, ``<mark>`` in html, listed in json/csv.
"""

from __future__ import annotations

import json

from ..tables import csv_bytes, pad
from .query import Hit
from .spread import Spread

FORMATS = ("text", "json", "csv", "html")


def _marked_text(h: Hit) -> str:
    return "".join(f"【{t}】" if shared else t for shared, t in h.marked()).replace("\n", " ")


def _where(h: Hit) -> str:
    return " ".join(x for x in (h.place_name, h.date or "") if x)


def _versions(h: Hit) -> str:
    """The work's other versions carrying the provision: ``2015-12-24 第十七条``."""
    return "、".join(f"{v.date or '?'} {v.num or v.eId}" for v in h.versions)


# --- search ---------------------------------------------------------------------------------
def search_text(query: str, hits: list[Hit], source: str = "") -> str:
    head = f"query: {source or _short(query, 60)}  ({len(hits)} results; 【】 = shared with the query)"
    out = [head]
    for k, h in enumerate(hits, 1):
        out += ["", f"{k:>2}. {h.score:.2f}  {h.title}  {h.num}"
                    f"{'【' + h.heading + '】' if h.heading else ''}  ({_where(h)})",
                f"    {h.path}#{h.eId}", "    " + _marked_text(h)]
        if h.versions:
            out.append(f"    other versions: {_versions(h)}")
    return "\n".join(out) + "\n"


def search_json(query: str, hits: list[Hit], source: str = "") -> str:
    return json.dumps({"query": query, "source": source or None, "results": [
        dict(h.as_dict(), rank=k) for k, h in enumerate(hits, 1)]},
        ensure_ascii=False, indent=2) + "\n"


def search_csv(query: str, hits: list[Hit], source: str = "") -> bytes:
    rows = [[k, f"{h.score:.4f}", h.title, h.date or "", h.place or "", h.place_name,
             h.num, h.heading, h.eId, h.path, " | ".join(h.text[s:e] for s, e in h.shared),
             h.text, _versions(h)] for k, h in enumerate(hits, 1)]
    return csv_bytes(["rank", "score", "title", "date", "place", "place_name", "num",
                      "heading", "eId", "path", "shared", "text", "versions"], rows)


def search_html(query: str, hits: list[Hit], source: str = "") -> str:
    from ..render.html import render_template

    return render_template("search.html.j2", title="条文检索 · " + _short(source or query, 30),
                           caption="", mode="search", query=query, source=source, hits=hits,
                           spread=None)


# --- spread ---------------------------------------------------------------------------------
def spread_text(sp: Spread) -> str:
    out = [f"provision: {sp.query.source or _short(sp.query.text, 60)}",
           f"{len(sp.carriers)} regulations carry it (score ≥ {sp.min_score:g}), earliest first"]
    for k, h in enumerate(sp.carriers, 1):
        tag = "  ← likely source (earliest in the corpus)" if k == 1 else ""
        out.append(f"{k:>3}. {h.date}  {pad(h.place_name, 8)} {h.title}  {h.num}  "
                   f"{h.score:.2f}{tag}")
        if h.versions:
            out.append(f"       later versions: {_versions(h)}")
    if sp.undated:
        out.append("undated: " + "、".join(f"{h.title} {h.num}" for h in sp.undated))
    return "\n".join(out) + "\n"


def spread_json(sp: Spread) -> str:
    return json.dumps(sp.as_dict(), ensure_ascii=False, indent=2) + "\n"


def spread_csv(sp: Spread) -> bytes:
    rows = [[k, h.date or "", h.place or "", h.place_name, h.title, h.num, h.eId,
             f"{h.score:.4f}", "yes" if k == 1 else "", h.path, h.text, _versions(h)]
            for k, h in enumerate(sp.carriers, 1)]
    rows += [["", "", h.place or "", h.place_name, h.title, h.num, h.eId, f"{h.score:.4f}", "",
              h.path, h.text, _versions(h)] for h in sp.undated]
    return csv_bytes(["order", "date", "place", "place_name", "title", "num", "eId", "score",
                      "likely_source", "path", "text", "versions"], rows)


def spread_html(sp: Spread) -> str:
    from ..render.html import render_template

    years = sorted({h.date[:4] for h in sp.carriers})
    return render_template("search.html.j2", title="条款扩散 · " + _short(
        sp.query.source or sp.query.text, 30), caption="", mode="spread",
        query=sp.query.text, source=sp.query.source, hits=sp.carriers, spread=sp, years=years)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


SEARCH_WRITERS = {"text": search_text, "json": search_json, "csv": search_csv,
                  "html": search_html}
SPREAD_WRITERS = {"text": spread_text, "json": spread_json, "csv": spread_csv,
                  "html": spread_html}
