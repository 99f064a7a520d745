"""AKN → plain text in the one-paragraph-per-line layout of official text collections.

The output imports back to the same structure (``ftzlaw import`` of it gives the same
articles, 款 and 项), which the store's ``show --format text`` and the tests rely on.
"""

from __future__ import annotations


from .view import DIVISION_TAGS, Article, Document, Paragraph, Point, text_of
from .xml import akn

INDENT = "\u3000\u3000"
SEP = "\u3000"


def _point_lines(point: Point) -> list[str]:
    lines = [INDENT + point.num + point.text]
    for sub in point.points:
        lines += _point_lines(sub)
    if point.wrap_up:
        lines.append(INDENT + point.wrap_up)
    return lines


def _paragraph_lines(para: Paragraph, lead: str) -> list[str]:
    lines = [lead + para.text] if (para.text or lead) else []
    for point in para.points:
        lines += _point_lines(point)
    if para.wrap_up:
        lines.append(INDENT + para.wrap_up)
    return lines


def article_lines(article: Article) -> list[str]:
    head = INDENT + article.label + SEP
    lines: list[str] = []
    for i, para in enumerate(article.paragraphs):
        lines += _paragraph_lines(para, head if i == 0 else INDENT)
    return lines or [head.rstrip(SEP)]


def to_text(tree) -> str:
    doc = Document(tree)
    lines = [doc.title]
    if doc.caption:
        lines.append(doc.caption)
    lines.append("")
    body = doc.body
    if body is not None:
        divisions = {akn(t) for t in DIVISION_TAGS}
        for el in body.iter(*divisions, akn("article")):
            if el.tag == akn("article"):
                lines += article_lines(Article(el))
            else:
                num = text_of(el.find(akn("num")))
                heading = text_of(el.find(akn("heading")))
                lines += ["", (num + SEP + heading).strip(SEP), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["to_text", "article_lines"]
