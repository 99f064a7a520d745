"""Property: any generated regulation, in either layout, imports with every character kept
and every article, chapter and 款 found."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftzlaw.akn import Document
from ftzlaw.textin import import_text
from ftzlaw.zh.numerals import int_to_cn

HAN = "自贸试验区应当推进投资贸易便利金融服务管理创新市场主体依法建设发展制度国家本市有关部门规定"
# Text never starts with a label (第…条, （一）, 1．) and never contains a line-ending mark
# mid-sentence, so structure is unambiguous.
phrase = st.text(alphabet=HAN, min_size=2, max_size=18)
sentence = st.lists(phrase, min_size=1, max_size=4).map("，".join).map(lambda s: s + "。")
paragraph_text = st.lists(sentence, min_size=1, max_size=5).map("".join)
article = st.tuples(st.lists(paragraph_text, min_size=1, max_size=3),
                    st.lists(st.text(alphabet=HAN, min_size=2, max_size=30), max_size=4))
chapter = st.tuples(st.text(alphabet=HAN, min_size=2, max_size=8),
                    st.lists(article, min_size=1, max_size=4))
regulation = st.lists(chapter, min_size=1, max_size=4)
separator = st.sampled_from(["\u3000", "  ", " "])
indent = st.sampled_from(["", "\u3000\u3000", "    "])


def paragraphs_of(reg):
    """Yield (kind, label, text) in reading order; items end with ；/。 as drafted."""
    n = 0
    for c, (heading, articles) in enumerate(reg, 1):
        yield "chapter", f"第{int_to_cn(c)}章", heading
        for paras, items in articles:
            n += 1
            for i, text in enumerate(paras):
                if i == 0 and items:
                    text = text[:-1] + "："
                yield ("article" if i == 0 else "para"), f"第{int_to_cn(n)}条", text
                if i == 0:
                    for k, item in enumerate(items, 1):
                        end = "。" if k == len(items) else "；"
                        yield "item", f"（{int_to_cn(k)}）", item + end


def as_lines(reg, seps, indents) -> str:
    out = ["测试（北京）条例", "（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）", ""]
    for i, (kind, label, text) in enumerate(paragraphs_of(reg)):
        pad = indents[i % len(indents)]
        sep = seps[i % len(seps)]
        if kind == "chapter":
            out.append(f"{pad}{label}{sep}{text}")
        elif kind == "article":
            out.append(f"{pad}{label}{sep}{text}")
        elif kind == "item":
            out.append(f"{pad}{label}{text}")
        else:
            out.append(f"{pad}{text}")
        if i % 3 == 0:
            out.append("")
    return "\n".join(out) + "\n"


def as_pdf(reg, width=24) -> str:
    """Print like the seed: wrapped at ``width``, first lines two characters shorter (the
    indent is lost), a blank line after every printed line, a space at page starts."""
    printed = []
    for kind, label, text in paragraphs_of(reg):
        if kind == "chapter":
            printed.append(f"{label}\u3000{text}")
            continue
        full = (f"{label}\u3000{text}" if kind == "article" else
                f"{label}{text}" if kind == "item" else text)
        first, rest = full[: width - 2], full[width - 2:]
        printed.append(first)
        while rest:
            printed.append(rest[:width])
            rest = rest[width:]
    out = []
    for i, line in enumerate(printed):
        out.append((" " if i and i % 20 == 0 else "") + line)
        out.append("")
    return "\n".join(out)


def expected(text: str) -> str:
    body = text.split("\n", 3)[3] if text.startswith("测试") else text
    return re.sub(r"\s+", "", body)


def counts(reg):
    arts = sum(len(a) for _, a in reg)
    paras = sum(len(p) for _, a in reg for p, _ in a)
    items = sum(len(i) for _, a in reg for _, i in a)
    return len(reg), arts, paras, items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulation, st.lists(separator, min_size=1, max_size=3), st.lists(indent, min_size=1, max_size=3))
def test_lines_layout_roundtrip(reg, seps, indents):
    text = as_lines(reg, seps, indents)
    result = import_text(text)
    doc = Document(result.tree)
    assert doc.body_text() == expected(text)
    chapters, articles, paragraphs, items = counts(reg)
    c = doc.counts()
    assert (c["chapters"], c["articles"], c["paragraphs"], c["points"]) == \
        (chapters, articles, paragraphs, items)
    assert result.layout == "lines" and not result.warnings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulation)
def test_pdf_layout_keeps_every_character(reg):
    text = as_pdf(reg)
    result = import_text(text, layout="pdf", title="测试（北京）条例", date="2020-01-02")
    doc = Document(result.tree)
    assert doc.body_text() == re.sub(r"\s+", "", text)
    chapters, articles, paragraphs, items = counts(reg)
    c = doc.counts()
    assert (c["chapters"], c["articles"], c["points"]) == (chapters, articles, items)
    if not result.warnings:  # every undecidable 款 boundary is reported
        assert c["paragraphs"] == paragraphs


# --- the whole hierarchy, citations, brackets and rare characters -----------------------

RARE = "\U00020000\U0002a6d6\U00030000\u3400\u9fa5\ue5f9\u200b\u200d"   # CJK ext B/C/G, ext A, PUA, zero-width
word = st.text(alphabet=HAN + RARE, min_size=1, max_size=10).filter(
    lambda t: not t.startswith(tuple(RARE[-2:])) and not t.endswith(tuple(RARE[-2:])))
cite = st.integers(1, 120).map(lambda n: f"本条例第{int_to_cn(n)}条")
bracket = st.sampled_from(["（以下简称自贸区）", "《中华人民共和国外商投资法》", "“负面清单”",
                           "【试行】", "(二〇二〇年)"])
clause = st.lists(st.one_of(word, word, cite, bracket), min_size=1, max_size=5).map("".join)
sentence2 = st.lists(clause, min_size=1, max_size=3).map("，".join).map(lambda s: s + "。")
para2 = st.lists(sentence2, min_size=1, max_size=3).map("".join)
# an article: its 款 (the first may introduce 项), its 项 (each with 目), and whether a
# 第X条之一 follows it
item2 = st.tuples(st.text(alphabet=HAN, min_size=2, max_size=12),
                  st.lists(st.text(alphabet=HAN + RARE[:4], min_size=2, max_size=10), max_size=3))
article2 = st.tuples(st.lists(para2, min_size=1, max_size=3), st.lists(item2, max_size=3),
                     st.booleans())
section2 = st.lists(article2, min_size=1, max_size=3)
chapter2 = st.tuples(st.text(alphabet=HAN, min_size=2, max_size=8),
                     st.one_of(st.tuples(st.just(False), st.lists(section2, min_size=1, max_size=1)),
                               st.tuples(st.just(True), st.lists(section2, min_size=1, max_size=3))))
part2 = st.lists(chapter2, min_size=1, max_size=3)
code = st.tuples(st.booleans(), st.lists(part2, min_size=1, max_size=2))


def lines_of(code_):
    """(kind, text) in reading order, and the counts: 编, 章, 节, 条, 款, 项/目."""
    with_parts, parts = code_
    out, n = [], {"parts": 0, "chapters": 0, "sections": 0, "articles": 0, "paragraphs": 0,
                  "points": 0}
    art = 0
    for p, chapters in enumerate(parts, 1):
        if with_parts:
            out.append(("div", f"第{int_to_cn(p)}编　编{int_to_cn(p)}"))
            n["parts"] += 1
        for c, (heading, (sectioned, sections)) in enumerate(chapters, 1):
            out.append(("div", f"第{int_to_cn(c if with_parts else n['chapters'] + 1)}章　{heading}"))
            n["chapters"] += 1
            for s, articles in enumerate(sections, 1):
                if sectioned:
                    out.append(("div", f"第{int_to_cn(s)}节　节{int_to_cn(s)}"))
                    n["sections"] += 1
                for paras, items, sub in articles:
                    art += 1
                    labels = [f"第{int_to_cn(art)}条"] + ([f"第{int_to_cn(art)}条之一"] if sub else [])
                    for label in labels:
                        n["articles"] += 1
                        for i, text in enumerate(paras):
                            n["paragraphs"] += 1
                            if i == 0 and items:
                                text = text[:-1] + "："
                            out.append(("text", f"{label}　{text}" if i == 0 else text))
                            if i == 0:
                                for k, (item, subs) in enumerate(items, 1):
                                    n["points"] += 1 + len(subs)
                                    end = "：" if subs else ("。" if k == len(items) else "；")
                                    out.append(("text", f"（{int_to_cn(k)}）{item}{end}"))
                                    for m, sub_item in enumerate(subs, 1):
                                        out.append(("text", f"{m}．{sub_item}；"))
    return out, n


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code, st.sampled_from(["\n", "\n\n", "\r\n", "\x85"]))
def test_whole_hierarchy_lines_layout_text_in_equals_text_out(code_, brk):
    from ftzlaw.textin.fidelity import check

    lines, n = lines_of(code_)
    text = brk.join(["测试（北京）条例", "（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）"]
                    + [t for _, t in lines]) + brk
    result = import_text(text)
    assert check(text, result.tree) is None
    assert result.counts == n
    assert result.layout == "lines"
    assert not [w for w in result.warnings if "numbering" in w[1] or "expected" in w[1]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code)
def test_whole_hierarchy_pdf_layout_keeps_every_character(code_):
    from ftzlaw.textin.fidelity import check

    lines, n = lines_of(code_)
    width, printed = 24, []
    for kind, t in lines:
        if kind == "div":
            printed.append(t)
            continue
        first, rest = t[: width - 2], t[width - 2:]
        printed.append(first)
        while rest:
            printed.append(rest[:width])
            rest = rest[width:]
    text = "\n\n".join(["测试（北京）条例", "（2020年1月2日北京市第十五届人民代表大会常务委员会"
                         "第一次会议通过）"] + printed) + "\n"
    result = import_text(text, layout="pdf")
    assert check(text, result.tree, pdf=True) is None
    c = result.counts
    assert (c["parts"], c["chapters"], c["sections"], c["articles"]) == (
        n["parts"], n["chapters"], n["sections"], n["articles"])
    # a wrapped line opening with a cited 第X条 (no separator) is joined, and said so
    assert not [w for w in result.warnings if "taken as the next article" in w[1]]
