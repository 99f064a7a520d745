"""A law as plain data, and its HTML and PDF renderings.

``document_data(tree)`` walks the read view once and returns JSON-ready dicts (title,
题注, nested chapters → articles → 款 → 项/目 with eIds); the HTML template and the typst
template both consume exactly that, so the two renderings cannot drift apart.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from ..errors import FtzlawError
from . import TEMPLATES_DIR

log = logging.getLogger("ftzlaw.render")
SUFFIX = {"html": ".html.j2", "pdf": ".typ"}


def template_path(name: str, fmt: str) -> Path:
    """``templates/<name>.html.j2`` or ``templates/<name>.typ``; a path to a file also works."""
    suffix = SUFFIX[fmt]
    given = Path(name)
    if given.name.endswith(suffix) and given.is_file():
        return given.resolve()
    path = TEMPLATES_DIR / f"{name}{suffix}"
    if "/" in name or "\\" in name or not path.is_file():
        known = sorted(p.name[: -len(suffix)] for p in TEMPLATES_DIR.glob(f"*{suffix}")
                       if "." not in p.name[: -len(suffix)] and not p.name.startswith("base."))
        raise FtzlawError(f"no {fmt} template {name!r}; available: {', '.join(known)} "
                          f"(or a path to a *{suffix} file)")
    return path


_BARE_NUM = re.compile(r"[0-9]+[A-Za-z]*|[a-z]{1,4}|[A-Z]{1,2}")


def _num(part, ctx: dict) -> str:
    """A unit's number as printed. legislation.gov.uk writes the numbers of subsections,
    paragraphs and sub-paragraphs bare (``a``, ``1``, ``ii``) and prints them in brackets:
    ``(a)``; every other producer's numbers are printed as written."""
    num = part.num
    if ctx.get("brackets") and num and _BARE_NUM.fullmatch(num):
        return f"({num})"
    return num


def _unit(part, ctx: dict) -> dict:
    """A 款, 项/目 or any other level of the hierarchy (view.Part) as data: ``head`` is what
    is printed before its first block (num, heading, subheading), ``blocks`` its words as
    printed paragraphs (a line break written inside one kept as ``\\n``), then its ``points``
    (sub-units) and ``wrap_up_blocks``."""
    sep = ctx["sep"]
    blocks = part.printed_blocks(ctx["latin"])
    num = _num(part, ctx)
    head = sep.join(x for x in (num, part.heading, part.subheading) if x)
    if head and blocks and sep:
        head += sep
    return {"eId": part.eId, "num": num, "heading": part.heading, "head": head,
            "text": part.text, "blocks": blocks,
            "points": [_unit(p, ctx) for p in part.points],
            "wrap_up": part.wrap_up, "wrap_up_blocks": part.printed_wrap_up_blocks(ctx["latin"])}


def _article(art, level: int, ctx: dict) -> dict:
    sep = ctx["sep"]
    paragraphs = []
    for para in art.paragraphs:
        unit = _unit(para, ctx)
        if para.whole:
            # The article's own words as its single 款: the article's id is not repeated.
            unit["eId"] = ""
        paragraphs.append(unit)
    from ..akn.view import lines_of
    from ..akn.xml import akn

    label = art.label
    if art.subheading:
        label = (label + (sep or "\u3000") if label else "") + art.subheading
    # as printed: a line break written in the heading kept ("\n"); the bookmark is ``label``
    printed = label
    heading_el = art.element.find(akn("heading"))
    if art.heading and heading_el is not None:
        printed = label.replace(art.heading, lines_of(heading_el, ctx["latin"]), 1)
    return {"type": "article", "level": level, "eId": art.eId, "num": art.num,
            "heading": art.heading, "label": label, "printed_label": printed,
            "paragraphs": paragraphs}


def _children(element, level: int, ctx: dict, labels_taken: bool = True) -> list[dict]:
    """The nodes under ``element``, in document order, leaving no text out.

    Articles (the view's: ``article``, else ``section``) become article nodes; other levels of
    the hierarchy that hold articles or are 编/章/节 become divisions; a level outside any
    article without them (a schedule's paragraphs) becomes a ``part`` (printed like a 款);
    intro/content/wrapUp and any other block (crossHeading, p, tblock …) become ``block``
    nodes. Containers without text of their own (blockContainer, components …) are looked into.
    """
    from ..akn.view import (DIVISION_TAGS, HIER_TAGS, LABEL_TAGS, OWN_TAGS, Article, Division,
                            Part, _inline, _local, blocks_of)
    from ..akn.xml import akn

    out = []
    article_tag = ctx["article_tag"]
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = _local(child)
        if labels_taken and tag in LABEL_TAGS:
            continue  # the enclosing node prints it
        if tag == article_tag:
            out.append(_article(Article(child), level, ctx))
        elif tag in HIER_TAGS and (tag in DIVISION_TAGS or (
                article_tag and next(child.iter(akn(article_tag)), None) is not None)):
            div = Division(child)
            out.append({"type": "division", "kind": tag, "level": level, "eId": div.eId,
                        "num": div.num, "heading": div.heading, "subheading": div.subheading,
                        "children": _children(child, level + 1, ctx)})
        elif tag in HIER_TAGS:
            out.append({"type": "part", "level": level, **_unit(Part(child), ctx)})
        elif tag in OWN_TAGS or _inline(child) or len(child) == 0:
            out.extend({"type": "block", "level": level, "text": t}
                       for t in blocks_of(child, breaks=True, latin=ctx["latin"]))
        else:
            out.extend(_children(child, level, ctx, labels_taken=False))
    return out


def caption_text(doc) -> str:
    """The 题注 as printed: like the view's caption, but a run of spaces (or U+3000) that
    separates its parts (……通过  根据……修正) stays one full-width space, as gazettes print it."""
    import re

    from ..akn.view import norm_space
    from ..akn.xml import NS

    el = doc.doc.find("a:preface/a:p[@class='caption']", {"a": NS}) if doc.doc is not None \
        else None
    if el is None:
        return doc.caption
    parts = re.split(r"\s{2,}|\u3000+", "".join(el.itertext()).strip())
    return "\u3000".join(norm_space(p) for p in parts if p.strip())


def language(doc) -> str:
    """The document's language as an HTML/BCP 47 tag: zh-CN for Chinese (and when unsaid)."""
    lang = (doc.language or "").lower()
    if lang in ("", "zho", "chi", "zh", "zh-cn"):
        return "zh-CN"
    return _ISO639_2.get(lang, lang)


_ISO639_2 = {"eng": "en", "ita": "it", "spa": "es", "esp": "es", "swa": "sw", "ell": "el",
             "gre": "el", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "por": "pt",
             "nld": "nl", "dut": "nl", "afr": "af", "zul": "zu", "xho": "xh"}


def _front(blocks: list[dict], title: str) -> list[dict]:
    """Front matter less its first block when that is the title (printed above it)."""
    return blocks[1:] if blocks and blocks[0]["text"] == title else blocks


def _blocks(doc, tag: str, ctx: dict, skip: tuple = ()) -> list[dict]:
    """The ``coverPage``/``preface``/``preamble``/``conclusions`` of ``doc`` as block nodes
    (one per printed paragraph), less the blocks in ``skip`` (the 题注: printed in the
    title block)."""
    el = doc.part(tag)
    if el is None:
        return []
    from ..akn.view import blocks_of

    return [{"type": "block", "level": 1, "part": tag, "text": t}
            for t in blocks_of(el, breaks=True, latin=ctx["latin"]) if t not in skip]


def _source_toc(doc, ctx: dict) -> tuple:
    """The printed lines of the source's 目录 kept in the preface (``p class="toc"``)."""
    from ..akn.view import blocks_of
    from ..akn.xml import NS

    if doc.doc is None:
        return ()
    return tuple(t for p in doc.doc.iterfind("a:preface/a:p[@class='toc']", {"a": NS})
                 for t in blocks_of(p, breaks=True, latin=ctx["latin"]))


def _component(d, level: int, ctx: dict, kind: str) -> dict:
    """A component or attached document as one division: its front matter, body and
    conclusions, under its title."""
    ctx = dict(ctx, article_tag=d.article_tag)
    title = d.display_title
    children = _front(_blocks(d, "coverPage", ctx) + _blocks(d, "preface", ctx)
                      + _blocks(d, "preamble", ctx), title)
    if d.body is not None:
        children += _children(d.body, level + 1, ctx)
    children += _blocks(d, "conclusions", ctx)
    for att in d.attachments:
        children.append(_component(att, level + 1, ctx, "attachment"))
    for n in children:
        if n["type"] == "block":
            n["level"] = level + 1
    return {"type": "division", "kind": kind, "level": level, "eId": "", "num": "",
            "heading": title, "subheading": "", "children": children}


def document_data(tree) -> dict:
    """The law as JSON-ready data: ``title``, ``caption`` (题注), ``lang``, ``latin`` (not a
    Chinese document: typeset in Latin style), ``front`` (cover page, preface and preamble
    blocks), ``body`` (nodes), ``back`` (conclusions blocks, then attachments as divisions),
    ``contents`` (the 目录: division labels with their levels).

    A node is one of::

        {"type": "division", kind, level, eId, num, heading, subheading, children}
        {"type": "article", level, eId, num, heading, label, paragraphs: [unit]}
        {"type": "part", level, **unit}        # a level of the hierarchy outside any article
        {"type": "block", level, text}         # words outside articles: intro, crossHeading …

    and a unit (款, 项/目, any sub-level) is ``{eId, num, heading, head, text, blocks,
    points: [unit], wrap_up, wrap_up_blocks}``: ``head`` is printed before the first of
    ``blocks``. Levels start at 1 and are the outline depth. Text is the view's (layout
    whitespace closed up; a line break written in the AKN kept as ``\\n``); joined, the nodes
    hold every character of the document but the title and 题注. A documentCollection's
    component documents follow its own body, one division each; so do attachments after
    the conclusions. The title is the ``shortTitle`` where there is one.
    """
    from ..akn.view import Document

    doc = Document(tree)
    parts = [doc] + doc.components
    if all(d.body is None for d in parts):
        raise FtzlawError("the document has no <body> to render")
    lang = language(doc)
    latin = lang != "zh-CN"
    uri = doc.work_uri or ""
    ctx = {"sep": " " if latin else "", "latin": latin, "brackets": "legislation.gov.uk" in uri}
    title = doc.display_title
    caption = caption_text(doc)
    body = []
    if doc.body is not None:
        body += _children(doc.body, 1, dict(ctx, article_tag=doc.article_tag))
    for d in doc.components:
        body.append(_component(d, 1, ctx, "component"))
    # The 题注 is printed in the title block; a source's own 目录 lines (p class="toc") give
    # way to the 目录 printed from the divisions, which holds the same words.
    skip = (doc.caption,) + (_source_toc(doc, ctx) if contents(body) else ())
    front = _front(_blocks(doc, "coverPage", ctx) + _blocks(doc, "preface", ctx, skip)
                   + _blocks(doc, "preamble", ctx), title)
    back = _blocks(doc, "conclusions", ctx)
    for att in doc.attachments:
        back.append(_component(att, 1, ctx, "attachment"))
    return {"title": title, "caption": caption, "lang": lang, "latin": latin,
            "uri": doc.expression_uri or "", "front": front, "body": body, "back": back,
            "contents": contents(body)}


def contents(body: list[dict]) -> list[dict]:
    """The 目录 a gazette prints: every division (编, 章, 节 …) as ``{"level", "label"}``, in
    order; empty when the law has no divisions."""
    out = []

    def walk(nodes):
        for n in nodes:
            if n["type"] == "division":
                if label(n):
                    out.append({"level": n["level"], "label": label(n)})
                walk(n["children"])

    walk(body)
    return out


def toc(body: list[dict]) -> list[dict]:
    """Table of contents: divisions with their articles (and loose articles) as
    ``{"eId", "label", "articles": [{"eId", "num"}], "children": [...]}``."""
    out = []
    loose: list[dict] = []
    for node in body:
        if node["type"] == "article":
            loose.append(_toc_article(node))
            continue
        if node["type"] != "division":
            continue
        if loose:
            out.append({"eId": "", "label": "", "articles": loose, "children": []})
            loose = []
        arts = [_toc_article(n) for n in node["children"] if n["type"] == "article"]
        out.append({"eId": node["eId"], "label": label(node), "articles": arts,
                    "children": toc([n for n in node["children"] if n["type"] == "division"])})
    if loose:
        out.append({"eId": "", "label": "", "articles": loose, "children": []})
    return out


def _toc_article(node: dict) -> dict:
    return {"eId": node["eId"], "num": node["num"] or node["heading"] or node["eId"]}


def label(node: dict) -> str:
    """第一章　总则: number and heading separated by a full-width space (a plain space
    when neither has a CJK character: ``Part 1 Introductory``)."""
    parts = [x for x in (node["num"], node["heading"], node.get("subheading", "")) if x]
    sep = "\u3000" if any(_CJK.search(x) for x in parts) else " "
    return sep.join(parts)


_CJK = re.compile("[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def render_html(tree, template: str = "default") -> str:
    """One self-contained HTML page of the law (see templates/default.html.j2)."""
    import jinja2

    from .html import environment

    path = template_path(template, "html")
    data = document_data(tree)
    env = environment()
    if path.parent == TEMPLATES_DIR:
        tpl = env.get_template(path.name)
    else:
        tpl = env.from_string(path.read_text(encoding="utf-8"))
    try:
        return tpl.render(title=data["title"], caption=data["caption"], data=data, lang=data["lang"],
                          toc=toc(data["body"]), label=label)
    except jinja2.TemplateError as exc:
        # e.g. --template naming a report's template, which expects other data
        raise FtzlawError(f"HTML template {template!r} cannot render a law: {exc}") from None


def render_pdf(tree, template: str = "default") -> bytes:
    """The law typeset after GB/T 9704-2012 (see templates/default.typ) as PDF bytes."""
    from .fonts import gazette_fonts
    from .typst import compile_pdf

    data = document_data(tree)
    fonts = gazette_fonts()
    if not data["latin"]:
        _warn_fonts(tuple(fonts.warnings))
    pdf = compile_pdf(template_path(template, "pdf"), data, fonts=fonts)
    return pdf if data["latin"] else declare_chinese(pdf)


# The grid template sets Chinese text with lang "cmn" (Mandarin) rather than "zh": for "zh"
# typst breaks lines only between dictionary words, the gazette grid between any two
# characters. The PDF then declares its language as cmn-CN; readers and screen readers know
# zh-CN, so the declaration is rewritten in place, byte for byte the same length (the PDF's
# cross-reference offsets stay right): in the catalog and in the XMP metadata.
_LANG_FIXES = ((b"/Lang(cmn-CN)", b"/Lang(zh-CN) "),
               (b"<rdf:li>cmn-CN</rdf:li>", b"<rdf:li>zh-CN</rdf:li> "))


def declare_chinese(pdf: bytes) -> bytes:
    """``pdf`` with its cmn-CN language declarations made zh-CN (same length)."""
    for old, new in _LANG_FIXES:
        assert len(old) == len(new)
        pdf = pdf.replace(old, new)
    return pdf


@lru_cache(maxsize=None)
def _warn_fonts(warnings: tuple) -> None:
    """Say once per process which roles are set in a stand-in face (on standard error,
    through logging: a caller that configures logging gets them there)."""
    for w in warnings:
        log.warning("ftzlaw: %s", w)
