"""Diff: align the articles of two versions, character-level edits, change sets, reports.

    from ftzlaw.diff import diff_documents
    from ftzlaw.diff import report
    cs = diff_documents(old_tree, new_tree)          # → ChangeSet
    cs.summary   # {"unchanged": 30, "renumbered": 0, "modified": 26, "added": 12, "deleted": 2}
    report.write(cs, "docx")                         # → bytes (text/json/csv/html/pdf/docx)

See :mod:`ftzlaw.diff.align` for how articles are paired and :mod:`ftzlaw.diff.chars` for
the character-level edits.
"""

from .changeset import (STATUSES, ArticleChange, ChangeSet, HeadingChange, PartChange,
                        diff_documents)
from .works import different_works

__all__ = ["STATUSES", "ArticleChange", "ChangeSet", "HeadingChange", "PartChange",
           "diff_documents", "different_works"]
