"""Article alignment across different regulations (works that share no common text).

For every pair of documents each article of one is scored against each article of the other
from several pieces of evidence (see :mod:`ftzlaw.compare.features`):

- ``cos``: cosine of the articles' rarity-weighted bigram+trigram vectors;
- ``local``: the best cosine between one sentence/款/项 of each (a long article often shares
  one provision with a short one: paragraph-level, local evidence);
- ``row_top`` / ``col_top``: whether the pair is the best for the left article / for the
  right article, and ``row_gap`` / ``col_gap``: by how much it beats the runner-up
  (mutual-best and margin constraints, in soft form so one-to-many matches stay possible).

A logistic model turns these into a calibrated score in [0, 1] — an estimate of how far a
person reading both articles would call them counterparts (1 sure, 0.5 a shared minor
provision, 0 unrelated). Its coefficients
(:data:`COEFFICIENTS`) were fitted on the hand-labelled alignment in
``tests/fixtures/alignment`` with :func:`fit`; ``benchmarks/compare_bench.py`` refits it with
each document pair held out in turn to report honest precision and recall.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .features import Encoded, Postings, Weights, _count_elements, sentences

FEATURES = ("cos", "local", "row_top", "col_top", "row_gap", "col_gap")
# Fitted by ``fit`` on the gold alignment (all three document pairs); see the module doc.
# Targets: 1 for a sure counterpart, 0.5 for a possible one, 0 otherwise.
COEFFICIENTS = {"bias": -5.7119, "cos": 39.8072, "local": 0.0183, "row_top": -0.3852,
                "col_top": 0.9612, "row_gap": 5.1579, "col_gap": 2.596}
# The threshold with the best F1 when each document pair is held out in turn (see README).
DEFAULT_MIN_SCORE = 0.25
# Documents of up to this many articles keep their vectors between comparisons; larger ones
# are counted afresh each time (memory stays flat: no vector of 10,000 articles is kept).
KEEP_VECTORS = 2000


@dataclass
class ArticleText:
    """What the aligner needs of an article: identity, place and words."""

    eId: str
    num: str
    heading: str
    text: str
    chapter: str | None = None

    @property
    def label(self) -> str:
        return self.num + (f"【{self.heading}】" if self.heading else "")


@dataclass
class PairScores:
    """All scores between the articles of two documents: ``score[(i, j)]`` and the evidence
    behind it, ``rows[(i, j)]`` (a tuple in :data:`FEATURES` order; ``features`` gives the
    same as dicts)."""

    a: int
    b: int
    rows: dict[tuple[int, int], tuple[float, ...]] = field(default_factory=dict)
    score: dict[tuple[int, int], float] = field(default_factory=dict)

    def feature(self, key: tuple[int, int]) -> dict[str, float]:
        return dict(zip(FEATURES, self.rows[key]))

    @property
    def features(self) -> dict[tuple[int, int], dict[str, float]]:
        return {k: dict(zip(FEATURES, r)) for k, r in self.rows.items()}


@dataclass
class Side:
    """A document's vectors (per article, and per article its sentences') and postings."""

    arts: list[dict[int, float]]
    sents: list[list[dict[int, float]]]
    art_postings: Postings
    sent_postings: Postings
    owner: list[int]


def logistic(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def calibrated(feat: dict[str, float], coef: dict[str, float] | None = None) -> float:
    coef = coef or COEFFICIENTS
    return logistic(coef["bias"] + sum(coef[k] * feat[k] for k in FEATURES))


class Scorer:
    """Article and sentence evidence between the documents of a collection, weighted over
    all of them (rarity is judged against everything being compared).

    Building it reads every article once (integer gram keys, document frequencies). A
    comparison indexes the smaller document (its vectors, cached) and streams the other one
    through that index, so no vector of a large document is ever kept: one article against
    ten thousand needs only the one article's postings. Documents of up to ``keep_vectors``
    articles keep their vectors for further comparisons.
    """

    def __init__(self, documents: list[list[ArticleText]], keep_vectors: int = KEEP_VECTORS):
        self.documents = documents
        self.keep_vectors = keep_vectors
        sents = [[sentences(a.text) for a in doc] for doc in documents]
        self.encoded = enc = Encoded([s for doc in sents for ss in doc for s in ss])
        # Sentences end at punctuation and grams never cross it, so an article's grams are
        # its sentences': an article is the span from its first sentence to its last.
        self._sent_spans: list[list[list[tuple[int, int]]]] = []
        k = 0
        for doc in sents:
            spans = []
            for ss in doc:
                spans.append(enc.spans[k:k + len(ss)])
                k += len(ss)
            self._sent_spans.append(spans)
        self._art_spans = [[(sp[0][0], sp[-1][1]) for sp in doc] for doc in self._sent_spans]
        df: Counter = Counter()
        for doc in self._art_spans:
            for s, e in doc:
                _count_elements(df, enc.key_set(s, e))
        longest = max((e - s for doc in self._art_spans for s, e in doc), default=1)
        self.weights = Weights(df, sum(map(len, documents)), longest)
        self._sides: dict[int, Side] = {}
        self._norms: dict[int, list[tuple[float, list[float]]]] = {}
        self._size = [sum(e - s for s, e in doc) for doc in self._art_spans]

    def _side(self, d: int) -> Side:
        """Document ``d``'s article and sentence vectors with their postings."""
        if d not in self._sides:
            enc, w = self.encoded, self.weights
            arts = [w.vector(enc.count(s, e)) for s, e in self._art_spans[d]]
            sents: list[list[dict]] = []
            vecs, owner = [], []
            for i, spans in enumerate(self._sent_spans[d]):
                own = [arts[i]] if len(spans) == 1 else [w.vector(enc.count(s, e))
                                                         for s, e in spans]
                own = [v for v in own if v]
                sents.append(own)
                vecs += own
                owner += [i] * len(own)
            self._sides[d] = Side(arts, sents, Postings(arts), Postings(vecs), owner)
        return self._sides[d]

    def _hits(self, d: int, side: Side):
        """For each article of document ``d``: its cosines with the articles of ``side``
        and, per sentence of it, the cosines with the sentences of ``side``. A small
        document's vectors are built once and kept; a large one is counted afresh."""
        art_post, sent_post = side.art_postings, side.sent_postings
        if len(self.documents[d]) <= self.keep_vectors:
            other = self._side(d)
            for vec, sents in zip(other.arts, other.sents):
                yield art_post.dot(vec), [sent_post.dot(v) for v in sents]
            return
        # Count sentences only: an article's grams are its sentences', so its norm follows
        # from theirs and its counts on the indexed keys from merging the few shared ones.
        # Norms are kept after the first pass (two floats per article and sentence).
        enc, w = self.encoded, self.weights
        count, norm2, sqrt = enc.count, w.norm2, math.sqrt
        keys = sent_post.keys
        known = self._norms.get(d)
        norms: list[tuple[float, list[float]]] = []
        for j, spans in enumerate(self._sent_spans[d]):
            parts = [count(s, e) for s, e in spans]
            if known:
                art_norm, sent_norms = known[j]
            else:
                norms2 = [norm2(c) for c in parts]
                art_norm, sent_norms = sqrt(w.joined_norm2(parts, norms2)), list(map(sqrt, norms2))
                norms.append((art_norm, sent_norms))
            merged: dict[int, int] = {}
            sent_hits = []
            for c, n in zip(parts, sent_norms):
                common = keys & c.keys()
                if common:
                    sent_hits.append(sent_post.dot_counts(c, w, n, common))
                    for k in common:
                        merged[k] = merged.get(k, 0) + c[k]
            yield (art_post.dot_counts(merged, w, art_norm) if merged else {}), sent_hits
        if not known:
            self._norms[d] = norms

    def raw(self, a: int, b: int) -> tuple[dict, dict]:
        """Article cosines and best sentence cosines between documents ``a`` and ``b``,
        keyed (article of a, article of b)."""
        # Index the smaller document, look the other one up article by article.
        flip = self._size[b] < self._size[a]
        small, large = (b, a) if flip else (a, b)
        side = self._side(small)
        owner = side.owner
        cos: dict[tuple[int, int], float] = {}
        local: dict[tuple[int, int], float] = {}
        for j, (art_hits, sent_hits) in enumerate(self._hits(large, side)):
            for i, v in art_hits.items():
                cos[(j, i) if flip else (i, j)] = v
            best: dict[int, float] = {}
            for hits in sent_hits:
                for si, v in hits.items():
                    i = owner[si]
                    if v > best.get(i, 0.0):
                        best[i] = v
            for i, v in best.items():
                local[(j, i) if flip else (i, j)] = v
        return cos, local

    def pair(self, a: int, b: int, coef: dict[str, float] | None = None) -> PairScores:
        cos, local = self.raw(a, b)
        evidence = {k: max(cos.get(k, 0.0), local.get(k, 0.0)) for k in cos.keys() | local}
        best_row = _top2(evidence, 0)
        best_col = _top2(evidence, 1)
        c = coef or COEFFICIENTS
        bias, c_cos, c_local = c["bias"], c["cos"], c["local"]
        c_rt, c_ct, c_rg, c_cg = c["row_top"], c["col_top"], c["row_gap"], c["col_gap"]
        exp = math.exp
        out = PairScores(a, b)
        rows, score = out.rows, out.score
        for key, e in evidence.items():
            r1, r2 = best_row[key[0]]
            c1, c2 = best_col[key[1]]
            x_cos, x_local = cos.get(key, 0.0), local.get(key, 0.0)
            row_top, col_top = (1.0 if e >= r1 else 0.0), (1.0 if e >= c1 else 0.0)
            row_gap = e - (r2 if e >= r1 else r1)
            col_gap = e - (c2 if e >= c1 else c1)
            rows[key] = (x_cos, x_local, row_top, col_top, row_gap, col_gap)
            # calibrated(), inlined: same terms in the same order
            z = bias + (c_cos * x_cos + c_local * x_local + c_rt * row_top + c_ct * col_top
                        + c_rg * row_gap + c_cg * col_gap)
            score[key] = 0.0 if z < -30 else 1.0 / (1.0 + exp(-z))
        return out


def _top2(evidence: dict[tuple[int, int], float], side: int) -> dict[int, tuple]:
    """Per row (``side`` 0) or column (1): the best and second-best evidence."""
    top: dict[int, list[float]] = {}
    for key, e in evidence.items():
        t = top.get(key[side])
        if t is None:
            top[key[side]] = [e, 0.0]
        elif e > t[0]:
            t[1], t[0] = t[0], e
        elif e > t[1]:
            t[1] = e
    return top


def fit(samples: list[tuple[dict[str, float], float]], l2: float = 0.001,
        iterations: int = 25) -> dict[str, float]:
    """Logistic regression by Newton's method (L2 penalty ``l2`` on all but the bias) on
    (features, target) samples, targets in [0, 1]; returns coefficients for
    :func:`calibrated`."""
    names = ("bias",) + FEATURES
    if not any(y > 0 for _, y in samples) or all(y > 0 for _, y in samples):
        raise ValueError("need both matching and non-matching examples")
    rows = [([1.0] + [f[k] for k in FEATURES], y) for f, y in samples]
    n = len(names)
    w = [0.0] * n
    for _ in range(iterations):
        grad = [l2 * w[k] if k else 0.0 for k in range(n)]
        hess = [[(l2 if (r == c and r) else 0.0) for c in range(n)] for r in range(n)]
        for x, y in rows:
            p = logistic(sum(wk * xk for wk, xk in zip(w, x)))
            g, h = p - y, p * (1.0 - p)
            for r in range(n):
                grad[r] += g * x[r]
                if h:
                    hx = h * x[r]
                    row = hess[r]
                    for c in range(n):
                        row[c] += hx * x[c]
        step = _solve(hess, grad)
        w = [wk - sk for wk, sk in zip(w, step)]
        if max(abs(sk) for sk in step) < 1e-8:
            break
    return {k: round(v, 4) for k, v in zip(names, w)}


def _solve(m: list[list[float]], v: list[float]) -> list[float]:
    """Solve m·x = v by Gaussian elimination with partial pivoting (small systems)."""
    n = len(v)
    a = [row[:] + [v[r]] for r, row in enumerate(m)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[piv] = a[piv], a[col]
        d = a[col][col] or 1e-12
        for r in range(n):
            if r != col and a[r][col]:
                f = a[r][col] / d
                a[r] = [x - f * y for x, y in zip(a[r], a[col])]
    return [a[r][n] / (a[r][r] or 1e-12) for r in range(n)]
