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

import re
from dataclasses import dataclass, field

from ..errors import FtzlawError
from ..zh import patterns as P
from ..textin.layout import split_header, split_lines
from ..textin.meta import read_metadata
from ..zh.dates import iso
from ..zh.numerals import article_label, cn_to_int, int_to_cn

INSTRUCTION = re.compile(rf"^({P.N})[、．.]\s*")
CLOSING = re.compile(r"^(?:本决定|此外|同时|另外|《[^》]+》根据本决定|[^“\"]{0,30}根据本决定作相应修改)")
COMMENCE = re.compile(r"本决定自\s*(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(公布之日))\s*起\s*施行")
RENUMBER = re.compile(r"(?:条文|条款|章节条款)的?顺序作相应(?:的)?调整")
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

    def label(self) -> str:
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


@dataclass
class Instruction:
    number: int
    text: str                 # as printed; paragraphs joined by "\n"
    line: int                 # where it starts in the decision text
    operations: list[Operation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How the decision's own numbering names it: 第十三项."""
        return f"第{int_to_cn(self.number)}项" if self.number else "结尾"


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

    @property
    def closing_instruction(self) -> Instruction:
        """The closing clauses as a pseudo-instruction (for renumbering's textualMod)."""
        return Instruction(0, "\n".join(self.closing), 0)


# --- quotations -------------------------------------------------------------------------

def _looks_like_command(text: str) -> bool:
    return bool(re.match(rf"^(?:第{P.N}[条款项目章节]|增加|删去|删除|将|在|其中|并|同时)", text))


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
            elif nxt is not None and not _looks_like_command(nxt):
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


# --- the decision as a whole ------------------------------------------------------------

def parse_decision(text: str, source: str | None = None) -> Decision:
    """Read a decision's text. Raises FtzlawError (or InstructionError) for what cannot be
    read; nothing is guessed silently (warnings say where the text was untidy)."""
    from .grammar import read_operations

    lines = [ln for ln in split_lines(text)]
    first = next((k for k, ln in enumerate(lines) if INSTRUCTION.match(ln.text)), None)
    if first is None:
        raise FtzlawError("no numbered instruction (一、…) found: is this an amending "
                          "decision (修改决定)?", source=source)
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

    groups: list[tuple[int, int, list[str]]] = []   # (number, line, paragraphs)
    closing: list[str] = []
    for ln in lines[first:]:
        t = ln.text
        if not t:
            continue
        m = INSTRUCTION.match(t)
        if m and not closing:
            try:
                number = cn_to_int(m.group(1))
            except ValueError:
                number = 0
            expected = groups[-1][0] + 1 if groups else 1
            if number == expected:
                groups.append((number, ln.no, [t[m.end():]]))
                continue
            if not groups:
                raise FtzlawError(f"the first instruction is numbered {m.group(1)}、, not 一、: "
                                  f"is the beginning of the decision missing?",
                                  source=source, line=ln.no)
            decision.warnings.append((ln.no, f"instruction {m.group(1)}、 where "
                                             f"{int_to_cn(expected)}、 was expected"))
        if (closing or CLOSING.match(t)) and t[:1] not in OPEN_QUOTES:
            closing.append(t)
            continue
        groups[-1][2].append(t)
    decision.closing = closing
    tail = "".join(closing)
    decision.renumber = bool(RENUMBER.search(tail))
    decision.republish = "重新公布" in tail
    decision.unlisted_edits = bool(UNLISTED.search(tail))
    m = COMMENCE.search(re.sub(r"\s+", "", tail))
    if m:
        decision.commencement = "publication" if m.group(4) else iso(*m.groups()[:3])

    for number, line, paragraphs in groups:
        ins = Instruction(number, "\n".join(paragraphs), line)
        template, quotes, warnings = scan_quotes(paragraphs)
        ins.warnings.extend(warnings)
        ins.operations = read_operations(ins, template, quotes, source)
        if any(op.kind == "renumber" for op in ins.operations):
            decision.renumber = True
        if UNLISTED.search(template):
            decision.unlisted_edits = True
        for w in warnings:
            decision.warnings.append((line, f"{ins.label}: {w}"))
        decision.instructions.append(ins)
    if decision.unlisted_edits:
        decision.warnings.append((0, "the decision says 对个别文字作了修改 (unlisted wording "
                                     "edits): they cannot be applied and are not"))
    return decision


__all__ = ["Decision", "Instruction", "InstructionError", "Operation", "Quote", "Ref",
           "parse_decision", "scan_quotes"]
