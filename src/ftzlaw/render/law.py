"""A law as plain data, and its HTML and PDF renderings.

``document_data(tree)`` walks the read view once and returns JSON-ready dicts (title,
题注, nested chapters → articles → 款 → 项/目 with eIds); the HTML template and the typst
template both consume exactly that, so the two renderings cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FtzlawError
from . import TEMPLATES_DIR

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


def _points(points) -> list[dict]:
    from ..akn.view import text_of
    from ..akn.xml import akn

    return [{"eId": p.eId, "num": p.num, "text": p.text, "points": _points(p.points),
             "wrap_up": text_of(p.element.find(akn("wrapUp")))} for p in points]


def _article(art, level: int) -> dict:
    paragraphs = []
    for para in art.paragraphs:
        # Foreign AKN may give an article plain content: it is then its own single 款,
        # and must not repeat the article's id.
        own = para.element is not art.element
        paragraphs.append({"eId": para.eId if own else "", "num": para.num if own else "",
                           "text": para.text, "points": _points(para.points),
                           "wrap_up": para.wrap_up})
    return {"type": "article", "level": level, "eId": art.eId, "num": art.num,
            "heading": art.heading, "paragraphs": paragraphs}


def _children(element, level: int) -> list[dict]:
    from lxml import etree

    from ..akn.view import DIVISION_TAGS, Article, Division

    out = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        if tag in DIVISION_TAGS:
            div = Division(child)
            out.append({"type": "division", "kind": tag, "level": level, "eId": div.eId,
                        "num": div.num, "heading": div.heading,
                        "children": _children(child, level + 1)})
        elif tag == "article":
            out.append(_article(Article(child), level))
        elif tag not in ("num", "heading", "subheading"):
            out.extend(_children(child, level))  # containers (hcontainer …): look inside
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


def document_data(tree) -> dict:
    """The law as JSON-ready data: ``title``, ``caption`` (题注), ``body`` (nested nodes).

    A node is ``{"type": "division", kind, level, eId, num, heading, children}`` or
    ``{"type": "article", level, eId, num, heading, paragraphs: [{eId, num, text,
    points: [{eId, num, text, points, wrap_up}], wrap_up}]}``; levels start at 1 and are
    the outline depth. Text is the view's (layout whitespace closed up).
    """
    from ..akn.view import Document

    doc = Document(tree)
    if doc.body is None:
        raise FtzlawError("the document has no <body> to render")
    body = _children(doc.body, 1)
    if not doc.articles:
        raise FtzlawError("the document has no article (第X条) to render")
    return {"title": doc.title, "caption": caption_text(doc), "lang": "zh-CN",
            "uri": doc.expression_uri or "", "body": body}


def toc(body: list[dict]) -> list[dict]:
    """Table of contents: divisions with their articles (and loose articles) as
    ``{"eId", "label", "articles": [{"eId", "num"}], "children": [...]}``."""
    out = []
    loose: list[dict] = []
    for node in body:
        if node["type"] == "article":
            loose.append({"eId": node["eId"], "num": node["num"]})
            continue
        if loose:
            out.append({"eId": "", "label": "", "articles": loose, "children": []})
            loose = []
        arts = [{"eId": n["eId"], "num": n["num"]} for n in node["children"]
                if n["type"] == "article"]
        out.append({"eId": node["eId"], "label": label(node), "articles": arts,
                    "children": toc([n for n in node["children"] if n["type"] == "division"])})
    if loose:
        out.append({"eId": "", "label": "", "articles": loose, "children": []})
    return out


def label(node: dict) -> str:
    """第一章　总则: number and heading separated by a full-width space."""
    return "\u3000".join(x for x in (node["num"], node["heading"]) if x)


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
        return tpl.render(title=data["title"], caption=data["caption"], data=data,
                          toc=toc(data["body"]), label=label)
    except jinja2.TemplateError as exc:
        # e.g. --template naming a report's template, which expects other data
        raise FtzlawError(f"HTML template {template!r} cannot render a law: {exc}") from None


def render_pdf(tree, template: str = "default") -> bytes:
    """The law typeset after GB/T 9704-2012 (see templates/default.typ) as PDF bytes."""
    from .typst import compile_pdf

    return compile_pdf(template_path(template, "pdf"), document_data(tree))
