"""Layout repair: source lines → header (title, 题注, 目录) and body paragraphs.

Two layouts occur in real texts:

``lines``  one paragraph per line (every file of the corpus): blank lines, indentation and
           trailing spaces are layout; an article number may stand on a line of its own.
``pdf``    text extracted from a printed PDF (the Beijing seed): every printed line is
           followed by a blank line, lines wrap at a fixed width, a page start adds a space.
           Paragraph (款) boundaries are inferred from line widths and final punctuation;
           every boundary that could not be decided for certain is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..zh import patterns as P
from ..zh.numerals import cn_to_int

LEVEL = {"编": 0, "分编": 1, "章": 2, "节": 3}
MIN_WRAPPED = 8   # wrapped lines needed to trust the measured text width


@dataclass
class Line:
    no: int        # 1-based line number in the source
    text: str      # stripped of surrounding whitespace


@dataclass
class Block:
    """One paragraph of body text with the source line it starts on."""

    text: str
    line: int


@dataclass
class Header:
    title_lines: list[Line] = field(default_factory=list)
    caption_lines: list[Line] = field(default_factory=list)
    toc_lines: list[Line] = field(default_factory=list)
    other_lines: list[Line] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title lines joined; a title printed twice (a Markdown heading over the
        text's own title line) counts once."""
        title = ""
        for line in self.title_lines:
            part = P.WS.sub("", line.text)
            if part != title:
                title += part
        return title

    @property
    def caption(self) -> str:
        return "".join(line.text for line in self.caption_lines)


@dataclass
class Layout:
    header: Header
    blocks: list[Block]
    layout: str                          # "pdf" or "lines"
    warnings: list[tuple[int, str]]      # (line, message)


def split_lines(text: str) -> list[Line]:
    """Lines with their numbers; CR, LS, form feed (pdftotext's page break) and vertical tab
    (Word's manual line break) all end a line."""
    for brk in ("\r\n", "\r", "\u2028", "\f", "\v"):
        text = text.replace(brk, "\n")
    return [Line(i + 1, raw.strip(" \t\u3000\u00a0\ufeff")) for i, raw in enumerate(text.split("\n"))]


def division_of(text: str):
    """(kind, number, heading) if the line is a division heading, else None."""
    m = P.DIVISION.match(text)
    if not m:
        return None
    rest = m.group(3)
    if P.PARA_END.search(rest) or len(P.WS.sub("", rest)) > 40:
        return None
    return m.group(2), cn_to_int(m.group(1)), P.WS.sub("", rest)


def is_article_start(text: str) -> bool:
    m = P.ARTICLE.match(text)
    if not m:
        return False
    sep, rest = m.group(3), m.group(5)
    return bool(sep) or bool(m.group(4)) or rest == "" or not rest.startswith(P.CITATION_FOLLOWERS)


def find_body_start(lines: list[Line]) -> int:
    """Index of the first body line: the first article, preceded by the chain of division
    headings that opens it (第一编 第一章 第一节), but not by a 目录's headings."""
    first_article = next((i for i, ln in enumerate(lines) if is_article_start(ln.text)), None)
    if first_article is None:
        return len(lines)
    start = first_article
    below = None  # (level, number) of the heading currently at ``start``
    i = first_article - 1
    while i >= 0:
        text = lines[i].text
        if not text:
            i -= 1
            continue
        div = division_of(text)
        if div is None:
            break
        level = LEVEL[div[0]]
        if below is not None and not (level < below[0] and below[1] == 1):
            break
        start, below = i, (level, div[1])
        i -= 1
    return start


def split_header(lines: list[Line]) -> Header:
    header = Header()
    state = "title"
    depth = 0  # open parentheses in a 题注 that runs over several lines
    for ln in lines:
        text = ln.text
        if not text:
            continue
        if state == "caption" and depth > 0:
            header.caption_lines.append(ln)
            depth += text.count("（") + text.count("(") - text.count("）") - text.count(")")
            continue
        if P.TOC.match(P.WS.sub(" ", text).replace(" ", "")) or P.TOC.match(text):
            state = "toc"
            header.toc_lines.append(ln)
            continue
        if state == "toc":
            header.toc_lines.append(ln)
            continue
        if P.CAPTION_OPEN.match(text) or P.CAPTION_BARE.match(text):
            state = "caption"
            header.caption_lines.append(ln)
            depth = text.count("（") + text.count("(") - text.count("）") - text.count(")")
            continue
        if state == "title":
            header.title_lines.append(ln)
        else:
            header.other_lines.append(ln)
    return header


def detect_layout(body: list[Line]) -> str:
    """``pdf`` when most lines wrap mid-sentence at a common width, else ``lines``."""
    texts = [ln.text for ln in body if ln.text and not division_of(ln.text)]
    if len(texts) < 4:
        return "lines"
    unfinished = sum(1 for t in texts if not P.PARA_END.search(t))
    blank_between = sum(1 for a, b in zip(body, body[1:]) if a.text and not b.text)
    if unfinished / len(texts) > 0.3 and blank_between / len(texts) > 0.0:
        return "pdf"
    if unfinished / len(texts) > 0.5:
        return "pdf"
    return "lines"


def _starts_block(text: str) -> bool:
    return bool(division_of(text) or is_article_start(text) or P.ITEM.match(text))


def _text_width(lines: list[Line]) -> int:
    """The printed text width in characters.

    A line that stops mid-sentence is full by definition, so the commonest length of such
    lines is the width — of continuation lines, or of first lines (two less, their indent
    lost) when most paragraphs are short. A line opening an article or item is a first line
    for sure: when only such lines stop mid-sentence, the width is theirs plus two. With no
    such line nothing wrapped, and every line that ends a sentence ends its paragraph (an
    infinite width says so).
    """
    body, first = Counter(), Counter()
    for ln in lines:
        if P.PARA_END.search(ln.text) or division_of(ln.text):
            continue
        (first if _starts_block(ln.text) else body)[len(ln.text)] += 1
    if not body and not first:
        return 10 ** 6
    if not body:
        return max(first, key=lambda w: (first[w], w)) + 2
    mode = max(body, key=lambda w: (body[w], w))
    return mode + 2 if body.get(mode + 2, 0) > 0.2 * body[mode] else mode


def reflow_pdf(body: list[Line]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Join wrapped printed lines into paragraphs.

    A printed line is *full* when it reaches the text width (continuation lines) or the
    width less the two-character indent (first lines, whose indent was lost). A paragraph
    ends after a line that ends in 。；：？！ and is not full; after a full line that ends so,
    the next line decides: a full first-line width starts a paragraph, a continuation width
    does not. What neither rule decides is guessed and reported — and so is every decision
    taken on widths when too few lines wrapped to measure the width reliably.
    """
    lines = [ln for ln in body if ln.text]
    cont_width = _text_width(lines)
    first_width = cont_width - 2
    wrapped = sum(1 for ln in lines if not P.PARA_END.search(ln.text) and not division_of(ln.text))
    reliable = wrapped >= MIN_WRAPPED
    blocks: list[Block] = []
    warnings: list[tuple[int, str]] = []
    cur: list[Line] = []

    def flush():
        if cur:
            blocks.append(Block("".join(x.text for x in cur), cur[0].no))
            cur.clear()

    def is_full(length: int, first: bool) -> bool:
        return length >= (first_width if first else cont_width) - (0 if first else 1)

    for i, ln in enumerate(lines):
        text = ln.text
        if _starts_block(text):
            flush()
            if division_of(text):
                blocks.append(Block(text, ln.no))
                continue
        cur.append(ln)
        if not P.PARA_END.search(text):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or _starts_block(nxt.text):
            flush()
            continue
        first = len(cur) == 1
        unsure = "" if reliable else f" (only {wrapped} wrapped lines to measure the width by)"
        if not is_full(len(text), first):
            if unsure:
                warnings.append((nxt.no, "paragraph break guessed before this line" + unsure))
            flush()
            continue
        # A full line ending in final punctuation: look at the next line's width.
        n_len = len(nxt.text)
        n_ends = bool(P.PARA_END.search(nxt.text))
        if n_len >= cont_width - (1 if not n_ends else 0) and not (n_ends and n_len < cont_width):
            if unsure:
                warnings.append((nxt.no, "line joined to the paragraph before, guessed" + unsure))
            continue  # the next line is a continuation line
        if first_width - 1 <= n_len <= first_width + 1 and not n_ends:
            if unsure:
                warnings.append((nxt.no, "paragraph break guessed before this line" + unsure))
            flush()   # the next line has a first line's width: a new paragraph
            continue
        # Undecidable from widths: the next line is a short final line or a one-line 款.
        warnings.append((nxt.no, f"paragraph break guessed before this line (previous line "
                                 f"{ln.no} is full width and ends in {text[-1]})"))
        flush()
    flush()
    return blocks, warnings


def lines_to_blocks(body: list[Line]) -> list[Block]:
    return [Block(ln.text, ln.no) for ln in body if ln.text]


def analyse(text: str, layout: str = "auto") -> Layout:
    """Split a regulation's text into header and body paragraphs."""
    lines = _blank(split_lines(text), P.PAGE_NUMBER)
    start = find_body_start(lines)
    header = split_header(lines[:start])
    body = lines[start:]
    if layout == "auto":
        layout = detect_layout(body)
    warnings: list[tuple[int, str]] = []
    if layout == "pdf":
        warnings += [(ln.no, f"page number {ln.text} dropped") for ln in body
                     if ln.text and P.BARE_NUMBER.match(ln.text)]
        body = _blank(body, P.BARE_NUMBER)
        blocks, reflow_warnings = reflow_pdf(body)
        warnings += reflow_warnings
    else:
        blocks = lines_to_blocks(body)
    return Layout(header, blocks, layout, warnings)


def _blank(lines: list[Line], pattern) -> list[Line]:
    """Lines matching ``pattern`` (page-number debris) become blank, keeping line numbers."""
    return [Line(ln.no, "") if ln.text and pattern.match(ln.text) else ln for ln in lines]
