"""The importer on the forms of Chinese legislation beyond the FTZ texts (issue 12), and the
importer's regressions of issue 15 — each case a small real-shaped text with exact results."""

from __future__ import annotations

import io
import zipfile

import pytest

from ftzlaw.akn import Document
from ftzlaw.akn.frbr import place_code, subtype_for
from ftzlaw.errors import FtzlawError
from ftzlaw.textin import import_bytes, import_text
from ftzlaw.textin.fidelity import check
from ftzlaw.textin.meta import read_metadata
from ftzlaw.validate import validate_tree
from ftzlaw.validate.core import schema_problems

from conftest import SHARED, run_cli

CAPTION = "（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）"


def nums(result) -> list[str]:
    return [a.num for a in Document(result.tree).articles]


# --- issue 15 -----------------------------------------------------------------------------

def test_malformed_numeral_is_text_with_a_warning_never_a_guess():
    text = f"甲条例\n{CAPTION}\n第一条　甲。\n第十十条　乙。\n第二条　丙。\n"
    result = import_text(text)
    assert nums(result) == ["第一条", "第二条"]
    art1 = Document(result.tree).article("art_1")
    assert [p.text for p in art1.paragraphs] == ["甲。", "第十十条乙。"]   # view: spaces closed up
    assert (4, "第十十条: not a well-formed Chinese numeral; the line is kept as text, not "
               "read as an article") in result.warnings
    # a heading with a malformed numeral is text too
    result = import_text(f"甲条例\n{CAPTION}\n第一条　甲。\n第二二章　总则\n第二条　丙。\n")
    assert nums(result) == ["第一条", "第二条"] and Document(result.tree).chapters == []


def test_chapters_numbered_through_parts_are_reported():
    text = (f"甲条例\n{CAPTION}\n第一编　总则\n第一章　一般规定\n第一条　甲。\n"
            "第二编　分则\n第二章　管理\n第二条　乙。\n")
    result = import_text(text)
    assert result.warnings == [(7, "第二章: 章 numbered on through 第二编, not afresh from 第一章 "
                                   "(validate reports DIV-SEQ for it)")]
    assert [p.rule for p in validate_tree(result.tree)] == ["DIV-SEQ"]


def test_pdf_wrapped_line_opening_with_a_cited_article_joins_with_a_warning():
    text = ("甲条例\n\n" + CAPTION + "\n\n"
            "第一条　违反本条例规定的，由有关部门依照本条例\n\n"
            "第三十条处罚。\n\n"
            "第二条　本条例自公布之日起施行。\n")
    result = import_text(text, layout="pdf")
    doc = Document(result.tree)
    assert nums(result) == ["第一条", "第二条"]
    assert [p.text for p in doc.article("art_1").paragraphs] == [
        "违反本条例规定的，由有关部门依照本条例第三十条处罚。"]
    assert (7, "line starting with 第三十条 joined to the 款 before (a citation: line 5 stops "
               "mid-sentence)") in result.warnings
    # the next article's own number there still starts it, but is reported
    text = text.replace("第三十条处罚。", "第二条　处罚。").replace("第二条　本条例", "第三条　本条例")
    result = import_text(text, layout="pdf")
    assert nums(result) == ["第一条", "第二条", "第三条"]
    assert (7, "第二条 taken as the next article although line 5 before it stops "
               "mid-sentence") in result.warnings


def test_first_article_without_separator_opens_the_body():
    text = f"甲条例\n{CAPTION}\n第一章　总则\n第一条规范本市的管理活动。\n第二条　乙。\n"
    result = import_text(text)
    doc = Document(result.tree)
    assert nums(result) == ["第一条", "第二条"] and [c.num for c in doc.chapters] == ["第一章"]
    assert doc.article("art_1").paragraphs[0].text == "规范本市的管理活动。"
    assert doc.title == "甲条例" and result.warnings == []


def test_nel_and_other_breaks_end_lines():
    for brk in ("\x85", "\u2028", "\u2029", "\r\n", "\r"):
        text = brk.join(["甲条例", CAPTION, "第一条　甲。", "第二条　乙。"])
        result = import_text(text)
        assert nums(result) == ["第一条", "第二条"], repr(brk)
        assert Document(result.tree).article("art_2").paragraphs[0].text == "乙。"


def test_encoding_errors_name_their_line():
    data = "甲条例\n第一条　甲。\n".encode() + b"\x80\xff" + "乙。\n".encode()
    with pytest.raises(FtzlawError) as exc:
        import_bytes(data, source="x.txt")
    assert "on line 3" in exc.value.message and "0x80" in exc.value.message


def test_docx_zip_bomb_is_refused_unread(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("甲条例")
    buf = io.BytesIO()
    document.save(buf)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    data = bomb.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(FtzlawError) as exc:
        import_bytes(data, source="bomb.docx")
    assert exc.value.code == "INPUT-SIZE" and "unpacks to 60 MiB" in exc.value.message
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    r = run_cli("import", path, "-o", tmp_path / "out.xml")
    assert r.returncode == 2 and "zip bomb" in r.stderr.decode()
    assert not (tmp_path / "out.xml").exists()


# --- layout -------------------------------------------------------------------------------

def test_zero_width_lines_are_layout_and_inner_ones_text():
    text = f"甲条例\n{CAPTION}\n\u200b\n\n第一条　甲。\n\u200b\n第二条　乙\u200b丙。\n\ufeff\n"
    result = import_text(text)
    doc = Document(result.tree)
    assert nums(result) == ["第一条", "第二条"] and result.warnings == []
    assert doc.article("art_2").paragraphs[0].text == "乙\u200b丙。"
    assert doc.counts()["paragraphs"] == 2


def test_blank_lines_and_article_numbers_alone_are_not_a_pdf():
    arts = []
    for n, label in enumerate(["一", "二", "三", "四", "五", "六"], 1):
        arts.append(f"第{label}条\n\n本市应当加强第{label}项工作{'，' * 0}的管理。\n\n"
                    f"有关部门应当{'配合' * n}。\n\n（一）规划{'建设' * n}；\n\n（二）实施。")
    text = f"甲条例\n\n{CAPTION}\n\n" + "\n\n".join(arts) + "\n"
    result = import_text(text)
    assert result.layout == "lines"
    c = result.counts
    assert (c["articles"], c["paragraphs"], c["points"]) == (6, 12, 12)


def test_lawrefbook_markdown_with_headings_and_event_lines():
    text = ("# 北京市甲条例\n\n2012年7月27日 北京市第十三届人民代表大会常务委员会第三十三次会议通过\n\n"
            "2020年9月25日 北京市第十五届人民代表大会常务委员会第二十五次会议《关于修改〈北京市甲条例〉"
            "的决定》修正\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 甲。\n\n"
            "## 第二章 管 理\n\n#### 第一节 机构\n\n第二条 乙。\n")
    result = import_bytes(text.encode(), source="北京市甲条例(2020-09-25).md")
    doc = Document(result.tree)
    assert doc.title == "北京市甲条例"
    assert [(d.num, d.heading) for d in doc.divisions] == [
        ("第一章", "总则"), ("第二章", "管理"), ("第一节", "机构")]
    assert doc.work_uri.startswith("/akn/cn-bj/act/regulation/2012-07-27/")
    assert doc.expression_date == "2020-09-25"
    assert [(e["date"], e["type"], e["source"]) for e in doc.events] == [
        ("2012-07-27", "generation", "北京市甲条例"),
        ("2020-09-25", "amendment", "关于修改〈北京市甲条例〉的决定")]
    assert schema_problems(result.tree, "x") == [] and result.warnings == []


def test_heading_printed_over_two_lines():
    text = (f"甲条例\n{CAPTION}\n第一章　总则\n第一条　甲。\n第二章　乡长、\n副乡长的选举\n第二条　乙。\n"
            "第三章　业主自治\n业主\n第三条　丙。\n")
    result = import_text(text)
    doc = Document(result.tree)
    assert [(c.heading, c.subheading) for c in doc.chapters] == [
        ("总则", ""), ("乡长、副乡长的选举", ""), ("业主自治", "业主")]
    assert nums(result) == ["第一条", "第二条", "第三条"]
    assert result.warnings == [(9, "第三章: line under the heading kept as its subheading: 业主")]
    assert check(text, result.tree) is None


def test_space_inside_an_article_label_is_layout():
    result = import_text(f"甲条例\n{CAPTION}\n第一条　甲。\n第二 条乙。\n第三条　丙。\n")
    assert nums(result) == ["第一条", "第二条", "第三条"]


# --- metadata: events, places, kinds ------------------------------------------------------

@pytest.mark.parametrize("caption,events", [
    ("2007年2月14日 国务院第169次常务会议通过 2007年2月25日 中华人民共和国国务院令第488号公布 "
     "2007年5月1日 施行",
     [("2007-02-14", "adoption", "国务院第169次常务会议"),
      ("2007-02-25", "publication", "中华人民共和国国务院令第488号")]),
    ("2014年10月29日 市十四届人大常委会第十九次会议通过 2014年11月28日 省十二届人大常委会第十四次会议批准",
     [("2014-10-29", "adoption", "市十四届人大常委会第十九次会议"),
      ("2014-11-28", "approval", "省十二届人大常委会第十四次会议")]),
    ("2024年1月17日 最高人民法院审判委员会第1912次会议、2024年1月3日最高人民检察院第十四届检察委员会"
     "第二十次会议通过",
     [("2024-01-03", "adoption", "最高人民检察院第十四届检察委员会第二十次会议"),
      ("2024-01-17", "adoption", "最高人民法院审判委员会第1912次会议")]),
    ("（2018年7月31日由最高人民法院审判委员会第1746次会议通过，根据2021年3月1日最高人民法院审判委员会"
     "第1833次会议通过的《关于修改〈关于上海金融法院案件管辖的规定〉的决定》修正，该修正自2021年4月22日起施行）",
     [("2018-07-31", "adoption", "最高人民法院审判委员会第1746次会议"),
      ("2021-03-01", "amendment", "最高人民法院审判委员会第1833次会议")]),
    ("1997年1月15日 最高人民检察院第八届检察委员会第六十九次会议通过 1998年12月16日 最高人民检察院"
     "第九届检察委员会第二十一次会议第一次修订",
     [("1997-01-15", "adoption", "最高人民检察院第八届检察委员会第六十九次会议"),
      ("1998-12-16", "revision", "最高人民检察院第九届检察委员会第二十一次会议")]),
    ("二〇二二年三月三十一日北京市第十五届人民代表大会常务委员会第三十八次会议通过",
     [("2022-03-31", "adoption", "北京市第十五届人民代表大会常务委员会第三十八次会议")]),
])
def test_event_lines(caption, events):
    meta = read_metadata("甲", caption)
    assert [(e.date, e.kind, e.body) for e in meta.events] == events


def test_commencement_and_work_date_from_events():
    meta = read_metadata("甲", "1992年5月12日 国务院批准 1992年6月16日 公安部令第8号发布")
    assert meta.work_date == ("1992-06-16", "publication") and meta.enacting_body == "公安部"
    meta = read_metadata("甲", "2020年6月8日 最高人民法院审判委员会第1803次会议通过 2020年9月29日 施行")
    assert meta.commencement == "2020-09-29" and meta.enacting_body == "最高人民法院审判委员会"


@pytest.mark.parametrize("title,caption,place,subtype", [
    ("中华人民共和国人民调解法", "", "cn", "law"),
    ("残疾人就业条例", "2007年2月14日 国务院第169次常务会议通过", "cn", "regulation"),
    ("最高人民法院关于审理涉船员纠纷案件若干问题的规定", "", "cn", "judicial-interpretation"),
    ("关于审理非法行医刑事案件具体应用法律若干问题的解释",
     "2008年4月28日 最高人民法院审判委员会第1446次会议通过", "cn", "judicial-interpretation"),
    ("机动车登记规定", "2021年12月17日 公安部令第164号公布", "cn", "provisions"),
    ("上海市实施《中华人民共和国义务教育法》办法", "", "cn-sh", "measures"),
    ("中华人民共和国民法典物权编", "", "cn", "code"),
    ("人民检察院刑事诉讼规则（试行）", "1997年1月15日 最高人民检察院第八届检察委员会第六十九次会议通过",
     "cn", "judicial-interpretation"),
    ("中华人民共和国刑法修正案（七）", "", "cn", "amendment"),
    ("宪法修正案（1988年）", "", None, "constitution-amendment"),
    ("北京市物业管理条例", "", "cn-bj", "regulation"),
    ("中国（上海）自由贸易试验区条例", "", "cn-sh", "regulation"),
    ("河北省人民代表大会常务委员会关于加强扬尘污染防治的决定", "", "cn-he", "decision"),
    ("内蒙古自治区草原管理条例", "", "cn-nm", "regulation"),
    ("广西壮族自治区民族区域自治条例", "", "cn-gx", "regulation"),
    ("宁波市终身教育促进条例", "市十四届人大常委会第十九次会议通过", "cn-zj-ningbo", "regulation"),
    ("深圳经济特区绿化条例", "", "cn-gd-shenzhen", "regulation"),
    ("杭州西湖风景名胜区条例", "", "cn-zj-hangzhou", "regulation"),
    ("吉林市松花江流域保护条例", "", "cn-jl-jilin", "regulation"),
    ("延边朝鲜族自治州自治条例", "", "cn-jl-yanbian", "regulation"),
    ("浙江省景宁畲族自治县自治条例", "", "cn-zj-jingning", "regulation"),
    ("彭水苗族土家族自治县城乡建设管理条例", "", "cn-cq-pengshui", "regulation"),
    ("关于议案的若干暂行规定", "1983年3月16日 北京市第八届人民代表大会第一次会议通过", "cn-bj",
     "provisions"),
    ("山东省青岛西海岸新区条例", "", "cn-sd", "regulation"),
])
def test_places_and_kinds(title, caption, place, subtype):
    assert place_code(title, caption) == place
    assert subtype_for(title, caption) == subtype


def test_national_text_without_any_place_or_date(tmp_path):
    text = "# 城市公共交通条例\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 甲。\n\n第二条 乙。\n"
    result = import_bytes(text.encode(), source="城市公共交通条例(2024-10-17).md")
    doc = Document(result.tree)
    assert doc.work_uri.startswith("/akn/cn/act/regulation/0001-01-01/")
    assert [m for _, m in result.warnings] == [
        "no place named in the title or 题注: filed as national (cn)",
        "the text gives no date (no 题注 or event line with 通过, 公布, 批准 …): its FRBR date is "
        "the stand-in 0001-01-01; `ftzlaw store add` and `ftzlaw amend` need the real one: give "
        "it with --date YYYY-MM-DD"]
    assert schema_problems(result.tree, "x") == []
    dated = import_bytes(text.encode(), source="x.md", date="2024-10-17")
    assert Document(dated.tree).work_uri.startswith("/akn/cn/act/regulation/2024-10-17/")


def test_caption_option_supplies_the_missing_caption():
    text = "甲（北京）条例\n第一条　甲。\n第二条　乙。\n"
    result = import_text(text, caption=CAPTION)
    doc = Document(result.tree)
    assert doc.caption == CAPTION and doc.work_uri.startswith("/akn/cn-bj/act/regulation/2020-01-02/")
    r = run_cli("import", "-", "--caption", CAPTION, input=text.encode())
    assert r.returncode == 0 and CAPTION.encode() in r.stdout


# --- texts without articles; judicial interpretations ------------------------------------

def test_decision_in_numbered_paragraphs_imports_with_its_paragraphs():
    text = ("北京市人民代表大会常务委员会关于甲的决定\n\n"
            "2021年5月27日 北京市第十五届人民代表大会常务委员会第三十一次会议通过\n\n"
            "为了加强甲，作出如下决定：\n\n一、本市加强甲。\n\n二、有关部门应当：\n\n（一）规划；\n\n"
            "（二）实施。\n\n三、本决定自公布之日起施行。\n")
    result = import_text(text)
    doc = Document(result.tree)
    body = doc.body
    paras = [el for el in body if el.tag.endswith("paragraph")]
    assert [p.get("eId") for p in paras] == ["para_1", "para_2", "para_3", "para_4"]
    assert result.counts["articles"] == 0 and result.counts["points"] == 2
    assert doc.work_uri.startswith("/akn/cn-bj/act/decision/2021-05-27/")
    assert validate_tree(result.tree) == []
    assert check(text, result.tree) is None


def test_interpretation_with_a_notice_over_the_title():
    path = SHARED / "amend-corpus" / "07-spc-personal-injury" / "before.txt"
    result = import_bytes(path.read_bytes(), source=str(path))
    doc = Document(result.tree)
    assert doc.title == "最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释"
    assert doc.work_uri.startswith("/akn/cn/act/judicial-interpretation/2003-12-04/")
    assert doc.in_force_from == "2003-12-26" or doc.events
    notice = doc.doc.xpath("a:preface/a:p[@class='notice']/text()",
                           namespaces={"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"})
    assert notice[:2] == ["中华人民共和国最高人民法院", "公 告"] and notice[-1] == "2003年12月26日"
    assert result.counts["articles"] == 36
    assert schema_problems(result.tree, "x") == []
    assert check(path.read_text(), result.tree) is None


def test_a_number_printed_twice_never_gives_a_duplicate_eid():
    text = (f"甲条例\n{CAPTION}\n第一章　总则\n第一条　甲。\n第二章　管理\n第二条　乙。\n"
            "第二章　附则\n第二条　丙。\n第三条　丁。\n")
    result = import_text(text)
    doc = Document(result.tree)
    assert [c.eId for c in doc.chapters] == ["chp_1", "chp_2", "chp_2-dup2"]
    assert [a.eId for a in doc.articles] == ["art_1", "art_2", "art_2-dup2", "art_3"]
    assert doc.article("art_2-dup2").paragraphs[0].eId == "art_2-dup2__para_1"
    assert schema_problems(result.tree, "x") == []
    assert {p.rule for p in validate_tree(result.tree)} >= {"DIV-SEQ", "ART-SEQ"}
    assert "EID-UNIQUE" not in {p.rule for p in validate_tree(result.tree)}


def test_batch_one_bad_file_never_stops_the_others(tmp_path):
    import json

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(f"甲条例\n{CAPTION}\n第一条　甲。\n第二条　乙。\n", "utf-8")
    (src / "sub" / "b.md").write_text("# 北京市乙条例\n\n2020年1月2日 北京市第十五届人民代表大会常务委员会"
                                      "第一次会议通过\n\n<!-- INFO END -->\n\n第一条 乙。\n", "utf-8")
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (src / "_index.md").write_text("---\nbookCollapseSection: true\n---\n", "utf-8")
    out = tmp_path / "out"
    r = run_cli("import", src, "-o", out, "--format", "json", "-j", "2")
    assert r.returncode == 1, r.stderr.decode()
    report = json.loads(r.stdout)
    assert report["summary"]["texts"] == 3 and report["summary"]["imported"] == 2
    assert list(report["summary"]["refused_by_reason"]) == ["this looks like a binary file, not text"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.xml")) == ["a.xml", "sub/b.xml"]
    assert [f["status"] for f in report["files"]] == ["imported", "refused", "imported"]
    r = run_cli("import", src / "a.txt", src / "sub" / "b.md", "-o", out, "--format", "csv")
    assert r.returncode == 0 and r.stdout.startswith("\ufefffile,status,articles".encode())
    r = run_cli("import", src, "-o", tmp_path / "x.xml")
    assert r.returncode == 2 and "must name a folder" in r.stderr.decode()
