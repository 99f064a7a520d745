"""Akoma Ntoso building blocks shared by every stage.

- :mod:`.xml`  — namespace, element maker, safe parsing and serialisation
- :mod:`.frbr` — FRBR URIs (through cobalt) and places (北京 → ``cn-bj``)
- :mod:`.view` — the small read view (document → chapters → articles → paragraphs → points)
"""

from .xml import NS, A, akn, parse_akn, to_bytes  # noqa: F401
from .view import Document, Article, Paragraph, Point, Division  # noqa: F401
