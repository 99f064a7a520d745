"""Body paragraphs → the hierarchy of 编/分编/章/节/条/款/项/目.

The result is a small tree of :class:`Node` that :mod:`.build` turns into AKN; it exists only
between these two steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..zh import patterns as P
from .layout import Block, division_of
from ..zh.numerals import article_label, cn_to_int, int_to_cn

KIND_OF = P.DIVISION_KIND
DIV_RANK = {"part": 0, "subpart": 1, "chapter": 2, "section": 3}


@dataclass
class Node:
    kind: str                 # part subpart chapter section article paragraph point
    line: int
    num: str = ""             # as printed: 第一章, 第十条之一, （一）
    number: int = 0
    sub: int = 0              # 之一 → 1
    heading: str = ""
    text: str = ""            # own text (a paragraph's words, a point's words)
    children: list["Node"] = field(default_factory=list)


@dataclass
class Structure:
    divisions_and_articles: list[Node]
    warnings: list[tuple[int, str]]


def parse_structure(blocks: list[Block]) -> Structure:
    top: list[Node] = []
    warnings: list[tuple[int, str]] = []
    div_stack: list[Node] = []
    article: Node | None = None
    paragraph: Node | None = None
    point: Node | None = None
    last_article = (0, 0)
    last_div_number: dict[str, int] = {}   # last number of each kind of division
    fresh: set[str] = set()                # kinds that may restart at 一 (a new parent began)

    def container() -> list[Node]:
        return div_stack[-1].children if div_stack else top

    def new_paragraph(line: int, text: str) -> Node:
        nonlocal paragraph, point
        paragraph = Node("paragraph", line, text=text)
        article.children.append(paragraph)
        point = None
        return paragraph

    for block in blocks:
        text = block.text
        div = division_of(text)
        if div is not None:
            word, number, heading = div
            kind = KIND_OF[word]
            node = Node(kind, block.line, num=P.WS.sub("", text[: text.index(word) + len(word)]),
                        number=number, heading=heading)
            # Chapters run on through a code's 编 or restart in each; 节 restart per 章.
            expected = last_div_number.get(kind, 0) + 1
            if number != expected and not (kind in fresh and number == 1):
                warnings.append((block.line, f"{node.num}: expected 第{int_to_cn(expected)}{word} "
                                             f"(numbering gap or duplicate)"))
            last_div_number[kind] = number
            fresh.discard(kind)
            for lower, rank in DIV_RANK.items():
                if rank > DIV_RANK[kind]:
                    fresh.add(lower)
                    if lower == "section":
                        last_div_number.pop(lower, None)
            while div_stack and DIV_RANK[div_stack[-1].kind] >= DIV_RANK[kind]:
                div_stack.pop()
            container().append(node)
            div_stack.append(node)
            article = paragraph = point = None
            continue

        m = P.ARTICLE.match(text)
        if m and _is_new_article(m, last_article):
            number = cn_to_int(m.group(1))
            sub = cn_to_int(m.group(2)) if m.group(2) else 0
            _check_article_number(number, sub, last_article, block.line, warnings)
            last_article = (number, sub)
            num_end = m.end(2) if m.group(2) else m.end(1) + 1
            article = Node("article", block.line, num=text[:num_end], number=number, sub=sub,
                           heading=(m.group(4) or "").strip())
            container().append(article)
            paragraph = point = None
            rest = m.group(5).strip(" \t\u3000")
            if rest:
                new_paragraph(block.line, rest)
            continue

        if article is None:
            warnings.append((block.line, "text outside any article kept as a paragraph of the "
                                         "preamble: " + text[:20]))
            article = Node("article", block.line, num="", number=0)
            container().append(article)

        item = P.ITEM.match(text)
        if item:
            if paragraph is None:
                new_paragraph(block.line, "")
            point = Node("point", block.line, num=item.group(1), number=cn_to_int(item.group(2)),
                         text=item.group(3).strip())
            expected = len(paragraph.children) + 1
            if point.number != expected:
                warnings.append((block.line, f"{article.num}: item {point.num} where "
                                             f"（{int_to_cn(expected)}） was expected"))
            paragraph.children.append(point)
            continue
        sub_item = P.SUBITEM.match(text)
        if sub_item and point is not None:
            point.children.append(Node("point", block.line, num=sub_item.group(1),
                                       number=int(sub_item.group(2)), text=sub_item.group(3).strip()))
            continue
        new_paragraph(block.line, text)
    for node in _articles(top):
        if not node.children:
            warnings.append((node.line, f"{node.num} has no text (kept as an empty 款)"))
    return Structure(top, warnings)


def _articles(nodes: list[Node]):
    for node in nodes:
        if node.kind == "article":
            yield node
        elif node.kind in DIV_RANK:
            yield from _articles(node.children)


def _is_new_article(m, last: tuple[int, int]) -> bool:
    """Whether a paragraph opening with 第X条 starts an article or merely cites one."""
    if m.group(3) or m.group(4) or not m.group(5).strip():
        return True
    # No separator: accept only the expected next number, and not a citation (第十条规定…).
    number = cn_to_int(m.group(1))
    sub = cn_to_int(m.group(2)) if m.group(2) else 0
    follows = (number == last[0] + 1 and sub == 0) or (number == last[0] and sub == last[1] + 1)
    return follows and not m.group(5).startswith(P.CITATION_FOLLOWERS)


def _check_article_number(number: int, sub: int, last: tuple[int, int], line: int,
                          warnings: list[tuple[int, str]]) -> None:
    if sub:
        ok = number == last[0] and sub == last[1] + 1
        expected = article_label(last[0], last[1] + 1)
    else:
        ok = number == last[0] + 1
        expected = article_label(last[0] + 1)
    if not ok:
        kind = "duplicate" if (number, sub) <= last else "gap"
        warnings.append((line, f"{article_label(number, sub)} where {expected} was expected "
                               f"(numbering {kind})"))
