"""Ordering and numbering after every instruction: new and moved articles take the
positions they are given (new numbering), the others fill the free ones in base order;
articles (and the 项 of a changed list) are renumbered when the decision says so, eIds
recomputed as the importer computes them, and every element carried over keeps its base
eId as ``wId``."""

from __future__ import annotations

from ..akn.eid import article_eid, division_eid
from ..akn.xml import A, akn
from ..zh.numerals import article_label, int_to_cn
from .decision import Instruction
from .tree import _label_style, _points, reassign_eids


class Numbering:
    """Mixed into the amender (:class:`.apply._Amender`)."""

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
            elif el.getparent() is not None:
                pass     # already placed in its chapter (增加一章, 在第三章末尾增加一条)
            else:
                if not self.renumber:
                    self.ins = ins
                    self.fail("增加一条 without a number (作为第X条), and the decision does not "
                              "renumber")
                anchored.setdefault(op.target.article, []).append((op.anchor, el))

        for key, around in anchored.items():
            if key is None or key not in self.articles:   # never lose a new article
                self.ins = next(ins for el, _, ins, _ in self.new_articles if el is around[0][1])
                self.fail("增加一条: the instruction does not say where the new article goes")
        if self.renumber:
            # Articles without a given position fill the free ones, in base order.
            # In document order: an article moved into another chapter (移至第三章) and the
            # articles of a new chapter are already where they go.
            doc_pos = {el: i for i, el in enumerate(self.doc.body.iter(akn("article")))}
            key_of = {self.articles[k]: k for k in mains}
            units = [self.articles[k] for k in mains]
            units += [el for el, _, _, pos in self.new_articles
                      if pos is None and el.getparent() is not None]
            units.sort(key=lambda el: doc_pos.get(el, -1))
            floating = []
            for unit in units:
                k = key_of.get(unit)
                around = anchored.get(k, []) if k is not None else []
                floating += [el for rel, el in around if rel == "前"]
                if k is None or k not in self.moves:
                    floating.append(unit)
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
        self.into_divisions(final)
        self.number(final)
        if getattr(self, "divisions_changed", False):
            self.renumber_divisions()

    def renumber_divisions(self):
        """After a chapter was deleted or merged: chapters (and the 节 in each chapter) are
        numbered again in order, their eIds as the importer gives them."""
        body = self.doc.body
        chapters = list(body.iter(akn("chapter")))
        qualified = any("__chp_" in (c.get("eId") or "") for c in chapters)
        counters: dict = {}
        for div in body.iter(akn("part"), akn("chapter"), akn("section")):
            kind = div.tag.split("}")[1]
            parent = next((a for a in div.iterancestors(akn("part"), akn("chapter"))
                           if kind == "section" or (kind == "chapter" and qualified)), None)
            key = (kind, parent)
            counters[key] = counters.get(key, 0) + 1
            n = counters[key]
            num = div.find(akn("num"))
            if num is not None:
                word = {"part": "编", "chapter": "章", "section": "节"}[kind]
                num.text = f"第{int_to_cn(n)}{word}"
            prefix = (parent.get("eId") + "__") if parent is not None else ""
            new = division_eid(kind, n, prefix)
            if div.get("eId") != new:
                if div.get("wId") is None and div.get("eId") and div not in self.new_elements:
                    div.set("wId", div.get("eId"))
                div.set("eId", new)

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
        base_index = {el: i for i, el in enumerate(self.doc.body.iter(akn("article")))}
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

    def into_divisions(self, final):
        """An article given a number and a chapter (移作第三章第十二条, 增加一条作为第三章第二十条)
        was placed after the article before it, which may end the chapter before: it then
        opens its chapter. A number that does not fall in the chapter stops the run."""
        order = [el for _, el in final]
        for el, div in self.div_of.items():
            if el.getparent() is None or div in el.iterancestors():
                continue
            i = order.index(el)
            inside = [a for a in div.iter(akn("article"))]
            nxt = order[i + 1] if i + 1 < len(order) else None
            prev = order[i - 1] if i else None
            if inside and nxt is inside[0]:
                self._put_in_division(el, div, "start")
            elif inside and prev is inside[-1]:
                self._put_in_division(el, div, "end")
            else:
                n = final[i][0][0]
                label = div.findtext(akn("num")) or "the chapter"
                self.fail(f"第{int_to_cn(n)}条 does not fall in {label}: its articles are "
                          f"numbered elsewhere")

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
