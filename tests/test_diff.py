"""ftzlaw diff: article alignment, change set and the report formats, on the real texts."""

from __future__ import annotations

import json
import re
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
    assert out.splitlines()[2] == "说明：{+增加+}为增加内容，[-删去-]为删去内容"
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
    (tmp_path / "empty.txt").write_text("", "utf-8")
    r = run_cli("diff", tmp_path / "empty.txt", T2022, "-o", tmp_path / "o.html")
    assert r.returncode == 2 and b"the input is empty" in r.stderr
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
    # all 40 changed rows, each column rebuilt from the page: its own version's words
    from ftzlaw.diff.table import table_data
    from ftzlaw.load import load_tree

    data = table_data(diff_documents(load_tree(str(T2015))[0], load_tree(str(T2022))[0]))
    assert sum(r["type"] == "article" for r in data["rows"]) == 40
    columns_hold_rows(pdf, data)


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
    # the legend under the title, its two samples marked as the table marks
    legend = doc.paragraphs[2]
    assert legend.text == "说明：加粗下划线为增加内容，删除线为删去内容"
    assert [(r.text, bool(r.font.bold and r.font.underline), bool(r.font.strike))
            for r in legend.runs if r.font.strike or r.font.underline] == \
        [("加粗下划线", True, False), ("删除线", False, True)]
    # page numbers: "— PAGE —" in the footer
    footer = doc.sections[0].footer.paragraphs[0]._p
    instr = [t.text for t in footer.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")]
    assert instr == [" PAGE "]
    assert "".join(footer.xpath(".//w:t/text()")) == "— 1 —"
    # no faux italic anywhere (Word slants CJK glyphs): 未修改 rows are grey and upright
    everything = [r for p in doc.paragraphs for r in p.runs] + runs
    assert not any(r.italic or r.font.italic for r in everything)
    same = [r for r in runs if r.text.endswith("未修改")]
    assert len(same) == 2 * 15 and all(str(r.font.color.rgb) == "595959" for r in same)


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


def test_docx_table_opens_in_libreoffice(table_files, tmp_path):
    """The Word 对照表 as a drafter's office suite reads it: LibreOffice converts it to PDF,
    and the PDF holds the title, the legend and both sides of a changed article."""
    need("soffice")
    need("pdftotext")
    from pdfcheck import text

    profile = tmp_path / "profile"   # a fresh LibreOffice profile: no state from other runs
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(table_files / "t.docx")],
                   check=True, timeout=300, capture_output=True)
    flat = "".join(text(tmp_path / "t.pdf").split())
    for s in ("说明：加粗下划线为增加内容，删除线为删去内容", "原第五条", "修改前", "修改后"):
        assert s in flat, s


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

    import sys

    d = punctuation_pair[0]
    for fmt, what, code in (("pdf", "a PDF", 2), ("docx", "a Word file", 2), ("text", "", 1)):
        master, slave = pty.openpty()
        try:
            r = subprocess.run([sys.executable, "-m", "ftzlaw", "diff", str(d / "old.txt"),
                                str(d / "new.txt"), "--format", fmt],
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


# --- minimal redline -------------------------------------------------------------------------

def _shared_runs(cs, at_least: int = 4) -> list[tuple[str, str, str]]:
    """Replacements (deleted + inserted text) that share a run of ``at_least`` characters:
    unchanged words a reader would take for changed ones."""
    from difflib import SequenceMatcher

    from ftzlaw.diff.chars import comparison_form

    out = []
    for a in cs.articles:
        for e in a.edits:
            if e["type"] != "replace":
                continue
            old, new = comparison_form(e["old"]), comparison_form(e["new"])
            m = SequenceMatcher(None, old, new, autojunk=False).find_longest_match(
                0, len(old), 0, len(new))
            if m.size >= at_least:
                out.append((a.new.num, old[m.a:m.a + m.size], e["old"]))
    return out


def test_redline_marks_no_unchanged_run(tianjin):
    """Tianjin 2015 → 2022: no run of ≥ 4 unchanged characters is shown deleted and
    re-inserted (before: 9 of 23 replacements, e.g. 大力发展服务贸易)."""
    replacements = [e for a in tianjin.articles for e in a.edits if e["type"] == "replace"]
    assert len(replacements) == 32
    assert _shared_runs(tianjin) == []
    by_new = {a.new.num: a for a in tianjin.articles if a.new}
    a25 = by_new["第二十五条"]
    assert [(e["type"], e["new"]) for e in a25.edits][:1] == [("insert", "建设新型贸易产业集聚区，")]
    for num, kept in (("第二十五条", "大力发展服务贸易"), ("第十八条", "按照内外资一致的原则"),
                      ("第四条", "京津冀协同发展")):
        assert not any(kept in e["old"] + e["new"] for e in by_new[num].edits), num
    # runs of 3 stay too (MIN_RUN): 第十五条 税务、[-公安、-]邮政等[-部门…-]{+国家有关驻津机构+}
    assert _shared_runs(tianjin, 3) == []
    assert [(e["old"], e["new"]) for e in by_new["第十五条"].edits] == [
        ("检验检疫、", ""), ("公安、", ""), ("部门驻自贸试验区的工作机构", "国家有关驻津机构")]


def test_redline_minimal_on_amend_output():
    """The same on the text ftzlaw amend makes of the 2015 text and the decision."""
    from ftzlaw.amend import apply_decision, parse_decision
    from ftzlaw.textin import import_bytes

    base = import_bytes(T2015.read_bytes()).tree
    result = apply_decision(base, parse_decision(DECISION.read_text(encoding="utf-8")))
    cs = diff_documents(base, result.tree)
    assert sum(e["type"] == "replace" for a in cs.articles for e in a.edits) == 32
    assert _shared_runs(cs) == []


NORM_TEXT = st.text(alphabet="甲乙 　\n\t—-－–―,（)", max_size=20)


@given(NORM_TEXT, st.booleans())
def test_normalise_spans_are_per_character(text, exact):
    """The run-based spans say, for every comparison character, exactly the original
    characters it stands for (whitespace dropped, a run of dashes one dash)."""
    from ftzlaw.diff.chars import normalise
    from ftzlaw.zh.fold import FOLD

    form, spans = normalise(text, exact)
    expected, k = [], 0
    while k < len(text):
        if text[k].isspace():
            k += 1
            continue
        c = text[k] if exact else text[k].translate(FOLD)
        j = k + 1
        while not exact and c == "—" and j < len(text) and text[j].translate(FOLD) == "—":
            j += 1
        expected.append((c, (k, j)))
        k = j
    assert form == "".join(c for c, _ in expected)
    assert [spans[i] for i in range(len(spans))] == [s for _, s in expected]


def test_long_single_line_is_diffed_by_sentence_anchors():
    """A 400,000-character provision (the corpus run together) with 40 words inserted far
    apart and 10 sentences rewritten: every edit found exactly, both texts rebuilt (the long
    path: sentence anchors, then characters between them)."""
    import random

    from ftzlaw.diff.chars import SMALL, char_diff, edits

    parts, size = [], 0
    for path in sorted((TEXTS.parent / "corpus" / "lawrefbook").rglob("*.md")):
        text = "".join(path.read_text(encoding="utf-8").split())
        parts.append(text)
        size += len(text)
        if size > 400_000:
            break
    old = "".join(parts)[:400_000]
    assert len(old) > 10 * SMALL
    rnd = random.Random(7)
    at = sorted(rnd.sample(range(1, len(old) // 5000), 40))
    new, last = [], 0
    for k, block in enumerate(at):
        cut = block * 5000
        new += [old[last:cut], f"【增{k}】"]
        last = cut
    new = "".join(new + [old[last:]])
    ops = char_diff(old, new)
    assert "".join(o.side("old") for o in ops) == old
    assert "".join(o.side("new") for o in ops) == new
    assert [(e["type"], e["new"]) for e in edits(ops)] == [("insert", f"【增{k}】")
                                                          for k in range(40)]


# --- 对照表 of moved, split, added and deleted articles ------------------------------------

ART_LINE = re.compile(r"^\s*第[一二三四五六七八九十百]+条\s+")
CHAPTER_LINE = re.compile(r"^\s*第[一二三四五六七八九十]+章")
NEW_ARTICLE = "本市建立自贸试验区法治保障评估制度，每两年评估一次。"


def reshaped(text: str) -> str:
    """Tianjin 2022 with the texts of 第二条 and 第十条 swapped (moved), 第六条's second 款
    made an article of its own (split), 第三十条 deleted and an article added before
    第四十条; articles renumbered in order."""
    from ftzlaw.zh.numerals import article_label

    blocks: list[list] = []
    for line in text.split("\n"):
        if ART_LINE.match(line):
            blocks.append(["art", [ART_LINE.sub("", line)]])
        elif blocks and blocks[-1][0] == "art" and line.strip() and not CHAPTER_LINE.match(line):
            blocks[-1][1].append(line)
        else:
            blocks.append(["other", [line]])
    arts = [b for b in blocks if b[0] == "art"]
    arts[1][1], arts[9][1] = arts[9][1], arts[1][1]
    split = arts[5]
    assert len(split[1]) == 2
    blocks.insert(blocks.index(split) + 1, ["art", [split[1].pop().strip()]])
    blocks.remove(arts[29])
    blocks.insert(blocks.index(arts[39]), ["art", [NEW_ARTICLE]])
    out, n = [], 0
    for kind, body in blocks:
        if kind == "art":
            n += 1
            body = [article_label(n) + "　" + body[0]] + body[1:]
        out += body
    return "\n".join(out)


@pytest.fixture(scope="module")
def reshaped_pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("reshaped")
    (d / "new.txt").write_text(reshaped(T2022.read_text(encoding="utf-8")), "utf-8")
    for fmt in ("html", "pdf", "docx", "json"):
        r = run_cli("diff", T2022, d / "new.txt", "--format", fmt, "-o", d / f"t.{fmt}")
        assert r.returncode == 1, r.stderr
    from ftzlaw.diff.table import table_data
    from ftzlaw.load import load_tree

    cs = diff_documents(load_tree(str(T2022))[0], load_tree(str(d / "new.txt"))[0])
    return d, table_data(cs)


def _cell_text(side: dict | None) -> str:
    """What a cell prints: number, （note）, then every line's words, whitespace dropped."""
    if side is None:
        return ""
    note = f"（{side['note']}）" if side["note"] else ""
    words = "".join(s["t"] for line in side["lines"] for s in line["segs"])
    return "".join((side["num"] + note + words).split())


def test_reshaped_pair_rows(reshaped_pair):
    d, data = reshaped_pair
    assert data["summary"] == {"unchanged": 13, "renumbered": 53, "modified": 1, "added": 2,
                               "deleted": 1}
    assert data["moved"] == 2 and data["legend"] == "加粗下划线为增加内容，删除线为删去内容"
    rows = [r for r in data["rows"] if r["type"] == "article"]
    assert [(r["bookmark"], r["status"]) for r in rows] == [
        ("第二条（原第十条，位置调整）", "renumbered"), ("第六条（修改）", "modified"),
        ("第七条（新增）", "added"), ("第十一条（原第二条，位置调整）", "renumbered"),
        ("原第三十条（删除）", "deleted"), ("第四十条（新增）", "added")]
    text = T2022.read_text(encoding="utf-8")
    a10 = re.search(r"^\s*第十条\s+(.*)$", text, re.M).group(1)
    moved = rows[0]
    # the moved article prints its text on both sides, not only its number
    assert _cell_text(moved["old"]) == "第十条" + "".join(a10.split())
    assert _cell_text(moved["new"]) == "第二条（原第十条）" + "".join(a10.split())
    assert _cell_text(rows[5]["new"]) == "第四十条" + NEW_ARTICLE and rows[5]["old"] is None
    assert rows[4]["new"] is None and _cell_text(rows[4]["old"]).startswith("第三十条在自贸试验区")


def _reading_order(ws):
    """Words grouped into lines (a word whose vertical middle falls inside a line's box
    is on that line: a smaller note beside a number counts), lines top to bottom, words
    left to right."""
    lines: list[list] = []
    for w in sorted(ws, key=lambda w: w[2]):
        middle = (w[2] + w[4]) / 2
        if lines and lines[-1][0] <= middle <= lines[-1][1]:
            lines[-1][2].append(w)
        else:
            lines.append([w[2], w[4], [w]])
    return [w for _, _, line in lines for w in sorted(line, key=lambda w: w[1])]


def _columns(pdf) -> tuple[str, str]:
    """The words of the table's two columns, page by page, line by line (lines told by
    their bottom edge), whitespace dropped: starting left of the page's middle is 修改前,
    right of it 修改后 (a word across the middle — the 未修改 rows span both — is left out;
    a justified line's last mark may end a little past the middle)."""
    from pdfcheck import info, words

    left, right = [], []
    for page in range(1, int(info(pdf)["Pages"]) + 1):
        ws = words(pdf, page)
        mid = 595.0 / 2
        ws = [w for w in ws if w[2] < 842 - 25 / 25.4 * 72]  # the footer (page number) off
        left += [w[0] for w in _reading_order([w for w in ws if w[1] < mid and w[3] <= mid + 10])]
        right += [w[0] for w in _reading_order([w for w in ws if w[1] >= mid])]
    # the header row repeated on every page: 修改前 | 修改后 and the versions' labels
    left, right = ("".join("".join(col).split()) for col in (left, right))
    return (re.sub(r"修改前[\d-]*文本", "", left), re.sub(r"修改后[\d-]*文本", "", right))


def columns_hold_rows(pdf, data) -> tuple[str, str]:
    """Each changed row's old text is found in the left column and its new text in the
    right one, in row order: both versions of every row rebuilt from the page."""
    left, right = _columns(pdf)
    at = {"old": 0, "new": 0}
    for row in data["rows"]:
        if row["type"] != "article":
            continue
        for which, column in (("old", left), ("new", right)):
            want = _cell_text(row[which])
            if want:
                found = column.find(want, at[which])
                assert found >= 0, (row["bookmark"], which, want[:30])
                at[which] = found + len(want)
    return left, right


@pytest.mark.pdf
def test_pdf_table_of_moved_split_added_deleted(reshaped_pair):
    """The PDF renders (it crashed on a moved article), each column rebuilt from poppler's
    word boxes holds every changed row's text of its own version, in order; the legend is
    printed; the outline lists the 章 and the changed articles."""
    from pdfcheck import outline, text

    d, data = reshaped_pair
    pdf = d / "t.pdf"
    left, right = columns_hold_rows(pdf, data)
    assert "（删除）" in right and NEW_ARTICLE not in left
    assert "加粗下划线为增加内容，删除线为删去内容" in "".join(text(pdf).split())
    assert outline(pdf) == [
        "第一章　总则", "第二条（原第十条，位置调整）", "第六条（修改）", "第七条（新增）",
        "第二章　管理体制", "第十一条（原第二条，位置调整）", "第三章　投资开放",
        "第四章　贸易便利", "原第三十条（删除）", "第五章　金融创新", "第四十条（新增）",
        "第六章　服务京津冀协同发展", "第七章　营商环境", "第八章　附则"]


def test_template_underlines_do_not_evade():
    """Added words are underlined by one unbroken line (typst's default ``evade`` breaks
    it around the glyphs): every ``underline`` of the PDF template says ``evade: false``."""
    from ftzlaw.render import TEMPLATES_DIR

    source = (TEMPLATES_DIR / "diff.table.typ").read_text(encoding="utf-8")
    calls = re.findall(r"underline\(([^)]*)", source)
    assert calls and all("evade: false" in c for c in calls)


@pytest.mark.browser
def test_html_table_of_moved_split_added_deleted(reshaped_pair):
    from browser import dom
    from lxml import html

    d, data = reshaped_pair
    page, errors = dom(d / "t.html")
    assert errors == []
    tree = html.fromstring(page)
    assert "".join(tree.xpath("string(//p[@class='legend'])").split()) == \
        "说明：加粗下划线为增加内容，删除线为删去内容"
    rows = tree.xpath("//tr[contains(@class,'article')]")
    want = [r for r in data["rows"] if r["type"] == "article"]
    assert len(rows) == len(want) == 6
    for tr, row in zip(rows, want):
        left, right = tr.xpath("td")
        assert "".join(left.text_content().split()) == _cell_text(row["old"])
        shown = "".join(right.text_content().split())
        expected = _cell_text(row["new"]) or "（删除）"
        assert shown == expected + ("（条文位置调整）" if row["moved"] else "")
    assert len(tree.xpath("//tr[@data-moved='1']")) == 2


def test_docx_table_of_moved_split_added_deleted(reshaped_pair):
    import docx

    d, data = reshaped_pair
    [table] = docx.Document(str(d / "t.docx")).tables
    want = [r for r in data["rows"] if r["type"] == "article"]
    got = [r for r in table.rows if r.cells[0]._tc is not r.cells[1]._tc
           and (r.cells[0].text.startswith("第") or r.cells[1].text.startswith("第"))
           and "章" not in r.cells[0].text[:4] + r.cells[1].text[:4]]
    assert len(got) == len(want) == 6
    for tr, row in zip(got, want):
        assert "".join(tr.cells[0].text.split()) == _cell_text(row["old"])
        right = "".join(tr.cells[1].text.split())
        assert right == (_cell_text(row["new"]) or "（删除）") + \
            ("（条文位置调整）" if row["moved"] else "")


def test_redline_minimal_on_the_amend_corpus():
    """All 15 real before/after pairs of ../shared/amend-corpus: no replacement hides a
    kept run of ≥ 4 characters (before: 37 of 144 did)."""
    from ftzlaw.load import load_tree

    folders = sorted(p for p in (TEXTS.parent / "amend-corpus").iterdir() if p.is_dir())
    assert len(folders) == 15
    replacements = 0
    for d in folders:
        cs = diff_documents(load_tree(str(d / "before.txt"))[0], load_tree(str(d / "after.txt"))[0])
        replacements += sum(e["type"] == "replace" for a in cs.articles for e in a.edits)
        assert _shared_runs(cs) == [], d.name
    assert replacements == 168
