"""The alignment: data first, writers (text, json, csv, html) are separate functions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..akn.view import Document
from .align import CANDIDATES, DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE, ArticleText, Scorer


@dataclass
class Chapter:
    eId: str
    label: str            # 第三章 投资开放与贸易便利
    articles: list[str]   # article eIds


@dataclass
class DocumentInfo:
    name: str             # file name as given
    title: str
    work_uri: str | None
    date: str | None
    articles: list[ArticleText]
    chapters: list[Chapter]

    def article(self, eId: str) -> ArticleText | None:
        """The article with this eId (reports look every row up: a dict built once)."""
        return self._by_eId()[1].get(eId)

    def place(self, eId: str) -> int | None:
        """The article's position among the document's articles (0 first)."""
        return self._by_eId()[2].get(eId)

    def _by_eId(self) -> tuple[int, dict[str, ArticleText], dict[str, int]]:
        built = self.__dict__.get("_by_eId_built")
        if built is None or built[0] != len(self.articles):   # (articles added since)
            index: dict[str, ArticleText] = {}
            place: dict[str, int] = {}
            for k, a in enumerate(self.articles):
                if a.eId not in index:                        # the first of a repeated eId
                    index[a.eId], place[a.eId] = a, k
            built = self.__dict__["_by_eId_built"] = (len(self.articles), index, place)
        return built

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "work_uri": self.work_uri,
                "date": self.date, "articles": len(self.articles),
                "chapters": [{"eId": c.eId, "label": c.label, "articles": len(c.articles)}
                             for c in self.chapters]}


@dataclass
class Match:
    a_eId: str
    b_eId: str
    score: float
    evidence: dict[str, float] = field(default_factory=dict, repr=False)


@dataclass
class PairAlignment:
    """Documents ``a`` and ``b`` (indexes into :attr:`Alignment.documents`): the
    ``matches`` (counterparts), the ``related`` pairs (scored from the related threshold up
    to the match threshold: they may share a minor provision, leads to check — not part of
    the alignment), and the articles with no counterpart on each side (``a_only``,
    ``b_only``; they may have related pairs)."""

    a: int
    b: int
    matches: list[Match]
    a_only: list[str]
    b_only: list[str]
    similarity: float
    scores: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    related: list[Match] = field(default_factory=list)

    @property
    def groups(self) -> list[dict]:
        """Matches that are not one-to-one, as such: each connected set of matched articles
        with more than one article on a side — ``kind`` ``1:n`` (one article of a answers
        several of b), ``n:1`` (several of a answer one of b) or ``n:m`` — in order of a."""
        parent: dict[tuple[str, str], tuple[str, str]] = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for m in self.matches:
            parent[find(("a", m.a_eId))] = find(("b", m.b_eId))
        comps: dict[tuple[str, str], list] = {}
        for m in self.matches:
            comps.setdefault(find(("a", m.a_eId)), []).append(m)
        out = []
        for ms in comps.values():
            a = list(dict.fromkeys(m.a_eId for m in ms))
            b = list(dict.fromkeys(m.b_eId for m in ms))
            if len(a) == 1 and len(b) == 1:
                continue
            kind = "1:n" if len(a) == 1 else "n:1" if len(b) == 1 else "n:m"
            out.append({"kind": kind, "a": a, "b": b,
                        "matches": [(m.a_eId, m.b_eId, round(m.score, 4)) for m in ms]})
        return out

    def as_dict(self, docs: list[DocumentInfo]) -> dict:
        return {"a": docs[self.a].name, "b": docs[self.b].name,
                "similarity": round(self.similarity, 4),
                "matches": [{"a_eId": m.a_eId, "b_eId": m.b_eId, "score": round(m.score, 4)}
                            for m in self.matches],
                "groups": [{"kind": g["kind"], "a": g["a"], "b": g["b"]} for g in self.groups],
                "related": [{"a_eId": m.a_eId, "b_eId": m.b_eId, "score": round(m.score, 4)}
                            for m in self.related],
                "a_only": list(self.a_only), "b_only": list(self.b_only)}


@dataclass
class Alignment:
    documents: list[DocumentInfo]
    pairs: list[PairAlignment]
    min_score: float = DEFAULT_MIN_SCORE
    related_score: float = DEFAULT_RELATED_SCORE

    def pair(self, a: int, b: int) -> PairAlignment:
        for p in self.pairs:
            if (p.a, p.b) == (a, b):
                return p
        raise KeyError((a, b))

    def counterparts(self, doc: int, eId: str) -> dict[int, list[Match]]:
        """For one article, its matches in each other document, best first (may be empty)."""
        out: dict[int, list[Match]] = {}
        for p in self.pairs:
            if p.a == doc:
                out[p.b] = [m for m in p.matches if m.a_eId == eId]
            elif p.b == doc:
                out[p.a] = [Match(m.b_eId, m.a_eId, m.score, m.evidence)
                            for m in p.matches if m.b_eId == eId]
        return out

    def coverage(self, doc: int) -> list[dict]:
        """Per chapter of ``doc``: how many of its articles have a counterpart in each other
        document, and in any of them."""
        matched: dict[int, set[str]] = {}
        for p in self.pairs:
            if p.a == doc:
                matched[p.b] = {m.a_eId for m in p.matches}
            elif p.b == doc:
                matched[p.a] = {m.b_eId for m in p.matches}
        rows = []
        for ch in self.documents[doc].chapters:
            n = len(ch.articles)
            by = {o: sum(1 for e in ch.articles if e in s) for o, s in sorted(matched.items())}
            any_ = sum(1 for e in ch.articles if any(e in s for s in matched.values()))
            rows.append({"chapter": ch.eId, "label": ch.label, "articles": n,
                         "by": by, "any": any_})
        return rows

    def as_dict(self) -> dict:
        return {"min_score": self.min_score, "related_score": self.related_score,
                "documents": [d.as_dict() for d in self.documents],
                "pairs": [p.as_dict(self.documents) for p in self.pairs],
                "coverage": [{"document": d.name, "chapters": [
                    {**row, "by": {self.documents[o].name: v for o, v in row["by"].items()}}
                    for row in self.coverage(k)]} for k, d in enumerate(self.documents)]}


def document_info(tree, name: str) -> DocumentInfo:
    """Read what comparison needs from an AKN tree, through the read view. A document
    collection (an EU proposal: memorandum, bill, financial statement) is compared by the
    component with the most articles — its act or bill. An article without an eId (or with
    one already used) is named by its place: ``article[7]``."""
    doc = Document(tree, name)
    part = doc
    if not doc.articles and doc.components:
        part = max(doc.components, key=lambda c: len(c.articles))
    articles, seen = [], set()
    for k, a in enumerate(part.articles, 1):
        key = a.eId
        if not key or key in seen:      # no eId (AKN4EU writes none) or a repeated one:
            key = f"{part.article_tag}[{k}]"   # its place among the articles
        seen.add(key)
        articles.append(ArticleText(key, a.num, a.heading, a.text, a.division))
    chapters: list[Chapter] = []
    by_div: dict[str | None, list[str]] = {}
    for a in articles:
        by_div.setdefault(a.chapter, []).append(a.eId)
    for div in part.divisions:
        if div.eId in by_div:
            label = " ".join(x for x in (div.num, div.heading) if x)
            chapters.append(Chapter(div.eId, label, by_div.pop(div.eId)))
    if by_div.get(None):  # articles outside any chapter
        chapters.insert(0, Chapter("", "（无章）", by_div.pop(None)))
    return DocumentInfo(name, doc.title, doc.work_uri, doc.expression_date, articles, chapters)


def compare_documents(trees, names: list[str] | None = None, *,
                      min_score: float = DEFAULT_MIN_SCORE,
                      related_score: float = DEFAULT_RELATED_SCORE,
                      coefficients: dict[str, float] | None = None,
                      candidates: int = CANDIDATES, progress=None) -> Alignment:
    """Align the articles of every pair of documents by content.

    ``trees`` are AKN trees (or :class:`DocumentInfo`); a match (counterpart) is a pair of
    articles whose calibrated score is at least ``min_score``, a related pair one scored
    from ``related_score`` up to ``min_score`` (none when ``related_score ≥ min_score``).
    An article may match several articles of the other document (one-to-many) or none.
    Each article is scored exactly against at most ``candidates`` articles of each other
    document (found through an index of rare grams), so the work grows linearly with the
    number of articles. ``progress``, if given, is called with numbers of articles as
    the work advances (every few hundred articles): :func:`progress_total` of the documents
    in all — each pair of documents counts the articles of both.
    """
    trees = list(trees)
    names = names or [f"doc{k + 1}" for k in range(len(trees))]
    docs = [t if isinstance(t, DocumentInfo) else document_info(t, n)
            for t, n in zip(trees, names)]
    scorer = Scorer([d.articles for d in docs], candidates=candidates)
    pairs = []
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            pairs.append(_pair_alignment(scorer, docs, a, b, min_score, related_score,
                                         coefficients, progress))
    return Alignment(docs, pairs, min_score, related_score)


def progress_total(docs) -> int:
    """What :func:`compare_documents` reports to its ``progress`` in all, for documents
    (or article lists) ``docs``: every pair counts the articles of both."""
    sizes = [len(d.articles) if isinstance(d, DocumentInfo) else len(d) for d in docs]
    return (len(sizes) - 1) * sum(sizes) if len(sizes) > 1 else 0


def _pair_alignment(scorer: Scorer, docs, a: int, b: int, min_score: float,
                    related_score: float, coefficients, progress=None) -> PairAlignment:
    ps = scorer.pair(a, b, coefficients, progress)
    A, B = docs[a].articles, docs[b].articles
    score = ps.score

    def listed(keep) -> list[Match]:
        """The pairs kept, in the order of a's articles (then best first, then b's order)."""
        keys = sorted((k for k, s in score.items() if keep(s)),
                      key=lambda k: (k[0], -score[k], k[1]))
        return [Match(A[i].eId, B[j].eId, score[(i, j)], ps.feature((i, j))) for i, j in keys]
    # a pair scored 0 (eclipsed) is never listed, whatever the thresholds
    matches = listed(lambda s: s >= min_score and s > 0.0)
    related = listed(lambda s: related_score <= s < min_score and s > 0.0)
    hit_a = {m.a_eId for m in matches}
    hit_b = {m.b_eId for m in matches}
    # Overall similarity: the mean, over the articles of both sides, of each one's best
    # calibrated score in the other document (an unmatched article counts its best try).
    best_a = [0.0] * len(A)
    best_b = [0.0] * len(B)
    for (i, j), s in ps.score.items():
        best_a[i] = max(best_a[i], s)
        best_b[j] = max(best_b[j], s)
    n = len(A) + len(B)
    similarity = (sum(best_a) + sum(best_b)) / n if n else 0.0
    scores = {(A[i].eId, B[j].eId): s for (i, j), s in ps.score.items()}
    return PairAlignment(a, b, matches,
                         [x.eId for x in A if x.eId not in hit_a],
                         [x.eId for x in B if x.eId not in hit_b],
                         similarity, scores, related)
