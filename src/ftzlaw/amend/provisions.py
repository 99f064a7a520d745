"""Operations on provisions: replace, delete, insert, move, split and merge articles, 款,
项 and 目; chapter headings, the preamble (引言), the title. New text is built by the
importer's own parser and builder, so it comes out exactly as if it had been imported."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..akn.xml import A, akn
from ..textin.build import build_provision
from ..zh import patterns as P
from ..zh.numerals import article_label, cn_to_int, int_to_cn
from .decision import Operation, Quote, Ref
from .tree import _label_style, _paragraphs, _points

if TYPE_CHECKING:
    from .apply import Applied


class ProvisionOps:
    """Mixed into the amender (:class:`.apply._Amender`)."""

    def op_renumber(self, op: Operation, rec: Applied):
        self.renumber = True

    def op_move(self, op: Operation, rec: Applied):
        dst = op.positions[0]
        if op.target.division or dst.division or (dst.article is None and not (
                dst.paragraph or dst.point)):
            self.fail(f"{op.words}: only articles, 款 and 项 are moved by number (将第X条改为第Y条); "
                      f"an article goes into a chapter by 移至第X章, chapters are not renumbered by hand")
        inner = op.target.paragraph or op.target.point
        if inner and (dst.article is None or dst.article == op.target.article) \
                and (dst.point is None) == (op.target.point is None):
            return self._move_within(op, dst, rec)
        if op.target.paragraph and not op.target.point and dst.article \
                and not (dst.paragraph or dst.point):
            return self._paragraph_to_article(op, dst, rec)
        if inner or dst.paragraph or dst.point:
            self.fail("moving a 款 or 项 to another article (改为第X条第Y款), or a 项 into an "
                      "article of its own, is not supported")
        if dst.article[1]:
            self.fail("moving an article to a 之X position is not supported")
        art = self.article(op.target.article)
        if op.target.article in self.moves:
            self.fail(f"{article_label(*op.target.article)} is already moved by "
                      f"{self.moves[op.target.article][1].label}")
        self.moves[op.target.article] = (dst.article[0], self.ins)
        self.renumber = True
        rec.changes.append(("move", art))

    def _paragraph_to_article(self, op: Operation, dst: Ref, rec: Applied):
        """将第五条第二款改为第六条 / 单列为一条，作为第六条: the 款 (its words and 项 as they
        are) becomes an article of its own at the number given; its article keeps the rest."""
        art, el = self.resolve(op.target)
        if len(_paragraphs(art)) == 1:
            self.fail(f"{op.target.label()} is the article's only 款: move the article instead")
        el.getparent().remove(el)
        new = A.article(A.num(article_label(*dst.article)), eId=f"art_{dst.article[0]}")
        new.append(el)
        self.para_articles[el] = new
        self.new_elements.add(new)
        self.new_elements.add(new.find(akn("num")))
        self.touched.add(art)
        self.new_articles.append((new, Operation("insert", Ref(), op.words, unit="条"), self.ins,
                                  Ref(article=dst.article)))
        rec.changes.append(("move", new))

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
        if not wanted and op.anchor and op.unit == "款" and op.target.paragraph:
            # 在第五条第一款后增加一款：“…” — right after (or before) that 款
            _, anchor = self.resolve(op.target)
            at = _paragraphs(art).index(anchor) + 1
            wanted = [at + 1 if op.anchor == "后" else at]
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
        groups = self._article_groups(paras, op.count, "增加") if op.count > 1 else [paras]
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

    # --- articles and chapters: 移至第三章, 增加一章, 增加一条作为第三章第一条 -------------
    def _division_for_articles(self, ref: Ref):
        """The division element articles go into; a chapter split into 节 needs the 节."""
        div = self._division(ref).element
        if any(c.tag in (akn("section"), akn("subsection")) for c in div):
            self.fail(f"{ref.label()} is divided into 节: say which 节 (第X章第Y节)")
        return div

    def _put_in_division(self, el, div, edge: str):
        """Put an article first or last among a division's articles."""
        if el.getparent() is not None:
            el.getparent().remove(el)
        inner = [c for c in div if c.tag not in (akn("num"), akn("heading"), akn("subheading"),
                                                  akn("intro"))]
        if edge == "start" and inner:
            inner[0].addprevious(el)
        elif inner:
            inner[-1].addnext(el)
        else:
            div.append(el)

    def op_move_division(self, op: Operation, rec: Applied):
        """将第十条移至第三章: the article goes last (or first) in that chapter; with a number
        (移作第三章第十二条) it takes that number, which must fall in the chapter."""
        art = self.article(op.target.article)
        if op.target.article in self.moves:
            self.fail(f"{article_label(*op.target.article)} is already moved by "
                      f"{self.moves[op.target.article][1].label}")
        div = self._division_for_articles(op.positions[0])
        if len(op.positions) > 1:
            self.moves[op.target.article] = (op.positions[1].article[0], self.ins)
        else:
            self._put_in_division(art, div, op.edge)
        self.div_of[art] = div
        self.renumber = True
        rec.changes.append(("move", art))

    def op_move_next(self, op: Operation, rec: Applied):
        """将第二条移至第五条之后: the article goes right after (before) the other, into its
        chapter; every article renumbered."""
        art = self.article(op.target.article)
        other = self.article(op.positions[0].article)
        if art is other:
            self.fail(f"{op.target.label()} cannot move next to itself")
        if op.target.article in self.moves:
            self.fail(f"{article_label(*op.target.article)} is already moved by "
                      f"{self.moves[op.target.article][1].label}")
        art.getparent().remove(art)
        (other.addprevious if op.anchor == "前" else other.addnext)(art)
        self.renumber = True
        rec.changes.append(("move", art))

    def op_insert_in_division(self, op: Operation, rec: Applied):
        """增加一条，作为第三章第一条 / 在第三章末尾增加一条: new articles in a chapter."""
        paras = self.text_of_quote(op.quote)
        div = self._division_for_articles(op.positions[0])
        groups = self._article_groups(paras, op.count, "增加") if op.count > 1 else [paras]
        pos = op.positions[1] if len(op.positions) > 1 else None
        if pos is not None and op.count > 1:
            self.fail("增加几条 with one number: give each its number (作为第X条、第Y条)")
        for group in groups if op.edge != "start" else reversed(groups):
            el = self.build_article(group, pos.article if pos else (0, 0))
            if pos is None:
                self._put_in_division(el, div, op.edge)
                self.renumber = True
            self.div_of[el] = div
            self.new_articles.append((el, Operation("insert", Ref(), op.words, unit="条"),
                                      self.ins, pos))
            rec.changes.append(("insert", el))

    def op_insert_division(self, op: Operation, rec: Applied):
        """增加一章，作为第五章：“第五章　… 第X条…” / 在第三章后增加一章: the chapter with its
        articles, built by the importer's parser; chapters and articles numbered again."""
        from ..textin.layout import Block
        from ..textin.structure import parse_structure

        paras = self.text_of_quote(op.quote)
        struct = parse_structure([Block(t, i) for i, t in enumerate(paras, 1)])
        nodes = struct.divisions_and_articles
        if len(nodes) != 1 or nodes[0].kind != "chapter":
            self.fail("the quotation does not read as one chapter (第X章　名称, then its articles)")
        node = nodes[0]
        if any(c.kind != "article" for c in node.children) or not node.children:
            self.fail("the new chapter's quotation must hold its articles (第X条…), without 节")
        chapter = A.chapter(A.num(node.num or "第一章"), eId="chp_new")
        if node.heading:
            chapter.append(A.heading(node.heading))
        articles = [build_provision(c) for c in node.children]
        for el in articles:
            self.mark_new(el)
            chapter.append(el)
            self.new_articles.append((el, Operation("insert", Ref(), op.words, unit="条"),
                                      self.ins, None))
            rec.changes.append(("insert", el))
        self.mark_new(chapter)
        if op.anchor == "作为" and not op.count:
            op.count = node.number      # 增加一章：“第五章　…”: the place its own label gives
            if not op.count:
                self.fail("增加一章 says neither 作为第X章 nor 在第X章后, and the quotation has no 第X章")
            op.target = Ref(division=("chapter", op.count))
        chapters = [d for d in self.doc.divisions if d.kind == "chapter"
                    and d.element not in self.new_elements]
        if op.anchor == "作为" and op.count == len(chapters) + 1 and chapters:
            chapters[-1].element.addnext(chapter)
        else:
            there = self._division(op.target).element
            if op.anchor == "后":
                there.addnext(chapter)
            else:
                there.addprevious(chapter)
        self.renumber = True
        self.divisions_changed = True
        rec.changes.append(("insert", chapter))

    def _division(self, target: Ref):
        """The chapter (节, 编 …) named; a 节 of a named chapter (第二章第一节) inside it."""
        kind, number = target.division
        divisions = self.doc.divisions
        if target.within is not None:
            chapter = self._division(Ref(division=("chapter", target.within)))
            divisions = [d for d in divisions if chapter.element in d.element.iterancestors()]
        for div in divisions:
            if div.element in self.new_elements:
                continue
            m = re.search(rf"第({P.N})", div.num)
            if div.kind == kind and m and cn_to_int(m.group(1)) == number:
                return div
        where = f"第{int_to_cn(target.within)}章" if target.within else ""
        self.fail(f"{where}{target.label()} is not in the base text")

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
        self.divisions_changed = True

    def op_merge_divisions(self, op: Operation, rec: Applied):
        """将第五章、第六章合并为第五章[，章名修改为“…”]: the later chapters' articles join the
        first, which keeps its place (and takes the new name)."""
        first = self._division(op.target)
        for other_ref in op.positions:
            other = self._division(other_ref)
            for child in list(other.element):
                if child.tag in (akn("num"), akn("heading"), akn("subheading")):
                    continue
                first.element.append(child)
            rec.changes.append(("repeal", other.element.get("eId")))
            other.element.getparent().remove(other.element)
        rec.changes.append(("merge", first.element))
        self.divisions_changed = True
        if op.quote is not None:
            self.op_heading(Operation("heading", op.target, op.words, quote=op.quote), rec)

    def op_merge_into(self, op: Operation, rec: Applied):
        """Articles merged with no new text: the first takes the 款 of the others, in order;
        the others go."""
        art = self.article(op.target.article)
        for ref in op.positions:
            if ref.level != "article":
                self.fail("only whole articles can be merged without new text")
            other = self.article(ref.article)
            for para in _paragraphs(other):
                art.append(para)
            self.repealed[ref.article] = self.ins
            self.repealed_eids.append(other.get("eId"))
            rec.changes.append(("repeal", other.get("eId")))
            other.getparent().remove(other)
        self.touched.add(art)
        rec.changes.append(("merge", art))

    def op_unlisted(self, op: Operation, rec: Applied):
        """还对部分条款的文字表述进行调整: edits the decision does not list — not applied,
        reported (the republished text will differ there)."""
        self.warnings.append(f"{self.ins.label}: {op.words}: edits the decision does not list "
                             f"are not applied")

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
        text = "".join(self.text_of_quote(op.quote))
        m = P.DIVISION.match(text)       # the quotation may repeat the label: 第三章　…
        if m:
            text = m.group(3)
        div = self._division(op.target)
        heading = div.element.find(akn("heading"))
        if heading is None:
            heading = A.heading()
            div.element.find(akn("num")).addnext(heading)
        heading.text = text
        for child in list(heading):
            heading.remove(child)
        rec.changes.append(("heading", div.element))

    def _article_groups(self, paras: list[str], count: int, verb: str) -> list[list[str]]:
        """The quoted paragraphs of ``count`` articles, one list each: cut where each begins
        with its 第X条, or one paragraph each; else the quotation is ambiguous."""
        starts = [i for i, t in enumerate(paras) if P.ARTICLE.match(t) and t.startswith("第")]
        if len(starts) == count and starts[0] == 0:
            return [paras[a:b] for a, b in zip(starts, starts[1:] + [len(paras)])]
        if len(paras) == count:
            return [[t] for t in paras]
        self.fail(f"{verb}{int_to_cn(count)}条 but the quotation does not say where each begins")

    def _split_article(self, op: Operation, rec: Applied, art, paras: list[str]):
        """将第十条改为两条：the first keeps the article's place, the others follow it."""
        groups = self._article_groups(paras, op.count, "改为")
        self.op_replace(Operation("replace", op.target, op.words, quote=Quote(groups[0])), rec)
        positions = op.positions[1:] if len(op.positions) == op.count else [None] * (op.count - 1)
        for group, pos in zip(groups[1:], positions):
            el = self.build_article(group, pos.article if pos else (0, 0))
            new_op = Operation("insert", op.target, op.words, unit="条", anchor="后")
            self.new_articles.append((el, new_op, self.ins, pos))
            rec.changes.append(("insert", el))
        self.renumber = True

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
        elif level == "article" and op.unit == "条":
            return self._split_article(op, rec, art, paras)
        else:
            self.fail("only an article, a 款 or a 项 can be split (分为…条/款/项)")
        parent = el.getparent()
        for n in new:
            el.addprevious(n)
            rec.changes.append(("split", n))
        parent.remove(el)
        slots = self.para_slots[art] if level == "paragraph" else self.point_slots[parent]
        slots[slots.index(el)] = new[0]
