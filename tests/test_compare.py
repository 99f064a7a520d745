"""ftzlaw compare on the real texts: Beijing seed vs tianjin-2022 vs hebei-2020."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT, SEED, SEED_OPTIONS, SEED_KW, SHARED, TEXTS, run_cli

GOLD = ROOT / "tests" / "fixtures" / "alignment" / "gold.csv"
CHECK = ROOT / "tests" / "fixtures" / "alignment-check" / "judged.csv"
SECOND = ROOT / "tests" / "fixtures" / "alignment-second" / "judged.csv"
TJ = TEXTS / "tianjin-ftz-2022.txt"
HE = TEXTS / "hebei-ftz-2020.txt"
KEYS = ["beijing", "tianjin", "hebei"]


@pytest.fixture(scope="module")
def seed_xml(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "beijing.xml"
    r = run_cli("import", SEED, *SEED_OPTIONS, "-q", "-o", out)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def alignment():
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    trees = [load_tree(str(SEED), **SEED_KW)[0], load_tree(str(TJ))[0], load_tree(str(HE))[0]]
    return compare_documents(trees, KEYS)


def matched(al, a, b):
    return {(m.a_eId, m.b_eId) for m in al.pair(a, b).matches}


# Counterparts verified by reading both articles (see tests/fixtures/alignment).
SURE_PAIRS = [
    (0, 1, "art_68", "art_68"),  # 施行
    (0, 2, "art_68", "art_65"),  # 施行
    (1, 2, "art_68", "art_65"),  # 施行
    (0, 1, "art_12", "art_18"),  # 准入前国民待遇加负面清单
    (0, 2, "art_12", "art_16"),  # 负面清单
    (1, 2, "art_18", "art_16"),  # 负面清单
    (0, 1, "art_16", "art_24"),  # 国际贸易单一窗口
    (0, 2, "art_16", "art_21"),  # 单一窗口
    (1, 2, "art_47", "art_28"),  # 金融风险、反洗钱
    (0, 1, "art_42", "art_47"),  # 反洗钱、反恐怖融资和反逃税
    (0, 2, "art_42", "art_28"),  # 反洗钱
    (0, 1, "art_36", "art_45"),  # 绿色金融评级机构, 国际领先的绿色金融标准
    (0, 1, "art_44", "art_27"),  # 干细胞临床前沿医疗技术研究
    (0, 2, "art_44", "art_30"),  # 干细胞
    (0, 1, "art_53", "art_52"),  # 政务服务标准互认、结果互认、跨区域通办
    (0, 2, "art_53", "art_40"),  # 政务服务合作
    (1, 2, "art_52", "art_40"),  # 政务服务合作、联合授信
    (0, 1, "art_7", "art_8"),    # 领导小组
    (0, 2, "art_5", "art_7"),    # 容错机制
    (1, 2, "art_60", "art_46"),  # 环境和能源管理体系认证
    (1, 2, "art_67", "art_62"),  # 国家规定的改革试点措施调整
    (0, 2, "art_54", "art_42"),  # 大兴机场片区
]

# Clearly unrelated: e.g. the 施行 article and the negative list, 绿色金融 and 人才 housing.
UNRELATED = [
    (0, 1, "art_68", "art_18"), (0, 1, "art_12", "art_68"), (0, 2, "art_36", "art_59"),
    (0, 1, "art_16", "art_47"), (0, 2, "art_44", "art_16"), (1, 2, "art_24", "art_65"),
    (0, 1, "art_27", "art_68"), (0, 2, "art_65", "art_1"),
]


@pytest.mark.parametrize("a,b,ea,eb", SURE_PAIRS)
def test_known_counterparts_are_found(alignment, a, b, ea, eb):
    assert (ea, eb) in matched(alignment, a, b)


@pytest.mark.parametrize("a,b,ea,eb", UNRELATED)
def test_unrelated_articles_do_not_match(alignment, a, b, ea, eb):
    assert (ea, eb) not in matched(alignment, a, b)
    assert alignment.pair(a, b).scores.get((ea, eb), 0.0) < 0.05


def test_counts_and_unique_articles(alignment):
    docs = alignment.documents
    assert [len(d.articles) for d in docs] == [68, 68, 65]
    for p in alignment.pairs:
        A, B = docs[p.a], docs[p.b]
        hit_a = {m.a_eId for m in p.matches}
        assert set(p.a_only) == {a.eId for a in A.articles} - hit_a
        assert set(p.b_only) == {b.eId for b in B.articles} - {m.b_eId for m in p.matches}
        assert all(0.0 <= m.score <= 1.0 and m.score >= alignment.min_score for m in p.matches)
        assert 0.0 < p.similarity < 1.0
    # Beijing's 京津冀/大兴 article 54 has a counterpart in Hebei only.
    cp = alignment.counterparts(0, "art_54")
    assert [m.b_eId for m in cp[2]] == ["art_42"] and cp[1] == []
    # Beijing's 第十一条 (新型研究机构) is unique to Beijing.
    assert "art_11" in alignment.pair(0, 1).a_only and "art_11" in alignment.pair(0, 2).a_only


def test_coverage_per_chapter(alignment):
    rows = alignment.coverage(0)
    assert [r["label"] for r in rows][:3] == ["第一章 总则", "第二章 管理体制", "第三章 投资开放与贸易便利"]
    assert sum(r["articles"] for r in rows) == 68
    final = rows[-1]
    assert final["label"] == "第十一章 附则" and final["any"] == 1 and final["by"] == {1: 1, 2: 1}


@pytest.fixture(scope="module")
def labelled():
    """The eight labelled regulations (tests/fixtures/alignment/documents.csv)."""
    from ftzlaw.compare.evaluate import load_documents

    return load_documents(GOLD.parent, ROOT, SHARED)


@pytest.fixture(scope="module")
def held_out(labelled):
    """The gold set, each labelled pair's scores from a model fitted on the other pairs
    (leave-one-pair-out), and the plain baseline's scores of the same pairs."""
    from ftzlaw.compare.evaluate import Gold, baseline_scores, cross_validated_scores

    keys, docs = labelled
    gold = Gold.load(GOLD)
    cv = cross_validated_scores([d.articles for d in docs], keys, gold)
    base = baseline_scores({k: [(a.eId, a.text) for a in d.articles]
                            for k, d in zip(keys, docs)}, gold.doc_pairs())
    return gold, cv, base


def test_gold_set(labelled):
    from ftzlaw.compare.evaluate import Gold

    keys, docs = labelled
    gold = Gold.load(GOLD)
    assert len(gold.sure) == 201 and len(gold.possible) == 233
    assert len(gold.unrelated) == 135
    assert len(gold.doc_pairs()) == 7
    # every labelled article exists in its document, and no pair is both labelled and read
    # as unrelated
    arts = {k: {a.eId for a in d.articles} for k, d in zip(keys, docs)}
    for a, ea, b, eb in gold.sure | gold.possible | gold.unrelated:
        assert ea in arts[a] and eb in arts[b], (a, ea, b, eb)
    assert not gold.unrelated & (gold.sure | gold.possible)


def test_beats_the_plain_baseline_on_the_gold_set(held_out):
    """Honest figures: each of the seven labelled document pairs is scored by a model fitted
    on the other six (leave-one-pair-out). Two tiers: the matches (counterparts) and, with
    the related pairs added, everything the report lists."""
    from ftzlaw.compare.align import DEFAULT_MIN_SCORE, DEFAULT_RELATED_SCORE
    from ftzlaw.compare.evaluate import Gold, at_recall, best_f1, evaluate, sweep

    gold, cv, base = held_out
    curve = sweep(base, gold, [x / 200 for x in range(1, 200)])
    t_best, base_best = best_f1(curve)
    # the matches: held out P 0.924 / R 0.741 (docs/compare.md) — the precision aim met;
    # the baseline at that recall has 0.819
    matches = {k for k, s in cv.items() if s >= DEFAULT_MIN_SCORE}
    ours = evaluate(matches, gold)
    assert ours.precision >= 0.92 and ours.recall > 0.73
    assert ours.precision > at_recall(curve, ours.recall)[1].precision + 0.09
    # counted strictly (only sure pairs right), the matches' precision is 0.668 against the
    # baseline's 0.519 at the same recall
    strict = Gold(gold.sure, set(), gold.possible | gold.unrelated)
    ours_strict = evaluate(matches, strict)
    strict_curve = sweep(base, strict, [x / 200 for x in range(1, 200)])
    assert ours_strict.precision > at_recall(strict_curve, ours_strict.recall)[1].precision + 0.1
    # matches and related pairs together: P 0.881 / R 0.791, F1 0.834 against the baseline's
    # best 0.793
    listed = {k for k, s in cv.items() if s >= DEFAULT_RELATED_SCORE}
    both = evaluate(listed, gold)
    assert both.f1 > base_best.f1 + 0.035
    assert both.precision > 0.87 and both.recall > 0.78
    # the figures are complete: every pair either method predicts at its operating point
    # was read (labelled, or judged unrelated), so no precision counts an unread pair wrong
    assert not gold.unjudged(listed)
    assert not gold.unjudged({k for k, s in base.items() if s >= t_best})


def test_document_pairs_never_fitted_on(labelled):
    """Labels that are not the gold set's: four more document pairs, never used to fit or
    tune anything, every pair either method proposes judged blind by other readers
    (tests/fixtures/alignment-check). The shipped model's matches: P 0.846–0.975, pooled
    R 0.778–0.933; the plain baseline's precision at the same recall is lower by > 0.1."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.compare.evaluate import (Gold, at_recall, baseline_scores, evaluate,
                                         predicted_pairs, sweep)

    keys, docs = labelled
    by_key = dict(zip(keys, docs))
    check = Gold.load(CHECK)
    assert check.doc_pairs() == [("beijing", "shanghai"), ("shandong", "zhejiang2017"),
                                 ("tianjin", "shanghai"), ("zhejiang2022", "shandong")]
    assert (len(check.sure), len(check.possible), len(check.unrelated)) == (118, 74, 112)
    found = predicted = right = 0
    for a, b in check.doc_pairs():
        part = check.restrict(a, b)
        al = compare_documents([by_key[a], by_key[b]], [a, b])
        matches = predicted_pairs(al, [a, b])
        assert not part.unjudged(matches)        # every match was read
        ours = evaluate(matches, part)
        assert ours.precision > 0.84 and ours.recall > 0.77, (a, b, ours)
        base = baseline_scores({k: [(x.eId, x.text) for x in by_key[k].articles]
                                for k in (a, b)}, [(a, b)])
        curve = sweep(base, part, [x / 200 for x in range(28, 200)])   # pooled from 0.14
        assert ours.precision > at_recall(curve, ours.recall)[1].precision + 0.1, (a, b)
        found += len(matches & part.sure)
        right += ours.correct
        predicted += ours.predicted
    # all four: 123 of 135 matches right (P 0.911), 104 of the 118 sure pairs found (0.881)
    assert (right, predicted, found) == (123, 135, 104)


def test_a_second_reading_agrees(held_out):
    """Every gold pair judged again, blind, by other readers (tests/fixtures/alignment-second):
    κ 0.70, no pair sure for one reader and unrelated for the other; the second reader as a
    tool reaches P 0.941 / R 1.000 against the gold set (an upper bound: the aim is within a
    reader's reach), and the held-out matches hold against the second reading."""
    from ftzlaw.compare.align import DEFAULT_MIN_SCORE
    from ftzlaw.compare.evaluate import Gold, agreement, at_recall, evaluate, sweep

    gold, cv, base = held_out
    second = Gold.load(SECOND)
    assert second.labels().keys() == gold.labels().keys() and len(second.labels()) == 569
    got = agreement(gold, second)
    assert got.pairs == 569
    assert dict(got.confusion) == {
        ("sure", "sure"): 177, ("sure", "possible"): 24,
        ("possible", "sure"): 44, ("possible", "possible"): 173, ("possible", "unrelated"): 16,
        ("unrelated", "possible"): 26, ("unrelated", "unrelated"): 109}
    assert round(got.kappa, 2) == 0.70
    assert (got.counterparts.correct, got.counterparts.predicted) == (418, 444)
    assert got.counterparts.recall == 1.0 and round(got.sure_only.recall, 3) == 0.881
    # the same readings the other way round: the gold reader as a tool against the second
    back = agreement(second, gold)
    assert back.confusion == {(y, x): n for (x, y), n in got.confusion.items()}
    assert round(back.counterparts.precision, 3) == 0.963
    matches = {k for k, s in cv.items() if s >= DEFAULT_MIN_SCORE}
    assert not second.unjudged(matches)
    ours = evaluate(matches, second)                    # P 0.937 / R 0.706
    assert ours.precision > 0.93 and ours.recall > 0.70
    # … and beat the baseline there too (P 0.845 at that recall)
    curve = sweep(base, second, [x / 200 for x in range(1, 200)])
    assert ours.precision > at_recall(curve, ours.recall)[1].precision + 0.08


def test_shipped_coefficients_are_the_gold_fit(labelled):
    from ftzlaw.compare.align import COEFFICIENTS, FEATURES
    from ftzlaw.compare.evaluate import Gold, fit_on_gold

    keys, docs = labelled
    coef = fit_on_gold([d.articles for d in docs], keys, Gold.load(GOLD))
    assert set(coef) == {"bias", *FEATURES}
    assert coef == pytest.approx(COEFFICIENTS, abs=1e-3)
    # order, chapter and the monotone alignment carry weight: counterparts come in order,
    # within topics
    assert coef["order"] > 0.5 and coef["chapter"] > 0.5 and coef["diag"] > 0.5
    # … and so does the pair's own scale (a law and a regulation share fewer words)
    assert coef["rel"] > 1.0


def test_the_order_of_the_documents_changes_nothing():
    """Comparing Tianjin with Beijing gives Beijing with Tianjin's matches, score for
    score (the evidence is symmetric: the best for both / for one of the two articles, the
    monotone alignment read both ways). Before, 36 matches one way were 34 the other."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    bj, tj = load_tree(str(SEED), **SEED_KW)[0], load_tree(str(TJ))[0]
    there = compare_documents([bj, tj], ["beijing", "tianjin"]).pair(0, 1)
    back = compare_documents([tj, bj], ["tianjin", "beijing"]).pair(0, 1)
    assert (len(there.matches), len(there.related)) == (38, 10)
    for got, mirror in ((there.matches, back.matches), (there.related, back.related)):
        assert {(m.a_eId, m.b_eId): m.score for m in got} == pytest.approx(
            {(m.b_eId, m.a_eId): m.score for m in mirror})


def test_monotone_chain_is_the_heaviest_increasing_chain():
    from itertools import combinations

    from ftzlaw.compare.align import monotone_chain

    anchors = {(0, 0): 0.9, (1, 5): 0.8, (2, 1): 0.5, (3, 2): 0.5, (3, 3): 0.7, (4, 4): 0.4,
               (5, 9): 0.3, (6, 6): 0.6}
    chain = monotone_chain(anchors)
    # strictly increasing on both sides; (3, 2) and (3, 3) share an article: one only
    assert all(i0 < i1 and j0 < j1 for (i0, j0), (i1, j1) in zip(chain, chain[1:]))
    assert chain == [(0, 0), (2, 1), (3, 3), (4, 4), (6, 6)]

    def increasing(pts):
        return all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pts, pts[1:]))
    best = max(sum(anchors[p] for p in c) for n in range(1, len(anchors) + 1)
               for c in combinations(sorted(anchors), n) if increasing(c))
    assert sum(anchors[p] for p in chain) == pytest.approx(best)
    assert monotone_chain({}) == []


def test_the_monotone_alignment_lifts_a_counterpart_in_place(alignment):
    """Tianjin 第六十三条 (反垄断) answers the second half of Beijing 第六十二条 (安全审查 and
    反垄断审查) with few shared words; it lies where the documents' monotone alignment expects
    it, and with that evidence it is found (it was missed without it, score 0.30)."""
    p = alignment.pair(0, 1)
    found = {(m.a_eId, m.b_eId): m for m in p.matches}
    assert ("art_62", "art_62") in found
    assert found[("art_62", "art_63")].evidence["diag"] > 0.85


def test_index_finds_the_one_related_article_among_two_thousand():
    """Not a timing test: checks the inverted index finds the one related article."""
    from ftzlaw.compare import ArticleText, Scorer

    filler = [ArticleText(f"art_{k}", "", "", f"第{k}号仓库存放货物编号{k * 7919 % 10007}。")
              for k in range(1, 2001)]
    target = ArticleText("art_x", "", "", "自贸试验区实行国际贸易单一窗口服务模式，实现信息共享、监管互认、执法互助。")
    query = [ArticleText("art_1", "", "", "自贸试验区应当利用国际贸易单一窗口，实现口岸服务一体化。")]
    scores = Scorer([query, filler + [target]]).pair(0, 1).score
    best = max(scores, key=scores.get)
    assert best == (0, 2000)


def test_integer_gram_keys_are_the_grams():
    """The bulk encoder counts exactly what grams() defines, sentence by sentence, on every
    corpus text (full-width digits, item labels, ASCII punctuation included)."""
    from collections import Counter

    from ftzlaw.akn import Document
    from ftzlaw.compare.features import Encoded, gram_text, grams, is_gap_key, sentences
    from ftzlaw.load import load_tree

    sents = []
    for path in sorted(TEXTS.glob("*.txt")):
        if "decision" not in path.name:
            for art in Document(load_tree(str(path), date="2014-07-25")[0]).articles:
                sents += sentences(art.text)
    sents += ["第２条（一）ＡＢ１２，自贸\x01试验区；x", "y"]
    enc = Encoded(sents)
    assert len(enc.spans) == len(sents) == 1407
    for sent, (s, e) in zip(sents, enc.spans):
        got = Counter({gram_text(k): v for k, v in enc.count(s, e).items() if not is_gap_key(k)})
        assert got == grams(sent.replace("\x01", " ")), sent
    # A character outside the BMP (CJK extension B) is one character, as in grams().
    enc = Encoded(["𠀀字𠀀，字"])
    counts = {gram_text(k): v for k, v in enc.count(*enc.spans[0]).items() if not is_gap_key(k)}
    assert sorted(counts.values()) == sorted(grams("𠀀字𠀀，字").values())
    assert len(counts) == 5   # 𠀀 字 𠀀字 字𠀀 𠀀字𠀀 (字 twice: also after the comma)


def test_alphabetic_texts_are_read_as_words():
    """Every FTZ text is read as characters, every foreign AKN document (English, Italian,
    Spanish, Swahili, Greek …) as words; the bulk encoder counts exactly what grams(words=True)
    defines — lower-cased words, the spaces between them gone, punctuation a break."""
    from collections import Counter

    from ftzlaw.akn import Document
    from ftzlaw.compare.features import Encoded, alphabetic, grams, is_gap_key, sentences
    from ftzlaw.load import load_tree

    for path in sorted(TEXTS.glob("*.txt")):
        assert not alphabetic(path.read_text(encoding="utf-8")), path.name
    foreign = sorted((SHARED / "akn-foreign").glob("*.xml"))
    assert len(foreign) == 15
    sents = []
    for path in foreign:
        doc = Document(load_tree(str(path))[0])
        text = "\n".join(p.text for p in doc.articles) or path.read_text(encoding="utf-8")
        assert alphabetic(text), path.name
        for art in doc.articles[:40]:
            sents += sentences(art.text)
    sents += ["Article 5 of Law 34/2002, the LAW", "Σύνταγμα της Ελλάδας \ue000 café",
              "the Ɫ ɫ words", "a\x01b c", "Repealed"]
    enc = Encoded(sents)
    assert enc.words and len(enc.spans) == len(sents)
    for sent, (s, e) in zip(sents, enc.spans):
        got = Counter({enc.gram(k): v for k, v in enc.count(s, e).items() if not is_gap_key(k)})
        assert got == grams(sent, words=True), sent
    law = grams(sents[-5], words=True)
    assert law["law"] == 2 and law["article 5 of"] == 1 and "34 2002" not in law
    # a one-token first sentence counts its own gram only (a negative slice end once made
    # it count nearly every gram of the collection), in either mode
    for first, rest in (("Repealed", "the data protection act applies"), ("条", "自贸试验区")):
        enc = Encoded([first, rest])
        assert [enc.gram(k) for k in enc.count(*enc.spans[0])] == [first.lower()]
    # no code unit left for words (every CJK and Hangul character used, 6,400 characters
    # outside the BMP): read as characters, not a crash
    crowded = "".join(map(chr, [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000),
                                *range(0xAC00, 0xD7A4), *range(0x20000, 0x20000 + 6400)]))
    assert not Encoded([crowded, "some english words " * 20000], words=True).words


def test_foreign_versions_align_word_by_word():
    """Two versions of a foreign law: every unchanged article matches its twin and no other
    article. Read as letters, unrelated English or Spanish articles shared trigrams (ion,
    the, ent) at cosines of 0.2–0.3: 15 and 13 such stray matches; read as words, none."""
    import re

    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    squash = re.compile(r"\s+")
    for old, new, n_twins in (("01-za-constitution-1996-eng-1998-10-30.xml",
                               "02-za-constitution-1996-eng-2013-08-23.xml", 191),
                              ("10-es-ley-34-2002-original.xml",
                               "11-es-ley-34-2002-vigente-2025.xml", 36)):
        al = compare_documents([load_tree(str(SHARED / "akn-foreign" / f))[0]
                                for f in (old, new)], ["old", "new"])
        a, b = al.documents
        twin = {squash.sub("", x.text): x.eId for x in b.articles}
        unchanged = {(x.eId, twin[squash.sub("", x.text)]) for x in a.articles
                     if len(squash.sub("", x.text)) > 15 and squash.sub("", x.text) in twin}
        assert len(unchanged) == n_twins
        got = matched(al, 0, 1)
        assert unchanged <= got
        side_a, side_b = {x for x, _ in unchanged}, {y for _, y in unchanged}
        assert not [p for p in got - unchanged if p[0] in side_a or p[1] in side_b]


def test_a_collection_and_articles_without_eids():
    """An EU proposal is a documentCollection (memorandum, bill, financial statement): its
    bill's 24 articles are compared. The AKN4EU bill writes no eIds: its nine articles are
    named by their place, not merged into one. Two different EU acts share the committee
    procedure and the entry-into-force article, nothing else."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    folder = SHARED / "akn-foreign"
    al = compare_documents([load_tree(str(folder / f))[0] for f in (
        "12-eu-com-2013-619-proposal.xml", "13-eu-akn4eu-council-position-bill.xml")])
    a, b = al.documents
    assert len(a.articles) == 24 and a.articles[0].eId == "art_1"
    assert [x.eId for x in b.articles] == [f"article[{k}]" for k in range(1, 10)]
    assert matched(al, 0, 1) == {("art_19", "article[7]"), ("art_24", "article[9]")}
    assert [c.label for c in a.chapters][:2] == ["CHAPTER I Subject matter - Scope - Definitions",
                                                 "CHAPTER II Free movement"]


def test_kept_and_rebuilt_postings_score_alike(alignment):
    """A document too large to keep its candidate postings (rebuilt for each comparison)
    scores every pair as a kept one does, and each article of the streamed document has at
    most CANDIDATES scored partners: the pairs scored grow linearly, not as the product."""
    from ftzlaw.compare import Scorer
    from ftzlaw.compare.align import CANDIDATES

    docs = [d.articles for d in alignment.documents]
    kept, rebuilt = Scorer(docs), Scorer(docs, keep_vectors=0)
    for a, b in ((0, 1), (1, 0), (0, 2), (2, 1)):
        x, y = kept.pair(a, b), rebuilt.pair(a, b)
        assert x.score.keys() == y.score.keys()
        assert max(abs(x.score[k] - y.score[k]) for k in x.score) < 1e-12
        assert len(x.score) <= CANDIDATES * max(len(docs[a]), len(docs[b]))
        per = {}
        for i, j in x.score:
            per[i] = per.get(i, 0) + 1
        assert len(x.score) < len(docs[a]) * len(docs[b]) / 5


def test_one_to_many_groups(alignment):
    """Matches that are not one-to-one are reported as groups (1:n, n:1, n:m)."""
    p = alignment.pair(0, 1)
    groups = p.groups
    assert groups and all(g["kind"] in ("1:n", "n:1", "n:m") for g in groups)
    for g in groups:
        assert len(g["a"]) > 1 or len(g["b"]) > 1
        pairs = {(a, b) for a, b, _ in g["matches"]}
        assert pairs <= {(m.a_eId, m.b_eId) for m in p.matches}
    # Labelled both ways (gold set): Beijing 第六十二条 answers Tianjin 第六十二条 and
    # 第六十三条 (1:n); Beijing 第五十一条 and 第五十三条 both answer Tianjin 第五十二条 (n:1).
    by_a = {tuple(g["a"]): g for g in groups}
    assert by_a[("art_62",)]["kind"] == "1:n"
    assert set(by_a[("art_62",)]["b"]) == {"art_62", "art_63"}
    assert by_a[("art_51", "art_53")]["kind"] == "n:1"
    assert by_a[("art_51", "art_53")]["b"] == ["art_52"]
    assert alignment.as_dict()["pairs"][0]["groups"][0]["kind"] == groups[0]["kind"]


def test_two_versions_of_one_law_align_article_to_article():
    """未成年人保护法 2020 and 2024: 131 articles are unchanged and 第九条 was rewritten. Each
    article matches exactly its own version — none of the 53 pairs of neighbours that share a
    long list or a sentence (第四十八条 and 第五十条 both list 图书、报刊、电影…), which scored
    above the threshold before eclipsed pairs were ruled out."""
    import re

    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    files = sorted((SHARED / "corpus" / "lawrefbook" / "社会法").glob("未成年人保护法(*.md"))
    assert [f.name for f in files] == ["未成年人保护法(2020-10-17).md",
                                       "未成年人保护法(2024-04-26).md"]
    al = compare_documents([load_tree(str(f))[0] for f in files], ["2020", "2024"])
    a, b = al.documents
    same = re.compile(r"\s+")
    twin = {same.sub("", x.text): x.eId for x in b.articles}
    identical = {(x.eId, twin[same.sub("", x.text)]) for x in a.articles
                 if same.sub("", x.text) in twin}
    assert len(identical) == 131 and all(x == y for x, y in identical)
    assert matched(al, 0, 1) == identical | {("art_9", "art_9")}
    scores = al.pairs[0].scores
    assert scores[("art_48", "art_50")] == 0.0 and scores[("art_48", "art_48")] > 0.99


def test_generated_large_pair_finds_every_counterpart():
    """3,000 real corpus articles against an edited, reordered copy (10 % dropped, 30 %
    reworded, 5 % new, 30 moved far): every surviving article's original is its best
    match, most new ones have none that is sure, and the pairs scored stay linear in the
    number of articles. (Speed and memory of 1k/10k documents: benchmarks/compare_bench.py.)"""
    import random
    import re

    from ftzlaw.compare import ArticleText, Scorer
    from ftzlaw.compare.align import CANDIDATES

    art = re.compile(r"^第[一二三四五六七八九十百千零〇]+条\s*(.+)$", re.M)
    texts: dict[str, None] = {}
    for p in sorted((SHARED / "corpus" / "lawrefbook" / "行政法规").glob("*.md")):
        texts.update((m.group(1), None) for m in art.finditer(p.read_text(encoding="utf-8"))
                     if len(m.group(1)) > 20)
        if len(texts) > 3300:
            break
    texts = list(texts)
    base, spare = texts[:3000], texts[3000:]
    rng = random.Random(11)
    kept, copy = [], []
    for k, text in enumerate(base):
        r = rng.random()
        if r < 0.1:
            continue
        if r < 0.4:
            text = text.replace("应当", "须").replace("，", "、", 1)
        kept.append(k)
        copy.append(text)
        if rng.random() < 0.05:
            kept.append(None)
            copy.append(spare.pop())
    for _ in range(30):                  # some articles move far
        x, y = rng.randrange(len(copy)), rng.randrange(len(copy))
        copy[x], copy[y] = copy[y], copy[x]
        kept[x], kept[y] = kept[y], kept[x]
    a = [ArticleText(f"art_{k}", "", "", t) for k, t in enumerate(base)]
    b = [ArticleText(f"art_{k}", "", "", t) for k, t in enumerate(copy)]
    ps = Scorer([a, b]).pair(0, 1)
    assert len(ps.score) <= CANDIDATES * max(len(a), len(b))
    best: dict[int, tuple[float, int]] = {}
    for (i, j), s in ps.score.items():
        if s > best.get(j, (-1.0, -1))[0]:
            best[j] = (s, i)
    old = [(j, k) for j, k in enumerate(kept) if k is not None]
    assert sum(1 for j, k in old if best.get(j, (0, -1))[1] == k) == len(old)
    assert all(best[j][0] > 0.9 for j, _ in old)
    new = [j for j, k in enumerate(kept) if k is None]
    # (a few new ones do have a near-twin among the 3,000: boilerplate such as 施行 articles)
    assert len(new) > 100 and sum(1 for j in new if best.get(j, (0, 0))[0] > 0.9) < len(new) / 5


# --- the CLI ---------------------------------------------------------------------------
def test_progress_and_a_text_with_no_articles(tmp_path):
    """The library reports its work as it goes, in articles (the CLI's progress bar on a
    terminal): every pair of documents counts the articles of both, every 256 streamed
    articles (once a pair before: a bar that jumped from 0 to 100 % with two documents); a
    document with no article (a Greek judgment) is refused before anything is scored: exit
    2, its name, no output file."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.compare.model import document_info, progress_total
    from ftzlaw.load import load_tree

    folder = SHARED / "akn-foreign"
    za = sorted(folder.glob("0[12]-za-*.xml")) + [folder / "03-tz-constitution-1977-swahili.xml"]
    docs = [document_info(load_tree(str(f))[0], f.name) for f in za]
    calls: list[int] = []
    al = compare_documents(docs, progress=calls.append)
    assert len(al.pairs) == 3
    assert sum(calls) == progress_total(docs) == 2 * sum(len(d.articles) for d in docs)
    # two long laws: the bar moves within the pair
    laws = SHARED / "corpus" / "lawrefbook"
    big = [load_tree(str(laws / "民法典" / "合同编.md"))[0],
           load_tree(str(laws / "刑法" / "刑法.md"))[0]]
    calls = []
    al = compare_documents(big, progress=calls.append)
    n = sum(len(d.articles) for d in al.documents)
    assert n > 1000 and sum(calls) == n and calls[0] == 256 and len(calls) == 2
    greek = folder / "15-gr-council-of-state-2016-601.xml"
    out = tmp_path / "r.json"
    r = run_cli("compare", *za, greek, "--format", "json", "-o", out)
    assert r.returncode == 2 and not out.exists()
    assert f"{greek}: no articles (条) to compare" in r.stderr.decode()


def test_cli_json(seed_xml, tmp_path):
    out = tmp_path / "a.json"
    r = run_cli("compare", seed_xml, TJ, HE, "--format", "json", "-o", out)
    assert r.returncode == 1, r.stderr  # some articles are unique
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["articles"] for d in data["documents"]] == [68, 68, 65]
    assert data["documents"][0]["work_uri"] == "/akn/cn-bj/act/regulation/2022-03-31/ftz"
    assert len(data["pairs"]) == 3
    p = data["pairs"][0]
    assert set(p) >= {"a", "b", "matches", "groups", "a_only", "b_only"}
    assert {"kind": "n:1", "a": ["art_51", "art_53"], "b": ["art_52"]} in p["groups"]
    assert {"a_eId": "art_12", "b_eId": "art_18"} in [
        {k: m[k] for k in ("a_eId", "b_eId")} for m in p["matches"]]
    assert "art_11" in p["a_only"]
    # related pairs (a shared minor provision) are listed apart from the matches
    assert data["min_score"] == 0.32 and data["related_score"] == 0.22
    assert p["related"] and all(0.22 <= m["score"] < 0.32 for m in p["related"])
    assert all(m["score"] >= 0.32 for m in p["matches"])
    r = run_cli("compare", seed_xml, TJ, "--format", "json", "--related-score", "1")
    assert [q["related"] for q in json.loads(r.stdout)["pairs"]] == [[]]


def test_cli_csv_and_min_score(seed_xml):
    r = run_cli("compare", seed_xml, TJ, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    # matches from 0.32, related pairs from 0.22 up to it, told apart by ``kind``
    kinds = {x["kind"] for x in rows}
    assert kinds == {"match", "related"}
    assert all(float(x["score"]) >= 0.32 for x in rows if x["kind"] == "match")
    assert all(0.22 <= float(x["score"]) < 0.32 for x in rows if x["kind"] == "related")
    strict = list(csv.DictReader(io.StringIO(run_cli(
        "compare", seed_xml, TJ, "--format", "csv", "--min-score", "0.9",
        "--related-score", "1").stdout.decode())))
    assert len(strict) < len([x for x in rows if x["kind"] == "match"])
    assert all(float(x["score"]) >= 0.9 and x["kind"] == "match" for x in strict)
    neg = [x for x in rows if (x["a_eId"], x["b_eId"]) == ("art_12", "art_18")][0]
    assert neg["a_num"] == "第十二条" and neg["b_num"] == "第十八条"
    assert neg["a_text"].startswith("自贸试验区依法实行外商投资准入前国民待遇加负面清单管理制度")


def test_cli_candidates(seed_xml):
    """--candidates bounds the pairs scored per article: with one, no article of Tianjin
    (the streamed side) has more than one partner."""
    r = run_cli("compare", seed_xml, TJ, "--format", "json", "--candidates", "1")
    data = json.loads(r.stdout)
    per_b: dict[str, int] = {}
    for m in data["pairs"][0]["matches"]:
        per_b[m["b_eId"]] = per_b.get(m["b_eId"], 0) + 1
    assert per_b and max(per_b.values()) == 1
    assert {"a_eId": "art_12", "b_eId": "art_18"} in [
        {k: m[k] for k in ("a_eId", "b_eId")} for m in data["pairs"][0]["matches"]]
    r = run_cli("compare", seed_xml, TJ, "--candidates", "0")
    assert r.returncode == 2


def test_cli_text_and_stdin(seed_xml):
    r = run_cli("compare", "-", HE, input=seed_xml.read_bytes())
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "第六十八条 ↔ 第六十五条" in out.replace("  ", " ").replace("  ", " ") or \
        any(line.startswith("第六十八条") and "第六十五条" in line for line in out.splitlines())
    assert "章节覆盖" in out


@pytest.mark.parametrize("args,msg", [
    ((TJ,), "at least two"),
    (("/nonexistent.xml", TJ), "no such file"),
])
def test_cli_bad_input(args, msg, tmp_path):
    out = tmp_path / "x.json"
    r = run_cli("compare", *args, "-o", out)
    assert r.returncode == 2 and msg in r.stderr.decode()
    assert not out.exists()


def test_html_report_in_chromium(seed_xml, tmp_path):
    from browser import dom, screenshot

    out = tmp_path / "report.html"
    r = run_cli("compare", seed_xml, TJ, HE, "--format", "html", "-o", out)
    assert r.returncode == 1, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<script" not in html
    page, errors = dom(out)
    assert errors == []
    from lxml import html as lh
    tree = lh.fromstring(page)
    assert len(tree.xpath("//figure[@class='heatmap']/*[local-name()='svg']")) == 3
    assert len(tree.xpath("//*[local-name()='rect'][contains(@class,'match')]")) == \
        len(tree.xpath("//table[@class='side']//tr[@class='match']"))
    row = tree.get_element_by_id("m-1-art_12-2-art_18")
    left, _, right = row.findall("td")
    assert left.text_content().replace("\u3000", "").startswith("第十二条自贸试验区依法实行")
    # two different laws: shared passages highlighted on both sides, nothing struck out
    assert [m.text_content() for m in left.iter("mark")] and [m.text_content() for m in right.iter("mark")]
    assert not tree.xpath("//table[@class='side']//del | //table[@class='side']//ins")
    # Never lose or swap text: on every matched row each column shows its own article's
    # characters exactly (Hebei writes ASCII commas where Beijing has full-width ones).
    from ftzlaw.akn import Document
    from ftzlaw.load import load_tree
    docs = {1: Document(load_tree(str(seed_xml))[0]), 2: Document(load_tree(str(TJ))[0]),
            3: Document(load_tree(str(HE))[0])}
    rows = tree.xpath("//table[@class='side']//tr[@class='match']")
    assert len(rows) > 50
    for tr in rows:
        _, da, ea, db, eb = tr.get("id").split("-")
        cells = tr.findall("td")
        for cell, art in ((cells[0], docs[int(da)].article(ea)), (cells[-1], docs[int(db)].article(eb))):
            shown = "".join(x for x in cell.itertext() if x not in (art.num, "\u3000"))
            assert "".join(shown.split()) == "".join(art.text.split()), tr.get("id")
    png = screenshot(out, tmp_path / "report.png")
    assert png.stat().st_size > 20000


@pytest.mark.parametrize("value", ["nan", "inf", "-0.5", "1.5"])
def test_min_score_must_be_a_finite_number_in_range(value, tmp_path):
    """--min-score nan once compared nothing and exited 1: now a clear usage error, exit 2,
    for compare and search alike."""
    r = run_cli("compare", TJ, HE, "--min-score", value, "-o", tmp_path / "out.json")
    assert r.returncode == 2 and b"--min-score" in r.stderr
    assert not (tmp_path / "out.json").exists()
    r = run_cli("search", "自由贸易", "--min-score", value, "--index", tmp_path / "none.sqlite")
    assert r.returncode == 2 and b"--min-score" in r.stderr


def test_help_states_the_shipped_default_threshold():
    from ftzlaw.compare import DEFAULT_MIN_SCORE

    r = run_cli("compare", "--help")
    assert r.returncode == 0
    assert f"[default: {DEFAULT_MIN_SCORE}]" in " ".join(r.stdout.decode().split())


def test_a_pair_scored_0_is_never_listed():
    """An eclipsed pair scores 0 on purpose: with --related-score 0 (or --min-score 0) it
    once came out as a related pair (or a match) at 0.00 — 25 of 309 rows for Tianjin 2015
    against Zhejiang 2017."""
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    trees = [load_tree(str(TEXTS / n))[0] for n in ("tianjin-ftz-2015.txt",
                                                   "zhejiang-ftz-2017.txt")]
    for kw in ({"related_score": 0.0}, {"min_score": 0.0, "related_score": 0.0}):
        p = compare_documents(trees, ["tj", "zj"], **kw).pairs[0]
        assert any(s == 0.0 for s in p.scores.values())        # eclipsed pairs exist
        listed = p.matches + p.related
        assert listed and all(m.score > 0.0 for m in listed)


def test_gold_refuses_an_unknown_label(tmp_path):
    from ftzlaw.compare.evaluate import Gold

    path = tmp_path / "gold.csv"
    path.write_text("a_doc,a_eId,b_doc,b_eId,label,note\nx,art_1,y,art_1,sure,\n"
                    "x,art_2,y,art_2,Sure,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.csv, line 3: label 'Sure' is none of sure, "
                                         r"possible, unrelated"):
        Gold.load(path)
