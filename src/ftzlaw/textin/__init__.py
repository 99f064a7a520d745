"""Text (or Word) → Akoma Ntoso: the importer.

    decode (bytes → str) → layout (header / body paragraphs, PDF reflow)
    → structure (章节条款项目) → meta (title, 题注, dates) → build (AKN tree)

Use :func:`import_bytes` for file contents or :func:`import_text` for a string.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..akn.frbr import Frbr, names_a_place, number_for, parse_work_uri, place_code, subtype_for, work_uri
from ..errors import FtzlawError
from .decode import read_text
from ..zh import patterns as P
from ..zh.dates import PROVISIONAL_DATE, is_date
from .layout import analyse, is_article_start, split_lines
from .meta import read_metadata
from .structure import parse_structure

NO_DATE_WARNING = ("the text gives no date (no 题注 or event line with 通过, 公布, 批准 …): its "
                   f"FRBR date is the stand-in {PROVISIONAL_DATE}; `ftzlaw store add` and "
                   "`ftzlaw amend` need the real one: give it with --date YYYY-MM-DD")


def is_provisional(work_uri: str | None) -> bool:
    """Whether a work URI carries the stand-in date of a provisional import."""
    return bool(work_uri) and f"/{PROVISIONAL_DATE}/" in work_uri


def _stem(source: str) -> str:
    from pathlib import Path

    return "stdin" if source in ("-", "<stdin>", "<input>") else Path(source).stem


@dataclass
class ImportResult:
    tree: object                      # lxml ElementTree of the AKN document
    layout: str                       # "pdf" or "lines"
    warnings: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        c = self.counts
        parts = []
        if c.get("parts"):
            parts.append(f"{c['parts']} 编")
        parts += [f"{c.get('chapters', 0)} 章"]
        if c.get("sections"):
            parts.append(f"{c['sections']} 节")
        parts += [f"{c.get('articles', 0)} 条", f"{c.get('paragraphs', 0)} 款",
                  f"{c.get('points', 0)} 项/目"]
        return f"imported ({self.layout} layout): " + ", ".join(parts)


def _preface(header, meta, title_option) -> list[tuple[str, str]]:
    """The header's lines in printed order as (role, text) for the AKN preface: the title
    once (where its first line stood; a line printing it again is kept as a ``header``
    line), the 题注 once (where it starts; or first after the title when given as an option),
    公告, 目录 and other lines each as printed."""
    roles = {}
    for role, lines in (("notice", header.notice_lines), ("toc", header.toc_lines),
                        ("header", header.other_lines)):
        for ln in lines:
            roles[ln.no] = (role, ln.text)
    preamble = {ln.no for ln in header.preamble_lines}
    kept = {}
    repeated = {id(ln) for ln in header.repeated_title_lines}
    for ln in header.title_lines:
        if id(ln) in repeated:
            roles[ln.no] = ("header", ln.text)        # the title printed twice
        else:
            kept.setdefault("title", ln.no)
    first_caption = header.caption_lines[0].no if header.caption_lines else None
    if meta.caption and first_caption is None:
        roles[kept.get("title", 0) + 0.5] = ("caption", meta.caption)
    elif meta.caption:
        roles[first_caption] = ("caption", meta.caption)
    roles[kept.get("title", 0)] = ("title", meta.title)
    return [roles[k] for k in sorted(roles) if k not in preamble]


def import_bytes(data: bytes, *, source: str = "<input>", **options) -> ImportResult:
    """Import file contents (.txt or .md in any supported encoding, or .docx)."""
    from .markdown import is_markdown, unwrap

    text = read_text(data, source)
    if is_markdown(text, source):
        text, fields = unwrap(text)
        # The front matter's title stands in only where the text itself has none.
        if fields.get("title") and not options.get("title"):
            options["fallback_title"] = fields["title"]
        if fields.get("body_line"):
            options.setdefault("body_line", int(fields["body_line"]))
    return import_text(text, source=source, **options)


def import_text(text: str, *, source: str = "<input>", layout: str = "auto",
                title: str | None = None, work_uri_override: str | None = None,
                date: str | None = None, provisional: bool = False,
                fallback_title: str | None = None, caption: str | None = None,
                body_line: int | None = None) -> ImportResult:
    """Import a regulation's text.

    ``title``, ``date`` (YYYY-MM-DD, the work's date: adoption), ``caption`` (a 题注 for a
    text printed without one, e.g. ``（2022年3月31日北京市…会议通过）``) and
    ``work_uri_override`` take precedence over what the text says. Without ``date`` the
    work's date is the adoption the 题注 or event lines give, else the publication (公布,
    发布), else the approval, else the first date they give. A text that gives no date at
    all imports under the stand-in date ``0001-01-01`` (FRBRdate name ``unknown``, no
    adoption event), with a warning: the outputs that need the real date (the store,
    amend) ask for ``date``. A text without a title or place raises FtzlawError asking for
    them — unless ``provisional`` (for reading a text on the fly in diff, compare or
    render): then the file name stands in for the title and ``cn`` for the place.
    """
    from ..akn.view import Document
    from .build import build_act

    if layout not in ("auto", "pdf", "lines"):
        raise FtzlawError(f"unknown layout {layout!r} (auto, pdf or lines)", source=source)
    if date is not None and not is_date(date):
        raise FtzlawError(f"--date must be a real date as YYYY-MM-DD, got {date!r}", source=source)
    bad = P.XML_INVALID.search(text.replace("\f", "\n").replace("\v", "\n"))
    if bad:
        line = len(split_lines(text[: bad.start()]))
        raise FtzlawError(f"control character U+{ord(bad.group()):04X} in the text (not allowed "
                          f"in XML); remove it and try again", source=source, line=line)
    lay = analyse(text, layout, body_line)
    if not lay.blocks:
        raise FtzlawError("no article (第X条) and no paragraph after the title found: is this "
                          "a regulation's text?", source=source)
    if not lay.header.title and not title and \
            not any(b.text and is_article_start(b.text) for b in lay.blocks):
        # Paragraphs alone make a text without articles only under a title of its own
        # (a file name is no title: any prose would pass).
        raise FtzlawError("no article (第X条) found, and no title over the paragraphs: is "
                          "this a regulation's text?", source=source)
    struct = parse_structure(lay.blocks)
    body_text = "".join(b.text for b in lay.blocks)
    if provisional and not fallback_title:
        fallback_title = _stem(source)
    the_caption = caption if caption is not None else lay.header.caption
    notice = " ".join(ln.text for ln in lay.header.notice_lines)
    meta = read_metadata(title or lay.header.title or fallback_title, the_caption, body_text,
                         notice)
    if not meta.title:
        if not any(b.text and is_article_start(b.text) for b in lay.blocks):
            raise FtzlawError("no article (第X条) found, and no title over the paragraphs: is "
                              "this a regulation's text?", source=source)
        raise FtzlawError("the text has no title line; give it with --title", source=source)

    uri = None
    if work_uri_override:
        try:
            uri = parse_work_uri(work_uri_override)
        except ValueError as exc:
            raise FtzlawError(f"bad --work-uri: {exc}", source=source) from None
    found = meta.work_date
    work_date = date or (uri.date if uri else None) or (found[0] if found else None)
    undated = not work_date
    if undated:
        # Imported all the same, under a stand-in date no real regulation has; the outputs
        # that need the real date (the store, amend) ask for it.
        work_date = PROVISIONAL_DATE
        if not provisional:
            lay.warnings.append((lay.header.title_lines[0].no if lay.header.title_lines else 1,
                                 NO_DATE_WARNING))
    if uri is not None:
        the_work = uri.work_uri()
    else:
        place = place_code(meta.title, meta.caption, notice) or ("cn" if provisional else None)
        if place is None and not any(names_a_place(t) for t in (meta.title, meta.caption,
                                                                 notice)):
            # Local legislation names its place in its title (北京市…, 宁波市…) or 题注;
            # a text naming none is national.
            place = "cn"
            lay.warnings.append((lay.header.title_lines[0].no if lay.header.title_lines else 1,
                                 "no place named in the title or 题注: filed as national (cn)"))
        if place is None:
            raise FtzlawError("cannot tell the place from the title or 题注; give "
                              "--work-uri /akn/cn-xx/act/regulation/DATE/NAME", source=source)
        the_work = work_uri(place, subtype_for(meta.title, meta.caption + notice), work_date,
                            number_for(meta.title))
    expression_date = max(filter(None, [work_date, meta.expression_date]))
    frbr = Frbr.build(the_work, expression_date)
    tree = build_act(struct.divisions_and_articles, meta, frbr,
                     preface=_preface(lay.header, meta, title),
                     preamble=[ln.text for ln in lay.header.preamble_lines])
    warnings = sorted(lay.warnings + struct.warnings)
    doc = Document(tree)
    if doc.body is None or not doc.body_text():
        raise FtzlawError("no article (第X条) and no paragraph found: is this a regulation's "
                          "text?", source=source)
    return ImportResult(tree, lay.layout, warnings, doc.counts())
