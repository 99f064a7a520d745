"""Operations on words inside provisions: 将…中的“甲”修改为“乙”, 在“甲”后增加“乙”, 删去“甲”,
款首/款尾增加“…”. Phrases are found with punctuation form and layout spaces ignored, and
must occur exactly once unless the decision says 均 / 统一 or names the whole text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..akn.xml import akn
from ..diff.chars import normalise
from .decision import Operation, Quote
from .tree import _paragraphs, unnest

if TYPE_CHECKING:
    from .apply import Applied


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
        elif left[-1] == "、" and (right.startswith(LIST_WORDS) or right[0] == "、"):
            left = left[:-1]            # 甲、乙、丙 less 乙: 甲、丙 (never 甲、、丙)
        elif left[-1] in "，,；;：:（(" and right[0] == "、":
            right = right[1:]           # ，甲、乙 less 甲: ，乙
    elif right and right[0] == "、" and not left:
        right = right[1:]
    elif left and not right and left[-1] in WEAK_STOPS:
        left = left[:-1] + "。"
    return left + right


class WordOps:
    """Mixed into the amender (:class:`.apply._Amender`)."""

    def _find(self, scope, phrase: str, every: bool, words: str, optional: bool = False):
        """Occurrences of ``phrase`` in the <p> of ``scope``: [(p, start, end)] in the
        original text. Punctuation form and layout spaces do not count (（）/(), “”/"")."""
        candidates = [phrase] + ([unnest(phrase)] if unnest(phrase) != phrase else [])
        hits = []
        for cand in candidates:
            target, _ = normalise(cand)
            hits = []
            single = scope.tag in (akn("docTitle"), akn("heading"))
            for p in (scope.iter(akn("p")) if not single else [scope]):
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

    def op_move_words(self, op: Operation, rec: Applied):
        """将…中的“玩忽职守”调整到“滥用职权”之后: a member of an enumeration (joined by 、)
        leaves its place, with its separator, and follows (or precedes) the other."""
        art, el = self.resolve(op.target)
        (p, a, b), = self._find(el, op.old[0], False, op.target.label() + "中")
        text = p.text
        phrase = text[a:b]
        if text[b:b + 1] == "、":
            text = text[:a] + text[b + 1:]
        elif a and text[a - 1] == "、":
            text = text[:a - 1] + text[b:]
        else:
            self.fail(f"“{op.old[0]}” is not a member of an enumeration (…、…) to move")
        p.text = text
        (q, c, d), = self._find(el, op.new, False, op.target.label() + "中")
        if q is not p:
            self.fail(f"“{op.new}” is not in the same sentence as “{op.old[0]}”")
        p.text = (p.text[:c] + phrase + "、" + p.text[c:]) if op.before \
            else (p.text[:d] + "、" + phrase + p.text[d:])
        self.touched.add(art)
        rec.changes.append(("move_words", el))

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
