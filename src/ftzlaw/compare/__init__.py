"""Compare different regulations: content-based article alignment across works.

    from ftzlaw.load import load_tree
    from ftzlaw.compare import compare_documents
    trees = [load_tree(p)[0] for p in paths]
    alignment = compare_documents(trees, names=paths)
    for pair in alignment.pairs:
        for m in pair.matches:          # counterparts (pair.related: minor shared provisions)
            print(m.a_eId, m.b_eId, round(m.score, 2))

See :mod:`ftzlaw.compare.align` for how articles are scored and
:mod:`ftzlaw.compare.report` for the text, json, csv and html writers.
"""

from .align import (COEFFICIENTS, DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE, ArticleText, Scorer,
                    fit)
from .model import (Alignment, Chapter, DocumentInfo, Match, PairAlignment, compare_documents,
                    document_info)

__all__ = ["Alignment", "ArticleText", "COEFFICIENTS", "Chapter", "DEFAULT_MIN_SCORE",
           "DEFAULT_RELATED_SCORE", "DocumentInfo", "Match", "PairAlignment", "Scorer",
           "compare_documents", "document_info", "fit"]
