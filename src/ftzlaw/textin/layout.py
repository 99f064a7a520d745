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
MIN_WIDTH = 12    # the least width of a printed line taken for a PDF extraction


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
    notice_lines: list[Line] = field(default_factory=list)
    preamble_lines: list[Line] = field(default_factory=list)

    @property
    def repeated_title_lines(self) -> list[Line]:
        """The title lines that print the title a second time: the text's own title under a
        Markdown heading of it (# 中华人民共和国…组织法, then 中华人民共和国… / …组织法)."""
        parts = [P.WS.sub("", ln.text) for ln in self.title_lines]
        for k in range(1, len(parts)):
            if "".join(parts[:k]) == "".join(parts[k:]):
                return self.title_lines[k:]
        return []

    @property
    def title(self) -> str:
        """The title lines joined, a title printed twice once."""
        repeated = {id(ln) for ln in self.repeated_title_lines}
        return "".join(P.WS.sub("", ln.text) for ln in self.title_lines if id(ln) not in repeated)

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
    """Lines with their numbers; CR, NEL, LS, PS, form feed (pdftotext's page break) and
    vertical tab (Word's manual line break) all end a line. Spaces and invisible characters
    (zero-width space, BOM …) at a line's ends are layout: a line of nothing else is blank."""
    for brk in P.LINE_BREAKS:
        text = text.replace(brk, "\n")
    return [Line(i + 1, raw.strip(P.LINE_STRIP)) for i, raw in enumerate(text.split("\n"))]


def division_of(text: str):
    """(kind, number, heading) if the line is a division heading, else None. A malformed
    numeral (第十十章) is not a heading: the line stays text."""
    m = P.DIVISION.match(text)
    if not m:
        return None
    rest = m.group(3)
    if P.PARA_END.search(rest) or len(P.WS.sub("", rest)) > 40:
        return None
    try:
        number = cn_to_int(m.group(1))
    except ValueError:
        return None
    return m.group(2), number, P.WS.sub("", rest)


def article_number(m) -> tuple[int, int] | None:
    """(number, 之 sub) of an ARTICLE match, or None when a numeral is malformed (第十十条)."""
    try:
        return cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0
    except ValueError:
        return None


def is_article_start(text: str) -> bool:
    m = P.ARTICLE.match(text)
    if not m or article_number(m) is None:
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


def split_header(lines: list[Line], events_until: int | None = None) -> Header:
    """Title, 题注, 目录 and the rest of what stands above the first article.

    A 公告 printed over the text (a judicial interpretation as published: the court's name,
    公告, the announcement, its date) is kept apart, before the title. A document number
    under the title (法释〔2003〕20号) ends the title. Sentences after the title and 题注 (an
    interpretation's 为…制定本解释。, a 序言) are the preamble; they are also among
    ``other_lines``, with the document number."""
    header = Header()
    texts = [ln for ln in lines if ln.text]
    start = 0
    k = next((i for i, ln in enumerate(texts[:4]) if P.NOTICE.match(ln.text)), None)
    if k is not None:
        end = next((j for j in range(k + 1, len(texts)) if P.DATE_LINE.match(texts[j].text)), None)
        if end is not None and end + 1 < len(texts):
            header.notice_lines = texts[: end + 1]
            start = end + 1
    state = "title"
    depth = 0  # open parentheses in a 题注 that runs over several lines
    for ln in texts[start:]:
        text = ln.text
        if state == "caption" and depth > 0:
            header.caption_lines.append(ln)
            depth += text.count("（") + text.count("(") - text.count("）") - text.count(")")
            continue
        if P.TOC.match(P.WS.sub("", text)):
            state = "toc"
            header.toc_lines.append(ln)
            continue
        if state == "toc":
            header.toc_lines.append(ln)
            continue
        if state == "caption" and (ln.no < events_until if events_until is not None else
                                   not P.PARA_END.search(text) and P.EVENT_VERB.search(text)):
            # an event line wrapped in the source: …《关于修改〈…〉 / …的决定》第一次修正
            header.caption_lines.append(ln)
            continue
        if P.CAPTION_OPEN.match(text) or P.CAPTION_BARE.match(text) or (
                P.DATE_START.match(text) and not P.PARA_END.search(text)):
            state = "caption"
            header.caption_lines.append(ln)
            depth = text.count("（") + text.count("(") - text.count("）") - text.count(")")
            continue
        if P.DOC_NUMBER.match(P.WS.sub("", text)):
            header.other_lines.append(ln)
            if header.title_lines:
                state = "after"
            continue
        if state == "title" and not P.PARA_END.search(text):
            header.title_lines.append(ln)
            continue
        state = "after"
        header.other_lines.append(ln)
        if header.preamble_lines or P.PARA_END.search(text):
            # the preamble starts with a sentence; lines before it (the title printed again
            # under the event lines) stay in the header
            header.preamble_lines.append(ln)
    # The preamble follows the whole header: sentences above an event line or 目录 (an
    # order printed over the text, its date) stay in the header.
    last = max((ln.no for ln in header.caption_lines + header.toc_lines), default=0)
    header.preamble_lines = [ln for ln in header.preamble_lines if ln.no > last]
    return header


def detect_layout(body: list[Line]) -> str:
    """``pdf`` when the lines that stop mid-sentence are many and most of them stop at a
    common width (the printed line), else ``lines``.

    A heading, a 第X条 alone on its line and an item label are not counted: a text laid out
    one paragraph per line with blank lines between and article numbers on lines of their
    own has many unfinished lines, but of every length."""
    texts = [ln.text for ln in body if ln.text and not division_of(ln.text)
             and not _label_only(ln.text) and not P.ENUM_HEADING.match(ln.text)]
    if len(texts) < 4:
        return "lines"
    unfinished = [len(t) for t in texts if not P.PARA_END.search(t) and t[-1] not in "）)"]
    if len(unfinished) / len(texts) <= 0.3:
        return "lines"
    widths = Counter(unfinished)
    # the printed width and the first-line width two less (its indent lost), ±1; a printed
    # line holds at least MIN_WIDTH characters (short unfinished lines are table cells,
    # headings, labels), and hardly any line is longer than the width
    best, width = 0, 0
    for w in widths:
        if w >= MIN_WIDTH:
            n = sum(widths.get(w + d, 0) for d in (-1, 0, 1, -2, -3))
            if n > best:
                best, width = n, w
    longer = sum(1 for t in texts if len(t) > width + 3)
    return "pdf" if best >= 0.5 * len(unfinished) and longer <= 0.1 * len(texts) else "lines"


def _label_only(text: str) -> bool:
    """第十条 / （一） / 1. alone on a line."""
    m = P.ARTICLE.match(text)
    if m and not m.group(5).strip() and not m.group(4):
        return True
    return bool(P.ITEM.match(text) and not P.ITEM.match(text).group(3).strip())


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

    last = (0, 0)   # the last article started
    for i, ln in enumerate(lines):
        text = ln.text
        starts = _starts_block(text)
        m = P.ARTICLE.match(text) if starts and not division_of(text) else None
        if m:
            key = article_number(m)
            label = P.article_label_of(m)
            if cur and not P.PARA_END.search(cur[-1].text):
                # The line before stops mid-sentence: a wrapped line may open with a cited
                # 第X条. Only the next article's number starts an article there.
                separated = bool(m.group(3) or m.group(4))
                if separated and key in ((last[0] + 1, 0), (last[0], last[1] + 1)):
                    warnings.append((ln.no, f"{label} taken as the next article although "
                                            f"line {cur[-1].no} before it stops mid-sentence"))
                else:
                    warnings.append((ln.no, f"line starting with {label} joined to the 款 "
                                            f"before (a citation: line {cur[-1].no} stops "
                                            f"mid-sentence)"))
                    starts = False
            if starts:
                last = key
        if starts:
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


def analyse(text: str, layout: str = "auto", body_line: int | None = None) -> Layout:
    """Split a regulation's text into header and body paragraphs.

    The body starts at the first article (with the headings that open it). A text without
    articles (a 决定, an interpretation in numbered paragraphs) starts its body after the
    title and 题注 — at ``body_line`` (1-based) when the source marks it (the corpus's
    ``<!-- INFO END -->``)."""
    lines = _blank(split_lines(text), P.PAGE_NUMBER)
    start = find_body_start(lines)
    if start == len(lines):
        if body_line is not None:
            start = max(0, min(body_line - 1, len(lines)))
        else:
            first = split_header(lines).preamble_lines
            start = first[0].no - 1 if first else len(lines)
    header = split_header(lines[:start], body_line)
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
