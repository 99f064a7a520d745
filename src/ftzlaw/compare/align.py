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

from .features import Index, Weights, grams, sentences

FEATURES = ("cos", "local", "row_top", "col_top", "row_gap", "col_gap")
# Fitted by ``fit`` on the gold alignment (all three document pairs); see the module doc.
# Targets: 1 for a sure counterpart, 0.5 for a possible one, 0 otherwise.
COEFFICIENTS = {"bias": -5.7119, "cos": 39.8072, "local": 0.0183, "row_top": -0.3852,
                "col_top": 0.9612, "row_gap": 5.1579, "col_gap": 2.596}
# The threshold with the best F1 when each document pair is held out in turn (see README).
DEFAULT_MIN_SCORE = 0.25


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
    """All scores between the articles of two documents: ``features[(i, j)]`` and ``score``."""

    a: int
    b: int
    features: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)
    score: dict[tuple[int, int], float] = field(default_factory=dict)


def logistic(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def calibrated(feat: dict[str, float], coef: dict[str, float] | None = None) -> float:
    coef = coef or COEFFICIENTS
    return logistic(coef["bias"] + sum(coef[k] * feat[k] for k in FEATURES))


class Scorer:
    """Vectors for every article and sentence of a set of documents, weighted over all of
    them (rarity is judged against everything being compared)."""

    def __init__(self, documents: list[list[ArticleText]]):
        self.documents = documents
        # Sentences end at punctuation and grams never cross it, so an article's grams are
        # the sum of its sentences': count each text once.
        sent_counts = [[[grams(s) for s in sentences(a.text)] for a in doc] for doc in documents]
        art_counts = [[_total(cs) for cs in doc] for doc in sent_counts]
        self.weights = Weights([c for doc in art_counts for c in doc])
        w = self.weights
        self.art_vec = [[w.vector(c) for c in doc] for doc in art_counts]
        self.sent_vec: list[list[dict]] = []   # per document: sentence vectors
        self.sent_owner: list[list[int]] = []  # per document: sentence → article index
        for doc in sent_counts:
            vecs, owner = [], []
            for i, counts in enumerate(doc):
                for c in counts:
                    v = w.vector(c)
                    if v:
                        vecs.append(v)
                        owner.append(i)
            self.sent_vec.append(vecs)
            self.sent_owner.append(owner)
        self._art_index: dict[int, Index] = {}
        self._sent_index: dict[int, Index] = {}

    def _index(self, cache, vectors, d):
        if d not in cache:
            cache[d] = Index(vectors[d])
        return cache[d]

    def raw(self, a: int, b: int) -> tuple[dict, dict]:
        """Article cosines and best sentence cosines between documents ``a`` and ``b``."""
        art_index = self._index(self._art_index, self.art_vec, b)
        cos = {}
        for i, vec in enumerate(self.art_vec[a]):
            for j, s in art_index.scores(vec).items():
                cos[(i, j)] = s
        sent_index = self._index(self._sent_index, self.sent_vec, b)
        owner_a, owner_b = self.sent_owner[a], self.sent_owner[b]
        local: dict[tuple[int, int], float] = {}
        for si, vec in enumerate(self.sent_vec[a]):
            i = owner_a[si]
            for sj, s in sent_index.scores(vec).items():
                key = (i, owner_b[sj])
                if s > local.get(key, 0.0):
                    local[key] = s
        return cos, local

    def pair(self, a: int, b: int, coef: dict[str, float] | None = None) -> PairScores:
        cos, local = self.raw(a, b)
        keys = set(cos) | set(local)
        evidence = {k: max(cos.get(k, 0.0), local.get(k, 0.0)) for k in keys}
        best_row: dict[int, list[float]] = {}
        best_col: dict[int, list[float]] = {}
        for (i, j), e in evidence.items():
            _push(best_row.setdefault(i, [0.0, 0.0]), e)
            _push(best_col.setdefault(j, [0.0, 0.0]), e)
        out = PairScores(a, b)
        for (i, j), e in evidence.items():
            r1, r2 = best_row[i]
            c1, c2 = best_col[j]
            feat = {
                "cos": cos.get((i, j), 0.0),
                "local": local.get((i, j), 0.0),
                "row_top": 1.0 if e >= r1 else 0.0,
                "col_top": 1.0 if e >= c1 else 0.0,
                "row_gap": e - (r2 if e >= r1 else r1),
                "col_gap": e - (c2 if e >= c1 else c1),
            }
            out.features[(i, j)] = feat
            out.score[(i, j)] = calibrated(feat, coef)
        return out


def _total(counts: list[Counter]) -> Counter:
    out: Counter = Counter()
    for c in counts:
        out.update(c)
    return out


def _push(top2: list[float], value: float) -> None:
    if value > top2[0]:
        top2[1], top2[0] = top2[0], value
    elif value > top2[1]:
        top2[1] = value


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
