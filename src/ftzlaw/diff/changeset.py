"""The change set: what changed between two versions, article by article — data first.

Every old and every new article appears in exactly one :class:`ArticleChange`, with one of
the statuses ``unchanged``, ``renumbered`` (same text, other number), ``modified`` (text
changed; may also be renumbered), ``added`` or ``deleted``. Inside a modified article the
款 and 项 are aligned (:class:`PartChange`) and each changed text carries character-level
edits (:mod:`ftzlaw.diff.chars`). Report writers (:mod:`ftzlaw.diff.report`) only read this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..akn.view import Article, Document, Division
from . import chars
from .align import align_articles, align_sequence, bigram_dice, longest_increasing

STATUSES = ("unchanged", "renumbered", "modified", "added", "deleted")
PART_THRESHOLD = 0.3  # bigram Dice for two 款 (or 项) to count as one changed provision


@dataclass
class PartChange:
    """One 款 (``kind='paragraph'``) or 项/目 (``kind='point'``) of a modified article.

    ``ops`` diff the part's own words (for a 项 its label too: （五）→（六） is a change of the
    printed text); ``points`` are its 项 aligned in turn; ``wrap_ops`` its closing words.
    """

    kind: str
    status: str                       # unchanged / modified / added / deleted
    old: object | None                # view Paragraph/Point or None
    new: object | None
    similarity: float
    ops: list[chars.Op]
    points: list["PartChange"] = field(default_factory=list)
    wrap_ops: list[chars.Op] = field(default_factory=list)

    @property
    def eId(self) -> str:
        return (self.new or self.old).eId

    def changed(self) -> list["PartChange"]:
        """This part (if changed) and its changed 项, depth first."""
        out = [self] if self.status != "unchanged" else []
        for p in self.points:
            out += p.changed()
        return out

    def edits(self) -> list[dict]:
        """Character edits of this part and its 项, each naming the eId it is in (a new
        eId, or the old one for deleted text); an added or deleted 款/项 is one edit."""
        out: list[dict] = []
        if self.status == "added":
            return [{"type": "insert", "old": "", "new": self.new.full_text, "at": 0,
                     "eId": self.eId, "part": self.kind}]
        if self.status == "deleted":
            return [{"type": "delete", "old": self.old.full_text, "new": "", "at": 0,
                     "eId": self.eId, "part": self.kind}]
        if self.status == "modified":
            out += [dict(e, eId=self.eId, part=self.kind) for e in chars.edits(self.ops)]
            for p in self.points:
                out += p.edits()
            out += [dict(e, eId=self.eId, part=self.kind) for e in chars.edits(self.wrap_ops)]
        elif self.status == "unchanged":
            for p in self.points:
                out += p.edits()
        return out


@dataclass
class ArticleChange:
    status: str
    old: Article | None
    new: Article | None
    similarity: float
    moved: bool = False
    parts: list[PartChange] = field(default_factory=list)  # the 款, aligned
    heading_ops: list[chars.Op] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and \
            not chars.same_text(self.old.num, self.new.num)

    def changed_parts(self) -> list[PartChange]:
        out: list[PartChange] = []
        for p in self.parts:
            out += p.changed()
        return out

    @property
    def edits(self) -> list[dict]:
        """Character-level edits (replace/insert/delete with position and eId)."""
        if self.status != "modified":
            return []
        out = [dict(e, eId=self.new.eId, part="heading") for e in chars.edits(self.heading_ops)]
        for p in self.parts:
            out += p.edits()
        return out


@dataclass
class HeadingChange:
    """A pair of 编/章/节 of the two versions, matched or not: whether its heading or number
    changed, or it was added or deleted (``ops`` redline the heading)."""

    kind: str                  # chapter, section, part …
    status: str                # unchanged / renumbered / modified / added / deleted
    old: Division | None
    new: Division | None
    ops: list[chars.Op]


@dataclass
class ChangeSet:
    old_doc: Document
    new_doc: Document
    articles: list[ArticleChange]     # in the new order; deleted ones where they stood
    # every 编/章/节 pair, unchanged ones too (the 对照表 prints all their headings), in the
    # new order, deleted ones after the new ones
    divisions: list[HeadingChange]
    exact: bool = False

    @property
    def headings(self) -> list[HeadingChange]:
        """The 编/章/节 that changed (renumbered, retitled, added or deleted)."""
        return [h for h in self.divisions if h.status != "unchanged"]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for a in self.articles:
            counts[a.status] += 1
        return counts

    @property
    def moved(self) -> list[ArticleChange]:
        return [a for a in self.articles if a.moved]

    @property
    def changed(self) -> bool:
        return bool(self.headings) or any(a.status != "unchanged" or a.moved
                                          for a in self.articles)


# --- building ----------------------------------------------------------------------------

def article_key(article: Article, exact: bool = False) -> str:
    """The comparison text of an article: heading and 款, normalised, 款 boundaries kept."""
    parts = [chars.comparison_form(p.full_text, exact) for p in article.paragraphs]
    head = chars.comparison_form(article.heading, exact)
    return (head + "¶" if head else "") + "|".join(parts)


def _own_text(part) -> str:
    """A 款's or 项's own line as printed: its label (if any) and its words."""
    return part.num + part.text


def _part_change(kind: str, old, new, exact: bool) -> PartChange:
    if old is None or new is None:
        side = old if new is None else new
        status = "deleted" if new is None else "added"
        op = chars.DELETE if new is None else chars.INSERT
        text = _own_text(side)
        points = [_part_change("point", p if new is None else None,
                               p if old is None else None, exact) for p in side.points]
        wrap = side.wrap_up
        return PartChange(kind, status, old, new, 0.0, [chars.Op(op, text)] if text else [],
                          points, [chars.Op(op, wrap)] if wrap else [])
    ops = chars.char_diff(_own_text(old), _own_text(new), exact)
    wrap_ops = chars.char_diff(old.wrap_up, new.wrap_up, exact)
    points = _align_parts("point", old.points, new.points, exact)
    same = all(o.op == chars.EQUAL for o in ops + wrap_ops) and \
        all(p.status == "unchanged" for p in points)
    sim = 1.0 if same else _similarity([], ops + wrap_ops, exact, points)
    return PartChange(kind, "unchanged" if same else "modified", old, new, sim, ops, points,
                      wrap_ops)


def _align_parts(kind: str, old: list, new: list, exact: bool) -> list[PartChange]:
    old_keys = [chars.comparison_form(p.full_text, exact) for p in old]
    new_keys = [chars.comparison_form(p.full_text, exact) for p in new]
    if old_keys == new_keys or len(old) == len(new) == 1:
        # (one 款 on each side is one provision, whatever its similarity: see
        # align.align_sequence's lone replacements)
        pairs = list(zip(range(len(old)), range(len(new))))
    else:
        pairs = align_sequence(old_keys, new_keys, bigram_dice, PART_THRESHOLD)
    return [_part_change(kind, old[i] if i is not None else None,
                         new[j] if j is not None else None, exact) for i, j in pairs]


def _article_change(old: Article | None, new: Article | None, exact: bool, moved: bool,
                    same: bool) -> ArticleChange:
    if old is None or new is None:
        art = old or new
        parts = _align_parts("paragraph", art.paragraphs if new is None else [],
                             art.paragraphs if old is None else [], exact)
        return ArticleChange("deleted" if new is None else "added", old, new, 0.0, False, parts)
    if same:  # the 款 are identical: nothing inside to align
        status = "renumbered" if not chars.same_text(old.num, new.num) else "unchanged"
        return ArticleChange(status, old, new, 1.0, moved)
    parts = _align_parts("paragraph", old.paragraphs, new.paragraphs, exact)
    heading_ops = chars.char_diff(old.heading, new.heading, exact) \
        if (old.heading or new.heading) else []
    return ArticleChange("modified", old, new, round(_similarity(parts, heading_ops, exact), 4),
                         moved, parts, heading_ops)


def _all_ops(part: PartChange) -> list[list[chars.Op]]:
    out = [part.ops, part.wrap_ops]
    for p in part.points:
        out += _all_ops(p)
    return out


def _similarity(parts: list[PartChange], heading_ops, exact: bool,
                points: list[PartChange] = ()) -> float:
    """1 − edit distance / longer length over the article's aligned 款 and 项 (or one 款's
    own words and its 项): the same measure as :func:`chars.similarity`, from the edits
    already computed."""
    dist = old_len = new_len = 0
    for ops in [heading_ops] + [o for p in list(parts) + list(points) for o in _all_ops(p)]:
        d, a, b = chars.distance(ops, exact)
        dist, old_len, new_len = dist + d, old_len + a, new_len + b
    longer = max(old_len, new_len)
    return max(0.0, 1.0 - dist / longer) if longer else 1.0


def _order(pairs) -> list:
    """New order, each deleted article placed right after its old predecessor's row."""
    new_pos_of_old = {p.old: p.new for p in pairs if p.old is not None and p.new is not None}
    keyed = []
    for p in pairs:
        if p.new is not None:
            keyed.append(((p.new, 0, 0), p))
        else:
            before = -1
            for i in range(p.old - 1, -1, -1):
                if i in new_pos_of_old:
                    before = new_pos_of_old[i]
                    break
            keyed.append(((before, 1, p.old), p))
    keyed.sort(key=lambda t: t[0])
    return [p for _, p in keyed]


def _division_key(d: Division, exact: bool) -> str:
    return d.kind + ":" + chars.comparison_form(d.heading, exact)


def align_divisions(old: Document, new: Document, exact: bool = False
                    ) -> list[tuple[int | None, int | None]]:
    """Pair the 编/章/节 of two versions: by heading first, then by kind and number."""
    olds, news = old.divisions, new.divisions
    pairs: list[tuple[int | None, int | None]] = []
    free_new = {}
    for j, d in enumerate(news):
        free_new.setdefault(_division_key(d, exact), []).append(j)
    used_old, used_new = set(), set()
    for i, d in enumerate(olds):
        js = free_new.get(_division_key(d, exact))
        if js:
            j = js.pop(0)
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    by_num = {}
    for j, d in enumerate(news):
        if j not in used_new:
            by_num.setdefault((d.kind, chars.comparison_form(d.num)), j)
    for i, d in enumerate(olds):
        if i in used_old:
            continue
        j = by_num.pop((d.kind, chars.comparison_form(d.num)), None)
        if j is not None:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    pairs += [(i, None) for i in range(len(olds)) if i not in used_old]
    pairs += [(None, j) for j in range(len(news)) if j not in used_new]
    return pairs


def _heading_change(o: Division | None, n: Division | None, exact: bool) -> HeadingChange:
    if o is None or n is None:
        d = o or n
        op = chars.Op(chars.DELETE if n is None else chars.INSERT, d.heading)
        return HeadingChange(d.kind, "deleted" if n is None else "added", o, n, [op])
    ops = chars.char_diff(o.heading, n.heading, exact)
    if any(op.op != chars.EQUAL for op in ops):
        status = "modified"
    elif not chars.same_text(o.num, n.num, exact):
        status = "renumbered"
    else:
        status = "unchanged"
    return HeadingChange(n.kind, status, o, n, ops)


def division_changes(old: Document, new: Document, exact: bool = False,
                     pairs: list[tuple[int | None, int | None]] | None = None
                     ) -> list[HeadingChange]:
    """Every 编/章/节 pair (see :func:`align_divisions`) with its status, unchanged ones
    included, in the new order; deleted ones last, in the old order."""
    olds, news = old.divisions, new.divisions
    if pairs is None:
        pairs = align_divisions(old, new, exact)
    keyed = sorted(((j if j is not None else len(news) + i), k, i, j)
                   for k, (i, j) in enumerate(pairs))
    return [_heading_change(olds[i] if i is not None else None,
                            news[j] if j is not None else None, exact)
            for _, _, i, j in keyed]


def diff_headings(old: Document, new: Document, exact: bool = False,
                  pairs: list[tuple[int | None, int | None]] | None = None
                  ) -> list[HeadingChange]:
    """Chapter/section (编/章/节) changes: renumbered, retitled, added or deleted."""
    return [h for h in division_changes(old, new, exact, pairs) if h.status != "unchanged"]


def declared_pairs(old: Document, new: Document) -> list[tuple[int, int]] | None:
    """The article identity a later expression of the same work declares, or None.

    ``ftzlaw amend`` gives every article it carries over from the base the base eId as its
    ``wId``; an article without one is new. Returns (old index, new index) pairs —
    complete: whatever is left unpaired was added or deleted — or None when the new
    version declares nothing (any other producer) and content alignment decides.

    Only a base without wIds (an original, or any import) is read this way: along a chain of
    amendments wIds keep the first version's eIds, and content alignment is the safer guide."""
    if not old.work_uri or old.work_uri != new.work_uri or \
            old.expression_uri == new.expression_uri:
        return None
    wids = [a.element.get("wId") for a in new.articles]
    if not any(wids) or any(a.element.get("wId") for a in old.articles):
        return None
    index = {a.eId: i for i, a in enumerate(old.articles)}
    out, seen = [], set()
    for j, wid in enumerate(wids):
        i = index.get(wid or "")
        if i is not None and i not in seen:
            out.append((i, j))
            seen.add(i)
    return out


def diff_documents(old_tree, new_tree, *, exact: bool = False, old_name: str | None = None,
                   new_name: str | None = None) -> ChangeSet:
    """Compare two versions (AKN trees or :class:`~ftzlaw.akn.Document` views).

    ``exact`` counts punctuation form (（）/(), “”/"", ——/--, full/half width) as change;
    whitespace never counts. ``old_name``/``new_name`` stand in for a missing title.
    """
    old = old_tree if isinstance(old_tree, Document) else Document(old_tree, old_name)
    new = new_tree if isinstance(new_tree, Document) else Document(new_tree, new_name)
    old_arts, new_arts = old.articles, new.articles
    old_keys = [article_key(a, exact) for a in old_arts]
    new_keys = [article_key(a, exact) for a in new_arts]
    declared = declared_pairs(old, new)
    pairs = _order(align_articles(old_keys, new_keys, declared or (),
                                  complete=declared is not None))
    changes = [_article_change(old_arts[p.old] if p.old is not None else None,
                               new_arts[p.new] if p.new is not None else None,
                               exact, p.moved, p.exact) for p in pairs]
    return ChangeSet(old, new, changes, division_changes(old, new, exact), exact)


__all__ = ["ArticleChange", "ChangeSet", "HeadingChange", "PartChange", "STATUSES",
           "align_divisions", "article_key", "declared_pairs", "diff_documents", "diff_headings",
           "division_changes", "longest_increasing"]
