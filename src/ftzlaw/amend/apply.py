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

The amender here holds the state (base slots, moves, new elements) and the lookups; the
operations are small methods in their own modules, one per kind of change: :mod:`.words`
(phrases), :mod:`.provisions` (articles, 款, 项, headings, preamble), :mod:`.numbering`
(order and numbers), :mod:`.citations` (citations follow renumbering). What an instruction
says is read by :mod:`.grammar` alone.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..akn.eid import ARTICLE_EID, article_eid
from ..akn.view import Document
from ..akn.xml import akn
from ..errors import FtzlawError
from ..textin.build import build_provision
from ..textin.layout import Block
from ..textin.structure import parse_structure
from ..zh import patterns as P
from ..zh.numerals import article_label, int_to_cn
from .decision import Decision, Instruction, InstructionError, Operation, Quote, Ref
from .numbering import Numbering
from .provisions import ProvisionOps
from .tree import _article_key, _paragraphs, _points, reassign_eids, unnest
from .words import WordOps

MOD_TYPE = {"move": "renumbering", "replace": "substitution", "replace_words": "substitution",
            "insert_words": "insertion", "delete_words": "repeal", "repeal": "repeal",
            "edge_words": "insertion", "replace_intro": "substitution", "flatten": "repeal",
            "move_words": "substitution", "merge_divisions": "join", "unlisted": "substitution",
            "merge_into": "join", "move_division": "renumbering", "move_next": "renumbering",
            "insert_in_division": "insertion", "insert_division": "insertion",
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


class _Amender(WordOps, ProvisionOps, Numbering):
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
        self.para_articles: dict = {}   # a 款 made an article of its own → that article
        self.div_of: dict = {}     # article → the division it must end up in (移至第三章)
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
        if ref.title and ref.division:
            heading = self._division(ref).element.find(akn("heading"))
            if heading is None:
                self.fail(f"{ref.label()} has no name")
            return None, heading
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
    def apply(self, partial: bool = False, skip: frozenset = frozenset()):
        for ins in self.decision.instructions + self.decision.general:
            if id(ins) in skip:
                continue
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
    am = _run(base_tree, decision, unnest_quotes, source, partial)
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


def _run(base_tree, decision: Decision, unnest_quotes: bool, source, partial: bool):
    """Apply on a fresh copy of the base. With ``partial``, an instruction that fails is
    left out whole and the run starts again without it, so that no instruction is ever
    half applied (one that fails after its first change would otherwise leave that change)."""
    skip: dict[int, InstructionError] = {}
    while True:
        am = _Amender(base_tree, decision, unnest_quotes, source)
        try:
            am.apply(partial, frozenset(skip))
        except InstructionError as exc:
            # ordering and numbering fail on the instruction that gave the position
            if not partial or exc.instruction is None or id(exc.instruction) in skip \
                    or exc.instruction not in decision.instructions:
                raise
            skip[id(exc.instruction)] = exc
            continue
        new = [e for e in am.failed if id(e.instruction) not in skip]
        if not new:
            order = {id(ins): i for i, ins in enumerate(decision.instructions + decision.general)}
            am.failed = sorted(list(skip.values()) + am.failed,
                               key=lambda e: order.get(id(e.instruction), 0))
            return am
        for e in new:
            skip[id(e.instruction)] = e


def _eid_order(eid: str):
    m = ARTICLE_EID.fullmatch(eid)
    return P.article_key(m) if m else (10 ** 6, 0)


__all__ = ["AmendResult", "Applied", "apply_decision", "reassign_eids", "unnest"]
