"""A store of works and their versions (expressions), with point-in-time lookup.

Layout of a store folder (default ``./ftzlaw-store``, or ``--store`` / ``FTZLAW_STORE``)::

    index.json                                   the catalogue (the commit point)
    akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24.xml
    akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2022-09-27.xml

Files are named by their FRBR expression URI. ``index.json`` lists every expression with
its work, dates, event, amending decision and content hash; it is rewritten atomically
(temp file + rename) after the AKN file is in place, so a store add killed at any point
leaves the store as it was (an orphan file, at worst, which the next add overwrites).
Writers take an exclusive lock (``.lock``) so two adds cannot interleave.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..akn.frbr import PINYIN
from ..textin import is_provisional
from ..zh.dates import parse_date
from ..errors import FtzlawError
from ..files import write_atomic

INDEX = "index.json"
DEFAULT_STORE = "ftzlaw-store"

def default_root() -> Path:
    return Path(os.environ.get("FTZLAW_STORE") or DEFAULT_STORE)


@dataclass
class Entry:
    """One expression (version) in the store."""

    work: str
    expression: str
    date: str                 # expression date
    in_force: str             # in force from (commencement, else the expression date)
    title: str
    event: str                # adoption | amendment | revision
    decision: str             # the amending decision's title ("" for the original)
    path: str                 # relative to the store root
    sha256: str
    articles: int


@dataclass
class AddResult:
    entry: Entry
    status: str               # "added" | "unchanged"


@dataclass
class Store:
    root: Path
    entries: list[Entry] = field(default_factory=list)

    # --- opening and saving ---------------------------------------------------------
    @classmethod
    def open(cls, root: str | os.PathLike | None = None, *, create: bool = False) -> "Store":
        root = Path(root) if root else default_root()
        index = root / INDEX
        if not index.exists():
            if not create:
                raise FtzlawError(f"no store at {root} (add a file first: ftzlaw store add FILE)")
            return cls(root)
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
            entries = [Entry(**e) for e in data["expressions"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise FtzlawError(f"the store index {index} is damaged ({exc})") from None
        return cls(root, entries)

    def _save(self) -> None:
        self.entries.sort(key=lambda e: (e.work, e.date))
        data = {"format": "ftzlaw-store/1", "expressions": [asdict(e) for e in self.entries]}
        write_atomic(self.root / INDEX, json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                     own_node=True)

    @contextlib.contextmanager
    def _locked(self):
        import fcntl
        import stat

        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / ".lock"
        # Never follow a link or truncate: a .lock planted as a symbolic link to a file
        # elsewhere must not harm that file.
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise FtzlawError(f"cannot use the store's lock file {path}: "
                              f"{exc.strerror or exc} (a symbolic link is refused)") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise FtzlawError(f"the store's lock file {path} is not a regular file")
        with os.fdopen(fd, "r+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                # Temp files left by a writer that was killed are never referenced: drop them.
                for tmp in self.root.rglob(".*.tmp"):
                    tmp.unlink(missing_ok=True)
                # Re-read under the lock: another writer may have committed meanwhile.
                fresh = Store.open(self.root, create=True)
                self.entries = fresh.entries
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # --- writing --------------------------------------------------------------------
    def add(self, tree) -> AddResult:
        """Add one AKN expression. The same expression again is a no-op; different content
        under an expression URI already stored is refused."""
        from ..akn.view import Document
        from ..akn.xml import to_bytes

        doc = Document(tree)
        work, expression = doc.work_uri, doc.expression_uri
        if not work or not expression or not doc.expression_date:
            raise FtzlawError("the document has no FRBR work/expression URI or date")
        if is_provisional(work):
            raise FtzlawError("the text has no title or adoption date: import it with "
                              "--title/--date before adding it to the store")
        rel = _relative_path(expression)
        data = to_bytes(tree)
        digest = _content_hash(tree, data)
        with self._locked():
            existing = self.find_expression(expression)
            if existing is not None:
                if existing.sha256 == digest:
                    return AddResult(existing, "unchanged")
                raise FtzlawError(f"the store already holds {expression} with different "
                                  f"content; refusing to replace it (a new version needs a new "
                                  f"expression date)")
            event, decision = _latest_event(doc)
            entry = Entry(work=work, expression=expression, date=doc.expression_date,
                          in_force=doc.in_force_from or doc.expression_date, title=doc.title,
                          event=event, decision=decision, path=rel, sha256=digest,
                          articles=len(doc.articles))
            target = self.root / rel
            if not target.resolve().is_relative_to(self.root.resolve()):
                raise FtzlawError(f"expression URI {expression!r} points outside the store")
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, own_node=True)
            self.entries.append(entry)
            self._save()
        return AddResult(entry, "added")

    # --- reading --------------------------------------------------------------------
    def find_expression(self, expression: str) -> Entry | None:
        return next((e for e in self.entries if e.expression == expression), None)

    def works(self) -> list[str]:
        return sorted({e.work for e in self.entries})

    def aliases(self, work: str) -> list[str]:
        """Short names for a work: ``tianjin`` (if the place has one work), ``tianjin-ftz``."""
        place = work.split("/")[2]
        name = PINYIN.get(place, place)
        number = work.rstrip("/").rsplit("/", 1)[-1]
        out = [f"{name}-{number}"]
        if sum(1 for w in self.works() if w.split("/")[2] == place) == 1:
            out.insert(0, name)
        return out

    def resolve_work(self, name: str) -> str:
        """A work URI, an expression URI or an alias → the work URI."""
        name = name.rstrip("/")
        works = self.works()
        if name in works:
            return name
        for e in self.entries:
            if e.expression == name:
                return e.work
        for w in works:
            if name in self.aliases(w):
                return w
        known = ", ".join(a for w in works for a in self.aliases(w)[:1]) or "none"
        raise FtzlawError(f"no work {name!r} in the store {self.root} (known: {known})")

    def versions(self, work: str) -> list[Entry]:
        return sorted((e for e in self.entries if e.work == work), key=lambda e: e.date)

    def at(self, work: str, date: str) -> Entry:
        """The version in force on ``date`` (YYYY-MM-DD, strictly: ``20220101`` is refused;
        dates are compared as dates, not strings)."""
        when = _date(date, "the date")
        versions = self.versions(work)
        in_force = [e for e in versions if _date(e.in_force, "an in-force date of the index")
                    <= when]
        if not in_force:
            first = min((e.in_force for e in versions), default="?")
            raise FtzlawError(f"{work} was not yet in force on {date} (first in force {first})")
        return max(in_force, key=lambda e: (_date(e.in_force, ""), _date(e.date, "")))

    def file_of(self, entry: Entry) -> Path:
        """The stored file of ``entry``, checked to be the one its expression URI names and
        to lie inside the store (an index edited to say ``../../etc/passwd`` is refused)."""
        try:
            expected = _relative_path(entry.expression)
        except FtzlawError:
            expected = None
        if entry.path != expected:
            raise FtzlawError(f"the store index is damaged: {entry.expression} has path "
                              f"{entry.path!r}, not {expected!r}")
        path = self.root / entry.path
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise FtzlawError(f"the store file {path} points outside the store; refused")
        return path

    def read_bytes(self, entry: Entry) -> bytes:
        """The stored XML of ``entry``, checked against the index's sha256 (a file edited,
        swapped or truncated outside ftzlaw is a clear error, never read as the version)."""
        return self._read(entry)[0]

    def load(self, entry: Entry):
        """The stored version as an AKN tree (checked as :meth:`read_bytes`)."""
        return self._read(entry)[1]

    def _read(self, entry: Entry):
        from lxml import etree

        from ..akn.xml import parse_akn
        from ..files import MAX_INPUT_BYTES

        path = self.file_of(entry)
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise FtzlawError(f"store file missing: {path} ({exc.strerror})") from None
        try:
            tree = parse_akn(data, str(path))
        except FtzlawError as exc:
            raise FtzlawError(f"the store file {path} is damaged ({exc.message}); it was "
                              f"changed outside ftzlaw") from None
        digest = hashlib.sha256(etree.tostring(tree.getroot(), method="c14n")).hexdigest()
        if digest != entry.sha256:
            raise FtzlawError(f"the store file {path} does not match the index (sha256 "
                              f"{digest[:12]}…, expected {entry.sha256[:12]}…): it was edited "
                              f"or swapped outside ftzlaw; restore it (or re-add the version "
                              f"to a fresh store)")
        return data, tree


_SAFE_URI = re.compile(r"^/akn(/[A-Za-z0-9][A-Za-z0-9@._\-!]*)+$")


def _relative_path(expression: str) -> str:
    """The file for an expression URI, refusing anything that could leave the store
    (``..``, odd characters): the URI comes from the document, not from us."""
    if not _SAFE_URI.match(expression) or any(p in (".", "..") for p in expression.split("/")):
        raise FtzlawError(f"unusable expression URI {expression!r} (expected /akn/…/lang@date)")
    return expression.lstrip("/") + ".xml"


def _content_hash(tree, data: bytes) -> str:
    """Hash of the canonical XML (C14N) of the serialised document, so only content counts,
    not the formatting the file came with."""
    from lxml import etree

    from ..akn.xml import parse_xml

    root = parse_xml(data).getroot()
    return hashlib.sha256(etree.tostring(root, method="c14n")).hexdigest()


def _latest_event(doc) -> tuple[str, str]:
    dated = [e for e in doc.events if e["date"] == doc.expression_date and e["type"]]
    if not dated:
        return "adoption", ""
    ev = dated[-1]
    if ev["type"] == "generation":
        return "adoption", ""
    kind = "revision" if ev["refersTo"] == "#revision" else "amendment"
    return kind, ev["source"]


def _date(text: str, what: str):
    try:
        return parse_date(text)
    except (ValueError, TypeError):
        raise FtzlawError(f"{what} is not a date as YYYY-MM-DD: {text!r}") from None
