"""Body paragraphs → the hierarchy of 编/分编/章/节/条/款/项/目.

The result is a small tree of :class:`Node` that :mod:`.build` turns into AKN; it exists only
between these two steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..zh import patterns as P
from .layout import Block, article_number, division_of, is_article_start
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
    subheading: str = ""
    intro: list[str] = field(default_factory=list)   # a division's words before its articles
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

    has_articles = any(is_article_start(b.text) for b in blocks)
    after_heading = False      # the block before was a heading or its continuation
    for k, block in enumerate(blocks):
        text = block.text
        div = division_of(text)
        if div is None and after_heading and _heading_rest(blocks, k, div_stack, article):
            # A heading printed over two lines (第五章 …，乡长、 / 副乡长…的选举): the
            # second line continues it; after a finished heading, a short line is its
            # subheading.
            node = div_stack[-1]
            if not node.heading or node.heading[-1] in "、，,和与及或":
                node.heading += P.WS.sub("", text)
            else:
                node.subheading = (node.subheading + text) if node.subheading else text
                warnings.append((block.line, f"{node.num}: line under the heading kept as its "
                                             f"subheading: {text[:20]}"))
            continue
        after_heading = div is not None
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
            elif kind in fresh and number != 1 and div_stack:
                parent = next((d for d in reversed(div_stack)
                               if DIV_RANK[d.kind] < DIV_RANK[kind]), None)
                if parent is not None:
                    warnings.append((block.line, f"{node.num}: {word} numbered on through "
                                                 f"{parent.num}, not afresh from 第一{word} "
                                                 f"(validate reports DIV-SEQ for it)"))
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
        key = article_number(m) if m else None
        if m and key is None:
            label = P.article_label_of(m)
            warnings.append((block.line, f"{label}: not a well-formed Chinese numeral; the "
                                         f"line is kept as text, not read as an article"))
        if key is not None and _is_new_article(m, key, last_article):
            number, sub = key
            _check_article_number(number, sub, last_article, block.line, warnings)
            last_article = (number, sub)
            article = Node("article", block.line, num=P.article_label_of(m), number=number, sub=sub,
                           heading=(m.group(4) or "").strip())
            container().append(article)
            paragraph = point = None
            rest = m.group(5).strip(" \t\u3000")
            if rest:
                new_paragraph(block.line, rest)
            continue

        if article is None and not has_articles:
            # A text without articles (决定, 决议, an interpretation in numbered
            # paragraphs): its paragraphs, items under the paragraph before them.
            item = P.ITEM.match(text)
            siblings = container()
            if item and siblings and siblings[-1].kind == "paragraph":
                siblings[-1].children.append(Node("point", block.line, num=item.group(1),
                                                  number=_number_or_none(item.group(2)),
                                                  text=item.group(3).strip()))
            else:
                siblings.append(Node("paragraph", block.line, text=text))
            continue
        if article is None and div_stack:
            # Words between a heading and its first article: the division's intro.
            div_stack[-1].intro.append(text)
            warnings.append((block.line, f"{div_stack[-1].num}: text before its first article "
                                         f"kept as the {div_stack[-1].num}'s intro: {text[:20]}"))
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
            point = Node("point", block.line, num=item.group(1),
                         number=_number_or_none(item.group(2)), text=item.group(3).strip())
            expected = len(paragraph.children) + 1
            if point.number is None:
                warnings.append((block.line, f"{article.num}: item {point.num} is not a "
                                             f"well-formed Chinese numeral"))
            elif point.number != expected:
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


def _heading_rest(blocks: list[Block], k: int, div_stack: list[Node], article) -> bool:
    """Whether block ``k`` continues the division heading just before it: it follows the
    heading directly, is short and unpunctuated, and an article or heading follows it."""
    if article is not None or not div_stack or div_stack[-1].children or k == 0:
        return False
    text = blocks[k].text
    if P.PARA_END.search(text) or len(text) > 30 or P.ITEM.match(text) or P.ARTICLE.match(text):
        return False
    nxt = blocks[k + 1].text if k + 1 < len(blocks) else ""
    return bool(division_of(nxt) or is_article_start(nxt))


def _number_or_none(numeral: str) -> int | None:
    try:
        return cn_to_int(numeral)
    except ValueError:
        return None


def _is_new_article(m, key: tuple[int, int], last: tuple[int, int]) -> bool:
    """Whether a paragraph opening with 第X条 starts an article or merely cites one."""
    if m.group(3) or m.group(4) or not m.group(5).strip():
        return True
    # No separator: accept only the expected next number, and not a citation (第十条规定…).
    number, sub = key
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
