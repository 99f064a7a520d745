"""Align the articles of two versions by content, not by number.

Amendments renumber (原第二十一条 → 第二十条), insert and repeal articles, and rewrite some
wholesale, so an article's number says little about which old article it continues.
:func:`align_articles` pairs them in three steps:

1. **Anchors** — articles whose comparison text is identical (unchanged or renumbered).
   The longest run of anchors in the same relative order is the *backbone*; an anchor off
   the backbone was moved.
2. **Content** — the remaining articles are scored by TF-IDF cosine over character bigrams
   (Chinese needs no word segmentation for this; boilerplate such as 自贸试验区 weighs
   almost nothing because every article has it). A pair consistent with the backbone's
   order is accepted from :data:`IN_ORDER` up; a pair that would move an article needs
   :data:`MOVED` — moving is a strong claim.
3. **Rewrites in place** — between two consecutive backbone anchors, exactly one old and
   one new article both left over: the article was rewritten where it stood (将第十九条改为
   第二十条，修改为：“……”), so they are paired whatever their similarity. Where the gap also
   holds content-matched pairs the leftovers stay deleted and added: nothing ties them.

Before all three: when the new version *declares* its articles' identity — ``ftzlaw amend``
keeps the base eId of every renumbered provision as its ``wId`` — those pairs are taken as
given, and with ``complete`` (every article's identity is declared) the rest is not guessed.

Everything else is deleted (old only) or added (new only). The work is linear in the text
size plus the pairs of *leftover* articles that share a rare bigram.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import add

IN_ORDER = 0.15   # cosine needed for a pair that keeps the articles' order
MOVED = 0.5       # cosine needed for a pair that moves an article
CANDIDATES = 16   # old articles scored exactly per leftover new article
POSTINGS_BUDGET = 4000   # postings read per new article to find them (rarest bigrams first)


@dataclass(frozen=True)
class Pair:
    old: int | None      # index into the old articles, or None (added)
    new: int | None      # index into the new articles, or None (deleted)
    exact: bool = False  # identical comparison text
    moved: bool = False  # off the longest in-order run: the article's relative order changed
    score: float = 1.0   # content score that matched it (1.0 exact; 0.0 rewrite in place)


def longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by old index) whose new indexes rise."""
    pairs = sorted(pairs)
    tails: list[int] = []       # tails[k]: new index ending the best run of length k+1
    tail_at: list[int] = []     # position in pairs of that tail
    back: list[int] = [-1] * len(pairs)
    for p, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(p)
        else:
            tails[k] = j
            tail_at[k] = p
        back[p] = tail_at[k - 1] if k else -1
    out: set[tuple[int, int]] = set()
    p = tail_at[-1] if tail_at else -1
    while p >= 0:
        out.add(pairs[p])
        p = back[p]
    return out


def _bigrams(text: str) -> Counter:
    return Counter(map(add, text, text[1:])) if len(text) > 1 else Counter(text)


def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the character-bigram multisets: a fast similarity in [0, 1] for
    aligning 款 and 项 (diff-match-patch is slow exactly where texts differ most)."""
    if a == b:
        return 1.0
    ca, cb = _bigrams(a), _bigrams(b)
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 0.0


class _Backbone:
    """In-order pairs, sorted by old index, for order-consistency checks."""

    def __init__(self, pairs):
        self.pairs = sorted(pairs)
        self.olds = [i for i, _ in self.pairs]

    def fits(self, i: int, j: int) -> bool:
        k = bisect.bisect_left(self.olds, i)
        lo = self.pairs[k - 1][1] if k > 0 else -1
        hi = self.pairs[k][1] if k < len(self.pairs) else math.inf
        return lo < j < hi

    def add(self, i: int, j: int) -> None:
        k = bisect.bisect_left(self.olds, i)
        self.olds.insert(k, i)
        self.pairs.insert(k, (i, j))


def _content_scores(old_keys, new_keys, old_left, new_left) -> list[tuple[float, int, int]]:
    """Cosine of TF-IDF bigram vectors between each leftover new article and its
    :data:`CANDIDATES` most promising leftover old articles (found through their rarest shared
    bigrams): linear in the number of articles, not all pairs."""
    grams_old = {i: _bigrams(old_keys[i]) for i in old_left}
    grams_new = {j: _bigrams(new_keys[j]) for j in new_left}
    # Document frequency over *all* articles of both versions: what is common is boilerplate.
    df: Counter = Counter()
    for keys in (old_keys, new_keys):
        for k in keys:
            df.update(set(map(add, k, k[1:])) if len(k) > 1 else {k})
    total = len(old_keys) + len(new_keys)

    def vector(counts: Counter) -> dict[str, float]:
        v = {g: (1 + math.log(t)) * math.log(total / df[g]) for g, t in counts.items()
             if df[g] < total}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {g: x / norm for g, x in v.items() if x > 0}

    vec_old = {i: vector(c) for i, c in grams_old.items()}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, v in vec_old.items():
        for g, x in v.items():
            postings[g].append((i, x))
    scores: list[tuple[float, int, int]] = []
    for j, counts in grams_new.items():
        v = vector(counts)
        # Candidates from the article's rarest bigrams, within a budget of postings read, so
        # that a text whose bigrams are all common costs a bounded amount per article (never
        # all pairs); the CANDIDATES best by that partial score are then scored exactly.
        acc: dict[int, float] = defaultdict(float)
        budget = POSTINGS_BUDGET
        for g in sorted(v, key=lambda g: len(postings.get(g, ()))):
            plist = postings.get(g, ())
            if budget <= 0 or (len(plist) > budget and acc):
                break
            plist = plist[:budget]
            budget -= len(plist)
            y = v[g]
            for i, x in plist:
                acc[i] += x * y
        if len(acc) > CANDIDATES:
            acc = dict(sorted(acc.items(), key=lambda t: (-t[1], t[0]))[:CANDIDATES])
        for i in acc:
            vi = vec_old[i]
            score = sum(y * vi.get(g, 0.0) for g, y in v.items())
            if score >= IN_ORDER:
                scores.append((score, i, j))
    # Highest first; ties broken by position so the result is deterministic.
    scores.sort(key=lambda t: (-t[0], t[1], t[2]))
    return scores


def align_articles(old_keys: list[str], new_keys: list[str],
                   declared: list[tuple[int, int]] = (), complete: bool = False) -> list[Pair]:
    """Pair articles given their comparison texts (see module doc) and any pairs the new
    version declares (old index, new index); with ``complete`` only those. Every old and
    every new index appears in exactly one :class:`Pair`; the list is in no particular order."""
    declared = list(declared)
    if complete:
        return _finish(old_keys, new_keys, {i: (j, 1.0) for i, j in declared})
    taken_old = {i for i, _ in declared}
    taken_new = {j for _, j in declared}
    # 1. anchors: identical texts, paired in order when a text occurs more than once
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, k in enumerate(new_keys):
        if j not in taken_new:
            by_text[k].append(j)
    for k in by_text:
        by_text[k].reverse()
    exact: list[tuple[int, int]] = list(declared)
    for i, k in enumerate(old_keys):
        if i not in taken_old and by_text.get(k):
            exact.append((i, by_text[k].pop()))
    backbone_exact = longest_increasing(exact)
    backbone = _Backbone(backbone_exact)
    old_to_new = dict(exact)
    new_matched = set(old_to_new.values())
    matched: dict[int, tuple[int, float]] = {i: (j, 1.0) for i, j in exact}

    # 2. content
    old_left = [i for i in range(len(old_keys)) if i not in old_to_new]
    new_left = [j for j in range(len(new_keys)) if j not in new_matched]
    if old_left and new_left and not _lone_rewrite(backbone_exact, old_left, new_left,
                                                   len(old_keys), len(new_keys)):
        for score, i, j in _content_scores(old_keys, new_keys, old_left, new_left):
            if i in matched or j in new_matched:
                continue
            if backbone.fits(i, j):
                backbone.add(i, j)
            elif score < MOVED:
                continue
            matched[i] = (j, score)
            new_matched.add(j)

    # 3. rewrites in place: a 1:1 gap between consecutive exact backbone anchors
    fences = sorted(backbone_exact)
    fences = [(-1, -1)] + fences + [(len(old_keys), len(new_keys))]
    for (i0, j0), (i1, j1) in zip(fences, fences[1:]):
        if i1 - i0 == 2 and j1 - j0 == 2:
            i, j = i0 + 1, j0 + 1
            if i not in matched and j not in new_matched:
                matched[i] = (j, 0.0)
                new_matched.add(j)

    return _finish(old_keys, new_keys, matched)


def _lone_rewrite(backbone_exact, old_left, new_left, n_old: int, n_new: int) -> bool:
    """One article left over on each side, alone between the same two consecutive anchors:
    step 3 pairs it whatever its score, so scoring it (bigram vectors of two possibly huge
    texts) would change nothing."""
    if len(old_left) != 1 or len(new_left) != 1:
        return False
    i, j = old_left[0], new_left[0]
    fences = [(-1, -1)] + sorted(backbone_exact) + [(n_old, n_new)]
    k = bisect.bisect_left(fences, (i, -1))
    (i0, j0), (i1, j1) = fences[k - 1], fences[k]
    return i1 - i0 == 2 and j1 - j0 == 2 and j0 < j < j1


def _finish(old_keys, new_keys, matched: dict[int, tuple[int, float]]) -> list[Pair]:
    """Pairs from the matching (old → (new, score)); the unmatched are deleted or added."""
    new_matched = {j for j, _ in matched.values()}
    in_order = longest_increasing([(i, j) for i, (j, _) in matched.items()])
    pairs = [Pair(i, j, exact=old_keys[i] == new_keys[j], moved=(i, j) not in in_order,
                  score=s) for i, (j, s) in matched.items()]
    pairs += [Pair(i, None) for i in range(len(old_keys)) if i not in matched]
    pairs += [Pair(None, j) for j in range(len(new_keys)) if j not in new_matched]
    return pairs


def align_sequence(old: list[str], new: list[str], similar, threshold: float = 0.3
                   ) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment of short sequences (the 款 of an article, the 项 of a 款):
    maximise the summed similarity of matched items, pairing only items at least
    ``threshold`` similar. Returns (old index | None, new index | None) in order."""
    n, m = len(old), len(new)
    sim = [[similar(a, b) for b in new] for a in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            cand = max(best[a + 1][b], best[a][b + 1])
            if sim[a][b] >= threshold:
                # a tiny bonus per match prefers pairing equal-score alternatives
                cand = max(cand, best[a + 1][b + 1] + sim[a][b] + 1e-6)
            best[a][b] = cand
    out: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        if sim[a][b] >= threshold and best[a][b] == best[a + 1][b + 1] + sim[a][b] + 1e-6:
            out.append((a, b))
            a += 1
            b += 1
        elif best[a][b] == best[a + 1][b]:
            out.append((a, None))
            a += 1
        else:
            out.append((None, b))
            b += 1
    out += [(k, None) for k in range(a, n)] + [(None, k) for k in range(b, m)]
    return _pair_lone_replacements(out)


def _pair_lone_replacements(out: list[tuple[int | None, int | None]]
                            ) -> list[tuple[int | None, int | None]]:
    """Between two matches (or an end), one unmatched old item and one unmatched new item
    are the same provision rewritten in place (第六项修改为：……): pair them."""
    result: list[tuple[int | None, int | None]] = []
    k = 0
    while k < len(out):
        if out[k][0] is not None and out[k][1] is not None:
            result.append(out[k])
            k += 1
            continue
        run_end = k
        while run_end < len(out) and (out[run_end][0] is None or out[run_end][1] is None):
            run_end += 1
        run = out[k:run_end]
        olds = [i for i, _ in run if i is not None]
        news = [j for _, j in run if j is not None]
        result += [(olds[0], news[0])] if len(olds) == len(news) == 1 else run
        k = run_end
    return result
