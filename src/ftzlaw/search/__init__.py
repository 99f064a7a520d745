"""Corpus search: an embedded index over every article of every text, and queries over it.

    from ftzlaw.search import build_index, add_to_index, search, spread
    report = build_index(["../shared/corpus", "../shared/texts"], "corpus.sqlite")
    for hit in search("corpus.sqlite", "实行国际贸易单一窗口", top=10):
        print(round(hit.score, 2), hit.title, hit.num)
    result = spread("corpus.sqlite", "…")        # who carries a provision, by date

See :mod:`ftzlaw.search.index` (the SQLite layout: FTS5 trigram + trigram frequencies),
:mod:`ftzlaw.search.query` (candidates, exact scores, shared passages),
:mod:`ftzlaw.search.spread` and :mod:`ftzlaw.search.report` (text, json, csv, html).
"""

from .index import (BuildReport, Index, add_to_index, build_index, collect_files,
                    default_index_path)
from .query import Hit, Query, Searcher, article_query, search, shared_passages
from .spread import Spread, spread

__all__ = ["BuildReport", "Hit", "Index", "Query", "Searcher", "Spread", "add_to_index",
           "article_query", "build_index", "collect_files", "default_index_path", "search",
           "shared_passages", "spread"]
