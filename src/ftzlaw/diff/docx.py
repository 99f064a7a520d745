"""The 对照表 as a Word document (python-docx): the drafters' circulating format.

Marks are real Word formatting — deleted words struck through, added words bold and
underlined — so a reviewer can keep editing the table in Word. The legend stands under
the title; pages are numbered "— n —" in the footer (a PAGE field); 未修改 rows are set in
grey, upright (Word fakes italics for CJK by slanting the glyphs).
"""

from __future__ import annotations

import io

SERIF = "宋体"   # the East Asian font Word substitutes locally; Noto Serif CJK SC elsewhere
SANS = "黑体"


def east_asian(element, family: str) -> None:
    """Set the East Asian font of a run's or a style's properties (python-docx sets only
    the Latin one)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), family)


def add_run(par, text: str, mark: str = "", bold: bool = False, family: str = SERIF):
    run = par.add_run(text)
    east_asian(run._element, family)
    if mark == "del":
        run.font.strike = True
    elif mark == "ins":
        run.font.bold = True
        run.font.underline = True
    if bold:
        run.font.bold = True
    return run


def _field(par, instruction: str) -> None:
    """A Word field (PAGE …) in ``par``, with its last value as placeholder text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)):
        run = par.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            run.text = text
            continue
        run._r.append(el)


def page_numbers(section) -> None:
    """"— n —" centred in the footer of every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(par, "— ")
    _field(par, "PAGE")
    add_run(par, " —")


def _article_cell(cell, side: dict | None, empty: str) -> None:
    from docx.shared import Pt

    par = cell.paragraphs[0]
    if side is None:
        if empty:
            add_run(par, empty, family=SANS)
        return
    first = True
    for line in side["lines"] or [{"indent": 0, "segs": []}]:
        if not first:
            par = cell.add_paragraph()
        par.paragraph_format.first_line_indent = Pt(21) if line["indent"] == 0 else Pt(0)
        par.paragraph_format.left_indent = Pt(21 * line["indent"])
        if first:
            add_run(par, side["num"], bold=True, family=SANS)
            if side.get("note"):
                add_run(par, f"（{side['note']}）", family=SANS)
            add_run(par, "　", family=SANS)
        for seg in line["segs"]:
            add_run(par, seg["t"], seg["m"])
        first = False


def a4_document(title: str, margin_mm: float):
    """A new Word document as every ftzlaw report starts: A4 portrait, side margins of
    ``margin_mm``, body 10.5 pt Times New Roman with the CJK serif, title and author set."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(margin_mm))
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = "Times New Roman"
    east_asian(style.element, SERIF)
    doc.core_properties.title = title
    doc.core_properties.author = "ftzlaw"
    return doc


def table_docx(data: dict) -> bytes:
    """Word bytes for :func:`ftzlaw.diff.table.table_data`'s rows."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = a4_document(data["title"], margin_mm=20)
    section = doc.sections[0]

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(title, data["title"], bold=True, family=SANS).font.size = Pt(16)
    s = data["summary"]
    summary = doc.add_paragraph()
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = "，".join(f"{data['labels'][k]} {s[k]} 条" for k in s)
    add_run(summary, f"{data['articles']['old']} 条 → {data['articles']['new']} 条：{parts}")
    legend = doc.add_paragraph()
    legend.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(legend, "说明：", family=SANS)
    add_run(legend, "加粗下划线", "ins", family=SANS)
    add_run(legend, "为增加内容，", family=SANS)
    add_run(legend, "删除线", "del", family=SANS)
    add_run(legend, "为删去内容", family=SANS)
    page_numbers(section)

    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    for cell, label, sub in ((head[0], "修改前", data["old_label"]),
                             (head[1], "修改后", data["new_label"])):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(p, label, bold=True, family=SANS)
        if sub:
            add_run(p, f"（{sub}）", family=SANS)
    _repeat_header(table.rows[0])

    add_row = row_adder(table)
    for row in data["rows"]:
        cells = add_row().cells
        if row["type"] == "heading":
            for cell, side in ((cells[0], row["old"]), (cells[1], row["new"])):
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if side:
                    add_run(p, side["num"] + "　", bold=True, family=SANS)
                    for seg in side["segs"]:
                        add_run(p, seg["t"], seg["m"], bold=True, family=SANS)
        elif row["type"] == "same":
            p = _span_row(cells).paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note = f"（{row['note']}）" if row["note"] else ""
            add_run(p, f"{row['label']}{note}　未修改").font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        else:
            _article_cell(cells[0], row["old"], "")
            _article_cell(cells[1], row["new"], "（删除）")
            if row["moved"]:
                add_run(cells[1].add_paragraph(), "（条文位置调整）", family=SANS)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def row_adder(table):
    """A function adding an empty row to ``table``, as ``table.add_row()`` does, in constant
    time: python-docx looks the table's grid up again for every row (lxml's ``find`` walks
    all the rows before it), quadratic over a 10,000-row table. The first row is made by
    python-docx and each later one is a copy of it."""
    import copy

    from docx.table import _Row

    template = table.add_row()._tr
    template.getparent().remove(template)
    tbl = table._tbl

    def add():
        tr = copy.deepcopy(template)
        tbl.append(tr)   # w:tr is the last kind of child of w:tbl
        return _Row(tr, table)
    return add


def _span_row(cells):
    """One cell across both columns of a fresh row: what ``cells[0].merge(cells[1])`` makes
    (both cells are empty; the widths add up, gridSpan 2, the second w:tc goes), without
    python-docx's span checks, which look the row up by scanning the whole table (quadratic
    over a 10,000-row 对照表)."""
    tc, other = cells[0]._tc, cells[1]._tc
    tc._add_width_of(other)
    tc.grid_span += other.grid_span
    other.getparent().remove(other)
    tc.vMerge = None
    return cells[0]


def _repeat_header(row) -> None:
    """The 修改前 | 修改后 header repeats on every page, as printed tables do."""
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(el)
