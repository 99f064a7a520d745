"""The read view: a light, computed-on-demand walk over an AKN tree.

Diff, amend, compare and render iterate over this view rather than over raw XML, so they
see one shape whatever tool produced the AKN. Nothing here is stored beside the tree:
every object keeps a reference to its element and reads from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from .xml import NS, akn

_WS = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026"
# A space next to a CJK character or full-width punctuation is layout (PDF extraction puts
# spaces around digits: 自 2022 年); between two Latin words it is text.
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")
DIVISION_TAGS = ("part", "subpart", "chapter", "section", "subsection")


def text_of(el) -> str:
    """All text inside an element, layout whitespace removed: newlines and indentation go,
    a space survives only between two non-CJK characters (Latin words)."""
    if el is None:
        return ""
    return norm_space("".join(el.itertext()))


def norm_space(text: str) -> str:
    return _CJK_SPACE.sub("", _WS.sub(" ", text).strip())


def _child(el, tag):
    return el.find(akn(tag)) if el is not None else None


def _local(el) -> str:
    return etree.QName(el).localname


@dataclass
class Point:
    """A 项 (``point``), or a 目 when nested in another point."""

    element: object = field(repr=False)

    @property
    def eId(self) -> str:
        return self.element.get("eId", "")

    @property
    def num(self) -> str:
        return text_of(_child(self.element, "num"))

    @property
    def text(self) -> str:
        """The point's own words (its intro or content), without its num or sub-points."""
        own = _child(self.element, "content")
        if own is None:
            own = _child(self.element, "intro")
        return text_of(own)

    @property
    def points(self) -> list["Point"]:
        return [Point(p) for p in self.element.findall(akn("point"))]

    @property
    def full_text(self) -> str:
        return self.num + self.text + "".join(p.full_text for p in self.points) + \
            text_of(_child(self.element, "wrapUp"))


@dataclass
class Paragraph:
    """A 款: numbered by position (``art_3__para_2``); may have an intro and 项."""

    element: object = field(repr=False)

    @property
    def eId(self) -> str:
        return self.element.get("eId", "")

    @property
    def num(self) -> str:
        return text_of(_child(self.element, "num"))

    @property
    def text(self) -> str:
        """The 款's own words: its content, or the intro before its 项."""
        own = _child(self.element, "content")
        if own is None:
            own = _child(self.element, "intro")
        return text_of(own)

    @property
    def wrap_up(self) -> str:
        return text_of(_child(self.element, "wrapUp"))

    @property
    def points(self) -> list[Point]:
        return [Point(p) for p in self.element.findall(akn("point"))]

    @property
    def full_text(self) -> str:
        """Everything the 款 says, 项 included, as one string."""
        return self.num + self.text + "".join(p.full_text for p in self.points) + self.wrap_up


@dataclass
class Article:
    """A 条. ``division`` is the eId of the nearest enclosing chapter/section (or None)."""

    element: object = field(repr=False)

    @property
    def eId(self) -> str:
        return self.element.get("eId", "")

    @property
    def num(self) -> str:
        return text_of(_child(self.element, "num"))

    @property
    def heading(self) -> str:
        return text_of(_child(self.element, "heading"))

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        paras = self.element.findall(akn("paragraph"))
        if paras:
            return [Paragraph(p) for p in paras]
        # Foreign AKN may give an article plain content: treat it as one 款.
        return [Paragraph(self.element)]

    @property
    def text(self) -> str:
        """The article's words without its num: 款 joined by newlines."""
        return "\n".join(p.full_text for p in self.paragraphs)

    @property
    def division(self) -> str | None:
        parent = self.element.getparent()
        while parent is not None and _local(parent) not in DIVISION_TAGS:
            parent = parent.getparent()
        return parent.get("eId") if parent is not None else None


@dataclass
class Division:
    """A 编/分编/章/节."""

    element: object = field(repr=False)

    @property
    def kind(self) -> str:
        return _local(self.element)

    @property
    def eId(self) -> str:
        return self.element.get("eId", "")

    @property
    def num(self) -> str:
        return text_of(_child(self.element, "num"))

    @property
    def heading(self) -> str:
        return text_of(_child(self.element, "heading"))

    @property
    def articles(self) -> list[Article]:
        return [Article(a) for a in self.element.iter(akn("article"))]


class Document:
    """Read view over an AKN document tree (an ``lxml`` ElementTree or root element)."""

    def __init__(self, tree, name: str | None = None):
        self.root = tree.getroot() if hasattr(tree, "getroot") else tree
        self.name = name  # a file name, used when the document has no title
        doc = None
        for child in self.root:
            if isinstance(child.tag, str):
                doc = child
                break
        self.doc = doc

    # --- metadata -----------------------------------------------------------------
    def _meta(self, path: str):
        return self.doc.find(path, {"a": NS}) if self.doc is not None else None

    def _meta_value(self, path: str, attr: str = "value") -> str | None:
        el = self._meta(path)
        return el.get(attr) if el is not None else None

    @property
    def title(self) -> str:
        t = self._meta_value("a:meta/a:identification/a:FRBRWork/a:FRBRname")
        if not t:
            t = text_of(self._meta("a:preface//a:docTitle"))
        return t or (self.name or "")

    @property
    def caption(self) -> str:
        """The 题注 as printed (adoption and amendment history)."""
        return text_of(self._meta("a:preface/a:p[@class='caption']"))

    @property
    def work_uri(self) -> str | None:
        return self._meta_value("a:meta/a:identification/a:FRBRWork/a:FRBRuri")

    @property
    def expression_uri(self) -> str | None:
        return self._meta_value("a:meta/a:identification/a:FRBRExpression/a:FRBRuri")

    @property
    def expression_date(self) -> str | None:
        return self._meta_value("a:meta/a:identification/a:FRBRExpression/a:FRBRdate", "date")

    @property
    def events(self) -> list[dict]:
        """Lifecycle events in date order: date, type, refersTo, and ``source``: the showAs
        of the referenced original/passiveRef (the amending decision's title)."""
        if self.doc is None:
            return []
        shows = {el.get("eId"): el.get("showAs", "")
                 for el in self.doc.iterfind("a:meta/a:references/*", {"a": NS})}
        out = []
        for ev in self.doc.iterfind("a:meta/a:lifecycle/a:eventRef", {"a": NS}):
            out.append({"eId": ev.get("eId", ""), "date": ev.get("date", ""),
                        "type": ev.get("type", ""), "refersTo": ev.get("refersTo", ""),
                        "source": shows.get(ev.get("source", "").lstrip("#"), "")})
        return sorted(out, key=lambda e: e["date"])

    @property
    def in_force_from(self) -> str | None:
        """When this expression takes effect: the last commencement not before the
        expression date (施行 article or decision), else the expression date."""
        date = self.expression_date
        starts = [e["date"] for e in self.events
                  if e["refersTo"] == "#commencement" and (not date or e["date"] >= date)]
        return max(starts) if starts else date

    @property
    def body(self):
        return self._meta("a:body")

    # --- structure ----------------------------------------------------------------
    @cached_property
    def articles(self) -> list[Article]:
        body = self.body
        return [Article(a) for a in body.iter(akn("article"))] if body is not None else []

    @cached_property
    def divisions(self) -> list[Division]:
        body = self.body
        if body is None:
            return []
        return [Division(e) for e in body.iter(*(akn(t) for t in DIVISION_TAGS))]

    @property
    def chapters(self) -> list[Division]:
        return [d for d in self.divisions if d.kind == "chapter"]

    def article(self, eId: str) -> Article | None:
        for a in self.articles:
            if a.eId == eId:
                return a
        return None

    def body_text(self) -> str:
        """The whole body as one string, all whitespace removed (for fidelity checks)."""
        return _WS.sub("", "".join(self.body.itertext())) if self.body is not None else ""

    def counts(self) -> dict[str, int]:
        body = self.body
        if body is None:
            return {}
        def n(tag):
            return sum(1 for _ in body.iter(akn(tag)))
        return {"parts": n("part"), "chapters": n("chapter"), "sections": n("section"),
                "articles": n("article"), "paragraphs": n("paragraph"), "points": n("point")}
