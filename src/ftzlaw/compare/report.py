"""Writers over an :class:`~ftzlaw.compare.model.Alignment`: text, json, csv, html, pdf, docx.

Nothing here scores or aligns. The three page formats print the same plain data,
:func:`report_data`, so they cannot drift apart:

- labels in the documents' language (Chinese for Chinese texts: 法规, 匹配, 仅见于, 章节覆盖 …);
- columns headed by the documents' titles (the file name only where a text has no title);
- matched articles side by side with their **shared passages highlighted** (runs of at
  least :data:`SHARED_RUN` characters both have; in an alphabetic script, whole words, at
  least :data:`SHARED_WORDS` of them) — two different laws are not versions of one another,
  so nothing is drawn as struck out or inserted;
- one similarity heatmap per pair of documents that scales: at most :data:`MAX_CELLS`
  cells a side (articles binned, each bin its best score), an SVG with a ``viewBox`` set to
  the page's width, printed whole (HTML) or placed as an image (PDF).
"""

from __future__ import annotations

import json
import math
import re

from ..tables import csv_bytes, pad
from .features import alphabetic, word_count
from .model import Alignment

FORMATS = ("text", "json", "csv", "html", "pdf", "docx")
SIGN = {"match": "↔", "related": "≈"}   # in the text report
SHARED_RUN = 4     # shared runs shorter than this are not highlighted
SHARED_WORDS = 3   # … and in an alphabetic script, runs of fewer whole words than this
MAX_CELLS = 150    # heatmap cells per side at most (articles are binned beyond)
CELL = 9           # heatmap cell size in SVG units

LABELS = {
    "zh": {
        "report": "法规比较", "document": "法规", "file": "文件", "articles": "条数",
        "work": "FRBR 作品", "pair": "比较", "matches": "匹配", "unmatched": "未匹配",
        "similarity": "相似度", "coverage": "章节覆盖",
        "coverage_note": "各章条文在其他法规中有对应条文的数目",
        "chapter": "章", "in": "见于", "any": "任一", "score": "得分", "same_text": "文字相同",
        "only_in": "仅见于", "min_score": "匹配标准：校准得分 ≥ {x}（按内容对齐，不按条序号）",
        "related_score": "相关：{r} ≤ 得分 < {x}（两条或共有一项次要规定，供核对，不计入匹配）",
        "related": "相关", "related_head": "相关", "groups": "非一对一的匹配",
        "kinds": {"1:n": "一对多", "n:1": "多对一", "n:m": "多对多"}, "list_sep": "、",
        "matched_pairs": "匹配 {n} 对，相关 {r} 对，相似度 {s}",
        "heatmap": "相似度热图：行为{a}的条文，列为{b}的条文；颜色越深得分越高，加框者为匹配。",
        "heatmap_bins": "（每格合并 {ka} × {kb} 条）",
        "legend": "两条共有的文字以底色标出；两部不同的法规不是彼此的修改，文字差异不作增删标记。",
        "none": "无", "count": "{n} 条", "sep": "，",
    },
    "en": {
        "report": "Comparison", "document": "Document", "file": "File", "articles": "Articles",
        "work": "FRBR work", "pair": "Pair", "matches": "Matches", "unmatched": "Unmatched",
        "similarity": "Similarity", "coverage": "Chapter coverage",
        "coverage_note": "articles of each chapter with a counterpart in the other documents",
        "chapter": "Chapter", "in": "in", "any": "any", "score": "Score",
        "same_text": "same text", "only_in": "Only in",
        "min_score": "Matches: calibrated score ≥ {x} (aligned by content, not by number)",
        "related_score": "Related: {r} ≤ score < {x} (the two may share a minor provision, "
                         "worth checking; not counted as a match)",
        "related": "related", "related_head": "Related",
        "groups": "Matches that are not one-to-one",
        "kinds": {"1:n": "one-to-many", "n:1": "many-to-one", "n:m": "many-to-many"},
        "list_sep": ", ", "matched_pairs": "{n} matched pairs, {r} related; similarity {s}",
        "heatmap": "Similarity heatmap: rows are the articles of {a}, columns those of {b}; "
                   "darker = higher score; outlined = matched.",
        "heatmap_bins": " ({ka} × {kb} articles a cell)",
        "legend": "Passages both articles share are highlighted; two different laws are not "
                  "versions of one another, so no difference is marked as added or deleted.",
        "none": "none", "count": "{n} articles", "sep": ", ",
    },
}
_CJK = re.compile(r"[\u3400-\u9fff]")


def language(al: Alignment) -> str:
    """``zh`` when the documents are Chinese (their titles or first articles hold CJK
    characters), else ``en``."""
    return documents_language(al.documents)


def documents_language(documents) -> str:
    """:func:`language` of the documents themselves (before they are aligned)."""
    for d in documents:
        sample = d.title + "".join(a.text for a in d.articles[:3])
        if _CJK.search(sample):
            return "zh"
    return "en"


def _title(d) -> str:
    return d.title or d.name


def _short(text: str, n: int = 36) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


# --- text, json, csv ------------------------------------------------------------------------

def to_text(al: Alignment) -> str:
    L = LABELS[language(al)]
    docs = al.documents
    out = [f"{k + 1}. {_title(d)}  ({d.name}, {L['count'].format(n=len(d.articles))})"
           for k, d in enumerate(docs)]
    out.append(L["min_score"].format(x=f"{al.min_score:g}"))
    if al.related_score < al.min_score:
        out.append(L["related_score"].format(r=f"{al.related_score:g}", x=f"{al.min_score:g}"))
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        out += ["", f"== {p.a + 1} ↔ {p.b + 1}: " + L["sep"].join((
            f"{L['matches']} {len(p.matches)}", f"{L['related_head']} {len(p.related)}",
            f"{L['unmatched']} {len(p.a_only)} + {len(p.b_only)}",
            f"{L['similarity']} {p.similarity:.2f}"))]
        for m, kind in _rows(p, A):
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            out.append(f"{pad(a.num, 12)}{SIGN[kind]} {pad(b.num, 12)} {m.score:.2f}  "
                       f"{_short(a.text)} | {_short(b.text)}")
        for g in _groups(p, A, B, L):
            out.append(f"{g['label']}: {g['a']} → {g['b']}")
        if p.a_only:
            out.append(f"{L['only_in']} {p.a + 1}: " + "、".join(A.article(e).num for e in p.a_only))
        if p.b_only:
            out.append(f"{L['only_in']} {p.b + 1}: " + "、".join(B.article(e).num for e in p.b_only))
    out.append("")
    out.append(f"{L['coverage']} ({L['coverage_note']}):")
    for k, d in enumerate(docs):
        out.append(f"{k + 1}. {_title(d)}")
        for row in al.coverage(k):
            by = "  ".join(f"{o + 1}:{v}" for o, v in row["by"].items())
            out.append(f"   {pad(row['label'], 24)} {row['any']:>3}/{row['articles']:<3}  {by}")
    return "\n".join(out) + "\n"


def _rows(p, A) -> list[tuple]:
    """A pair's matches and related pairs in the order of document ``A``'s articles (then
    best first), each with its kind: ``match`` or ``related``."""
    rows = [(m, "match") for m in p.matches] + [(m, "related") for m in p.related]
    if p.related:
        rows.sort(key=lambda r: (A.place(r[0].a_eId), -r[0].score))
    return rows


def _groups(p, A, B, L) -> list[dict]:
    """The pair's matches that are not one-to-one (:attr:`PairAlignment.groups`), for
    reading: kind, its label (一对多 …) and each side's article numbers in its order."""
    def nums(doc, eIds):
        return L["list_sep"].join(doc.article(e).num for e in sorted(eIds, key=doc.place))
    return [{"kind": g["kind"], "label": L["kinds"][g["kind"]], "a": nums(A, g["a"]),
             "b": nums(B, g["b"])} for g in p.groups]


def to_json(al: Alignment) -> str:
    return json.dumps(al.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(al: Alignment) -> bytes:
    """One row per matched (``kind`` ``match``) or related (``related``) pair of articles,
    in the order of the first document; ``kind`` is the last column, so the columns of
    before it keep their places (CSV with a BOM, see :mod:`ftzlaw.tables`)."""
    rows = []
    docs = al.documents
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        for m, kind in _rows(p, A):
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            rows.append([A.name, a.eId, a.num, B.name, b.eId, b.num, f"{m.score:.4f}",
                         a.text, b.text, kind])
    return csv_bytes(["a_document", "a_eId", "a_num", "b_document", "b_eId", "b_num", "score",
                      "a_text", "b_text", "kind"], rows)


# --- the page formats' data -----------------------------------------------------------------

def _colour(score: float) -> str:
    """White → dark red as the calibrated score goes 0 → 1."""
    s = max(0.0, min(1.0, score))
    g = int(255 - s * (255 - 40))
    r = int(255 - s * (255 - 139))
    return f"#{r:02x}{g:02x}{g:02x}"


def heatmap(al: Alignment, pair, max_cells: int = MAX_CELLS) -> dict:
    """Geometry of one pair's heatmap: rows = articles of a, columns = articles of b, at
    most ``max_cells`` a side (``ka``/``kb`` articles a bin; a bin shows its best score and
    is outlined when it holds a match). Work: one pass over the pair's scores."""
    A, B = al.documents[pair.a], al.documents[pair.b]
    ka = max(1, math.ceil(len(A.articles) / max_cells))
    kb = max(1, math.ceil(len(B.articles) / max_cells))
    best: dict[tuple[int, int], float] = {}
    for (ea, eb), s in pair.scores.items():
        i, j = A.place(ea), B.place(eb)
        if s >= 0.02 and i is not None and j is not None:
            key = (i // ka, j // kb)
            if s > best.get(key, 0.0):
                best[key] = s
    matched = {(A.place(m.a_eId) // ka, B.place(m.b_eId) // kb) for m in pair.matches}

    def span(arts, k, i):
        first, last = arts[i * k], arts[min(len(arts), (i + 1) * k) - 1]
        return first.num if first is last else f"{first.num}–{last.num}"
    cells = [{"x": j * CELL, "y": i * CELL, "fill": _colour(s), "match": (i, j) in matched,
              "title": f"{span(A.articles, ka, i)} ↔ {span(B.articles, kb, j)}: {s:.2f}"}
             for (i, j), s in sorted(best.items())]
    rows, cols = math.ceil(len(A.articles) / ka), math.ceil(len(B.articles) / kb)
    return {"width": cols * CELL, "height": rows * CELL, "cell": CELL, "ka": ka, "kb": kb,
            "cells": cells, "a_ticks": _ticks(A, ka), "b_ticks": _ticks(B, kb)}


def _ticks(doc, k: int = 1) -> list[dict]:
    """Chapter boundaries along an axis."""
    return [{"at": doc.place(c.articles[0]) // k * CELL, "label": c.label.split(" ")[0]}
            for c in doc.chapters if c.articles]


def shared_segments(a_text: str, b_text: str) -> tuple[list[dict], list[dict], float]:
    """Both texts as segments ``{"t": text, "m": "shared"|""}``, each in its own characters
    (every character of each kept), runs of ≥ :data:`SHARED_RUN` characters both have
    marked ``shared`` — in an alphabetic script cut back to whole words on both sides alike
    and kept from :data:`SHARED_WORDS` words (``port`` of *report* and *proportionate* is
    no shared passage); and the share of identical text (1 − edit distance / longer)."""
    from ..diff.chars import EQUAL, char_diff, comparison_form, distance

    ops = char_diff(a_text, b_text)
    words = alphabetic(a_text + " " + b_text)
    full = {"old": a_text, "new": b_text}
    pos = {"old": 0, "new": 0}
    out: dict[str, list[dict]] = {"old": [], "new": []}

    def add(side: str, t: str, mark: str) -> None:
        if not t:
            return
        segs = out[side]
        if segs and segs[-1]["m"] == mark == "":   # (each shared run its own segment)
            segs[-1]["t"] += t
        else:
            segs.append({"t": t, "m": mark})

    for op in ops:
        sides = {side: op.side(side) for side in ("old", "new")}
        cuts = None
        if op.op == EQUAL and len(comparison_form(op.text)) >= SHARED_RUN:
            cuts = _word_cuts(full, pos, sides) if words else \
                {side: (0, 0) for side in sides}
        for side, t in sides.items():
            if cuts is None:
                add(side, t, "")
            else:
                left, right = cuts[side]
                add(side, t[:left], "")
                add(side, t[left:len(t) - right], "shared")
                add(side, t[len(t) - right:], "")
            pos[side] += len(t)
    dist, la, lb = distance(ops)
    same = 1.0 - dist / max(la, lb) if max(la, lb) else 1.0
    return out["old"], out["new"], max(0.0, same)


def _word_cuts(full: dict, pos: dict, sides: dict) -> dict | None:
    """How many characters a shared run of an alphabetic text loses at each end so as to
    hold whole words — the same on both sides when the two spell it alike — or None when
    fewer than :data:`SHARED_WORDS` words remain."""
    cuts = {}
    for side, t in sides.items():
        text, start = full[side], pos[side]
        end = start + len(t)
        left = right = 0
        if t and 0 < start and text[start - 1].isalpha() and t[0].isalpha():
            while left < len(t) and t[left].isalpha():       # begins inside a word
                left += 1
        if t and end < len(text) and text[end].isalpha() and t[-1].isalpha():
            while right < len(t) - left and t[len(t) - 1 - right].isalpha():   # ends inside
                right += 1
        cuts[side] = (left, right)
    if sides["old"] == sides["new"]:
        both = (max(c[0] for c in cuts.values()), max(c[1] for c in cuts.values()))
        cuts = {side: both for side in cuts}
    for side, t in sides.items():
        left, right = cuts[side]
        while left < len(t) - right and t[left].isspace():          # spaces stay unmarked
            left += 1
        while right < len(t) - left and t[len(t) - 1 - right].isspace():
            right += 1
        if left + right >= len(t) or word_count(t[left:len(t) - right]) < SHARED_WORDS:
            return None
        cuts[side] = (left, right)
    return cuts


def report_data(al: Alignment) -> dict:
    """The report as plain data: what the HTML, PDF and Word writers print."""
    lang = language(al)
    L = LABELS[lang]
    docs = al.documents
    documents = [{"n": k + 1, "title": _title(d), "name": d.name, "articles": len(d.articles),
                  "work": d.work_uri or ""} for k, d in enumerate(docs)]
    pairs = []
    for p in al.pairs:
        A, B = docs[p.a], docs[p.b]
        rows = []
        for m, kind in _rows(p, A):
            a, b = A.article(m.a_eId), B.article(m.b_eId)
            a_segs, b_segs, same = shared_segments(a.text, b.text)
            rows.append({"a": {"eId": a.eId, "num": a.num, "segs": a_segs},
                         "b": {"eId": b.eId, "num": b.num, "segs": b_segs},
                         "kind": kind, "score": round(m.score, 4),
                         "same": round(same, 4)})
        hm = heatmap(al, p)
        pairs.append({
            "a": p.a + 1, "b": p.b + 1, "a_title": _title(A), "b_title": _title(B),
            "similarity": round(p.similarity, 4), "rows": rows, "heatmap": hm,
            "n_matches": len(p.matches), "n_related": len(p.related),
            "groups": _groups(p, A, B, L),
            "heatmap_caption": L["heatmap"].format(a=_title(A), b=_title(B)) + (
                L["heatmap_bins"].format(ka=hm["ka"], kb=hm["kb"])
                if hm["ka"] > 1 or hm["kb"] > 1 else ""),
            "a_only": [{"num": A.article(e).num, "text": A.article(e).text} for e in p.a_only],
            "b_only": [{"num": B.article(e).num, "text": B.article(e).text} for e in p.b_only]})
    coverage = [{"n": k + 1, "title": _title(d),
                 "others": [o + 1 for o in range(len(docs)) if o != k],
                 "rows": al.coverage(k)} for k, d in enumerate(docs)]
    title = L["report"] + " · " + " / ".join(_title(d) for d in docs)
    return {"title": title, "lang": "zh-CN" if lang == "zh" else "en", "labels": L,
            "min_score": f"{al.min_score:g}",
            "related_score": (L["related_score"].format(r=f"{al.related_score:g}",
                                                        x=f"{al.min_score:g}")
                              if al.related_score < al.min_score else ""),
            "documents": documents, "pairs": pairs,
            "coverage": coverage}


# --- html, pdf, docx ------------------------------------------------------------------------

def to_html(al: Alignment) -> str:
    from ..render.html import render_template

    return render_template("compare.html.j2", caption="", **report_data(al))


def to_pdf(al: Alignment) -> bytes:
    from ..render import TEMPLATES_DIR
    from ..render.typst import compile_pdf

    return compile_pdf(TEMPLATES_DIR / "compare.typ", report_data(al))


def to_docx(al: Alignment) -> bytes:
    """The report as a Word document (python-docx): the same tables as the HTML but the
    heatmap; shared passages highlighted (Word's yellow highlight), page numbers in the
    footer."""
    import io

    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Mm, Pt

    from ..diff.docx import SANS, SERIF, a4_document, add_run, page_numbers, row_adder

    data = report_data(al)
    L = data["labels"]
    doc = a4_document(data["title"], margin_mm=18)
    section = doc.sections[0]
    doc.core_properties.language = data["lang"]
    page_numbers(section)

    def para(text="", *, bold=False, size=None, centre=False, family=SERIF):
        p = doc.add_paragraph()
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            r = add_run(p, text, bold=bold, family=family)
            if size:
                r.font.size = Pt(size)
        return p

    def heading(text, level):
        h = doc.add_heading(level=level)
        add_run(h, text, bold=True, family=SANS)
        return h

    def table(header, rows, widths=None):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, header):
            add_run(cell.paragraphs[0], text, bold=True, family=SANS)
        add_row = row_adder(t)
        for row in rows:
            cells = add_row().cells
            for cell, value in zip(cells, row):
                if isinstance(value, dict):  # an article: number and segments
                    p = cell.paragraphs[0]
                    add_run(p, value["num"] + "　", bold=True, family=SANS)
                    for seg in value["segs"]:
                        r = add_run(p, seg["t"])
                        if seg["m"] == "shared":
                            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
                else:
                    add_run(cell.paragraphs[0], str(value))
        if widths:
            for row in t.rows:
                for cell, w in zip(row.cells, widths):
                    cell.width = Mm(w)
        return t

    para(data["title"], bold=True, size=16, centre=True, family=SANS)
    table(["#", L["document"], L["file"], L["articles"]],
          [[d["n"], d["title"], d["name"], d["articles"]] for d in data["documents"]])
    para(L["min_score"].format(x=data["min_score"]))
    if data["related_score"]:
        para(data["related_score"])
    table([L["pair"], L["matches"], L["related_head"], L["unmatched"], L["similarity"]],
          [[f"{p['a']} ↔ {p['b']}", p["n_matches"], p["n_related"],
            f"{len(p['a_only'])} + {len(p['b_only'])}", f"{p['similarity']:.2f}"]
           for p in data["pairs"]])
    heading(L["coverage"], 1)
    para(L["coverage_note"])
    for c in data["coverage"]:
        heading(f"{c['n']}. {c['title']}", 2)
        table([L["chapter"], L["articles"]] + [f"{L['in']} {o}" for o in c["others"]] + [L["any"]],
              [[r["label"], r["articles"], *r["by"].values(), r["any"]] for r in c["rows"]])
    for p in data["pairs"]:
        heading(f"{p['a']}. {p['a_title']} ↔ {p['b']}. {p['b_title']}", 1)
        para(L["matched_pairs"].format(n=p["n_matches"], r=p["n_related"],
                                       s=f"{p['similarity']:.2f}"))
        if p["groups"]:
            para(L["groups"] + ("：" if data["lang"] == "zh-CN" else ":"))
            for g in p["groups"]:
                para(f"{g['label']}  {g['a']} → {g['b']}")
        para(L["legend"])
        table([f"{p['a']}. {p['a_title']}", L["score"], f"{p['b']}. {p['b_title']}"],
              [[r["a"], (f"{r['score']:.2f}" + ("\n" + L["related"] if r["kind"] == "related"
                                                else "")
                         + f"\n{L['same_text']} {round(100 * r['same'])}%"), r["b"]]
               for r in p["rows"]], widths=(78, 18, 78))
        for side, n, title in (("a_only", p["a"], p["a_title"]), ("b_only", p["b"], p["b_title"])):
            heading(f"{L['only_in']} {n}. {title}（{len(p[side])}）", 2)
            for art in p[side]:
                q = para()
                add_run(q, art["num"] + "　", bold=True, family=SANS)
                add_run(q, art["text"])
            if not p[side]:
                para(L["none"])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


WRITERS = {"text": to_text, "json": to_json, "csv": to_csv, "html": to_html, "pdf": to_pdf,
           "docx": to_docx}


def write(al: Alignment, fmt: str) -> str | bytes:
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return WRITERS[fmt](al)
