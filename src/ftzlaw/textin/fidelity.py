"""The fidelity property of an import: every character of the source text is in the AKN
document, in order, and nothing else is — layout aside (whitespace, the invisible characters
at a line's ends, page-number debris of a PDF extraction, the Markdown marks of a mirror).

``source_text(text)`` and ``document_text(tree)`` give the two sides in that comparison form;
``check(text, tree)`` compares them and says where they part."""

from __future__ import annotations

import re

from ..zh import patterns as P

_WS = re.compile(r"\s+")


def source_text(text: str, *, pdf: bool = False) -> str:
    """The characters of a source text (already decoded, and unwrapped if Markdown) less
    layout: whitespace anywhere, invisible characters at line ends, page-number lines (and,
    for a PDF extraction, bare numbers alone on a line)."""
    from .layout import split_lines

    out = []
    for ln in split_lines(text):
        t = ln.text
        if not t or P.PAGE_NUMBER.match(t) or (pdf and P.BARE_NUMBER.match(t)):
            continue
        out.append(_WS.sub("", t))
    return "".join(out)


def document_text(tree) -> str:
    """The characters of an AKN document's text: preface, preamble and body (not the
    metadata), in document order, less whitespace; article headings in their 【】."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    doc = next(iter(root))
    parts: list[str] = []
    for child in doc:
        if not isinstance(child.tag, str) or child.tag.endswith("}meta"):
            continue
        _text(child, parts)
    return _WS.sub("", "".join(parts))


def _text(el, out: list[str]) -> None:
    """``el``'s text in order; an article's heading printed in its 【】 (the profile keeps
    the brackets out of ``heading``; ``view.Article.label`` prints them, as here)."""
    bracket = el.tag.endswith("}heading") and el.getparent().tag.endswith("}article")
    if bracket:
        out.append("【")
    out.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str):
            _text(child, out)
        out.append(child.tail or "")
    if bracket:
        out.append("】")


def check(text: str, tree, *, pdf: bool = False) -> str | None:
    """None when the document holds exactly the source's characters; else where they part
    (the first difference with some context)."""
    a, b = source_text(text, pdf=pdf), document_text(tree)
    if a == b:
        return None
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (f"source and document part at character {i}: source …{a[max(0, i - 15):i + 15]}… "
            f"document …{b[max(0, i - 15):i + 15]}…")
