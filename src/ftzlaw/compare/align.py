"""Article alignment across different regulations (works that share no common text).

For every pair of documents, each article of the larger one is looked up in an index of the
smaller one: the articles sharing most weight of grams that are rare there are its
candidates (at most :data:`CANDIDATES`), and only candidate pairs are scored, from several
pieces of evidence (see :mod:`ftzlaw.compare.features`) — so time and memory grow with the
number of articles, not with its square:

- ``cos``: cosine of the articles' rarity-weighted 1-, 2- and 3-gram vectors;
- ``local``: the best cosine between one sentence/款/项 of each (a long article often shares
  one provision with a short one: paragraph-level, local evidence);
- ``mutual`` / ``either``: whether the pair is the best for both its articles / for one of
  them, and ``gap_min`` / ``gap_max``: by how much it beats the runner-up, for the article
  where it beats it less / more — mutual-best and margin constraints in soft form, so
  one-to-many matches stay possible, and symmetric: which document comes first does not
  change a score;
- ``order``: whether sure-looking pairs (mutual best) sit just before and just after it,
  as on the diagonal of a sequence alignment (counterparts come in roughly the same order);
- ``chapter``: how many sure-looking pairs already join the two articles' chapters (two
  金融 chapters that share several counterparts make a third likelier);
- ``diag``: closeness to the **monotone alignment** of the two documents — the heaviest
  chain of sure-looking pairs increasing on both sides (sequence alignment with gaps, found
  in n log n), interpolated between its links: where article i's counterpart is expected;
- ``rel``: the pair's evidence over the document pair's own scale (upper quartile of its
  mutual-best cosines): a law and a regulation word one provision less alike than two
  regulations do.

A logistic model turns these into a calibrated score in [0, 1] — an estimate of how far a
person reading both articles would call them counterparts (1 sure, 0.25 a shared minor
provision, 0 unrelated). One rule overrides it: an **eclipsed** pair — each of its articles
has other counterparts at least as strong in evidence and with a cosine at least
1/:data:`ECLIPSE` times its own — scores 0 (two versions of one law: article 48 shares a long
list with article 50, but both have an identical twin). Its coefficients
(:data:`COEFFICIENTS`) were fitted on the hand-labelled alignment in
``tests/fixtures/alignment`` (seven document pairs) with :func:`fit`;
``benchmarks/compare_bench.py`` refits it with each document pair held out in turn to report
honest precision and recall.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from heapq import nlargest, nsmallest
from itertools import repeat
from operator import mul

from .features import Encoded, Weights, _count_elements, sentences

FEATURES = ("cos", "local", "mutual", "either", "gap_min", "gap_max", "order", "chapter",
            "diag", "rel")
# Fitted by ``fit`` on the gold alignment (all labelled document pairs); see the module doc.
# Targets: 1 for a sure counterpart, 0.25 for a possible one, 0 otherwise.
COEFFICIENTS = {"bias": -5.303, "cos": 24.8137, "local": -9.37, "mutual": 0.2341,
                "either": 1.1021, "gap_min": 2.1081, "gap_max": -0.4735, "order": 1.5292,
                "chapter": 1.6068, "diag": 1.426, "rel": 1.84}
# Two tiers, both measured with each labelled document pair held out in turn (docs):
# a *counterpart* (a match) from DEFAULT_MIN_SCORE, the lowest threshold whose held-out
# precision is at least 0.92; a *related* pair (the articles share a real but minor
# provision — the gold's ``possible``) from DEFAULT_RELATED_SCORE up to it, where
# counterparts and related pairs together have their best held-out F1.
DEFAULT_MIN_SCORE = 0.32
DEFAULT_RELATED_SCORE = 0.22
# Documents of up to this many articles keep their candidate postings between comparisons
# (every document keeps its compact vectors: 16 bytes a gram).
KEEP_VECTORS = 2000
# Candidates: each article of the streamed document is scored exactly against at most
# CANDIDATES articles of the indexed one — those sharing the most weight of grams that are
# rare in the indexed document (in at most RARE_IN of its articles, whatever its size: the
# postings stay short, so the lookups cost the same per article in a long document).
CANDIDATES = 6
RARE_IN = 40
PREFIX = 48        # … of which at most this many (the rarest) of each article
TICK = 256         # progress is reported every this many streamed articles
# A pair is "sure" for the order and chapter evidence when it is the best of its row and
# of its column with evidence at least this.
ANCHOR = 0.15
ORDER_REACH = 1
# ``diag`` falls from 1 on the monotone chain to 0 at this share of the other document away.
BAND = 0.3
# A pair is eclipsed (scores 0) when each of its articles has other counterparts at least as
# strong in evidence and with a cosine at least 1 / ECLIPSE times its own.
ECLIPSE = 0.8
TWIN = 0.98        # … or below a near-identical counterpart (parallel provisions, versions)
ECLIPSE_FLOOR = 0.3  # … only by counterparts whose cosine is at least this (clear ones)
# ``rel``: the pair's evidence over the document pair's scale (upper quartile of mutual-best
# cosines; REL_SCALE with fewer than 4 such pairs, never below REL_FLOOR), capped.
REL_SCALE = 0.25
REL_FLOOR = 0.05
REL_CAP = 3.0


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
    """The scores between the candidate pairs of articles of two documents: ``score[(i, j)]``
    and the evidence behind it, ``rows[(i, j)]`` (a tuple in :data:`FEATURES` order;
    ``features`` gives the same as dicts). Pairs that were no candidate score 0."""

    a: int
    b: int
    rows: dict[tuple[int, int], tuple[float, ...]] = field(default_factory=dict)
    score: dict[tuple[int, int], float] = field(default_factory=dict)
    eclipsed: set[tuple[int, int]] = field(default_factory=set)

    def feature(self, key: tuple[int, int]) -> dict[str, float]:
        out = dict(zip(FEATURES, self.rows[key]))
        if key in self.eclipsed:
            out["eclipsed"] = 1.0
        return out

    @property
    def features(self) -> dict[tuple[int, int], dict[str, float]]:
        return {k: self.feature(k) for k in self.rows}


def logistic(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def calibrated(feat: dict[str, float], coef: dict[str, float] | None = None) -> float:
    """The score of a pair from its evidence (:data:`FEATURES`): the logistic model, or 0
    for a pair marked ``eclipsed``."""
    if feat.get("eclipsed"):
        return 0.0
    coef = coef or COEFFICIENTS
    return logistic(coef["bias"] + sum(coef[k] * feat[k] for k in FEATURES))


def _compact(vec: dict[int, float]) -> tuple:
    return array("Q", vec.keys()), array("d", vec.values())


def _dot(keys, weights, vec_get) -> float:
    """Dot product of a compact vector with a dict vector (its ``get``)."""
    return sum(map(mul, weights, map(vec_get, keys, repeat(0.0, len(keys)))))


def _sdot(x: dict[int, float], y: dict[int, float]) -> float:
    """Dot product of two dict vectors over their shared keys only."""
    common = x.keys() & y.keys()
    return sum(map(mul, map(x.__getitem__, common), map(y.__getitem__, common)))


class Scorer:
    """Article and sentence evidence between the documents of a collection, weighted over
    all of them (rarity is judged against everything being compared).

    Building it reads every article once (integer gram keys, document frequencies). A
    comparison indexes the smaller document — compact vectors, and postings of the grams
    rare in it — and streams the other article by article: the articles sharing most rare
    weight with it are its candidates (at most :data:`CANDIDATES`), and only they are
    scored exactly (whole-article cosine, best sentence cosine). Time and memory grow
    linearly with the number of articles; nothing scores all pairs.
    """

    def __init__(self, documents: list[list[ArticleText]], keep_vectors: int = KEEP_VECTORS,
                 candidates: int = CANDIDATES):
        self.documents = documents
        self.keep_vectors = keep_vectors
        self.candidates = candidates
        sents = [[sentences(a.text) for a in doc] for doc in documents]
        counts = [[len(ss) for ss in doc] for doc in sents]
        self.encoded = enc = Encoded([s for doc in sents for ss in doc for s in ss])
        del sents
        # Sentences end at punctuation and grams never cross it, so an article's grams are
        # its sentences': an article is the span from its first sentence to its last.
        self._sent_spans: list[list[list[tuple[int, int]]]] = []
        k = 0
        for doc in counts:
            spans = []
            for n in doc:
                spans.append(enc.spans[k:k + n])
                k += n
            self._sent_spans.append(spans)
        self._art_spans = [[(sp[0][0], sp[-1][1]) for sp in doc] for doc in self._sent_spans]
        df: Counter = Counter()
        for doc in self._art_spans:
            for s, e in doc:
                _count_elements(df, enc.key_set(s, e))
        longest = max((e - s for doc in self._art_spans for s, e in doc), default=1)
        self.weights = Weights(df, sum(map(len, documents)), longest)
        self._sides: dict[int, dict[int, list[int]]] = {}
        self._compact_cache: dict[int, tuple[list, list]] = {}
        self._size = [sum(e - s for s, e in doc) for doc in self._art_spans]

    def _vectors(self, d: int, i: int) -> tuple[dict, list[dict]]:
        """Article ``i`` of document ``d``: its vector and (when it has several) its
        sentences' vectors."""
        enc, w = self.encoded, self.weights
        spans = self._sent_spans[d][i]
        s, e = self._art_spans[d][i]
        art = w.vector(enc.count(s, e))
        if len(spans) == 1:
            return art, []
        return art, [v for v in (w.vector(enc.count(a, b)) for a, b in spans) if v]

    def _compacts(self, d: int) -> tuple[list, list]:
        """Document ``d``'s article vectors and sentence vectors, compact (two arrays each:
        16 bytes a gram), built once and kept."""
        got = self._compact_cache.get(d)
        if got is None:
            arts, sents = [], []
            for i in range(len(self.documents[d])):
                art, ss = self._vectors(d, i)
                arts.append(_compact(art))
                sents.append([_compact(v) for v in ss])
            got = self._compact_cache[d] = (arts, sents)
        return got

    def _side(self, d: int) -> tuple[dict[int, list[int]], dict[int, int]]:
        """Candidate postings of document ``d``: each bigram or trigram rare in it (in at
        most :data:`RARE_IN` of its articles) → the articles holding it, and each such
        gram's count. Kept when the document is small."""
        side = self._sides.get(d)
        if side is not None:
            return side
        arts, _ = self._compacts(d)
        n = len(arts)
        df: Counter = Counter()
        for keys, _w in arts:
            _count_elements(df, keys)
        rare = {k: v for k, v in df.items() if v <= RARE_IN and k >= 1 << 16}
        del df
        postings: dict[int, list[int]] = {}
        for i, (keys, _w) in enumerate(arts):
            for k in rare.keys() & set(keys):
                p = postings.get(k)
                if p is None:
                    postings[k] = [i]
                else:
                    p.append(i)
        side = (postings, rare)
        if n <= self.keep_vectors:
            self._sides[d] = side
        return side

    def raw(self, a: int, b: int, progress=None) -> tuple[dict, dict]:
        """Article cosines and best sentence cosines between documents ``a`` and ``b`` for
        the candidate pairs, keyed (article of a, article of b). ``progress``, if given, is
        called with numbers of articles as they are done: the articles of both documents in
        all (every :data:`TICK` streamed articles, the rest at the end)."""
        flip = self._size[b] < self._size[a]
        small, large = (b, a) if flip else (a, b)
        postings, rare_df = self._side(small)
        arts, side_sents = self._compacts(small)
        mine_cache: dict[int, list[dict]] = {}
        other_arts, other_sents = self._compacts(large)
        top = self.candidates
        cos: dict[tuple[int, int], float] = {}
        local: dict[tuple[int, int], float] = {}
        pkeys = postings.keys()
        ticked = 0
        for j, (keys_j, w_j) in enumerate(other_arts):
            if progress is not None and j and j % TICK == 0:
                progress(TICK)
                ticked += TICK
            vec = dict(zip(keys_j, w_j))
            acc: dict[int, float] = {}
            get = acc.get
            shared = pkeys & vec.keys()
            if len(shared) > PREFIX:     # the rarest grams suffice to find the candidates
                shared = nsmallest(PREFIX, shared, key=rare_df.__getitem__)
            for k in shared:
                x = vec[k]
                for i in postings[k]:
                    acc[i] = get(i, 0.0) + x
            if not acc:
                continue
            best = nlargest(top, acc, key=acc.__getitem__) if len(acc) > top else list(acc)
            vget = vec.get
            theirs = [dict(zip(k, w)) for k, w in other_sents[j]]
            for i in best:
                keys_i, w_i = arts[i]
                c = _dot(keys_i, w_i, vget)
                mine = side_sents[i]
                if theirs or mine:
                    ours = mine_cache.get(i)
                    if ours is None:
                        if len(mine_cache) > 4096:
                            mine_cache.clear()
                        ours = mine_cache[i] = ([dict(zip(k, w)) for k, w in mine]
                                                or [dict(zip(keys_i, w_i))])
                    loc = max(_sdot(x, y) for x in ours for y in (theirs or [vec]))
                else:
                    loc = c
                key = (j, i) if flip else (i, j)
                cos[key] = c
                local[key] = loc
        if progress is not None:
            progress(len(other_arts) - ticked + len(arts))
        return cos, local

    def pair(self, a: int, b: int, coef: dict[str, float] | None = None,
             progress=None) -> PairScores:
        cos, local = self.raw(a, b, progress)
        evidence = {k: max(cos[k], local[k]) for k in cos}
        best_row = _top2(evidence, 0)
        best_col = _top2(evidence, 1)
        cos_row, cos_col = _top2(cos, 0), _top2(cos, 1)
        mutual_best = _mutual_best(evidence, best_row, best_col)
        anchors = {k: e for k, e in mutual_best.items() if e >= ANCHOR}
        order = _order_support(evidence, anchors)
        chapter = _chapter_support(evidence, anchors,
                                   [x.chapter for x in self.documents[a]],
                                   [x.chapter for x in self.documents[b]])
        diag = _diagonal_support(evidence, anchors,
                                 len(self.documents[a]), len(self.documents[b]))
        c = coef or COEFFICIENTS
        bias, c_cos, c_local = c["bias"], c["cos"], c["local"]
        c_mu, c_ei, c_gn, c_gx = c["mutual"], c["either"], c["gap_min"], c["gap_max"]
        c_or, c_ch, c_dg, c_rel = c["order"], c["chapter"], c["diag"], c["rel"]
        scale = _pair_scale(cos, mutual_best)
        exp = math.exp
        out = PairScores(a, b)
        rows, score = out.rows, out.score
        for key, e in evidence.items():
            r1, r2 = best_row[key[0]]
            c1, c2 = best_col[key[1]]
            x_cos, x_local = cos[key], local[key]
            row_top, col_top = (1.0 if e >= r1 else 0.0), (1.0 if e >= c1 else 0.0)
            row_gap = e - (r2 if e >= r1 else r1)
            col_gap = e - (c2 if e >= c1 else c1)
            x_or, x_ch, x_dg = order.get(key, 0.0), chapter.get(key, 0.0), diag[key]
            x_rel = min(REL_CAP, e / scale)
            # the two articles' views, without which is left and which right: the same
            # score whatever the order the documents are given in
            mutual, either = min(row_top, col_top), max(row_top, col_top)
            gap_min, gap_max = min(row_gap, col_gap), max(row_gap, col_gap)
            rows[key] = (x_cos, x_local, mutual, either, gap_min, gap_max, x_or, x_ch, x_dg,
                         x_rel)
            if row_gap <= 0 and col_gap <= 0:
                # eclipsed: both articles have a counterpart at least as strong in evidence
                # and clearly stronger as a whole (cosine)
                q = cos_row[key[0]]
                p = cos_col[key[1]]
                if _outdone(x_cos, q[1] if x_cos >= q[0] else q[0]) and \
                        _outdone(x_cos, p[1] if x_cos >= p[0] else p[0]):
                    out.eclipsed.add(key)
                    score[key] = 0.0
                    continue
            # calibrated(), inlined: same terms in the same order
            z = bias + (c_cos * x_cos + c_local * x_local + c_mu * mutual + c_ei * either
                        + c_gn * gap_min + c_gx * gap_max + c_or * x_or + c_ch * x_ch
                        + c_dg * x_dg + c_rel * x_rel)
            score[key] = 0.0 if z < -30 else 1.0 / (1.0 + exp(-z))
        return out


def _pair_scale(cos, mutual_best) -> float:
    """How alike the two documents' counterparts are worded: the upper quartile of the
    cosines of mutual-best pairs (a national law and a provincial regulation share fewer
    words than two provinces' regulations), :data:`REL_SCALE` when there are too few."""
    mutual = sorted(cos[k] for k in mutual_best)
    if len(mutual) < 4:
        return REL_SCALE
    return max(REL_FLOOR, mutual[(3 * len(mutual)) // 4])


def _outdone(x: float, other: float) -> bool:
    """Whether a cosine ``x`` is clearly below ``other``, another counterpart's, which is a
    real one (≥ :data:`ECLIPSE_FLOOR`): at most :data:`ECLIPSE` times it, or below a
    (near-)identical twin (cosine ≥ :data:`TWIN`)."""
    if other < ECLIPSE_FLOOR:
        return False
    return x <= ECLIPSE * other or (other >= TWIN and x < other - 0.005)


def _mutual_best(evidence, best_row, best_col) -> dict[tuple[int, int], float]:
    """The pairs that are the best of their row and of their column (ties included); those
    with evidence ≥ :data:`ANCHOR` are the sure-looking pairs (anchors) of the order,
    chapter and diag evidence."""
    return {k: e for k, e in evidence.items()
            if e >= best_row[k[0]][0] and e >= best_col[k[1]][0]}


def _order_support(evidence, anchors) -> dict[tuple[int, int], float]:
    """Order evidence: counterparts come in roughly the same order, so a pair whose
    neighbours just before (i−1, j−1) and just after (i+1, j+1) are sure pairs is itself more
    likely (as on the diagonal of a sequence alignment). The mean of the best anchor before
    and the best anchor after, each in [0, 1]; the pair's own evidence is not used."""
    out = {}
    reach = range(1, ORDER_REACH + 1)
    get = anchors.get
    for (i, j) in evidence:
        before = max((get((i - di, j - dj), 0.0) for di in reach for dj in reach), default=0.0)
        after = max((get((i + di, j + dj), 0.0) for di in reach for dj in reach), default=0.0)
        out[(i, j)] = (min(before, 1.0) + min(after, 1.0)) / 2
    return out


def _chapter_support(evidence, anchors, chap_a, chap_b) -> dict:
    """Chapter evidence: how far the two articles' chapters are counterparts — the other
    sure pairs between the same two chapters, over the smaller chapter's size (capped at
    1). Two 金融 chapters that already share several sure pairs make a third likelier."""
    size_a = Counter(chap_a)
    size_b = Counter(chap_b)
    links: Counter = Counter((chap_a[i], chap_b[j]) for i, j in anchors)
    out = {}
    for (i, j) in evidence:
        ca, cb = chap_a[i], chap_b[j]
        n = links[(ca, cb)] - (1 if (i, j) in anchors else 0)
        out[(i, j)] = min(1.0, n / min(size_a[ca], size_b[cb])) if n > 0 else 0.0
    return out


def monotone_chain(anchors: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The heaviest chain of pairs strictly increasing in both ``i`` and ``j`` (weights the
    anchors' evidence): the monotone alignment with gaps. A weighted longest increasing
    subsequence, n log n with a Fenwick tree of prefix maxima over ``j``."""
    if not anchors:
        return []
    cols = sorted({j for _, j in anchors})
    rank = {j: r + 1 for r, j in enumerate(cols)}
    size = len(cols)
    tree = [(0.0, -1)] * (size + 1)          # (best chain weight, its last point)
    pts = sorted(anchors, key=lambda k: (k[0], -k[1]))   # same i: never chained together
    prev = [-1] * len(pts)
    weight = [0.0] * len(pts)
    for x, (i, j) in enumerate(pts):
        r = rank[j] - 1                       # chains ending strictly left of j
        best = (0.0, -1)
        while r > 0:
            if tree[r][0] > best[0]:
                best = tree[r]
            r -= r & -r
        weight[x] = best[0] + anchors[(i, j)]
        prev[x] = best[1]
        r = rank[j]
        while r <= size:
            if weight[x] > tree[r][0]:
                tree[r] = (weight[x], x)
            r += r & -r
    x = max(range(len(pts)), key=weight.__getitem__)
    out = []
    while x >= 0:
        out.append(pts[x])
        x = prev[x]
    return out[::-1]


def _diagonal_support(evidence, anchors, n_a: int, n_b: int) -> dict:
    """Global order evidence: how close a pair lies to the monotone alignment of the two
    documents (:func:`monotone_chain` of the sure-looking pairs, its two ends pinned to the
    documents' first and last articles). Between two links of the chain the expected
    counterpart of article i is interpolated; the feature is 1 on that line and falls to 0
    at :data:`BAND` of the other document away — the mean of both directions (i's expected
    counterpart and j's), so it is the same whichever document comes first. Counterparts
    moved far (a chapter reordered) lose this evidence and keep the local ``order``."""
    chain = monotone_chain(anchors)
    if len(chain) < 2:
        return dict.fromkeys(evidence, 0.0)
    if chain[0][0] > 0 and chain[0][1] > 0:
        chain.insert(0, (0, 0))
    if chain[-1][0] < n_a - 1 and chain[-1][1] < n_b - 1:
        chain.append((n_a - 1, n_b - 1))
    there = _closeness(chain, evidence, n_b)
    back = _closeness([(j, i) for i, j in chain], [(j, i) for i, j in evidence], n_a)
    return {k: (there[k] + back[(k[1], k[0])]) / 2 for k in evidence}


def _closeness(chain, keys, n_other: int) -> dict:
    """For each (i, j): 1 when j is where the chain, interpolated, expects i's counterpart,
    falling to 0 at :data:`BAND` of the other document (``n_other`` articles) away."""
    starts = [i for i, _ in chain]
    width = BAND * max(n_other, 1)
    out = {}
    for (i, j) in keys:
        x = bisect_left(starts, i)
        if x < len(chain) and starts[x] == i:
            expect = chain[x][1]
        elif x == 0:
            expect = chain[0][1]
        elif x == len(chain):
            expect = chain[-1][1]
        else:
            (i0, j0), (i1, j1) = chain[x - 1], chain[x]
            expect = j0 + (j1 - j0) * (i - i0) / (i1 - i0)
        out[(i, j)] = max(0.0, 1.0 - abs(j - expect) / width)
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
