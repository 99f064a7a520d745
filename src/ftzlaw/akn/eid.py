"""The eId rules of our AKN profile, in one place for import, amend and validate.

- divisions: ``part_N``, ``part_N__subpart_N``, ``chp_N`` (``part_N__chp_N`` when chapters
  restart in each 编), ``…__sec_N``;
- articles: flat ``art_N`` and ``art_N-M`` (第N条之M), whatever division holds them;
- 款: ``art_N__para_K`` by position; 项/目: ``…__point_N`` by their label's number.
"""

from __future__ import annotations

import re

# The eId token of each division (AKN element name → token).
DIVISION_TOKEN = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec"}
# An article's eId: group 1 the number, group 2 the 之 sub-number.
ARTICLE_EID = re.compile(r"art_(\d+)(?:-(\d+))?")


def article_eid(n: int, sub: int = 0) -> str:
    """art_10 / art_10-1 (第十条之一)."""
    return f"art_{n}" + (f"-{sub}" if sub else "")


def division_eid(kind: str, n: int, prefix: str = "") -> str:
    """``prefix`` + chp_3; ``prefix`` is the parent's eId and ``__`` or empty."""
    return f"{prefix}{DIVISION_TOKEN[kind]}_{n}"


def paragraph_eid(article_eid: str, position: int) -> str:
    """The 款 at ``position`` (1-based): art_3__para_2."""
    return f"{article_eid}__para_{position}"


def point_eid(parent_eid: str, n: int) -> str:
    """The 项/目 numbered ``n`` inside ``parent_eid``: art_3__para_1__point_2."""
    return f"{parent_eid}__point_{n}"


def point_numbers(numbers) -> list[int]:
    """The eId numbers of a run of 项/目 from their labels' numbers (None for a label that
    has none): the label's number, or the position when it is missing or repeats."""
    out, seen = [], set()
    for i, n in enumerate(numbers, 1):
        n = n or i
        if n in seen:
            n = i
        seen.add(n)
        out.append(n)
    return out
