"""Querying the corpus index: the articles most like a given text.

1. **Evidence**: bigrams and trigrams of word characters; those holding a digit are left
   out (:func:`evidence`: dates and figures say nothing about what a provision provides),
   except in a phrase typed as such.
2. **Candidates** (index, not a scan): the query's trigrams that occur in the corpus are
   looked up in ``grams`` (document frequency); the rarest ones (at most :data:`TERMS`, each
   in at most :data:`RARE` of the articles) are OR-ed into one FTS5 MATCH, ranked by bm25;
   the best :data:`POOL` rows are the candidates. An article query adds the best
   :data:`KIN_POOL` articles of each text of its own kind (:meth:`Searcher.kin_texts`),
   each found by a MATCH restricted to that text's rowid range.
3. **Exact score** of each candidate: the rarity-weighted overlap of gram sets (IDF
   weights, Ochiai: shared weight over the geometric mean of both weights), taken for the
   whole articles and for each 款 against the other article (so that a short provision found
   as one 款 of a long article still scores), the best of these. A short query (under
   :data:`SHORT` characters: a phrase) is scored by the share of its weight found and the
   share of it found in one run (1 when the phrase occurs as written). An article query's
   hits are weighed by context: the kind of regulation, the place in the text, and whether
   another article of the query's own text matches the hit better (:data:`RIVALS`).
4. **One result per work**: its latest version carrying the provision, the other versions
   listed (:func:`_by_work`).
5. **Shared passages**: the runs of at least :data:`PASSAGE` characters the query and a hit
   have in common (``difflib`` with ``autojunk=False``, character by character).

A query costs a few dozen posting lists, at most :data:`KIN_TEXTS` restricted MATCHes and a
few hundred small texts, whatever the corpus size.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field

from ..errors import FtzlawError
from ..zh.dates import is_dated
from .index import Index

TERMS = 96        # at most this many trigrams go into the MATCH
RARE = 0.01       # … each in at most this share of the articles (else the rarest few)
POOL = 100        # candidates scored exactly
SHORT = 20         # a query shorter than this (word characters) is a phrase
PASSAGE = 4        # shortest shared run marked
LOCAL = 0.9        # a match of one 款 counts this much of a whole-article match
PER_TEXT = 3       # at most this many hits from one text (None: no limit)
VERSION_SHARE = 0.8   # a later version "carries" a hit when it scores this share of the best
# An article query (the query's own regulation known):
CONTEXT = 1.5      # a hit's score × (1 + CONTEXT × title similarity) …
ORDER = 0.6        # … × (1 + ORDER × title similarity × closeness of place in the text)
ORDER_SPAN = 0.2   # places (0 first article, 1 last) further apart than this get no boost
KIN = 0.75         # texts whose title is this like the query's are kin …
KIN_NEAR = 0.4     # (when none is: the nearest kind, titles at least this alike) …
KIN_TEXTS = 20     # … at most this many of them (the most alike, then the latest) …
KIN_POOL = 6       # … each adds its best this many articles to the candidates, by the
KIN_TERMS = 48     # … rarest this many trigrams of the query among those …
KIN_RARE = 0.1     # … in at most this share of all articles
RIVALS = 0.5       # a hit matched better by another article of the query's text scores
RIVALS_TOP = 30    # … × (own / best)^RIVALS — judged for the best this many hits
_WORD = re.compile(r"\w")
_RUN = re.compile(r"\w{3,}")
_RUN2 = re.compile(r"\w{2,}")

PLACE_NAMES = {"cn": "全国"}


def place_name(code: str | None) -> str:
    if not code:
        return ""
    if code in PLACE_NAMES:
        return PLACE_NAMES[code]
    from ..akn.frbr import PLACES

    names = {"cn-" + v: k for k, v in PLACES.items()}
    return names.get(code, code)


@dataclass
class Hit:
    """One article found: where it is, how like the query it is, what they share."""

    score: float
    path: str
    title: str
    date: str | None
    place: str | None
    work_uri: str | None
    eId: str
    num: str
    heading: str
    chapter: str
    text: str
    shared: list[tuple[int, int]] = field(default_factory=list)   # spans of ``text``
    rowid: int = 0
    text_id: int = 0
    # the same provision in the work's other versions: Hit, latest first
    versions: list["Hit"] = field(default_factory=list)

    @property
    def place_name(self) -> str:
        return place_name(self.place)

    def as_dict(self) -> dict:
        return {"score": round(self.score, 4), "title": self.title, "date": self.date,
                "place": self.place, "place_name": self.place_name, "work_uri": self.work_uri,
                "path": self.path, "eId": self.eId, "num": self.num, "heading": self.heading,
                "chapter": self.chapter, "text": self.text,
                "shared": [self.text[s:e] for s, e in self.shared],
                "shared_spans": [list(x) for x in self.shared],
                "versions": [v.version_dict() for v in self.versions]}

    def version_dict(self) -> dict:
        return {"date": self.date, "path": self.path, "eId": self.eId, "num": self.num,
                "score": round(self.score, 4)}

    def marked(self) -> list[tuple[bool, str]]:
        """The text cut into (shared?, piece) runs."""
        out, at = [], 0
        for s, e in self.shared:
            if s > at:
                out.append((False, self.text[at:s]))
            out.append((True, self.text[s:e]))
            at = e
        if at < len(self.text):
            out.append((False, self.text[at:]))
        return out


@dataclass
class Query:
    text: str
    source: str = ""               # "FILE#art_5" for an article query
    exclude_sha: str | None = None  # the query's own text (same file contents) …
    exclude_expression: tuple[str, str] | None = None   # … or (work URI, date) left out
    title: str = ""                 # the query's own regulation (an article query) …
    position: float | None = None   # … and where the article stands in it (0 first, 1 last)
    siblings: tuple[str, ...] = ()  # … and the texts of its other articles


def trigrams(text: str) -> set[str]:
    """Trigrams of word characters only (no punctuation, no space), lower case — the FTS5
    trigram tokens that say something."""
    out: set[str] = set()
    for run in _RUN.findall(text.lower()):
        out.update(run[i:i + 3] for i in range(len(run) - 2))
    return out


def bigrams(text: str) -> set[str]:
    """Bigrams of word characters only, lower case."""
    out: set[str] = set()
    for run in _RUN2.findall(text.lower()):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def grams(text: str) -> set[str]:
    """What the exact score compares: bigrams and trigrams of word characters."""
    return trigrams(text) | bigrams(text)


_DIGIT = re.compile(r"\d")


def evidence(gs: set[str], numbers: bool = False) -> set[str]:
    """The grams that count as evidence: without ``numbers``, those holding no digit (a
    date or a figure says nothing about what a provision provides). A set of digits only
    is kept as it is."""
    if numbers:
        return gs
    return {g for g in gs if not _DIGIT.search(g)} or gs


def _df(db: sqlite3.Connection, terms) -> dict[str, int]:
    terms = list(terms)
    out: dict[str, int] = {}
    for k in range(0, len(terms), 900):
        chunk = terms[k:k + 900]
        out.update(db.execute(f"SELECT term, df FROM grams WHERE term IN "
                              f"({','.join('?' * len(chunk))})", chunk))
    return out


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class Searcher:
    """Queries over one open :class:`Index` (document frequencies are cached across
    queries)."""

    def __init__(self, index: Index):
        self.index = index
        self.db = index.db
        self.n = max(index.article_count, 1)
        self._df: dict[str, int] = {}
        self._idf: dict[str, float] = {}
        self._titles: list[tuple] | None = None
        self._kin: dict[str, list[tuple[int, int, int]]] = {}
        self._sib: dict[tuple[str, bool], tuple[set[str], float]] = {}

    def idf(self, df: int) -> float:
        return math.log((self.n + 1) / (df + 0.5))

    def df(self, terms) -> dict[str, int]:
        self._lookup(terms)
        return {t: self._df[t] for t in terms}

    def _lookup(self, terms) -> None:
        missing = [t for t in terms if t not in self._df]
        if missing:
            found = _df(self.db, missing)
            for t in missing:
                d = self._df[t] = found.get(t, 0)
                self._idf[t] = self.idf(d)

    def candidates(self, q: set[str], pool: int = POOL) -> list[int]:
        dfs = {t: d for t, d in self.df(q).items() if d}
        if not dfs:
            return []
        ranked = sorted(dfs, key=lambda t: (dfs[t], t))
        rare = [t for t in ranked if dfs[t] <= max(RARE * self.n, 20)][:TERMS] or ranked[:8]
        match = " OR ".join(map(_quote, rare))
        return [r for (r,) in self.db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, pool))]

    def kin_texts(self, title: str) -> list[tuple[int, int, int]]:
        """The indexed texts of the same kind as a regulation titled ``title`` (title
        similarity at least :data:`KIN` — or, when no text is, of the nearest kind, at
        least :data:`KIN_NEAR`: a national law's kin are the regulations on its subject; the
        most alike, then the latest, at most :data:`KIN_TEXTS`; one of several copies of one
        version), each as (text id, first article id, last article id) — a text's articles
        have consecutive ids. Cached per title."""
        if title in self._kin:
            return self._kin[title]
        if self._titles is None:
            self._titles = self.db.execute(
                "SELECT id, title, work_uri, date FROM texts").fetchall()
        cores: dict[str, float] = {}
        found = []
        kin = False
        for tid, t, work, date in self._titles:
            sim = cores.get(t)
            if sim is None:
                sim = cores[t] = title_similarity(title, t)
            if sim >= KIN_NEAR:
                found.append((-sim, _neg_date(date), tid, work or str(tid)))
                kin = kin or (sim >= KIN and t != title)   # versions of itself are no kind
        found.sort()
        if kin:
            found = [f for f in found if -f[0] >= KIN]
        seen: set[tuple] = set()
        ids = []
        for _, nd, tid, work in found:
            if (work, nd) not in seen:
                seen.add((work, nd))
                ids.append(tid)
        ids = ids[:KIN_TEXTS]
        out = []
        for tid in ids:
            lo, hi = self.db.execute("SELECT min(id), max(id) FROM articles WHERE text_id = ?",
                                     (tid,)).fetchone()
            if lo is not None:
                out.append((tid, lo, hi))
        self._kin[title] = out
        return out

    def kin_candidates(self, q: set[str], title: str, own: set[int],
                       per_text: int = KIN_POOL) -> list[int]:
        """An article query's candidates from the texts of its own kind: the corpus-wide
        pool ranks a counterpart worded differently below hundreds of articles that share a
        rare word by chance; within each kin text FTS5 ranks the query's trigrams (rarest
        first, at most :data:`TERMS`, common ones too) over that text's rowid range only.
        Bounded by :data:`KIN_TEXTS` × :data:`KIN_POOL`, whatever the corpus size."""
        kin = [k for k in self.kin_texts(title) if k[0] not in own]
        if not kin:
            return []
        dfs = {t: d for t, d in self.df(q).items() if d}
        ranked = sorted(dfs, key=lambda t: (dfs[t], t))
        ranked = [t for t in ranked if dfs[t] <= KIN_RARE * self.n][:KIN_TERMS] or ranked[:8]
        if not ranked:
            return []
        match = " OR ".join(map(_quote, ranked))
        out: list[int] = []
        for _, lo, hi in kin:
            out += [r for (r,) in self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? "
                "AND ? ORDER BY rank LIMIT ?", (match, lo, hi, per_text))]
        return out

    def own_texts(self, query: Query) -> set[int]:
        """The ids of the query's own text (same contents, or same work and date)."""
        if not (query.exclude_sha or query.exclude_expression):
            return set()
        return {i for (i,) in self.db.execute(
            "SELECT id FROM texts WHERE sha256 = ? OR (work_uri = ? AND date = ?)",
            (query.exclude_sha, *(query.exclude_expression or (None, None))))}

    def _phrase_rows(self, text: str, pool: int) -> list[int]:
        """Queries too short for trigrams: a substring scan."""
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r for (r,) in self.db.execute(
            "SELECT id FROM articles WHERE body LIKE ? ESCAPE '\\' LIMIT ?", (like, pool))]

    def search(self, query: Query | str, top: int = 20, pool: int = POOL,
               min_score: float = 0.0, per_text: int | None = PER_TEXT,
               versions: bool = True) -> list[Hit]:
        """The ``top`` articles most like the query. ``versions``: one result per work
        (its latest version that carries the provision; the other versions' articles in
        ``Hit.versions``); else every version is a result of its own. ``per_text``: at most
        this many results from one text (version)."""
        if isinstance(query, str):
            query = Query(query)
        text = query.text.strip()
        words = sum(1 for c in text if _WORD.match(c))
        if not words:
            raise FtzlawError("the query has no words to search for")
        short = words < SHORT
        # Dates and numbers are no evidence of a like provision (本条例自2022年5月1日起施行
        # would find every law in force that day): grams with digits are left out of the
        # candidates and the score, except in a phrase typed as such.
        numbers = short and not (query.title or query.source)
        q = evidence(trigrams(text), numbers)
        own = self.own_texts(query)
        rows = self.candidates(q, pool) if q else self._phrase_rows(text, pool)
        if query.title and q:
            rows = list(dict.fromkeys(rows + self.kin_candidates(q, query.title, own)))
        if not rows:
            return []
        hits = self._score(text, evidence(grams(text), numbers), rows, query, short, own,
                           numbers)
        hits = [h for h in hits if h.score >= min_score]
        # ties: dated texts before undated copies of them (the copy kept is the dated one)
        hits.sort(key=lambda h: (-h.score, h.date if is_dated(h.date) else "9999", h.path,
                                 h.rowid))
        hits = (_by_work(hits, per_text) if versions else _distinct(hits, per_text))[:top]
        for h in hits:
            h.shared = shared_passages(text, h.text)
        return hits

    def _score(self, text: str, q: set[str], rows: list[int], query: Query,
               short: bool, own: set[int], numbers: bool = True) -> list[Hit]:
        marks = ",".join("?" * len(rows))
        recs = self.db.execute(
            f"SELECT a.id, a.eId, a.num, a.heading, a.chapter, a.body, t.path, t.title, t.date, "
            f"t.place, t.work_uri, t.id, a.seq, t.articles FROM articles a JOIN texts t ON t.id = a.text_id "
            f"WHERE a.id IN ({marks})", rows).fetchall()
        if own:
            recs = [r for r in recs if r[11] not in own]
        parts_of = {r[0]: [g for g in (evidence(grams(p), numbers) for p in r[5].split("\n"))
                           if g] for r in recs}
        whole = {k: set().union(*v) for k, v in parts_of.items()}
        union = set(q)
        for g in whole.values():
            union |= g
        self._lookup(union)
        get = self._idf.__getitem__
        weight = lambda s: sum(map(get, s))  # noqa: E731
        q_parts = [evidence(grams(p), numbers) for p in text.split("\n") if p.strip()]
        q_parts = [p for p in q_parts if p] if len(q_parts) > 1 else []
        wq = weight(q) or 1.0
        out = []
        raw: dict[int, float] = {}
        for r in recs:
            c = whole[r[0]]
            if short:   # a phrase: its rare grams found, and how much of it in one run
                score = 0.5 * (weight(q & c) / wq if q else 1.0) + 0.5 * _run_share(text, r[5])
            else:
                score = _ochiai(q, c, weight, wq)
                parts = parts_of[r[0]]
                if len(parts) > 1:
                    for p in parts:
                        score = max(score, LOCAL * _ochiai(q, p, weight, wq))
                for qp in q_parts:
                    score = max(score, LOCAL * _ochiai(qp, c, weight))
            base = score
            if query.title:
                kin = title_similarity(query.title, r[7])
                score *= 1.0 + CONTEXT * kin
                if query.position is not None and r[13] > 1:
                    gap = abs(query.position - r[12] / (r[13] - 1))
                    score *= 1.0 + ORDER * kin * max(0.0, 1.0 - gap / ORDER_SPAN)
            hit = Hit(score, r[6], r[7], r[8], r[9], r[10], r[1], r[2] or "", r[3] or "",
                      r[4] or "", r[5], rowid=r[0], text_id=r[11])
            out.append(hit)
            raw[id(hit)] = base
        if query.siblings and not short:
            self._rivals(out, raw, whole, query, numbers)
        return out

    def _rivals(self, hits: list[Hit], raw: dict[int, float], grams_of: dict[int, set[str]],
                query: Query, numbers: bool) -> None:
        """Counterparts pair off (what ``ftzlaw compare`` does for two whole texts): a hit
        that another article of the query's own text matches better is more likely that
        article's counterpart than this one's. For the best :data:`RIVALS_TOP` hits, the
        best whole-article score of the query's other articles against the hit (``rival``)
        lowers the hit's score × (own / rival)^:data:`RIVALS` when it is higher than the
        query's own (``own``, before the context boosts). Costs ~:data:`RIVALS_TOP` × the
        query text's articles set intersections."""
        sibs = [self._sibling(t, numbers) for t in query.siblings]
        get = self._idf.__getitem__
        for h in sorted(hits, key=lambda h: -h.score)[:RIVALS_TOP]:
            c = grams_of[h.rowid]
            own = raw[id(h)]
            wc = sum(map(get, c)) or 1.0
            rival = max((sum(map(get, g & c)) / math.sqrt(w * wc) for g, w in sibs if w),
                        default=0.0)
            if rival > own > 0:
                h.score *= (own / rival) ** RIVALS

    def _sibling(self, text: str, numbers: bool) -> tuple[set[str], float]:
        key = (text, numbers)
        got = self._sib.get(key)
        if got is None:
            g = evidence(grams(text), numbers)
            self._lookup(g)
            got = self._sib[key] = (g, sum(map(self._idf.__getitem__, g)))
        return got


_PLACE_PART = None


def _title_core(title: str) -> str:
    """A title without its place: 中国（北京）自由贸易试验区条例 → 自由贸易试验区条例."""
    global _PLACE_PART
    if _PLACE_PART is None:
        from ..akn.frbr import PLACES

        names = "|".join(sorted(PLACES, key=len, reverse=True))
        _PLACE_PART = re.compile(rf"中国[（(](?:{names})[)）]|中华人民共和国|(?:{names})(?:省|市|自治区)?")
    return _PLACE_PART.sub("", title)


def title_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two titles without their places: how
    far two regulations are of one kind (自由贸易试验区条例 ↔ 自由贸易试验区条例: 1)."""
    a, b = _title_core(a), _title_core(b)
    x = {a[i:i + 2] for i in range(len(a) - 1)}
    y = {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _distinct(hits: list[Hit], per_text: int | None = None) -> list[Hit]:
    """One hit per wording of a work (versions of one work that carry the article word for
    word are one result: the first, best scored), and at most ``per_text`` hits from one
    text, so that the first results span many regulations."""
    seen: set[tuple] = set()
    count: dict[str, int] = {}
    out = []
    for h in hits:
        key = (h.work_uri or h.path, h.text)
        if key in seen:
            continue
        seen.add(key)
        if per_text:
            text_key = f"{h.work_uri}@{h.date}" if h.work_uri else h.path
            n = count.get(text_key, 0)
            if n >= per_text:
                continue
            count[text_key] = n + 1
        out.append(h)
    return out


def _neg_date(date: str | None) -> str:
    """A sort key putting later dates first (no date last)."""
    return "".join(chr(0x10000 - ord(c)) for c in (date or ""))


SAME_PROVISION = 0.6   # two versions' articles this alike (bigram overlap) are one provision


def _by_work(hits: list[Hit], per_text: int | None = None) -> list[Hit]:
    """One result per work (a regulation; copies and versions of it are one): of its
    versions, the latest that carries the provision — one of its hits scores at least
    :data:`VERSION_SHARE` of the work's best hit or is the same provision as that hit
    (:func:`same_provision`) — gives the results (at most ``per_text``, identical wordings
    once); each hit of the other versions (or other copies) that is the same provision as a
    shown result is listed in that result's ``versions``. ``hits`` come best first."""
    works: dict[str, list[Hit]] = {}
    for h in hits:
        works.setdefault(h.work_uri or h.path, []).append(h)
    out: list[Hit] = []
    for group in works.values():
        best = group[0]
        date = max(h.date or "" for h in group
                   if h.score >= VERSION_SHARE * best.score or same_provision(h, best))
        shown = _distinct([h for h in group if (h.date or "") == date], per_text)
        for h in group:
            if (h.date or "") == date:
                continue     # a shown result, a copy of one, or below the per-text limit
            if not is_dated(h.date) and any(h.text == x.text for x in shown):
                continue     # an undated copy of a shown result: no version of its own
            target = next((x for x in shown if same_provision(h, x)), None)
            if target is not None and all((v.date, v.text) != (h.date, h.text)
                                          for v in target.versions):
                target.versions.append(h)
        for x in shown:
            x.versions.sort(key=lambda v: (_neg_date(v.date), -v.score))
        out += shown
    out.sort(key=lambda h: (-h.score, h.date or "", h.path, h.rowid))
    return out


def same_provision(a: Hit, b: Hit) -> bool:
    """Two articles (of two versions of one work) are one provision when they share a 款:
    at least :data:`SAME_PROVISION` of the bigrams of one of its paragraphs (of six bigrams or
    more) occur in one of the other's (an article amended by adding, dropping or moving a 款 stays itself)."""
    if a.text == b.text:
        return True
    pa = [g for g in map(bigrams, a.text.split("\n")) if len(g) >= 6]
    pb = [g for g in map(bigrams, b.text.split("\n")) if len(g) >= 6]
    return any(len(x & y) >= SAME_PROVISION * min(len(x), len(y)) for x in pa for y in pb)


def _run_share(phrase: str, text: str) -> float:
    """The longest run of ``phrase`` found in ``text``, as a share of the phrase."""
    from difflib import SequenceMatcher

    if phrase in text:
        return 1.0
    m = SequenceMatcher(None, phrase, text, autojunk=False).find_longest_match(
        0, len(phrase), 0, len(text))
    return m.size / len(phrase) if phrase else 0.0


def _ochiai(a: set[str], b: set[str], weight, wa: float | None = None) -> float:
    shared = weight(a & b)
    if not shared:
        return 0.0
    return shared / math.sqrt((wa if wa is not None else weight(a)) * weight(b))


def shared_passages(query: str, text: str, least: int = PASSAGE) -> list[tuple[int, int]]:
    """Spans of ``text`` that also occur in ``query`` as runs of at least ``least``
    characters (of which at least three are word characters)."""
    from difflib import SequenceMatcher

    sm = SequenceMatcher(None, query, text, autojunk=False)
    spans = []
    for _, j, size in sm.get_matching_blocks():
        if size >= least and sum(1 for ch in text[j:j + size] if _WORD.match(ch)) >= 3:
            spans.append((j, j + size))
    return spans


def article_query(spec: str, index: Index | None = None, **import_options) -> Query:
    """``FILE#eId`` (a file of any input kind, or an indexed path) → the article's text as a
    query; the file's own text is excluded from the results."""
    import hashlib

    from ..akn.view import Document
    from ..files import read_bytes
    from ..load import load_tree
    from ..textin import is_provisional

    if "#" not in spec:
        raise FtzlawError(f"--article takes FILE#eId (e.g. beijing.xml#art_5), got {spec!r}")
    path, eId = spec.rsplit("#", 1)
    tree, name = load_tree(path, **import_options)
    doc = Document(tree, name)
    art = next((a for a in doc.articles if a.eId == eId), None)
    if art is None:
        raise FtzlawError(f"no article {eId!r} (ids look like art_5)", source=path)
    sha = None if path == "-" or "@" in path else hashlib.sha256(read_bytes(path)).hexdigest()
    expr = None
    if doc.work_uri and not is_provisional(doc.work_uri) and doc.expression_date:
        expr = (doc.work_uri, doc.expression_date)
    k = [a.eId for a in doc.articles].index(eId)
    return Query(art.text, source=spec, exclude_sha=sha, exclude_expression=expr,
                 title=doc.title, position=k / max(len(doc.articles) - 1, 1),
                 siblings=tuple(a.text for j, a in enumerate(doc.articles) if j != k))


def search(index_path, query: Query | str, top: int = 20, **kw) -> list[Hit]:
    """One-shot: open the index, search, close."""
    index = Index.open(index_path)
    try:
        return Searcher(index).search(query, top=top, **kw)
    finally:
        index.close()
