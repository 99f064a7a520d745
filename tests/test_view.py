"""The read view (ftzlaw.akn.view): generic over AKN's hierarchy, exact on our own AKN and
lossless on the foreign AKN of ../shared/akn-foreign; and to_bytes keeps mixed content."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import SHARED, TEXTS

from ftzlaw.akn import Document, parse_akn, to_bytes
from ftzlaw.akn.view import Point
from ftzlaw.textin import import_bytes

FOREIGN = SHARED / "akn-foreign"
FOREIGN_FILES = sorted(p.name for p in FOREIGN.glob("*.xml"))
WS = re.compile(r"\s+")

# name → (article tag, articles, divisions) as the view reads them from the body.
FOREIGN_SHAPE = {
    "01-za-constitution-1996-eng-1998-10-30.xml": ("section", 243, 38),
    "02-za-constitution-1996-eng-2013-08-23.xml": ("section", 244, 38),
    "03-tz-constitution-1977-swahili.xml": ("section", 155, 33),
    "04-uk-ukpga-1998-29-revised.xml": ("section", 97, 18),
    "05-uk-ukpga-2014-27-enacted.xml": ("section", 8, 0),
    "06-uk-sp-bail-bill-stage2-lawmaker.xml": ("section", 33, 3),
    "07-uk-hc-saf-bill-lawmaker.xml": ("section", 19, 0),
    "08-it-normattiva-dlgs-2005-82-vigente.xml": ("article", 121, 17),
    "09-it-senato-ddl-2013-356.xml": ("article", 8, 0),
    "10-es-ley-34-2002-original.xml": ("article", 61, 0),
    "11-es-ley-34-2002-vigente-2025.xml": ("article", 67, 0),
    "12-eu-com-2013-619-proposal.xml": (None, 0, 0),
    "13-eu-akn4eu-council-position-bill.xml": ("article", 9, 0),
    "14-uy-bill-2010-repartido-379.xml": (None, 0, 0),
    "15-gr-council-of-state-2016-601.xml": (None, 0, 0),
}

SNIPPET = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<article eId="art_1"><num>Article 1</num><heading>Scope</heading>
 <paragraph eId="art_1__para_1"><num>1.</num>
  <intro><p>First block.</p><p>Second block.</p></intro>
  <list eId="art_1__para_1__list_1">
   <intro><p>The following:</p></intro>
   <point eId="p_a"><num>(a)</num><content><p>alpha;</p></content></point>
   <indent eId="ind_1"><content><p>indented;</p></content></indent>
   <alinea eId="al_1"><content><p>an alinea;</p></content></alinea>
   <point eId="p_b"><num>(b)</num><intro><p>beta:</p></intro>
    <point eId="p_b_i"><num>(i)</num><content><p>one</p></content></point>
    <wrapUp><p>beta closes.</p></wrapUp></point>
   <wrapUp><p>list closes.</p></wrapUp>
  </list>
  <subparagraph eId="sub_1"><content><p>A subparagraph.</p></content></subparagraph>
  <crossHeading>A cross heading</crossHeading>
  <hcontainer eId="hc_1" name="x"><heading>Boxed</heading><content><p>in a box</p></content></hcontainer>
  <wrapUp><p>Paragraph closes.</p></wrapUp>
 </paragraph>
 <paragraph eId="art_1__para_2"><num>2.</num><content><p>Plain.</p></content></paragraph>
</article>
<article eId="art_2"><num>Article 2</num><intro><p>Intro of 2:</p></intro>
 <paragraph eId="art_2__para_1"><content><p>x</p></content></paragraph>
 <wrapUp><p>End of 2.</p></wrapUp></article>
</body></act></akomaNtoso>"""


def _load(name: str) -> Document:
    return Document(parse_akn((FOREIGN / name).read_bytes(), name))


def _squeeze(text: str) -> str:
    return WS.sub("", text)


# --- generic hierarchy --------------------------------------------------------------------

def test_snippet_every_level_is_read():
    doc = Document(parse_akn(SNIPPET.encode()))
    art1, art2 = doc.articles
    assert art1.label == "Article 1 Scope"
    para = art1.paragraphs[0]
    # text is text_of (blocks glued as in the file); blocks keeps them apart
    assert (para.eId, para.num, para.text) == ("art_1__para_1", "1.", "First block.Second block.")
    assert para.blocks == ["First block.", "Second block."]
    assert para.wrap_up == "Paragraph closes." and para.wrap_up_blocks == ["Paragraph closes."]
    assert [(p.eId, p.num, p.heading, p.text) for p in para.points] == [
        ("art_1__para_1__list_1", "", "", "The following:"),
        ("sub_1", "", "", "A subparagraph."),
        ("", "", "", "A cross heading"),
        ("hc_1", "", "Boxed", "in a box")]
    items = para.points[0].points
    assert [(p.eId, p.num, p.text, p.wrap_up) for p in items] == [
        ("p_a", "(a)", "alpha;", ""), ("ind_1", "", "indented;", ""),
        ("al_1", "", "an alinea;", ""), ("p_b", "(b)", "beta:", "beta closes.")]
    assert isinstance(items[3].points[0], Point) and items[3].points[0].full_text == "(i)one"
    assert para.points[0].wrap_up == "list closes."
    assert para.full_text == ("1.First block.Second block.The following:(a)alpha;indented;"
                              "an alinea;(b)beta:(i)onebeta closes.list closes.A subparagraph."
                              "A cross headingBoxedin a boxParagraph closes.")
    # An article with words of its own is one 款 holding all of them; num not repeated.
    [whole] = art2.paragraphs
    assert whole.whole and (whole.num, whole.heading) == ("", "")
    assert art2.text == "Intro of 2:xEnd of 2."


@pytest.mark.parametrize("name", FOREIGN_FILES)
def test_foreign_articles_lose_no_text(name):
    """Every character of every article is in its num, heading, subheading and 款, in order."""
    doc = _load(name)
    tag, count, divisions = FOREIGN_SHAPE[name]
    assert (doc.article_tag, len(doc.articles), len(doc.divisions)) == (tag, count, divisions)
    for art in doc.articles:
        said = art.num + art.heading + art.subheading + "".join(p.full_text for p in art.paragraphs)
        assert _squeeze(said) == _squeeze("".join(art.element.itertext())), art.eId
        assert art.text == "\n".join(p.full_text for p in art.paragraphs)
    assert all(d.kind != tag for d in doc.divisions)


def test_foreign_sections_are_articles_with_divisions():
    doc = _load("04-uk-ukpga-1998-29-revised.xml")
    first = doc.articles[0]
    assert (first.eId, first.num, first.heading) == ("section-1", "1", "Basic interpretative provisions.")
    assert first.label == "1 Basic interpretative provisions."
    assert [d.kind for d in first.divisions] == ["part"]
    assert first.division == first.divisions[-1].eId == doc.divisions[0].eId
    # The section's subsections are its 款 (not divisions); a list item's num leads its words.
    assert [p.eId for p in first.paragraphs] == [f"section-1-{i}" for i in range(1, 7)]
    assert first.paragraphs[0].blocks[2] == ("a is being processed by means of equipment "
                                             "operating automatically in response to "
                                             "instructions given for that purpose,")
    sa = _load("01-za-constitution-1996-eng-1998-10-30.xml")
    assert [d.num for d in sa.articles[0].divisions] == ["1"]
    assert [a.num for a in sa.divisions[0].articles] == ["1.", "2.", "3.", "4.", "5.", "6."]


def test_foreign_bodies_and_components():
    judgment = _load("15-gr-council-of-state-2016-601.xml")
    assert etree.QName(judgment.body).localname == "judgmentBody"
    assert len(judgment.body_text()) == 18093
    for name, kinds in [("12-eu-com-2013-619-proposal.xml", ["doc", "bill", "doc"]),
                        ("14-uy-bill-2010-repartido-379.xml", ["bill", "doc"])]:
        collection = _load(name)
        assert etree.QName(collection.body).localname == "collectionBody"
        assert [etree.QName(c.doc).localname for c in collection.components] == kinds
    bill = _load("12-eu-com-2013-619-proposal.xml").components[1]
    assert len(bill.articles) == 24 - 0 and bill.article_tag == "article"


# --- our own AKN ------------------------------------------------------------------------------

def test_label_brackets_a_chinese_heading_and_divisions_are_outermost_first():
    text = ("测试条例\n第一编　总则\n第一章　一般规定\n第一节　目的\n"
            "第一条【立法目的】为了测试，制定本条例。\n第二条　本条例自2024年1月1日起施行。\n")
    doc = Document(import_bytes(text.encode(), layout="lines", date="2024-01-01",
                                provisional=True).tree)
    first, second = doc.articles
    assert (first.label, second.label) == ("第一条【立法目的】", "第二条")
    assert [(d.kind, d.num) for d in first.divisions] == [
        ("part", "第一编"), ("chapter", "第一章"), ("section", "第一节")]
    assert first.division == first.divisions[-1].eId == "chp_1__sec_1"
    assert [d.eId for d in doc.divisions[2].divisions] == ["part_1", "chp_1"]


def test_point_wrap_up(imported):
    tree = parse_akn(to_bytes(imported(TEXTS / "tianjin-ftz-2022.txt").tree))
    doc = Document(tree)
    para = next(p for a in doc.articles for p in a.paragraphs if p.points)
    point = para.points[0]
    assert point.wrap_up == "" and point.blocks == [point.text]
    wrap = etree.SubElement(point.element, "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}wrapUp")
    etree.SubElement(wrap, "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}p").text = "收尾。"
    assert point.wrap_up == "收尾。" and point.full_text.endswith("收尾。")


def test_own_akn_reads_as_before(imported):
    doc = Document(imported(TEXTS / "tianjin-ftz-2022.txt").tree)
    assert doc.article_tag == "article" and len(doc.articles) == 68
    for art in doc.articles:
        assert all(not p.whole and p.heading == "" for p in art.paragraphs)
        assert art.label == art.num
        for para in art.paragraphs:
            assert [etree.QName(p.element).localname for p in para.points] == \
                ["point"] * len(para.points)
            assert para.blocks == ([para.text] if para.text else [])


# --- to_bytes -------------------------------------------------------------------------------

def _own_text(tree) -> list[tuple[str, str]]:
    """(tag, itertext) of every element holding text of its own (mixed content)."""
    return [(etree.QName(e).localname, "".join(e.itertext())) for e in tree.iter()
            if isinstance(e.tag, str)
            and ((e.text or "").strip() or any((c.tail or "").strip() for c in e))]


def test_to_bytes_keeps_mixed_content_and_the_callers_tree():
    path = FOREIGN / "01-za-constitution-1996-eng-1998-10-30.xml"
    tree = parse_akn(path.read_bytes())
    before = etree.tostring(tree)
    again = parse_akn(to_bytes(tree))
    assert etree.tostring(tree) == before  # the caller's tree is left alone
    # Every element with text of its own reads exactly as before (the old indenting turned
    # "…amended by a Bill passed by -" into "\n    …" inside a listIntroduction) …
    own = _own_text(tree)
    assert len(own) == 4835 and _own_text(again) == own
    # … and the whole text differs only by whitespace-only nodes between blocks.
    def texts(t):
        return [x for e in t.iter() for x in (e.text, e.tail) if x and x.strip()]
    assert texts(again) == texts(tree)
    assert _squeeze("".join(again.getroot().itertext())) == \
        _squeeze("".join(tree.getroot().itertext()))
    assert to_bytes(again) == to_bytes(tree)  # indenting is idempotent


# --- printed parts: titles, front and back matter, line breaks (read by render) ------------

FRONT = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>
<meta><identification source="#x"><FRBRWork><FRBRthis value="/a"/><FRBRuri value="/a"/>
<FRBRdate date="2014-07-17" name="x"/><FRBRauthor href="#x"/><FRBRcountry value="gb"/>
<FRBRname value="2014 c. 27"/></FRBRWork></identification></meta>
<preface><p class="title"><shortTitle>Data Act 2014</shortTitle></p>
<longTitle><p>An Act to make provision<eol/>about data.</p></longTitle></preface>
<preamble><formula name="enactingText"><p>Be it enacted —</p></formula></preamble>
<body><section eId="sec_1"><num>1</num><heading>Retention</heading>
<content><p>A line,<eol/>  and the next
 one.</p></content></section></body>
<conclusions><p>Signed<br xmlns="http://www.w3.org/1999/xhtml"/>The Queen</p></conclusions>
</act></akomaNtoso>"""


def test_titles_parts_and_line_breaks():
    from ftzlaw.akn.view import blocks_of, lines_of, text_of

    doc = Document(parse_akn(FRONT.encode(), "front.xml"))
    assert doc.title == "2014 c. 27"                  # FRBRname, as before
    assert doc.short_title == doc.display_title == "Data Act 2014"
    assert blocks_of(doc.part("preface"), breaks=True) == [
        "Data Act 2014", "An Act to make provision\nabout data."]
    assert blocks_of(doc.part("preface")) == ["Data Act 2014", "An Act to make provisionabout data."]
    assert blocks_of(doc.part("preamble"), breaks=True) == ["Be it enacted—"]
    assert blocks_of(doc.part("preamble"), breaks=True, latin=True) == ["Be it enacted —"]
    assert blocks_of(doc.part("conclusions"), breaks=True) == ["Signed\nThe Queen"]
    assert doc.part("coverPage") is None and doc.attachments == []
    content = doc.articles[0].paragraphs[0]
    assert content.text == "A line, and the next one."          # as before
    assert content.printed_blocks() == ["A line,\nand the next one."]
    p = doc.body.find(".//{*}p")
    assert lines_of(p) == "A line,\nand the next one." and text_of(p) == content.text
    # a Latin text keeps the space beside a quotation mark, which text_of closes up
    quoted = parse_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
                       b'<act><body><p>the \xe2\x80\x9cdata\xe2\x80\x9d here</p></body></act>'
                       b'</akomaNtoso>')
    el = quoted.find(".//{*}p")
    assert text_of(el) == "the\u201cdata\u201dhere"
    assert lines_of(el, latin=True) == "the \u201cdata\u201d here"


def test_display_titles_and_attachments_of_the_foreign_files():
    expect = {
        "01-za-constitution-1996-eng-1998-10-30.xml": ("Constitution of the Republic of South "
                                                       "Africa, 1996", 7),
        "04-uk-ukpga-1998-29-revised.xml": ("Data Protection Act 1998", 0),
        "05-uk-ukpga-2014-27-enacted.xml": ("Data Retention and Investigatory Powers Act 2014", 0),
        "09-it-senato-ddl-2013-356.xml": ("Modifiche al testo unico di cui al decreto del "
                                          "Presidente della Repubblica", 1),
        "15-gr-council-of-state-2016-601.xml": ("601/2016", 0),
    }
    for name, (title, attachments) in expect.items():
        doc = _load(name)
        assert doc.display_title.startswith(title), name
        assert len(doc.attachments) == attachments, name
    assert _load("05-uk-ukpga-2014-27-enacted.xml").title == "2014 c. 27"


def test_chinese_documents_read_as_before(imported):
    doc = imported(TEXTS / "tianjin-ftz-2022.txt")
    view = Document(doc.tree)
    assert view.display_title == view.title == "中国（天津）自由贸易试验区条例"
    assert view.short_title == ""
    for art in view.articles:
        for para in art.paragraphs:
            assert para.printed_blocks() == para.blocks
