"""The compare report: labels in the documents' language, columns headed by titles, shared
passages highlighted (never drawn as an amendment), a heatmap that scales, and the page
formats html (Chromium), pdf (poppler) and docx (python-docx), on the real texts."""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import TEXTS, run_cli

TJ = TEXTS / "tianjin-ftz-2022.txt"
HE = TEXTS / "hebei-ftz-2020.txt"
FOREIGN = TEXTS.parent / "akn-foreign"
TITLES = ["中国（天津）自由贸易试验区条例", "中国（河北）自由贸易试验区条例"]
LEGEND = "两条共有的文字以底色标出；两部不同的法规不是彼此的修改，文字差异不作增删标记。"


@pytest.fixture(scope="module")
def alignment():
    from ftzlaw.compare import compare_documents
    from ftzlaw.load import load_tree

    trees, names = zip(*(load_tree(str(p)) for p in (TJ, HE)))
    return compare_documents(list(trees), list(names))


@pytest.fixture(scope="module")
def data(alignment):
    from ftzlaw.compare.report import report_data

    return report_data(alignment)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    for fmt in ("html", "pdf", "docx", "text"):
        r = run_cli("compare", TJ, HE, "--format", fmt, "-o", d / f"r.{fmt}")
        assert r.returncode == 1, r.stderr  # some articles have no counterpart
    return d


def _only_counts(data) -> tuple[int, int]:
    """How many articles of each side have no counterpart (Tianjin 2022 / Hebei 2020 at the
    default threshold), as the report data says."""
    [pair] = data["pairs"]
    return len(pair["a_only"]), len(pair["b_only"])


def _flat(text: str) -> str:
    return "".join(text.split())


# Tianjin ↔ Hebei: the matches that are not one-to-one, as the reports print them
GROUPS = ["多对一: 第三条、第二十四条 → 第二十一条", "一对多: 第八条 → 第十条、第十一条",
          "多对一: 第十条、第十六条 → 第十二条", "一对多: 第十八条 → 第十六条、第十七条",
          "多对多: 第二十二条、第三十四条 → 第十九条、第二十条", "一对多: 第五十六条 → 第五十条、第五十三条"]


def test_chinese_labels_and_titles(data, files):
    assert data["lang"] == "zh-CN"
    assert [d["title"] for d in data["documents"]] == TITLES
    [pair] = data["pairs"]
    assert (pair["a_title"], pair["b_title"]) == tuple(TITLES)
    assert data["title"] == "法规比较 · " + " / ".join(TITLES)
    text = (files / "r.text").read_text(encoding="utf-8")
    assert "匹配标准：校准得分 ≥ 0.32" in text and "章节覆盖" in text
    assert "相关：0.22 ≤ 得分 < 0.32（两条或共有一项次要规定，供核对，不计入匹配）" in text
    assert f"== 1 ↔ 2: 匹配 {pair['n_matches']}，相关 {pair['n_related']}，" \
        f"未匹配 {len(pair['a_only'])} + {len(pair['b_only'])}，" \
        f"相似度 {pair['similarity']:.2f}" in text
    # a related pair is drawn ≈, a match ↔, in the order of the first document
    lines = [x for x in text.splitlines() if x.startswith("第")]
    assert sum("≈" in x for x in lines) == pair["n_related"] == 7
    assert sum("↔" in x for x in lines) == pair["n_matches"] == 38
    # one-to-many and many-to-one matches named as such, each side in its document's order
    assert [x for x in text.splitlines() if x[:3] in ("一对多", "多对一", "多对多")] == GROUPS
    assert [g["label"] + ": " + g["a"] + " → " + g["b"] for g in pair["groups"]] == GROUPS
    for english in ("matches", "only in", "chapter coverage", "similarity"):
        assert english not in text.lower()


def test_english_labels_for_foreign_documents(tmp_path):
    a, b = sorted(FOREIGN.glob("0[12]-za-constitution-*.xml"))
    r = run_cli("compare", a, b, "-o", tmp_path / "r.txt")
    assert r.returncode in (0, 1), r.stderr
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "Matches: calibrated score ≥ 0.32" in text and "Chapter coverage" in text
    assert "Related: 0.22 ≤ score < 0.32" in text
    summary = next(x for x in text.splitlines() if x.startswith("== 1 ↔ 2: "))
    assert summary.startswith("== 1 ↔ 2: Matches ") and ", Related " in summary
    assert "匹配" not in text and "章节覆盖" not in text


def test_shared_passages_of_alphabetic_texts_are_whole_words():
    """In English, a shared run of characters can sit inside words (port: *report*,
    *proportionate*): only runs of at least three whole words are highlighted. The EU
    proposal and the AKN4EU bill share their committee article word for word."""
    import re

    from ftzlaw.compare import compare_documents
    from ftzlaw.compare.report import SHARED_WORDS, report_data, shared_segments
    from ftzlaw.load import load_tree

    a, b, _ = shared_segments("Member States shall ensure that penalties are proportionate.",
                              "The Commission shall submit a report on this Decision.")
    assert {s["m"] for s in a + b} == {""}
    # cut back alike on both sides, spaces left out
    a, b, _ = shared_segments("the report on data protection and privacy",
                              "port on data protection and privacy")
    assert [s["t"] for s in a if s["m"]] == [s["t"] for s in b if s["m"]] == \
        ["on data protection and privacy"]
    al = compare_documents([load_tree(str(FOREIGN / f))[0] for f in (
        "12-eu-com-2013-619-proposal.xml", "13-eu-akn4eu-council-position-bill.xml")])
    [pair] = report_data(al)["pairs"]
    marked = 0
    for row in pair["rows"]:
        for side in ("a", "b"):
            segs = row[side]["segs"]
            text = "".join(s["t"] for s in segs)
            pos = 0
            for s in segs:
                end = pos + len(s["t"])
                if s["m"] == "shared":
                    marked += 1
                    assert len(re.findall(r"[A-Za-z]+", s["t"])) >= SHARED_WORDS
                    assert pos == 0 or not (text[pos - 1].isalpha() and text[pos].isalpha())
                    assert end == len(text) or not (text[end - 1].isalpha()
                                                    and text[end].isalpha())
                pos = end
    committee = next(r for r in pair["rows"] if r["b"]["eId"] == "article[7]")
    runs = [s["t"] for s in committee["a"]["segs"] if s["m"]]
    assert runs[0].startswith("1.The Commission shall be assisted by a committee. That "
                              "committee shall be a committee within the meaning of "
                              "Regulation (EU) No 182/2011.")
    assert marked >= 4


def test_rows_keep_every_character_and_mark_only_shared_passages(alignment, data):
    """Each side prints its own article's characters exactly; what is highlighted is a
    run of ≥ 4 characters the other article has too; nothing is marked deleted/inserted."""
    from ftzlaw.compare.report import SHARED_RUN
    from ftzlaw.diff.chars import comparison_form

    A, B = alignment.documents
    [pair] = data["pairs"]
    # 38 matches and 7 related pairs, in the order of the first document
    p = alignment.pairs[0]
    assert [r["kind"] for r in pair["rows"]].count("match") == len(p.matches) == 38
    assert [r["kind"] for r in pair["rows"]].count("related") == len(p.related) == 7
    order = {a.eId: k for k, a in enumerate(A.articles)}
    assert [order[r["a"]["eId"]] for r in pair["rows"]] == \
        sorted(order[r["a"]["eId"]] for r in pair["rows"])
    shared = 0
    for row in pair["rows"]:
        for side, doc, other_side, other_doc in (("a", A, "b", B), ("b", B, "a", A)):
            cell = row[side]
            assert "".join(s["t"] for s in cell["segs"]) == doc.article(cell["eId"]).text
            assert {s["m"] for s in cell["segs"]} <= {"", "shared"}
            other = comparison_form(other_doc.article(row[other_side]["eId"]).text)
            for s in cell["segs"]:
                if s["m"] == "shared":
                    shared += 1
                    assert len(comparison_form(s["t"])) >= SHARED_RUN
                    assert comparison_form(s["t"]) in other, s["t"]
        assert 0.0 <= row["same"] <= 1.0
    assert shared > 100
    # the 施行 articles share their whole formula
    last = next(r for r in pair["rows"] if (r["a"]["num"], r["b"]["num"]) ==
                ("第六十八条", "第六十五条"))
    assert [s["t"] for s in last["a"]["segs"] if s["m"] == "shared"] == ["本条例自", "日起施行"]


def test_heatmap_bins_large_documents(alignment):
    """At most ``max_cells`` cells a side: articles binned, a bin shows its best score and
    is outlined when it holds a match."""
    from ftzlaw.compare.report import CELL, _colour, heatmap

    pair = alignment.pairs[0]
    A, B = alignment.documents
    full = heatmap(alignment, pair)
    assert (full["ka"], full["kb"], full["width"], full["height"]) == (1, 1, 65 * CELL, 68 * CELL)
    hm = heatmap(alignment, pair, max_cells=10)
    assert (hm["ka"], hm["kb"]) == (7, 7)
    assert (hm["width"], hm["height"]) == (10 * CELL, 10 * CELL)
    pos_a = {a.eId: i for i, a in enumerate(A.articles)}
    pos_b = {b.eId: j for j, b in enumerate(B.articles)}
    best: dict = {}
    for (ea, eb), s in pair.scores.items():
        if s >= 0.02:
            key = (pos_a[ea] // 7 * CELL, pos_b[eb] // 7 * CELL)
            best[key] = max(best.get(key, 0.0), s)
    assert {(c["y"], c["x"]): c["fill"] for c in hm["cells"]} == \
        {k: _colour(s) for k, s in best.items()}
    outlined = {(c["y"], c["x"]) for c in hm["cells"] if c["match"]}
    assert outlined == {(pos_a[m.a_eId] // 7 * CELL, pos_b[m.b_eId] // 7 * CELL)
                        for m in pair.matches}
    assert hm["a_ticks"][0] == {"at": 0, "label": "第一章"}


# A probe appended to a copy of the page: does every heatmap fit the page's width?
FIT = ("<script>document.body.setAttribute('data-fit', Array.from(document.querySelectorAll("
       "'figure.heatmap svg')).map(function(s){var r=s.getBoundingClientRect(),"
       "m=s.closest('main').getBoundingClientRect();return (r.width>200&&r.right<=m.right+1)"
       "?'1':'0'}).join(''))</script>")


@pytest.mark.browser
def test_html_report_in_chromium(files, data, tmp_path):
    from browser import dom
    from lxml import html

    page = (files / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<del>" not in page and "<ins>" not in page
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", FIT + "</body>"), encoding="utf-8")
    shown, errors = dom(probe)
    assert errors == []
    tree = html.fromstring(shown)
    assert tree.get("lang") == "zh-CN"
    # the heatmap scales to the page (the old one was 672 px wide and ran off it)
    [svg] = tree.xpath("//figure[@class='heatmap']/*[local-name()='svg']")
    assert svg.get("width") == "100%" and svg.get("viewbox", svg.get("viewBox")) == \
        f"0 0 {65 * 9 + 60} {68 * 9 + 50}"
    assert tree.xpath("//body/@data-fit") == ["1"]
    heads = [_flat(th.text_content()) for th in tree.xpath("//table[@class='side']//th")]
    assert heads == ["1." + TITLES[0], "得分", "2." + TITLES[1]]
    assert tree.xpath("string(//p[@class='legend'])") == LEGEND
    assert [_flat(h.text_content()) for h in tree.xpath("//h2")] == \
        ["章节覆盖", f"1.{TITLES[0]}↔2.{TITLES[1]}"]
    assert [_flat(li.text_content()) for li in tree.xpath("//ul[@class='groups']/li")] == \
        [_flat(g.replace(":", "", 1)) for g in GROUPS]
    rows = tree.xpath("//table[@class='side']//tr[@class='match']")
    related = tree.xpath("//table[@class='side']//tr[@class='related']")
    assert [_flat(r.xpath("string(td[@class='score'])")) for r in related][0][4:6] == "相关"
    assert len(rows) == 38 and len(related) == 7 and len(tree.xpath("//table[@class='side']//mark")) > 100


def _columns(pdf, split: tuple[float, float]) -> tuple[str, str]:
    """The side-by-side table's columns, whitespace dropped: words ending left of
    ``split[0]`` and words starting right of ``split[1]`` (points), line by line."""
    from pdfcheck import info, words

    left, right = [], []
    for page in range(1, int(info(pdf)["Pages"]) + 1):
        ws = [w for w in words(pdf, page) if w[2] < 842 - 22 / 25.4 * 72]  # not the footer
        for keep, out in ((lambda w: w[3] <= split[0], left), (lambda w: w[1] >= split[1], right)):
            lines: list[list] = []
            for w in sorted(filter(keep, ws), key=lambda w: w[2]):
                middle = (w[2] + w[4]) / 2
                if lines and lines[-1][0] <= middle <= lines[-1][1]:
                    lines[-1][2].append(w)
                else:
                    lines.append([w[2], w[4], [w]])
            out += [unescape(w[0]) for _, _, line in lines for w in sorted(line, key=lambda w: w[1])]
    return _flat("".join(left)), _flat("".join(right))


@pytest.mark.pdf
def test_pdf_report(files, data):
    """The PDF: fonts embedded, Chinese labels, the legend, the bookmarks, and each column
    of the side-by-side table holding its own document's articles, in order."""
    from pdfcheck import fonts, outline, text

    pdf = files / "r.pdf"
    ONLY = _only_counts(data)
    assert ONLY == (34, 30)
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts(pdf))
    flat = _flat(text(pdf))
    for s in ("章节覆盖", "匹配标准：校准得分≥0.32", "相关：0.22≤得分<0.32", _flat(LEGEND),
              "仅见于1." + TITLES[0], "非一对一的匹配", *(_flat(g[5:]) for g in GROUPS)):
        assert s in flat, s
    assert outline(pdf) == ["章节覆盖", f"1. {TITLES[0]}", f"2. {TITLES[1]}",
                            f"1. {TITLES[0]} ↔ 2. {TITLES[1]}", f"仅见于 1. {TITLES[0]}（{ONLY[0]}）",
                            f"仅见于 2. {TITLES[1]}（{ONLY[1]}）"]
    # columns: 18 mm margins, 1fr | 13 mm | 1fr on A4
    margin, score = 18 / 25.4 * 72, 13 / 25.4 * 72
    fr = (595.28 - 2 * margin - score) / 2
    left, right = _columns(pdf, (margin + fr + 2, margin + fr + score - 2))
    # the header row, repeated on every page
    left, right = left.replace("1." + TITLES[0], ""), right.replace("2." + TITLES[1], "")
    [pair] = data["pairs"]
    at = {"a": 0, "b": 0}
    for row in pair["rows"]:
        for side, column in (("a", left), ("b", right)):
            want = _flat(row[side]["num"] + "".join(s["t"] for s in row[side]["segs"]))
            found = column.find(want, at[side])
            assert found >= 0, (side, want[:30])
            at[side] = found + len(want)


def test_docx_report(files, data):
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    doc = docx.Document(str(files / "r.docx"))
    ONLY = _only_counts(data)
    assert doc.paragraphs[0].text == data["title"]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["章节覆盖", f"1. {TITLES[0]}", f"2. {TITLES[1]}",
                        f"1. {TITLES[0]} ↔ 2. {TITLES[1]}", f"仅见于 1. {TITLES[0]}（{ONLY[0]}）",
                        f"仅见于 2. {TITLES[1]}（{ONLY[1]}）"]
    side = doc.tables[-1]
    assert [c.text for c in side.rows[0].cells] == ["1. " + TITLES[0], "得分", "2. " + TITLES[1]]
    [pair] = data["pairs"]
    assert len(side.rows) == 1 + len(pair["rows"])
    for tr, row in zip(side.rows[1:], pair["rows"]):
        for cell, s in ((tr.cells[0], row["a"]), (tr.cells[2], row["b"])):
            runs = cell.paragraphs[0].runs
            assert "".join(r.text for r in runs) == s["num"] + "　" + "".join(x["t"] for x in s["segs"])
            assert [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW] == \
                [x["t"] for x in s["segs"] if x["m"] == "shared"]
            assert not any(r.font.strike for r in runs)
    footer = doc.sections[0].footer.paragraphs[0]._p
    assert "".join(footer.xpath(".//w:instrText/text()")) == " PAGE "
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("非一对一的匹配：")
    assert texts[at + 1:at + 1 + len(GROUPS)] == [g.replace(": ", "  ", 1) for g in GROUPS]


def test_binary_formats_refused_on_a_terminal(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "ftzlaw", "compare", str(TJ), str(HE),
                            "--format", "pdf"], stdout=slave, stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(slave)
        os.close(master)
    assert r.returncode == 2
    assert r.stderr.decode() == "ftzlaw: error: a PDF is binary: give -o FILE or redirect " \
        "standard output\n"


def test_write_rejects_unknown_format(alignment):
    from ftzlaw.compare.report import write

    with pytest.raises(ValueError, match="unknown format 'xml'"):
        write(alignment, "xml")
    assert re.match(r"1\. 中国（天津）", write(alignment, "text"))
