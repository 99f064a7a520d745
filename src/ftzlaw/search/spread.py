"""Provision spread: which regulations carry a provision, in date order.

The question policy-diffusion research asks ("who copied whom"): search the corpus for the
provision (without the context boosts an article query gets in search: every regulation is
judged alike), keep the articles that carry it (score at least ``min_score``), one row per
regulation (work; of several versions the earliest that carries it, the later ones that
carry it too listed in its ``versions``), ordered by date. The
earliest is the likely source; every later one may have copied it or a common model. The
index cannot see drafting history: "source" means earliest carrier *in the corpus*.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .index import Index
from ..zh.dates import is_dated
from .query import POOL, Hit, Query, Searcher

DEFAULT_MIN = 0.35


@dataclass
class Spread:
    query: Query
    min_score: float
    carriers: list[Hit] = field(default_factory=list)   # by date, earliest first
    undated: list[Hit] = field(default_factory=list)

    @property
    def source(self) -> Hit | None:
        return self.carriers[0] if self.carriers else None

    def by_year(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for h in self.carriers:
            out[h.date[:4]] = out.get(h.date[:4], 0) + 1
        return out

    def as_dict(self) -> dict:
        return {"query": self.query.text, "source": self.query.source or None,
                "min_score": self.min_score, "regulations": len(self.carriers),
                "likely_source": self.source.as_dict() if self.source else None,
                "carriers": [dict(h.as_dict(), rank=k + 1) for k, h in enumerate(self.carriers)],
                "undated": [h.as_dict() for h in self.undated], "by_year": self.by_year()}


def _work(h: Hit) -> str:
    return h.work_uri or h.path


def spread_of(searcher: Searcher, query: Query | str, min_score: float = DEFAULT_MIN,
              pool: int = POOL * 2) -> Spread:
    if isinstance(query, str):
        query = Query(query)
    # Every regulation is judged alike: no boost for the query's own kind or place in it.
    plain = replace(query, title="", position=None)
    hits = searcher.search(plain, top=pool, pool=pool, min_score=min_score, per_text=1,
                           versions=False)
    first: dict[str, Hit] = {}
    # the earliest dated version of each work first; an undated copy (the importer's
    # stand-in date 0001-01-01) never precedes a dated one
    for h in sorted(hits, key=lambda h: (h.date if is_dated(h.date) else "9999", -h.score)):
        w = _work(h)
        if w not in first:
            first[w] = h
        elif is_dated(h.date) and h.date != first[w].date and \
                all(v.date != h.date for v in first[w].versions):
            first[w].versions.append(h)    # a later version carrying it too
    dated = [h for h in first.values() if is_dated(h.date)]
    undated = [h for h in first.values() if not is_dated(h.date)]
    dated.sort(key=lambda h: (h.date, -h.score, h.path))
    return Spread(query, min_score, dated, undated)


def spread(index_path, query: Query | str, min_score: float = DEFAULT_MIN) -> Spread:
    index = Index.open(index_path)
    try:
        return spread_of(Searcher(index), query, min_score)
    finally:
        index.close()
