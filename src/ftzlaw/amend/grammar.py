"""The instruction language: the words of one instruction → :class:`~.decision.Operation`
objects. This module is the grammar and nothing else; the operations on the tree live in
:mod:`.ops`.

The instruction's quotations have been cut out (``\\x00k\\x00`` in the template), so the
grammar reads only the drafting words. It is declarative, in three tables:

* ``SLIPS``: a decision's own slips, normalised first and reported (将十一条 without 第);
* the building blocks (``ONE`` a provision, ``LIST`` several, ``SCOPE`` 条例中 / 引言, ``IN``
  中的 / 款首 …) from which
* ``RULES`` is built: one regular expression per drafting form, tried in order at the
  current position. Clauses follow each other separated by ，；。 or nothing.

A clause that names no article (第一款中…, 其中…, 增加一款…, 该条) applies to the article
the instruction is about (the context), exactly as a drafter reads it.
"""

from __future__ import annotations

import re

from ..zh.numerals import cn_to_int
from ..zh.patterns import DIVISION_KIND, N
from .decision import QMARK, Instruction, InstructionError, Operation, Quote, Ref

Q = rf"{QMARK}(\d+){QMARK}"
# Several quotations in a row (增加两条：“…”“…”): read as one text of several paragraphs.
QS = rf"{QMARK}\d+{QMARK}(?:\s*{QMARK}\d+{QMARK})*"
QL = rf"{QMARK}\d+{QMARK}(?:[、和及]?{QMARK}\d+{QMARK})*"
COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
DIV_KIND = DIVISION_KIND

# --- slips: normalised before reading, each reported ----------------------------------------
def _expand_list(m: re.Match) -> str:
    """第二、三、四款 → 第二款、第三款、第四款"""
    numbers = re.split("[、和及]", m.group(1))
    return "、".join(f"第{n}{m.group(2)}" for n in numbers)


SLIPS: list[tuple[re.Pattern, object, str]] = [
    (re.compile(rf"第((?:{N})(?:[、和及](?:{N}))+)(款|项|条)"), _expand_list,
     "a list of numbers under one 第 ({0}) read as one 第 each"),
    (re.compile(rf"(?<=条、)({N})条"), r"第\1条", "an article number without 第 ({0}) read as 第{0}"),
    (re.compile(r"(?<=作为)该条(?=第)"), "", "{0}: the article just named"),
    (re.compile(rf"(?<=将|在)({N})条(?=[之第中的修改删])"), r"第\1条",
     "an article number without 第 ({0}) read as 第{0}"),
    (re.compile(rf"(?<=删去|删除)({N})条"), r"第\1条",
     "an article number without 第 ({0}) read as 第{0}"),
]
# Names of the act inside an instruction (删除《X》第二十七条, 将《解释》原第七条改为修改后《解释》
# 第十二条): which act is meant is settled when the part is chosen; the grammar drops them.
ACT_NAME = re.compile(r"(?:修改后的?)?《[^》]*》(?:的)?(?=原?第|中|条文|引言|序言|$|[，。；]|增加|删)")

# --- building blocks ------------------------------------------------------------------------
ART = rf"原?第{N}条(?:之{N})?"
PARA = rf"第{N}款"
ITEM = rf"第[（(]?{N}[)）]?项"
SUB = rf"第(?:{N}|\d+)目"
ONE = (rf"原?(?:{ART}(?:{PARA})?(?:{ITEM})?(?:{SUB})?|{PARA}(?:{ITEM})?(?:{SUB})?|{ITEM}(?:{SUB})?"
       rf"|{SUB}|该条|本条|第{N}(?:章|节))")
LIST = rf"(?:{ONE}(?:(?:[、和及与至到]|以及){ONE})*)"
TITLE = r"(?:法规|条例|规定|解释|办法|本规定|本解释|本条例)?(?:的)?(?:名称|标题|题目)"
WHOLE = (r"(?:(?:本|该)?(?:条例|法规|规定|办法|细则|解释|决定)(?:全文)?"
         r"|(?:相关|有关|各)(?:条款|条文)|全文)")
PRE = r"(?:引言|序言|前言|导语)"
HEAD_NAME = rf"第{N}(?:章|节)的?(?:章名|节名|标题|名称)"
TGT = (rf"(?:(?:{TITLE}|{HEAD_NAME})(?:(?:[、和及与]){LIST})?|{LIST}|{WHOLE}(?=中|里)|{PRE})")
EDGE = r"(?:款首|款尾|条首|条尾|项首|项尾|开头|开始部分|开头部分|末尾|结尾|最后|最前)"
IN = rf"(?:中的|中|里的|的|其中的|其中|规定的|所列的)?(?:{EDGE}(?:部分)?(?:的|中的)?)?"
ALL = r"(?P<all>均|都|全部|一律|统一|分别|一并)?"
REPLACE_VERB = r"(?:修改为|改为|替换为|修改成|改成|调整为)[:：]?\s*"
POS = rf"第[（(]?{N}[)）]?(?:条|款|项|目)(?:之{N})?(?:第{N}款)?(?:第[（(]?{N}[)）]?项)?"
POSITIONS = rf"(?P<pos>{POS}(?:[、和及至到]{POS})*)"
LEAD = re.compile(r"(?:此外[，,]?|并且|并|同时|且|然后|再|另外|另|其他修改[:：]?|"
                  r"对(?:部分|有关|相关|其他)?条文作(?:以下|如下)修改[:：]?)?")
# Between clauses: punctuation, and the numbers of a list of edits (其他修改：⏎1.… ⏎2.…).
SEPARATORS = re.compile(rf"(?:[，,；;。.\s、]|(?<=\n)\d{{1,3}}[.．、]|(?<=\n)[（(](?:{N}|\d{{1,3}})[)）])+")
COLON = r"[:：]?\s*"

RULES: list[tuple[str, re.Pattern]] = [
    # 条文顺序作相应调整 (as an instruction; an explicit table “第八条”调整为“第七条”… is read along)
    # 第五十三条以后各条序号依次提前
    ("renumber", re.compile(rf"(?:{ART})?(?:以后|之后|后)的?(?:各条|条文|其他条文)(?:的)?(?:序号|顺序)"
                            rf"(?:依次|相应)(?:提前|顺延|后移|前移|调整|递减|递增)")),
    # 本决定自公布之日起施行 (printed on the last instruction's line)
    ("noop", re.compile(r"本决定自[^。]*施行")),
    # 还对部分条款的文字表述进行调整 / 对章节名称进行了调整: said, not itemised (reported)
    ("unlisted", re.compile(r"还?对(?:部分|有关|个别|相关)?(?:条款|条文|文字|章节名称|章节)的?(?:文字)?(?:表述)?"
                            r"(?:进行了?|作了?|作出)(?:相应)?(?:的)?(?:调整|修改)")),
    ("renumber", re.compile(rf"(?:将)?(?:{WHOLE}的?)?(?:对)?(?:有关|相关)?(?:条文|条款|章节条款|章节、条款|章、节、条|条目)的?"
                            rf"(?:顺序|序号)(?:[^。；;“]{{0,12}})?作(?:了)?相应(?:的)?调整(?:[:：]\s*(?:{Q}(?:调整为|改为){Q}[，,、；;]?\s*)*)?")),
    # 将第三章的章名修改为“…”
    ("heading", re.compile(rf"将?(?:第(?P<pc>{N})章)?第(?P<d>{N})(?P<dk>分编|编|章|节)的?(?:章名|节名|编名|标题|名称)"
                           rf"(?:修改为|改为){COLON}(?P<q>{Q})")),
    # 将第五章“供水保障”、第六章“供水管理”合并为第五章，章名修改为“…”
    ("merge_divisions", re.compile(rf"将?第(?P<d>{N})(?P<dk>章|节)(?:{Q})?(?P<more>(?:[、和及与]第{N}(?:章|节)(?:{Q})?)+)"
                                   rf"合并为(?:一章|一节|第{N}(?:章|节))[，,]?(?:(?:章名|节名|名称)修改为"
                                   rf"{COLON}(?P<q>{Q}))?")),
    # 将第十条移至第三章 / 调整至第二章第二节 / 移至第三章第一条之前 (an article changes chapter)
    ("move_division", re.compile(rf"将?(?P<t>{ART})(?:移至|移到|移入|调整至|调整到|调入)"
                                 rf"第(?P<d>{N})章(?:第(?P<sd>{N})节)?(?P<edge>的?(?:最后|末尾|最前|开头))?"
                                 rf"(?:[，,]?(?:作为|为)(?:该章)?(?P<pos>第{N}条))?")),
    # 将第二条移至第五条之后 / 调整到第一条前 (the article goes next to another, in its chapter)
    ("move_next", re.compile(rf"将?(?P<t>{ART})(?:移至|移到|移动到|移动至|调整至|调整到)"
                             rf"(?P<a>{ART})(?P<rel>之后|之前|后|前)")),
    # 第三十条移作第四章第三十二条 / 将第十条改为第三章第十二条
    ("move_division", re.compile(rf"将?(?P<t>{ART})(?:移作|改为|改作|调整为|作为)"
                                 rf"第(?P<d>{N})章(?:第(?P<sd>{N})节)?(?P<pos>第{N}条)(?![款项之])")),
    # 增加一章，作为第五章：“第五章　…” / 在第三章后增加一章：
    ("insert_division", re.compile(rf"(?:在第(?P<a>{N})章(?P<rel>之后|之前|后|前)[，,]?)?(?:增加|增设|新增)一章"
                                   rf"[，,]?(?:(?:作为|为|列为)第(?P<d>{N})章)?(?:规定|内容)?{COLON}(?P<q>{QS})")),
    # 增加一条，作为第三章第一条 / 在第三章中增加一条，作为第二十条 / 在第三章末尾增加一条
    ("insert_in_division", re.compile(rf"(?:在第(?P<d>{N})章(?:第(?P<sd>{N})节)?(?:中|内)?"
                                      rf"(?P<edge>的?(?:最后|末尾|开头|最前))?[，,]?)?"
                                      rf"(?:增加|增写|新增|增设|补充)(?P<cnt>{N})条[，,]?"
                                      rf"(?:(?:分别)?(?:作为|为|列为)(?:第(?P<d2>{N})章(?:第(?P<sd2>{N})节)?)?"
                                      rf"(?P<pos>第{N}条)?)?(?:规定|内容)?{COLON}(?P<q>{QS})")),
    # 将第九条第一款第三项分为两项，作为第三项、第四项：“…”
    ("split", re.compile(rf"将?(?P<t>{ONE})(?:分为|改为|拆分为)(?P<cnt>{N})(?P<unit>条|款|项|目)[，,]?"
                         rf"(?:(?:分别)?(?:作为|为){POSITIONS}[，,]?)?(?:修改为)?{COLON}(?P<q>{QS})")),
    # 将第六条和第七条合并修改为：“…” / 将第十一条、第十二条合并为一条，作为第十一条，修改为：
    ("merge", re.compile(rf"将?(?P<t>{ONE}(?:(?:[、和及与同]|以及){ONE})*)合并(?:为一条|为一款|为一项)?[，,]?"
                         rf"(?:(?:作为|为|改为)(?P<d>{ONE})[，,]?)?(?:并)?(?:修改为)?{COLON}(?P<q>{Q})")),
    ("merge", re.compile(rf"将?(?P<t>{ONE}(?:(?:[、和及与同]|以及){ONE})*)合并(?:为一条|为一款|为一项)?[，,]?"
                         rf"(?:作为|为|改为)(?P<d>{ONE})")),
    # 将第五条第二款单列为一条，作为第六条 (a 款 becomes an article)
    ("move", re.compile(rf"将?(?P<t>{ONE})(?:单列|单独列|单独|独立)(?:为|成)?一条[，,]?(?:作为|为|列为)"
                        rf"(?P<d>{ONE})(?![条款项之中的])")),
    # 将第五条改为第六条 / 原第四条作为第五条 / 将第二条修改为第六条：“…” / …改为第六条，修改为：
    ("move", re.compile(rf"将?(?P<t>{ONE})(?:改为|改作|作为|调整为|移作|修改为)(?:修改后的?)?(?P<d>{ONE})"
                        rf"(?![条款项之中的])(?:(?:[，,]?并?修改为{COLON}|[:：]\s*)(?P<q>{Q}))?")),
    # 在第十二条第二款款尾增加：“…” / 第一条第二款开始部分增加规定：“…”
    ("edge_words", re.compile(rf"(?:在)?(?P<t>{ONE})?(?:的)?(?P<edge>{EDGE})(?:部分)?"
                              rf"(?:增加|增写|加上|添加|补充)(?:规定|相关内容|内容|文字|一句|语句|表述)?"
                              rf"{COLON}(?P<n>{Q})")),
    # 将第五十条中的“玩忽职守”调整到“滥用职权”之后 (a member of an enumeration moves)
    ("move_words", re.compile(rf"(?:将|把)?(?P<t>{TGT})?{IN}(?P<q>{Q})(?:调整到|调整至|移至|移到)"
                              rf"(?P<n>{Q})(?P<where>之后|之前|后|前)")),
    # 在第二十条第一款中的“甲”后增加“乙”
    ("insert_words", re.compile(rf"(?:在|将)?(?P<t>{TGT})?{IN}(?P<q>{Q})(?P<where>之后|之前|后|前)"
                                rf"(?:增加|增写|加上|插入|添加|补充)(?P<n>{Q})")),
    # 将第八条、第五十七条中的“甲”，第九条中的“乙”，统一修改为“丙” / 其中“甲”修改为“乙”
    ("replace_words", re.compile(rf"(?:将|把)?(?P<g>(?:(?:{TGT})?{IN}{QL}[，,]?)+?){ALL}"
                                 rf"(?:合并)?{REPLACE_VERB}(?P<n>{QL})")),
    # 删去第九条第三款中的“甲”和第二款末尾的“乙” / 将…中的“甲”删去
    ("delete_words", re.compile(rf"(?:删去|删除)(?P<g>(?:(?:{TGT})?{IN}{QL}"
                                rf"(?!{ALL}(?:合并)?{REPLACE_VERB}|之?[前后](?:增加|增写))"
                                rf"(?:[和及、，,]|以及)?)+)")),
    # 删去所有章名: the chapters (and sections) go, their articles stay
    ("flatten", re.compile(r"(?:删去|删除)(?:所有|全部)的?(?:章名|章节名称|章、节名称|章节标题|章节)")),
    ("delete_words", re.compile(rf"将?(?P<g>(?:(?:{TGT})?{IN}{QL}[，,]?)+?){ALL}(?:删去|删除)")),
    # 第五条条首部分修改为：“…” (the words before a list of 项)
    ("replace_intro", re.compile(rf"将?(?P<t>{ONE})?(?:的)?(?:条首部分|条首|款首部分|款首|引导语|导语|"
                                 rf"开头部分){REPLACE_VERB}{COLON}(?P<q>{Q})")),
    # 删去第十条、第十一条、第三十四条第二款 / 将第二十条删去
    ("repeal", re.compile(rf"(?:删去|删除|废止)(?P<t>{LIST})(?!{IN}{QMARK})(?!第)"
                          rf"(?:关于[^，。；“]*的(?:内容|规定))?")),
    ("repeal", re.compile(rf"将(?P<t>{LIST})(?:删去|删除|废止)")),
    # 将第十二条修改为：“…” / 第一款修改为：“…” / 将引言修改为：“…” / 将第十八条第一款、第二款修改为：
    ("replace", re.compile(rf"将?(?P<t>{TGT})?(?:的内容)?(?:修改为|改为|修改成)(?:[一二两三四五六七八九十]+[款项])?"
                           rf"{COLON}(?P<q>{Q})")),
    # 增加“…”作为第二款 (the text before its position)
    ("insert_as", re.compile(rf"(?:在|将)?(?P<t>{ONE})?(?:中)?(?:增加|增写|新增)(?:{N}(?:条|款|项))?(?P<q>{Q})[，,]?"
                             rf"(?:作为|为|列为)(?P<pos>{POS})")),
    # 增加“…” with no place: where? (an enumeration's new member) — ambiguous, said so
    ("ambiguous", re.compile(rf"(?:增加|增写|加上|添加)(?P<q>{Q})(?![，,]?(?:作为|为|列为))")),
    # 在第三十二条后增加一条，作为第三十三条：“…” / 第六条增加一款，作为第三款：“…”
    ("insert", re.compile(rf"(?:在|将)?(?:(?P<t>{ONE})(?P<rel>中|之后|之前|后|前)?[，,]?)?"
                          rf"(?:增加|增写|新增|增设|补充)(?P<cnt>{N})(?P<unit>条|款|项|目)[，,]?"
                          rf"(?:(?:分别)?(?:作为|为|列为)(?:修改后的?)?{POSITIONS})?(?:规定|内容)?{COLON}"
                          rf"(?P<q>{QS})")),
]

REF = re.compile(rf"(?P<this>该条|本条)|(?P<title>{TITLE})|第(?P<hd>{N})(?P<hdk>章|节)的?(?:章名|节名|标题|名称)|"
                 rf"(?P<whole>{WHOLE})|(?P<pre>{PRE})|"
                 rf"第(?P<d>{N})(?P<dk>章|节)|"
                 rf"(?:原?第(?P<a>{N})条(?:之(?P<as>{N}))?)?(?:第(?P<p>{N})款)?"
                 rf"(?:第[（(]?(?P<i>{N})[)）]?项)?(?:第(?P<s>{N}|\d+)目)?")


def _num(v: str | None) -> int | None:
    if v is None:
        return None
    return int(v) if v.isdigit() else cn_to_int(v)


def read_refs(text: str | None, ctx: Ref) -> list[Ref]:
    """The provisions a list names (第八条第一款、第二款、第十条), each completed from the one
    before it and from the context; updates the context to the last one."""
    out: list[Ref] = []
    if not text:
        return out
    prev = Ref(article=ctx.article, paragraph=ctx.paragraph)
    last_end = 0
    for m in REF.finditer(text):
        if not m.group(0):
            continue
        joiner = text[last_end:m.start()]
        last_end = m.end()
        if m.group("title"):
            out.append(Ref(title=True))
            continue
        if m.group("hd"):
            out.append(Ref(division=(DIV_KIND[m.group("hdk")], cn_to_int(m.group("hd"))), title=True))
            continue
        if m.group("d"):
            out.append(Ref(division=(DIV_KIND[m.group("dk")], cn_to_int(m.group("d")))))
            continue
        if m.group("this"):
            ref = Ref(article=prev.article)
        elif m.group("whole"):
            ref = Ref(whole=True)
        elif m.group("pre"):
            ref = Ref(preamble=True)
        else:
            a = _num(m.group("a"))
            ref = Ref(article=(a, _num(m.group("as")) or 0) if a is not None else None,
                      paragraph=_num(m.group("p")), point=_num(m.group("i")),
                      subpoint=_num(m.group("s")))
            if ref.article is None:
                ref.article = prev.article
                if ref.paragraph is None and ref.point is not None:
                    ref.paragraph = prev.paragraph
            if joiner in ("至", "到") and out and out[-1].article and ref.article \
                    and ref.level == "article" and out[-1].level == "article":
                # 第八条至第十三条: every article of the range
                out += [Ref(article=(n, 0)) for n in range(out[-1].article[0] + 1, ref.article[0])]
        out.append(ref)
        if not (ref.whole or ref.preamble):
            prev = ref
    if out and out[-1].article:
        ctx.article, ctx.paragraph = out[-1].article, out[-1].paragraph
    if out:
        ctx.whole = out[-1].whole
    return out


def _quotes(text: str) -> list[int]:
    return [int(k) for k in re.findall(Q, text)]


def _positions(text: str | None) -> list[Ref]:
    if not text:
        return []
    out = []
    # 作为第三条第二款: one position in another article (the 款 is the position)
    both = re.fullmatch(rf"第({N})条第({N})款(?:第[（(]?({N})[)）]?项)?", text)
    if both:
        return [Ref(article=(cn_to_int(both.group(1)), 0), paragraph=cn_to_int(both.group(2)),
                    point=cn_to_int(both.group(3)) if both.group(3) else None)]
    for m in re.finditer(rf"第[（(]?({N})[)）]?(条|款|项|目)(?:之({N}))?", text):
        n, unit = cn_to_int(m.group(1)), m.group(2)
        sub = cn_to_int(m.group(3)) if m.group(3) else 0
        if unit == "条":
            out.append(Ref(article=(n, sub)))
        elif unit == "款":
            out.append(Ref(paragraph=n))
        elif unit == "项":
            out.append(Ref(point=n))
        else:
            out.append(Ref(subpoint=n))
    return out


def normalise(ins: Instruction, template: str) -> str:
    """The template with the decision's slips and act names taken out (slips reported)."""
    for pattern, repl, message in SLIPS:
        for m in pattern.finditer(template):
            ins.warnings.append(message.format(m.group(0)))
        template = pattern.sub(repl, template)
    return ACT_NAME.sub("", template)


def read_operations(ins: Instruction, template: str, quotes: list[Quote],
                    source: str | None = None) -> list[Operation]:
    ops: list[Operation] = []
    ctx = Ref()
    ctx.new_sentence = True
    pos = 0
    text = normalise(ins, template)
    while True:
        m = SEPARATORS.match(text, pos)
        if m:
            pos = m.end()
            ctx.new_sentence = bool(re.search("[；;。]", m.group()))
        if pos >= len(text):
            break
        lead = LEAD.match(text, pos)
        start = lead.end() if lead else pos
        gap = SEPARATORS.match(text, start)
        if gap and start > pos:
            start = gap.end()
        if start >= len(text):
            break
        for kind, pattern in RULES:
            m = pattern.match(text, start)
            if m and m.end() > start and _acceptable(kind, m):
                break
        else:
            rest = re.sub(Q, "“…”", text[pos:])
            raise InstructionError(ins, f"cannot read the instruction from here: "
                                        f"「{rest[:40]}」", source=source)
        words = re.sub(Q, lambda q: "“" + quotes[int(q.group(1))].text[:12] + "…”",
                       text[pos:m.end()]).replace("\n", "")
        try:
            found = _operations(kind, m, quotes, ctx, words)
        except AmbiguousForm as exc:
            raise InstructionError(ins, str(exc), source=source) from None
        for op in found:
            _check_numbers(ins, op, words, source)
            placed_alone = (op.kind == "insert" and op.unit == "条") \
                or op.kind in ("insert_in_division",)
            if op.kind != "renumber" and not placed_alone and op.target.article is None \
                    and op.target.division is None and not op.target.whole \
                    and not op.target.preamble and not op.target.title:
                raise InstructionError(ins, f"{words}: which article? (no 第X条 in the "
                                            f"instruction)", source=source)
            ops.append(op)
        pos = m.end()
    if not ops:
        raise InstructionError(ins, "no instruction read", source=source)
    return ops


class AmbiguousForm(Exception):
    """A form the grammar recognises but that does not say enough to be applied."""


def _check_numbers(ins: Instruction, op: Operation, words: str, source: str | None) -> None:
    """第零条, 第零款 name nothing: numbers start at 一."""
    for ref in [op.target] + op.positions:
        parts = [("条", ref.article[0] if ref.article else None), ("款", ref.paragraph),
                 ("项", ref.point), ("目", ref.subpoint)]
        for unit, n in parts:
            if n == 0:
                raise InstructionError(ins, f"{words}: 第零{unit} is no {unit} number (they "
                                            f"start at 第一{unit})", source=source)


def _acceptable(kind: str, m: re.Match) -> bool:
    gd = m.groupdict()
    if kind in ("move", "split", "repeal", "merge") and not gd.get("t"):
        return False
    if kind == "move" and not re.search("第", gd.get("d") or ""):
        return False
    if kind == "insert_in_division" and not (gd.get("d") or gd.get("d2")):
        return False
    return True


def _groups(m: re.Match, ctx: Ref, quotes: list[Quote]):
    """(refs, phrases) of each 'targets 中的“甲”、“乙”' group of a words rule."""
    one = re.compile(rf"(?P<t>{TGT})?{IN}(?P<q>{QL})")
    for g in one.finditer(m.group("g")):
        refs = read_refs(g.group("t"), ctx)
        explicit = bool(refs)
        if not refs and getattr(ctx, "new_sentence", False) and m.group("all") in ("均", "统一", "全部", "一律"):
            # ……；“区、县”均修改为“区”: a sentence of its own naming nothing, for every occurrence
            refs, explicit = [Ref(whole=True)], True
        if not refs:
            # No provision named: the one the instruction is about, else the whole text
            # (将“三、技术转让合同”修改为“…”: the phrase must then occur exactly once).
            refs = [Ref(whole=True) if ctx.whole or not ctx.article
                    else Ref(article=ctx.article, paragraph=ctx.paragraph)]
            explicit = ctx.whole
        yield refs, [quotes[k].text for k in _quotes(g.group("q"))], explicit


def _operations(kind: str, m: re.Match, quotes: list[Quote], ctx: Ref, words: str):
    gd = m.groupdict()

    def quote(group="q"):
        found = [quotes[k] for k in _quotes(gd[group])]
        if len(found) == 1:
            return found[0]
        return Quote([p for q in found for p in q.paragraphs])

    if kind == "renumber":
        return [Operation("renumber", Ref(), words)]
    if kind == "ambiguous":
        raise AmbiguousForm(f"{words}: where? The instruction does not say after or before "
                            f"which words (在“…”后增加) — ambiguous, not applied")
    if kind == "insert_as":
        refs = read_refs(gd.get("t"), ctx)
        pos = _positions(gd["pos"])[0]
        unit = "条" if pos.level == "article" else "款" if pos.level == "paragraph" else "项"
        op = Operation("insert", Ref(), words, quote=quote(), unit=unit, count=1, positions=[pos])
        if unit != "条":
            base = refs[0] if refs else Ref(article=ctx.article, paragraph=ctx.paragraph)
            op.target = Ref(article=base.article,
                            paragraph=base.paragraph if unit == "项" else None)
        return [op]
    if kind == "move_next":
        ref = read_refs(gd["t"], Ref())[0]
        other = read_refs(gd["a"], Ref())[0]
        ctx.article, ctx.paragraph = ref.article, None
        return [Operation("move_next", Ref(article=ref.article), words,
                          positions=[Ref(article=other.article)],
                          anchor="前" if "前" in gd["rel"] else "后")]
    if kind in ("move_division", "insert_in_division"):
        d, sd = gd.get("d") or gd.get("d2"), gd.get("sd") or gd.get("sd2")
        div = Ref(division=("section", cn_to_int(sd)), within=cn_to_int(d)) if sd \
            else Ref(division=("chapter", cn_to_int(d)))
        pos = _positions(gd.get("pos"))
        edge = "start" if gd.get("edge") and re.search("开头|最前", gd["edge"]) else "end"
        if pos and pos[0].article == (1, 0) and d and cn_to_int(d) > 1:
            pos, edge = [], "start"       # 作为第三章第一条: the chapter's first article
        if kind == "move_division":
            ref = read_refs(gd["t"], ctx)[0]
            return [Operation("move_division", Ref(article=ref.article), words,
                              positions=[div] + pos, edge=edge)]
        count = COUNT.get(gd["cnt"]) or cn_to_int(gd["cnt"])
        return [Operation("insert_in_division", Ref(), words, quote=quote(), unit="条",
                          count=count, positions=[div] + pos, edge=edge)]
    if kind == "insert_division":
        at = cn_to_int(gd["d"]) if gd.get("d") else None
        after = cn_to_int(gd["a"]) if gd.get("a") else None
        rel = "前" if gd.get("rel") and "前" in gd["rel"] else "后"
        target = Ref(division=("chapter", after if after is not None else at))
        return [Operation("insert_division", target, words, quote=quote(),
                          anchor=rel if after is not None else "作为", count=at or 0)]
    if kind == "merge_divisions":
        kind_ = DIV_KIND[gd["dk"]]
        others = [Ref(division=(kind_, cn_to_int(n))) for n in re.findall(rf"第({N})(?:章|节)", gd["more"])]
        return [Operation("merge_divisions", Ref(division=(kind_, cn_to_int(gd["d"]))), words,
                          quote=quote() if gd.get("q") else None, positions=others)]
    if kind == "noop":
        return []
    if kind == "unlisted":
        return [Operation("unlisted", Ref(whole=True), words)]
    if kind == "flatten":
        return [Operation("flatten", Ref(whole=True), words)]
    if kind == "heading":
        div = (DIV_KIND[gd["dk"]], cn_to_int(gd["d"]))
        within = cn_to_int(gd["pc"]) if gd.get("pc") else None
        return [Operation("heading", Ref(division=div, within=within), words, quote=quote())]
    if kind in ("replace_words", "delete_words"):
        ops = []
        every = bool(gd.get("all")) and gd.get("all") != "分别"
        news = [quotes[k].text for k in _quotes(gd["n"])] if gd.get("n") else []
        for refs, phrases, explicit in _groups(m, ctx, quotes):
            # “甲”、“乙”分别修改为“丙”、“丁”: each phrase its own new words
            pairs = list(zip(phrases, news)) if len(news) > 1 else [(None, news[0] if news else "")]
            if len(news) > 1 and len(news) != len(phrases):
                raise AmbiguousForm(f"{words}: {len(phrases)} phrases but {len(news)} new ones")
            for ref in refs:
                for old, new in pairs:
                    op = Operation(kind, ref, words, old=[old] if old else phrases,
                                   every=every or (ref.whole and explicit))
                    op.new = new
                    ops.append(op)
        return ops
    refs = read_refs(gd.get("t"), ctx)
    ref = refs[0] if refs else Ref(article=ctx.article, paragraph=ctx.paragraph)
    if not refs and kind in ("edge_words", "replace_intro") and ref.paragraph is None:
        ref = Ref(article=ctx.article)
    if kind == "move_words":
        return [Operation(kind, ref, words, old=[quote().text], new=quote("n").text,
                          before=gd["where"] in ("前", "之前"))]
    if kind == "insert_words":
        op = Operation(kind, ref, words, old=[quote().text], new=quote("n").text,
                       every=ref.whole, before=gd["where"] in ("前", "之前"))
        return [op]
    if kind == "edge_words":
        edge = "end" if gd["edge"] in ("款尾", "条尾", "项尾", "末尾", "结尾", "最后") else "start"
        return [Operation(kind, ref, words, new=quote("n").text, edge=edge)]
    if kind == "replace_intro":
        return [Operation(kind, ref, words, quote=quote())]
    if kind == "repeal":
        return [Operation("repeal", r, words) for r in refs]
    if kind == "replace":
        if not refs:
            ref = Ref(article=ctx.article) if ctx.article else Ref()
        # 将第十八条第一款、第二款修改为：“…” : the first takes the text, the others go.
        return [Operation("replace", ref, words, quote=quote())] + \
            [Operation("repeal", r, words) for r in refs[1:]]
    if kind == "merge":
        if gd.get("q"):
            ops = [Operation("replace", refs[0], words, quote=quote())] + \
                [Operation("repeal", r, words) for r in refs[1:]]
        else:   # 将第四十条同第四十一条合并，改为第四十九条: the 款 of both, in order
            ops = [Operation("merge_into", refs[0], words, positions=refs[1:])]
        dst = read_refs(gd.get("d"), Ref())
        if dst and dst[0].article and dst[0].article != refs[0].article:
            ops.insert(0, Operation("move", Ref(article=refs[0].article), words, positions=dst[:1]))
        ctx.article = refs[0].article
        return ops
    if kind == "move":
        dst = read_refs(gd["d"], Ref())
        ctx.article, ctx.paragraph = ref.article, ref.paragraph
        ops = [Operation("move", ref, words, positions=dst[:1])]
        if gd.get("q"):
            ops.append(Operation("replace", Ref(article=ref.article, paragraph=ref.paragraph,
                                                point=ref.point), words, quote=quote()))
        return ops
    if kind in ("insert", "split"):
        op = Operation(kind, ref, words, quote=quote())
        op.unit = gd["unit"]
        op.count = COUNT.get(gd["cnt"]) or cn_to_int(gd["cnt"])
        op.positions = _positions(gd.get("pos"))
        explicit_article = bool(refs and gd.get("t") and re.search("条", gd["t"]))
        if kind == "insert":
            rel = gd.get("rel") or ""
            op.anchor = "前" if "前" in rel else ("后" if "后" in rel else "")
            if op.unit == "项" and op.positions and op.positions[0].article:
                # 增加一项，作为第十一条第二款第三项
                pos = op.positions[0]
                op.target = Ref(article=pos.article, paragraph=pos.paragraph)
                op.positions = [Ref(point=pos.point)]
                ctx.article, ctx.paragraph = pos.article, pos.paragraph
            elif op.unit == "款" and op.positions and op.positions[0].article:
                # 增加一款，作为第三条第二款
                op.target = Ref(article=op.positions[0].article)
                op.positions = [Ref(paragraph=op.positions[0].paragraph)]
                ctx.article = op.target.article
            elif op.unit != "条":
                para = refs[0].paragraph if refs else None
                op.target = Ref(article=ref.article if refs else ctx.article,
                                paragraph=para if para else (ctx.paragraph if op.unit in ("项", "目")
                                                             else None),
                                point=refs[0].point if refs and op.unit == "目" else None)
            elif not explicit_article:
                if refs and refs[0].division and not op.positions:
                    label = refs[0].label()
                    raise AmbiguousForm(f"{words}: last in {label} or first after it? — ambiguous, "
                                        f"not applied (say 在{label}末尾增加一条, or 作为第X条)")
                op.target = Ref()   # a new article placed by its position alone
        return [op]
    raise AssertionError(kind)


__all__ = ["RULES", "SLIPS", "read_operations", "read_refs"]
