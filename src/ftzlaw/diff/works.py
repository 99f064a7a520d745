"""Is this a diff at all? Two versions of one work share its FRBR work URI; two different
regulations (北京 vs 天津) do not, and belong to ``ftzlaw compare``."""

from __future__ import annotations

from ..akn.view import Document


def _provisional(uri: str | None) -> bool:
    from ..textin import PROVISIONAL_DATE

    # A text read on the fly without title or date gets a stand-in work URI: it names no
    # real work, so it cannot tell that two inputs are different works.
    return not uri or f"/{PROVISIONAL_DATE}/" in uri


def different_works(old: Document, new: Document) -> str | None:
    """A message naming both works when they differ, else None (same work, or unknown)."""
    a, b = old.work_uri, new.work_uri
    if _provisional(a) or _provisional(b) or a == b:
        return None
    return (f"these are two different works: {a} ({old.title}) and {b} ({new.title}); "
            "`ftzlaw compare` aligns different regulations (use --force to diff anyway)")
