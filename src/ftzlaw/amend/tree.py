"""Small helpers on the AKN tree shared by the amend operations: 项 labels, the 款/项 of an
element, eIds given as the importer gives them, a quotation's inner quotes."""

from __future__ import annotations

import re

from ..akn.eid import ARTICLE_EID, paragraph_eid, point_eid, point_numbers
from ..akn.xml import akn
from ..zh import patterns as P
from ..zh.numerals import cn_to_int, int_to_cn


def unnest(text: str) -> str:
    """Inner quotes of a quotation back to the text's own: ‘…’ / '…' → “…”."""
    out, opening = [], True
    for ch in text:
        if ch == "‘":
            ch = "“"
        elif ch == "’":
            ch = "”"
        elif ch == "'":
            ch, opening = ("“" if opening else "”"), not opening
        out.append(ch)
    return "".join(out)


def _article_key(el) -> tuple[int, int] | None:
    m = P.ARTICLE_NUM.search(el.findtext(akn("num")) or "") \
        or ARTICLE_EID.fullmatch(el.get("eId", ""))
    return P.article_key(m) if m else None


def _label_style(sample: str | None, n: int, depth: int) -> str:
    """A 项/目 label numbered ``n`` in the style of ``sample`` (its siblings' labels)."""
    if depth > 1:
        dot = "." if sample and sample.endswith(".") else "．"
        return f"{n}{dot}"
    if sample and sample.startswith("("):
        return f"({int_to_cn(n)})"
    return f"（{int_to_cn(n)}）"


def _label_number(label: str) -> int | None:
    m = re.search(rf"({P.N}|\d+)", label or "")
    if not m:
        return None
    v = m.group(1)
    return int(v) if v.isdigit() else cn_to_int(v)


def _points(el) -> list:
    return el.findall(akn("point"))


def _paragraphs(el) -> list:
    return el.findall(akn("paragraph"))


def reassign_eids(article, eid: str) -> dict:
    """Set the eIds of an article and everything in it as the importer would (flat
    ``art_N``, ``__para_N`` by position, ``__point_N`` by label); returns element → old eId."""
    old = {}

    def setid(el, new):
        if el.get("eId") != new:
            old[el] = el.get("eId")
            el.set("eId", new)

    def points(parent, prefix):
        run = _points(parent)
        numbers = point_numbers(_label_number(pt.findtext(akn("num"))) for pt in run)
        for pt, n in zip(run, numbers):
            setid(pt, point_eid(prefix, n))
            points(pt, pt.get("eId"))

    setid(article, eid)
    for i, para in enumerate(_paragraphs(article), 1):
        setid(para, paragraph_eid(eid, i))
        points(para, paragraph_eid(eid, i))
    return old
