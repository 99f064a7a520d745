"""Fuzz and property suite over every command (issue 15): structured regulations (编/章/节/
条/之一/款/项/目, citations, rare characters, both layouts), noise and mutated AKN, fed to
import, validate, render, diff, amend, compare and the store. Whatever the input, a command
ends with exit 0, 1 or 2 — never an internal error, never a traceback — and an imported
text keeps every character of its source.

Bounded in time: a fixed number of examples per command (FUZZ_EXAMPLES, default 25), run
in-process through click's runner; about a minute in all on one core.
"""

from __future__ import annotations

import os
import random
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftzlaw.akn import Document
from ftzlaw.akn.xml import to_bytes
from ftzlaw.cli import main
from ftzlaw.textin import import_text
from ftzlaw.zh.numerals import int_to_cn

from conftest import DECISION, SEED, SEED_KW

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

# --- structured regulations --------------------------------------------------------------

HAN = "自贸试验区应当推进投资贸易便利金融服务管理创新市场主体依法建设发展制度国家本市有关部门规定"
RARE = "𠀀𠮷㐀䶵〇・﹏＃％＆＋－＝ａｚＡＺ０９abcXYZ019-/.()[]《》〈〉“”‘’『』—…·"
phrase = st.text(alphabet=HAN + RARE, min_size=2, max_size=14).filter(
    lambda s: not re.match(r"^[\s0-9０-９（(]", s))
sentence = st.lists(phrase, min_size=1, max_size=3).map("，".join).map(lambda s: s + "。")
# Headings are words: one ending in a number or “…” reads as a table-of-contents line
# (第一章　总则……1), which the importer drops by design (docs/import.md).
heading = st.text(alphabet=HAN, min_size=2, max_size=8)


@st.composite
def regulation(draw):
    """A list of (kind, label, text): 编/章/节 headings, articles (some 之一), 款, 项, 目,
    with citations of existing articles in the text."""
    parts = draw(st.integers(0, 2))
    rows, n = [], 0

    def articles(count):
        nonlocal n
        for _ in range(count):
            n += 1
            labels = [f"第{int_to_cn(n)}条"]
            if n > 1 and draw(st.booleans()) and draw(st.booleans()):
                labels.append(f"第{int_to_cn(n)}条之一")
            for label in labels:
                paras = draw(st.lists(sentence, min_size=1, max_size=3))
                if draw(st.booleans()):
                    cited = draw(st.integers(1, n))
                    paras[0] = f"依照本条例第{int_to_cn(cited)}条的规定，" + paras[0]
                items = draw(st.lists(phrase, max_size=3))
                first = paras[0][:-1] + "：" if items else paras[0]
                rows.append(("article", label, first))
                for k, item in enumerate(items, 1):
                    rows.append(("item", f"（{int_to_cn(k)}）",
                                 item + ("。" if k == len(items) else "；")))
                    if k == 1 and draw(st.booleans()):
                        rows.append(("subitem", "1．", draw(phrase) + "；"))
                        rows.append(("subitem", "2．", draw(phrase) + "；"))
                for p in paras[1:]:
                    rows.append(("para", "", p))

    def chapters(count):
        for c in range(1, count + 1):
            rows.append(("chapter", f"第{int_to_cn(c)}章", draw(heading)))
            sections = draw(st.integers(0, 2))
            if sections:
                for s in range(1, sections + 1):
                    rows.append(("section", f"第{int_to_cn(s)}节", draw(heading)))
                    articles(draw(st.integers(1, 2)))
            else:
                articles(draw(st.integers(1, 3)))

    if parts:
        for p in range(1, parts + 1):
            rows.append(("part", f"第{int_to_cn(p)}编", draw(heading)))
            chapters(draw(st.integers(1, 2)))
    else:
        chapters(draw(st.integers(1, 3)))
    return rows


HEAD = ["测试（北京）条例", "（2020年1月2日北京市第十五届人民代表大会常务委员会第一次会议通过）", ""]


def as_lines(rows) -> str:
    out = list(HEAD)
    for kind, label, text in rows:
        if kind in ("part", "chapter", "section", "article"):
            out.append(f"{label}\u3000{text}")
        elif kind in ("item", "subitem"):
            out.append(f"\u3000\u3000{label}{text}")
        else:
            out.append(f"\u3000\u3000{text}")
    return "\n".join(out) + "\n"


def as_pdf(rows, width: int) -> str:
    printed = []
    for kind, label, text in rows:
        if kind in ("part", "chapter", "section"):
            printed.append(f"{label}\u3000{text}")
            continue
        full = (f"{label}\u3000{text}" if kind == "article" else
                f"{label}{text}" if label else text)
        first, rest = full[: width - 2], full[width - 2:]
        printed.append(first)
        while rest:
            printed.append(rest[:width])
            rest = rest[width:]
    return "\n\n".join(printed) + "\n"


def body(text: str) -> str:
    return re.sub(r"\s+", "", text)


@FUZZ
@given(regulation())
def test_structured_text_keeps_every_character_lines_layout(rows):
    text = as_lines(rows)
    result = import_text(text)
    doc = Document(result.tree)
    assert doc.body_text() == body("\n".join(text.split("\n")[3:]))
    c = doc.counts()
    assert c["articles"] == sum(1 for k, *_ in rows if k == "article")
    assert c["parts"] == sum(1 for k, *_ in rows if k == "part")
    assert c["chapters"] == sum(1 for k, *_ in rows if k == "chapter")
    assert c["sections"] == sum(1 for k, *_ in rows if k == "section")
    assert [a.num for a in doc.articles] == [lab for k, lab, _ in rows if k == "article"]


@FUZZ
@given(regulation(), st.integers(18, 40))
def test_structured_text_keeps_every_character_pdf_layout(rows, width):
    text = as_pdf(rows, width)
    result = import_text(text, layout="pdf", title="测试（北京）条例", date="2020-01-02")
    doc = Document(result.tree)
    assert doc.body_text() == body(text)
    assert doc.counts()["articles"] == sum(1 for k, *_ in rows if k == "article")


# --- every command: exit 0/1/2, never an internal error ----------------------------------

PIECES = ["第", "条", "章", "节", "编", "款", "项", "目", "之一", "之二", "零", "十", "百", "千",
          "万", "亿", "一", "二", "三", "九", "（", "）", "(", ")", "、", "．", "：", "“", "”",
          "《", "》", "本条例", "第一条", "第十十条", "第零条", "第一万条", "第一章", "第一编",
          "第一节", "（一）", "1．", "将", "修改为", "删去", "增加一条，作为", "中的", "\n", "\n\n",
          "\u3000", " ", "\t", "\r", "\x85", "\u2028", "\ufeff", "\x00", "\x1b", "\x7f",
          "<", ">", "&", "&amp;", "<!DOCTYPE", "<!ENTITY", "<?xml", "]]>", "𠮷", "\ufffd",
          "年", "月", "日", "2022年3月31日", "通过", "）\n", "附则", "总则", "——", "…"]
noise = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                 max_size=60).map("".join)
encoding = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"])


def encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="replace") if codec != "latin-1" else \
        text.encode("utf-8", errors="surrogatepass")[: 10_000]


@pytest.fixture(scope="module", autouse=True)
def scratch_folder(tmp_path_factory):
    """Run in a scratch folder: random options write files (``-o -o``, ./ftzlaw-store)."""
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    try:
        yield
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def good_xml(tmp_path_factory):
    from ftzlaw.textin import import_bytes

    d = tmp_path_factory.mktemp("fuzz")
    tree = import_bytes(SEED.read_bytes(), source=str(SEED), **SEED_KW).tree
    data = to_bytes(tree)
    (d / "good.xml").write_bytes(data)
    return d / "good.xml", data


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: truncation, a cut-out span, a repeated span, random bytes, a hostile prolog,
    a changed attribute, a changed encoding declaration."""
    kind = rng.randrange(7)
    n = len(data)
    if n < 2:
        return data + b"<akomaNtoso/>"
    a, b = sorted(rng.randrange(n) for _ in range(2))
    if kind == 0:
        return data[:a]
    if kind == 1:
        return data[:a] + data[b:]
    if kind == 2:
        return data[:b] + data[a:b] + data[b:]
    if kind == 3:
        return data[:a] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20))) + data[a:]
    if kind == 4:
        prolog = rng.choice([b'<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/x">',
                             b'<!DOCTYPE a [<!ENTITY e "e">]>', b"<!-- " + b"x" * 70000 + b" -->",
                             b'<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>'])
        cut = data.find(b"?>") + 2 if b"?>" in data else 0
        return data[:cut] + b"\n" + prolog + data[cut:]
    if kind == 5:
        attrs = [m.end() for m in re.finditer(rb'(eId|value|date|refersTo|href)="[^"<>]*"', data)]
        if not attrs:
            return data[:a]
        end = rng.choice(attrs) - 1                  # the closing quote
        start = data.rindex(b'"', 0, end)
        junk = rng.choice([b"", b"../../x", b"#nowhere", b"\xe7\xac\xac", b"art_1", b"a b",
                           b"0000-00-00", b"&#1;", b"&#x10FFFF;"])
        return data[: start + 1] + junk + data[end:]
    return data.replace(b"encoding='UTF-8'", rng.choice([b"encoding='UTF-16'",
                                                         b"encoding='bogus'",
                                                         b"encoding='GB18030'"]), 1)


def run(args, stdin: bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    output = result.output          # standard output and error, interleaved
    assert "internal error" not in output, (args, output[-2000:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {type(result.exception).__name__}: "
                             f"{result.exception}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output[-2000:])
    return result


@FUZZ
@given(noise, encoding, st.sampled_from(["auto", "pdf", "lines"]))
def test_import_noise(text, codec, layout):
    data = encoded(text, codec)
    run(["import", "-", "--layout", layout, "--title", "测试条例", "--date", "2020-01-02"], data)
    run(["import", "-", "-q"], data)


@FUZZ
@given(regulation(), st.randoms(use_true_random=False))
def test_import_validate_render_structured(rows, rng):
    text = as_lines(rows) if rng.random() < 0.5 else \
        "\n".join(HEAD) + "\n" + as_pdf(rows, rng.randrange(18, 40))
    r = run(["import", "-", "-q"], text.encode())
    assert r.exit_code == 0, r.output[-2000:]
    xml = r.stdout_bytes
    v = run(["validate", "-"], xml)
    assert v.exit_code in (0, 1)
    run(["render", "-", "--format", "html"], xml)


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 3))
def test_mutated_akn_through_every_reader(good_xml, tmp_path_factory, rng, rounds):
    path, data = good_xml
    for _ in range(rounds):
        data = mutate(data, rng)
    run(["validate", "-"], data)
    run(["validate", "-", "--schema", "lenient", "--format", "json"], data)
    run(["render", "-", "--format", "html"], data)
    run(["diff", "-", path, "--format", "json"], data)
    run(["diff", path, "-", "--format", "csv"], data)
    run(["compare", "-", path, "--format", "json"], data)
    run(["amend", "-", DECISION, "--dry-run"], data)
    d = tmp_path_factory.mktemp("m")
    (d / "m.xml").write_bytes(data)
    r = run(["--store", d / "s", "store", "add", d / "m.xml"])
    if r.exit_code == 0:
        for args in (["log", "beijing"], ["show", "beijing", "--at", "2023-01-01"],
                     ["blame", "beijing"]):
            run(["--store", d / "s", *args])


@st.composite
def decision(draw):
    number = st.one_of(st.integers(0, 80), st.integers(9990, 10010), st.just(10**8))

    def art():
        n = draw(number)
        return f"第{int_to_cn(n) if n else '零'}条" + draw(st.sampled_from(["", "之一", "第二款",
                                                                          "第一款第（二）项"]))
    forms = [
        lambda: f"将{art()}修改为：“{draw(phrase)}。”",
        lambda: f"删去{art()}。",
        lambda: f"在{art()}后增加一条，作为{art()}：“{draw(phrase)}。”",
        lambda: f"将{art()}中的“{draw(phrase)}”修改为“{draw(phrase)}”。",
        lambda: f"{art()}增加一项，作为第{int_to_cn(draw(st.integers(1, 9)))}项：“{draw(phrase)}；”",
        lambda: f"将{art()}与{art()}合并。",
        lambda: draw(noise),
    ]
    lines = ["北京市人民代表大会常务委员会关于修改《中国（北京）自由贸易试验区条例》的决定",
             "（2023年1月1日北京市第十六届人民代表大会常务委员会第一次会议通过）", ""]
    count = draw(st.integers(1, 5))
    for k in range(1, count + 1):
        lines.append(f"{int_to_cn(k)}、" + draw(st.sampled_from(forms))())
    lines.append("本决定自2023年2月1日起施行。")
    return "\n".join(lines) + "\n"


@FUZZ
@given(decision())
def test_amend_random_decisions(good_xml, text):
    path, _ = good_xml
    run(["amend", path, "-", "--dry-run"], text.encode())
    run(["amend", path, "-", "-q", "--format", "json"], text.encode())


@FUZZ
@given(st.lists(st.sampled_from(["--format", "text", "json", "csv", "html", "pdf", "docx", "xml",
                                 "--min-score", "nan", "inf", "-1", "0.5", "1e308", "--at",
                                 "20220101", "2022-02-30", "2022-01-01", "--title", "\x01",
                                 "--date", "0000-01-01", "-o", "/dev/null", "--exact", "--force",
                                 "--schema", "lenient", "--layout", "--template", "../../x",
                                 "-", "--rules", "-q", "--store", "/nonexistent"]),
                max_size=6),
       st.sampled_from(["import", "validate", "render", "diff", "amend", "compare", "log",
                        "show", "blame", "store"]))
def test_random_options(good_xml, opts, command):
    path, data = good_xml
    files = {"import": [SEED], "validate": [path], "render": [path], "diff": [path, path],
             "amend": [path, DECISION], "compare": [path, path], "log": ["beijing"],
             "show": ["beijing"], "blame": ["beijing"], "store": ["list"]}[command]
    run([command, *files, *opts], data)
