"""An amending decision (修改决定) as text → :class:`Decision`: title, 题注, the numbered
instructions (一、二、…) each read into :class:`Operation` objects, and the closing clauses
(施行, 对条文顺序作相应调整, 重新公布, 对个别文字作了修改).

Real decisions are untidy: ASCII ``"`` as well as “ ” for quotations, a quotation over
several paragraphs (each opening with a quote mark, only the last closed), a missing
closing mark, instructions continued on the following paragraphs. The quotation scanner
below reads all of these; what the instruction grammar (:mod:`.grammar`) cannot read is an
:class:`InstructionError` naming the instruction.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field

from ..errors import FtzlawError
from ..zh import patterns as P
from ..textin.layout import split_header, split_lines
from ..textin.meta import read_metadata
from ..zh.dates import iso
from ..zh.numerals import article_label, cn_to_int, int_to_cn

INSTRUCTION = re.compile(rf"^({P.N})[、．.]\s*")
CLOSING = re.compile(r"^(?:本决定|此外|同时|另外|根据本决定|(?:《[^》]+》[、和]?)+(?:等[^“\"]{0,20})?根据本决定"
                     r"|[^“\"]{0,30}根据本决定作相应(?:修改|修正))")
COMMENCE = re.compile(r"本决定自\s*(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(公布之日))\s*起\s*施行")
RENUMBER = re.compile(r"(?:条文|条款|章节条款|章节、条款|章、节、条|条目)的?(?:顺序|序号)(?:[^。；;“]{0,12})?"
                      r"作(?:了)?相应(?:的)?调整")
UNLISTED = re.compile(r"对?个别(?:文字|词句)作(?:了)?(?:相应)?修改")
OPEN_QUOTES = "“\""
# A quotation's text is kept whole; in the instruction's "template" it stands as \x00k\x00.
QMARK = "\x00"


class InstructionError(FtzlawError):
    """An instruction that cannot be read or applied: names it (第十三项) and quotes it."""

    def __init__(self, instruction: "Instruction", problem: str, *, source: str | None = None):
        self.instruction = instruction
        self.problem = problem
        quoted = instruction.text.replace("\n", " ⏎ ")
        if len(quoted) > 160:
            quoted = quoted[:157] + "…"
        super().__init__(f"修改决定{instruction.label}: {problem}\n  {quoted}",
                         source=source, line=instruction.line)


@dataclass
class Quote:
    """A quotation: the new text, one string per paragraph, exactly as printed."""

    paragraphs: list[str]
    closed: bool = True

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Ref:
    """A provision as an instruction names it; ``None`` parts come from the context."""

    article: tuple[int, int] | None = None   # (number, 之 sub)
    paragraph: int | None = None              # 款
    point: int | None = None                  # 项
    subpoint: int | None = None               # 目
    division: tuple[str, int] | None = None   # ("chapter", 3)
    whole: bool = False                       # 条例中的… : the whole text
    preamble: bool = False                    # 引言 / 序言
    title: bool = False                       # 名称 (the act's title)
    within: int | None = None                 # the chapter of a 节 (第二章第一节)

    def label(self) -> str:
        if self.title:
            return "名称"
        if self.whole:
            return "全文"
        if self.preamble:
            return "引言"
        out = ""
        if self.division:
            word = P.DIVISION_WORD[self.division[0]]
            out += f"第{int_to_cn(self.division[1])}{word}"
        if self.article:
            out += article_label(*self.article)
        if self.paragraph:
            out += f"第{int_to_cn(self.paragraph)}款"
        if self.point:
            out += f"第{int_to_cn(self.point)}项"
        if self.subpoint:
            out += f"第{self.subpoint}目"
        return out

    @property
    def level(self) -> str:
        if self.title:
            return "title"
        if self.whole:
            return "whole"
        if self.preamble:
            return "preamble"
        if self.subpoint:
            return "subpoint"
        if self.point:
            return "point"
        if self.paragraph:
            return "paragraph"
        if self.article:
            return "article"
        return "division" if self.division else ""


@dataclass
class Operation:
    """One change an instruction asks for.

    kind: ``move`` (改为第X条), ``replace`` (修改为：“…”), ``replace_words``, ``insert_words``,
    ``delete_words``, ``repeal``, ``insert`` (增加一条/款/项), ``heading`` (章名修改为),
    ``split`` (分为两项), ``renumber`` (对条文顺序作相应调整).
    """

    kind: str
    target: Ref                          # resolved against the context (base numbering)
    words: str = ""                      # the instruction's words for this operation
    quote: Quote | None = None           # new text (replace, insert, split, heading)
    old: list[str] = field(default_factory=list)   # phrases to find (…_words)
    new: str = ""                        # phrase to put (replace_words, insert_words)
    before: bool = False                 # insert_words: 前 rather than 后
    every: bool = False                  # 均/全部: every occurrence, not exactly one
    positions: list[Ref] = field(default_factory=list)   # insert/split/move: new numbering
    unit: str = ""                       # insert/split: 条 款 项 目
    count: int = 1
    anchor: str = ""                     # insert: 后 / 前 (在第X条后增加一条)
    edge: str = ""                       # edge_words: start / end (款首/款尾增加)
    optional: bool = False               # a closing clause's edit: absent phrase is no error


@dataclass
class Instruction:
    number: int
    text: str                 # as printed; paragraphs joined by "\n"
    line: int                 # where it starts in the decision text
    operations: list[Operation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    section: int = 0          # the part of a packaged decision (三、对《X》的修改 → 3)
    error: "InstructionError | None" = None   # why it cannot be read (kept for --partial)
    alone: bool = False       # the decision's only instruction, unnumbered
    acts: list[str] = field(default_factory=list)   # 《X》 it names (删除《X》第二十七条)
    pending: tuple | None = field(default=None, repr=False)   # not read yet (other parts)

    @property
    def label(self) -> str:
        """How the decision's own numbering names it: 第十三项, 第三部分第2项, 结尾."""
        if self.alone:
            return f"第{int_to_cn(self.section)}部分" if self.section else "唯一一项"
        if not self.number:
            return "结尾"
        part = f"第{int_to_cn(self.section)}部分" if self.section else ""
        return f"{part}第{int_to_cn(self.number)}项"


@dataclass
class Decision:
    title: str
    caption: str
    date: str | None                  # adoption date (→ the new expression's date)
    meeting: str = ""                 # the meeting that adopted it
    body: str = ""                    # the enacting body (天津市人民代表大会常务委员会)
    approval: str | None = None       # date of approval by the province, if any
    amends: list[str] = field(default_factory=list)   # the titles in 《》 it amends
    preamble: str = ""
    instructions: list[Instruction] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    renumber: bool = False            # 对条文顺序作相应调整
    republish: bool = False           # 重新公布
    unlisted_edits: bool = False      # 对个别文字作了修改: not applicable, reported
    commencement: str | None = None   # YYYY-MM-DD, or "publication" (自公布之日起施行)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)   # a packaged decision's parts
    section: "Section | None" = None   # the part chosen by select()
    general: list[Instruction] = field(default_factory=list)  # closing edits for every text

    @property
    def packaged(self) -> bool:
        return bool(self.sections) or len(self.grouped_acts) > 1

    @property
    def grouped_acts(self) -> list[str]:
        """A decision grouped by reason, not by act (一、删去《甲》第五条 二、将《乙》…): the
        acts its instructions name (abbreviations it defines, 以下简称《解释》, left out)."""
        short = set(re.findall(r"以下简称《([^》]+)》", self.preamble))
        out: list[str] = []
        for ins in self.instructions:
            for act in ins.acts:
                if act not in short and normal_title(act) not in out:
                    out.append(normal_title(act))
        return out

    @property
    def closing_instruction(self) -> Instruction:
        """The closing clauses as a pseudo-instruction (for renumbering's textualMod)."""
        return Instruction(0, "\n".join(self.closing), 0)


# --- quotations -------------------------------------------------------------------------

def scan_quotes(paragraphs: list[str]) -> tuple[str, list[Quote], list[str]]:
    """Separate an instruction's words from its quotations.

    Returns the template (each quotation replaced by ``\\x00k\\x00``), the quotations and
    warnings. “ ” nest; an ASCII ``"`` opens or closes. A quotation still open at the end
    of a paragraph continues when the next paragraph opens with a quote mark (the printed
    convention); otherwise its closing mark is missing: the quotation ends there if the next
    paragraph reads as an instruction, else it runs on.
    """
    template: list[str] = []
    quotes: list[Quote] = []
    warnings: list[str] = []
    cur: list[str] | None = None     # paragraphs of the open quotation
    kind = ""
    depth = 0
    i = 0
    skip_first = False
    while i < len(paragraphs):
        para = paragraphs[i]
        start = 1 if skip_first else 0
        skip_first = False
        for ch in para[start:]:
            if cur is None:
                if ch in OPEN_QUOTES:
                    cur, kind, depth = [""], ch, 0
                else:
                    template.append(ch)
                continue
            closing = (kind == "\"" and ch == "\"") or (kind == "“" and ch == "”" and depth == 0)
            if closing:
                template.append(f"{QMARK}{len(quotes)}{QMARK}")
                quotes.append(Quote(cur))
                cur = None
                continue
            if kind == "“" and ch == "“":
                depth += 1
            elif kind == "“" and ch == "”":
                depth -= 1
            cur[-1] += ch
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if cur is not None:
            if nxt is not None and nxt[:1] in OPEN_QUOTES:
                cur.append("")
                skip_first = True
            elif nxt is not None and not INSTRUCTION_START.match(nxt):
                warnings.append(f"quotation runs on to the next paragraph without an opening "
                                f"mark: {nxt[:20]}…")
                cur.append("")
            else:
                warnings.append(f"quotation not closed (closing mark missing): "
                                f"{cur[0][:20]}…; ended at the end of the paragraph")
                template.append(f"{QMARK}{len(quotes)}{QMARK}")
                quotes.append(Quote(cur, closed=False))
                cur = None
        if cur is None and nxt is not None:
            template.append("\n")
        i += 1
    return "".join(template), quotes, warnings


# --- bare new text after a colon ----------------------------------------------------------

# A paragraph that reads as an instruction of its own (not as new text of the regulation).
INSTRUCTION_START = re.compile(
    rf"^(?:(?:将|把|在|删去|删除|原)?(?:《[^》]+》)?(?:的)?原?第{P.N}[条款项章节目](?![ \t\u3000])"
    rf"|(?:将|在|删去|删除)?(?:本|该)?(?:条例|法规|规定|办法|细则|解释|决定)中"
    rf"|(?:增加|增写|新增)(?:一|两|二|三|四|五|六|七|八|九|十)[条款项目章节]"
    rf"|(?:将)?(?:引言|序言)|其他修改|(?:将|把)(?:第|原)|删去|删除"
    rf"|(?:对)?(?:条文|条款)的?顺序)")
# The clause before a colon that introduces new text: 修改为： 作为第三款： 增加相关内容：
TEXT_FOLLOWS = re.compile(r"(?:修改为|改为|修改如下|如下|作为第[^，。；：:]+|增加[^，。；：:“\"]*|规定|内容)[:：]$")
OTHER_CHANGES = re.compile(r"^其他修改[:：]?$")
SAME_LINE_TEXT = re.compile(r"(?:修改为|作为第[^，。；：:“]+?[条款项目])[:：](?=\S)")


def quote_bare_text(paragraphs: list[str]) -> tuple[list[str], int]:
    """New text printed without quotation marks after 修改为： (or 作为第三款：) on the
    following paragraphs: put the marks in, the way a quotation over several paragraphs is
    printed, so that :func:`scan_quotes` reads it. The text runs to the next paragraph that
    reads as an instruction. Returns the paragraphs and how many were quoted."""
    out: list[str] = []
    quoted = 0
    i = 0
    depth = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        if not depth:
            # 增加一项，作为第四项：（四）事项四。 — the text on the same line after the colon
            same = SAME_LINE_TEXT.search(para)
            if same and para[same.end():][:1] not in OPEN_QUOTES \
                    and not INSTRUCTION_START.match(para[same.end():]) \
                    and "“" not in para[:same.end()] and not OTHER_CHANGES.match(para[:same.end()]):
                para = para[:same.end()] + "“" + para[same.end():] + "”"
                quoted += 1
        out.append(para)
        i += 1
        depth = quote_depth(para, depth)
        words = re.sub(r"“[^”]*”|\"[^\"]*\"", "", para)
        if depth or not (TEXT_FOLLOWS.search(words) and not OTHER_CHANGES.match(para)):
            continue
        run = []
        while i < len(paragraphs) and paragraphs[i][:1] not in OPEN_QUOTES \
                and not INSTRUCTION_START.match(paragraphs[i]):
            run.append(paragraphs[i])
            i += 1
        if run:
            quoted += len(run)
            out += ["“" + t for t in run[:-1]] + ["“" + run[-1] + "”"]
    return out, quoted


# --- the decision's layout: parts, numbered instructions, closing clauses ------------------

def quote_depth(text: str, depth: int = 0) -> int:
    """How many quotations are open after ``text`` (“ ” nest; a paragraph of a quotation
    over several paragraphs opens with “ again and only the last one closes)."""
    if depth and text[:1] == "“":
        text = text[1:]
    for m in _QUOTE_MARKS.finditer(text):
        if m.group() == "“":
            depth += 1
        elif depth:
            depth -= 1
    return depth


_QUOTE_MARKS = re.compile("[“”]")

ITEM_STYLES = (
    ("cn", re.compile(rf"^({P.N})[、．.]\s*")),
    ("paren", re.compile(rf"^[（(]({P.N})[)）]\s*")),
    ("arabic", re.compile(r"^(\d{1,3})(?:[.．、](?!\d)|(?=[\s\u3000]))[\s\u3000]*")),
)
# A part of a packaged decision: 三、对《X》的修改 / 二十三、修改《X》 / 十七、《X》 / 对《X》作出修改
SECTION_HEAD = re.compile(r"^(?:对|修改)?《(?P<t>.+)》(?:的修改|作出?(?:如下)?修改|的修正|修改|的修订)?"
                          r"[:：。]?$")
PREAMBLE_END = re.compile(r"(?:作如下修改|修改如下)[:：]?$|[:：]$")


def item_number(text: str, style: str | None = None):
    """(style, number, rest) when ``text`` opens with an item number (一、 （一） 1.)."""
    for name, pattern in ITEM_STYLES:
        if style and name != style:
            continue
        m = pattern.match(text)
        if m:
            v = m.group(1)
            try:
                n = int(v) if v.isdigit() else cn_to_int(v)
            except ValueError:
                continue
            return name, n, text[m.end():]
    return None


@dataclass(eq=False)
class Section:
    """One part of a packaged decision: the regulation it amends and its instructions."""

    number: int
    title: str
    line: int
    instructions: list[Instruction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{int_to_cn(self.number)}、《{self.title}》"


def _is_closing(text: str) -> bool:
    return bool(CLOSING.match(text)) and text[:1] not in OPEN_QUOTES


def _items(lines, style: str, first_number: int = 1):
    """Split lines into items numbered in ``style`` (consecutive numbers only: a （一） of new
    text inside an instruction numbered 1. 2. is text). Returns (items, lead, warnings) where
    items are (number, line, paragraphs) and lead the lines before the first item."""
    items: list[tuple[int, int, list[str]]] = []
    lead: list = []
    warnings: list[tuple[int, str]] = []
    depth = 0
    for ln in lines:
        got = item_number(ln.text, style)
        expected = items[-1][0] + 1 if items else first_number
        if depth and got and not (got[1] == expected and INSTRUCTION_START.match(got[2])):
            got = None      # a numbered line inside a quotation is the new text's own
        if got and got[1] == expected:
            depth = quote_depth(got[2])
            items.append((got[1], ln.no, [got[2]] if got[2] else []))
            continue
        if got and items and got[0] == "cn":
            warnings.append((ln.no, f"instruction {ln.text[:4]} where {int_to_cn(expected)}、 "
                                    f"was expected"))
        (items[-1][2] if items else lead).append(ln.text)
        depth = quote_depth(ln.text, depth) if items else 0
    return items, lead, warnings


def parse_decision(text: str, source: str | None = None) -> Decision:
    """Read a decision's text: its parts (a packaged decision), numbered instructions (一、
    （一） 1. at either level, or one unnumbered instruction) and closing clauses. Each
    instruction is read by the grammar (:mod:`.grammar`); one that cannot be read keeps its
    :class:`InstructionError` in ``error`` (raised when it is applied, listed by
    ``--partial``). Raises FtzlawError when the text is no decision."""
    lines = [ln for ln in split_lines(text)]
    first = None
    for k, ln in enumerate(lines):
        got = item_number(ln.text)
        if got and ln.text and not P.CAPTION_OPEN.match(ln.text):
            if got[1] != 1 and got[0] == "cn":
                raise FtzlawError(f"the first instruction is numbered {ln.text[:len(ln.text) - len(got[2])].strip()}, "
                                  f"not 一、: is the beginning of the decision missing?",
                                  source=source, line=ln.no)
            if got[1] == 1:
                first = k
                break
    alone = False
    if first is None:
        # One unnumbered instruction: after the preamble (…作如下修改：), before the closing.
        pre = next((k for k, ln in enumerate(lines) if ln.text and PREAMBLE_END.search(ln.text)
                    and ("修改" in ln.text or "决定" in ln.text)), None)
        if pre is None or not any(ln.text and not _is_closing(ln.text) for ln in lines[pre + 1:]):
            raise FtzlawError("no numbered instruction (一、…) found: is this an amending "
                              "decision (修改决定)?", source=source)
        first, alone = pre + 1, True
    header = split_header(lines[:first])
    preamble_lines = [ln for ln in header.title_lines + header.other_lines
                      if "作如下修改" in ln.text or ln.text.endswith(("：", ":"))]
    title_lines = [ln for ln in header.title_lines if ln not in preamble_lines]
    title = "".join(P.WS.sub("", ln.text) for ln in title_lines)
    caption = header.caption
    meta = read_metadata(title, caption)
    adoption = meta.adoption
    approval = next((e for e in meta.events if e.kind == "approval"), None)
    decision = Decision(
        title=title, caption=caption, date=adoption.date if adoption else None,
        meeting=adoption.body if adoption else "", body=meta.enacting_body or "",
        approval=approval.date if approval else None,
        amends=re.findall(r"《([^》]+)》", title),
        preamble="".join(ln.text for ln in preamble_lines))

    body = [ln for ln in lines[first:] if ln.text]
    # The closing clauses follow the last numbered item (a 此外… inside a part is the part's)
    style0 = item_number(body[0].text)[0] if not alone else None
    last_item = 0
    if style0:
        expected = 1
        for k, ln in enumerate(body):
            got = item_number(ln.text, style0)
            if got and got[1] == expected:
                last_item, expected = k, expected + 1
    cut = len(body)
    for k, ln in enumerate(body):
        if k > last_item and _is_closing(ln.text):
            cut = k
            break
    closing = [ln.text for ln in body[cut:]]
    body = body[:cut]
    decision.closing = closing
    tail = "".join(closing)
    decision.renumber = bool(RENUMBER.search(tail))
    decision.republish = "重新公布" in tail
    decision.unlisted_edits = bool(UNLISTED.search(tail))
    m = COMMENCE.search(re.sub(r"\s+", "", tail)) or COMMENCE.search(
        re.sub(r"\s+", "", "".join(ln.text for ln in body[:cut])))
    if m:
        decision.commencement = "publication" if m.group(4) else iso(*m.groups()[:3])

    if alone:
        groups = [(0, body[0].no, [ln.text for ln in body])]
    else:
        style = item_number(body[0].text)[0]
        groups, _, warns = _items(body, style)
        decision.warnings += warns
    numbers = [ln.no for ln in body]

    def lines_of(number: int, line: int, groups_) -> list:
        stop = _next_line(groups_, number, body)
        return body[bisect.bisect_right(numbers, line):bisect.bisect_left(numbers, stop)]

    heads = [SECTION_HEAD.match(P.WS.sub("", g[2][0])) if g[2] else None for g in groups]
    nested = [GROUP_HEAD.match(P.WS.sub("", g[2][0])) if g[2] else None for g in groups]
    if groups and not alone and (heads[0] or nested[0]):
        for (number, line, paragraphs), head, group in zip(groups, heads, nested):
            rest = lines_of(number, line, groups)
            if head:
                decision.sections.append(_section(number, head.group("t"), line, rest,
                                                  decision, source))
            elif group:
                # 一、修改《甲》等12件地方性法规 ⏎ （一）对《甲》的修改 ⏎ 1.…: parts one level down
                sub = next((item_number(ln.text) for ln in rest if item_number(ln.text)), None)
                if not sub:
                    continue
                parts = _split(rest, sub[0])
                found = []
                for n, ln_no, part_lines in parts:
                    h = SECTION_HEAD.match(P.WS.sub("", part_lines[0].text[len(part_lines[0].text)
                                                     - len(item_number(part_lines[0].text)[2]):]))
                    if h:
                        found.append(_section(len(decision.sections) + 1, h.group("t"), ln_no,
                                              part_lines[1:], decision, source))
                        decision.sections.append(found[-1])
                # 此外，根据决定对相关法规的条文顺序…: printed in the last part, meant for all
                if found and found[-1].instructions:
                    last = found[-1].instructions[-1]
                    paras = last.pending[0] if last.pending else []
                    moved = []
                    while len(paras) > 1 and CLOSING.match(paras[-1]):
                        moved.insert(0, paras.pop())
                    closing[:0] = moved
                    last.text = "\n".join(paras)
            else:
                raise FtzlawError(f"part {int_to_cn(number)}、 of a packaged decision names no "
                                  f"regulation (对《…》的修改)", source=source, line=line)
        tail = "".join(closing)
        decision.renumber = bool(RENUMBER.search(tail))
    else:
        for number, line, paragraphs in groups:
            ins = _instruction(number, paragraphs, line, decision, source)
            ins.alone = alone
            decision.instructions.append(ins)
    decision.general = _general_edits(closing, source)
    if decision.unlisted_edits:
        decision.warnings.append((0, "the decision says 对个别文字作了修改 (unlisted wording "
                                     "edits): they cannot be applied and are not"))
    return decision


GROUP_HEAD = re.compile(r"^(?:修改|废止)[^“\"：:]*《[^》]+》[^“\"：:]*[:：]?$")


def _split(lines, style: str) -> list[tuple[int, int, list]]:
    """Lines cut into consecutive items of ``style``: (number, first line, [Line …])."""
    out: list[tuple[int, int, list]] = []
    for ln in lines:
        got = item_number(ln.text, style)
        if got and got[1] == (out[-1][0] + 1 if out else 1):
            out.append((got[1], ln.no, [ln]))
        elif out:
            out[-1][2].append(ln)
    return out


def _section(number: int, title: str, line: int, rest, decision: Decision,
             source: str | None) -> Section:
    """A part of a packaged decision: its instructions, numbered 1. / （一） or not at all."""
    sec = Section(number, title, line)
    sub = next((item_number(ln.text) for ln in rest if item_number(ln.text)), None)
    items = []
    if sub and sub[1] == 1:
        items, lead, warns = _items(rest, sub[0])
        decision.warnings += warns
        if lead:
            items.insert(0, (0, rest[0].no, lead))
    elif rest:
        items = [(0, rest[0].no, [ln.text for ln in rest])]
    for n, ln_no, paras in items:
        ins = _instruction(n, paras, ln_no, decision, source, section=number, read=False)
        ins.alone = not n and len(items) == 1
        sec.instructions.append(ins)
    return sec


def _next_line(groups, number: int, body) -> int:
    later = [g[1] for g in groups if g[0] > number]
    return min(later) if later else body[-1].no + 1


def _instruction(number: int, paragraphs: list[str], line: int, decision: Decision,
                 source: str | None, section: int = 0, read: bool = True) -> Instruction:
    """One instruction: its quotations cut out now, its words read by the grammar now or,
    in a packaged decision, when its part is chosen (:func:`read_instruction`)."""
    ins = Instruction(number, "\n".join(paragraphs), line, section=section)
    if not paragraphs:
        ins.error = InstructionError(ins, "the instruction is empty", source=source)
        return ins
    ins.pending = (paragraphs, source)
    if read:
        read_instruction(ins, decision)
    return ins


def read_instruction(ins: Instruction, decision: Decision) -> Instruction:
    from .grammar import read_operations

    if ins.pending is None:
        return ins
    paragraphs, source = ins.pending
    ins.pending = None
    paras, _ = quote_bare_text(paragraphs)
    template, quotes, warnings = scan_quotes(paras)
    ins.acts = re.findall(r"《([^》]+)》", template)
    if UNLISTED.search(template):
        decision.unlisted_edits = True
    ins.warnings.extend(warnings)
    try:
        ins.operations = read_operations(ins, template, quotes, source)
    except InstructionError as exc:
        ins.error = exc
    for w in warnings:
        decision.warnings.append((ins.line, f"{ins.label}: {w}"))
    return ins


# 此外，…将相关地方性法规中的“A”修改为“B” — a closing edit for every regulation of the package.
GENERAL = re.compile(r"(?:相关|有关|上述|各)(?:地方性)?(?:法规|法律|规章|司法解释|条例)中(?:的)?")


def _general_edits(closing: list[str], source: str | None) -> list[Instruction]:
    from .grammar import read_operations

    out = []
    for text in closing:
        m = GENERAL.search(text)
        if not m or "修改为" not in text:
            continue
        words = "将条例中的" + text[m.end():]
        ins = Instruction(0, text, 0)
        template, quotes, _ = scan_quotes([words])
        template = re.sub(r"的提法", "", template)
        template = re.split(r"[，,；;。](?:并|同时)?(?:对|作)", template)[0]
        try:
            ins.operations = read_operations(ins, template, quotes, source)
        except InstructionError:
            continue
        for op in ins.operations:
            op.optional = True
            op.every = True
        out.append(ins)
    return out


def normal_title(title: str) -> str:
    """A title for matching: no spaces, 〈〉 as 《》, no document number (法释〔2001〕24号)."""
    t = P.WS.sub("", title).replace("〈", "《").replace("〉", "》")
    t = re.sub(r"[（(]?[\u4e00-\u9fff]{1,4}〔\d{4}〕\d+号[）)]?$", "", t)
    return t


def _title_candidates(title: str) -> list[str]:
    """The base's title, and the names in 《》 inside it (a title read with the court's
    公告 above it: …公告最高人民法院《关于X的规定》已于…)."""
    out = [normal_title(title)]
    for name in re.findall(r"《([^《》]+)》", P.WS.sub("", title)):
        out.append(normal_title(name))
    return [t for t in out if t]


def select(decision: Decision, title: str | None = None, section: int | None = None) -> Decision:
    """The decision as it concerns one regulation: a packaged decision's part for ``title``
    (or the part numbered ``section``), with the closing edits that cover every part; in a
    decision grouped by reason, the instructions that name the act (删除《X》第二十七条).
    A decision that is not packaged is returned as it is. FtzlawError when no part matches,
    listing the regulations the decision amends."""

    if not decision.sections:
        acts = decision.grouped_acts
        if len(acts) <= 1:
            if section not in (None, 1):
                raise FtzlawError(f"--section {section}: the decision is not packaged (it "
                                  f"amends one text)")
            return decision
        listing = "; ".join(f"《{a}》" for a in acts)
        if section is not None:
            if not 1 <= section <= len(acts):
                raise FtzlawError(f"--section {section}: the decision amends {len(acts)} texts "
                                  f"({listing})")
            wants = [acts[section - 1]]
        else:
            wants = _title_candidates(title or "")
        keep, current = [], False
        for ins in decision.instructions:
            named = [normal_title(a) for a in ins.acts if normal_title(a) in acts]
            if named:
                current = any(_same_act(a, w) for a in named for w in wants)
            if current:
                keep.append(ins)
        if not keep:
            raise FtzlawError(f"no instruction of the decision amends 《{title}》; the decision "
                              f"amends: {listing}. Pick one with --section N")
        out = copy.copy(decision)
        out.instructions = keep
        out.section = Section(0, "", 0, keep)
        return out
    listing = "; ".join(s.label for s in decision.sections)
    chosen = None
    if section is not None:
        chosen = next((s for s in decision.sections if s.number == section), None)
        if chosen is None:
            raise FtzlawError(f"--section {section}: the decision has parts "
                              f"一 … {int_to_cn(len(decision.sections))} ({listing})")
    else:
        wants = _title_candidates(title or "")
        exact = [s for s in decision.sections if normal_title(s.title) in wants]
        loose = [s for s in decision.sections for want in wants[:1]
                 if normal_title(s.title) in want or want in normal_title(s.title)]
        bodiless = [s for s in decision.sections for want in wants
                    if _same_without_body(normal_title(s.title), want)]
        found = exact or loose or list(dict.fromkeys(bodiless))
        if len(found) != 1:
            why = "no part of the decision amends" if not found else "several parts match"
            raise FtzlawError(f"{why} 《{title}》; the decision amends: {listing}. "
                              f"Pick one with --section N")
        chosen = found[0]
    out = copy.copy(decision)
    out.section = chosen
    out.sections = decision.sections
    out.instructions = [read_instruction(ins, out) for ins in chosen.instructions]
    return out


def _same_act(a: str, b: str) -> bool:
    return a == b or _same_without_body(a, b)


def _same_without_body(a: str, b: str) -> bool:
    """最高人民法院关于X and 关于X name the same interpretation."""
    strip = re.compile(r"^(?:最高人民法院|最高人民检察院|[\u4e00-\u9fff]{2,8}人民代表大会常务委员会)+(?:、)?")
    return strip.sub("", a) == strip.sub("", b)


__all__ = ["Decision", "Instruction", "InstructionError", "Operation", "Quote", "Ref",
           "Section", "normal_title", "parse_decision", "scan_quotes", "select"]
