"""ftzlaw render: HTML checked in real headless Chromium, PDF checked with real poppler,
on the seed and every corpus text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

import browser
import pdfcheck
from conftest import SEED, SEED_OPTIONS, SHARED, TEXTS, corpus_files, run_cli

from ftzlaw.akn import Document, parse_akn
from ftzlaw.akn.xml import NS
from ftzlaw.errors import FtzlawError
from ftzlaw.render import TEMPLATES_DIR, render_html, render_pdf
from ftzlaw.textin import import_bytes

WS = re.compile(r"\s+")
PAGE_NUMBER = re.compile(r"— (\d+) —")
CORPUS = corpus_files()
IDS = [p.name for p, _ in CORPUS]

# A regulation whose text is hostile to every markup involved: typst (# * $ ] // <>
# backslash, quotes), HTML (< & "), jinja ({{ }}).
HOSTILE = ("测试条例\n"
           "第一章　总则\n"
           "第一条　#set page(width: 1cm) *粗体* $x^2$ ] ) // 注释 /* 块 */ \\ \"引号\" 'x'。\n"
           "第二条　<script>alert(1)</script> &amp; {{ data }} {% if %} <b>不是粗体</b>。\n"
           "第二章　附则\n"
           "第三条　本条例自2024年1月1日起施行。\n")


def hostile_tree():
    return import_bytes(HOSTILE.encode(), layout="lines", date="2024-01-01",
                        provisional=True).tree


def expected_text(doc: Document) -> str:
    """Title, 题注 and body in document order, whitespace removed."""
    return WS.sub("", doc.title + doc.caption) + doc.body_text()


def contents_text(doc: Document) -> str:
    """The printed 目录 (Chinese PDF of a law with divisions): 目录 and every division's
    number and heading, read from the AKN through the view, whitespace removed."""
    if not doc.divisions:
        return ""
    return "目录" + "".join(WS.sub("", d.num + d.heading) for d in doc.divisions)


def expected_pdf_text(doc: Document) -> str:
    """What the PDF of a Chinese law prints: title, 题注, 目录, body; whitespace removed."""
    return WS.sub("", doc.title + doc.caption) + contents_text(doc) + doc.body_text()


def pdf_body_text(pdf: Path) -> str:
    """``pdftotext -raw`` without the page numbers (the last line of each page: "— n —" on
    a Chinese page, "n" on a Latin one), whitespace and typst's soft hyphens removed."""
    pages = pdfcheck.text(pdf).split("\f")
    kept = []
    for n, page in enumerate(pages, 1):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if lines and lines[-1].strip() in (f"— {n} —", str(n)):
            lines = lines[:-1]
        kept += lines
    # Spanish (and Portuguese …) repeat a hyphen at the start of the next line when a line
    # breaks at one (público-/-privada): the repetition is typography, not text.
    for i in range(1, len(kept)):
        if kept[i - 1].rstrip().endswith("-") and kept[i].lstrip().startswith("-"):
            kept[i] = kept[i].lstrip()[1:]
    return WS.sub("", "".join(kept)).replace("\u00ad", "")


def outline_expected(doc: Document) -> list[str]:
    """One bookmark per division (第一章　总则) and per article (its label: 第一条【…】), in
    document order, read from the AKN through the view (not from document_data)."""
    from ftzlaw.akn.view import DIVISION_TAGS

    divisions = {d.element: d for d in doc.divisions}
    articles = {a.element: a for a in doc.articles}
    out = []
    for el in doc.body.iter(*(f"{{{NS}}}{t}" for t in DIVISION_TAGS + ("article",))):
        if el in divisions:
            d = divisions[el]
            out.append("\u3000".join(x for x in (d.num, d.heading) if x))
        elif el in articles:
            out.append(articles[el].label)
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, imported):
    """Each corpus text (and the seed) rendered once: name → (doc, html path, pdf path)."""
    folder = tmp_path_factory.mktemp("render")
    cache = {}

    def get(path: Path):
        if path.name not in cache:
            tree = imported(path).tree
            stem = folder / path.stem
            html_path, pdf_path = stem.with_suffix(".html"), stem.with_suffix(".pdf")
            html_path.write_text(render_html(tree), encoding="utf-8")
            pdf_path.write_bytes(render_pdf(tree))
            cache[path.name] = (Document(tree), html_path, pdf_path)
        return cache[path.name]
    return get


# --- building blocks --------------------------------------------------------------------

def test_find_cjk_fonts_picks_noto_serif_and_sans():
    from ftzlaw.render.fonts import find_cjk_fonts

    fonts = find_cjk_fonts()
    assert fonts.families() == {"serif": "Noto Serif CJK SC", "sans": "Noto Sans CJK SC"}
    assert [f.name for f in fonts.files] == ["NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc",
                                             "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"]
    assert all(f.is_file() for f in fonts.files)


def test_no_cjk_font_names_the_debian_package(tmp_path, monkeypatch):
    from ftzlaw.render import fonts

    (tmp_path / "DejaVuSans.ttf").write_bytes(b"not a CJK font")
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    fonts.find_cjk_fonts.cache_clear()
    try:
        with pytest.raises(FtzlawError, match="fonts-noto-cjk"):
            fonts.find_cjk_fonts()
    finally:
        fonts.find_cjk_fonts.cache_clear()


def test_compile_pdf_takes_text_as_data_and_is_deterministic(tmp_path):
    from ftzlaw.render.typst import compile_pdf

    template = tmp_path / "note.typ"
    template.write_text('#let data = json(bytes(sys.inputs.data))\n'
                        '#set document(date: none)\n'
                        '#set text(font: data.fonts.serif)\n#data.text\n', encoding="utf-8")
    text = "#set page(width: 1cm) *不是粗体* $x$ ] // 「引号」\\"
    first = compile_pdf(template, {"text": text})
    assert first == compile_pdf(template, {"text": text})
    out = tmp_path / "note.pdf"
    out.write_bytes(first)
    assert pdfcheck.text(out).strip() == text
    assert pdfcheck.page_size(out) == (595.276, 841.89)  # the #set page stayed text


def test_compile_pdf_template_error_is_ftzlaw_error(tmp_path):
    from ftzlaw.render.typst import compile_pdf

    bad = tmp_path / "bad.typ"
    bad.write_text("#let x = (\n", encoding="utf-8")
    with pytest.raises(FtzlawError, match="typst"):
        compile_pdf(bad, {})


def test_environment_autoescapes_and_extends_base():
    from ftzlaw.render.html import environment

    env = environment()
    page = env.from_string('{% extends "base.html.j2" %}{% block content %}<p>{{ x }}</p>'
                           '{% endblock %}').render(title="<标题>", caption="", x="<b>&")
    assert '<html lang="zh-CN">' in page
    assert "<title>&lt;标题&gt;</title>" in page and "<p>&lt;b&gt;&amp;</p>" in page
    assert (TEMPLATES_DIR / "base.typ").is_file()


# --- HTML in real Chromium ----------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", [p for p, _ in CORPUS], ids=IDS)
def test_html_in_chromium(rendered, path):
    doc, html_path, _ = rendered(path)
    dom, errors = browser.dom(html_path)
    assert errors == []
    page = lxml_html.fromstring(dom)
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    ids = set(ids)
    # Every article, 款, 项 and chapter of the AKN is addressable by its eId.
    want = {a.eId for a in doc.articles} | {d.eId for d in doc.divisions}
    want |= {p.eId for a in doc.articles for p in a.paragraphs}
    want |= {e.get("eId") for e in doc.body.iter("{*}point")}
    assert want <= ids
    # The table of contents links to every chapter and every article, and each link resolves.
    toc = page.xpath("//nav[@class='toc']//a/@href")
    assert [h[1:] for h in toc] == [x for d in doc.chapters
                                    for x in [d.eId] + [a.eId for a in d.articles]] \
        or not doc.chapters
    assert {h[1:] for h in toc} >= {a.eId for a in doc.articles}
    assert all(h.startswith("#") and h[1:] in ids for h in page.xpath("//a/@href"))
    # No external fetches: no src/href other than fragments, no <link>/<script>.
    assert page.xpath("//script|//link|//img|//@src") == []
    # The whole law's text is on the page, in order (title and 题注 first).
    main = page.xpath("//main")[0]
    text = WS.sub("", main.text_content())
    assert text.startswith(WS.sub("", doc.title + doc.caption))
    assert text.endswith(doc.body_text())


@pytest.mark.browser
def test_seed_html_layout_and_screenshot(rendered, tmp_path):
    doc, html_path, _ = rendered(SEED)
    page = lxml_html.fromstring(browser.dom(html_path)[0])
    assert page.get("lang") == "zh-CN"
    assert page.xpath("//h1[@class='title']/text()") == ["中国（北京）自由贸易试验区条例"]
    # every article has a heading element (a run-in h3 in a chapter): screen readers can
    # jump from article to article
    heads = page.xpath("//section[@class='article']/*[1]")
    assert [h.tag for h in heads] == ["h3"] * 68
    assert [h.text_content() for h in heads] == [a.num + "\u3000" for a in doc.articles]
    assert page.xpath("string(//*[@id='art_12']/h3[@class='art-num'])") == "第十二条\u3000"
    assert page.xpath("//*[@id='chp_3']/h2/text()") == ["第三章\u3000投资开放与贸易便利"]
    assert len(page.xpath("//nav[@class='toc']//a")) == 11 + 68
    assert "@media print" in dom_style(page) and "max-width: 640px" in dom_style(page)
    png = browser.screenshot(html_path, tmp_path / "seed.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    phone = browser.screenshot(html_path, tmp_path / "phone.png", size="390,844")
    assert phone.stat().st_size > 1000


def dom_style(page) -> str:
    return "".join(page.xpath("//style/text()"))


@pytest.mark.browser
def test_html_escapes_all_text(tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_tree()), encoding="utf-8")
    dom, errors = browser.dom(path)
    assert errors == []
    page = lxml_html.fromstring(dom)
    assert page.xpath("//script") == [] and page.xpath("//article//b[not(@class)]") == []
    para = page.xpath("string(//*[@id='art_2'])").replace("\n", "")
    assert para == "第二条\u3000<script>alert(1)</script> &amp; {{ data }} {% if %} <b>不是粗体</b>。"


# --- PDF with poppler ---------------------------------------------------------------------

@pytest.mark.pdf
@pytest.mark.parametrize("path", [p for p, _ in CORPUS], ids=IDS)
def test_pdf_with_poppler(rendered, path):
    doc, _, pdf = rendered(path)
    fonts = pdfcheck.fonts(pdf)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes"
                         for f in fonts)
    # by role: title NotoSerif Bold (小标宋-like), 题注 AR PL KaitiM GB (楷体), headings and 第X条
    # Noto Sans Bold (黑体), body and page numbers Noto Serif (the 仿宋 role's stand-in)
    assert {re.sub(r"^[A-Z]{6}\+|-Identity-H$", "", f["name"]) for f in fonts} == {
        "NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Bold"} | (
        {"GBZenKai-Medium"} if doc.caption else set())
    # 100% of the law's characters come back, in order (whitespace aside), after the 目录.
    assert pdf_body_text(pdf) == expected_pdf_text(doc)
    assert pdfcheck.outline(pdf) == outline_expected(doc)
    info = pdfcheck.info(pdf)
    assert info["Title"] == doc.title
    assert info["Page size"].startswith("595.276 x 841.89")
    assert re.search(rb"/Lang ?\(zh-CN\)", pdf.read_bytes())
    # Page numbers — 1 — … — n — on every page, in order.
    numbers = [int(m) for m in PAGE_NUMBER.findall(pdfcheck.text(pdf))]
    assert numbers == list(range(1, int(info["Pages"]) + 1))


@pytest.mark.pdf
def test_seed_pdf_follows_gb_t_9704(rendered):
    doc, _, pdf = rendered(SEED)
    assert pdfcheck.info(pdf)["Pages"] == "15"  # 目录 included
    assert len(pdfcheck.outline(pdf)) == 11 + 68
    # 28 characters a line: the justification squeezes a punctuation mark to half width
    # at most (标点挤压), so a line holds 28 characters plus half a character per mark;
    # most full lines are exactly 28. -layout keeps the printed lines whole.
    lines = [ln.replace(" ", "").replace("\u3000", "")
             for ln in pdfcheck.text(pdf, raw=False).splitlines()]
    cjk = [ln for ln in lines if ln and not re.search(r"[\x21-\x7e]", ln)
           and not PAGE_NUMBER.fullmatch(ln)]
    punct = "，、。；：（）“”《》"
    assert max(len(ln) - sum(c in punct for c in ln) / 2 for ln in cjk) <= 28
    assert max(len(ln) for ln in cjk if not any(c in punct for c in ln)) == 28
    assert sum(len(ln) == 28 for ln in cjk) > 100
    width, height = pdfcheck.page_size(pdf)
    mm = 72 / 25.4
    for page in (1, 2):
        words = pdfcheck.words(pdf, page)
        body = [w for w in words if not re.fullmatch(r"—|\d+", w[0])]
        # Text block: 28 mm from the left (binding) edge on odd pages, 156 mm wide.
        left = 28 * mm if page % 2 else width - 28 * mm - 156 * mm
        assert min(w[1] for w in body) == pytest.approx(left, abs=1)
        # (a line-final mark is set half width, but poppler reports its full advance)
        assert max(w[3] for w in body if w[0][-1] not in punct) == \
            pytest.approx(left + 156 * mm, abs=1)
        assert min(w[2] for w in body) >= 37 * mm - 8
        # Page number under the text block, outer side: right on odd pages, left on even.
        number = [w for w in words if w[0] == str(page)][-1]
        assert number[2] > (37 + 225) * mm
        assert (number[1] > width / 2) == (page % 2 == 1)
    # Title centred on page 1.
    title = [w for w in pdfcheck.words(pdf, 1) if w[0] == doc.title][0]
    assert (title[1] + title[3]) / 2 == pytest.approx(28 * mm + 78 * mm, abs=1)


MM = 72 / 25.4
CELL = 156 * MM / 28          # one character of the GB/T 9704 grid, in points
PITCH = 225 * MM / 22         # one line of it
MARKS = "，。、；：！？）】》」』”’〕〉］｝〗（【《「『“‘〔〈［｛〖"


def grid_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """The printed lines of each page as ``(left, right, top, text)``, from poppler's words
    (``pdftotext -bbox``) joined by their top edge — a gap of a cell or more between two
    words (the full-width space after 第X条) as U+3000 —; the page number (below the text
    block) left out."""
    out = []
    for n in range(1, int(pdfcheck.info(pdf)["Pages"]) + 1):
        rows: dict[int, list] = {}
        for w, x0, y0, x1, _y1 in pdfcheck.words(pdf, n):
            if y0 < (37 + 225) * MM:
                rows.setdefault(round(y0), []).append((x0, x1, w))
        lines = []
        for y in sorted(rows):
            parts = sorted(rows[y])
            text = parts[0][2]
            for a, b in zip(parts, parts[1:]):
                text += ("\u3000" if b[0] - a[1] > 0.9 * CELL else "") + b[2]
            lines.append((parts[0][0], max(p[1] for p in parts), float(y), text))
        out.append(lines)
    return out


def cells(line: tuple, left: float) -> float:
    """Grid cells a line of CJK text takes: its indent, one per character, less half a cell
    for each pair of consecutive marks (CLREQ compression)."""
    text = line[3]
    pairs = sum(1 for a, b in zip(text, text[1:]) if a in MARKS and b in MARKS)
    return round((line[0] - left) / CELL * 2) / 2 + len(text) - pairs / 2


@pytest.mark.pdf
@pytest.mark.parametrize("path", [SEED, TEXTS / "tianjin-ftz-2022.txt"], ids=["seed", "tianjin"])
def test_pdf_grid_28_by_22(rendered, path):
    """The gazette grid: every line on the 22-line pitch, 22 lines a full page; a full line 28
    cells with punctuation full width (no mark squeezed mid-line), so most hold exactly 28
    characters; the right edge of every full line on the text block's edge."""
    doc, _, pdf = rendered(path)
    pages = grid_lines(pdf)
    width, _ = pdfcheck.page_size(pdf)
    full, cjk_full, exact, too_long = 0, 0, 0, []
    for n, lines in enumerate(pages, 1):
        left = 28 * MM if n % 2 else width - 28 * MM - 156 * MM
        right = left + 156 * MM
        if n == 1:
            continue  # title block: 22 pt title, 题注, then the grid
        steps = [(b[2] - a[2]) / PITCH for a, b in zip(lines, lines[1:])]
        assert all(abs(s - round(s)) < 0.02 and round(s) in (1, 2) for s in steps), (n, steps)
        slots = round((lines[-1][2] - lines[0][2]) / PITCH) + 1
        if n < len(pages):
            # 22 lines, or 21 when a chapter heading (kept with its first article) went over
            nxt = pages[n][0][3]
            assert slots == 22 or (slots >= 20 and re.match(r"第.+[章节编]", nxt)), (n, slots)
        for line in lines:
            if abs(line[1] - right) > 1:
                continue  # the last line of a paragraph
            full += 1
            assert line[0] >= left - 1
            if re.search(r"[\x21-\x7e]", line[3]):
                continue  # digits and Latin letters are half-width
            c = cells(line, left)
            too_long += [line[3]] if c > 28 else []
            cjk_full += 1
            exact += c == 28
    # no full line holds more than 28 cells: no mark was squeezed to half width mid-line;
    # most hold exactly 28 (the others are stretched where a closing mark may not start the
    # next line, and no compression at a line end could make the line fit)
    assert too_long == []
    assert full > 150 and exact / cjk_full > 0.85, (exact, cjk_full)


@pytest.mark.pdf
def test_pdf_fonts_by_role_cover_gb2312(rendered):
    """Each role's face (title, 题注, headings, body) covers all 6,763 GB 2312 hanzi (fc-query);
    the 仿宋 role falls back to the serif with a warning, as no free Debian 仿宋 covers them."""
    import subprocess

    from ftzlaw.render.fonts import gazette_fonts

    hanzi = set()
    for a in range(0xB0, 0xF8):
        for b in range(0xA1, 0xFF):
            try:
                hanzi.add(ord(bytes([a, b]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    assert len(hanzi) == 6763
    fonts = gazette_fonts()
    faces = fonts.faces
    assert {r: (f.family, f.weight, f.path.name) for r, f in faces.items()} == {
        "title": ("Noto Serif CJK SC", "bold", "NotoSerifCJK-Bold.ttc"),
        "body": ("Noto Serif CJK SC", "regular", "NotoSerifCJK-Regular.ttc"),
        "caption": ("AR PL KaitiM GB", "regular", "gkai00mp.ttf"),
        "heading": ("Noto Sans CJK SC", "bold", "NotoSansCJK-Bold.ttc"),
        "number": ("Noto Serif CJK SC", "regular", "NotoSerifCJK-Regular.ttc")}
    assert [f.role for f in faces.values() if f.fallback] == ["body"]
    assert fonts.warnings == ["字体：未找到仿宋（FangSong、STFangsong），正文改用 Noto Serif CJK SC；"
                              "Debian 无覆盖 GB 2312 的免费仿宋字体，可将其字体文件放入 $FTZLAW_FONT_DIR"]
    for face in faces.values():
        ranges = subprocess.run(["fc-query", "--format=%{charset}", str(face.path)],
                                capture_output=True, text=True, check=True).stdout.split("\n")[0]
        covered = set()
        for r in ranges.split():
            lo, _, hi = r.partition("-")
            covered.update(range(int(lo, 16), int(hi or lo, 16) + 1))
        assert hanzi <= covered, face
    # the PDF: 题注 in the 楷 face, title in Noto Serif Bold, 第X条 and chapters in Noto Sans Bold
    doc, _, pdf = rendered(TEXTS / "tianjin-ftz-2022.txt")
    names = {re.sub(r"^[A-Z]{6}\+|-Identity-H$", "", f["name"]) for f in pdfcheck.fonts(pdf)}
    assert names == {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Bold",
                     "GBZenKai-Medium"}


def test_font_fallback_warning_is_printed_once(tmp_path):
    r = run_cli("render", TEXTS / "tianjin-ftz-2022.txt", "--format", "pdf", "-o",
                tmp_path / "t.pdf")
    assert r.returncode == 0
    err = r.stderr.decode()
    assert err.count("未找到仿宋") == 1 and "Noto Serif CJK SC" in err
    r = run_cli("render", FOREIGN / "05-uk-ukpga-2014-27-enacted.xml", "--format", "pdf", "-o",
                tmp_path / "uk.pdf")
    assert r.returncode == 0 and r.stderr.decode() == ""  # no 仿宋 in a Latin page


@pytest.mark.pdf
def test_pdf_prints_the_contents(rendered, tmp_path):
    """A law with chapters gets a printed 目录 (as the official text of Tianjin 2022 has),
    before the first chapter; one without chapters does not."""
    doc, _, pdf = rendered(TEXTS / "tianjin-ftz-2022.txt")
    labels = [WS.sub("", d.num + d.heading) for d in doc.chapters]
    assert labels == ["第一章总则", "第二章管理体制", "第三章投资开放", "第四章贸易便利",
                      "第五章金融创新", "第六章服务京津冀协同发展", "第七章营商环境", "第八章附则"]
    assert pdf_body_text(pdf).startswith(WS.sub("", doc.title + doc.caption) + "目录" +
                                         "".join(labels) + "第一章总则第一条为了推进")
    flat = import_bytes("测试条例\n第一条　为了测试，制定本条例。\n第二条　本条例自2024年1月1日起施行。\n"
                        .encode(), layout="lines", date="2024-01-01", provisional=True).tree
    out = tmp_path / "flat.pdf"
    out.write_bytes(render_pdf(flat))
    assert "目" not in pdfcheck.text(out)


@pytest.mark.pdf
def test_pdf_keeps_hostile_text(tmp_path):
    tree = hostile_tree()
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(render_pdf(tree))
    assert pdf_body_text(pdf) == expected_pdf_text(Document(tree))
    assert pdfcheck.outline(pdf) == ["第一章\u3000总则", "第一条", "第二条", "第二章\u3000附则", "第三条"]
    assert render_pdf(tree) == pdf.read_bytes()  # deterministic


# --- the command ------------------------------------------------------------------------------

@pytest.mark.pdf
def test_cli_renders_text_on_the_fly(tmp_path):
    out = tmp_path / "beijing.pdf"
    r = run_cli("render", SEED, *SEED_OPTIONS, "--format", "pdf", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    assert pdfcheck.info(out)["Title"] == "中国（北京）自由贸易试验区条例"


def test_cli_html_stdin_to_stdout():
    r = run_cli("render", "-", "--format", "html",
                input=(TEXTS / "tianjin-ftz-2022.txt").read_bytes())
    assert r.returncode == 0, r.stderr
    page = r.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and page.count('class="article"') == 68
    assert '<h1 class="title">中国（天津）自由贸易试验区条例</h1>' in page
    # The 题注's two parts stay apart, by one full-width space, as gazettes print them.
    assert "第二十三次会议通过\u3000根据2022年9月27日" in page


@pytest.mark.parametrize("args, message", [
    (["--template", "nope"], "no html template 'nope'; available: "),
    (["--format", "pdf", "--template", "nope"], "no pdf template 'nope'; available: "),
])
def test_cli_bad_template_exit_2_no_file(tmp_path, args, message):
    out = tmp_path / "out"
    r = run_cli("render", SEED, *SEED_OPTIONS, *args, "-o", out)
    assert r.returncode == 2 and message in r.stderr.decode()
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_renders_an_article_less_decision(tmp_path):
    """A decision (numbered paragraphs, no 第X条) imports as a document of paragraphs and
    renders whole: its last instruction and closing line are in the PDF."""
    out = tmp_path / "decision.pdf"
    r = run_cli("render", TEXTS / "tianjin-ftz-amendment-decision-2022.txt", "--format", "pdf",
                "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    text = re.sub(r"\s+", "", pdfcheck.text(out))
    assert "对《中国（天津）自由贸易试验区条例》作如下修改" in text
    assert "本决定自公布之日起施行。《中国(天津)自由贸易试验区条例》根据本决定作相应修改" in text


def test_cli_no_articles_exit_2_no_file(tmp_path):
    # (a decision without articles, under its title, imports with its paragraphs since
    # issue 12; prose with neither articles nor a title is still refused)
    prose = tmp_path / "prose.txt"
    prose.write_text("这不是法规，只是一段文字。\n第二段。\n", "utf-8")
    out = tmp_path / "decision.pdf"
    r = run_cli("render", prose, "--format", "pdf", "-o", out)
    assert r.returncode == 2 and "no article (第X条) found" in r.stderr.decode()
    assert list(tmp_path.iterdir()) == [prose]


def test_cli_refuses_broken_xml(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><act>",
                   encoding="utf-8")
    r = run_cli("render", bad, "-o", tmp_path / "out.html")
    assert r.returncode == 2 and "not well-formed XML" in r.stderr.decode()
    assert not (tmp_path / "out.html").exists()


# --- foreign AKN: nothing left out ------------------------------------------------------------

FOREIGN = SHARED / "akn-foreign"
FOREIGN_FILES = sorted(p.name for p in FOREIGN.glob("*.xml"))


def foreign(name: str):
    return parse_akn((FOREIGN / name).read_bytes(), name)


def bodies(doc: Document) -> list[str]:
    """The body text (whitespace removed) of the document and of each component document."""
    return [t for t in [doc.body_text()] + [c.body_text() for c in doc.components] if t]


PARTS = ("coverPage", "preface", "preamble", "body", "conclusions")


def text_nodes(doc: Document) -> list[tuple[str, list[str]]]:
    """Every text node of the document, part by part (cover page, preface, preamble, body,
    conclusions of the document, of each component and of each attachment), whitespace
    removed: ``[(part, [text, …])]``."""
    out = []
    for d in [doc] + doc.components:
        for tag in PARTS:
            el = d.body if tag == "body" else d.part(tag)
            if el is not None:
                out.append((tag, [WS.sub("", t).replace("\u00ad", "") for t in el.itertext()
                                  if t.strip()]))
        for att in d.attachments:
            out += text_nodes(att)
    return out


def missing_nodes(doc: Document, text: str) -> list[str]:
    """The text nodes not found in ``text``, each part's in order."""
    missing = []
    for _part, nodes in text_nodes(doc):
        at = 0
        for node in nodes:
            found = text.find(node, at)
            if found < 0:
                missing.append(node)
            else:
                at = found + len(node)
    return missing


FOREIGN_TITLES = {
    "04-uk-ukpga-1998-29-revised.xml": "Data Protection Act 1998",            # shortTitle
    "05-uk-ukpga-2014-27-enacted.xml": "Data Retention and Investigatory Powers Act 2014",
    "08-it-normattiva-dlgs-2005-82-vigente.xml": "Codice dell'amministrazione digitale.",
    "01-za-constitution-1996-eng-1998-10-30.xml": "Constitution of the Republic of South Africa, 1996",
    "15-gr-council-of-state-2016-601.xml": "601/2016",
}


@pytest.mark.parametrize("name", FOREIGN_FILES)
def test_foreign_html_has_every_text_node(name):
    tree = foreign(name)
    doc = Document(tree)
    page = lxml_html.fromstring(render_html(tree))
    text = WS.sub("", page.xpath("//main")[0].text_content()).replace("\u00ad", "")
    nodes = [n for _, ns in text_nodes(doc) for n in ns]
    assert len(nodes) > 20
    # 100 % of the text nodes of cover page, preface, preamble, body, conclusions (and of
    # components and attachments), each part's in order
    assert missing_nodes(doc, text) == []
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)) and "" not in ids
    assert page.get("lang") == {"09": "it", "13": "en", "10": "es", "15": "el"}.get(name[:2],
                                                                                   page.get("lang"))
    # the title printed is the shortTitle where there is one, never a FRBR name like 2014 c. 27
    title = page.xpath("string(//h1[@class='title'])")
    assert title == doc.display_title != ""
    if name in FOREIGN_TITLES:
        assert title == FOREIGN_TITLES[name]
    # a Latin-script page: no 目录, no full-width space after a label
    assert "目录" not in text and "\u3000" not in page.xpath("string(//main)")
    assert page.xpath("//article[@class='law latin']")


@pytest.mark.pdf
@pytest.mark.parametrize("name", FOREIGN_FILES)
def test_foreign_pdf_has_every_text_node(tmp_path, name):
    tree = foreign(name)
    doc = Document(tree)
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render_pdf(tree))
    text = pdf_body_text(pdf)
    assert missing_nodes(doc, text) == []
    assert text.startswith(WS.sub("", doc.display_title))
    assert pdfcheck.info(pdf)["Title"] == doc.display_title
    assert all(f["emb"] == "yes" for f in pdfcheck.fonts(pdf))
    assert "目录" not in text


@pytest.mark.pdf
def test_foreign_pdf_latin_style(tmp_path):
    """The Italian code: Latin faces (typst's Libertinus Serif), Italian hyphenation, about a
    quarter of the 205 pages the Chinese layout took; the UK act: labels as printed, (a)."""
    pdf = tmp_path / "it.pdf"
    pdf.write_bytes(render_pdf(foreign("08-it-normattiva-dlgs-2005-82-vigente.xml")))
    names = {re.sub(r"^[A-Z]{6}\+|-Identity-H$", "", f["name"]) for f in pdfcheck.fonts(pdf)}
    assert names <= {"LibertinusSerif-Regular", "LibertinusSerif-Bold", "LibertinusSerif-Italic",
                     "NotoSerifCJKsc-Regular"} and "LibertinusSerif-Regular" in names
    assert int(pdfcheck.info(pdf)["Pages"]) <= 60
    assert re.search(rb"/Lang ?\(it\)", pdf.read_bytes())
    raw = pdfcheck.text(pdf)
    assert "\u00ad\n" in raw  # words hyphenated at line ends (soft hyphen)
    assert "\u3000" not in raw and "目" not in raw
    uk = tmp_path / "uk.pdf"
    uk.write_bytes(render_pdf(foreign("05-uk-ukpga-2014-27-enacted.xml")))
    lines = pdfcheck.text(uk).splitlines()
    assert "(2) A retention notice may—" in lines
    assert "(a) relate to a particular operator or any description of operators," in lines
    assert pdfcheck.outline(uk)[:2] == ["Retention of relevant communications data",
                                        "1 Powers for retention of relevant communications data "
                                        "subject to safeguards"]


def test_foreign_sections_render_as_articles():
    tree = foreign("05-uk-ukpga-2014-27-enacted.xml")
    doc = Document(tree)
    page = lxml_html.fromstring(render_html(tree))
    assert [s.get("id") for s in page.xpath("//section[@class='article']")] == \
        [a.eId for a in doc.articles if not a.element.xpath("ancestor::*[local-name()='quotedStructure']")]
    first = doc.articles[0]
    assert page.xpath(f"string(//*[@id='{first.eId}']/*[@class='art-head'])") == first.label


def test_cli_renders_a_document_without_articles(tmp_path):
    out = tmp_path / "judgment.html"
    r = run_cli("render", FOREIGN / "15-gr-council-of-state-2016-601.xml", "-o", out)
    assert r.returncode == 0, r.stderr
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert missing_nodes(Document(foreign("15-gr-council-of-state-2016-601.xml")),
                         WS.sub("", page.xpath("//main")[0].text_content())) == []


# --- article headings keep their 【】 ------------------------------------------------------------

HEADED = ("测试条例\n第一章　总则\n第一条【立法目的】为了测试，制定本条例。\n"
          "第二条　本条例自2024年1月1日起施行。\n")


def test_article_heading_keeps_its_brackets(tmp_path):
    tree = import_bytes(HEADED.encode(), layout="lines", date="2024-01-01", provisional=True).tree
    page = lxml_html.fromstring(render_html(tree))
    assert page.xpath("string(//*[@id='art_1']/h3[@class='art-num'])") == "第一条【立法目的】\u3000"
    assert page.xpath("string(//*[@id='art_1'])").replace("\n", "") == \
        "第一条【立法目的】\u3000为了测试，制定本条例。"
    pdf = tmp_path / "headed.pdf"
    pdf.write_bytes(render_pdf(tree))
    assert "第一条【立法目的】" in pdfcheck.text(pdf)
    assert pdfcheck.outline(pdf) == ["第一章\u3000总则", "第一条【立法目的】", "第二条"] == \
        outline_expected(Document(tree))


# --- the browser check itself ------------------------------------------------------------------

@pytest.mark.browser
def test_browser_reports_console_errors(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><head><title>t</title></head><body><p>正文</p>"
                    "<script>console.error('故意的错误', 42); console.log('only a log');"
                    "noSuchFunction();</script></body></html>", encoding="utf-8")
    dom, errors = browser.dom(page)
    assert errors == ["故意的错误 42",
                      "Uncaught ReferenceError: noSuchFunction is not defined"]
    assert "<p>正文</p>" in dom and "FTZLAW" not in dom   # the probe leaves no trace
    assert list(tmp_path.iterdir()) == [page]             # nor a file


# --- line breaks written in the AKN ----------------------------------------------------------

@pytest.mark.pdf
def test_line_breaks_inside_a_p_are_kept(tmp_path):
    tree = foreign("09-it-senato-ddl-2013-356.xml")
    html = render_html(tree)
    assert html.count("elettorale della<br>Camera dei deputati)") == 1
    assert html.count("elettorale del<br>Senato della Repubblica)") == 1
    pdf = tmp_path / "it.pdf"
    pdf.write_bytes(render_pdf(tree))
    lines = [ln.strip() for ln in pdfcheck.text(pdf).splitlines()]
    at = next(i for i, ln in enumerate(lines) if ln.endswith("sistema elettorale della"))
    assert lines[at + 1] == "Camera dei deputati)"
