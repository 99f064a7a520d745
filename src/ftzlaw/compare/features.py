"""Content features for comparing articles of different regulations.

Chinese has no spaces, so text is represented by character n-grams (single characters,
bigrams and trigrams: a rare character such as 仲 or 裁 carries meaning where wording differs)
taken inside punctuation-delimited runs, never across a ，or 。. Each gram is weighted by
its rarity across all articles being compared (inverse document frequency) and damped when
it only spells a boilerplate word every FTZ regulation repeats (自贸试验区, 本市, 应当 …), so
that shared rare wording (负面清单, 单一窗口, 反洗钱) decides a match, not shared formulae.

:func:`grams` is the definition. For speed and memory the aligner never builds those
strings: :class:`Encoded` turns the whole collection into one string and reads every
position's unigram, bigram and trigram as one *integer key* (the UTF-16 code units of the
gram packed into an int, so a key is the gram, interned), and counts any article or sentence
with C-level counting over a slice. Grams that would cross a punctuation run or a sentence
boundary contain a gap code unit and get no weight. Plain Python, no numpy.

Texts in an alphabetic script (English, Italian, Spanish, Greek … — the foreign AKN
documents) are read as **words**, not letters: when letters of those scripts make up most of
the word characters being compared (:func:`alphabetic`), each word, lower-cased, becomes one
token and the grams are 1, 2 and 3 words (``grams(text, words=True)``). Letter trigrams
(``ion``, ``the``) join unrelated English articles at cosines of 0.2–0.3; words do not.
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from collections import Counter, _count_elements, defaultdict  # the C counter behind Counter.update
from itertools import chain, compress
from operator import mul

from ..zh.fold import WIDTH_FOLD

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


# Grams come from runs of word characters only, so punctuation form never matters; the diff
# engine's folding still makes full-width letters and digits (２０２２) equal to ASCII ones.


_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def comparison_text(text: str) -> str:
    """Full-width letters and digits folded, item labels （一） turned into a break."""
    text = _ITEM.sub("，", text)
    return text.translate(WIDTH_FOLD) if _FULL_WIDTH.search(text) else text


# A word of an alphabetic script: letters (word characters, not digits) of the Latin,
# Greek, Cyrillic, Armenian and Glagolitic blocks (with their extensions).
_ALPHABETS = ("A-Za-z\u00aa-\u02af\u0370-\u058f\u1c80-\u1c8f\u1e00-\u1fff"
              "\u2c00-\u2c7f\ua640-\ua69f\ua720-\ua7ff\uab30-\uab6f")
_WORD = re.compile(f"(?:(?=[{_ALPHABETS}])[^\\W\\d_])+")
_TOKEN = re.compile(_WORD.pattern + r"|\w")            # a word, or one other character
_WORD_RUN = re.compile(r"\w+(?:[^\S\n]+\w+)*")        # words and the spaces between them
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Words are read as words when their letters make up more than this share of the word
# characters compared (Chinese texts quoting WTO or QFLP stay characters).
WORD_SHARE = 0.5


def alphabetic(text: str) -> bool:
    """Whether ``text`` is written mostly in an alphabetic script (see :data:`WORD_SHARE`)."""
    total = sum(map(len, _RUNS.findall(text)))
    return total > 0 and sum(map(len, _WORD.findall(text))) > WORD_SHARE * total


def word_count(text: str) -> int:
    """The words of an alphabetic script in ``text``."""
    return len(_WORD.findall(text))


def grams(text: str, words: bool = False) -> Counter:
    """Characters, bigrams and trigrams of ``text``, never across punctuation — or, with
    ``words``, 1-, 2- and 3-grams of tokens (a lower-cased word, or one other character),
    space-joined (the definition; :class:`Encoded` computes the same counts as integer
    keys)."""
    out: Counter = Counter()
    text = comparison_text(text)
    if not words:
        for run in _RUNS.findall(text):
            for n in GRAM_SIZES:
                out.update(run[i:i + n] for i in range(len(run) - n + 1))
        return out
    for run in _WORD_RUN.findall(_PRIVATE_USE.sub(GAP, text)):    # private use: a break
        toks = [t.lower() if len(t) > 1 or _WORD.match(t) else t for t in _TOKEN.findall(run)]
        for n in GRAM_SIZES:
            out.update(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    return out


def sentences(text: str) -> list[str]:
    """Sentences (ending in 。；) and 款/项 of an article: the units of local evidence."""
    parts = []
    for piece in _SENTENCE_END.split(_ITEM.sub("\n", text)):
        piece = piece.strip()
        if sum(map(len, _RUNS.findall(piece))) >= 4:
            parts.append(piece)
    return parts or [text]


# --- integer gram keys --------------------------------------------------------------------
SENTENCE_GAP = "\x01"   # between two sentences of the joined collection (found, then a gap)
GAP = "\uffff"          # stands for every run of punctuation or space (a noncharacter)
_NON_WORD = re.compile(r"[^\w\x01]+")
# reading words (codes in the BMP's private use): spaces between two tokens go, and a
# non-word run is any run of neither word characters nor codes
_NON_WORD_TOKENS = re.compile(r"[^\w\x01\ue000-\uf8ff]+")
_BETWEEN_TOKENS = re.compile(r"(?<=[\w\ue000-\uf8ff])[^\S\n\x01]+(?=[\w\ue000-\uf8ff])")
_PRIVATE = 0x1900       # code units in the BMP's private use area, U+E000–U+F8FF
# Code units that can stand for words, after the private use area: CJK extension A, CJK
# unified ideographs, Hangul syllables (word characters all).
_WORD_CODE_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3))
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_TAG = {2: 2, 3: 3}      # size tag in byte 6 of a bigram or trigram record


def _record(gram: str) -> bytes:
    """The bytes :class:`Encoded` lays out for a gram of 1–3 BMP characters."""
    b = gram.encode("utf-16-le")
    if len(gram) == 1:
        return b
    lo, hi = b[0::2], b[1::2]
    return (lo + hi).ljust(6, b"\0") + bytes([_TAG[len(gram)], 0])


def gram_key(gram: str) -> int:
    """The integer key :class:`Encoded` gives a gram of 1–3 (BMP) characters."""
    return int.from_bytes(_record(gram), sys.byteorder)


def gram_text(key: int) -> str:
    """The gram a key stands for (inverse of :func:`gram_key`; astral characters come
    back as the private-use stand-in of their :class:`Encoded`)."""
    if key < 1 << 16:
        return key.to_bytes(2, sys.byteorder).decode("utf-16-le")
    r = key.to_bytes(8, sys.byteorder)
    size = r[6]
    return bytes(x for pair in zip(r[:size], r[size:2 * size]) for x in pair).decode("utf-16-le")


def is_gap_key(key: int) -> bool:
    """Whether the gram crosses punctuation or a sentence boundary (then it weighs 0)."""
    if key < 1 << 16:
        return key == 0xFFFF
    if 0xFF not in key.to_bytes(8, sys.byteorder):   # fast path: no 0xFF byte, no gap
        return False
    return GAP in gram_text(key)


def _free_codes(present: set[str], first: int) -> list[str]:
    """Code units free to stand for words: private use from ``0xE000 + first``, then the
    :data:`_WORD_CODE_RANGES`, less the characters ``present`` and those of the boilerplate
    words (whose grams are damped)."""
    taken = present | {c for w in BOILERPLATE for c in w}
    out = [chr(c) for c in range(0xE000 + first, 0xE000 + _PRIVATE)]
    for lo, hi in _WORD_CODE_RANGES:
        out += [c for c in map(chr, range(lo, hi + 1)) if c not in taken]
    return out


class Encoded:
    """Sentences of a whole collection as integer gram keys.

    The sentences are joined (gap between them), folded as :func:`comparison_text` does,
    and every punctuation run becomes one gap character. Then the UTF-16 bytes are laid out
    with strided copies into one record per position: its character (2 bytes), its bigram
    and its trigram (8 bytes each: the low bytes of the characters, then their high bytes,
    then a size tag). Reading the records as integers gives every position's three keys at
    C speed, and the low bits of a key mix all its characters, so dicts and sets of keys
    hash well. Characters outside the BMP (rare: CJK extension B) are first mapped to
    private-use characters, which cannot otherwise occur (they are not word characters).

    Text in an alphabetic script (``words``; by default when :func:`alphabetic`) is read as
    words: each distinct lower-cased word becomes one code unit the text does not otherwise
    use (private use, then CJK and Hangul: about 45,000), spaces between words vanish and
    punctuation stays a gap — so the same records hold word 1-, 2- and 3-grams.
    :meth:`gram` spells a key out.
    """

    def __init__(self, sents: list[str], words: bool | None = None):
        joined = SENTENCE_GAP.join(sents)
        if joined.count(SENTENCE_GAP) != max(len(sents) - 1, 0):
            joined = SENTENCE_GAP.join(s.replace(SENTENCE_GAP, "\n") for s in sents)
        text = comparison_text(joined)
        self.words = alphabetic(text) if words is None else words
        self._word_of: dict[str, str] = {}
        astral = sorted(set(_ASTRAL.findall(text)))
        if len(astral) > _PRIVATE:
            raise ValueError("too many distinct characters outside the BMP")
        free = _free_codes(set(text), len(astral)) if self.words else []
        self.words = bool(free)         # (no code left for words: read as characters)
        if self.words:
            text = self._word_codes(text, free)
        else:
            text = _NON_WORD.sub(GAP, text)
        if astral:
            text = text.translate({ord(c): 0xE000 + k for k, c in enumerate(astral)})
        starts = [0] + [m.end() for m in re.finditer(SENTENCE_GAP, text)]
        ends = [s - 1 for s in starts[1:]] + [len(text)]
        self.spans = list(zip(starts, ends))          # sentence k = text[start:end]
        text = text.replace(SENTENCE_GAP, GAP) + GAP * 2   # two more: every record exists
        n = len(text)
        b = text.encode("utf-16-le")
        lo, hi = b[0::2], b[1::2]
        bi = bytearray(8 * (n - 1))
        bi[0::8], bi[1::8], bi[2::8], bi[3::8] = lo[:-1], lo[1:], hi[:-1], hi[1:]
        bi[6::8] = bytes([_TAG[2]]) * (n - 1)
        tri = bytearray(8 * (n - 2))
        tri[0::8], tri[1::8], tri[2::8] = lo[:-2], lo[1:-1], lo[2:]
        tri[3::8], tri[4::8], tri[5::8] = hi[:-2], hi[1:-1], hi[2:]
        tri[6::8] = bytes([_TAG[3]]) * (n - 2)
        self._uni = memoryview(b).cast("H")
        self._bi = memoryview(bi).cast("Q")
        self._tri = memoryview(tri).cast("Q")

    def _word_codes(self, text: str, free: list[str]) -> str:
        """``text`` with every word one code unit, the spaces between tokens gone and every
        other non-word run a gap. A word's code is one of the ``free`` code units the text
        does not use (:func:`_free_codes`: about 45,000); beyond them, words share codes
        chosen by hash."""
        room = len(free)
        codes: dict[str, str] = {}
        word_of = self._word_of

        def code(m) -> str:
            w = m.group().lower()
            c = codes.get(w)
            if c is None:
                k = len(codes)
                if k >= room:                       # every free code is taken: share one
                    k = zlib.crc32(w.encode("utf-8")) % room
                c = codes[w] = free[k]
                word_of.setdefault(c, w)
            return c

        text = _WORD.sub(code, _PRIVATE_USE.sub(GAP, text))
        return _NON_WORD_TOKENS.sub(GAP, _BETWEEN_TOKENS.sub("", text))

    def gram(self, key: int) -> str:
        """The gram a key stands for, as :func:`grams` spells it (words space-joined)."""
        g = gram_text(key)
        return " ".join(self._word_of.get(c, c) for c in g) if self.words else g

    def _keys(self, start: int, end: int):
        # (never a negative end: a one-character span at 0 would slice nearly everything)
        return chain(self._uni[start:end], self._bi[start:max(start, end - 1)],
                     self._tri[start:max(start, end - 2)])

    def count(self, start: int, end: int) -> dict[int, int]:
        """Gram key → count over positions ``start:end`` (gap grams included: weight 0)."""
        out: dict[int, int] = {}
        _count_elements(out, self._keys(start, end))
        return out

    def key_set(self, start: int, end: int) -> set[int]:
        return set(self._keys(start, end))


def boilerplate_keys() -> frozenset[int]:
    out = set()
    for word in BOILERPLATE:
        for n in GRAM_SIZES:
            out.update(gram_key(word[i:i + n]) for i in range(len(word) - n + 1))
    return frozenset(out)


_BOILER = boilerplate_keys()


class Weights:
    """IDF over the articles of a collection (``df``: key → number of articles holding it,
    ``n`` articles), boilerplate grams damped, gap grams and grams in more than
    :data:`COMMON` of the articles (的, 和, 自贸 …) weightless; sublinear tf."""

    def __init__(self, df: Counter, n: int, longest: int = 1):
        n = max(n, 1)
        self.n = n
        cap = COMMON * n
        # Grams in more than COMMON of all articles say nothing and would make every posting
        # list long: they get no weight at all. IDF depends only on df: one log per value.
        top = max(df.values(), default=0)
        table = [0.0 if d > cap and n >= 20 else math.log((n + 1) / (d + 0.5))
                 for d in range(top + 1)]
        idf = dict(zip(df, map(table.__getitem__, df.values())))
        for k in _BOILER.intersection(idf):
            idf[k] *= BOILERPLATE_WEIGHT
        for k in [k for k in idf if is_gap_key(k)]:
            idf[k] = 0.0
        self.idf = idf
        self.idf2 = dict(zip(idf, map(mul, idf.values(), idf.values())))
        self.live = frozenset(k for k, v in idf.items() if v)
        self.tf = [0.0] + [1.0 + math.log(tf) for tf in range(1, longest + 1)]
        self.tf2 = list(map(mul, self.tf, self.tf))

    def raw(self, counts: dict[int, int]) -> list[float]:
        """Sublinear tf × idf of each key of ``counts``, in its order."""
        return list(map(mul, map(self.tf.__getitem__, counts.values()),
                        map(self.idf.__getitem__, counts)))

    def norm(self, counts: dict[int, int]) -> float:
        v = self.raw(counts)
        return math.sqrt(sum(map(mul, v, v)))

    def norm2(self, counts: dict[int, int]) -> float:
        """Squared L2 norm of the tf × idf vector of ``counts`` (nothing built)."""
        return sum(map(mul, map(self.tf2.__getitem__, counts.values()),
                       map(self.idf2.__getitem__, counts)))

    def joined_norm2(self, parts: list[dict[int, int]], norms2: list[float]) -> float:
        """Squared norm of the sum of ``parts`` (the sentences of an article) from their
        own squared norms: only keys found in more than one part need merging."""
        total = sum(norms2)
        if len(parts) < 2:
            return total
        shared: set[int] = set()
        for x in range(len(parts) - 1):
            keys = parts[x].keys()
            for y in range(x + 1, len(parts)):
                shared |= keys & parts[y].keys()
        shared &= self.live
        idf2, tf2 = self.idf2, self.tf2
        for k in shared:
            tfs = [p[k] for p in parts if k in p]
            total += (tf2[sum(tfs)] - sum(map(tf2.__getitem__, tfs))) * idf2[k]
        return total

    def vector(self, counts: dict[int, int]) -> dict[int, float]:
        """L2-normalised tf × idf, weightless keys left out."""
        v = self.raw(counts)
        norm = math.sqrt(sum(map(mul, v, v)))
        return {k: x / norm for k, x in zip(counts, v) if x > 0} if norm else {}


# Up to this many indexed vectors, scores accumulate in a list (faster than a dict).
DENSE = 4096


class Postings:
    """Inverted index over some normalised vectors — key → ((position, weight), …): the
    small side of a comparison. The other side is looked up vector by vector (:meth:`dot`)
    or, when it is large, streamed from its counts (:meth:`dot_counts`). Tuples of numbers
    only: the garbage collector stops tracking them after its first look."""

    def __init__(self, vectors: list[dict[int, float]]):
        postings: dict[int, list[tuple[int, float]]] = {}
        for i, vec in enumerate(vectors):
            for k, w in vec.items():
                plist = postings.get(k)
                if plist is None:
                    postings[k] = [(i, w)]
                else:
                    plist.append((i, w))
        self.postings = {k: tuple(v) for k, v in postings.items()}
        self.size = len(vectors)
        self.keys = self.postings.keys()

    def dot(self, vec: dict[int, float]) -> dict[int, float]:
        """Non-zero cosines of the normalised vector ``vec`` with each indexed vector."""
        postings = self.postings
        if self.size > DENSE:
            acc: dict[int, float] = defaultdict(float)
        else:
            acc = [0.0] * self.size
        for k in self.keys & vec.keys():
            x = vec[k]
            for i, w in postings[k]:
                acc[i] += w * x
        return acc if self.size > DENSE else _nonzero(acc)

    def dot_counts(self, counts: dict[int, int], weights: Weights, norm: float,
                   common=None) -> dict[int, float]:
        """The same for a text given by its gram counts and L2 norm: only the keys it
        shares with the index (``common``, if known) are weighted, no vector is built."""
        tf, idf, postings = weights.tf, weights.idf, self.postings
        if self.size > DENSE:
            acc: dict[int, float] = defaultdict(float)
        else:
            acc = [0.0] * self.size
        for k in (self.keys & counts.keys() if common is None else common):
            x = tf[counts[k]] * idf[k] / norm
            for i, w in postings[k]:
                acc[i] += w * x
        return acc if self.size > DENSE else _nonzero(acc)


def _nonzero(acc: list[float]) -> dict[int, float]:
    return dict(zip(compress(range(len(acc)), acc), filter(None, acc)))
