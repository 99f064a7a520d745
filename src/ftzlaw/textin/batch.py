"""Batch import: many texts (files and folders) → one AKN file each, in parallel.

One text that cannot be imported never stops the others: it is reported as refused, with the
reason. Every output is written atomically. The summary counts imported and refused texts
and the warnings by kind.

    results = import_many(plan(["../shared/corpus/lawrefbook"], "out"), workers=2)
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".md", ".markdown", ".docx")

# Warning kinds, by what the message says (first match wins).
WARNING_KINDS = [
    ("no-date", "gives no date"), ("no-place", "no place named"),
    ("paragraph-break", "paragraph break guessed"), ("joined-line", "joined to the"),
    ("page-number", "page number"), ("citation-line", "taken as the next article"),
    ("numbering", "numbering"), ("numbering", "expected 第"), ("numbering", "was expected"),
    ("numbered-through", "numbered on through"), ("bad-numeral", "well-formed"),
    ("division-intro", "before its first article"), ("subheading", "subheading"),
    ("preamble-text", "outside any article"), ("empty-article", "has no text"),
]


def warning_kind(message: str) -> str:
    for kind, words in WARNING_KINDS:
        if words in message:
            return kind
    return "other"


@dataclass
class Item:
    """The outcome of one text."""

    source: str
    output: str | None
    status: str = "refused"                 # imported | refused
    reason: str = ""                        # why it was refused
    layout: str = ""
    articles: int = 0
    paragraphs: int = 0
    work: str = ""
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "imported"

    def row(self) -> dict:
        kinds = Counter(warning_kind(m) for _, m in self.warnings)
        return {"file": self.source, "status": self.status, "articles": self.articles,
                "paragraphs": self.paragraphs, "warnings": len(self.warnings),
                "warning_kinds": " ".join(f"{k}:{n}" for k, n in sorted(kinds.items())),
                "work": self.work, "reason": self.reason, "output": self.output or ""}


def _is_text(path: Path) -> bool:
    # Names starting with _ or . are a collection's own pages (Hugo's _index.md), not texts.
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(("_", "."))


def plan(sources, outdir) -> list[tuple[str, str]]:
    """(source, output) pairs: each file as given, each folder's texts (.txt, .md, .docx,
    searched recursively, in name order) with their path under the folder kept below
    ``outdir`` and the suffix .xml. Two sources that would write one output are refused."""
    from ..errors import FtzlawError

    out = Path(outdir)
    pairs: list[tuple[str, str]] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and _is_text(f))
            pairs += [(str(f), str((out / f.relative_to(p)).with_suffix(".xml"))) for f in files]
        elif p.exists():
            pairs.append((str(p), str(out / (p.stem + ".xml"))))
        else:
            raise FtzlawError(f"{src}: no such file or folder")
    seen: dict[str, str] = {}
    for src, dst in pairs:
        if dst in seen:
            raise FtzlawError(f"{seen[dst]} and {src} would both be written to {dst}")
        seen[dst] = src
    return pairs


def import_one(source: str, output: str | None, options: dict | None = None) -> Item:
    """Import one file and write its AKN to ``output`` (atomically; nothing when refused)."""
    from ..akn.xml import to_bytes
    from ..errors import FtzlawError
    from ..files import read_bytes, write_atomic
    from . import import_bytes

    item = Item(source, output)
    try:
        result = import_bytes(read_bytes(source), source=source, **(options or {}))
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(output, to_bytes(result.tree))
    except FtzlawError as exc:
        item.reason = exc.message if hasattr(exc, "message") else str(exc)
        return item
    except OSError as exc:
        item.reason = f"{exc.strerror or exc}"
        return item
    except Exception as exc:        # a bug of ours: reported, and the batch goes on
        item.reason = f"internal error ({type(exc).__name__}: {exc})"
        return item
    from ..akn.view import Document

    item.status, item.layout = "imported", result.layout
    item.articles = result.counts.get("articles", 0)
    item.paragraphs = result.counts.get("paragraphs", 0)
    item.work = Document(result.tree).work_uri or ""
    item.warnings = list(result.warnings)
    return item


def _one(args) -> Item:
    return import_one(*args)


def import_many(pairs, *, workers: int | None = None, options: dict | None = None,
                progress=None) -> list[Item]:
    """Import every (source, output) pair in a process pool of ``workers`` (default: the
    machine's cores); ``progress(item)`` is called as each one finishes. Results come back
    in the order of ``pairs``."""
    from concurrent.futures import ProcessPoolExecutor

    pairs = list(pairs)
    workers = max(1, min(workers or os.cpu_count() or 1, len(pairs) or 1))
    jobs = [(src, dst, options) for src, dst in pairs]
    if workers == 1:
        out = []
        for job in jobs:
            out.append(_one(job))
            if progress:
                progress(out[-1])
        return out
    results: list[Item] = []
    with ProcessPoolExecutor(workers) as pool:
        for item in pool.map(_one, jobs, chunksize=max(1, min(16, len(jobs) // (4 * workers)))):
            results.append(item)
            if progress:
                progress(item)
    return results


def summary(items: list[Item]) -> dict:
    """Totals: texts, imported, refused (by reason), warnings by kind."""
    kinds = Counter(warning_kind(m) for it in items for _, m in it.warnings)
    reasons = Counter(it.reason.split(":")[0] if it.reason.startswith("internal") else it.reason
                      for it in items if not it.ok)
    return {"texts": len(items), "imported": sum(it.ok for it in items),
            "refused": sum(not it.ok for it in items),
            "articles": sum(it.articles for it in items),
            "refused_by_reason": dict(reasons.most_common()),
            "warnings_by_kind": dict(sorted(kinds.items()))}


COLUMNS = ["file", "status", "articles", "paragraphs", "warnings", "warning_kinds", "work",
           "reason", "output"]


def format_text(items: list[Item]) -> str:
    from ..tables import text_table

    rows = [it.row() for it in items]
    s = summary(items)
    out = text_table(rows, ["file", "status", "articles", "warnings", "reason"], missing="")
    out += (f"\n{s['texts']} texts: {s['imported']} imported, {s['refused']} refused; "
            f"{s['articles']} articles\n")
    for reason, n in s["refused_by_reason"].items():
        out += f"  refused {n}: {reason}\n"
    if s["warnings_by_kind"]:
        out += "warnings: " + ", ".join(f"{k} {n}" for k, n in s["warnings_by_kind"].items()) + "\n"
    return out


def format_json(items: list[Item]) -> str:
    import json

    return json.dumps({"summary": summary(items),
                       "files": [dict(asdict(it), warnings=[list(w) for w in it.warnings])
                                 for it in items]},
                      ensure_ascii=False, indent=1) + "\n"


def format_csv(items: list[Item]) -> bytes:
    from ..tables import csv_bytes

    return csv_bytes(COLUMNS, [it.row() for it in items])
