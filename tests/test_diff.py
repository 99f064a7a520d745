"""ftzlaw diff: article alignment, change set and the report formats, on the real texts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DECISION, SEED, SEED_OPTIONS, TEXTS, need, run_cli
from ftzlaw.diff import diff_documents

T2015 = TEXTS / "tianjin-ftz-2015.txt"
T2022 = TEXTS / "tianjin-ftz-2022.txt"
NUM = "一二三四五六七八九十"


def cn(s: str) -> int:
    """Chinese numeral up to 99 (enough for article numbers here)."""
    if "十" not in s:
        return NUM.index(s) + 1
    tens, _, ones = s.partition("十")
    return (NUM.index(tens) + 1 if tens else 1) * 10 + (NUM.index(ones) + 1 if ones else 0)


def decision_list():
    """What the amending decision says, read from its text instruction by instruction:
    added (new numbers), deleted (old numbers), modified (old → new numbers)."""
    text = DECISION.read_text(encoding="utf-8")
    instructions = re.findall(r"^[一二三四五六七八九十]+、(.+)$", text, re.M)
    added, deleted, modified = set(), set(), {}
    for ins in instructions:
        if m := re.match(r"增加一条作为第(\S+?)条", ins):
            added.add(cn(m.group(1)))
        elif m := re.match(r"删除第(\S+?)条。", ins):
            deleted.add(cn(m.group(1)))
        elif m := re.match(r"将第(\S+?)条改为第(\S+?)条", ins):
            modified[cn(m.group(1))] = cn(m.group(2))
        elif m := re.match(r"将第(\S+?)条修改为", ins):
            modified[cn(m.group(1))] = cn(m.group(1))
        else:
            raise AssertionError(f"unread instruction: {ins[:30]}")
    return added, deleted, modified


@pytest.fixture(scope="module")
def tianjin():
    from ftzlaw.diff import diff_documents
    from ftzlaw.load import load_tree

    return diff_documents(load_tree(str(T2015))[0], load_tree(str(T2022))[0])


def num(art) -> int:
    return cn(art.num[1:-1])


# --- the Tianjin amendment, article by article ---------------------------------------------

def test_decision_list_matches_sources():
    added, deleted, modified = decision_list()
    assert sorted(added) == [5, 10, 26, 27, 29, 35, 36, 39, 43, 44, 45, 52]
    assert sorted(deleted) == [9, 28]
    assert len(modified) == 26


def test_tianjin_every_article_as_the_decision_says(tianjin):
    added, deleted, modified = decision_list()
    assert tianjin.summary == {"unchanged": 2, "renumbered": 28, "modified": 26,
                               "added": 12, "deleted": 2}
    got_added = {num(a.new) for a in tianjin.articles if a.status == "added"}
    got_deleted = {num(a.old) for a in tianjin.articles if a.status == "deleted"}
    got_modified = {num(a.old): num(a.new) for a in tianjin.articles if a.status == "modified"}
    assert got_added == added
    assert got_deleted == deleted
    assert got_modified == modified
    # the 30 articles the decision leaves alone: same text, renumbered by the insertions
    # and deletions before them (原第二十一条 style), never modified
    untouched = [a for a in tianjin.articles if a.status in ("unchanged", "renumbered")]
    assert len(untouched) == 30
    touched_old = deleted | set(modified)
    assert {num(a.old) for a in untouched} == set(range(1, 59)) - touched_old
    for a in untouched:
        o, n = num(a.old), num(a.new)
        shift = sum(1 for x in added if x <= n) - sum(1 for x in deleted if x < o)
        assert n == o + shift, (a.old.num, a.new.num)
        assert a.status == ("unchanged" if o == n else "renumbered")
    assert not tianjin.moved and not tianjin.headings
    # every old and every new article exactly once
    assert sorted(a.old.eId for a in tianjin.articles if a.old) == \
        sorted(f"art_{k}" for k in range(1, 59))
    assert sorted(a.new.eId for a in tianjin.articles if a.new) == \
        sorted(f"art_{k}" for k in range(1, 69))


def test_tianjin_parts_and_character_edits(tianjin):
    by_new = {a.new.num: a for a in tianjin.articles if a.new}
    # 九、将第十五条改为第十六条，其中"区县"修改为"区"
    a16 = by_new["第十六条"]
    assert a16.old.num == "第十五条" and a16.renumbered
    assert [(e["type"], e["old"], e["new"]) for e in a16.edits] == [("delete", "县", "")]
    # 四、将第五条改为第六条，增加一款作为第二款
    a6 = by_new["第六条"]
    assert [(p.kind, p.status, p.eId) for p in a6.changed_parts()] == \
        [("paragraph", "added", "art_6__para_2")]
    # 二十九、将第三十五条改为第四十一条，增加一项作为第六项
    a41 = by_new["第四十一条"]
    assert ("point", "added", "art_41__para_1__point_6") in \
        [(p.kind, p.status, p.eId) for p in a41.changed_parts()]
    # 二十三、…第二款中"鼓励发展航运金融、国际船舶运输"修改为"鼓励发展航运金融、航运保险、国际船舶运输"
    a32 = by_new["第三十二条"]
    assert {"type": "insert", "old": "", "new": "航运保险、", "eId": "art_32__para_2",
            "part": "paragraph"} in [{k: e[k] for k in ("type", "old", "new", "eId", "part")}
                                     for e in a32.edits]
    # edits end on phrase boundaries: 之外 → 以外, not 之 → 以
    a18 = by_new["第十八条"]
    assert ("之外", "以外") in [(e["old"], e["new"]) for e in a18.edits]
    # the punctuation drift (天津)/（天津） is no change: article 2 is unchanged
    assert by_new["第二条"].status == "unchanged"


# --- small exact cases ----------------------------------------------------------------------

def test_identical_inputs_no_change(tmp_path):
    r = run_cli("import", SEED, *SEED_OPTIONS, "-o", tmp_path / "b.xml", "-q")
    assert r.returncode == 0, r.stderr
    r = run_cli("diff", SEED, tmp_path / "b.xml", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["summary"] == {"unchanged": 68, "renumbered": 0, "modified": 0, "added": 0,
                               "deleted": 0}
    assert all(a["edits"] == [] for a in data["articles"])


def test_one_character_edit(tmp_path):
    text = T2022.read_text(encoding="utf-8")
    assert text.count("创新服务方式") == 1
    (tmp_path / "new.txt").write_text(text.replace("创新服务方式", "创新服务模式"), "utf-8")
    r = run_cli("diff", T2022, tmp_path / "new.txt", "--format", "json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["summary"] == {"unchanged": 67, "renumbered": 0, "modified": 1, "added": 0,
                               "deleted": 0}
    [art] = [a for a in data["articles"] if a["status"] == "modified"]
    assert art["old"] == art["new"] == {"eId": "art_20", "num": "第二十条"}
    assert [(e["type"], e["old"], e["new"], e["eId"]) for e in art["edits"]] == \
        [("replace", "方式", "模式", "art_20__para_2")]


def test_punctuation_form_only_with_exact(tmp_path):
    text = T2022.read_text(encoding="utf-8")
    ascii_form = text.replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"')
    (tmp_path / "ascii.txt").write_text(ascii_form, "utf-8")
    r = run_cli("diff", T2022, tmp_path / "ascii.txt", "--format", "json")
    assert r.returncode == 0, r.stdout
    r = run_cli("diff", T2022, tmp_path / "ascii.txt", "--format", "json", "--exact")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    changed = {a["new"]["num"] for a in data["articles"] if a["status"] == "modified"}
    # exactly the articles whose text has full-width brackets or quotes
    from ftzlaw.akn import Document
    from ftzlaw.load import load_tree

    doc = Document(load_tree(str(T2022))[0])
    expected = {a.num for a in doc.articles if re.search("[（）“”]", a.text)}
    assert len(expected) > 10 and changed == expected
    assert data["summary"]["modified"] == len(expected)


def test_moved_and_heading_changes(tmp_path):
    text = T2022.read_text(encoding="utf-8")
    a2 = re.search(r"^第二条　(.*)$", text, re.M).group(1)
    a3 = re.search(r"^第三条　(.*)$", text, re.M).group(1)
    swapped = text.replace(f"第二条　{a2}", "@2").replace(f"第三条　{a3}", f"第三条　{a2}")
    swapped = swapped.replace("@2", f"第二条　{a3}")
    swapped = swapped.replace("第六章　服务京津冀协同发展", "第六章　服务京津冀协同发展战略")
    (tmp_path / "new.txt").write_text(swapped, "utf-8")
    r = run_cli("diff", T2022, tmp_path / "new.txt", "--format", "json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["summary"]["renumbered"] == 2 and data["summary"]["modified"] == 0
    assert data["moved"] == 1
    assert [(h["kind"], h["status"], h["old"]["heading"], h["new"]["heading"])
            for h in data["headings"]] == \
        [("chapter", "modified", "服务京津冀协同发展", "服务京津冀协同发展战略")]
    assert data["headings"][0]["edits"] == [{"type": "insert", "old": "", "new": "战略",
                                             "at": 9}]


# --- command behaviour ------------------------------------------------------------------------

def test_text_report_and_colour():
    r = run_cli("diff", T2015, T2022)
    assert r.returncode == 1
    out = r.stdout.decode()
    assert out.splitlines()[1] == "58 → 68 条: 2 未修改, 28 仅序号变动, 26 修改, 12 新增, 2 删除"
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "第十六条（原第十五条）  [修改 98%]" in out
    assert "相关区[-县-]人民政府" in out
    r = run_cli("diff", T2015, T2022, "--color", "always")
    assert "相关区\x1b[31;9m县\x1b[0m人民政府" in r.stdout.decode()


def test_csv_one_row_per_pair():
    import csv
    import io

    r = run_cli("diff", T2015, T2022, "--format", "csv")
    assert r.returncode == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"))))
    assert len(rows) == 70
    assert sum(1 for row in rows if row["status"] == "added") == 12
    row = next(row for row in rows if row["new_num"] == "第十六条")
    assert (row["status"], row["old_num"], row["edits"]) == ("modified", "第十五条", "1")


def test_different_works_point_to_compare(tmp_path):
    hebei = TEXTS / "hebei-ftz-2020.txt"
    r = run_cli("diff", T2015, hebei, "-o", tmp_path / "out.json")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "/akn/cn-tj/act/regulation/2015-12-24/ftz" in err and "/akn/cn-he/" in err
    assert "ftzlaw compare" in err
    assert not (tmp_path / "out.json").exists()
    r = run_cli("diff", T2015, hebei, "--force", "--format", "json")
    assert r.returncode == 1


def test_bad_input_exit_2(tmp_path):
    r = run_cli("diff", tmp_path / "missing.txt", T2022, "-o", tmp_path / "o.html")
    assert r.returncode == 2 and b"missing.txt" in r.stderr
    (tmp_path / "empty.txt").write_text("这不是法规。", "utf-8")
    r = run_cli("diff", tmp_path / "empty.txt", T2022, "-o", tmp_path / "o.html")
    assert r.returncode == 2 and b"no article" in r.stderr
    assert not (tmp_path / "o.html").exists()


# --- the 对照表: HTML in Chromium, PDF through poppler, Word through python-docx --------------

@pytest.fixture(scope="module")
def table_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("table")
    for fmt in ("html", "pdf", "docx"):
        r = run_cli("diff", T2015, T2022, "--format", fmt, "-o", d / f"t.{fmt}")
        assert r.returncode == 1, r.stderr
    return d


@pytest.mark.browser
def test_html_table_in_chromium(table_files):
    from browser import dom, screenshot
    from lxml import html

    page, errors = dom(table_files / "t.html")
    assert errors == []
    tree = html.fromstring(page)
    rows = tree.xpath("//table[@class='cmp']/tbody/tr")
    statuses = [r.get("data-status") for r in rows if r.get("data-status")]
    assert statuses.count("added") == 12 and statuses.count("deleted") == 2
    assert statuses.count("modified") == 26
    assert len(tree.xpath("//tr[@class='same']//details[not(@open)]")) == \
        len(tree.xpath("//tr[@class='same']"))
    assert "国务院批准的" in [d.text_content() for d in tree.xpath("//del")]
    assert "推动实行更高水平改革开放，" in [i.text_content() for i in tree.xpath("//ins")]
    assert tree.xpath("//span[@class='note' and .='（原第五条）']")
    screenshot(table_files / "t.html", table_files / "t.png")


def test_table_data_marks_exactly_the_edits(tianjin):
    """What the html/typst templates and the Word writer print: in every modified article
    the struck words (left) and the added words (right) are exactly the change set's edits,
    in order, and neither side carries the other's marks."""
    from ftzlaw.diff.table import table_data

    by_new = {a.new.num: a for a in tianjin.articles if a.new}
    rows = [r for r in table_data(tianjin)["rows"]
            if r["type"] == "article" and r["status"] == "modified"]
    assert len(rows) == 26

    def marked(cell, mark):
        return [s["t"] for line in cell["lines"] for s in line["segs"] if s["m"] == mark]
    for row in rows:
        a = by_new[row["new"]["num"]]
        assert marked(row["old"], "del") == [e["old"] for e in a.edits if e["old"]]
        assert marked(row["new"], "ins") == [e["new"] for e in a.edits if e["new"]]
        assert marked(row["old"], "ins") == [] and marked(row["new"], "del") == []
    row16 = next(r for r in rows if r["new"]["num"] == "第十六条")
    assert marked(row16["old"], "del") == ["县"] and marked(row16["new"], "ins") == []


def _pdf_runs(pdf) -> tuple[float, list[tuple[str, float, bool]]]:
    """Page width and the text runs of a PDF from poppler's ``pdftohtml -xml``:
    (text, left edge, set in a bold face)."""
    need("pdftohtml")
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page [^>]*width="([\d.]+)"', xml).group(1))
    runs = [(re.sub(r"<[^>]+>", "", body), float(left), "<b>" in body)
            for left, body in re.findall(r'<text [^>]*left="([\d.]+)"[^>]*>(.*?)</text>', xml)]
    return width, runs


@pytest.mark.pdf
def test_pdf_table(table_files):
    from pdfcheck import fonts, text

    pdf = table_files / "t.pdf"
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts(pdf))
    out = text(pdf)
    assert "修改前" in out and "修改后" in out and "原第五条" in out
    assert "中国（天津）自由贸易试验区条例修改前后对照表" in out
    # each cell's text in reading order, the old cell before the new one: 第十六条 (原第十五条)
    # keeps 县 on the left only
    flat = re.sub(r"\s", "", out)
    old15 = flat.index("第十五条")
    assert flat.index("相关区县人民政府", old15) < flat.index("相关区人民政府", old15)
    # added words are set bold in the right column; struck words stay regular, on the left
    width, runs = _pdf_runs(pdf)
    added = [(left > width / 2, bold) for t, left, bold in runs if t == "航运保险、"]
    assert added == [(True, True)]
    struck = [(left < width / 2, bold) for t, left, bold in runs if "相关区县人民政府" in t]
    assert struck == [(True, False)]


def test_docx_table(table_files):
    import docx

    doc = docx.Document(str(table_files / "t.docx"))
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells][0].startswith("修改前")
    runs = [r for row in table.rows for cell in row.cells for p in cell.paragraphs
            for r in p.runs]
    struck = {r.text for r in runs if r.font.strike}
    added = {r.text for r in runs if r.font.bold and r.font.underline}
    assert "国务院批准的" in struck and "县" in struck
    assert "推动实行更高水平改革开放，" in added and "航运保险、" in added
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed: Word → PDF conversion not checked")
    out = table_files / "soffice"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    str(table_files / "t.docx")], check=True, timeout=180, capture_output=True)
    need("pdftotext")
    from pdfcheck import text

    assert "原第五条" in text(out / "t.pdf")


# --- each side in its own characters ---------------------------------------------------------

@pytest.fixture(scope="module")
def punctuation_pair(tmp_path_factory):
    """第二条 with ASCII brackets (old) against full-width ones and 批准 → 同意 (new): the
    brackets are no change, so they stand in kept text, which each side must print as its
    own version has it."""
    d = tmp_path_factory.mktemp("punct")
    text = T2022.read_text(encoding="utf-8")
    a2 = "第二条　本条例所称中国（天津）自由贸易试验区是指经国务院批准在天津设立的自由贸易试验区（以下简称自贸试验区）。"
    assert text.count(a2) == 1
    (d / "old.txt").write_text(text.replace(a2, a2.replace("（", "(").replace("）", ")")), "utf-8")
    (d / "new.txt").write_text(text.replace(a2, a2.replace("批准", "同意")), "utf-8")
    from ftzlaw.akn import Document
    from ftzlaw.load import load_tree

    old, new = (Document(load_tree(str(d / f))[0]).articles[1].text for f in ("old.txt", "new.txt"))
    assert old == "本条例所称中国(天津)自由贸易试验区是指经国务院批准在天津设立的自由贸易试验区(以下简称自贸试验区)。"
    for fmt in ("html", "pdf", "docx"):
        r = run_cli("diff", d / "old.txt", d / "new.txt", "--format", fmt, "-o", d / f"t.{fmt}")
        assert r.returncode == 1, r.stderr
    return d, old, new


def test_char_diff_sides_are_the_originals():
    from ftzlaw.diff.chars import EQUAL, char_diff

    ops = char_diff("设立(试验)区——按规定", "设立（试验）园区--按规定")
    assert [(o.op, o.side("old"), o.side("new")) for o in ops] == [
        (EQUAL, "设立(试验)", "设立（试验）"), ("+", "", "园"), (EQUAL, "区——按规定", "区--按规定")]
    assert [o.text for o in ops] == ["设立（试验）", "园", "区--按规定"]  # as before: new text
    assert char_diff("(甲)", "（甲）")[0].old == "(甲)"


TEXT = st.text(alphabet="甲乙丙的和()（）“”\"-—－,，ＡA 　\n", max_size=30)


@given(TEXT, TEXT, st.booleans())
def test_char_diff_rebuilds_both_texts(old, new, exact):
    """Every character of each version, whitespace inside included, is on its own side."""
    from ftzlaw.diff.chars import char_diff

    ops = char_diff(old, new, exact)
    assert "".join(o.side("old") for o in ops) == old.strip()
    assert "".join(o.side("new") for o in ops) == new.strip()


def test_html_sides_print_their_own_text(punctuation_pair):
    from lxml import html

    d, old, new = punctuation_pair
    tree = html.parse(str(d / "t.html")).getroot()
    [row] = tree.xpath("//tr[@data-status='modified']")
    left, right = row.xpath("td")
    assert left.text_content().strip() == "第二条　" + old
    assert right.text_content().strip() == "第二条　" + new
    assert [e.text_content() for e in left.xpath(".//del")] == ["批准"]
    assert [e.text_content() for e in right.xpath(".//ins")] == ["同意"]
    assert not left.xpath(".//ins") and not right.xpath(".//del")


def test_docx_sides_print_their_own_text(punctuation_pair):
    import docx

    d, old, new = punctuation_pair
    [table] = docx.Document(str(d / "t.docx")).tables
    [row] = [r for r in table.rows if r.cells[0].text.startswith("第二条")]
    assert row.cells[0].text == "第二条　" + old
    assert row.cells[1].text == "第二条　" + new
    assert [r.text for r in row.cells[0].paragraphs[0].runs if r.font.strike] == ["批准"]
    assert [r.text for r in row.cells[1].paragraphs[0].runs if r.font.underline] == ["同意"]


@pytest.mark.pdf
def test_pdf_sides_print_their_own_text(punctuation_pair):
    from pdfcheck import text

    d, old, new = punctuation_pair
    flat = re.sub(r"\s", "", text(d / "t.pdf"))
    assert "第二条" + old + "第二条" + new + "第三条至第六条未修改" in flat


def test_binary_formats_refused_on_a_terminal(punctuation_pair):
    """pdf/docx to a terminal: exit 2 and nothing written there (as ftzlaw render does);
    text still goes to a terminal (a short report: the pty buffer is not drained)."""
    import os
    import pty

    d = punctuation_pair[0]
    from conftest import ftzlaw_command

    for fmt, what, code in (("pdf", "a PDF", 2), ("docx", "a Word file", 2), ("text", "", 1)):
        master, slave = pty.openpty()
        try:
            r = subprocess.run(ftzlaw_command() + ["diff", str(d / "old.txt"), str(d / "new.txt"), "--format", fmt],
                               stdout=slave, stderr=subprocess.PIPE, timeout=300)
            os.set_blocking(master, False)
            try:
                shown = os.read(master, 1 << 20)
            except BlockingIOError:
                shown = b""
        finally:
            os.close(slave)
            os.close(master)
        assert r.returncode == code, r.stderr
        if what:
            assert r.stderr.decode() == f"ftzlaw: error: {what} is binary: give -o FILE or " \
                "redirect standard output\n"
            assert shown == b""
        else:
            # a terminal: coloured by default
            assert "经国务院\x1b[31;9m批准\x1b[0m\x1b[32;4m同意\x1b[0m在天津" in shown.decode()


def test_library_api(tianjin):
    from ftzlaw.diff import report

    assert tianjin.changed
    for fmt in ("text", "json", "csv"):
        assert isinstance(report.write(tianjin, fmt), bytes)
    with pytest.raises(ValueError):
        report.write(tianjin, "xml")


def test_amend_output_declares_article_identity():
    """ftzlaw amend keeps a renumbered article's base eId as wId; diff takes that identity as
    given, so an article deleted and another added in its place are not paired by position."""
    from ftzlaw.amend import apply_decision, parse_decision
    from ftzlaw.textin import import_text

    base = import_text("甲条例\n（2020年1月2日天津市第一届人民代表大会常务委员会第一次会议通过）\n"
                       "第一条　一。\n第二条　旧的规定。\n第三条　三。\n").tree
    decision = parse_decision(
        "天津市人民代表大会常务委员会关于修改《甲条例》的决定\n"
        "（2021年6月1日天津市第一届人民代表大会常务委员会第二次会议通过）\n"
        "一、删去第二条。\n二、在第一条后增加一条，作为第二条：“全新的内容。”\n"
        "本决定自公布之日起施行。")
    result = apply_decision(base, decision)
    cs = diff_documents(base, result.tree)
    assert cs.summary == {"unchanged": 2, "renumbered": 0, "modified": 0, "added": 1, "deleted": 1}
    # Without the declaration (the same texts imported plainly) the lone pair in the gap is
    # read as a rewrite in place.
    from ftzlaw.akn.plaintext import to_text
    plain = import_text(to_text(result.tree)).tree
    assert diff_documents(base, plain).summary["modified"] == 1


def test_tianjin_amend_keep_quotes_still_matches_the_decision():
    """With the decision's nested quotes kept, texts differ from the official ones; the
    declared identity still gives the decision's own lists."""
    from ftzlaw.amend import apply_decision, parse_decision
    from ftzlaw.textin import import_bytes

    base = import_bytes((TEXTS / "tianjin-ftz-2015.txt").read_bytes()).tree
    decision = parse_decision(DECISION.read_text(encoding="utf-8"))
    result = apply_decision(base, decision, unnest_quotes=False)
    assert diff_documents(base, result.tree).summary == {
        "unchanged": 2, "renumbered": 28, "modified": 26, "added": 12, "deleted": 2}
