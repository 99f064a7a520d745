"""The corpus index: one SQLite file holding every article of every indexed text.

Layout (schema version :data:`SCHEMA`)::

    meta(key, value)                       -- format, schema, counts
    texts(id, path, sha256, title, work_uri, date, place, articles)
    articles(id, text_id, seq, eId, num, heading, chapter, body)
    articles_fts(body)                     -- FTS5, trigram tokenizer, external content
    grams(term, df)                        -- trigram or bigram → articles holding it
    skipped(path, reason)                  -- texts that could not be imported

Candidates for a query come from FTS5 itself: the query's rarest trigrams (document
frequencies from ``grams``) are OR-ed into one MATCH, ranked by FTS5's bm25; the best
candidates are then scored exactly (:mod:`ftzlaw.search.query`). Nothing scores all
articles: a query touches the posting lists of a few dozen rare trigrams.

Texts are imported with :func:`ftzlaw.textin.import_bytes` (strict: a text without a title
is skipped, counted and its reason kept — the importer, not the index, decides what a text
says) in worker processes, and read through :class:`ftzlaw.akn.view.Document`. A text that
gives no date is dated by its file name when that ends in one (``标题(2014-07-25).md``, as
the corpus names its versions); else it keeps the stand-in date ``0001-01-01``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FtzlawError

FORMAT = "ftzlaw-index"
SCHEMA = 2
SUFFIXES = (".txt", ".md", ".docx", ".xml")
DEFAULT_INDEX = "ftzlaw-index.sqlite"
MIN_SQLITE = (3, 34, 0)   # FTS5 trigram tokenizer

_DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE texts(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, sha256 TEXT NOT NULL,
                   title TEXT NOT NULL, work_uri TEXT, date TEXT, place TEXT,
                   articles INTEGER NOT NULL);
CREATE TABLE articles(id INTEGER PRIMARY KEY, text_id INTEGER NOT NULL, seq INTEGER NOT NULL,
                      eId TEXT NOT NULL, num TEXT, heading TEXT, chapter TEXT,
                      body TEXT NOT NULL);
CREATE INDEX articles_text ON articles(text_id, seq);
CREATE VIRTUAL TABLE articles_fts USING fts5(body, content='articles', content_rowid='id',
                                             tokenize='trigram');
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab('articles_fts', 'row');
CREATE TABLE grams(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE skipped(path TEXT PRIMARY KEY, reason TEXT NOT NULL) WITHOUT ROWID;
"""


def default_index_path() -> Path:
    """``$FTZLAW_INDEX``, else ``ftzlaw-index.sqlite`` next to the store folder
    (``$FTZLAW_STORE`` or ``./ftzlaw-store``)."""
    env = os.environ.get("FTZLAW_INDEX")
    if env:
        return Path(env)
    from ..store import DEFAULT_STORE

    store = Path(os.environ.get("FTZLAW_STORE") or DEFAULT_STORE)
    return store.parent / DEFAULT_INDEX


def check_sqlite() -> None:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise FtzlawError(f"SQLite {sqlite3.sqlite_version} is too old for the index: the FTS5 "
                          f"trigram tokenizer needs 3.34 or later")


# --- reading one text (runs in worker processes) ---------------------------------------------
@dataclass
class TextRecord:
    path: str
    sha256: str
    title: str = ""
    work_uri: str | None = None
    date: str | None = None
    place: str | None = None
    # (eId, num, heading, chapter label, text)
    articles: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    error: str | None = None
    bigrams: dict[str, int] = field(default_factory=dict)   # bigram → articles holding it


def bigram_df(bodies) -> dict[str, int]:
    """In how many of ``bodies`` each bigram of word characters occurs (lower case)."""
    from collections import Counter

    from .query import bigrams

    out: Counter = Counter()
    for b in bodies:
        out.update(bigrams(b))
    return dict(out)


def place_of(work_uri: str | None) -> str | None:
    """``cn-bj`` from ``/akn/cn-bj/act/…``."""
    if not work_uri or not work_uri.startswith("/akn/"):
        return None
    return work_uri.split("/")[2] or None


def read_text_record(path: str) -> TextRecord:
    """Import one file and keep only what the index needs. Never raises: a text that does
    not import comes back with ``error`` set."""
    from ..akn.view import Document
    from ..akn.xml import looks_like_xml, parse_akn
    from ..files import read_bytes
    from ..zh.dates import date_in_name, is_dated

    try:
        data = read_bytes(path)
    except FtzlawError as exc:
        return TextRecord(path, "", error=str(exc))
    rec = TextRecord(path, hashlib.sha256(data).hexdigest())
    try:
        if looks_like_xml(data):
            tree = parse_akn(data, path)
        else:
            from ..textin import import_bytes

            tree = import_bytes(data, source=path).tree
        doc = Document(tree, path)
        labels = {d.eId: " ".join(x for x in (d.num, d.heading) if x) for d in doc.divisions}
        rec.title, rec.work_uri = doc.title, doc.work_uri
        rec.date, rec.place = doc.expression_date, place_of(doc.work_uri)
        if not is_dated(rec.date):
            # the text gives no date: the one its file is named after, if any (the corpus
            # names each version so), dates it for search and the spread timeline
            rec.date = date_in_name(Path(path).name) or rec.date
        for a in doc.articles:
            text = a.text
            if text.strip():
                rec.articles.append((a.eId, a.num, a.heading, labels.get(a.division or "", ""),
                                     text))
        if not rec.articles:
            rec.error = "no article (第X条): nothing to index"
        else:
            rec.bigrams = bigram_df(a[4] for a in rec.articles)
    except FtzlawError as exc:
        rec.error = _first_line(str(exc))
    except Exception as exc:  # an importer bug must not stop a corpus build: count it
        rec.error = f"internal error ({type(exc).__name__}: {_first_line(str(exc))})"
    return rec


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _reason(error: str, path: str) -> str:
    """The error without the file name the importer puts in front of it."""
    return error[len(path) + 2:] if error.startswith(path + ": ") else error


def collect_files(sources) -> list[str]:
    """Files under the given folders (recursively, sorted) and the given files."""
    out: list[str] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*")
                          if f.is_file() and f.suffix.lower() in SUFFIXES
                          and not f.name.startswith((".", "_")))
        elif p.is_file():
            out.append(str(p))
        else:
            raise FtzlawError("no such file or folder", source=str(src))
    seen: set[str] = set()
    return [f for f in out if not (f in seen or seen.add(f))]


# --- the index ---------------------------------------------------------------------------------
@dataclass
class BuildReport:
    files: int = 0
    indexed: int = 0
    unchanged: int = 0
    replaced: int = 0
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def reasons(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, r in self.skipped:
            out[r] = out.get(r, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def as_dict(self) -> dict:
        return {"files": self.files, "indexed": self.indexed, "unchanged": self.unchanged,
                "replaced": self.replaced, "articles": self.articles,
                "skipped": len(self.skipped), "skip_reasons": self.reasons()}


class Index:
    """An open index file. ``Index.create(path)`` starts a new one (replacing nothing until
    :meth:`commit_build` renames it into place); ``Index.open(path)`` reads an existing one
    and refuses a missing or foreign/corrupt file with a clear error."""

    def __init__(self, db: sqlite3.Connection, path: Path, final: Path | None = None):
        self.db = db
        self.path = path
        self._final = final   # where a new index is renamed to when the build succeeds

    # --- opening ------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike) -> "Index":
        check_sqlite()
        final = Path(path)
        folder = final.parent if str(final.parent) else Path(".")
        if not folder.is_dir():
            raise FtzlawError("index folder does not exist", source=str(path))
        if final.is_dir():
            raise FtzlawError("is a folder, not an index file", source=str(path))
        tmp = folder / f".{final.name}.building"
        for p in (tmp, Path(str(tmp) + "-journal")):
            if p.exists():
                p.unlink()
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _DDL)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("format", FORMAT), ("schema", str(SCHEMA))])
        return cls(db, tmp, final)

    @classmethod
    def open(cls, path: str | os.PathLike, write: bool = False) -> "Index":
        check_sqlite()
        p = Path(path)
        if not p.exists():
            raise FtzlawError("no index here: build one with `ftzlaw index build DIR…` "
                              "(or give --index PATH)", source=str(path))
        if p.is_dir():
            raise FtzlawError("is a folder, not an index file", source=str(path))
        if p.stat().st_size == 0:
            raise FtzlawError("empty file, not an ftzlaw index; build one with "
                              "`ftzlaw index build`", source=str(path))
        try:
            uri = f"file:{p.resolve()}?mode={'rw' if write else 'ro'}"
            db = sqlite3.connect(uri, uri=True)
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
            db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"abc\"'"
                       ).fetchone()
        except sqlite3.DatabaseError as exc:
            if "no such table" in str(exc):
                raise FtzlawError("an SQLite file but not an ftzlaw index; build one with "
                                  "`ftzlaw index build`", source=str(path)) from None
            raise FtzlawError(f"not a readable ftzlaw index ({exc}); rebuild it with "
                              f"`ftzlaw index build`", source=str(path)) from None
        if rows.get("format") != FORMAT:
            raise FtzlawError("not an ftzlaw index; rebuild it with `ftzlaw index build`",
                              source=str(path))
        if rows.get("schema") != str(SCHEMA):
            raise FtzlawError(f"index schema {rows.get('schema')} is not {SCHEMA}; rebuild it "
                              f"with `ftzlaw index build`", source=str(path))
        return cls(db, p)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is not None and self._final is not None:
            self.db.close()
            self.path.unlink(missing_ok=True)
        else:
            self.close()

    # --- writing --------------------------------------------------------------------------
    def add_files(self, files: list[str], jobs: int | None = None, progress=None,
                  report: BuildReport | None = None) -> BuildReport:
        """Import ``files`` (in ``jobs`` worker processes) and add their articles. A file
        already indexed with the same contents is left alone; with other contents it is
        replaced. ``progress(n)`` is called as files are done."""
        report = report or BuildReport()
        report.files += len(files)
        known = dict(self.db.execute("SELECT path, sha256 FROM texts"))
        todo = []
        for f in files:
            if f in known:
                try:
                    same = hashlib.sha256(Path(f).read_bytes()).hexdigest() == known[f]
                except OSError:
                    same = False
                if same:
                    report.unchanged += 1
                    if progress:
                        progress(1)
                    continue
            todo.append(f)
        touched: set[str] = set()
        bi: dict[str, int] = {}
        for rec in _imported(todo, jobs):
            if progress:
                progress(1)
            if rec.error:
                report.skipped.append((rec.path, _reason(rec.error, rec.path)))
                self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?)",
                                (rec.path, _reason(rec.error, rec.path)))
                continue
            if rec.path in known:
                self._remove(rec.path, touched, bi)
                report.replaced += 1
            for g, n in rec.bigrams.items():
                bi[g] = bi.get(g, 0) + n
            self.db.execute("DELETE FROM skipped WHERE path = ?", (rec.path,))
            cur = self.db.execute(
                "INSERT INTO texts(path, sha256, title, work_uri, date, place, articles) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rec.path, rec.sha256, rec.title, rec.work_uri, rec.date, rec.place,
                 len(rec.articles)))
            tid = cur.lastrowid
            first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
            self.db.executemany(
                "INSERT INTO articles(id, text_id, seq, eId, num, heading, chapter, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(first + k, tid, k, *a) for k, a in enumerate(rec.articles)])
            self.db.executemany("INSERT INTO articles_fts(rowid, body) VALUES (?, ?)",
                                [(first + k, a[4]) for k, a in enumerate(rec.articles)])
            if self._final is None:   # an existing index: its trigram counts change
                touched.update(_terms(a[4] for a in rec.articles))
            report.indexed += 1
            report.articles += len(rec.articles)
        self._update_grams(touched)
        self._update_bigrams(bi)
        return report

    def _update_bigrams(self, delta: dict[str, int]) -> None:
        """Add ``delta`` to the bigram frequencies (rows that reach 0 go)."""
        self.db.executemany("INSERT INTO grams VALUES (?, ?) ON CONFLICT(term) DO UPDATE "
                            "SET df = df + excluded.df", delta.items())
        self.db.execute("DELETE FROM grams WHERE df <= 0")

    def _remove(self, path: str, touched: set[str], bi: dict[str, int]) -> None:
        (tid,) = self.db.execute("SELECT id FROM texts WHERE path = ?", (path,)).fetchone()
        rows = self.db.execute("SELECT id, body FROM articles WHERE text_id = ?",
                               (tid,)).fetchall()
        self.db.executemany("INSERT INTO articles_fts(articles_fts, rowid, body) "
                            "VALUES ('delete', ?, ?)", rows)
        touched.update(_terms(b for _, b in rows))
        for g, n in bigram_df(b for _, b in rows).items():
            bi[g] = bi.get(g, 0) - n
        self.db.execute("DELETE FROM articles WHERE text_id = ?", (tid,))
        self.db.execute("DELETE FROM texts WHERE id = ?", (tid,))

    def _update_grams(self, touched: set[str] | None) -> None:
        """Document frequencies of trigrams, from FTS5's own vocabulary."""
        if touched is None or self._final is not None:   # a new index: all at once
            self.db.execute("DELETE FROM grams WHERE length(term) = 3")
            self.db.execute("INSERT INTO grams SELECT term, doc FROM fts_vocab")
            return
        terms = sorted(touched)
        for k in range(0, len(terms), 500):
            chunk = terms[k:k + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM grams WHERE term IN ({marks})", chunk)
            self.db.execute(f"INSERT INTO grams SELECT term, doc FROM fts_vocab "
                            f"WHERE term IN ({marks})", chunk)

    def commit_build(self) -> None:
        """Finish a new index: counts, optimise, rename into place (atomically)."""
        self._set_counts()
        self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        os.replace(self.path, self._final)
        self.path, self._final = self._final, None
        self.db = sqlite3.connect(self.path)

    def commit(self) -> None:
        self._set_counts()
        self.db.commit()

    def _set_counts(self) -> None:
        n = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        t = self.db.execute("SELECT count(*) FROM texts").fetchone()[0]
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [("articles", str(n)), ("texts", str(t))])

    # --- reading --------------------------------------------------------------------------
    def stats(self) -> dict:
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        skipped = self.db.execute("SELECT count(*) FROM skipped").fetchone()[0]
        return {"texts": int(meta.get("texts", 0)), "articles": int(meta.get("articles", 0)),
                "skipped": skipped, "path": str(self.path),
                "bytes": self.path.stat().st_size if self.path.exists() else 0}

    @property
    def article_count(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'articles'")
                   .fetchone()[0])


def _terms(bodies) -> set[str]:
    """FTS5 trigram tokens of the bodies (what fts_vocab lists): three characters, lower
    case, sliding over the whole text."""
    out: set[str] = set()
    for b in bodies:
        b = b.lower()
        out.update(b[i:i + 3] for i in range(len(b) - 2))
    return out


def _imported(files: list[str], jobs: int | None):
    """TextRecords for ``files`` in order of completion, imported in worker processes."""
    jobs = jobs or min(len(files), os.cpu_count() or 1)
    if jobs <= 1 or len(files) < 4:
        for f in files:
            yield read_text_record(f)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs) as pool:
        yield from pool.imap_unordered(read_text_record, files, chunksize=8)


def build_index(sources, path: str | os.PathLike, jobs: int | None = None,
                progress=None) -> BuildReport:
    """Build a new index at ``path`` over every text under ``sources`` (folders or files).
    The file is written beside and renamed into place at the end: a failed build leaves
    the old index (or none) behind."""
    files = collect_files(sources)
    if not files:
        raise FtzlawError("no texts (.txt, .md, .docx, .xml) found in " + ", ".join(map(str, sources)))
    with Index.create(path) as index:
        report = index.add_files(files, jobs=jobs, progress=progress)
        index.commit_build()
    return report


def add_to_index(sources, path: str | os.PathLike, jobs: int | None = None,
                 progress=None) -> BuildReport:
    """Add (or refresh) texts in an existing index."""
    files = collect_files(sources)
    index = Index.open(path, write=True)
    try:
        report = index.add_files(files, jobs=jobs, progress=progress)
        index.commit()
    except BaseException:
        index.db.rollback()
        raise
    finally:
        index.close()
    return report
