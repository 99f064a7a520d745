"""amend, one drafting form at a time (issue 11): packaged decisions, numbering at either
level, text after the colon, lists and scopes, positions, merges, moves, the decision's own
slips, --partial — each with its exact result, and each failure with its exact message."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_cli
from ftzlaw.akn.view import Document
from ftzlaw.akn.xml import parse_akn
from ftzlaw.amend import InstructionError, apply_decision, parse_decision
from ftzlaw.errors import FtzlawError
from ftzlaw.textin import import_text
from ftzlaw.validate.schema import official_schema

FIXTURES = ROOT / "tests" / "fixtures" / "amend"
BASE = FIXTURES / "base.txt"
PACKAGED = FIXTURES / "packaged.txt"
HEAD = ("天津市人民代表大会常务委员会关于\n修改《中国（天津）测试条例》的决定\n"
        "（2021年6月1日天津市第十七届人民代表大会常务委员会第一次会议通过）\n"
        "天津市第十七届人民代表大会常务委员会第一次会议决定，对《中国（天津）测试条例》作如下修改：\n")
TAIL = "\n此外，对条文顺序作相应调整。\n本决定自2021年7月1日起施行。\n"


@pytest.fixture(scope="module")
def base():
    return import_text(BASE.read_text(encoding="utf-8")).tree


def run(base, body: str, **kw):
    result = apply_decision(base, parse_decision(HEAD + body + TAIL), **kw)
    assert official_schema(strict=True).validate(result.tree)
    return result


def texts(result) -> dict[str, str]:
    return {a.num: a.text for a in Document(result.tree).articles}


def fails(base, body: str) -> str:
    with pytest.raises(InstructionError) as err:
        run(base, body)
    return err.value.problem


# --- packaged decisions ---------------------------------------------------------------------

def test_packaged_decision_applies_the_part_for_the_base_and_the_closing_edit(base):
    d = parse_decision(PACKAGED.read_text(encoding="utf-8"))
    # Three heading shapes: 对《X》的修改 / 修改《X》 / bare 三、《X》
    assert [(s.number, s.title, len(s.instructions)) for s in d.sections] == [
        (1, "天津市甲条例", 1), (2, "中国（天津）测试条例", 3), (3, "天津市丙条例", 1)]
    r = apply_decision(base, d)
    assert r.decision.section.title == "中国（天津）测试条例"
    assert texts(r) == {
        "第一条": "为了测试新的规定，制定本条例。",
        "第二条": "区人民政府负责本区的测试工作。\n市测试部门负责监督。",
        "第三条": "下列事项应当报告：（一）事项一；（二）事项二和事项二之一；（三）事项三。",
        "第四条": "违反本条例第二条、第三条规定的，依照有关规定处理；情节严重的，依照第五条的规定处理。",
        "第五条": "本条例自2020年3月1日起施行。"}
    # 此外，…将相关地方性法规中的“区、县”统一修改为“区” covers every part: counted.
    assert r.notes == ["结尾: “区、县” edited at 2 places",
                       "citation renumbered in 第四条: 第六条 → 第五条"]
    assert [rec.instruction.label for rec in r.applied][:3] == [
        "第二部分第一项", "第二部分第二项", "第二部分第三项"]


def test_packaged_decision_section_by_hand_and_no_match(base, tmp_path):
    d = parse_decision(PACKAGED.read_text(encoding="utf-8"))
    # 三、《天津市丙条例》 (删去第二条), picked by hand
    assert texts(apply_decision(base, d, section=3))["第二条"].startswith("下列事项")
    other = import_text(BASE.read_text(encoding="utf-8").replace("中国（天津）测试条例",
                                                                "天津市乙条例", 1)).tree
    with pytest.raises(FtzlawError) as err:
        apply_decision(other, d)
    assert str(err.value) == (
        "no part of the decision amends 《天津市乙条例》; the decision amends: 一、《天津市甲条例》; "
        "二、《中国（天津）测试条例》; 三、《天津市丙条例》. Pick one with --section N")
    # The CLI: exit 2, the list, nothing written; --section picks the part by hand.
    base_txt = tmp_path / "乙.txt"
    base_txt.write_text(BASE.read_text(encoding="utf-8").replace("中国（天津）测试条例", "天津市乙条例", 1),
                        encoding="utf-8")
    r = run_cli("amend", base_txt, PACKAGED, "-o", tmp_path / "out.xml")
    assert r.returncode == 2 and "the decision amends: 一、《天津市甲条例》" in r.stderr.decode()
    assert not (tmp_path / "out.xml").exists()
    r = run_cli("amend", base_txt, PACKAGED, "--section", "2", "-o", tmp_path / "out.xml")
    assert r.returncode == 0, r.stderr.decode()
    doc = Document(parse_akn((tmp_path / "out.xml").read_bytes()))
    assert doc.article("art_1").text == "为了测试新的规定，制定本条例。"
    r = run_cli("amend", BASE, PACKAGED, "-n")
    assert r.returncode == 0
    assert r.stdout.decode().splitlines()[:3] == [
        "part 二、《中国（天津）测试条例》", "第二部分第一项\tsubstitution\tart_1",
        "\treplace\t将第一条修改为：“为了测试新的规定，制定本…”"]


def test_packaged_parts_one_level_down_and_a_closing_clause_printed_in_the_last_part(base):
    """上海 2023: 一、修改《甲》等12件地方性法规 ⏎ （一）对《甲》的修改 ⏎ 1.… ⏎ 此外，根据决定对相关法规的
    条文顺序…作相应调整。 ⏎ 二、废止《…》等6件地方性法规 ⏎ （一）废止…"""
    text = ("上海市人民代表大会常务委员会关于修改《上海市养老服务条例》等2件地方性法规和废止《上海市乙规定》的决定\n"
            "（2023年12月28日上海市第十六届人民代表大会常务委员会第九次会议通过）\n"
            "上海市第十六届人民代表大会常务委员会第九次会议决定：\n"
            "一、修改《上海市养老服务条例》等2件地方性法规\n（一）对《上海市养老服务条例》的修改\n"
            "1.删去第三条。\n（二）对《中国（天津）测试条例》的修改\n1.删去第四条。\n"
            "2.在第五条最后增加“但是，另有规定的除外”。\n"
            "3.删去第二条第二款中的“市”；第六条中的“2020年”修改为“二〇二〇年”；“区、县”均修改为“区”。\n"
            "此外，根据决定对相关法规的条文顺序和部分文字作相应调整。\n"
            "《上海市养老服务条例》《中国（天津）测试条例》根据本决定作相应修正后，重新公布。\n"
            "二、废止《上海市乙规定》\n（一）废止1988年4月7日通过的《上海市乙规定》。\n"
            "本决定自2023年12月28日起施行。\n")
    d = parse_decision(text)
    assert [(s.number, s.title) for s in d.sections] == [(1, "上海市养老服务条例"), (2, "中国（天津）测试条例")]
    assert d.renumber and d.commencement == "2023-12-28"
    r = apply_decision(base, d)
    assert list(texts(r)) == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert texts(r)["第四条"].endswith("依照第五条的规定处理。但是，另有规定的除外")
    # after a ；, “区、县”均修改为“区” with no provision named means the whole text
    assert texts(r)["第二条"] == "区人民政府负责本区的测试工作。\n测试部门负责监督。"
    assert texts(r)["第五条"] == "本条例自二〇二〇年3月1日起施行。"


def test_decision_grouped_by_reason_names_the_act_in_each_instruction(base):
    body = ("一、删去《天津市甲条例》第二条。\n二、将《中国（天津）测试条例》第一条中的“测试”修改为“检验”。\n"
            "三、删去《中国（天津）测试条例》第四条。\n四、将《天津市甲条例》第三条修改为：“甲。”")
    r = run(base, body)
    assert [rec.instruction.number for rec in r.applied][:2] == [2, 3]
    assert texts(r)["第一条"] == "为了检验，制定本条例。" and len(texts(r)) == 5


def test_a_part_with_its_own_closing_clause_then_the_next_part(base):
    """东莞 2022: 一、对《X》作出修改： （一）… 此外，对有关条文顺序作相应调整。 二、对《Y》作出修改："""
    text = ("东莞市人民代表大会常务委员会关于修改《中国（天津）测试条例》《东莞市乙条例》两项地方性法规的决定\n"
            "（2022年5月27日东莞市第十七届人民代表大会常务委员会第五次会议通过）\n"
            "东莞市第十七届人民代表大会常务委员会第五次会议决定：\n"
            "一、对《中国（天津）测试条例》作出修改：\n（一）删去第四条。\n"
            "（二）增加一项，作为第三条第一款第四项：“（四）事项四。”\n"
            "（三）将第二章的章名中的“管理”修改为“监督管理”。\n"
            "此外，对有关条文顺序作相应调整。\n"
            "二、对《东莞市乙条例》作出修改：\n（一）删去第二条。\n本决定自公布之日起施行。\n")
    d = parse_decision(text)
    assert [s.title for s in d.sections] == ["中国（天津）测试条例", "东莞市乙条例"]
    assert d.commencement == "publication" and not d.renumber
    r = apply_decision(base, d)
    assert list(texts(r)) == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert texts(r)["第三条"].endswith("（三）事项三；（四）事项四。")
    assert [c.heading for c in Document(r.tree).chapters] == ["总则", "监督管理"]


def test_renumbering_said_inside_the_last_instruction(base):
    """丹东 2022: 二、删除第五十三条，第五十三条以后各条序号依次提前。本决定自公布之日起施行。"""
    text = HEAD + "一、将第一条中的“测试”修改为“检验”。\n二、删除第四条，第四条以后各条序号依次提前。本决定自公布之日起施行。\n"
    d = parse_decision(text)
    assert d.commencement == "publication"
    r = apply_decision(base, d)
    assert list(texts(r))[-1] == "第五条" and texts(r)["第四条"].startswith("违反本条例")


def test_a_member_of_an_enumeration_moves(base):
    """临沂 2026: 将第五十条中的“玩忽职守”调整到“滥用职权”之后。"""
    r = run(base, "一、将第五条中的“第二条”调整到“第三条”之后。")
    assert texts(r)["第五条"].startswith("违反本条例第三条、第二条规定的")
    assert fails(base, "一、将第一条中的“测试”调整到“本条例”之后。") == \
        "“测试” is not a member of an enumeration (…、…) to move"


def test_slips_and_scopes_of_local_decisions(base):
    """中卫 2024 (删去第二、三、四款; 第六条、十二条…; 增加一款“…”作为第二款), 上海 2021 (将第十一条增加一款
    作为第四款; 将相关条款中的“区、县”统一修改为“区”)."""
    r = run(base, "一、删去第二条第一、二款中的“测试”。\n二、将第三条第一款增加一项作为第四项：“（四）事项四。”\n"
                  "三、第一条增加一款“乙。”作为第二款。\n四、将相关条款中的“区、县”统一修改为“区”。\n"
                  "五、将第一条、六条中的“本条例”修改为“本规定”。")
    assert texts(r)["第二条"] == "区人民政府负责本区的工作。\n市部门负责监督。"
    assert texts(r)["第三条"].endswith("（三）事项三；（四）事项四。")
    assert texts(r)["第一条"] == "为了测试，制定本规定。\n乙。"
    assert texts(r)["第六条"] == "本规定自2020年3月1日起施行。"
    assert r.warnings == ["第一项: a list of numbers under one 第 (第一、二款) read as one 第 each",
                          "第五项: an article number without 第 (六条) read as 第六条"]


# --- numbering ------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "1.将第一条修改为：“甲。”\n2.删去第四条。",
    "（一）将第一条修改为：“甲。”\n（二）删去第四条。",
    "1、将第一条修改为：“甲。”\n2、删去第四条。",
    "一、将第一条修改为：“甲。”\n二、删去第四条。",
])
def test_numbering_styles(base, body):
    r = run(base, body)
    assert texts(r)["第一条"] == "甲。" and len(texts(r)) == 5
    assert [rec.instruction.label for rec in r.applied][:2] == ["第一项", "第二项"]


def test_a_decision_whose_only_instruction_has_no_number(base):
    r = run(base, "将第一条修改为：“甲。”")
    assert texts(r)["第一条"] == "甲。"
    assert r.applied[0].instruction.label == "唯一一项"


# --- text after the colon -------------------------------------------------------------------

def test_unquoted_text_over_several_paragraphs_with_items(base):
    r = run(base, "一、将第三条修改为：\n下列事项应当报告：\n（一）甲；\n（二）乙。\n"
                  "二、将第二条修改为：\n甲。\n乙。\n增加一款，作为第三款：\n丙。")
    assert texts(r)["第三条"] == "下列事项应当报告：（一）甲；（二）乙。"
    assert texts(r)["第二条"] == "甲。\n乙。\n丙。"


def test_a_new_item_on_the_same_line_after_the_colon(base):
    r = run(base, "一、第三条增加一项，作为第四项：（四）事项四。")
    assert texts(r)["第三条"] == "下列事项应当报告：（一）事项一；（二）事项二；（三）事项三；（四）事项四。"


# --- lists and scopes -----------------------------------------------------------------------

def test_lists_of_provisions(base):
    r = run(base, "一、删去第四条、第二条第二款。\n二、将第一条、第六条中的“本条例”修改为“本规定”。")
    assert texts(r) == {
        "第一条": "为了测试，制定本规定。", "第二条": "区、县人民政府负责本区、县的测试工作。",
        "第三条": "下列事项应当报告：（一）事项一；（二）事项二；（三）事项三。",
        "第四条": "违反本条例第二条、第三条规定的，依法处理；情节严重的，依照第五条的规定处理。",
        "第五条": "本规定自2020年3月1日起施行。"}


def test_every_occurrence_in_the_whole_text_is_counted(base):
    r = run(base, "一、将条例中的“区、县”均修改为“区”，“测试”统一修改为“检验”。")
    assert texts(r)["第二条"] == "区人民政府负责本区的检验工作。\n市检验部门负责监督。"
    assert r.notes == ["第一项: “区、县” edited at 2 places", "第一项: “测试” edited at 3 places"]


def test_groups_of_provisions_and_phrases_share_one_verb(base):
    r = run(base, "一、将第一条中的“测试”，第二条第二款中的“市测试部门”，统一修改为“检验”。")
    assert texts(r)["第一条"] == "为了检验，制定本条例。"
    assert texts(r)["第二条"].endswith("检验负责监督。")


# --- positions ------------------------------------------------------------------------------

def test_words_at_the_start_or_end_and_the_lead_in_of_a_list(base):
    r = run(base, "一、第二条第二款开始部分增加规定：“此外，”。\n二、在第一条款尾增加：“特此规定。”\n"
                  "三、将第三条条首部分修改为：“下列事项应当及时报告”")
    assert texts(r)["第二条"].endswith("此外，市测试部门负责监督。")
    assert texts(r)["第一条"] == "为了测试，制定本条例。特此规定。"
    # the colon that leads to the 项 is kept when the quotation leaves it out
    assert texts(r)["第三条"].startswith("下列事项应当及时报告：（一）")


def test_paragraph_and_item_positions(base):
    r = run(base, "一、增加一款，作为第二条第三款：“丙。”\n二、第三条增加一项，作为第二项：“事项甲；”\n"
                  "三、第一条第一款修改为“甲。”；增加“乙。”作为第二款。")
    assert texts(r)["第二条"].endswith("负责监督。\n丙。")
    assert texts(r)["第三条"] == "下列事项应当报告：（一）事项一；（二）事项甲；（三）事项二；（四）事项三。"
    assert texts(r)["第一条"] == "甲。\n乙。"


def test_renumber_and_amend_in_one_instruction_and_moves(base):
    r = run(base, "一、删去第一条。\n二、将第三条改为第二条，第一款修改为：“下列事项：”\n"
                  "三、原第四条作为第三条。")
    assert [n for n in texts(r)] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert texts(r)["第二条"].startswith("下列事项：")
    # 将第X条修改为第Y条 means a move
    r = run(base, "一、将第五条修改为第四条。\n二、将第四条修改为第五条。")
    assert texts(r)["第四条"].startswith("违反本条例") and texts(r)["第五条"] == "依照本条例第三条规定执行。"


def test_merge_two_articles(base):
    r = run(base, "一、将第四条和第五条合并修改为：“依照本条例处理。”")
    assert texts(r)["第四条"] == "依照本条例处理。" and texts(r)["第五条"] == "本条例自2020年3月1日起施行。"


def test_split_an_article_in_two_and_several_quotations_in_a_row(base):
    r = run(base, "一、将第二条改为两条，修改为：\n“区人民政府负责本区的测试工作。”\n“市测试部门负责监督。”")
    assert list(texts(r).values())[1:3] == ["区人民政府负责本区的测试工作。", "市测试部门负责监督。"]
    assert len(texts(r)) == 7 and texts(r)["第六条"].endswith("依照第七条的规定处理。")
    r = run(base, "一、增加两条，作为第七条、第八条：“甲。”“乙。”")
    assert texts(r)["第七条"] == "甲。" and texts(r)["第八条"] == "乙。"


def test_paragraph_after_a_named_one_and_pairs_of_phrases(base):
    r = run(base, "一、在第二条第一款后增加一款：“新款。”\n"
                  "二、将第二条中的“区、县人民政府”、“市测试部门”分别修改为“区人民政府”、“市检验部门”。\n"
                  "三、将第一条修改为两款：“甲。\n“乙。”")
    assert texts(r)["第二条"] == "区人民政府负责本区、县的测试工作。\n新款。\n市检验部门负责监督。"
    assert texts(r)["第一条"] == "甲。\n乙。"


def test_items_renumbered_inside_the_article(base):
    r = run(base, "一、将第三条第三项改为第一项。")
    assert texts(r)["第三条"] == "下列事项应当报告：（一）事项三。（二）事项一；（三）事项二；"


def test_chapter_name_and_its_deletion(base):
    r = run(base, "一、将第二章的章名修改为“附则”。")
    assert [c.heading for c in Document(r.tree).chapters] == ["总则", "附则"]
    r = run(base, "一、删去第二章。")
    assert list(texts(r)) == ["第一条", "第二条", "第三条"]


def test_the_name_of_a_section_inside_a_named_chapter():
    text = BASE.read_text(encoding="utf-8").replace("第三条　下列", "第一节　报告\n第三条　下列") \
        .replace("第二章　管理\n", "第二章　管理\n第一节　执行\n")
    r = run(import_text(text).tree, "一、将第二章第一节的节名修改为“实施”。")
    assert [(d.num, d.heading) for d in Document(r.tree).divisions] == [
        ("第一章", "总则"), ("第一节", "报告"), ("第二章", "管理"), ("第一节", "实施")]


def test_chapters_merged_or_deleted_are_numbered_again():
    """中卫 2024: 将第五章“供水保障”、第六章“供水管理”合并为第五章，章名修改为“供水保障与管理”。"""
    text = BASE.read_text(encoding="utf-8").replace("第六条　本条例", "第三章　附则\n第六条　本条例")
    tree = import_text(text).tree
    r = run(tree, "一、将第二章“管理”、第三章“附则”合并为第二章，章名修改为“管理和附则”。")
    assert [(c.eId, c.num, c.heading, [a.num for a in c.articles]) for c in Document(r.tree).chapters] == [
        ("chp_1", "第一章", "总则", ["第一条", "第二条", "第三条"]),
        ("chp_2", "第二章", "管理和附则", ["第四条", "第五条", "第六条"])]
    r = run(tree, "一、删去第二章。")
    chapters = Document(r.tree).chapters
    assert [(c.eId, c.num, c.heading) for c in chapters] == [("chp_1", "第一章", "总则"),
                                                             ("chp_2", "第二章", "附则")]
    assert chapters[1].element.get("wId") == "chp_3" and list(texts(r))[-1] == "第四条"


def layout(result) -> list:
    return [(c.num, c.heading, [a.num for a in c.articles]) for c in Document(result.tree).chapters]


def with_sections() -> str:
    return BASE.read_text(encoding="utf-8").replace("第二章　管理\n", "第二章　管理\n第一节　执行\n") \
        .replace("第五条　违反", "第二节　处理\n第五条　违反")


def test_an_article_moves_to_another_chapter():
    """将第十条移至第三章: last in that chapter, every article and citation renumbered."""
    r = run(import_text(BASE.read_text(encoding="utf-8")).tree, "一、将第二条移至第二章。")
    assert layout(r) == [("第一章", "总则", ["第一条", "第二条"]),
                         ("第二章", "管理", ["第三条", "第四条", "第五条", "第六条"])]
    assert texts(r)["第六条"] == "区、县人民政府负责本区、县的测试工作。\n市测试部门负责监督。"
    assert texts(r)["第四条"] == "违反本条例第六条、第二条规定的，依法处理；情节严重的，依照第五条的规定处理。"
    assert r.renumbered["art_2"] == "art_6" and r.renumbered["art_3"] == "art_2"
    assert r.applied[0].type == "renumbering"


def test_an_article_moves_to_the_start_of_a_section_or_to_a_numbered_place():
    r = run(import_text(with_sections()).tree, "一、将第一条调整至第二章第二节的开头。")
    assert [(d.num, [a.num for a in d.articles]) for d in Document(r.tree).divisions] == [
        ("第一章", ["第一条", "第二条"]), ("第二章", ["第三条", "第四条", "第五条", "第六条"]),
        ("第一节", ["第三条"]), ("第二节", ["第四条", "第五条", "第六条"])]
    assert texts(r)["第四条"] == "为了测试，制定本条例。"
    assert texts(r)["第五条"] == "违反本条例第一条、第二条规定的，依法处理；情节严重的，依照第六条的规定处理。"
    # 移作第二章第四条: the number given, and the article opens the chapter
    r = run(import_text(BASE.read_text(encoding="utf-8")).tree, "一、将第三条移作第二章第四条。")
    assert layout(r) == [("第一章", "总则", ["第一条", "第二条"]),
                         ("第二章", "管理", ["第三条", "第四条", "第五条", "第六条"])]
    assert texts(r)["第四条"] == "下列事项应当报告：（一）事项一；（二）事项二；（三）事项三。"
    assert texts(r)["第三条"] == "依照本条例第四条规定执行。"


def test_a_new_chapter_with_its_articles():
    """增加一章，作为第二章：“第二章　监督”“第四条　…”: chapters and articles numbered again;
    the new chapter has no wId (it is new), the one it pushes on keeps its base eId as wId."""
    tree = import_text(BASE.read_text(encoding="utf-8")).tree
    r = run(tree, "一、增加一章，作为第二章：“第二章　监督”\n“第四条　监督部门应当检查。”\n"
                  "“第五条　检查结果应当公开。”")
    chapters = Document(r.tree).chapters
    assert [(c.eId, c.element.get("wId")) for c in chapters] == [
        ("chp_1", None), ("chp_2", None), ("chp_3", "chp_2")]
    assert layout(r) == [("第一章", "总则", ["第一条", "第二条", "第三条"]),
                         ("第二章", "监督", ["第四条", "第五条"]),
                         ("第三章", "管理", ["第六条", "第七条", "第八条"])]
    assert texts(r)["第五条"] == "检查结果应当公开。"
    assert texts(r)["第七条"] == "违反本条例第二条、第三条规定的，依法处理；情节严重的，依照第八条的规定处理。"
    assert r.added == ["art_4", "art_5"]
    # after a named chapter, or where the quotation's own label puts it
    for body in ("一、在第二章后增加一章：“第三章　附则”\n“第七条　本条例由市人民政府解释。”",
                 "一、增加一章：“第三章　附则”\n“第七条　本条例由市人民政府解释。”"):
        r = run(tree, body)
        assert layout(r)[-1] == ("第三章", "附则", ["第七条"])
        assert texts(r)["第七条"] == "本条例由市人民政府解释。"


def test_a_new_article_opens_or_closes_a_chapter():
    tree = import_text(BASE.read_text(encoding="utf-8")).tree
    for body in ("一、增加一条，作为第二章第一条：“新设规定。”",
                 "一、在第二章中增加一条，作为第四条：“新设规定。”"):
        r = run(tree, body)
        assert layout(r) == [("第一章", "总则", ["第一条", "第二条", "第三条"]),
                             ("第二章", "管理", ["第四条", "第五条", "第六条", "第七条"])], body
        assert texts(r)["第四条"] == "新设规定。" and texts(r)["第五条"] == "依照本条例第三条规定执行。"
    r = run(tree, "一、在第一章末尾增加一条：“新设规定。”")
    assert layout(r)[0] == ("第一章", "总则", ["第一条", "第二条", "第三条", "第四条"])
    assert texts(r)["第四条"] == "新设规定。"
    assert texts(r)["第六条"] == "违反本条例第二条、第三条规定的，依法处理；情节严重的，依照第七条的规定处理。"


def test_an_article_moves_next_to_another(base):
    """将第二条移至第五条之后 / 调整到第一条前: into the other's chapter, all renumbered."""
    r = run(base, "一、将第二条移至第五条之后。")
    assert layout(r) == [("第一章", "总则", ["第一条", "第二条"]),
                         ("第二章", "管理", ["第三条", "第四条", "第五条", "第六条"])]
    assert texts(r)["第五条"] == "区、县人民政府负责本区、县的测试工作。\n市测试部门负责监督。"
    assert texts(r)["第四条"] == "违反本条例第五条、第二条规定的，依法处理；情节严重的，依照第六条的规定处理。"
    r = run(base, "一、将第六条调整到第一条前。")
    assert layout(r) == [("第一章", "总则", ["第一条", "第二条", "第三条", "第四条"]),
                         ("第二章", "管理", ["第五条", "第六条"])]
    assert texts(r)["第一条"] == "本条例自2020年3月1日起施行。"
    assert texts(r)["第六条"] == "违反本条例第三条、第四条规定的，依法处理；情节严重的，依照第一条的规定处理。"


@pytest.mark.parametrize("body,message", [
    ("一、将第三条移作第二章第二条。", "第二条 does not fall in 第二章: its articles are numbered elsewhere"),
    ("一、将第三条移至第五章。", "第五章 is not in the base text"),
    ("一、将第九条移至第二章。", "第九条 is not in the base text (第一条 … 第六条)"),
    ("一、增加一章，作为第二章：“第二章　监督”", "the new chapter's quotation must hold its articles "
                                           "(第X条…), without 节"),
    ("一、在第三章后增加一章：“第四章　附则”\n“第七条　丙。”", "第三章 is not in the base text"),
    ("一、将第二条移至第二条之后。", "第二条 cannot move next to itself"),
    ("一、将第二章改为第三章。", "将第二章改为第三章: only articles, 款 and 项 are moved by number "
                         "(将第X条改为第Y条); an article goes into a chapter by 移至第X章, chapters are "
                         "not renumbered by hand"),
    ("一、在第二章后增加一条：“新的。”", "在第二章后增加一条：“新的。…”: last in 第二章 or first "
                                  "after it? — ambiguous, not applied (say 在第二章末尾增加一条, or 作为第X条)"),
])
def test_chapter_moves_and_new_chapters_fail_clearly(base, body, message):
    assert fails(base, body) == message


def test_a_chapter_with_sections_needs_the_section():
    with pytest.raises(InstructionError) as err:
        run(import_text(with_sections()).tree, "一、将第一条移至第二章。")
    assert err.value.problem == "第二章 is divided into 节: say which 节 (第X章第Y节)"


@pytest.mark.parametrize("body", ["一、将第二条第二款改为第三条。", "一、将第二条第二款单列为一条，作为第三条。"])
def test_a_paragraph_becomes_an_article(base, body):
    """将第五条第二款改为第六条: the 款 as it is, an article of its own; the rest renumbered."""
    r = run(base, body)
    assert texts(r) == {
        "第一条": "为了测试，制定本条例。", "第二条": "区、县人民政府负责本区、县的测试工作。",
        "第三条": "市测试部门负责监督。",
        "第四条": "下列事项应当报告：（一）事项一；（二）事项二；（三）事项三。",
        "第五条": "依照本条例第四条规定执行。",
        "第六条": "违反本条例第二条、第四条规定的，依法处理；情节严重的，依照第七条的规定处理。",
        "第七条": "本条例自2020年3月1日起施行。"}
    new = Document(r.tree).articles[2].element
    assert new.get("wId") is None and r.added == ["art_3"]
    assert [(p.get("eId"), p.get("wId")) for p in new.iter("{*}paragraph")] == [
        ("art_3__para_1", "art_2__para_2")]


def test_citations_of_a_paragraph_made_an_article_follow_it():
    text = BASE.read_text(encoding="utf-8") \
        .replace("市测试部门负责监督。", "市测试部门负责监督。\n依照第二条第一款、第三条执行。") \
        .replace("依照本条例第三条规定执行。", "依照本条例第二条第二款、第二条第三款规定执行。")
    r = run(import_text(text).tree, "一、将第二条第二款改为第三条。")
    assert texts(r)["第二条"] == "区、县人民政府负责本区、县的测试工作。\n依照第二条第一款、第四条执行。"
    assert texts(r)["第五条"] == "依照本条例第三条、第二条第二款规定执行。"
    assert [
        (c.article, c.old, c.new) for c in r.citations][1] == (
        "第五条", "本条例第二条第二款、第二条第三款", "本条例第三条、第二条第二款")
    assert r.warnings == []


def test_a_paragraph_becomes_an_article_with_new_text_and_what_is_refused(base):
    r = run(base, "一、将第二条第二款改为第三条，修改为：“市测试部门负责监督和检查。”")
    assert texts(r)["第三条"] == "市测试部门负责监督和检查。"
    assert fails(base, "一、将第三条第二项改为第四条。") == (
        "moving a 款 or 项 to another article (改为第X条第Y款), or a 项 into an article of its "
        "own, is not supported")
    assert fails(base, "一、将第一条第一款改为第二条。") == (
        "第一条第一款 is the article's only 款: move the article instead")


def test_merged_without_new_text_and_unlisted_edits_reported(base):
    """七台河 2024: 将第四十条同第四十一条合并，改为第四十九条; 删除第八十三条关于立法技术规范的内容。此外，
    还对部分条款的文字表述进行调整，将第十条“…”修改为“…”；…将第六章章名中“生效”删除"""
    r = run(base, "一、将第四条同第五条合并，改为第四条。\n"
                  "二、删除第六条关于施行日期的内容。此外，还对部分条款的文字表述进行调整，将第一条“测试”修改为“检验”；"
                  "对章节名称进行了调整，将第二章章名中“管理”删除，增加一款作为该条第二款：“乙。”")
    assert list(texts(r)) == ["第一条", "第二条", "第三条", "第四条"]
    assert texts(r)["第四条"] == ("依照本条例第三条规定执行。\n违反本条例第二条、第三条规定的，依法处理；"
                                 "情节严重的，依照第六条的规定处理。")
    assert texts(r)["第一条"] == "为了检验，制定本条例。\n乙。"     # 该条: 第一条, just named
    assert [c.heading for c in Document(r.tree).chapters] == ["总则", ""]
    assert "第二项: 此外，还对部分条款的文字表述进行调整: edits the decision does not list are not applied" \
        in r.warnings
    assert "第四条 cites 第六条: 第六条 was deleted by 第二项 (citation left as it is)" in r.warnings


def test_other_changes_block_with_its_own_numbers(base):
    r = run(base, "一、其他修改：\n1.将第一条中的“测试”修改为“检验”。\n2.删去第六条中的“2020年”。")
    assert texts(r)["第一条"] == "为了检验，制定本条例。"
    assert texts(r)["第六条"] == "本条例自3月1日起施行。"


def test_the_decisions_own_slips(base):
    r = run(base, "一、将四条修改为：“甲。”\n二、将第五条中的“依法处理”修改为“处理”，该条中的“情节严重的”修改为“严重的”。")
    assert texts(r)["第四条"] == "甲。"
    assert texts(r)["第五条"].endswith("处理；严重的，依照第六条的规定处理。")
    assert r.warnings[0] == "第一项: an article number without 第 (四条) read as 第四条"


def test_deleting_words_takes_the_punctuation_they_leave(base):
    from ftzlaw.amend.words import delete_span

    r = run(base, "一、删去第五条中的“情节严重的，依照第六条的规定处理”。")
    assert texts(r)["第五条"] == "违反本条例第二条、第三条规定的，依法处理。"
    text = "受害人、被扶养人以及死亡受害人的近亲属"
    assert delete_span(text, 4, 8) == "受害人以及死亡受害人的近亲属"
    text = "由甲法院管辖；乙的，由丙法院管辖。"
    assert delete_span(text, 7, 16) == "由甲法院管辖。"


# --- failures, each with its message ---------------------------------------------------------

@pytest.mark.parametrize("body,message", [
    ("一、增加“甲”。", "增加“甲…”: where? The instruction does not say after or before which words "
                     "(在“…”后增加) — ambiguous, not applied"),
    ("一、将第一条中的“无此文字”修改为“甲”。", "“无此文字” is not in 第一条"),
    ("一、将第二条中的“测试”修改为“检验”。", "“测试” occurs 2 times in the provision: ambiguous"),
    ("一、将第三条第三项改为第九项。", "第三条第三项 cannot become number 9: there are 3"),
    ("一、删去第九章。", "第九章 is not in the base text"),
    ("一、将第三条条首部分修改为：“甲”\n二、将第一条条首部分修改为：“乙”", "第一条 has no words leading into a list of 项"),
])
def test_failures(base, body, message):
    assert fails(base, body) == message


# --- --partial ------------------------------------------------------------------------------

def test_partial_applies_what_it_can_and_lists_the_rest(base, tmp_path):
    body = "一、将第一条修改为：“甲。”\n二、将第一条翻译为英文。\n三、删去第九条。\n四、删去第四条。"
    r = run(base, body, partial=True)
    assert texts(r)["第一条"] == "甲。" and len(texts(r)) == 5
    assert [(e.instruction.label, e.problem) for e in r.failed] == [
        ("第二项", "cannot read the instruction from here: 「将第一条翻译为英文。」"),
        ("第三项", "第九条 is not in the base text (第一条 … 第六条)")]
    # An instruction that fails after its first change is left out whole, never half applied.
    r = run(base, "一、将第一条修改为：“甲。”；删去第九条。\n二、删去第四条。", partial=True)
    assert texts(r)["第一条"] == "为了测试，制定本条例。" and len(texts(r)) == 5
    assert [e.instruction.label for e in r.failed] == ["第一项"]
    base_txt, dec = tmp_path / "base.txt", tmp_path / "d.txt"
    base_txt.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    dec.write_text(HEAD + body + TAIL, encoding="utf-8")
    out = tmp_path / "out.xml"
    r = run_cli("amend", base_txt, dec, "-o", out)       # all or nothing
    assert r.returncode == 2 and not out.exists()
    r = run_cli("amend", base_txt, dec, "-o", out, "--partial")
    assert r.returncode == 1 and out.exists()
    err = r.stderr.decode()
    assert "2 项 not applied (--partial)" in err and "将第一条翻译为英文" in err and "删去第九条" in err
