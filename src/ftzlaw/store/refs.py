"""References to stored versions: ``WORK@DATE``.

``WORK`` is a work URI (``/akn/cn-tj/act/regulation/2015-12-24/ftz``) or an alias
(``tianjin``, ``tianjin-ftz``); ``DATE`` is YYYY-MM-DD and selects the version in force
on that day. An expression URI (``…/ftz/zho@2022-09-27``) names one version exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

REF = re.compile(r"^(?P<work>[^@\s]+)@(?P<date>\d{4}-\d{2}-\d{2})$")
EXPRESSION = re.compile(r"^/akn/.+/[a-z]{3}@\d{4}-\d{2}-\d{2}$")


def is_reference(source: str) -> bool:
    """A store reference, and not a file that happens to exist under that name."""
    if source == "-" or Path(source).exists():
        return False
    return bool(REF.match(source) or EXPRESSION.match(source))


def find(source: str, store=None):
    """``(store, entry)`` for a reference, from ``store`` (default: FTZLAW_STORE or
    ./ftzlaw-store); the stored file is ``store.file_of(entry)``."""
    from . import Store
    from ..errors import FtzlawError

    store = store or Store.open()
    if EXPRESSION.match(source) and not _is_work_at_date(source, store):
        entry = store.find_expression(source)
        if entry is None:
            raise FtzlawError(f"no expression {source} in the store {store.root}")
        return store, entry
    m = REF.match(source)
    work = store.resolve_work(m.group("work"))
    return store, store.at(work, m.group("date"))


def resolve(source: str, store=None):
    """``(tree, entry)`` for a reference."""
    store, entry = find(source, store)
    return store.load(entry), entry


def _is_work_at_date(source: str, store) -> bool:
    work = source.rsplit("@", 1)[0]
    return work in store.works()
