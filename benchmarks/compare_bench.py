"""ftzlaw compare: accuracy against the hand-labelled gold alignment (ours vs the plain
character-bigram TF-IDF cosine baseline, in the same run, leave-one-pair-out), speed and
memory on the corpus texts and on three generated 1k/3k/10k-article documents.

    python benchmarks/compare_bench.py               # everything
    python benchmarks/compare_bench.py --sizes 1000 10000
    python benchmarks/compare_bench.py --accuracy     # the gold set only
    python benchmarks/compare_bench.py --versions     # the corpus's 96 version pairs
"""

from __future__ import annotations

import random
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "texts"
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
SEED_KW = {"title": "中国（北京）自由贸易试验区条例", "date": "2022-03-31"}
GOLD = ROOT / "tests" / "fixtures" / "alignment" / "gold.csv"
CHECK = ROOT / "tests" / "fixtures" / "alignment-check" / "judged.csv"
SECOND = ROOT / "tests" / "fixtures" / "alignment-second" / "judged.csv"
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
DATES = {"shanghai-ftz-2014.txt": "2014-07-25"}


def accuracy() -> None:
    """Leave-one-pair-out precision/recall on the six labelled document pairs, ours vs the
    plain bigram TF-IDF cosine in the same run."""
    from ftzlaw.compare import DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE
    from ftzlaw.compare.evaluate import (Gold, at_recall, baseline_scores, best_f1,
                                         cross_validated_scores, evaluate, load_documents,
                                         sweep)

    keys, docs = load_documents(GOLD.parent, ROOT, ROOT.parent / "shared")
    gold = Gold.load(GOLD)
    print(f"gold: {len(gold.sure)} sure + {len(gold.possible)} possible pairs, "
          f"{len(gold.doc_pairs())} document pairs, {sum(len(d.articles) for d in docs)} articles")
    plain = baseline_scores({k: [(a.eId, a.text) for a in d.articles]
                             for k, d in zip(keys, docs)}, gold.doc_pairs())
    base = sweep(plain, gold, [x / 200 for x in range(1, 200)])
    t, s = best_f1(base)
    print(f"baseline (bigram TF-IDF cosine), best F1 at {t:.3f}:  {s}")
    cv = cross_validated_scores([d.articles for d in docs], keys, gold)
    strict = Gold(gold.sure, set(), gold.possible | gold.unrelated)
    strict_base = sweep(plain, strict, [x / 200 for x in range(1, 200)])
    t, s = best_f1(strict_base)
    print(f"baseline counted strictly (sure pairs only right), best F1 at {t:.3f}: {s}")
    for name, t in (("matches", DEFAULT_MIN_SCORE),
                    ("matches + related", DEFAULT_RELATED_SCORE)):
        ours = evaluate({k for k, v in cv.items() if v >= t}, gold)
        print(f"ours (held-out pair), {name} (≥ {t}): {ours}")
        bt, bs = at_recall(base, ours.recall)
        print(f"  baseline at ours' recall ({bt:.3f}):       {bs}")
        st = evaluate({k for k, v in cv.items() if v >= t}, strict)
        bt, bs = at_recall(strict_base, st.recall)
        print(f"  counted strictly (sure pairs only right): {st}; baseline at that recall "
              f"({bt:.3f}): P {bs.precision:.3f}")
    for t, s in sweep(cv, gold, [x / 20 for x in range(1, 20)]):
        if t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.7):
            print(f"  ours at {t:.2f}: {s}")
    for a, b in gold.doc_pairs():
        part = gold.restrict(a, b)
        got = [evaluate({k for k, v in cv.items() if v >= t and (k[0], k[2]) == (a, b)}, part)
               for t in (DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE)]
        print(f"  held out {a}–{b}: matches {got[0]}; with related {got[1]}")
    second_reading(gold, cv, plain)
    check_set(dict(zip(keys, docs)))


def second_reading(gold, cv, plain) -> None:
    """The gold pairs judged again, blind, by other readers (tests/fixtures/alignment-second):
    agreement, the second reader as a tool, and the held-out scores (``cv``) and the
    baseline's (``plain``) against that reading."""
    from ftzlaw.compare import DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE
    from ftzlaw.compare.evaluate import Gold, agreement, at_recall, evaluate, sweep

    second = Gold.load(SECOND)
    got = agreement(gold, second)
    table = ", ".join(f"{x}→{y} {n}" for (x, y), n in sorted(got.confusion.items()))
    print(f"second reading of the {got.pairs} gold pairs: κ {got.kappa:.3f}; {table}")
    print(f"  the second reader as a tool against the gold set: sure + possible "
          f"{got.counterparts}; sure alone {got.sure_only}")
    for name, t in (("matches", DEFAULT_MIN_SCORE), ("matches + related", DEFAULT_RELATED_SCORE)):
        ours = evaluate({k for k, v in cv.items() if v >= t}, second)
        bt, bs = at_recall(sweep(plain, second, [x / 200 for x in range(1, 200)]), ours.recall)
        print(f"  ours (held-out pair), {name}, against the second reading: {ours}; "
              f"baseline at that recall ({bt:.3f}): P {bs.precision:.3f}")


def check_set(by_key) -> None:
    """The four document pairs never fitted on (tests/fixtures/alignment-check): the
    shipped model's matches and related pairs (each pair, then all four, also counted
    strictly), the baseline at the same (pooled) recall."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.compare.evaluate import (Gold, at_recall, baseline_scores, evaluate,
                                         predicted_pairs, sweep)

    check = Gold.load(CHECK)
    strict = Gold(check.sure, set(), check.possible | check.unrelated)
    every = {False: set(), True: set()}
    for a, b in check.doc_pairs():
        part = check.restrict(a, b)
        al = compare_documents([by_key[a], by_key[b]], [a, b])
        base = sweep(baseline_scores({k: [(x.eId, x.text) for x in by_key[k].articles]
                                      for k in (a, b)}, [(a, b)]),
                     part, [x / 200 for x in range(28, 200)])
        for name, related in (("matches", False), ("with related", True)):
            got = predicted_pairs(al, [a, b], related=related)
            every[related] |= got
            ours = evaluate(got, part)
            t, bs = at_recall(base, ours.recall)
            there = f"({t:.3f}): P {bs.precision:.3f}" if bs.predicted else \
                "not reached from 0.14 (the pooled range)"
            print(f"  never fitted on, {a}–{b}, {name}: {ours}; strictly P "
                  f"{evaluate(got, strict).precision:.3f}; baseline at that recall {there}")
    for name, related in (("matches", False), ("with related", True)):
        print(f"  never fitted on, all four, {name}: {evaluate(every[related], check)}; "
              f"strictly P {evaluate(every[related], strict).precision:.3f}")


def corpus_speed() -> None:
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    paths = sorted(p for p in TEXTS.glob("*.txt") if "decision" not in p.name)
    trees = [load_tree(str(p), date=DATES.get(p.name))[0] for p in paths]
    names = [p.name for p in paths]
    n = sum(len(t.getroot()[0].findall(".//{*}article")) for t in trees)
    t = best_of(lambda: compare_documents(trees, names), repeat=3)
    al = compare_documents(trees, names)
    tracemalloc.start()
    compare_documents(trees, names)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"all pairs of {len(paths)} corpus texts ({n} articles, {len(al.pairs)} pairs, "
          f"{sum(len(p.matches) for p in al.pairs)} matches): {t * 1000:.0f} ms in-process, "
          f"peak traced memory {peak / 2**20:.1f} MiB")
    whole = process_time(ftzlaw_cmd() + ["compare", *map(str, paths), "--format", "json"], ok=(0, 1))
    print(f"the same, whole process (ftzlaw compare … --format json): {whole * 1000:.0f} ms")
    seed3 = [str(SEED), str(TEXTS / "tianjin-ftz-2022.txt"), str(TEXTS / "hebei-ftz-2020.txt")]
    whole3 = process_time(ftzlaw_cmd() + ["compare", *seed3], ok=(0, 1))
    print(f"seed + tianjin-2022 + hebei-2020, whole process, text report: {whole3 * 1000:.0f} ms")


FOREIGN_VERSIONS = (("01-za-constitution-1996-eng-1998-10-30.xml",
                     "02-za-constitution-1996-eng-2013-08-23.xml"),
                    ("10-es-ley-34-2002-original.xml", "11-es-ley-34-2002-vigente-2025.xml"))


def _version_check(x: Path, y: Path) -> tuple[int, int, int, int, int]:
    """Two versions of one law compared: (unchanged articles — one twin on each side, over
    15 characters —, those matched to their twin, other matches touching one of them, all
    matches, related pairs touching one of them)."""
    from collections import Counter

    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    squash = re.compile(r"\s+")
    al = compare_documents([load_tree(str(x))[0], load_tree(str(y))[0]], ["a", "b"])
    a, b = al.documents
    ta = [squash.sub("", z.text) for z in a.articles]
    tb = [squash.sub("", z.text) for z in b.articles]
    once_a, once_b = Counter(ta), Counter(tb)
    where = {t: z.eId for t, z in zip(tb, b.articles) if once_b[t] == 1}
    unchanged = {(z.eId, where[t]) for t, z in zip(ta, a.articles)
                 if len(t) > 15 and t in where and once_a[t] == 1}
    got = {(m.a_eId, m.b_eId) for m in al.pairs[0].matches}
    side_a, side_b = {p[0] for p in unchanged}, {p[1] for p in unchanged}
    extra = sum(1 for p in got - unchanged if p[0] in side_a or p[1] in side_b)
    related = sum(1 for m in al.pairs[0].related if m.a_eId in side_a or m.b_eId in side_b)
    return len(unchanged), len(unchanged & got), extra, len(got), related


def version_pairs() -> None:
    """Every pair of consecutive versions of one title in the corpus (96 pairs): an article
    unchanged between them must match its twin and nothing else — a check of precision on
    real texts that no label covers. Then the same for the two foreign laws given in two
    versions (../shared/akn-foreign: English, Spanish; read as words)."""
    from collections import defaultdict

    by_title = defaultdict(list)
    for p in CORPUS.rglob("*.md"):
        m = re.match(r"(.*)\((\d{4}-\d{2}-\d{2})\)\.md$", p.name)
        if m:
            by_title[m.group(1)].append((m.group(2), p))
    pairs = [(x[1], y[1]) for v in by_title.values() for x, y in zip(sorted(v), sorted(v)[1:])]
    twins = found = extra = matches = related = 0
    start = time.perf_counter()
    for x, y in pairs:
        t, f, e, m, r = _version_check(x, y)
        twins, found, extra, matches = twins + t, found + f, extra + e, matches + m
        related += r
    print(f"{len(pairs)} version pairs of the corpus: unchanged articles matched to their twin "
          f"{found}/{twins}; other matches touching an unchanged article {extra} "
          f"(of {matches} matches), related pairs touching one {related}; "
          f"{time.perf_counter() - start:.1f} s")
    for x, y in FOREIGN_VERSIONS:
        folder = ROOT.parent / "shared" / "akn-foreign"
        t, f, e, m, r = _version_check(folder / x, folder / y)
        print(f"  {x} → {y}: twins {f}/{t}; other matches touching them {e} (of {m}), "
              f"related {r}")


_ART = re.compile(r"^第[一二三四五六七八九十百千零〇]+条\s*(.+)$", re.M)


def corpus_articles(n: int) -> list[str]:
    """The first ``n`` distinct articles (over 20 characters) of the corpus, read straight
    from its Markdown (real provisions, real repetition of boilerplate)."""
    out: dict[str, None] = {}
    for p in sorted(CORPUS.rglob("*.md")):
        for m in _ART.finditer(p.read_text(encoding="utf-8", errors="replace")):
            if len(m.group(1)) > 20:
                out[m.group(1)] = None
        if len(out) >= n:
            break
    return list(out)[:n]


def three_documents(n: int):
    """Document A: ``n`` real corpus articles in chapters of 40; B and C: edited copies of A
    (10 % of articles dropped, 30 % reworded, 5 % new, 1 % moved far). Returns the three
    article lists and, for B and C, the article of A each one comes from."""
    from ftzlaw.compare import ArticleText

    texts = corpus_articles(int(n * 1.2))
    base, spare = texts[:n], texts[n:]
    docs, origins = [[ArticleText(f"art_{k + 1}", "", "", t, f"chp_{k // 40 + 1}")
                      for k, t in enumerate(base)]], []
    for seed in (1, 2):
        rng = random.Random(seed)
        out, origin = [], []
        for k, t in enumerate(base):
            r = rng.random()
            if r < 0.1:
                continue
            if r < 0.4:
                t = t.replace("应当", "须").replace("，", "、", 1).replace("的", "之", 1)
            out.append(t)
            origin.append(k)
            if rng.random() < 0.05:
                out.append(spare.pop())
                origin.append(None)
        for _ in range(n // 100):
            x, y = rng.randrange(len(out)), rng.randrange(len(out))
            out[x], out[y] = out[y], out[x]
            origin[x], origin[y] = origin[y], origin[x]
        docs.append([ArticleText(f"art_{k + 1}", "", "", t, f"chp_{k // 40 + 1}")
                     for k, t in enumerate(out)])
        origins.append(origin)
    return docs, origins


def peak_rss_mib() -> float:
    """This process's peak resident memory. On Linux ru_maxrss is inherited from the parent
    across fork + exec, so read the fresh high-water mark VmHWM where there is one."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def three_run(n: int) -> None:
    """In a fresh process: compare three n-article documents (all three pairs)."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.compare.model import DocumentInfo

    docs, origins = three_documents(n)
    infos = [DocumentInfo(f"d{k}", "", None, None, d, []) for k, d in enumerate(docs)]
    rss0 = peak_rss_mib()
    t0, c0 = time.perf_counter(), time.process_time()
    al = compare_documents(infos, [i.name for i in infos])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    scored = sum(len(p.scores) for p in al.pairs)
    # each article of B and C that comes from A: is its origin among its matches?
    found = total = 0
    for p, origin in ((al.pair(0, 1), origins[0]), (al.pair(0, 2), origins[1])):
        hits = {(m.a_eId, m.b_eId) for m in p.matches}
        for j, k in enumerate(origin):
            if k is not None:
                total += 1
                found += (f"art_{k + 1}", f"art_{j + 1}") in hits
    print(f"{wall:.2f} {cpu:.2f} {rss0:.0f} {peak_rss_mib():.0f} {scored} "
          f"{sum(len(d) for d in docs)} {found} {total}")


def three_documents_bench(sizes=(1000, 3000, 10000)) -> None:
    import subprocess

    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--three", str(n)], check=True,
                             capture_output=True, text=True).stdout.split()
        wall, cpu, rss0, rss, scored, arts, found, total = out
        rows.append((n, float(wall), float(cpu)))
        print(f"three documents of {n} articles ({arts} in all, 3 pairs): {float(wall):.1f} s "
              f"wall, {float(cpu):.1f} s CPU, peak RSS {rss} MiB ({rss0} before), "
              f"{int(scored):,} pairs scored ({int(scored) / int(arts):.1f} per article), "
              f"origins found {found}/{total}")
    for (n0, w0, c0), (n1, w1, c1) in zip(rows, rows[1:]):
        print(f"  {n0} → {n1} articles (×{n1 / n0:.0f}): CPU ×{c1 / c0:.1f}, wall ×{w1 / w0:.1f}")


def main() -> None:
    accuracy()
    version_pairs()
    corpus_speed()
    three_documents_bench()
    print(f"peak RSS of this process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--three"]:
        three_run(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--accuracy"]:
        accuracy()
    elif sys.argv[1:2] == ["--versions"]:
        version_pairs()
    elif sys.argv[1:2] == ["--sizes"]:
        three_documents_bench(tuple(int(x) for x in sys.argv[2:]))
    else:
        main()
