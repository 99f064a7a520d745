"""ftzlaw index / search on the whole corpus: build time and size, query latency (warm,
in-process and whole-process), and recall@10 of the labelled Beijing → Tianjin/Hebei
counterparts — ours against a peer measured in the same run: plain FTS5 bm25 over the
query's trigrams (no exact scoring, no context), on the same index.

    python benchmarks/search_bench.py                 # builds /tmp/ftzlaw-bench-index.sqlite
    python benchmarks/search_bench.py --reuse         # reuse a built index
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import ftzlaw_cmd, process_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INDEX = Path("/tmp/ftzlaw-bench-index.sqlite")
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
GOLD = ROOT / "tests" / "fixtures" / "alignment" / "gold.csv"
LAW = "hainan"   # the one national law of the labelled set (the Hainan Free Trade Port Law)
TITLES = {"tianjin": ("中国（天津）自由贸易试验区条例", "2022-09-27"),
          "hebei": ("中国（河北）自由贸易试验区条例", "2020-09-24")}


def build() -> None:
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(ftzlaw_cmd() + ["index", "build", str(SHARED / "corpus"),
                                       str(SHARED / "texts"), "--index", str(INDEX),
                                       "--format", "json"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if r.returncode not in (0, 1):
        raise SystemExit(r.stderr)
    s = json.loads(r.stdout)
    print(f"index build (whole process, 2 import workers): {wall:.0f} s wall, {cpu:.0f} s CPU "
          f"(all processes) for {s['files']} files; "
          f"{s['indexed']} texts indexed ({s['articles']:,} articles), {s['skipped']} skipped "
          f"by the importer; file {INDEX.stat().st_size / 2**20:.0f} MiB")
    for reason, n in list(s["skip_reasons"].items())[:4]:
        print(f"  skipped {n}: {reason}")


def queries():
    from ftzlaw.akn.view import Document
    from ftzlaw.compare.evaluate import Gold
    from ftzlaw.load import load_tree
    from ftzlaw.search.query import Query

    doc = Document(load_tree(str(SEED), title="中国（北京）自由贸易试验区条例",
                             date="2022-03-31")[0])
    n = len(doc.articles)
    want: dict[str, set] = {}
    for a, ea, b, eb in Gold.load(GOLD).sure:
        if a == "beijing":
            want.setdefault(ea, set()).add((*TITLES[b], eb))
    out = []
    for k, art in enumerate(doc.articles):
        if art.eId in want:
            out.append((Query(art.text, title=doc.title, position=k / (n - 1),
                              siblings=tuple(a.text for j, a in enumerate(doc.articles)
                                             if j != k)), want[art.eId]))
    return out


def all_pair_queries(db):
    """Every labelled sure pair of the FTZ texts (tests/fixtures/alignment), both ways,
    as article queries (with the query text's title, place and other articles, its own
    version left out): ((query, {(work URI, date, eId, title, text)}, {those of them paired
    with the national law}) …), targets in the index only (the Beijing text is not in the
    corpus: it is only a query). Title and text let a copy of the target stand for it: search
    shows one of a text's copies (the dated one), and the undated copy of Shanghai 2014 in
    ../shared/texts is then never listed — its article is, under the corpus's dated copy."""
    import csv

    from ftzlaw.compare.evaluate import Gold, load_documents
    from ftzlaw.search.query import Query

    fixtures = GOLD.parent
    keys, docs = load_documents(fixtures, ROOT, SHARED)
    docs = dict(zip(keys, docs))
    with open(fixtures / "documents.csv", newline="", encoding="utf-8") as fh:
        names = {r["key"]: Path(r["path"]).name for r in csv.DictReader(fh)}
    expr = {}
    for key, name in names.items():
        row = db.execute("SELECT work_uri, date FROM texts WHERE path LIKE ? LIMIT 1",
                         ("%/" + name,)).fetchone()
        expr[key] = tuple(row) if row else None
    want: dict[tuple[str, str], set] = {}
    law: dict[tuple[str, str], set] = {}
    for a, ea, b, eb in Gold.load(GOLD).sure:
        for x, ex, y, ey in ((a, ea, b, eb), (b, eb, a, ea)):
            if expr[y]:
                target = (*expr[y], ey, docs[y].title, docs[y].article(ey).text)
                want.setdefault((x, ex), set()).add(target)
                if LAW in (x, y):
                    law.setdefault((x, ex), set()).add(target)
    out = []
    for (x, ex), targets in sorted(want.items()):
        arts = docs[x].articles
        k = [a.eId for a in arts].index(ex)
        out.append((Query(arts[k].text, title=docs[x].title, position=k / (len(arts) - 1),
                          exclude_expression=expr[x],
                          siblings=tuple(a.text for j, a in enumerate(arts) if j != k)),
                    targets, law.get((x, ex), set())))
    return out


def _flat(text: str) -> str:
    return "".join(text.split())


def peer_bm25(db, text: str, top: int = 10) -> list[tuple[str, str, str]]:
    """Plain FTS5: every trigram of the query OR-ed, bm25 order, no rescoring."""
    from ftzlaw.search.query import trigrams

    terms = " OR ".join('"' + t.replace('"', '""') + '"' for t in trigrams(text))
    return db.execute(
        "SELECT t.title, t.date, a.eId FROM articles_fts f JOIN articles a ON a.id = f.rowid "
        "JOIN texts t ON t.id = a.text_id WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (terms, top)).fetchall()


def measure() -> None:
    from ftzlaw.search import Index, Searcher
    from ftzlaw.search.query import trigrams

    qs = queries()
    index = Index.open(INDEX)
    searcher = Searcher(index)
    for q, _ in qs[:3]:            # warm the page cache and the frequency cache
        searcher.search(q, top=10)
    found = total = 0
    times, cpus = [], []
    for q, want in qs:
        t0, c0 = time.perf_counter(), time.process_time()
        hits = searcher.search(q, top=10)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        got = {(h.title, h.date, h.eId) for h in hits}
        found += len(want & got)
        total += len(want)
    print(f"ours: recall@10 {found}/{total} = {found / total:.3f}; query median "
          f"{statistics.median(times) * 1000:.0f} ms, p90 "
          f"{sorted(times)[int(len(times) * 0.9)] * 1000:.0f} ms (warm, in-process, "
          f"{len(qs)} article queries); CPU median {statistics.median(cpus) * 1000:.0f} ms")
    found = 0
    times, cpus = [], []
    for q, want in qs:
        t0, c0 = time.perf_counter(), time.process_time()
        got = set(peer_bm25(index.db, q.text))
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        found += len(want & got)
    print(f"peer (plain FTS5 bm25 over all trigrams): recall@10 {found}/{total} = "
          f"{found / total:.3f}; query median {statistics.median(times) * 1000:.0f} ms, "
          f"CPU median {statistics.median(cpus) * 1000:.0f} ms")
    # All labelled pairs of the FTZ texts, both ways (those with a target in the index):
    # not only the Beijing pairs above. A target counts when it is a result or listed among
    # a result's other versions (one result per work).
    pairs = all_pair_queries(index.db)
    found = peer = total = law_found = law_total = 0
    for q, want, law in pairs:
        shown = [v for h in searcher.search(q, top=10) for v in [h, *h.versions]]
        ids = {(v.work_uri, v.date, v.eId) for v in shown}
        copies = {(v.title, _flat(v.text)) for v in shown}
        got = {t for t in want if t[:3] in ids or (t[3], _flat(t[4])) in copies}
        found += len(got)
        total += len(want)
        law_found += len(law & got)
        law_total += len(law)
        terms = " OR ".join('"' + t.replace('"', '""') + '"' for t in trigrams(q.text))
        rows = set(index.db.execute(
            "SELECT t.work_uri, t.date, a.eId FROM articles_fts f JOIN articles a ON "
            "a.id = f.rowid JOIN texts t ON t.id = a.text_id WHERE articles_fts MATCH ? AND "
            "NOT (t.work_uri = ? AND t.date = ?) ORDER BY rank LIMIT 10",
            (terms, *(q.exclude_expression or ("", "")))))
        peer += sum(1 for t in want if t[:3] in rows)
    print(f"all labelled FTZ pairs, both ways ({len(pairs)} article queries): recall@10 ours "
          f"{found}/{total} = {found / total:.3f}; peer {peer}/{total} = {peer / total:.3f}")
    print(f"  … the regulations' pairs: {found - law_found}/{total - law_total} = "
          f"{(found - law_found) / (total - law_total):.3f}; the national law's "
          f"({LAW}, both ways): {law_found}/{law_total} = {law_found / law_total:.3f}")
    index.close()
    # whole process, as a user runs it
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "beijing.xml"
        process_time(ftzlaw_cmd() + ["import", str(SEED), "--title", "中国（北京）自由贸易试验区条例",
                                     "--date", "2022-03-31", "-q", "-o", str(seed)], repeat=1)
        walls = [process_time(ftzlaw_cmd() + ["search", "--article", f"{seed}#art_{k}",
                                              "--index", str(INDEX), "--top", "10",
                                              "--format", "json"], ok=(0, 1), repeat=3)
                 for k in (12, 16, 42, 44, 53)]
        text = process_time(ftzlaw_cmd() + ["search", "实行国际贸易单一窗口", "--index", str(INDEX)],
                            ok=(0, 1))
    print(f"whole process (ftzlaw search --article beijing.xml#art_N): median "
          f"{statistics.median(walls) * 1000:.0f} ms; a phrase query {text * 1000:.0f} ms")


if __name__ == "__main__":
    if "--reuse" not in sys.argv or not INDEX.exists():
        build()
    measure()
