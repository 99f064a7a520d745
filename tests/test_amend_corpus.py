"""amend on the real triples of ../shared/amend-corpus (regulation before, the decision as
published — whole, every part of a packaged one —, the text as republished): every article
of the result equals the republished one, number and text, allowing only the departures
SOURCES.md lists for that triple, each written out below (and each must still be needed:
a departure that no longer occurs fails the test)."""

from __future__ import annotations

import re

import pytest

from conftest import SHARED, run_cli
from ftzlaw.akn.view import Document
from ftzlaw.amend import apply_decision, parse_decision
from ftzlaw.textin import import_text
from ftzlaw.validate.schema import official_schema

CORPUS = SHARED / "amend-corpus"

# Layout only (SOURCES.md: "some differences between them are layout only"): spaces, the
# form of quotation marks (straight / curly, and a quotation's inner ‘’), ASCII or
# full-width punctuation.
FOLD = str.maketrans({"“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', ",": "，", ";": "；",
                      ":": "：", "(": "（", ")": "）"})


def fold(text: str) -> str:
    return re.sub(r"\s", "", text).translate(FOLD)


# (article as republished, our text, the republished text): the departures SOURCES.md
# lists, one by one. Applied to our result before comparing.
RELABEL_XIANG = [("第二十五条", "区县之间", "区之间")]
DEPARTURES: dict[str, list[tuple[str, str, str]]] = {
    "01-shanghai-social-assistance": [],
    "02-shanghai-audiovisual-products": [],
    "03-shanghai-compulsory-education": RELABEL_XIANG,
    "04-shanghai-residential-property": [
        # 并对部分文字作相应调整 (not itemised): 规划 → 规划资源, 市场监督管理 → 市场监管, 行政处分 → 处分
        ("第四条", "民政、规划、财政", "民政、规划资源、财政"),
        ("第四条", "市场监督管理", "市场监管"),
        ("第四条", "（七）指导乡镇人民政府", "（七）指导乡、镇人民政府"),
        ("第四十二条", "规划行政管理部门在核发", "规划资源行政管理部门在核发"),
        ("第五十八条", "按照规划行政管理部门", "按照规划资源行政管理部门"),
        ("第五十八条", "由区规划行政管理部门", "由区规划资源行政管理部门"),
        ("第八十四条", "或者规划行政管理部门", "或者规划资源行政管理部门"),
        ("第九十一条", "依法给予行政处分", "依法给予处分"),
    ],
    "05-shanghai-normative-documents-review": [
        ("第一条", "更好地行使宪法", "更好地履行宪法"),
        ("第八条", "备案审查工作业务培训", "备案审查工作培训"),
        ("第九条", "坚持备案审查工作与人大代表工作", "坚持备案工作与人大代表工作"),
        ("第十二条", "等情况予以通报", "等情况适时予以通报"),
        ("第二十一条", "市高级人民法院和市人民检察院备案审查工作机构对市人大",
         "市高级人民法院、市人民检察院备案审查工作机构对市人大"),
        ("第四十条", "和典型案例，及时向社会公众公开", "和典型案例及时向社会公众公开"),
    ],
    "06-shanghai-business-environment": [
        ("第四条", "知识产权数据", "知识产权、数据"),
        ("第十二条", "其他行为。不得以任何方式", "其他行为，不得以任何方式"),
        ("第二十五条", "服务窗口应当加强标准化管理", "各区、各部门应当按照要求加强服务窗口标准化管理"),
        ("第四十一条", "便利化措施推进全流程网上办理", "便利化措施，推进全流程网上办理"),
        ("第四十二条", "移民事务服务中心，", "移民事务服务中心、上海国际服务门户网站，"),
        ("第五十条", "市经济信息化部门应当会同市财政等部门建立完善", "本市建立完善"),
        ("第五十条", "相关部门有序推进直接惠企政策直达快享。", ""),
        ("第五十八条", "相关工作推动完善海外招商促进网络", "相关工作，推动完善海外招商促进网络"),
        ("第六十条", "相应的监管规则和标准，", "相应的监管规则和标准，制定生产经营合规指引，"),
        ("第六十九条", "统一综合执法系统综合监管运行管理系统", "统一综合执法系统、综合监管运行管理系统"),
        ("第八十三条", "协同推进本市执行工作水平和效率", "协同提高本市执行工作水平和效率"),
        ("第八十六条", "庭外重组重整识别", "庭外重组、重整识别"),
    ],
    "07-spc-personal-injury": [
        # The decision's inner ‘赔偿权利人’ and the base's "…"、"…" print as “…”“…”.
        ("第二十二条", '可支配收入"、"农村', '可支配收入""农村'),
        ("第二十二条", '纯收入"、"城镇', '纯收入""城镇'),
        ("第二十二条", '消费性支出"、"农村', '消费性支出""农村'),
        ("第二十二条", '消费支出"、"职工', '消费支出""职工'),
    ],
    "08-spc-railway-injury-2020": [],
    "09-spc-railway-injury-2021": [
        ("第一条", "不适用本解释与铁路运输企业", "不适用本解释；与铁路运输企业"),
    ],
    "10-spc-food-drug-2020": [],
    "11-spc-food-drug-2021": [],
    "12-spc-arbitration-review": [],
    "13-spc-shanghai-financial-court": [],
    "14-spc-independent-guarantee": [],
    "15-spc-domain-names": [],
}
# 06: 相关 → 有关 in 22 articles (not all), under 此外，对部分文字…作相应调整: the two words are
# not told apart in this triple.
EVERYWHERE = {"06-shanghai-business-environment": [("相关", "有关")]}
# 06: the last paragraph of old 第七十六条 (第八十三条) is not in the republished text.
DROPPED = {"06-shanghai-business-environment": [("第八十三条", "本市按照国家部署，试行涉案企业合规第三方监督评估机制")]}
# 07: under 条文顺序作相应调整 the republished text puts old 第二十九条 (死亡赔偿金) before old
# 第二十八条 (被扶养人生活费), around the new 第十六条 (被扶养人生活费计入…).
SWAPPED = {"07-spc-personal-injury": [("第十五条", "第十七条")]}
IMPORT: dict[str, dict] = {}

TRIPLES = sorted(DEPARTURES)


def load(path, **kw):
    """The plain text imported as a user would, no options."""
    return import_text(path.read_text(encoding="utf-8"), source=str(path), **kw)


@pytest.fixture(scope="module", params=TRIPLES)
def triple(request):
    d = CORPUS / request.param
    before = load(d / "before.txt", **IMPORT.get(d.name, {})).tree
    after = load(d / "after.txt").tree
    decision = parse_decision((d / "decision.txt").read_text(encoding="utf-8"), "decision.txt")
    result = apply_decision(before, decision, source="decision.txt")
    return d.name, before, after, decision, result


def articles(tree) -> list[tuple[str, str]]:
    return [(a.num, fold(a.text)) for a in Document(tree).articles]


def test_every_article_equals_the_republished_text(triple):
    name, _, after, _, result = triple
    ours = dict(articles(result.tree))
    for label, a, b in DEPARTURES[name]:
        assert fold(a) in ours[label], (label, a)        # the departure is still needed
        ours[label] = ours[label].replace(fold(a), fold(b), 1)
    for label, sentence in DROPPED.get(name, []):
        text = ours[label]
        start = text.index(fold(sentence))
        ours[label] = text[:start].rstrip()
    for a, b in SWAPPED.get(name, []):
        ours[a], ours[b] = ours[b], ours[a]
    want = articles(after)
    for a, b in EVERYWHERE.get(name, []):
        ours = {k: v.replace(b, a) for k, v in ours.items()}
        want = [(k, v.replace(b, a)) for k, v in want]
    assert [k for k in ours] == [k for k, _ in want]
    for label, text in want:
        assert ours[label] == text, label


def test_the_result_is_valid_and_reports_what_it_did(triple):
    name, before, _, decision, result = triple
    assert official_schema(strict=True).validate(result.tree)
    assert not result.failed
    if decision.packaged:
        assert decision.sections and result.decision.section is not None


# The triples whose decision replaces the interpretation's 引言 (将引言修改为：“…”).
PREAMBLE = ["07-spc-personal-injury", "10-spc-food-drug-2020", "14-spc-independent-guarantee",
            "15-spc-domain-names"]


def preamble_text(tree) -> str:
    pre = tree.getroot().find(".//{*}preamble")
    return fold("".join(pre.itertext())) if pre is not None else ""


@pytest.mark.parametrize("name", PREAMBLE)
def test_preamble_follows_the_decision(name):
    """将引言修改为：“…” — the interpretation's 引言 (AKN preamble) becomes the republished one."""
    d = CORPUS / name
    before, after = load(d / "before.txt").tree, load(d / "after.txt").tree
    result = apply_decision(before, parse_decision((d / "decision.txt").read_text(encoding="utf-8")))
    assert preamble_text(result.tree) == preamble_text(after) != preamble_text(before)
    assert preamble_text(after)
