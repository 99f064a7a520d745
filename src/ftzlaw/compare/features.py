"""Content features for comparing articles of different regulations.

Chinese has no spaces, so text is represented by character n-grams (single characters,
bigrams and trigrams: a rare character such as 仲 or 裁 carries meaning where wording differs)
taken inside punctuation-delimited runs, never across a ，or 。. Each gram is weighted by
its rarity across all articles being compared (inverse document frequency) and damped when
it only spells a boilerplate word every FTZ regulation repeats (自贸试验区, 本市, 应当 …), so
that shared rare wording (负面清单, 单一窗口, 反洗钱) decides a match, not shared formulae.

Everything is plain Python over ``dict`` sparse vectors with an inverted index, so one
article against ten thousand stays well under a second.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..diff.chars import _fold

GRAM_SIZES = (1, 2, 3)
# Words every FTZ regulation repeats: a gram found inside one of them says nothing about
# which provision an article is. IDF already lowers them; this makes sure of it even when
# few documents are compared (with two documents IDF can barely tell).
BOILERPLATE = (
    "中国自由贸易试验区", "自由贸易试验区", "自贸试验区", "试验区", "片区", "本市", "本省", "全市", "全省",
    "本条例", "条例", "应当", "可以", "依法", "依照", "按照", "根据", "有关", "相关", "规定",
    "国家", "支持", "鼓励", "推动", "推进", "促进", "建立", "健全", "完善", "加强", "开展",
    "实施", "实行", "建设", "发展", "创新", "探索", "提供", "以及", "或者", "其他", "等方面",
    "人民政府", "有关部门", "市场主体", "企业", "机构", "工作", "服务", "管理", "制度", "机制",
    "措施", "政策", "领域", "业务", "区内", "下列", "设立",
)
BOILERPLATE_WEIGHT = 0.25
COMMON = 0.3
_RUNS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[。；;！？])|\n")
_ITEM = re.compile(r"[（(][一二三四五六七八九十]+[）)]")


def _boilerplate_grams() -> frozenset[str]:
    out = set()
    for word in BOILERPLATE:
        for n in GRAM_SIZES:
            out.update(word[i:i + n] for i in range(len(word) - n + 1))
    return frozenset(out)


_BOILER = _boilerplate_grams()


# Grams come from runs of word characters only, so punctuation form never matters; the diff
# engine's folding still makes full-width letters and digits (２０２２) equal to ASCII ones.
_FOLD = {c: _fold(chr(c)) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                    *range(0xFF41, 0xFF5B))}


def comparison_text(text: str) -> str:
    """Full-width letters and digits folded, item labels （一） turned into a break."""
    return _ITEM.sub("，", text).translate(_FOLD)


def grams(text: str) -> Counter:
    """Characters, bigrams and trigrams of ``text``, never across punctuation."""
    out: Counter = Counter()
    for run in _RUNS.findall(comparison_text(text)):
        for n in GRAM_SIZES:
            if n == 1:
                out.update(run)
            else:
                out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def sentences(text: str) -> list[str]:
    """Sentences (ending in 。；) and 款/项 of an article: the units of local evidence."""
    parts = []
    for piece in _SENTENCE_END.split(_ITEM.sub("\n", text)):
        piece = piece.strip()
        if len(_RUNS.findall(piece)) and len("".join(_RUNS.findall(piece))) >= 4:
            parts.append(piece)
    return parts or [text]


_TF = [0.0] + [1.0 + math.log(tf) for tf in range(1, 64)]  # sublinear tf, precomputed


class Weights:
    """IDF over a collection of texts, with boilerplate grams damped."""

    def __init__(self, counts: list[Counter]):
        df: Counter = Counter()
        for c in counts:
            df.update(c.keys())
        n = max(len(counts), 1)
        self.n = n
        # Grams in more than COMMON of all articles (的, 和, 自贸 …) say nothing and would make
        # every posting list long: they get no weight at all.
        cap = COMMON * n
        self.idf = {g: 0.0 if d > cap and n >= 20 else
                    math.log((n + 1) / (d + 0.5)) * (BOILERPLATE_WEIGHT if g in _BOILER else 1.0)
                    for g, d in df.items()}
        self.default = math.log((n + 1) / 0.5)

    def vector(self, counts: Counter) -> dict[str, float]:
        """Sublinear tf × idf, L2-normalised."""
        idf, default, tfw = self.idf, self.default, _TF
        vec = {g: (tfw[tf] if tf < 64 else 1.0 + math.log(tf)) * idf.get(g, default)
               for g, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {g: v / norm for g, v in vec.items() if v > 0} if norm else {}


class Index:
    """Inverted index over normalised sparse vectors: cosine of a query with all of them."""

    def __init__(self, vectors: list[dict[str, float]]):
        self.size = len(vectors)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vec in enumerate(vectors):
            for g, w in vec.items():
                postings[g].append((i, w))
        self.postings = dict(postings)

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        """Non-zero cosines of ``query`` with each indexed vector, by position."""
        acc: dict[int, float] = defaultdict(float)
        postings = self.postings
        for g, w in query.items():
            plist = postings.get(g)
            if plist:
                for i, v in plist:
                    acc[i] += w * v
        return acc
