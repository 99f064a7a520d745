"""The comparison form of a character: full-width letters and digits → ASCII, and one
canonical form per punctuation mark (（）/(), “”/"", ——/--). Each entry maps one character to
one character, so positions survive folding (``diff.chars.normalise`` relies on it)."""

from __future__ import annotations

import re

# One canonical form per punctuation mark.
PUNCT = str.maketrans({
    "(": "（", ")": "）", "[": "［", "]": "］", ",": "，", ";": "；", ":": "：", "?": "？",
    "!": "！", '"': "“", "”": "“", "'": "‘", "’": "‘", "〝": "“", "〞": "“", "「": "“",
    "」": "“", "『": "‘", "』": "‘", "〈": "《", "〉": "》", "<": "《", ">": "》",
    "－": "—", "-": "—", "–": "—", "―": "—", "﹣": "—", "─": "—",
})
# A run of dashes (——, --) is one dash in the comparison form.
DASHES = re.compile(r"—{2,}")
# Full-width letters and digits (２０２２, Ａ) → ASCII.
WIDTH_FOLD = {c: c - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for c in range(lo, hi + 1)}
# Both folds in one table: the comparison form of a character (str.translate).
FOLD = {k: PUNCT.get(v, v) for k, v in WIDTH_FOLD.items()} | \
    {k: v for k, v in PUNCT.items() if k not in WIDTH_FOLD}


# FOLD applied by a regular expression: only the few characters it maps cost anything
# (str.translate looks every character up: ten times slower on long texts).
_FOLD_CHARS = {chr(k): chr(v) if isinstance(v, int) else v for k, v in FOLD.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")


def fold(text: str) -> str:
    """``text.translate(FOLD)``, fast: full-width letters and digits → ASCII; punctuation →
    its canonical form."""
    return _FOLD_RE.sub(lambda m: _FOLD_CHARS[m.group()], text)
