"""ftzlaw compare: accuracy against the hand-labelled gold alignment (ours vs the plain
character-bigram TF-IDF cosine baseline, in the same run), speed and memory.

    python benchmarks/compare_bench.py
"""

from __future__ import annotations

import random
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
DATES = {"shanghai-ftz-2014.txt": "2014-07-25"}


def accuracy() -> None:
    from ftzlaw.compare import DEFAULT_MIN_SCORE, document_info
    from ftzlaw.compare.evaluate import (Gold, at_recall, baseline_scores, best_f1,
                                         cross_validated_scores, evaluate, sweep)
    from ftzlaw.load import load_tree

    keys = ["beijing", "tianjin", "hebei"]
    docs = [document_info(load_tree(str(SEED), **SEED_KW)[0], "beijing"),
            document_info(load_tree(str(TEXTS / "tianjin-ftz-2022.txt"))[0], "tianjin"),
            document_info(load_tree(str(TEXTS / "hebei-ftz-2020.txt"))[0], "hebei")]
    gold = Gold.load(GOLD)
    print(f"gold: {len(gold.sure)} sure + {len(gold.possible)} possible pairs "
          f"over {sum(len(d.articles) for d in docs)} articles")
    base = sweep(baseline_scores({k: [(a.eId, a.text) for a in d.articles]
                                  for k, d in zip(keys, docs)}, ),
                 gold, [x / 200 for x in range(1, 200)])
    t, s = best_f1(base)
    print(f"baseline (bigram TF-IDF cosine), best F1 at {t:.3f}:  {s}")
    cv = cross_validated_scores([d.articles for d in docs], keys, gold)
    ours = evaluate({k for k, v in cv.items() if v >= DEFAULT_MIN_SCORE}, gold)
    print(f"ours (held-out pair), default min-score {DEFAULT_MIN_SCORE}:   {ours}")
    t, s = at_recall(base, ours.recall)
    print(f"baseline at ours' recall ({t:.3f}):                {s}")
    curve = sweep(cv, gold, [x / 20 for x in range(1, 20)])
    for t, s in curve:
        if t in (0.1, 0.2, 0.25, 0.3, 0.5, 0.7):
            print(f"  ours at {t:.2f}: {s}")


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


def generated_articles(n: int = 10_000):
    """One query article and ``n`` generated ones: real sentences of the corpus recombined at
    random (1–4 each)."""
    from ftzlaw.akn import Document
    from ftzlaw.compare import ArticleText
    from ftzlaw.compare.features import comparison_text
    from ftzlaw.load import load_tree

    pool = []
    for p in sorted(TEXTS.glob("*.txt")):
        if "decision" in p.name:
            continue
        for a in Document(load_tree(str(p), date=DATES.get(p.name))[0]).articles:
            pool.extend(s + "。" for s in a.text.split("。") if len(comparison_text(s)) > 6)
    rng = random.Random(7)
    many = [ArticleText(f"art_{k + 1}", "", "", "".join(rng.sample(pool, rng.randint(1, 4))))
            for k in range(n)]
    query = [ArticleText("art_16", "第十六条", "", "自贸试验区实行国际贸易单一窗口服务模式，拓展业务服务"
                         "功能，实现口岸管理相关部门之间信息共享、监管互认、执法互助。")]
    return query, many


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


def cold_run(n: int = 10_000) -> None:
    """Run in a fresh process: build + one query, wall and CPU time, peak RSS."""
    from ftzlaw.compare import Scorer

    query, many = generated_articles(n)
    rss0 = peak_rss_mib()
    t0, c0 = time.perf_counter(), time.process_time()
    scores = Scorer([query, many]).pair(0, 1).score
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = peak_rss_mib()
    print(f"{wall:.3f} {cpu:.3f} {rss0:.0f} {rss:.0f} "
          f"{sum(1 for s in scores.values() if s >= 0.25)}")


def one_against_many(n: int = 10_000) -> None:
    import subprocess

    from ftzlaw.compare import Scorer

    # Cold: a fresh process builds the scorer over the 1 + n articles and runs one query.
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, __file__, "--cold", str(n)], check=True,
                             capture_output=True, text=True).stdout.split()
        runs.append(out)
    wall, cpu, rss0, rss, hits = sorted(runs, key=lambda r: float(r[0]))[1]
    print(f"one article vs {n} generated, cold (build + one query, fresh process, median of "
          f"3): {float(wall) * 1000:.0f} ms wall, {float(cpu) * 1000:.0f} ms CPU; max RSS "
          f"{rss} MiB ({rss0} MiB before building); {hits} matches")
    query, many = generated_articles(n)
    scorer = Scorer([query, many])
    scorer.pair(0, 1)
    again = best_of(lambda: scorer.pair(0, 1), repeat=3)
    tracemalloc.start()
    Scorer([query, many]).pair(0, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  each further query on the same scorer {again * 1000:.0f} ms (the large side is "
          f"streamed, not kept); peak traced memory of build + query {peak / 2**20:.1f} MiB")


def main() -> None:
    accuracy()
    corpus_speed()
    one_against_many()
    print(f"peak RSS of this process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold"]:
        cold_run(int(sys.argv[2]))
    else:
        main()
