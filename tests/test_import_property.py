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
