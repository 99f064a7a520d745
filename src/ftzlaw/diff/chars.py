"""Character-level edits between two texts (Chinese has no spaces: never split on them).

``char_diff`` runs diff-match-patch over *normalised* text — punctuation form (（）/(),
“”/"", ——/--, full/half width) and whitespace do not count unless ``exact`` — and maps the
result back to the original characters, so a redline shows the text as printed. Edits are
then cleaned up to end on phrase boundaries (punctuation) rather than inside a word, and
made minimal again where that hid kept words: no replacement holds a run of
:data:`MIN_RUN` or more characters both versions have (:func:`keep_common_runs`). Texts
longer than :data:`SMALL` are diffed sentence-anchored with deadlines (:func:`raw_diffs`):
time and memory stay linear in their size.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..zh.fold import DASHES, fold

EQUAL, DELETE, INSERT = "=", "-", "+"

class Spans:
    """For each character of a comparison form, the span of the original it stands for —
    held as runs of kept characters (one per stretch between dropped whitespace or dash
    continuations), not one tuple per character: ``spans[c]`` is ``(start, end)``,
    :meth:`start` the start alone, :attr:`end` the end of the last one. Memory grows with
    the number of whitespace runs, not the text."""

    __slots__ = ("_comp", "_orig", "_tail", "_n", "end")

    def __init__(self, comp: list[int], orig: list[int], tail: list[int], n: int, end: int):
        self._comp, self._orig, self._tail, self._n, self.end = comp, orig, tail, n, end

    def __len__(self) -> int:
        return self._n

    def start(self, c: int) -> int:
        k = bisect.bisect_right(self._comp, c) - 1
        return self._orig[k] + c - self._comp[k]

    def __getitem__(self, c: int) -> tuple[int, int]:
        if c < 0:
            c += self._n
        if not 0 <= c < self._n:
            raise IndexError(c)
        k = bisect.bisect_right(self._comp, c) - 1
        s = self._orig[k] + c - self._comp[k]
        last = (self._comp[k + 1] if k + 1 < len(self._comp) else self._n) - 1
        return (s, self._tail[k] if c == last else s + 1)


# What the comparison form drops: whitespace, and (folded) every dash after the first of a run.
_DROP = re.compile(r"\s+")
_DROP_FOLDED = re.compile(r"(?<=—)—+|\s+")


def normalise(text: str, exact: bool = False) -> tuple[str, Spans]:
    """The comparison form of ``text`` and, for each of its characters, the span of the
    original it stands for (a :class:`Spans`). With ``exact`` only whitespace-free
    identity is used. Linear, and cheap on long texts: regular expressions find what is
    dropped; no Python work per character."""
    folded = text if exact else fold(text)
    comp: list[int] = []
    orig: list[int] = []
    tail: list[int] = []
    pieces: list[str] = []
    n = at = 0
    for m in (_DROP if exact else _DROP_FOLDED).finditer(folded):
        if m.start() > at:
            comp.append(n)
            orig.append(at)
            tail.append(m.start())
            pieces.append(folded[at:m.start()])
            n += m.start() - at
        if folded[m.start()] == "—" and tail and tail[-1] == m.start():
            tail[-1] = m.end()  # a dash run stands for one dash: its span covers the run
        at = m.end()
    if at < len(folded):
        comp.append(n)
        orig.append(at)
        tail.append(len(folded))
        pieces.append(folded[at:])
        n += len(folded) - at
    return "".join(pieces), Spans(comp, orig, tail, n, tail[-1] if tail else 0)


def comparison_form(text: str, exact: bool = False) -> str:
    """``normalise(text, exact)[0]`` without the spans, fast (no per-character Python):
    what article keys and similarity scores are computed on."""
    if not exact:
        text = fold(text)
        if "——" in text:
            text = DASHES.sub("—", text)
    return "".join(text.split())


def same_text(a: str, b: str, exact: bool = False) -> bool:
    return comparison_form(a, exact) == comparison_form(b, exact)


@dataclass(frozen=True)
class Op:
    """One edit. ``text`` is as printed in the new text for ``=`` and ``+``, in the old one
    for ``-``. ``old`` is the same stretch as printed in the *old* text: for ``=`` it can
    differ from ``text`` in punctuation form or whitespace ((试验) = （试验）); for ``-`` it is
    ``text``, for ``+`` empty. Left out, it defaults to that (same characters on both sides).
    Use :meth:`side` to print one version."""

    op: str      # "=", "-", "+"
    text: str    # original characters (old text for "-", new text for "=" and "+")
    old: str | None = None

    def __post_init__(self):
        if self.old is None:
            object.__setattr__(self, "old", "" if self.op == INSERT else self.text)

    def side(self, which: str) -> str:
        """This op's characters as printed in the ``"old"`` or the ``"new"`` version."""
        if which == "old":
            return self.old
        return "" if self.op == DELETE else self.text


def _dmp():
    from diff_match_patch import diff_match_patch

    d = diff_match_patch()
    d.Diff_Timeout = 0  # deterministic: never trade quality for time on article-sized text
    return d


# Hard boundaries end a phrase (punctuation, in the comparison form and as printed).
BOUNDARY = set("，。；：、？！（）《》“‘—…,.;:?!()\"' \n")
# Soft boundaries: function characters that usually stand between words (的、和、与 …).
SOFT_BOUNDARY = set("的和与及或等并在对于为以之将把被从向由")
SNAP = 2            # an edit swallows a word fragment of at most this many characters
CLAUSE_SHARE = 0.6  # a replacement covering this share of its phrase takes the whole phrase


def _cleanup(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Make edits end on phrase boundaries rather than inside a word.

    Works on hunks ``E0 X0 E1 X1 … Ek`` (E: equal text, X: (deleted, inserted)):

    1. an equality of ≤ :data:`SNAP` characters without punctuation between two edits is
       folded into them (试验区 → 试点区 is one replacement, not 验→点 around a kept 试);
    2. a replacement that covers most (:data:`CLAUSE_SHARE`) of its phrase is widened to
       the whole phrase, between punctuation marks;
    3. a replacement whose edge falls ≤ :data:`SNAP` characters inside a word is widened to
       the nearest punctuation or function character (之外 → 以外, not 之 → 以).

    Pure insertions and deletions stay minimal in 2 and 3: added words are marked as added.
    """
    eqs, edits = _hunks(diffs)
    eqs, edits = _fold_short_equalities(eqs, edits)
    for k, (old, new) in enumerate(edits):
        if not (old and new):
            continue
        left = _tail_fragment(eqs[k], BOUNDARY) if not _at_left(eqs[k], old, new) else ""
        right = _head_fragment(eqs[k + 1], BOUNDARY) if not _at_right(eqs[k + 1], old, new) else ""
        size = max(len(old), len(new))
        if (left or right) and size >= CLAUSE_SHARE * (len(left) + size + len(right)):
            _widen(eqs, edits, k, len(left), len(right))
    soft = BOUNDARY | SOFT_BOUNDARY
    for k, (old, new) in enumerate(edits):
        if not (old and new):
            continue
        left = _tail_fragment(eqs[k], soft)
        right = _head_fragment(eqs[k + 1], soft)
        _widen(eqs, edits, k, len(left) if 0 < len(left) <= SNAP and len(left) < len(eqs[k]) else 0,
               len(right) if 0 < len(right) <= SNAP and len(right) < len(eqs[k + 1]) else 0)
    eqs, edits = _fold_short_equalities(eqs, edits, limit=0)
    out: list[tuple[int, str]] = []
    for k, (old, new) in enumerate(edits):
        out += [(0, eqs[k]), (-1, old), (1, new)]
    out.append((0, eqs[-1]))
    return _regroup(out)


def _hunks(diffs):
    """Regrouped diffs → strictly alternating equalities and (deleted, inserted) edits."""
    eqs, edits = [""], []
    pending = None
    for op, text in _regroup(diffs):
        if op == 0:
            if pending is not None:
                edits.append(pending)
                pending = None
                eqs.append(text)
            else:
                eqs[-1] += text
        else:
            pending = pending or ["", ""]
            pending[0 if op < 0 else 1] += text
    if pending is not None:
        edits.append(pending)
        eqs.append("")
    return eqs, [tuple(e) for e in edits]


def _fold_short_equalities(eqs, edits, limit: int = SNAP):
    """Fold each inner equality of at most ``limit`` characters without punctuation into
    the edits around it. One pass, linear in the number of hunks."""
    if not edits:
        return eqs, edits
    out_eqs, out_edits = [eqs[0]], []
    cur = edits[0]
    for k in range(1, len(eqs)):
        e = eqs[k]
        if k < len(eqs) - 1 and len(e) <= limit and not any(c in BOUNDARY for c in e):
            d, i = edits[k]
            cur = (cur[0] + e + d, cur[1] + e + i)
            continue
        out_edits.append(cur)
        out_eqs.append(e)
        if k < len(edits):
            cur = edits[k]
    return out_eqs, out_edits


def _widen(eqs, edits, k: int, left: int, right: int) -> None:
    old, new = edits[k]
    if left:
        frag = eqs[k][-left:]
        eqs[k] = eqs[k][:-left]
        old, new = frag + old, frag + new
    if right:
        frag = eqs[k + 1][:right]
        eqs[k + 1] = eqs[k + 1][right:]
        old, new = old + frag, new + frag
    edits[k] = (old, new)


def _at_left(eq: str, old: str, new: str) -> bool:
    return not eq or eq[-1] in BOUNDARY or all(s[0] in BOUNDARY for s in (old, new) if s)


def _at_right(eq: str, old: str, new: str) -> bool:
    return not eq or eq[0] in BOUNDARY or all(s[-1] in BOUNDARY for s in (old, new) if s)


def _tail_fragment(text: str, stops=BOUNDARY) -> str:
    i = len(text)
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return text[i:]


def _head_fragment(text: str, stops=BOUNDARY) -> str:
    i = 0
    while i < len(text) and text[i] not in stops:
        i += 1
    return text[:i]


def _regroup(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each run of edits between equalities → one delete then one insert; merge equalities."""
    out: list[tuple[int, str]] = []
    dels, ins = [], []

    def flush():
        if dels:
            out.append((-1, "".join(dels)))
        if ins:
            out.append((1, "".join(ins)))
        dels.clear()
        ins.clear()

    for op, text in diffs:
        if not text:
            continue
        if op == 0:
            flush()
            if out and out[-1][0] == 0:
                out[-1] = (0, out[-1][1] + text)
            else:
                out.append((0, text))
        elif op < 0:
            dels.append(text)
        else:
            ins.append(text)
    flush()
    return out


# --- bounded diffs of long texts -------------------------------------------------------------
# Up to SMALL comparison characters (both sides) diff-match-patch runs exactly, without a
# deadline. Longer texts are first split into sentences; sentences found once in each side
# anchor the diff (patience diff: the longest in-order run of them), and only the stretches
# between anchors are diffed by character — each with a deadline that grows with its size,
# so a 10 MB text costs time linear in its size even where the versions have little in
# common (diff-match-patch alone is O(N·D) and ran out of time and memory there).
SMALL = 20_000
SENTENCE = re.compile(r"(?s).*?[。；！？!?;]|.+")
CLAUSE = re.compile(r"(?s).*?[，、,：:]|.+")
LONG_SENTENCE = 400
SECONDS_PER_CHAR = 2e-6   # a long stretch's deadline: 2 s per million characters …
MIN_DEADLINE = 0.05       # … and never less than this


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for s in SENTENCE.findall(text):
        out += CLAUSE.findall(s) if len(s) > LONG_SENTENCE else [s]
    return out


def _char_level(a: str, b: str) -> list[tuple[int, str]]:
    if not a or not b:
        return [(-1, a), (1, b)]
    d = _dmp()
    if len(a) + len(b) > SMALL:
        d.Diff_Timeout = max(MIN_DEADLINE, (len(a) + len(b)) * SECONDS_PER_CHAR)
    diffs = d.diff_main(a, b, False)
    d.diff_cleanupSemantic(diffs)
    return diffs


def _patience(ta: list[str], tb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Token ranges of two token lists: ``("=", a0, a1, b0, b1)`` equal, ``("~", …)`` to be
    diffed by character. Anchors are tokens found exactly once in each range, in order."""
    from .align import longest_increasing

    out: list[tuple[str, int, int, int, int]] = []
    stack = [(0, len(ta), 0, len(tb))]
    while stack:
        item = stack.pop()
        if isinstance(item[0], str):
            out.append(item)
            continue
        a0, a1, b0, b1 = item
        head = 0
        while a0 + head < a1 and b0 + head < b1 and ta[a0 + head] == tb[b0 + head]:
            head += 1
        foot = 0
        while a1 - foot > a0 + head and b1 - foot > b0 + head and \
                ta[a1 - foot - 1] == tb[b1 - foot - 1]:
            foot += 1
        later = []
        if foot:
            later.append(("=", a1 - foot, a1, b1 - foot, b1))
        i0, i1, j0, j1 = a0 + head, a1 - foot, b0 + head, b1 - foot
        if i0 < i1 or j0 < j1:
            count: dict[str, int] = {}
            for t in ta[i0:i1]:
                count[t] = count.get(t, 0) + 1
            at_b: dict[str, int] = {}
            for j in range(j0, j1):
                t = tb[j]
                if count.get(t) == 1:
                    at_b[t] = -1 if t in at_b else j
            pairs = [(i, at_b[ta[i]]) for i in range(i0, i1) if at_b.get(ta[i], -1) >= 0
                     and count[ta[i]] == 1]
            anchors = sorted(longest_increasing(pairs))
            if not anchors:
                later.append(("~", i0, i1, j0, j1))
            else:
                ranges = []
                pi, pj = i0, j0
                for i, j in anchors:
                    ranges += [(pi, i, pj, j), ("=", i, i + 1, j, j + 1)]
                    pi, pj = i + 1, j + 1
                ranges.append((pi, i1, pj, j1))
                later += [r for r in reversed(ranges)
                          if isinstance(r[0], str) or r[0] < r[1] or r[2] < r[3]]
        if head:
            later.append(("=", a0, a0 + head, b0, b0 + head))
        stack += later
    return out


def raw_diffs(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's edits (with its semantic clean-up) of two comparison forms;
    bounded on long texts (see :data:`SMALL`)."""
    if len(a) + len(b) <= SMALL:
        return _char_level(a, b)
    ta, tb = _tokens(a), _tokens(b)
    diffs: list[tuple[int, str]] = []
    for kind, a0, a1, b0, b1 in _patience(ta, tb):
        if kind == "=":
            diffs.append((0, "".join(ta[a0:a1])))
        else:
            diffs += _char_level("".join(ta[a0:a1]), "".join(tb[b0:b1]))
    return diffs


MIN_RUN = 3             # an unchanged run this long is never inside a replacement
EXACT_RUNS = 1_000_000  # up to this product of lengths the longest common run is found exactly


def keep_common_runs(diffs: list[tuple[int, str]], min_run: int = MIN_RUN
                     ) -> list[tuple[int, str]]:
    """Minimal redline: inside every replacement (deleted + inserted text), each run of
    ``min_run`` or more characters the two share stays unchanged instead of being shown
    deleted and re-inserted (大力发展服务贸易 inside a rewritten sentence). Runs are taken
    longest first, in order (recursively left and right of each)."""
    out: list[tuple[int, str]] = []
    for op, text in _regroup(diffs):
        if op == 1 and out and out[-1][0] == -1:
            old = out.pop()[1]
            out += _split_common(old, text, min_run)
        else:
            out.append((op, text))
    return _regroup(out)


def _split_common(old: str, new: str, min_run: int) -> list[tuple[int, str]]:
    if len(old) < min_run or len(new) < min_run:
        return [(-1, old), (1, new)]
    if len(old) * len(new) > EXACT_RUNS:
        # Too long to search exactly: keep the long equalities of a plain diff.
        d = _dmp()
        d.Diff_Timeout = max(MIN_DEADLINE, (len(old) + len(new)) * SECONDS_PER_CHAR)
        out = []
        for op, text in d.diff_main(old, new, False):
            if op == 0 and len(text) < min_run:
                out += [(-1, text), (1, text)]
            else:
                out.append((op, text))
        return out
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, old, new, autojunk=False).find_longest_match(
        0, len(old), 0, len(new))
    if m.size < min_run:
        return [(-1, old), (1, new)]
    return (_split_common(old[:m.a], new[:m.b], min_run) + [(0, old[m.a:m.a + m.size])] +
            _split_common(old[m.a + m.size:], new[m.b + m.size:], min_run))


def char_diff(old: str, new: str, exact: bool = False) -> list[Op]:
    """Edits turning ``old`` into ``new`` as a list of :class:`Op`, original characters kept:
    joining ``op.side("old")`` gives ``old``, ``op.side("new")`` gives ``new`` (each stripped
    of leading and trailing whitespace).

    Whitespace never counts; punctuation form counts only with ``exact``.
    """
    a, a_spans = normalise(old, exact)
    b, b_spans = normalise(new, exact)
    if a == b:
        return [Op(EQUAL, new.strip(), old.strip())] if new.strip() else []
    diffs = keep_common_runs(_cleanup(raw_diffs(a, b)))
    ops: list[Op] = []
    ia = ib = 0
    for op, text in diffs:
        n = len(text)
        if op == 0:
            ops.append(Op(EQUAL, _original(new, b_spans, ib, ib + n),
                          _original(old, a_spans, ia, ia + n)))
            ia += n
            ib += n
        elif op < 0:
            ops.append(Op(DELETE, _original(old, a_spans, ia, ia + n)))
            ia += n
        else:
            ops.append(Op(INSERT, _original(new, b_spans, ib, ib + n)))
            ib += n
    return ops


def _original(text: str, spans: Spans, i: int, j: int) -> str:
    """The original characters of comparison characters ``i:j``, with the whitespace that
    follows them up to the next one (none is lost between ops; only the text's own leading
    and trailing whitespace is left out)."""
    if i >= j:
        return ""
    end = spans.start(j) if j < len(spans) else spans.end
    return text[spans.start(i): end]


def similarity(old: str, new: str, exact: bool = False) -> float:
    """1 − (Levenshtein distance / length of the longer text), on the comparison form."""
    a = comparison_form(old, exact)
    b = comparison_form(new, exact)
    if not a and not b:
        return 1.0
    if a == b:
        return 1.0
    d = _dmp()
    diffs = d.diff_main(a, b, False)
    # diff-match-patch's distance can exceed the longer length on texts with little in
    # common (it sums max(insert, delete) per edit run): clamp to [0, 1].
    return max(0.0, 1.0 - d.diff_levenshtein(diffs) / max(len(a), len(b)))


def distance(ops: list[Op], exact: bool = False) -> tuple[int, int, int]:
    """(edit distance, old length, new length) of an edit list, in comparison characters:
    each run of edits costs max(deleted, inserted). Lets a caller score a text it already
    diffed without running diff-match-patch again (see :func:`similarity`)."""
    dist = old_len = new_len = 0
    run_del = run_ins = 0
    for op in ops + [Op(EQUAL, "")]:
        n = len(comparison_form(op.text, exact))
        if op.op == EQUAL:
            dist += max(run_del, run_ins)
            run_del = run_ins = 0
            old_len += n
            new_len += n
        elif op.op == DELETE:
            run_del += n
            old_len += n
        else:
            run_ins += n
            new_len += n
    return dist, old_len, new_len


def edits(ops: list[Op]) -> list[dict]:
    """The changes only, as replace/insert/delete records with their position in the new text."""
    out: list[dict] = []
    pos = 0
    k = 0
    while k < len(ops):
        op = ops[k]
        if op.op == EQUAL:
            pos += len(op.text)
            k += 1
            continue
        old = new = ""
        if op.op == DELETE:
            old = op.text
            if k + 1 < len(ops) and ops[k + 1].op == INSERT:
                new = ops[k + 1].text
                k += 1
        else:
            new = op.text
        kind = "replace" if old and new else ("delete" if old else "insert")
        out.append({"type": kind, "old": old, "new": new, "at": pos})
        pos += len(new)
        k += 1
    return out
