"""Importer: the real corpus, the seed, encodings, layouts, bad input, and fidelity."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from ftzlaw.akn import Document
from ftzlaw.textin import import_bytes, import_text
from ftzlaw.zh.numerals import cn_to_int, int_to_cn
from ftzlaw.validate.schema import official_schema

from conftest import CORPUS, SEED, SEED_OPTIONS, TEXTS, corpus_files, run_cli

ALL = corpus_files()
IDS = [p.name for p, _ in ALL]


@pytest.mark.parametrize("path,opts", ALL, ids=IDS)
def test_corpus_imports_and_validates_strictly(path, opts, imported):
    result = imported(path)
    schema = official_schema(strict=True)
    assert schema.validate(result.tree), schema.error_log
    doc = Document(result.tree)
    if path == SEED:
        assert (len(doc.articles), len(doc.chapters)) == (68, 11)
    else:
        articles, chapters, _ = CORPUS[path.name]
        assert (len(doc.articles), len(doc.chapters)) == (articles, chapters)
    # Article eIds are flat and follow the printed numbers.
    assert [a.eId for a in doc.articles] == [f"art_{i}" for i in range(1, len(doc.articles) + 1)]
    assert all(cn_to_int(a.num[1:-1]) == i for i, a in enumerate(doc.articles, 1))


def expected_body(path) -> str:
    """The source body, layout removed — computed independently of the importer: from the
    last 第一章/第一条 line before the first article, minus page-number lines and whitespace."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first_article = next(i for i, l in enumerate(lines) if re.match(r"^[\s\u3000]*第一条", l))
    start = first_article
    for i in range(first_article - 1, -1, -1):
        if re.match(r"^[\s\u3000]*第一章", lines[i]):
            start = i
            break
    body = [l for l in lines[start:] if not re.match(r"^[\s\u3000]*-\s*\d+\s*-\s*$", l)]
    return re.sub(r"\s+", "", "".join(body))


@pytest.mark.parametrize("path,opts", ALL, ids=IDS)
def test_fidelity_text_in_equals_text_out(path, opts, imported):
    assert Document(imported(path).tree).body_text() == expected_body(path)


def test_seed_structure_exact(imported):
    doc = Document(imported(SEED).tree)
    assert [c.heading for c in doc.chapters] == [
        "总则", "管理体制", "投资开放与贸易便利", "科技创新", "数字经济发展", "金融服务",
        "优势产业开放", "京津冀协同发展", "管理创新", "人才保障", "附则"]
    paras = {a.num: len(a.paragraphs) for a in doc.articles}
    # 款 read from the printed layout (checked by hand against the line widths).
    multi = {k: v for k, v in paras.items() if v > 1}
    assert multi == {"第三条": 2, "第四条": 3, "第五条": 2, "第七条": 2, "第九条": 3,
                     "第十条": 2, "第十一条": 2, "第十三条": 2, "第十七条": 2, "第二十六条": 2,
                     "第三十二条": 2, "第四十五条": 2, "第五十八条": 2}
    assert sum(paras.values()) == 83
    # Wrapped lines and page-start spaces leave no trace; wide headings are closed up.
    art4 = doc.article("art_4")
    assert art4.paragraphs[1].text.startswith("科技创新片区重点发展新一代信息技术、生物与健康、"
                                              "科技服务等产业，打造数字经济试验区、全球创业投资中心")
    # The text keeps the PDF's spacing; the view closes up spaces next to CJK characters.
    art68 = doc.article("art_68")
    assert "".join(art68.element.itertext()).count("自 2022 年 5 月 1 日起施行。") == 1
    assert art68.text == "本条例自2022年5月1日起施行。"
    assert " " not in doc.article("art_11").text  # a page-start space inside 创新


def test_seed_metadata():
    result = import_bytes(SEED.read_bytes(), source="seed", title="中国（北京）自由贸易试验区条例",
                          date="2022-03-31")
    doc = Document(result.tree)
    assert doc.work_uri == "/akn/cn-bj/act/regulation/2022-03-31/ftz"
    assert doc.expression_uri == "/akn/cn-bj/act/regulation/2022-03-31/ftz/zho@2022-03-31"
    root = result.tree.getroot()
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert root.xpath("//a:eventRef[@eId='e_commencement']/@date", namespaces=ns) == ["2022-05-01"]
    assert root.xpath("//a:FRBRManifestation/a:FRBRthis/@value", namespaces=ns) == [
        "/akn/cn-bj/act/regulation/2022-03-31/ftz/zho@2022-03-31/!main.xml"]


def test_tianjin_2022_metadata(imported):
    tree = imported(TEXTS / "tianjin-ftz-2022.txt").tree
    doc = Document(tree)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert doc.title == "中国（天津）自由贸易试验区条例"
    assert doc.work_uri == "/akn/cn-tj/act/regulation/2015-12-24/ftz"
    assert doc.expression_date == "2022-09-27"
    events = tree.getroot().xpath("//a:lifecycle/a:eventRef", namespaces=ns)
    assert [(e.get("date"), e.get("type")) for e in events] == [
        ("2015-12-24", "generation"), ("2022-09-27", "amendment")]
    assert tree.getroot().xpath("//a:passiveRef/@showAs", namespaces=ns) == [
        "天津市人民代表大会常务委员会关于修改〈中国（天津）自由贸易试验区条例〉的决定"]
    assert tree.getroot().xpath("//a:TLCOrganization[@eId='org_1']/@showAs", namespaces=ns) == [
        "天津市人民代表大会常务委员会"]
    assert doc.caption.startswith("（2015年12月24日天津市第十六届")


@pytest.mark.parametrize("name,place,date", [
    ("hebei-ftz-2020.txt", "cn-he", "2020-09-24"),       # 题注 over two lines
    ("zhejiang-ftz-2017.txt", "cn-zj", "2017-12-27"),    # bare adoption line
    ("hainan-ftp-law-2021.txt", "cn", "2021-06-10"),     # a national law
    ("chongqing-ftz-2019.txt", "cn-cq", "2019-09-26"),
])
def test_places_and_dates(name, place, date, imported):
    doc = Document(imported(TEXTS / name).tree)
    assert doc.work_uri.startswith(f"/akn/{place}/act/")
    assert f"/{date}/" in doc.work_uri


def test_commencement_and_revision(imported):
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    root = imported(TEXTS / "zhejiang-ftz-2022.txt").tree.getroot()
    assert root.xpath("//a:eventRef[@eId='e_commencement']/@date", namespaces=ns) == ["2022-05-01"]
    assert Document(root).expression_date == "2022-03-18"  # the 修订 date


def test_items_and_toc(imported):
    doc = Document(imported(TEXTS / "chongqing-ftz-2019.txt").tree)
    assert sum(len(p.points) for a in doc.articles for p in a.paragraphs) == 69
    tj = Document(imported(TEXTS / "tianjin-ftz-2015.txt").tree)
    assert tj.chapters[0].num == "第一章" and tj.articles[0].division == "chp_1"
    point = tj.article("art_8").paragraphs[0].points[0]
    assert point.eId == "art_8__para_1__point_1" and point.num == "(一)"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16", "utf-16-be"])
def test_encodings(encoding):
    text = (TEXTS / "hebei-ftz-2020.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    a = import_bytes(data, source="x")
    b = import_text(text)
    assert Document(a.tree).body_text() == Document(b.tree).body_text()
    assert len(Document(a.tree).articles) == 65


def test_docx_input(tmp_path):
    import docx

    document = docx.Document()
    for line in (TEXTS / "tianjin-ftz-2015.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "tianjin.docx"
    document.save(path)
    result = import_bytes(path.read_bytes(), source=str(path))
    assert len(Document(result.tree).articles) == 58
    assert Document(result.tree).body_text() == expected_body(TEXTS / "tianjin-ftz-2015.txt")


def test_layout_variants():
    # Article number alone on its line; ASCII separator; none; mixed indentation; 之一.
    text = ("某某条例\n（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）\n"
            "第一章 总 则\n第一条\n为了测试，制定本条例。\n  第二条  本条例适用于测试。\n"
            "第三条依照本条例第二条执行。\n第三条之一　新增的条文。\n第二章　附则\n"
            "第四条　本条例自2020年3月1日起施行。\n")
    doc = Document(import_text(text).tree)
    assert [(a.eId, a.num, a.text) for a in doc.articles] == [
        ("art_1", "第一条", "为了测试，制定本条例。"),
        ("art_2", "第二条", "本条例适用于测试。"),
        ("art_3", "第三条", "依照本条例第二条执行。"),
        ("art_3-1", "第三条之一", "新增的条文。"),
        ("art_4", "第四条", "本条例自2020年3月1日起施行。")]
    assert doc.work_uri == "/akn/cn-bj/act/regulation/2020-01-02/t" + doc.work_uri[-8:]


def test_citation_at_paragraph_start_is_not_an_article():
    text = "甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n" \
           "第一条　总则。\n第二条　规定。\n第一条规定的事项，依照本条执行。\n第三条　附则。\n"
    doc = Document(import_text(text).tree)
    assert [a.num for a in doc.articles] == ["第一条", "第二条", "第三条"]
    assert doc.article("art_2").paragraphs[1].text == "第一条规定的事项，依照本条执行。"


def test_numbering_warnings():
    text = "甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n" \
           "第一条　一。\n第三条　三。\n第三条　又三。\n"
    result = import_text(text)
    assert [w[0] for w in result.warnings] == [4, 5]
    assert "gap" in result.warnings[0][1] and "duplicate" in result.warnings[1][1]


def test_numerals_roundtrip():
    for n in range(1, 1200):
        assert cn_to_int(int_to_cn(n)) == n
    assert int_to_cn(110) == "一百一十" and int_to_cn(105) == "一百零五"


# --- the CLI, as a user runs it --------------------------------------------------------

def test_cli_import_seed(tmp_path):
    out = tmp_path / "bj.xml"
    r = run_cli("import", SEED, *SEED_OPTIONS, "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    assert "11 章, 68 条, 83 款" in r.stderr.decode()
    assert len(Document(etree.parse(str(out))).articles) == 68


def test_cli_import_stdin_to_stdout():
    r = run_cli("import", "-", input=(TEXTS / "hebei-ftz-2020.txt").read_bytes())
    assert r.returncode == 0
    assert len(Document(etree.fromstring(r.stdout)).articles) == 65


def test_cli_seed_without_title_asks_for_it(tmp_path):
    out = tmp_path / "x.xml"
    r = run_cli("import", SEED, "-o", out)
    assert r.returncode == 2 and "--title" in r.stderr.decode() and not out.exists()
    # No date in the text: it imports under the stand-in date, says so, and the store
    # (which needs the real date) asks for --date.
    r = run_cli("import", SEED, "--title", "中国（北京）自由贸易试验区条例", "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    assert "stand-in 0001-01-01" in r.stderr.decode() and "--date" in r.stderr.decode()
    doc = Document(etree.parse(str(out)))
    assert doc.work_uri == "/akn/cn-bj/act/regulation/0001-01-01/ftz"
    assert doc.events == [{"eId": "e_commencement", "date": "2022-05-01", "type": "",
                           "refersTo": "#commencement", "source": "中国（北京）自由贸易试验区条例"}]
    r = run_cli("store", "add", out, "--store", tmp_path / "store")
    assert r.returncode == 2 and "--date" in r.stderr.decode()


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
    ("这是一段没有条文的文字。\n只有两行。\n".encode(), "no article"),
])
def test_cli_bad_input(tmp_path, content, message):
    src = tmp_path / "in.txt"
    src.write_bytes(content)
    out = tmp_path / "out.xml"
    r = run_cli("import", src, "-o", out)
    assert r.returncode == 2
    assert message in r.stderr.decode()
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_cli_unreadable_paths(tmp_path):
    out = tmp_path / "out.xml"
    r = run_cli("import", tmp_path / "missing.txt", "-o", out)
    assert r.returncode == 2 and "no such file" in r.stderr.decode() and not out.exists()
    r = run_cli("import", tmp_path, "-o", out)
    assert r.returncode == 2 and "folder" in r.stderr.decode() and not out.exists()
    r = run_cli("import", SEED, *SEED_OPTIONS, "-o", tmp_path / "no" / "such" / "dir.xml")
    assert r.returncode == 2 and "does not exist" in r.stderr.decode()


@pytest.mark.parametrize("name", ["hebei-ftz-2020", "tianjin-ftz-2015", "tianjin-ftz-2022",
                                  "zhejiang-ftz-2022"])
def test_markdown_mirror_imports_like_the_text(name, imported):
    """raw/*.flk.md are the same laws with front matter, # marks and trailing \\ around them."""
    md = TEXTS / "raw" / f"{name}.flk.md"
    a = Document(import_bytes(md.read_bytes(), source=str(md)).tree)
    b = Document(imported(TEXTS / f"{name}.txt").tree)
    assert (a.title, a.work_uri, a.expression_uri) == (b.title, b.work_uri, b.expression_uri)
    assert [(x.num, [p.full_text for p in x.paragraphs]) for x in a.articles] == \
        [(x.num, [p.full_text for p in x.paragraphs]) for x in b.articles]


def test_parts_sections_items_and_subitems_validate():
    text = ("某某条例\n（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）\n"
            "第一编　总则\n第一章　一般规定\n第一条　为了测试，制定本条例。\n"
            "第二编　分则\n第二章　管理\n第一节　机构\n第二条　机构履行下列职责：\n"
            "（一）规划；\n（二）审批，包括：\n1．登记；\n2．备案。\n"
            "第二节　人员\n第三条　人员依法履职。\n")
    result = import_text(text)
    schema = official_schema(strict=True)
    assert schema.validate(result.tree), schema.error_log
    doc = Document(result.tree)
    assert [(d.kind, d.eId, d.num, d.heading) for d in doc.divisions] == [
        ("part", "part_1", "第一编", "总则"), ("chapter", "chp_1", "第一章", "一般规定"),
        ("part", "part_2", "第二编", "分则"), ("chapter", "chp_2", "第二章", "管理"),
        ("section", "chp_2__sec_1", "第一节", "机构"), ("section", "chp_2__sec_2", "第二节", "人员")]
    para = doc.article("art_2").paragraphs[0]
    assert para.text == "机构履行下列职责："
    assert [(p.eId, p.num, p.text) for p in para.points] == [
        ("art_2__para_1__point_1", "（一）", "规划；"), ("art_2__para_1__point_2", "（二）", "审批，包括：")]
    assert [(p.eId, p.num, p.text) for p in para.points[1].points] == [
        ("art_2__para_1__point_2__point_1", "1．", "登记；"),
        ("art_2__para_1__point_2__point_2", "2．", "备案。")]
    assert doc.article("art_3").division == "chp_2__sec_2"
    assert result.counts["sections"] == 2 and result.counts["parts"] == 2
    # chapters running on through the 编 are kept as printed, with a warning (the profile's
    # DIV-SEQ rule expects them to restart in each 编); 节 restarting per 章 is normal
    assert result.warnings == [(7, "第二章: 章 numbered on through 第二编, not afresh from "
                                   "第一章 (validate reports DIV-SEQ for it)")]


def test_page_number_debris_is_dropped():
    text = ("甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n"
            "第一条　一。\n－22－\n第二条　二。\n- 1930 -\n")
    doc = Document(import_text(text).tree)
    assert doc.body_text() == "第一条一。第二条二。"


def test_chapters_restarting_in_each_part_get_qualified_eids():
    text = ("某某法典\n（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）\n"
            "第一编　总则\n第一章　基本规定\n第一条　一。\n第二章　其他\n第二条　二。\n"
            "第二编　分则\n第一章　通则\n第三条　三。\n")
    result = import_text(text)
    schema = official_schema(strict=True)
    assert schema.validate(result.tree), schema.error_log
    assert [d.eId for d in Document(result.tree).chapters] == [
        "part_1__chp_1", "part_1__chp_2", "part_2__chp_1"]
    assert result.warnings == []   # restarting in a new 编 is no gap
    gap = import_text(text.replace("第二章　其他", "第三章　其他"))
    assert gap.warnings == [(6, "第三章: expected 第二章 (numbering gap or duplicate)")]


def test_article_without_text_is_reported():
    text = "甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n第一条\n第二条　二。\n"
    result = import_text(text)
    assert result.warnings == [(3, "第一条 has no text (kept as an empty 款)")]


def test_bare_numbers_are_text_in_the_lines_layout_and_page_numbers_in_pdf():
    text = "甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n" \
           "第一条　下列金额：\n2022\n第二条　二。\n"
    doc = Document(import_text(text, layout="lines").tree)
    assert doc.article("art_1").paragraphs[1].text == "2022"
    result = import_text(text, layout="pdf")
    assert (4, "page number 2022 dropped") in result.warnings
    assert "2022" not in Document(result.tree).body_text()


def test_control_characters_are_refused_with_their_line(tmp_path):
    src = tmp_path / "x.txt"
    src.write_bytes("甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n"
                    "第一条　一\x07。\n".encode())
    out = tmp_path / "x.xml"
    r = run_cli("import", src, "-o", out)
    assert r.returncode == 2 and f"{src}:3: control character U+0007" in r.stderr.decode()
    assert not out.exists()
    # Form feed (pdftotext's page break) and vertical tab (Word's line break) end lines.
    doc = Document(import_text("甲条例\n（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）\n"
                               "第一条　一。\f第二条　二。\v第三条　三。\n").tree)
    assert [a.num for a in doc.articles] == ["第一条", "第二条", "第三条"]


def test_docx_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("甲条例")
    document.add_paragraph("（2020年1月2日北京市第一届人民代表大会常务委员会第一次会议通过）")
    document.add_paragraph("第一条　收费标准如下：")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "登记费"
    table.rows[0].cells[1].text = "一百元"
    document.add_paragraph("第二条　二。")
    path = tmp_path / "t.docx"
    document.save(path)
    doc = Document(import_bytes(path.read_bytes(), source=str(path)).tree)
    assert [p.text for p in doc.article("art_1").paragraphs] == ["收费标准如下：", "登记费", "一百元"]
    assert doc.article("art_2").text == "二。"
