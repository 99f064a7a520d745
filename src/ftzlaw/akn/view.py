"""The read view: a light, computed-on-demand walk over an AKN tree.

Diff, amend, compare and render iterate over this view rather than over raw XML, so they
see one shape whatever tool produced the AKN. Nothing here is stored beside the tree:
every object keeps a reference to its element and reads from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .xml import NS, akn

_WS = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026"
# A space next to a CJK character or full-width punctuation is layout (PDF extraction puts
# spaces around digits: 自 2022 年); between two Latin words it is text.
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")
_HAS_CJK = re.compile("[\u3400-\u9fff]")
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
    """The element's tag without its namespace (what ``etree.QName(el).localname`` gives,
    without building a QName: this is called for every element the renderers walk)."""
    tag = el.tag
    return tag[tag.index("}") + 1:] if tag[:1] == "{" else tag


# AKN's hierarchical elements (the ANhier group, plus hcontainer): each may carry num,
# heading, subheading, then intro + hierarchical children + wrapUp, or content.
HIER_TAGS = frozenset((
    "alinea", "article", "book", "chapter", "clause", "division", "hcontainer", "indent",
    "level", "list", "paragraph", "part", "point", "proviso", "rule", "section", "subchapter",
    "subclause", "subdivision", "sublist", "subparagraph", "subpart", "subrule",
    "subsection", "subtitle", "title", "tome", "transitional"))
# The parts of a hierarchical element that are not children in the hierarchy.
LABEL_TAGS = frozenset(("num", "heading", "subheading"))
OWN_TAGS = frozenset(("intro", "content", "wrapUp"))
# The main body of each AKN document type (``body`` for act, bill and doc-like types).
BODY_TAGS = ("body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "portionBody",
             "collectionBody")


def _elements(el):
    return [c for c in el if isinstance(c.tag, str)] if el is not None else []


def _inline(el) -> bool:
    """True when ``el`` holds text of its own (a ``p``, a ``num``): mixed content."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


BREAK_TAGS = frozenset(("eol", "eop", "br"))


def latin_space(text: str) -> str:
    """Whitespace closed up as in a Latin-script text: every run of it one space (a space
    beside a quotation mark or a dash is text there, not layout)."""
    return _WS.sub(" ", text).strip()


def lines_of(el, latin: bool = False) -> str:
    """Like ``text_of``, but a line break written in the text (``eol``, ``eop``, XHTML
    ``br``) stays as ``\n`` between the lines it separates (empty lines left out). With
    ``latin``, spaces are closed up as in a Latin-script text (``latin_space``)."""
    if el is None:
        return ""
    norm = latin_space if latin else norm_space
    if next((c for c in el.iter() if isinstance(c.tag, str) and c is not el
             and _local(c) in BREAK_TAGS), None) is None:
        return norm("".join(el.itertext()))
    pieces: list[str] = []

    def walk(node):
        if node.text:
            pieces.append(node.text)
        for c in node:
            if isinstance(c.tag, str):
                if _local(c) in BREAK_TAGS:
                    pieces.append("\0")  # cannot occur in XML text
                else:
                    walk(c)
            if c.tail:
                pieces.append(c.tail)

    walk(el)
    lines = (norm(line) for line in "".join(pieces).split("\0"))
    return "\n".join(line for line in lines if line)


def blocks_of(el, breaks: bool = False, latin: bool = False) -> list[str]:
    """The text of ``el`` as printed blocks (one per ``p``, list item, table cell …), each
    as ``text_of`` gives it, empty ones left out. Joined, they hold every character of ``el``:
    an element with text of its own is one block; a pure container is split into its children.
    With ``breaks``, a line break inside a block stays as ``\n`` and ``latin`` closes up
    spaces as in a Latin-script text (see ``lines_of``).
    """
    if el is None:
        return []
    kids = _elements(el)
    if _inline(el) or not kids:
        text = lines_of(el, latin) if breaks else text_of(el)
        return [text] if text else []
    out = [t for c in kids for t in blocks_of(c, breaks, latin)]
    if _local(kids[0]) == "num" and len(out) > 1 and text_of(kids[0]) == out[0]:
        out[:2] = [f"{out[0]} {out[1]}"]  # a list item's number leads its words
    return out


def _ancestors(el, tags) -> list["Division"]:
    out = [Division(a) for a in el.iterancestors() if isinstance(a.tag, str)
           and _local(a) in tags]
    return out[::-1]


@dataclass
class Part:
    """What 款 (paragraph), 项/目 (point) and any other level of AKN's hierarchy share.

    A hierarchical element reads as: ``num``, ``heading``, ``subheading``, its own words
    (``text``: content, else intro), its sub-units (``points``: every child that is not a label
    or its own words — paragraph, list, point, indent, alinea, hcontainer, a crossHeading …),
    and ``wrap_up``. A non-hierarchical child (a crossHeading, a stray ``p``) is a Part whose
    text is all of its text. ``full_text`` is everything, in order: nothing is dropped.
    """

    element: object = field(repr=False)

    @property
    def eId(self) -> str:
        return self.element.get("eId", "")

    @property
    def hierarchical(self) -> bool:
        return _local(self.element) in HIER_TAGS

    def _label(self, tag: str) -> str:
        return text_of(_child(self.element, tag)) if self.hierarchical else ""

    @property
    def num(self) -> str:
        return self._label("num")

    @property
    def heading(self) -> str:
        return self._label("heading")

    @property
    def subheading(self) -> str:
        return self._label("subheading")

    def _own(self):
        if not self.hierarchical:
            return self.element
        own = _child(self.element, "content")
        return own if own is not None else _child(self.element, "intro")

    @property
    def text(self) -> str:
        """The unit's own words (its content, or the intro before its sub-units), without
        its num or sub-units."""
        return text_of(self._own())

    @property
    def blocks(self) -> list[str]:
        """``text`` as printed blocks (several ``p``, a list's items …)."""
        return blocks_of(self._own())

    def printed_blocks(self, latin: bool = False) -> list[str]:
        """``blocks``, with the line breaks written inside a block kept as ``\n`` (and, with
        ``latin``, spaces closed up as in a Latin-script text)."""
        return blocks_of(self._own(), breaks=True, latin=latin)

    def printed_wrap_up_blocks(self, latin: bool = False) -> list[str]:
        return blocks_of(_child(self.element, "wrapUp"), breaks=True, latin=latin) \
            if self.hierarchical else []

    @property
    def wrap_up(self) -> str:
        return text_of(_child(self.element, "wrapUp")) if self.hierarchical else ""

    @property
    def wrap_up_blocks(self) -> list[str]:
        return blocks_of(_child(self.element, "wrapUp")) if self.hierarchical else []

    @property
    def points(self) -> list["Point"]:
        """The sub-units: every child element but num/heading/subheading/intro/content/wrapUp."""
        if not self.hierarchical:
            return []
        return [Point(c) for c in _elements(self.element)
                if _local(c) not in LABEL_TAGS and _local(c) not in OWN_TAGS]

    @property
    def full_text(self) -> str:
        """Everything the unit says, sub-units included, as one string."""
        return self.num + self.heading + self.subheading + self.text + \
            "".join(p.full_text for p in self.points) + self.wrap_up


@dataclass
class Point(Part):
    """A 项 (``point``), or a 目 when nested in another point; in foreign AKN any sub-unit
    (list, indent, alinea, subparagraph, hcontainer …)."""


@dataclass
class Paragraph(Part):
    """A 款: numbered by position (``art_3__para_2``); may have an intro and 项.

    ``Paragraph(article, whole=True)`` stands for an article that has no sub-units of its
    own kind (plain content, or intro + sub-units + wrapUp): the article's num and heading
    are then the article's, not the 款's, and read as empty here."""

    whole: bool = False

    def _label(self, tag: str) -> str:
        return "" if self.whole else super()._label(tag)


@dataclass
class Article:
    """A 条. ``division`` is the eId of the nearest enclosing chapter/section (or None).

    In foreign AKN without ``article`` elements, the document's articles are its
    ``section``s (UK, South Africa); see :attr:`Document.articles`."""

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

    @property
    def subheading(self) -> str:
        return text_of(_child(self.element, "subheading"))

    @property
    def label(self) -> str:
        """The article's lead as printed: 第一条【立法目的】 (a Chinese heading in 【】); a heading
        without CJK characters follows the num after a space (``12 Definitions``)."""
        head = self.heading
        if not head:
            return self.num
        if _HAS_CJK.search(head):
            return f"{self.num}【{head}】"
        return f"{self.num} {head}" if self.num else head

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The 款. An article whose only parts are sub-units (paragraph, subsection, list,
        hcontainer …) has one 款 per sub-unit; one with words of its own (content, or intro
        and wrapUp around its sub-units) is a single 款 that holds them all."""
        kids = [c for c in _elements(self.element)
                if _local(c) not in LABEL_TAGS and _local(c) not in OWN_TAGS]
        own = any(_local(c) in OWN_TAGS for c in _elements(self.element))
        if kids and not own:
            return [Paragraph(p) for p in kids]
        return [Paragraph(self.element, whole=True)]

    @property
    def text(self) -> str:
        """The article's words without its num: 款 joined by newlines."""
        return "\n".join(p.full_text for p in self.paragraphs)

    @property
    def divisions(self) -> list["Division"]:
        """The enclosing divisions (编/分编/章/节 …), outermost first."""
        tags = set(DIVISION_TAGS) - {_local(self.element)}
        return _ancestors(self.element, tags)

    @property
    def division(self) -> str | None:
        divs = self.divisions
        return divs[-1].element.get("eId") if divs else None


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
    def subheading(self) -> str:
        return text_of(_child(self.element, "subheading"))

    @property
    def divisions(self) -> list["Division"]:
        """The enclosing divisions, outermost first."""
        return _ancestors(self.element, DIVISION_TAGS)

    @property
    def articles(self) -> list[Article]:
        """Its articles: ``article`` elements, else (foreign AKN) ``section`` elements."""
        return [Article(a) for a in _article_elements(self.element) if a is not self.element]


def _article_elements(el) -> list:
    """``article`` elements under ``el``; when there are none, ``section`` elements (the unit
    numbered like an article in UK and South African AKN)."""
    found = [a for a in el.iter(akn("article"))]
    if found:
        return found
    return [a for a in el.iter(akn("section")) if a is not el]


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
    def short_title(self) -> str:
        """The ``shortTitle`` written in the preface (or cover page, preamble), else ""."""
        for part in ("a:preface", "a:coverPage", "a:preamble"):
            el = self._meta(f"{part}//a:shortTitle")
            if el is not None and text_of(el):
                return text_of(el)
        return ""

    @property
    def display_title(self) -> str:
        """The title to print: ``shortTitle`` where present, else the ``docTitle``, the
        FRBRalias named ``title``, FRBRname (a template placeholder such as ``#varBillTitle``
        skipped), the ``longTitle``, the ``docNumber``, the file name. For ftzlaw's Chinese
        documents this is ``title``."""
        alias = self._meta_value("a:meta/a:identification/a:FRBRWork/a:FRBRalias[@name='title']")
        name = self._meta_value("a:meta/a:identification/a:FRBRWork/a:FRBRname") or ""
        for t in (self.short_title, text_of(self._meta("a:preface//a:docTitle")),
                  text_of(self._meta("a:coverPage//a:docTitle")), norm_space(alias or ""),
                  "" if name.startswith("#") else norm_space(name),
                  text_of(self._meta("a:preface/a:longTitle")),
                  text_of(self._meta("a:preface//a:docNumber")),
                  text_of(self._meta("a:coverPage//a:docNumber")),
                  text_of(self._meta("a:header//a:docNumber"))):
            if t:
                return t
        return self.name or ""

    def part(self, tag: str):
        """The document's ``coverPage``, ``preface``, ``preamble``, ``conclusions`` or
        ``attachments`` element (None when it has none)."""
        return self._meta(f"a:{tag}")

    @property
    def attachments(self) -> list["Document"]:
        """The documents attached (``attachments/attachment``), in order."""
        holder = self.part("attachments")
        if holder is None:
            return []
        return [Document(a) for a in holder.iterfind(akn("attachment"))
                if any(_local(c) not in ("documentRef", "interstitial") for c in _elements(a))]

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
    def language(self) -> str | None:
        """The expression's FRBRlanguage code as written (``zho``, ``eng``, ``it`` …)."""
        return self._meta_value("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage",
                                "language")

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
        """The main body: ``body`` (act, bill, doc …), else ``mainBody``, ``judgmentBody``,
        ``debateBody``, ``amendmentBody``, ``portionBody`` or ``collectionBody``."""
        if self.doc is None:
            return None
        for tag in BODY_TAGS:
            el = self.doc.find(akn(tag))
            if el is not None:
                return el
        return None

    @property
    def components(self) -> list["Document"]:
        """For a ``documentCollection``: its component documents written out in the file
        (``components/component/*`` or inline in ``collectionBody``), in order."""
        if self.doc is None or _local(self.doc) != "documentCollection":
            return []
        out = []
        holders = list(self.root.iterfind(f"{akn('components')}/{akn('component')}"))
        holders += [c for c in self.doc.iterfind(f"{akn('collectionBody')}/{akn('component')}")]
        for comp in holders:
            if any(_local(c) not in ("documentRef", "interstitial") for c in _elements(comp)):
                out.append(Document(comp))
        return out

    # --- structure ----------------------------------------------------------------
    @cached_property
    def articles(self) -> list[Article]:
        """Every ``article`` of the body; a body without any (UK, South Africa) has its
        ``section``s as articles."""
        body = self.body
        return [Article(a) for a in _article_elements(body)] if body is not None else []

    @property
    def article_tag(self) -> str | None:
        """``article``, ``section`` (foreign AKN without articles) or None."""
        return _local(self.articles[0].element) if self.articles else None

    @cached_property
    def divisions(self) -> list[Division]:
        """编/分编/章/节 (part, subpart, chapter, section, subsection), less the tag that
        serves as the article."""
        body = self.body
        if body is None:
            return []
        article = self.article_tag
        tags = [t for t in DIVISION_TAGS if t != article]
        found = [Division(e) for e in body.iter(*(akn(t) for t in tags))]
        if article == "section":
            # a UK/South African section's subsections are its 款, not divisions
            found = [d for d in found if next(d.element.iterancestors(akn(article)), None) is None]
        return found

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
