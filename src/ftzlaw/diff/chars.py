"""Character-level edits between two texts (Chinese has no spaces: never split on them).

``char_diff`` runs diff-match-patch over *normalised* text — punctuation form (（）/(),
“”/"", ——/--, full/half width) and whitespace do not count unless ``exact`` — and maps the
result back to the original characters, so a redline shows the text as printed. Edits are
then cleaned up to end on phrase boundaries (punctuation) rather than inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..zh.fold import DASHES, FOLD, fold

EQUAL, DELETE, INSERT = "=", "-", "+"

def normalise(text: str, exact: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """The comparison form of ``text`` and, for each of its characters, the span of the
    original it stands for. With ``exact`` only whitespace-free identity is used."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        c = ch if exact else fold(ch)
        if not exact and c == "—":
            j = i + 1
            while j < n and fold(text[j]) == "—":
                j += 1
            out.append("—")
            spans.append((i, j))
            i = j
            continue
        out.append(c)
        spans.append((i, i + 1))
        i += 1
    return "".join(out), spans


_SPACE = re.compile(r"\s+")


def comparison_form(text: str, exact: bool = False) -> str:
    """``normalise(text, exact)[0]`` without the spans, fast (no per-character Python):
    what article keys and similarity scores are computed on."""
    if not exact:
        text = DASHES.sub("—", text.translate(FOLD))
    return _SPACE.sub("", text)


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
    k = 1
    while k < len(eqs) - 1:
        e = eqs[k]
        if len(e) <= limit and not any(c in BOUNDARY for c in e):
            (d1, i1), (d2, i2) = edits[k - 1], edits[k]
            edits[k - 1:k + 1] = [(d1 + e + d2, i1 + e + i2)]
            del eqs[k]
        else:
            k += 1
    return eqs, edits


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
    d = _dmp()
    diffs = d.diff_main(a, b, False)
    d.diff_cleanupSemantic(diffs)
    diffs = _cleanup(diffs)
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


def _original(text: str, spans: list[tuple[int, int]], i: int, j: int) -> str:
    """The original characters of comparison characters ``i:j``, with the whitespace that
    follows them up to the next one (none is lost between ops; only the text's own leading
    and trailing whitespace is left out)."""
    if i >= j:
        return ""
    end = spans[j][0] if j < len(spans) else spans[-1][1]
    return text[spans[i][0]: end]


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
