"""History of a stored work: the timeline (``log``) and per-article attribution (``blame``),
both computed with the diff engine between consecutive versions."""

from __future__ import annotations

from dataclasses import dataclass

from . import Entry, Store

CHANGED = ("modified", "added", "deleted")   # renumbering alone changes no text


def _history(store: Store, versions: list[Entry]):
    """The versions' read views and the change set between each consecutive pair (each
    file read and parsed once)."""
    from ..akn.view import Document
    from ..diff import diff_documents

    docs = [Document(store.load(e)) for e in versions]
    return docs, [diff_documents(docs[k - 1], docs[k]) for k in range(1, len(docs))]


def timeline(store: Store, work: str) -> list[dict]:
    """Every version of ``work`` in date order with its event, decision, and how many
    articles it changed against the previous version: ``changed`` counts modified, added and
    deleted articles; ``changes`` has each count and ``renumbered`` (number changed only)."""
    versions = store.versions(work)
    rows = [{"expression": e.expression, "date": e.date, "in_force": e.in_force,
             "event": e.event, "decision": e.decision, "articles": e.articles,
             "changed": None, "changes": {}} for e in versions]
    for k, changes in enumerate(_history(store, versions)[1], 1):
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
    versions = store.versions(work)
    if at is not None:
        last = store.at(work, at)
        versions = [e for e in versions if e.date <= last.date]
    docs, history = _history(store, versions)
    owner = {a.eId: versions[0] for a in docs[0].articles}
    for entry, changes in zip(versions[1:], history):
        new_owner = {}
        for change in changes.articles:
            if change.new is None:
                continue
            if change.status in ("unchanged", "renumbered") and change.old is not None:
                new_owner[change.new.eId] = owner.get(change.old.eId, entry)
            else:
                new_owner[change.new.eId] = entry
        owner = new_owner
    out = []
    for art in docs[-1].articles:
        e = owner.get(art.eId, versions[-1])
        out.append(Blame(art.eId, art.num, e.expression, e.date, e.event, e.decision))
    return out
