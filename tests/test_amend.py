"""Amend: every instruction form on small texts (and each failure message), the real
Tianjin consolidation checked article by article against the official 2022 text, the
recorded amendment metadata, amend → diff, and the command as a user runs it."""

from __future__ import annotations

import json

import pytest

from ftzlaw.akn import Document
from ftzlaw.akn.xml import NS, parse_akn, to_bytes
from ftzlaw.amend import InstructionError, apply_decision, parse_decision
from ftzlaw.diff.chars import normalise
from ftzlaw.errors import FtzlawError
from ftzlaw.textin import import_text
from ftzlaw.zh.numerals import int_to_cn
from ftzlaw.validate.schema import official_schema

from conftest import DECISION, TEXTS, run_cli

BASE_TEXT = """中国（天津）测试条例
（2020年1月1日天津市第十六届人民代表大会常务委员会第一次会议通过）
第一章　总则
第一条　为了测试，制定本条例。
第二条　甲乙丙。
丁戊己。
第三条　下列事项：
（一）事项一；
（二）事项二；
（三）事项三。
第二章　附则
第四条　依照本条例第三条规定执行。
第五条　本条例自2020年3月1日起施行。
"""
RENUMBER = "本决定自公布之日起施行。《中国（天津）测试条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。"
KEEP = "本决定自2021年7月1日起施行。"


def decision_text(*instructions: str, closing: str = RENUMBER) -> str:
    body = "\n".join(f"{int_to_cn(i)}、{t}" for i, t in enumerate(instructions, 1))
    return ("天津市人民代表大会常务委员会关于\n修改《中国（天津）测试条例》的决定\n"
            "（2021年6月1日天津市第十七届人民代表大会常务委员会第一次会议通过）\n"
            "天津市第十七届人民代表大会常务委员会第一次会议决定，对《中国（天津）测试条例》作如下修改：\n"
            f"{body}\n{closing}\n")


@pytest.fixture(scope="module")
def base():
    return import_text(BASE_TEXT).tree


def amend(base, *instructions, closing=RENUMBER, **kw):
    result = apply_decision(base, parse_decision(decision_text(*instructions, closing=closing)), **kw)
    schema = official_schema(strict=True)
    assert schema.validate(result.tree), schema.error_log
    return result


def arts(result) -> list[tuple[str, str, str]]:
    return [(a.eId, a.num, a.text) for a in Document(result.tree).articles]


def text_of(result, eid: str) -> str:
    return Document(result.tree).article(eid).text


def fails(base, message: str, *instructions, closing=RENUMBER):
    with pytest.raises(InstructionError) as err:
        amend(base, *instructions, closing=closing)
    assert message in str(err.value), str(err.value)
    return err.value


# --- the decision ----------------------------------------------------------------------

def test_parse_tianjin_decision():
    d = parse_decision(DECISION.read_text(encoding="utf-8"))
    assert d.title == "天津市人民代表大会常务委员会关于修改《中国（天津）自由贸易试验区条例》的决定"
    assert (d.date, d.body) == ("2022-09-27", "天津市人民代表大会常务委员会")
    assert d.amends == ["中国（天津）自由贸易试验区条例"]
    assert (d.renumber, d.republish, d.commencement) == (True, True, "publication")
    assert [i.number for i in d.instructions] == list(range(1, 41))
    kinds = [[op.kind for op in i.operations] for i in d.instructions]
    assert kinds[29] == ["move", "repeal", "insert", "insert", "insert"]        # 三十、
    assert kinds[22] == ["move", "replace", "replace_words", "insert"]          # 二十三、 over 3 paragraphs
    assert sum(k.count("move") for k in kinds) == 24
    # 十七、: one quotation over four paragraphs, ASCII quotes opening each.
    q = d.instructions[16].operations[0].quote
    assert len(q.paragraphs) == 4 and q.paragraphs[3].endswith("新药临床试验。")
    # 二十八、: two quotations back to back with no separator.
    ops = d.instructions[27].operations
    assert [(op.kind, op.target.label()) for op in ops[1:]] == [
        ("replace", "第三十四条第五项"), ("replace", "第三十四条第六项")]
    assert not d.warnings


def test_quotations_chinese_marks_nested_and_unclosed(base):
    d = parse_decision(decision_text("将第一条修改为：“为了“测试”，制定本条例。", "删去第四条。"))
    assert d.instructions[0].operations[0].quote.paragraphs == ["为了“测试”，制定本条例。"]
    assert any("not closed" in w for _, w in d.warnings)
    assert [op.kind for op in d.instructions[1].operations] == ["repeal"]


# --- each form ------------------------------------------------------------------------------

def test_replace_article_ascii_quotes(base):
    r = amend(base, '将第一条修改为："为了新的测试，制定本条例。"')
    assert text_of(r, "art_1") == "为了新的测试，制定本条例。"
    assert [a[0] for a in arts(r)] == [f"art_{i}" for i in range(1, 6)]
    assert r.applied[0].type == "substitution" and r.applied[0].destinations == ["#art_1"]


def test_replace_paragraph_and_multi_paragraph_quotation(base):
    r = amend(base, "将第二条第二款修改为：“新二款。")
    assert text_of(r, "art_2") == "甲乙丙。\n新二款。"
    r = amend(base, '将第一条修改为："第一款。\n"第二款：\n"（一）项一；\n"（二）项二。"')
    art = Document(r.tree).article("art_1")
    assert [p.eId for p in art.paragraphs] == ["art_1__para_1", "art_1__para_2"]
    assert [(p.eId, p.num, p.text) for p in art.paragraphs[1].points] == [
        ("art_1__para_2__point_1", "（一）", "项一；"), ("art_1__para_2__point_2", "（二）", "项二。")]


def test_replace_words_repeated_and_every(base):
    r = amend(base, "将第二条第一款中的“乙”修改为“庚”；将“丙”修改为“辛”。")
    assert text_of(r, "art_2") == "甲庚辛。\n丁戊己。"
    r = amend(base, "将第三条中的“事项”均修改为“事务”。")
    assert text_of(r, "art_3") == "下列事务：（一）事务一；（二）事务二；（三）事务三。"


def test_qizhong_after_move_and_item_replacement(base):
    r = amend(base, "增加一条作为第一条：“新一条。”",
              "将第二条改为第三条，其中“戊”修改为“癸”。",
              "将第三条改为第四条，第二项修改为：“新事项二；”")
    assert arts(r)[2] == ("art_3", "第三条", "甲乙丙。\n丁癸己。")
    assert arts(r)[3][2] == "下列事项：（一）事项一；（二）新事项二；（三）事项三。"
    assert r.renumbered["art_2"] == "art_3"


def test_insert_and_delete_words(base):
    r = amend(base, "在第二条第一款中的“甲”后增加“子”。", "在第二条第二款中的“丁”前增加“丑”。",
              "删去第一条中的“，制定本条例”。", closing=KEEP)
    assert text_of(r, "art_2") == "甲子乙丙。\n丑丁戊己。"
    assert text_of(r, "art_1") == "为了测试。"
    assert [a.type for a in r.applied] == ["insertion", "insertion", "repeal"]


def test_repeal_article_paragraph_point_with_renumbering(base):
    r = amend(base, "删去第一条。", "删去第二条第二款。", "删除第三条第二项。")
    assert arts(r) == [("art_1", "第一条", "甲乙丙。"),
                       ("art_2", "第二条", "下列事项：（一）事项一；（二）事项三。"),
                       ("art_3", "第三条", "依照本条例第二条规定执行。"),
                       ("art_4", "第四条", "本条例自2020年3月1日起施行。")]
    assert r.repealed == ["art_1"]
    assert r.applied[0].destinations == [
        "/akn/cn-tj/act/regulation/2020-01-01/t158d3310/zho@2020-01-01#art_1"]
    # The kept text cited 第三条, which is now 第二条: the citation follows, and is listed.
    assert r.warnings == []
    assert [str(c) for c in r.citations] == ["第三条: 本条例第三条 → 本条例第二条"]
    assert r.notes == ["citation renumbered in 第三条: 本条例第三条 → 本条例第二条"]


def test_insert_article_positions_and_chapters(base):
    r = amend(base, "在第一条后增加一条，作为第二条：“新二条。”", "增加一条作为第六条：“新六条。”")
    assert [(e, n) for e, n, _ in arts(r)] == [(f"art_{i}", f"第{int_to_cn(i)}条") for i in range(1, 8)]
    doc = Document(r.tree)
    assert [(a.num, a.division) for a in doc.articles if "新" in a.text] == [
        ("第二条", "chp_1"), ("第六条", "chp_2")]
    assert doc.article("art_3").element.get("wId") == "art_2"


def test_insert_zhiyi_without_renumbering(base):
    r = amend(base, "增加一条，作为第二条之一：“新条。”", closing=KEEP)
    assert [(e, n) for e, n, _ in arts(r)] == [
        ("art_1", "第一条"), ("art_2", "第二条"), ("art_2-1", "第二条之一"),
        ("art_3", "第三条"), ("art_4", "第四条"), ("art_5", "第五条")]
    assert r.renumbered_by_closing == []


def test_insert_paragraph_and_items(base):
    r = amend(base, "在第二条中增加一款，作为第二款：“新款。”",
              "在第三条中增加一项，作为第（四）项：“事项四。”", "在第三条中增加一项，作为第一项：“事项零；”")
    assert text_of(r, "art_2") == "甲乙丙。\n新款。\n丁戊己。"
    pts = Document(r.tree).article("art_3").paragraphs[0].points
    assert [(p.eId, p.num, p.text) for p in pts] == [
        ("art_3__para_1__point_1", "（一）", "事项零；"), ("art_3__para_1__point_2", "（二）", "事项一；"),
        ("art_3__para_1__point_3", "（三）", "事项二；"), ("art_3__para_1__point_4", "（四）", "事项三；"),
        ("art_3__para_1__point_5", "（五）", "事项四。")]
    # (the former last 项 ends with ；now that the list goes on, as the others do)


def test_chapter_heading_split_and_renumber_instruction(base):
    r = amend(base, "将第二章的章名修改为“补充规定”。",
              "将第三条第三项分为两项，作为第三项、第四项：“事项三甲；\n“事项三乙。”",
              "此外，对条文顺序作相应调整。", closing=KEEP)
    assert [c.heading for c in Document(r.tree).chapters] == ["总则", "补充规定"]
    assert text_of(r, "art_3") == "下列事项：（一）事项一；（二）事项二；（三）事项三甲；（四）事项三乙。"
    assert [a.type for a in r.applied] == ["substitution", "split", "renumbering"]


def test_move_out_of_order(base):
    r = amend(base, "将第四条改为第一条。", "将第一条改为第二条。")
    assert [n for _, n, _ in arts(r)] == [f"第{int_to_cn(i)}条" for i in range(1, 6)]
    assert arts(r)[0][2] == "依照本条例第四条规定执行。"    # base 第三条 is now 第四条
    assert any("moved out of the base order" in w for w in r.warnings)


def test_unnest_quotes(base):
    d = "将第一条修改为：“为了‘测试’，制定本条例。”"
    assert text_of(amend(base, d, unnest_quotes=False), "art_1") == "为了‘测试’，制定本条例。"
    assert text_of(amend(base, d), "art_1") == "为了“测试”，制定本条例。"


# --- each failure -----------------------------------------------------------------------

@pytest.mark.parametrize("instructions,closing,message", [
    (["将第九条修改为：“新。”"], RENUMBER, "第九条 is not in the base text (第一条 … 第五条)"),
    (["将第二条中的“不存在”修改为“有”。"], RENUMBER, "“不存在” is not in 第二条"),
    (["将第三条中的“事项”修改为“事务”。"], RENUMBER, "“事项” occurs 4 times in the provision: ambiguous"),
    (["将第一条翻译为英文。"], RENUMBER, "cannot read the instruction from here: 「将第一条翻译为英文。」"),
    (["删去第二条。", "将第二条修改为：“新。”"], RENUMBER, "第二条 was already deleted by 第一项"),
    (["增加一条作为第二条：“甲。”", "增加一条作为第二条：“乙。”"], RENUMBER, "第二条 is also given to 第一项"),
    (["增加一条作为第九条：“甲。”"], RENUMBER, "第九条: the amended text has only 6 articles"),
    (["增加一条作为第二条：“甲。”"], KEEP,
     "第二条 already exists and the decision does not renumber (对条文顺序作相应调整)"),
    (["将第一条第三款修改为：“甲。”"], RENUMBER, "第一条 has no 第三款 (it has 1)"),
    (["在第二条中增加一款，作为第五款：“甲。”"], RENUMBER, "作为第五款: 第二条 has only 2 款"),
    (["将第二条第一款中的“乙”修改为“庚”。", "将第二条修改为：“新。”", "将第二条第一款中的“甲”修改为“庚”。"],
     RENUMBER, "第二条第一款 was already deleted or replaced"),
    (["修改为：“新。”"], RENUMBER, "修改为：“新。…”: which article? (no 第X条 in the instruction)"),
    (["将第二条第一款改为第三条第一款。"], RENUMBER,
     "moving a 款 or 项 to another article (改为第X条第Y款), or a 项 into an article of its own, "
     "is not supported"),
    (["增加一条，作为第二条之一：“甲。”", "增加一条，作为第二条之一：“乙。”"], KEEP,
     "第二条之一 is given twice"),
    (["增加一条，作为第九条之一：“甲。”"], KEEP, "第九条之一: there is no 第九条 to follow"),
    # issue 15: 第零条 was an internal error; 作为第一千条 without renumbering wrote an invalid text
    (["将第一条改为第零条。"], RENUMBER, "将第一条改为第零条: 第零条 is no 条 number (they start at 第一条)"),
    (["增加一条，作为第一千条：“甲。”"], KEEP,
     "第一千条: the text would jump from 第五条 to 第一千条 (the decision does not renumber: a new "
     "article takes the next free number)"),
    (["删去第一条第零款。"], RENUMBER, "删去第一条第零款: 第零款 is no 款 number (they start at 第一款)"),
])
def test_failures_name_and_quote_the_instruction(base, instructions, closing, message):
    err = fails(base, message, *instructions, closing=closing)
    n = len(instructions)
    assert err.instruction.number == n and err.problem == message
    # The first line: where, which instruction, the whole problem; the second quotes it.
    assert str(err).splitlines()[0] == f"line {4 + n}: 修改决定第{int_to_cn(n)}项: {message}"
    assert instructions[err.instruction.number - 1].split("。")[0][:8] in str(err).splitlines()[1]


def test_base_without_eids_gets_them(base):
    """issue 15: a base whose articles have no eId was an internal error."""
    import copy

    tree = copy.deepcopy(base)
    for el in tree.getroot().iter(f"{{{NS}}}article"):
        del el.attrib["eId"]
    r = apply_decision(tree, parse_decision(decision_text("将第二条修改为：“新。”")))
    assert [(e, n, t) for e, n, t in arts(r)][:2] == [("art_1", "第一条", "为了测试，制定本条例。"),
                                                    ("art_2", "第二条", "新。")]
    assert r.warnings[0] == "第一条 had no eId: given art_1"
    assert official_schema(strict=True).validate(r.tree)


def test_cli_issue_15_errors_exit_2_and_write_nothing(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text(BASE_TEXT, encoding="utf-8")
    for ins, closing, message in [("将第一条改为第零条。", RENUMBER, "第零条 is no 条 number"),
                                  ("增加一条，作为第一千条：“甲。”", KEEP, "would jump from 第五条 to 第一千条")]:
        dec = tmp_path / "d.txt"
        dec.write_text(decision_text(ins, closing=closing), encoding="utf-8")
        r = run_cli("amend", base, dec, "-o", tmp_path / "out.xml")
        assert r.returncode == 2 and message in r.stderr.decode(), r.stderr.decode()
        assert "internal error" not in r.stderr.decode() and not (tmp_path / "out.xml").exists()


def test_not_a_decision():
    with pytest.raises(FtzlawError, match="no numbered instruction"):
        parse_decision("中国（天津）测试条例\n第一条　为了测试。\n")


def test_decision_whose_first_instruction_is_not_yi():
    text = decision_text("删去第一条。", "删去第二条。").replace("一、删去", "二、删去", 1)
    with pytest.raises(FtzlawError) as err:
        parse_decision(text, "d.txt")
    assert str(err.value) == ("d.txt:5: the first instruction is numbered 二、, not 一、: "
                              "is the beginning of the decision missing?")


def test_a_date_that_is_no_date_is_refused(base):
    decision = parse_decision(decision_text("删去第一条。"))
    decision.date = "2021/6/2"
    with pytest.raises(FtzlawError) as err:
        apply_decision(base, decision)
    assert str(err.value) == "the decision's date must be a date YYYY-MM-DD, got '2021/6/2'"


# --- citations -----------------------------------------------------------------------------

def test_citation_reading_is_shared_and_reads_lists():
    from ftzlaw.zh.patterns import citations

    got = [(c.text, c.label, c.key, c.paragraph)
           for c in citations("依照本条例第二条、第三条和第十条之一第二款以及本法第五条至第七条办理")]
    assert got == [("本条例第二条", "第二条", (2, 0), None), ("本条例第三条", "第三条", (3, 0), None),
                   ("本条例第十条之一第二款", "第十条之一", (10, 1), 2),
                   ("本法第五条", "第五条", (5, 0), None), ("本法第七条", "第七条", (7, 0), None)]


def test_citations_follow_renumbering_lists_ranges_paragraphs_and_deleted():
    tree = import_text(BASE_TEXT.replace("依照本条例第三条规定执行。",
                                         "依照本条例第二条、第三条和第一条规定执行，按照第二条第二款至第五条办理。")).tree
    r = amend(tree, "删去第一条。", "删去第二条第一款。")
    assert text_of(r, "art_3") == "依照本条例第一条、第二条和第一条规定执行，按照第一条第一款至第四条办理。"
    assert [str(c) for c in r.citations] == [
        "第三条: 本条例第二条、第三条和第一条 → 本条例第一条、第二条和第一条",
        "第三条: 第二条第二款至第五条 → 第一条第一款至第四条"]
    # 第一条 was deleted: its citation stays as it was, and a warning names it.
    assert r.warnings == ["第三条 cites 本条例第二条、第三条和第一条: 第一条 was deleted by 第一项 "
                          "(citation left as it is)"]
    # Other acts' articles (民法典第五条, 《物业管理条例》第三条) are never touched.
    tree = import_text(BASE_TEXT.replace("依照本条例第三条规定执行。",
                                         "依照民法典第五条和《物业管理条例》第三条规定执行。")).tree
    r = amend(tree, "删去第一条。")
    assert text_of(r, "art_3") == "依照民法典第五条和《物业管理条例》第三条规定执行。" and r.citations == []


# --- the real consolidation -----------------------------------------------------------------

@pytest.fixture(scope="module")
def tianjin(imported_tianjin):
    return imported_tianjin


@pytest.fixture(scope="module")
def imported_tianjin():
    from ftzlaw.textin import import_bytes

    base = import_bytes((TEXTS / "tianjin-ftz-2015.txt").read_bytes()).tree
    official = import_bytes((TEXTS / "tianjin-ftz-2022.txt").read_bytes()).tree
    decision = parse_decision(DECISION.read_text(encoding="utf-8"))
    return base, official, decision, apply_decision(base, decision)


def _fold(text: str) -> str:
    """Punctuation form aside — and a quotation's inner ‘’ stand for the text's “”."""
    return normalise(text)[0].replace("‘", "“")


def test_tianjin_every_article_equals_the_official_2022_text(tianjin):
    base, official, _, result = tianjin
    got, want = Document(result.tree).articles, Document(official).articles
    assert len(got) == len(want) == 68
    for a, b in zip(got, want):
        assert (a.eId, a.num, a.division) == (b.eId, b.num, b.division)
        assert [_fold(p.full_text) for p in a.paragraphs] == [_fold(p.full_text) for p in b.paragraphs], a.num
    # The decision's inner '一带一路' becomes the consolidated text's “一带一路” …
    assert "服务“一带一路”建设" in Document(result.tree).article("art_4").text
    # … unless the quotation's inner quotes are kept as printed.
    kept = apply_decision(base, parse_decision(DECISION.read_text(encoding="utf-8")),
                          unnest_quotes=False)
    assert "服务'一带一路'建设" in Document(kept.tree).article("art_4").text


def test_tianjin_matches_with_plain_normalisation(tianjin):
    base, official, decision, result = tianjin
    got, want = Document(result.tree).articles, Document(official).articles
    assert [normalise(a.text)[0] for a in got] == [normalise(b.text)[0] for b in want]


def test_tianjin_metadata_and_strict_validity(tianjin):
    base, _, _, result = tianjin
    schema = official_schema(strict=True)
    assert schema.validate(result.tree), schema.error_log
    doc = Document(result.tree)
    assert doc.work_uri == "/akn/cn-tj/act/regulation/2015-12-24/ftz"
    assert doc.expression_uri == "/akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2022-09-27"
    assert doc.caption.endswith("根据2022年9月27日天津市第十七届人民代表大会常务委员会第三十七次会议"
                                "《天津市人民代表大会常务委员会关于修改〈中国（天津）自由贸易试验区条例〉的决定》修正)")
    ns = {"a": NS}
    ev = result.tree.find(".//a:lifecycle/a:eventRef[@type='amendment']", ns)
    assert (ev.get("date"), ev.get("source")) == ("2022-09-27", "#amendment_1")
    mods = result.tree.findall(".//a:analysis/a:passiveModifications/a:textualMod", ns)
    assert len(mods) == 41          # one per instruction, and the closing clause's renumbering
    types = [m.get("type") for m in mods]
    assert (types.count("substitution"), types.count("insertion"), types.count("repeal"),
            types.count("renumbering")) == (23, 14, 3, 1)
    first = mods[0]
    assert first.find("a:source", ns).get("href") == "#amendment_1__item_1"
    assert [d.get("href") for d in mods[29].findall("a:destination", ns)] == [
        "#art_42", "/akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24#art_36__para_1__point_5",
        "#art_42__para_1__point_5", "#art_42__para_1__point_6", "#art_42__para_1__point_7"]
    assert [d.get("href") for d in mods[6].findall("a:destination", ns)] == [
        "/akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24#art_9"]
    # Every destination in the new expression exists.
    eids = {el.get("eId") for el in result.tree.iter()}
    for m in mods:
        for d in m.findall("a:destination", ns):
            href = d.get("href")
            assert href.startswith("/akn/") or href[1:] in eids
    assert (len(result.added), len(result.repealed), len(result.changed)) == (12, 2, 26)
    assert result.added == ["art_5", "art_10", "art_26", "art_27", "art_29", "art_35", "art_36",
                            "art_39", "art_43", "art_44", "art_45", "art_52"]
    assert result.repealed == ["art_9", "art_28"]
    # The base tree is left as it was.
    assert Document(base).expression_date == "2015-12-24" and len(Document(base).articles) == 58


def test_amend_then_diff_reports_exactly_the_touched_articles(tianjin):
    from ftzlaw.diff import diff_documents

    base, _, _, result = tianjin
    cs = diff_documents(base, result.tree)
    new_changed = {a.new.eId for a in cs.articles if a.status in ("modified", "added")}
    old_changed = {a.old.eId for a in cs.articles if a.status in ("modified", "deleted")}
    touched_new = set(result.changed) | set(result.added)
    touched_old = {old for old, new in result.renumbered.items() if new in result.changed} \
        | set(result.repealed)
    assert new_changed == touched_new and len(new_changed) == 38
    assert old_changed == touched_old and len(old_changed) == 28
    untouched = [a for a in cs.articles if a.status in ("unchanged", "renumbered")]
    assert len(untouched) == 30
    assert all(result.renumbered[a.old.eId] == a.new.eId for a in untouched)


# --- the command ----------------------------------------------------------------------------

def test_cli_writes_valid_akn_and_the_report(tmp_path):
    out, report = tmp_path / "new.xml", tmp_path / "对照表.html"
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "-o", out, "--report", report)
    assert r.returncode == 0, r.stderr.decode()
    assert "40 instructions applied: 12 articles added, 2 deleted, 26 amended" in r.stderr.decode()
    tree = parse_akn(out.read_bytes())
    assert official_schema(strict=True).validate(tree)
    assert len(Document(tree).articles) == 68
    html = report.read_text(encoding="utf-8")
    assert "修改前后对照表" in html and "第六十八条" in html


def test_cli_dry_run_lists_and_writes_nothing(tmp_path):
    out = tmp_path / "new.xml"
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "--dry-run", "-f", "json")
    assert r.returncode == 0, r.stderr.decode()
    data = json.loads(r.stdout)
    assert len(data["instructions"]) == 40
    assert data["instructions"][6] == {"instruction": 7, "label": "第七项", "line": 25, "type": "repeal",
                                       "destinations": ["/akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24#art_9"],
                                       "operations": [{"kind": "repeal", "target": "第九条", "words": "删除第九条"}]}
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "-n")
    assert r.stdout.decode().splitlines()[0] == "第一项\tsubstitution\tart_1"
    assert not out.exists()


def test_cli_bad_instruction_exit_2_names_it_and_writes_nothing(tmp_path):
    text = DECISION.read_text(encoding="utf-8").replace("对不涉及敏感国家和地区", "对不涉及敏感国家或地区")
    bad = tmp_path / "decision.txt"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "new.xml"
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", bad, "-o", out, "--report", tmp_path / "r.docx")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert f"{bad}:41: 修改决定第十三项: “对不涉及敏感国家或地区、敏感行业的境外投资项目实行备案制” " \
           f"is not in 第二十一条第一款" in err
    assert "十三、" not in err and "将第二十一条改为第二十二条，第一款中" in err
    assert list(tmp_path.iterdir()) == [bad]


@pytest.mark.parametrize("existing", [False, True])
def test_cli_unwritable_report_writes_nothing_and_names_it(tmp_path, existing):
    out, report = tmp_path / "new.xml", tmp_path / "r.html"
    report.mkdir()                      # the report cannot be written: a folder is in the way
    if existing:
        out.write_text("old", encoding="utf-8")
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "-q", "-o", out,
                "--report", report)
    assert r.returncode == 2
    assert r.stderr.decode() == f"ftzlaw: error: {report}: cannot write: Is a directory\n"
    # new.xml is as it was before the run (absent, or its old content); no temp file is left.
    assert sorted(p.name for p in tmp_path.iterdir()) == (["new.xml", "r.html"] if existing
                                                          else ["r.html"])
    assert not existing or out.read_text(encoding="utf-8") == "old"
    assert list(report.iterdir()) == []


def test_cli_unwritable_output_writes_no_report(tmp_path):
    out, report = tmp_path / "new.xml", tmp_path / "r.html"
    out.mkdir()
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "-q", "-o", out,
                "--report", report)
    assert r.returncode == 2
    assert r.stderr.decode() == f"ftzlaw: error: {out}: cannot write: Is a directory\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.xml"] and list(out.iterdir()) == []
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", DECISION, "-o", report, "--report", report)
    assert r.returncode == 2 and "-o and --report name the same file" in r.stderr.decode()


def test_cli_date_wins_over_the_caption_and_must_be_a_date(tmp_path):
    base = tmp_path / "base.xml"
    base.write_bytes(to_bytes(import_text(BASE_TEXT).tree))
    dec = tmp_path / "d.txt"
    dec.write_text(decision_text("删去第一条。"), encoding="utf-8")
    r = run_cli("amend", base, dec, "--date", "2021/6/2")
    assert r.returncode == 2 and r.stdout == b""
    assert r.stderr.decode() == "ftzlaw: error: --date must be a date YYYY-MM-DD, got '2021/6/2'\n"
    r = run_cli("amend", base, dec, "--date", "2021-06-02")
    assert r.returncode == 0, r.stderr.decode()
    assert f"{dec}: warning: --date 2021-06-02 replaces the adoption date its 题注 gives " \
           f"(2021-06-01)\n" in r.stderr.decode()
    doc = Document(parse_akn(r.stdout))
    assert doc.expression_date == "2021-06-02"
    assert doc.caption.endswith("根据2021年6月2日天津市第十七届人民代表大会常务委员会第一次会议"
                                "《天津市人民代表大会常务委员会关于修改〈中国（天津）测试条例〉的决定》修正）")
    # The same date as the 题注's: no warning.
    r = run_cli("amend", base, dec, "--date", "2021-06-01", "-o", tmp_path / "n.xml")
    assert r.returncode == 0 and "replaces" not in r.stderr.decode()


def test_cli_first_instruction_not_yi_exit_2(tmp_path):
    dec = tmp_path / "d.txt"
    dec.write_text(decision_text("删去第一条。").replace("一、", "二、", 1), encoding="utf-8")
    r = run_cli("amend", TEXTS / "tianjin-ftz-2015.txt", dec, "-o", tmp_path / "n.xml")
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert r.stderr.decode() == (f"ftzlaw: error: {dec}:5: the first instruction is numbered 二、, "
                                 f"not 一、: is the beginning of the decision missing?\n")
    assert [p.name for p in tmp_path.iterdir()] == ["d.txt"]


def test_cli_amend_an_akn_base_and_roundtrip(tmp_path):
    base = tmp_path / "base.xml"
    base.write_bytes(to_bytes(import_text(BASE_TEXT).tree))
    dec = tmp_path / "d.txt"
    dec.write_text(decision_text("删去第一条。"), encoding="utf-8")
    r = run_cli("amend", base, dec)
    assert r.returncode == 0, r.stderr.decode()
    doc = Document(parse_akn(r.stdout))
    assert [a.num for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert "citation renumbered in 第三条: 本条例第三条 → 本条例第二条" in r.stderr.decode()
    r = run_cli("amend", base, base)
    assert r.returncode == 2 and "no numbered instruction" in r.stderr.decode()
