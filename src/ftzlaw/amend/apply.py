"""Apply a :class:`~.decision.Decision` to an AKN tree → a new expression of the same work.

Order of work, so that every reference means what the drafter meant:

1. Every instruction is applied in turn to the base articles, found by their **base**
   numbers (第十七条 is the base's 第十七条 even after a 增加一条 before it). Inside an
   article, 款 and 项 are found by their base position too (they keep their identity when a
   sibling is added or deleted), while a new 款/项 goes to the position it is given
   (作为第三款: third in the article as amended so far, as the drafter counts).
2. Articles are ordered: new articles and moved ones (将第五条改为第六条) take the positions
   they are given (new numbering); the other articles fill the free positions in their base
   order. Positions that clash or fall outside the result stop the run.
3. Articles (and 款/项 where changed) are renumbered when the decision says so
   (对条文顺序作相应调整, or any 改为第X条), eIds recomputed as the importer computes them.

New provisions are built by the importer's own structure parser and builder
(:func:`ftzlaw.textin.structure.parse_structure`, :func:`ftzlaw.textin.build.build_provision`),
so a new 款 with （一）（二） comes out exactly as if it had been imported.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ..akn.view import Document, text_of
from ..akn.xml import A, akn
from ..diff.chars import normalise
from ..errors import FtzlawError
from ..zh import patterns as P
from ..textin.build import build_provision
from ..textin.layout import Block
from ..akn.eid import ARTICLE_EID, article_eid, paragraph_eid, point_eid, point_numbers
from ..zh.numerals import article_label, cn_to_int, int_to_cn
from ..textin.structure import parse_structure
from .decision import Decision, Instruction, InstructionError, Operation, Quote, Ref

MOD_TYPE = {"move": "renumbering", "replace": "substitution", "replace_words": "substitution",
            "insert_words": "insertion", "delete_words": "repeal", "repeal": "repeal",
            "edge_words": "insertion", "replace_intro": "substitution", "flatten": "repeal",
            "insert": "insertion", "heading": "substitution", "split": "split",
            "renumber": "renumbering"}


@dataclass
class Applied:
    """What one instruction did: its AKN textualMod type and the provisions it touched."""

    instruction: Instruction
    type: str
    changes: list[tuple[str, object]] = field(default_factory=list)  # (op kind, element or old eId)
    destinations: list[str] = field(default_factory=list)            # final hrefs (#art_6 …)


@dataclass
class AmendResult:
    tree: object
    decision: Decision
    applied: list[Applied]
    renumbered: dict[str, str]           # base eId → new eId (articles)
    repealed: list[str]                  # base eIds of deleted articles
    added: list[str]                     # eIds of new articles
    changed: list[str]                   # new eIds of articles whose text changed
    warnings: list[str]
    renumbered_by_closing: list[str] = field(default_factory=list)  # not by an instruction
    failed: list = field(default_factory=list)   # --partial: InstructionErrors not applied
    citations: list = field(default_factory=list)  # CitationChange: citations renumbered
    notes: list = field(default_factory=list)      # what was done beyond the summary

    def summary(self) -> str:
        n = len(Document(self.tree).articles)
        return (f"{len(self.decision.instructions)} instructions applied: {len(self.added)} "
                f"articles added, {len(self.repealed)} deleted, {len(self.changed)} amended, "
                f"{sum(1 for a, b in self.renumbered.items() if a != b)} renumbered; {n} 条")


def unnest(text: str) -> str:
    """Inner quotes of a quotation back to the text's own: ‘…’ / '…' → “…”."""
    out, opening = [], True
    for ch in text:
        if ch == "‘":
            ch = "“"
        elif ch == "’":
            ch = "”"
        elif ch == "'":
            ch, opening = ("“" if opening else "”"), not opening
        out.append(ch)
    return "".join(out)


WEAK_STOPS = "，、；：,;:"
STRONG_STOPS = "。；;"
LIST_WORDS = ("以及", "及", "和", "或者", "或", "等")


def delete_span(text: str, a: int, b: int) -> str:
    """``text`` without ``text[a:b]``, and without the punctuation the deletion leaves
    dangling, as republished texts print it: ``甲、乙以及丙`` less ``乙`` is ``甲以及丙``
    (not ``甲、以及丙``); ``…管辖；赔偿…管辖。`` less its second clause ends ``…管辖。``;
    ``为准。本解释…。`` less its second sentence ends ``为准。``."""
    left, right = text[:a], text[b:]
    if left and right:
        if left[-1] in WEAK_STOPS and right[0] in STRONG_STOPS + "，,":
            left = left[:-1]
        elif left[-1] == "。" and right[0] in "。，；,;":
            right = right[1:]
        elif left[-1] == "、" and right.startswith(LIST_WORDS):
            left = left[:-1]
    elif left and not right and left[-1] in WEAK_STOPS:
        left = left[:-1] + "。"
    return left + right


def _article_key(el) -> tuple[int, int] | None:
    m = P.ARTICLE_NUM.search(el.findtext(akn("num")) or "") \
        or ARTICLE_EID.fullmatch(el.get("eId", ""))
    return P.article_key(m) if m else None


def _label_style(sample: str | None, n: int, depth: int) -> str:
    """A 项/目 label numbered ``n`` in the style of ``sample`` (its siblings' labels)."""
    if depth > 1:
        dot = "." if sample and sample.endswith(".") else "．"
        return f"{n}{dot}"
    if sample and sample.startswith("("):
        return f"({int_to_cn(n)})"
    return f"（{int_to_cn(n)}）"


def _label_number(label: str) -> int | None:
    m = re.search(rf"({P.N}|\d+)", label or "")
    if not m:
        return None
    v = m.group(1)
    return int(v) if v.isdigit() else cn_to_int(v)


def _points(el) -> list:
    return el.findall(akn("point"))


def _paragraphs(el) -> list:
    return el.findall(akn("paragraph"))


def reassign_eids(article, eid: str) -> dict:
    """Set the eIds of an article and everything in it as the importer would (flat
    ``art_N``, ``__para_N`` by position, ``__point_N`` by label); returns element → old eId."""
    old = {}

    def setid(el, new):
        if el.get("eId") != new:
            old[el] = el.get("eId")
            el.set("eId", new)

    def points(parent, prefix):
        run = _points(parent)
        numbers = point_numbers(_label_number(pt.findtext(akn("num"))) for pt in run)
        for pt, n in zip(run, numbers):
            setid(pt, point_eid(prefix, n))
            points(pt, pt.get("eId"))

    setid(article, eid)
    for i, para in enumerate(_paragraphs(article), 1):
        setid(para, paragraph_eid(eid, i))
        points(para, paragraph_eid(eid, i))
    return old


class _Amender:
    def __init__(self, base_tree, decision: Decision, unnest_quotes: bool, source: str | None):
        root = base_tree.getroot() if hasattr(base_tree, "getroot") else base_tree
        self.tree = copy.deepcopy(root).getroottree()
        self.base_doc = Document(base_tree)
        self.doc = Document(self.tree)
        self.decision = decision
        self.unnest = unnest_quotes
        self.source = source
        self.ins: Instruction | None = None
        self.warnings_init: list[str] = []
        self.articles: dict[tuple[int, int], object] = {}
        self.order: list[tuple[int, int]] = []
        for art in self.doc.articles:
            key = _article_key(art.element)
            if key is None or key in self.articles:
                continue
            if not art.element.get("eId"):
                # A base without eIds (hand-made AKN): give them as the importer would.
                reassign_eids(art.element, article_eid(*key))
                self.warnings_init.append(f"{article_label(*key)} had no eId: given "
                                          f"{article_eid(*key)}")
            self.articles[key] = art.element
            self.order.append(key)
        # Base positions of 款 and 项: slots keep a provision's identity through edits.
        self.para_slots = {el: _paragraphs(el) for el in self.articles.values()}
        self.point_slots: dict = {}
        for paras in self.para_slots.values():
            for para in paras:
                self._remember_points(para)
        self.repealed: dict[tuple[int, int], Instruction] = {}
        self.repealed_eids: list[str] = []
        self.moves: dict[tuple[int, int], tuple[int, Instruction]] = {}
        self.new_articles: list[tuple[object, Operation, Instruction, Ref | None]] = []
        self.new_elements: set = set()
        self.touched: set = set()
        self.relabel: set = set()
        self.applied: list[Applied] = []
        self.warnings: list[str] = self.warnings_init
        self.renumber = decision.renumber
        self.renumbered: dict[str, str] = {}     # base eId → new eId, filled by number()
        self.counts: list[tuple[Instruction, str, int]] = []   # 均/统一: occurrences edited
        self.failed: list[InstructionError] = []   # --partial: instructions not applied
        self.fresh: set = set()    # <p> whose words the decision wrote (citations kept)

    def _remember_points(self, el):
        self.point_slots[el] = _points(el)
        for pt in self.point_slots[el]:
            self._remember_points(pt)

    # --- errors and lookups ------------------------------------------------------------
    def fail(self, problem: str):
        raise InstructionError(self.ins, problem, source=self.source)

    def article(self, key: tuple[int, int] | None):
        if key is None:
            self.fail("which article? (no 第X条 in the instruction)")
        label = article_label(*key)
        if key in self.repealed:
            self.fail(f"{label} was already deleted by {self.repealed[key].label}")
        el = self.articles.get(key)
        if el is None:
            last = article_label(*self.order[-1]) if self.order else "none"
            self.fail(f"{label} is not in the base text (第一条 … {last})")
        return el

    def _slot(self, slots: dict, parent, n: int, what: str, where: str):
        items = slots.get(parent, [])
        if not 1 <= n <= len(items):
            self.fail(f"{where} has no {what} (it has {len(items)})")
        el = items[n - 1]
        if el is None:
            self.fail(f"{where}{what} was already deleted or replaced")
        return el

    def resolve(self, ref: Ref):
        """(article element, provision element) for a reference in base numbering; for the
        whole text (条例中) (None, body); for the preamble (引言) (None, its element)."""
        if ref.title:
            title = self.doc.doc.find(f".//{akn('docTitle')}")
            if title is None:
                self.fail("the base text has no title element (docTitle)")
            return None, title
        if ref.whole:
            return None, self.doc.body
        if ref.preamble:
            return None, self.preamble()
        art = self.article(ref.article)
        where = article_label(*ref.article)
        el = art
        if ref.paragraph:
            el = self._slot(self.para_slots, art, ref.paragraph, f"第{int_to_cn(ref.paragraph)}款", where)
            where += f"第{int_to_cn(ref.paragraph)}款"
        if ref.point:
            if not ref.paragraph:
                el = self.item_parent(art, where)
            el = self._slot(self.point_slots, el, ref.point, f"第{int_to_cn(ref.point)}项", where)
            where += f"第{int_to_cn(ref.point)}项"
        if ref.subpoint:
            el = self._slot(self.point_slots, el, ref.subpoint, f"第{ref.subpoint}目", where)
        return art, el

    def item_parent(self, art, where: str):
        """The 款 whose 项 an instruction means when it names no 款: the only one with 项."""
        with_items = [p for p in _paragraphs(art) if _points(p)]
        if len(with_items) == 1:
            return with_items[0]
        if not with_items:
            paras = _paragraphs(art)
            if len(paras) == 1:
                return paras[0]
            self.fail(f"{where} has no 项")
        self.fail(f"{where} has 项 in several 款: say which 款")

    # --- building new text ---------------------------------------------------------------
    def text_of_quote(self, quote: Quote) -> list[str]:
        paras = [p.strip(" \t\u3000") for p in quote.paragraphs]
        if self.unnest:
            paras = [unnest(p) for p in paras]
        if not any(paras):
            self.fail("the quotation is empty")
        return paras

    def build_article(self, paras: list[str], key: tuple[int, int]):
        first = paras[0]
        if not (P.ARTICLE.match(first) and first.startswith("第")):
            first = article_label(*key) + "\u3000" + first
        struct = parse_structure([Block(first, 1)] + [Block(t, i) for i, t in enumerate(paras[1:], 2)])
        nodes = [n for n in struct.divisions_and_articles if n.kind == "article"]
        if len(nodes) != 1 or len(struct.divisions_and_articles) != 1:
            self.fail("the quotation does not read as one article")
        el = build_provision(nodes[0])
        self.mark_new(el)
        return el

    def build_paragraphs(self, paras: list[str]) -> list:
        art = self.build_article(paras, (1, 0))
        return _paragraphs(art)

    def build_point(self, text: str, label: str, depth: int):
        """A 项 (depth 1) or 目 (depth 2), read by the importer's parser: the quoted text
        with its label, or with ``label`` put before it when the quotation has none."""
        labelled = text if (P.ITEM.match(text) or P.SUBITEM.match(text)) else label + text
        blocks = [Block("第一条", 1)] + ([Block("（一）", 2)] if depth > 1 else []) \
            + [Block(labelled, 3)]
        node = parse_structure(blocks).divisions_and_articles[0]
        for _ in range(depth + 1):
            node = node.children[0] if len(node.children) == 1 else None
            if node is None:
                self.fail(f"the quotation does not read as one 项: {text[:20]}")
        el = build_provision(node, "x")
        self.mark_new(el)
        return el

    def mark_new(self, el):
        for sub in el.iter():
            self.new_elements.add(sub)

    # --- operations ------------------------------------------------------------------------
    def apply(self, partial: bool = False):
        for ins in self.decision.instructions + self.decision.general:
            self.ins = ins
            try:
                if ins.error is not None:
                    raise ins.error
                first = next((op for op in ins.operations if op.kind != "move"), ins.operations[0])
                rec = Applied(ins, MOD_TYPE[first.kind])
                for op in ins.operations:
                    getattr(self, "op_" + op.kind)(op, rec)
            except InstructionError as exc:
                if not partial:
                    raise
                self.failed.append(exc)
                continue
            if rec.changes or ins.number or ins.alone:
                self.applied.append(rec)
        self.ins = self.decision.closing_instruction
        self.order_and_number()

    def op_renumber(self, op: Operation, rec: Applied):
        self.renumber = True

    def op_move(self, op: Operation, rec: Applied):
        dst = op.positions[0]
        inner = op.target.paragraph or op.target.point
        if inner and (dst.article is None or dst.article == op.target.article) \
                and (dst.point is None) == (op.target.point is None):
            return self._move_within(op, dst, rec)
        if inner or dst.paragraph or dst.point:
            self.fail("moving a 款 or 项 to another article (改为第X条第Y款) is not supported")
        if dst.article[1]:
            self.fail("moving an article to a 之X position is not supported")
        art = self.article(op.target.article)
        if op.target.article in self.moves:
            self.fail(f"{article_label(*op.target.article)} is already moved by "
                      f"{self.moves[op.target.article][1].label}")
        self.moves[op.target.article] = (dst.article[0], self.ins)
        self.renumber = True
        rec.changes.append(("move", art))

    def _move_within(self, op: Operation, dst: Ref, rec: Applied):
        """将第六项改为第五项 / 将第三款改为第二款: a 款 or 项 moves inside its article."""
        art, el = self.resolve(op.target)
        parent = el.getparent()
        n = dst.point if op.target.point else dst.paragraph
        parent.remove(el)
        siblings = parent.findall(el.tag)
        if not 1 <= n <= len(siblings) + 1:
            self.fail(f"{op.target.label()} cannot become number {n}: there are "
                      f"{len(siblings) + 1}")
        if n <= len(siblings):
            siblings[n - 1].addprevious(el)
        else:
            siblings[-1].addnext(el)
        if op.target.point:
            self.relabel.add(parent)
        self.touched.add(art)
        rec.changes.append(("move", el))

    def op_replace(self, op: Operation, rec: Applied):
        paras = self.text_of_quote(op.quote)
        art, el = self.resolve(op.target)
        level = op.target.level
        if level in ("preamble", "title"):
            target = el if el.tag in (akn("p"), akn("docTitle")) else el.find(akn("p"))
            for child in list(target):
                target.remove(child)
            target.text = "".join(paras)
            rec.changes.append(("replace", el))
            return
        if level == "whole":
            self.fail("the whole text cannot be replaced")
        self.touched.add(art)
        if level == "article":
            new = self.build_article(paras, op.target.article)
            for child in list(art):
                if child.tag not in (akn("num"), akn("heading"), akn("subheading")):
                    art.remove(child)
            for child in list(new):
                if child.tag not in (akn("num"), akn("heading")):
                    art.append(child)
            self.para_slots[art] = [None] * len(self.para_slots[art])
            rec.changes.append(("replace", art))
        elif level == "paragraph":
            new = self.build_paragraphs(paras)
            for n in new:
                el.addprevious(n)
            el.getparent().remove(el)
            slots = self.para_slots[art]
            slots[slots.index(el)] = new[0]
            self._remember_points(new[0])
            rec.changes += [("replace", n) for n in new]
        else:
            if len(paras) != 1:
                self.fail("a 项 is replaced by a quotation of several paragraphs")
            depth = 1 if level == "point" else 2
            new = self.build_point(paras[0], el.findtext(akn("num")) or "", depth)
            num = new.find(akn("num"))
            if not (P.ITEM.match(paras[0]) or P.SUBITEM.match(paras[0])):
                num.text = el.findtext(akn("num"))   # keep the label as printed in the base
            el.addprevious(new)
            parent = el.getparent()
            parent.remove(el)
            slots = self.point_slots[parent]
            slots[slots.index(el)] = new
            self._remember_points(new)
            rec.changes.append(("replace", new))

    def _find(self, scope, phrase: str, every: bool, words: str, optional: bool = False):
        """Occurrences of ``phrase`` in the <p> of ``scope``: [(p, start, end)] in the
        original text. Punctuation form and layout spaces do not count (（）/(), “”/"")."""
        candidates = [phrase] + ([unnest(phrase)] if unnest(phrase) != phrase else [])
        hits = []
        for cand in candidates:
            target, _ = normalise(cand)
            hits = []
            for p in (scope.iter(akn("p")) if scope.tag != akn("docTitle") else [scope]):
                text = p.text or ""
                if len(p):
                    if target and target in normalise("".join(p.itertext()))[0]:
                        self.fail(f"“{phrase}” is in text with inline markup; words cannot be "
                                  f"edited in it")
                    continue
                norm, spans = normalise(text)
                start = norm.find(target)
                while start >= 0 and target:
                    end = start + len(target)
                    hits.append((p, spans[start][0], spans[end - 1][1]))
                    start = norm.find(target, end)
            if hits:
                break
        if not hits and not optional:
            self.fail(f"“{phrase}” is not in {words.split('中')[0] or 'the provision'}")
        if len(hits) > 1 and not every:
            self.fail(f"“{phrase}” occurs {len(hits)} times in the provision: ambiguous")
        return hits

    def _edit_words(self, op: Operation, rec: Applied, edit):
        art, el = self.resolve(op.target)
        where = op.target.label()
        for phrase in op.old:
            hits = self._find(el, phrase, op.every, where + "中", op.optional)
            for p, a, b in reversed(hits):
                p.text = edit(p.text, a, b)
                if op.new and ("第" in op.new or "条" in op.new):
                    self.fresh.add(p)   # the decision's own words: its numbers are the new ones
            if op.every or op.optional:
                self.counts.append((self.ins, phrase, len(hits)))
            for p, _, _ in hits:
                owner = next((a for a in p.iterancestors(akn("article"))), None)
                if owner is not None:
                    self.touched.add(owner)
                    if ("words", owner) not in rec.changes:
                        rec.changes.append(("words", owner))
                elif el is not None and (op.kind, el) not in rec.changes:
                    rec.changes.append((op.kind, el))
        if art is not None:
            self.touched.add(art)
            if (op.kind, el) not in rec.changes:
                rec.changes.append((op.kind, el))

    def op_replace_words(self, op: Operation, rec: Applied):
        new = unnest(op.new) if self.unnest else op.new

        def edit(t, a, b):
            left = t[:a]
            if new.startswith("的") and left.endswith(("，", ",")):
                left = left[:-1]        # “…之间，按照…”修改为“的责任…”: never ，的
            return left + new + t[b:]
        self._edit_words(op, rec, edit)

    def op_insert_words(self, op: Operation, rec: Applied):
        new = unnest(op.new) if self.unnest else op.new
        if op.before:
            self._edit_words(op, rec, lambda t, a, b: t[:a] + new + t[a:])
        else:
            self._edit_words(op, rec, lambda t, a, b: t[:b] + new + t[b:])

    def op_delete_words(self, op: Operation, rec: Applied):
        self._edit_words(op, rec, delete_span)
        # A 款 left with no words (its whole text was the phrase) is gone, as if deleted.
        _, scope = self.resolve(op.target)
        for p in list(scope.iter(akn("p"))):
            if len(p) == 0 and p.text is not None and not re.sub(r"[\s。；，、：.;,:]", "", p.text):
                para = next(p.iterancestors(akn("paragraph")), None)
                art = next(p.iterancestors(akn("article")), None)
                if para is not None and art is not None and len(_paragraphs(art)) > 1:
                    slots = self.para_slots.get(art, [])
                    if para in slots:
                        slots[slots.index(para)] = None
                    art.remove(para)

    def op_edge_words(self, op: Operation, rec: Applied):
        """款首/款尾/开始部分增加“…”: words put at the start or the end of the provision."""
        new = "".join(self.text_of_quote(Quote([op.new])))
        art, el = self.resolve(op.target)
        ps = [p for p in el.iter(akn("p"))]
        if not ps:
            self.fail(f"{op.target.label()} has no text")
        p = ps[0] if op.edge == "start" else ps[-1]
        if op.edge == "start":
            p.text = new + (p.text or "")
        elif len(p):
            last = p[-1]
            last.tail = (last.tail or "") + new
        else:
            p.text = (p.text or "") + new
        self.touched.add(art)
        rec.changes.append(("edge_words", el))

    def op_replace_intro(self, op: Operation, rec: Applied):
        """条首部分修改为“…”: the words that lead into a list of 项 (the 款's intro)."""
        paras = self.text_of_quote(op.quote)
        art, el = self.resolve(op.target)
        if el is art:
            el = self.item_parent(art, article_label(*op.target.article))
        intro = el.find(akn("intro"))
        if intro is None or len(paras) != 1:
            self.fail(f"{op.target.label()} has no words leading into a list of 项")
        ps = intro.findall(akn("p"))
        for extra in ps[1:]:
            intro.remove(extra)
        old = "".join(ps[0].itertext()).rstrip()
        for child in list(ps[0]):
            ps[0].remove(child)
        new = paras[0]
        if old and old[-1] in "：:" and new and new[-1] not in "：:。；;，,":
            new += old[-1]          # the quotation leaves out the colon that leads to the 项
        ps[0].text = new
        self.touched.add(art)
        rec.changes.append(("replace", el))

    def preamble(self):
        """The preamble (引言): AKN <preamble>, else the text the importer keeps in the
        preface before the body (after the title and the 题注)."""
        root = self.doc.doc
        pre = root.find(akn("preamble"))
        if pre is not None:
            return pre
        preface = root.find(akn("preface"))
        ps = [] if preface is None else [p for p in preface.findall(akn("p"))
                                         if p.get("class") not in ("caption",)
                                         and p.find(akn("docTitle")) is None]
        if not ps:
            self.fail("the base text has no preamble (引言)")
        return ps[-1]

    def op_repeal(self, op: Operation, rec: Applied):
        if op.target.division:
            return self._repeal_division(op, rec)
        art, el = self.resolve(op.target)
        level = op.target.level
        if level == "article":
            self.repealed[op.target.article] = self.ins
            self.repealed_eids.append(el.get("eId"))
            rec.changes.append(("repeal", el.get("eId")))
            el.getparent().remove(el)
            return
        self.touched.add(art)
        parent = el.getparent()
        slots = self.para_slots[art] if level == "paragraph" else self.point_slots[parent]
        slots[slots.index(el)] = None
        rec.changes.append(("repeal", el.get("eId")))
        parent.remove(el)
        if level == "paragraph":
            if not _paragraphs(art):
                self.fail("deleting the article's only 款: delete the article instead")
        else:
            self.relabel.add(parent)
            if not _points(parent):
                intro = parent.find(akn("intro"))
                if intro is not None:
                    intro.tag = akn("content")

    def op_insert(self, op: Operation, rec: Applied):
        paras = self.text_of_quote(op.quote)
        if op.unit == "条":
            return self._insert_articles(op, rec, paras)
        art = self.article(op.target.article)
        self.touched.add(art)
        where = article_label(*op.target.article)
        wanted = [p.paragraph or p.point or p.subpoint for p in op.positions]
        if op.unit == "款":
            new = self.build_paragraphs(paras)
            if len(new) != op.count:
                self.fail(f"增加{int_to_cn(op.count)}款 but the quotation has {len(new)} 款")
            container, current = art, _paragraphs(art)
        else:
            if len(paras) != op.count:
                self.fail(f"增加{int_to_cn(op.count)}{op.unit} but the quotation has {len(paras)} paragraphs")
            if op.unit == "项":
                container = (self._slot(self.para_slots, art, op.target.paragraph,
                                        f"第{int_to_cn(op.target.paragraph)}款", where)
                             if op.target.paragraph else self.item_parent(art, where))
                depth = 1
            else:
                _, container = self.resolve(Ref(article=op.target.article,
                                                paragraph=op.target.paragraph,
                                                point=op.target.point))
                depth = 2
            current = _points(container)
            sample = current[0].findtext(akn("num")) if current else None
            start = wanted[0] if wanted else len(current) + 1
            new = [self.build_point(t, _label_style(sample, start + i, depth), depth)
                   for i, t in enumerate(paras)]
            self.relabel.add(container)
        start = wanted[0] if wanted else len(current) + 1
        if not 1 <= start <= len(current) + 1:
            self.fail(f"作为第{int_to_cn(start)}{op.unit}: {where} has only {len(current)} {op.unit}")
        if op.unit in ("项", "目") and current and start == len(current) + 1:
            # The list goes on: its former last 项 ends with ；, no more with 。
            ends = ["".join(pt.itertext()).strip()[-1:] for pt in current]
            last = [p for p in current[-1].iter(akn("p"))]
            if len(ends) > 1 and all(e in "；;" for e in ends[:-1]) and last \
                    and len(last[-1]) == 0 and (last[-1].text or "").endswith("。"):
                last[-1].text = last[-1].text[:-1] + "；"
        for i, el in enumerate(new):
            self._place_child(container, el, start + i)
            rec.changes.append(("insert", el))

    def _place_child(self, container, el, position: int):
        tag = el.tag
        siblings = container.findall(tag)
        if position <= len(siblings):
            siblings[position - 1].addprevious(el)
        elif siblings:
            siblings[-1].addnext(el)
        else:
            content = container.find(akn("content"))
            if content is not None:            # a 款 without 项 gets its first 项
                content.tag = akn("intro")
                content.addnext(el)
            else:
                container.append(el)

    def _insert_articles(self, op: Operation, rec: Applied, paras: list[str]):
        groups = [paras]
        if op.count > 1:
            starts = [i for i, t in enumerate(paras) if P.ARTICLE.match(t) and t.startswith("第")]
            if len(starts) == op.count and starts[0] == 0:
                groups = [paras[a:b] for a, b in zip(starts, starts[1:] + [len(paras)])]
            elif len(paras) == op.count:
                groups = [[t] for t in paras]
            else:
                self.fail(f"增加{int_to_cn(op.count)}条 but the quotation does not say where each begins")
        positions = op.positions or [None] * len(groups)
        if len(positions) != len(groups):
            self.fail(f"增加{int_to_cn(op.count)}条 with {len(op.positions)} positions")
        if op.target.article is not None:
            self.article(op.target.article)  # the anchor must exist
        for group, pos in zip(groups, positions):
            key = pos.article if pos else (0, 0)
            el = self.build_article(group, key)
            self.new_articles.append((el, op, self.ins, pos))
            rec.changes.append(("insert", el))

    def _division(self, target: Ref):
        kind, number = target.division
        for div in self.doc.divisions:
            m = re.search(rf"第({P.N})", div.num)
            if div.kind == kind and m and cn_to_int(m.group(1)) == number:
                return div
        self.fail(f"{target.label()} is not in the base text")

    def _repeal_division(self, op: Operation, rec: Applied):
        """删去第二章: the chapter goes, with every article in it."""
        div = self._division(op.target)
        for el in list(div.element.iter(akn("article"))):
            key = next((k for k, v in self.articles.items() if v is el), None)
            if key is None or key in self.repealed:
                continue
            self.repealed[key] = self.ins
            self.repealed_eids.append(el.get("eId"))
            rec.changes.append(("repeal", el.get("eId")))
            el.getparent().remove(el)
        rec.changes.append(("repeal", div.element.get("eId")))
        div.element.getparent().remove(div.element)

    def op_flatten(self, op: Operation, rec: Applied):
        """删去所有章名: every division goes; its articles stay, in order."""
        divs = [d.element for d in self.doc.divisions]
        if not divs:
            self.fail("the base text has no chapters")
        for div in divs:
            if div.getparent() is None:
                continue
            for child in list(div):
                if child.tag in (akn("num"), akn("heading"), akn("subheading")):
                    continue
                div.addprevious(child)
            rec.changes.append(("repeal", div.get("eId")))
            div.getparent().remove(div)

    def op_heading(self, op: Operation, rec: Applied):
        kind, number = op.target.division
        text = "".join(self.text_of_quote(op.quote))
        m = P.DIVISION.match(text)       # the quotation may repeat the label: 第三章　…
        if m:
            text = m.group(3)
        for div in self.doc.divisions:
            m = re.search(rf"第({P.N})", div.num)
            if div.kind == kind and m and cn_to_int(m.group(1)) == number:
                heading = div.element.find(akn("heading"))
                if heading is None:
                    heading = A.heading()
                    div.element.find(akn("num")).addnext(heading)
                heading.text = text
                for child in list(heading):
                    heading.remove(child)
                rec.changes.append(("heading", div.element))
                return
        self.fail(f"{op.target.label()} is not in the base text")

    def op_split(self, op: Operation, rec: Applied):
        paras = self.text_of_quote(op.quote)
        if len(paras) != op.count:
            self.fail(f"分为{int_to_cn(op.count)}{op.unit} but the quotation has {len(paras)} paragraphs")
        art, el = self.resolve(op.target)
        level = op.target.level
        self.touched.add(art)
        if level == "paragraph":
            new = self.build_paragraphs(paras)
        elif level in ("point", "subpoint"):
            depth = 1 if level == "point" else 2
            parent = el.getparent()
            sample = el.findtext(akn("num"))
            first = _points(parent).index(el) + 1
            new = [self.build_point(t, _label_style(sample, first + i, depth), depth)
                   for i, t in enumerate(paras)]
            self.relabel.add(parent)
        else:
            self.fail("only a 款 or a 项 can be split (分为…款/项)")
        parent = el.getparent()
        for n in new:
            el.addprevious(n)
            rec.changes.append(("split", n))
        parent.remove(el)
        slots = self.para_slots[art] if level == "paragraph" else self.point_slots[parent]
        slots[slots.index(el)] = new[0]

    # --- ordering and numbering ---------------------------------------------------------
    def order_and_number(self):
        """The final order and numbers of the articles (each the element itself, base or new),
        then place and number them."""
        kept = [k for k in self.order if k not in self.repealed]
        mains = [k for k in kept if k[1] == 0]
        subs_of: dict = {}             # a base main article → its base 之X articles [(sub, el)]
        main = None
        for k in kept:
            if k[1] == 0:
                main = self.articles[k]
            elif main is not None:
                subs_of.setdefault(main, []).append((k[1], self.articles[k]))
        fixed: dict[int, object] = {}            # position given (new numbering) → article
        who: dict[int, Instruction] = {}
        new_subs: list[tuple[int, int, object, Instruction]] = []     # 作为第X条之Y
        anchored: dict[tuple[int, int], list] = {}                    # 在第X条前/后增加一条

        def fix(pos: int, el, ins: Instruction):
            if pos in fixed:
                self.ins = ins
                self.fail(f"第{int_to_cn(pos)}条 is also given to {who[pos].label}")
            fixed[pos], who[pos] = el, ins

        for key, (pos, ins) in self.moves.items():
            if key not in self.repealed:
                fix(pos, self.articles[key], ins)
        for el, op, ins, pos in self.new_articles:
            if pos is not None and pos.article[1]:
                new_subs.append((*pos.article, el, ins))
            elif pos is not None:
                if not self.renumber and pos.article in self.articles \
                        and pos.article not in self.repealed:
                    self.ins = ins
                    self.fail(f"{article_label(*pos.article)} already exists and the decision "
                              f"does not renumber (对条文顺序作相应调整)")
                fix(pos.article[0], el, ins)
            else:
                if not self.renumber:
                    self.ins = ins
                    self.fail("增加一条 without a number (作为第X条), and the decision does not "
                              "renumber")
                anchored.setdefault(op.target.article, []).append((op.anchor, el))

        if self.renumber:
            # Articles without a given position fill the free ones, in base order.
            floating = []
            for k in mains:
                around = anchored.get(k, [])
                floating += [el for rel, el in around if rel == "前"]
                if k not in self.moves:
                    floating.append(self.articles[k])
                floating += [el for rel, el in around if rel != "前"]
            total = len(fixed) + len(floating)
            for pos, ins in who.items():
                if pos > total:
                    self.ins = ins
                    self.fail(f"第{int_to_cn(pos)}条: the amended text has only {total} articles")
            free = iter(floating)
            sequence = [(n, fixed[n] if n in fixed else next(free)) for n in range(1, total + 1)]
        else:
            sequence = sorted([(k[0], self.articles[k]) for k in mains] + list(fixed.items()),
                              key=lambda x: x[0])
            numbers = {n for n, _ in sequence}
            for pos, ins in who.items():
                if pos > 1 and pos - 1 not in numbers:
                    self.ins = ins
                    last = max(n for n in numbers if n < pos)
                    self.fail(f"第{int_to_cn(pos)}条: the text would jump from 第{int_to_cn(last)}条 to "
                              f"第{int_to_cn(pos)}条 (the decision does not renumber: a new "
                              f"article takes the next free number)")
        self.check_moves(sequence)

        # Attach 之X articles after their main article (by final number).
        final: list[tuple[tuple[int, int], object]] = []
        for n, el in sequence:
            final.append(((n, 0), el))
            subs = [(s, sub, None) for s, sub in subs_of.get(el, [])]
            subs += [(s, new, ins) for m, s, new, ins in new_subs if m == n]
            subs.sort(key=lambda x: x[0])       # stable: a base 之X before a new one
            seen = set()
            for s, sub, ins in subs:
                if s in seen:
                    self.ins = ins
                    self.fail(f"{article_label(n, s)} is given twice")
                seen.add(s)
                final.append(((n, s), sub))
        numbers = {n for n, _ in sequence}
        for m, s, _, ins in new_subs:
            if m not in numbers:
                self.ins = ins
                self.fail(f"{article_label(m, s)}: there is no {article_label(m)} to follow")
        self.place(final)
        self.number(final)

    def check_moves(self, sequence):
        key_of = {self.articles[k]: k for k in self.order}
        olds = [key_of[el] for _, el in sequence if el in key_of]
        base_index = {k: i for i, k in enumerate(self.order)}
        for a, b in zip(olds, olds[1:]):
            if base_index[a] > base_index[b]:
                self.warnings.append(f"{article_label(*a)} now comes after {article_label(*b)} "
                                     f"(moved out of the base order)")

    def place(self, final):
        """Put new and moved articles where the order says: after the article before them
        (so in its chapter), or before the first article when they open the body."""
        base_index = {el: i for i, el in enumerate(self.articles[k] for k in self.order)}
        placed_last = -1
        prev = None
        for i, (_, el) in enumerate(final):
            idx = base_index.get(el)
            if idx is not None and idx > placed_last and el.getparent() is not None:
                placed_last = idx
                prev = el
                continue
            if el.getparent() is not None:
                el.getparent().remove(el)
            if prev is not None:
                prev.addnext(el)
            else:
                nxt = next(e for _, e in final[i + 1:] if e.getparent() is not None)
                nxt.addprevious(el)
            prev = el

    def number(self, final):
        changed_ids: dict = {}
        for (n, s), el in final:
            is_new = el in self.new_elements
            old_eid = el.get("eId")
            if self.renumber or is_new:
                num = el.find(akn("num"))
                if num is None:
                    num = A.num()
                    el.insert(0, num)
                label = article_label(n, s)
                if num.text != label:
                    num.text = label
                    for child in list(num):
                        num.remove(child)
            if self.renumber:
                for container in list(self.relabel):
                    if container.getparent() is not None and el in container.iterancestors():
                        self.relabel_points(container)
            if is_new or el in self.touched or article_eid(n, s) != old_eid:
                changed_ids.update(reassign_eids(el, article_eid(n, s)))
            if not is_new:
                self.renumbered[old_eid] = el.get("eId")
                # Every article carried over names its base article (AKN wId), renumbered or
                # not, so a new article is exactly one without a wId (diff relies on this).
                if el.get("wId") is None:
                    el.set("wId", old_eid)
        for el, old in changed_ids.items():
            if el not in self.new_elements and old and el.get("wId") is None:
                el.set("wId", old)   # the identifier it had in the base (AKN: after renumbering)

    def relabel_points(self, container):
        pts = _points(container)
        depth = 1 if container.tag == akn("paragraph") else 2
        for i, pt in enumerate(pts, 1):
            num = pt.find(akn("num"))
            if num is not None:
                num.text = _label_style(num.text, i, depth)
        self.relabel.discard(container)


def apply_decision(base_tree, decision: Decision, *, unnest_quotes: bool = True,
                   source: str | None = None, section: int | None = None,
                   partial: bool = False) -> AmendResult:
    """Apply every instruction of ``decision`` to ``base_tree`` (left untouched) and return
    the new expression (:class:`AmendResult`). A packaged decision is first narrowed to the
    part that amends the base (found by its title, or ``section`` N), with the closing edits
    that cover every part. Raises InstructionError naming the first instruction that cannot
    be applied; nothing half-applied is returned. With ``partial`` the instructions that can
    be applied are, and the others are listed in ``result.failed``."""
    from .decision import select
    from .meta import record_amendment

    if decision.packaged and (decision.section is None or section is not None):
        decision = select(decision, title=Document(base_tree).title, section=section)
    elif section not in (None, 1):
        decision = select(decision, section=section)
    if not decision.instructions:
        raise FtzlawError("the decision has no instructions", source=source)
    am = _Amender(base_tree, decision, unnest_quotes, source)
    am.apply(partial)
    for rec in am.applied:
        for kind, target in rec.changes:
            if isinstance(target, str):          # a deleted provision: its base eId
                href = f"{am.base_doc.expression_uri or ''}#{target}"
            else:
                href = "#" + (target.get("eId") or "")
            if href not in rec.destinations:
                rec.destinations.append(href)
    from .citations import update_citations

    cite_changes, cite_warnings = update_citations(am)
    added = [el.get("eId") for el, *_ in am.new_articles]
    changed = [el.get("eId") for el in am.touched if el.getparent() is not None]
    warnings = [f"{ins.label}: {w}" for ins in decision.instructions for w in ins.warnings]
    warnings += am.warnings + cite_warnings
    if decision.unlisted_edits:
        warnings.append("the decision says 对个别文字作了修改: unlisted wording edits are not "
                        "applied (they are not in the decision)")
    result = AmendResult(am.tree, decision, am.applied, am.renumbered, am.repealed_eids, added,
                         sorted(changed, key=_eid_order), warnings)
    result.notes = [f"{ins.label}: “{phrase}” edited at {n} places" for ins, phrase, n in am.counts]
    result.notes += [f"citation renumbered in {c}" for c in cite_changes]
    result.failed = am.failed
    result.citations = cite_changes
    explicit = {t.get("eId") for rec in am.applied for kind, t in rec.changes if kind == "move"}
    result.renumbered_by_closing = [new for old, new in am.renumbered.items()
                                    if old != new and new not in explicit]
    record_amendment(result, am.base_doc)
    return result


def _eid_order(eid: str):
    m = ARTICLE_EID.fullmatch(eid)
    return P.article_key(m) if m else (10 ** 6, 0)


__all__ = ["AmendResult", "Applied", "apply_decision", "reassign_eids", "unnest"]
