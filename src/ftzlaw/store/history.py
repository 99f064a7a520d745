"""History of a stored work: the timeline (``log``) and per-article attribution (``blame``),
both computed with the diff engine between consecutive versions."""

from __future__ import annotations

from dataclasses import dataclass

from . import Entry, Store

CHANGED = ("modified", "added", "deleted")   # renumbering alone changes no text


def _pairs(store: Store, versions: list[Entry]):
    """Yield (previous entry, entry, change set) for consecutive versions."""
    from ..diff import diff_documents

    trees = [store.load(e) for e in versions]
    for k in range(1, len(versions)):
        yield versions[k - 1], versions[k], diff_documents(trees[k - 1], trees[k]), trees[k]


def timeline(store: Store, work: str) -> list[dict]:
    """Every version of ``work`` in date order with its event, decision, and how many
    articles it changed against the previous version: ``changed`` counts modified, added and
    deleted articles; ``changes`` has each count and ``renumbered`` (number changed only)."""
    versions = store.versions(work)
    rows = []
    for k, e in enumerate(versions):
        rows.append({"expression": e.expression, "date": e.date, "in_force": e.in_force,
                     "event": e.event, "decision": e.decision, "articles": e.articles,
                     "changed": None, "changes": {}})
    for k, (_, _, changes, _) in enumerate(_pairs(store, versions), 1):
        counts = {s: changes.summary.get(s, 0) for s in CHANGED}
        rows[k]["changed"] = sum(counts.values())
        rows[k]["changes"] = dict(counts, renumbered=changes.summary.get("renumbered", 0))
    return rows


@dataclass
class Blame:
    eId: str
    num: str
    expression: str
    date: str
    event: str
    decision: str


def blame(store: Store, work: str, at: str | None = None) -> list[Blame]:
    """For each article of the version in force on ``at`` (default: the latest), the
    version that last changed its text (renumbering alone does not count)."""
    from ..akn.view import Document

    versions = store.versions(work)
    if at is not None:
        last = store.at(work, at)
        versions = [e for e in versions if e.date <= last.date]
    first = versions[0]
    tree = store.load(first)
    owner = {a.eId: first for a in Document(tree).articles}
    for _, entry, changes, _ in _pairs(store, versions):
        new_owner = {}
        for change in changes.articles:
            if change.new is None:
                continue
            if change.status in ("unchanged", "renumbered") and change.old is not None:
                new_owner[change.new.eId] = owner.get(change.old.eId, entry)
            else:
                new_owner[change.new.eId] = entry
        owner = new_owner
    last_tree = store.load(versions[-1])
    out = []
    for art in Document(last_tree).articles:
        e = owner.get(art.eId, versions[-1])
        out.append(Blame(art.eId, art.num, e.expression, e.date, e.event, e.decision))
    return out
