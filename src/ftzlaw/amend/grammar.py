"""The words of one instruction → :class:`~.decision.Operation` objects.

The instruction's quotations have been cut out (``\\x00k\\x00`` in the template), so the
grammar reads only the drafting words: a sequence of clauses, each matched by one of the
patterns below at the current position, separated by ，；。 or nothing. A clause that names
no article (第一款中…, 其中…, 增加一款…) applies to the article the instruction is about
(the context), exactly as a drafter reads it.
"""

from __future__ import annotations

import re

from ..zh.numerals import cn_to_int
from ..zh.patterns import DIVISION_KIND, N
from .decision import QMARK, Instruction, InstructionError, Operation, Quote, Ref

Q = rf"{QMARK}(\d+){QMARK}"
COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
DIV_KIND = DIVISION_KIND


def _loc(name: str) -> str:
    """A (possibly partial) provision reference with named groups ``name_a`` … ``name_s``."""
    return (rf"(?:第(?P<{name}_a>{N})条(?:之(?P<{name}_as>{N}))?)?"
            rf"(?:第(?P<{name}_p>{N})款)?"
            rf"(?:第[（(]?(?P<{name}_i>{N})[)）]?项)?"
            rf"(?:第(?P<{name}_s>{N}|\d+)目)?")


def _ref(m: re.Match, name: str) -> Ref:
    def num(g):
        v = m.group(f"{name}_{g}")
        if v is None:
            return None
        return int(v) if v.isdigit() else cn_to_int(v)
    a = num("a")
    return Ref(article=(a, num("as") or 0) if a else None, paragraph=num("p"), point=num("i"),
               subpoint=num("s"))


def _quotes(text: str) -> list[int]:
    return [int(k) for k in re.findall(Q, text)]


POS = rf"第[（(]?{N}[)）]?(?:条|款|项|目)(?:之{N})?"
POSITIONS = rf"(?P<pos>{POS}(?:[、和及至到]{POS})*)"
IN = r"(?:中的|中|的|其中的|其中)?"
LEAD = r"(?:并且|并|同时|且|然后|再)?"

PATTERNS: list[tuple[str, re.Pattern]] = [
    # 对条文顺序作相应调整 given as an instruction of its own
    ("renumber", re.compile(r"(?:此外，?)?对(?:条文|条款)的?顺序作相应(?:的)?调整")),
    # 将第三章的章名修改为“…”
    ("heading", re.compile(rf"将?第(?P<d>{N})(?P<dk>分编|编|章|节)的?(?:章名|节名|编名|标题|名称)"
                           rf"(?:修改为|改为)[:：]?(?P<q>{Q})")),
    # 将第九条第一款第三项分为两项，作为第三项、第四项：“…”
    ("split", re.compile(rf"将?{_loc('t')}分为(?P<cnt>{N})(?P<unit>条|款|项|目)[，,]?"
                         rf"(?:(?:分别)?(?:作为|为){POSITIONS})?[:：]?(?P<q>{Q})")),
    # 将第五条改为第六条 / 作为第十五条 / 改作第五条 / 将第五条第二款改为第六条第一款
    ("move", re.compile(rf"将?{_loc('t')}(?:改为|改作|作为|调整为|移作)(?P<dst>{_loc('d')})"
                        rf"(?![:：]?{Q})")),
    # 在第二十条第一款中的“甲”后增加“乙”
    ("insert_words", re.compile(rf"(?:在|将)?{_loc('t')}{IN}(?P<q>{Q})(?P<where>之后|之前|后|前)"
                                rf"(?:增加|增写|加上|插入|添加)(?P<n>{Q})")),
    # 将第十五条第一款中的“甲”修改为“乙” / 其中“甲”修改为“乙” / “甲”均修改为“乙”
    ("replace_words", re.compile(rf"(?:将|把)?{_loc('t')}{IN}(?P<q>{Q}(?:[、和]{Q})*)"
                                 rf"(?P<all>均|都|全部|一律|分别)?(?:修改为|改为|替换为|修改成|改成)"
                                 rf"(?P<n>{Q})")),
    # 删去第九条第三款中的“甲” / 将…中的“甲”删去
    ("delete_words", re.compile(rf"(?:删去|删除){_loc('t')}{IN}(?P<q>{Q}(?:[、和]{Q})*)")),
    ("delete_words", re.compile(rf"将?{_loc('t')}{IN}(?P<q>{Q}(?:[、和]{Q})*)(?P<all>均|都|全部)?"
                                rf"(?:删去|删除)")),
    # 删去第二十条 / 删除第五项 / 将第二十条删去 / 删去第三章
    ("repeal", re.compile(rf"(?:删去|删除|废止){_loc('t')}(?!{IN}{QMARK})(?!第)")),
    ("repeal", re.compile(rf"将{_loc('t')}(?:删去|删除|废止)")),
    # 将第十二条修改为：“…” / 第一款修改为：“…” / 第五项修改为：“…”
    ("replace", re.compile(rf"将?{_loc('t')}(?:的内容)?(?:修改为|改为|修改成)[:：]?(?P<q>{Q})")),
    # 在第三十二条后增加一条，作为第三十三条：“…” / 增加一款作为第二款：“…”
    ("insert", re.compile(rf"(?:在{_loc('t')}(?P<rel>中|之后|之前|后|前)?[，,]?)?"
                          rf"(?:增加|增写|新增|增设)(?P<cnt>{N})(?P<unit>条|款|项|目)[，,]?"
                          rf"(?:(?:分别)?(?:作为|为|列为){POSITIONS})?[:：]?(?P<q>{Q})")),
]
SEPARATORS = re.compile(r"[，,；;。.\s、]+")


def _positions(text: str | None) -> list[Ref]:
    if not text:
        return []
    out = []
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


def _with_context(ref: Ref, ctx: Ref) -> Ref:
    """A partial reference completed from the context article (and 款, for a 项)."""
    if ref.article is None and ref.division is None:
        ref.article = ctx.article
        if ref.paragraph is None and ref.point is not None and ctx.paragraph is not None:
            ref.paragraph = ctx.paragraph
    return ref


def read_operations(ins: Instruction, template: str, quotes: list[Quote],
                    source: str | None = None) -> list[Operation]:
    ops: list[Operation] = []
    ctx = Ref()
    pos = 0
    text = template
    while True:
        m = SEPARATORS.match(text, pos)
        if m:
            pos = m.end()
        if pos >= len(text):
            break
        lead = re.compile(LEAD).match(text, pos)
        start = lead.end() if lead else pos
        for kind, pattern in PATTERNS:
            m = pattern.match(text, start)
            if m and m.end() > start and _acceptable(kind, m):
                break
        else:
            rest = re.sub(Q, "“…”", text[pos:])
            raise InstructionError(ins, f"cannot read the instruction from here: "
                                        f"「{rest[:40]}」", source=source)
        words = re.sub(Q, lambda q: "“" + quotes[int(q.group(1))].text[:12] + "…”",
                       text[pos:m.end()])
        op = _operation(kind, m, quotes, ctx, words)
        placed_alone = op.kind == "insert" and op.unit == "条"
        if op.kind != "renumber" and not placed_alone and op.target.article is None \
                and op.target.division is None:
            raise InstructionError(ins, f"{words}: which article? (no 第X条 in the instruction)",
                                   source=source)
        ops.append(op)
        pos = m.end()
    if not ops:
        raise InstructionError(ins, "no instruction read", source=source)
    return ops


def _acceptable(kind: str, m: re.Match) -> bool:
    gd = m.groupdict()
    has_t = any(gd.get(f"t_{g}") for g in ("a", "p", "i", "s"))
    if kind in ("move", "split", "repeal") and not has_t:
        return False
    if kind == "move" and not any(gd.get(f"d_{g}") for g in ("a", "p", "i")):
        return False
    return True


def _operation(kind: str, m: re.Match, quotes: list[Quote], ctx: Ref, words: str) -> Operation:
    gd = m.groupdict()
    if kind == "renumber":
        return Operation("renumber", Ref(), words)
    if kind == "heading":
        div = (DIV_KIND[gd["dk"]], cn_to_int(gd["d"]))
        return Operation("heading", Ref(division=div), words, quote=quotes[_quotes(gd["q"])[0]])
    ref = _ref(m, "t") if "t_a" in gd else Ref()
    explicit_article = ref.article is not None
    ref = _with_context(ref, ctx)
    # The context follows what the instruction names: 将第八条… then 第一项… of that article.
    if explicit_article:
        ctx.article, ctx.paragraph = ref.article, ref.paragraph
    elif ref.paragraph is not None:
        ctx.paragraph = ref.paragraph
    op = Operation(kind, ref, words)
    if kind == "move":
        op.positions = [_ref(m, "d")]
    elif kind in ("replace_words", "insert_words", "delete_words"):
        op.old = [quotes[k].text for k in _quotes(gd["q"])]
        if gd.get("n"):
            op.new = quotes[_quotes(gd["n"])[0]].text
        op.every = bool(gd.get("all")) and gd.get("all") != "分别"
        op.before = gd.get("where") in ("前", "之前")
    elif kind == "replace":
        op.quote = quotes[_quotes(gd["q"])[0]]
    elif kind in ("insert", "split"):
        op.quote = quotes[_quotes(gd["q"])[0]]
        op.unit = gd["unit"]
        op.count = COUNT.get(gd["cnt"]) or cn_to_int(gd["cnt"])
        op.positions = _positions(gd.get("pos"))
        if kind == "insert":
            rel = gd.get("rel") or ""
            op.anchor = "前" if "前" in rel else ("后" if "后" in rel else "")
            if not explicit_article and op.unit != "条":
                op.target = Ref(article=ctx.article, paragraph=ref.paragraph if ref.paragraph
                                else (ctx.paragraph if op.unit in ("项", "目") else None))
            if op.unit == "条" and not explicit_article:
                op.target = Ref()   # a new article placed by its position alone
    return op


__all__ = ["read_operations"]
