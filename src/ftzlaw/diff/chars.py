"""Character-level edits between two texts (Chinese has no spaces: never split on them).

``char_diff`` runs diff-match-patch over *normalised* text — punctuation form (（）/(),
“”/"", ——/--, full/half width) and whitespace do not count unless ``exact`` — and maps the
result back to the original characters, so a redline shows the text as printed. Edits are
then cleaned up to end on phrase boundaries (punctuation) rather than inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EQUAL, DELETE, INSERT = "=", "-", "+"

# One canonical form per punctuation mark; each maps one character to one character.
_PUNCT = str.maketrans({
    "(": "（", ")": "）", "[": "［", "]": "］", ",": "，", ";": "；", ":": "：", "?": "？",
    "!": "！", '"': "“", "”": "“", "'": "‘", "’": "‘", "〝": "“", "〞": "“", "「": "“",
    "」": "“", "『": "‘", "』": "‘", "〈": "《", "〉": "》", "<": "《", ">": "》",
    "－": "—", "-": "—", "–": "—", "―": "—", "﹣": "—", "─": "—",
})
_DASHES = re.compile(r"—{2,}")
BOUNDARY = set("，。；：、？！（）《》“‘—…,.;:?!()\"' \n")


def _fold(ch: str) -> str:
    """Full-width letters and digits → ASCII; punctuation → its canonical form."""
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        ch = chr(code - 0xFEE0)
    return ch.translate(_PUNCT)


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
        c = ch if exact else _fold(ch)
        if not exact and c == "—":
            j = i + 1
            while j < n and _fold(text[j]) == "—":
                j += 1
            out.append("—")
            spans.append((i, j))
            i = j
            continue
        out.append(c)
        spans.append((i, i + 1))
        i += 1
    return "".join(out), spans


def same_text(a: str, b: str, exact: bool = False) -> bool:
    return normalise(a, exact)[0] == normalise(b, exact)[0]


@dataclass(frozen=True)
class Op:
    op: str      # "=", "-", "+"
    text: str    # original characters (old text for "-", new text for "=" and "+")


def _dmp():
    from diff_match_patch import diff_match_patch

    d = diff_match_patch()
    d.Diff_Timeout = 0  # deterministic: never trade quality for time on article-sized text
    return d


def _merge_short_equalities(diffs: list[tuple[int, str]], limit: int = 2) -> list[tuple[int, str]]:
    """Fold an equality of ≤ ``limit`` characters sitting between two edits into them, and
    extend an edit to a phrase boundary when only ≤ ``limit`` characters separate them —
    so edits cover whole short words instead of splitting them (试验区 → 区, not 试验)."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(diffs) - 1):
            op, text = diffs[k]
            if op != 0 or len(text) > limit or any(c in BOUNDARY for c in text):
                continue
            if diffs[k - 1][0] != 0 and diffs[k + 1][0] != 0:
                diffs = diffs[:k] + [(-1, text), (1, text)] + diffs[k + 1:]
                changed = True
                break
    diffs = _regroup(diffs)
    out: list[tuple[int, str]] = []
    for k, (op, text) in enumerate(diffs):
        out.append((op, text))
    # Snap edit edges to phrase boundaries when the fragment to the boundary is short.
    for k in range(len(out)):
        op, text = out[k]
        if op != 0:
            continue
        prev_edit = k > 0 and out[k - 1][0] != 0
        next_edit = k + 1 < len(out) and out[k + 1][0] != 0
        if next_edit:
            tail = _tail_fragment(text)
            if 0 < len(tail) <= limit and len(tail) < len(text):
                out[k] = (0, text[: len(text) - len(tail)])
                out.insert(k + 1, (-1, tail))
                out.insert(k + 2, (1, tail))
                text = out[k][1]
        if prev_edit:
            head = _head_fragment(text)
            if 0 < len(head) <= limit and len(head) < len(text):
                out[k] = (0, text[len(head):])
                out.insert(k, (-1, head))
                out.insert(k + 1, (1, head))
    return _regroup([d for d in out if d[1]])


def _tail_fragment(text: str) -> str:
    i = len(text)
    while i > 0 and text[i - 1] not in BOUNDARY:
        i -= 1
    return text[i:]


def _head_fragment(text: str) -> str:
    i = 0
    while i < len(text) and text[i] not in BOUNDARY:
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
    """Edits turning ``old`` into ``new`` as a list of :class:`Op`, original characters kept.

    Whitespace never counts; punctuation form counts only with ``exact``.
    """
    a, a_spans = normalise(old, exact)
    b, b_spans = normalise(new, exact)
    if a == b:
        return [Op(EQUAL, new.strip())] if new.strip() else []
    d = _dmp()
    diffs = d.diff_main(a, b, False)
    d.diff_cleanupSemantic(diffs)
    diffs = _merge_short_equalities(_regroup(diffs))
    ops: list[Op] = []
    ia = ib = 0
    for op, text in diffs:
        n = len(text)
        if op == 0:
            ops.append(Op(EQUAL, _original(new, b_spans, ib, ib + n)))
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
    if i >= j:
        return ""
    return text[spans[i][0]: spans[j - 1][1]]


def similarity(old: str, new: str, exact: bool = False) -> float:
    """1 − (Levenshtein distance / length of the longer text), on the comparison form."""
    a, _ = normalise(old, exact)
    b, _ = normalise(new, exact)
    if not a and not b:
        return 1.0
    if a == b:
        return 1.0
    d = _dmp()
    diffs = d.diff_main(a, b, False)
    return 1.0 - d.diff_levenshtein(diffs) / max(len(a), len(b))


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
