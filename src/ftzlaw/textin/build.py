"""The parsed structure and metadata → an Akoma Ntoso 3.0 ``act`` (valid against the
official OASIS schema)."""

from __future__ import annotations

from lxml import etree

from ..akn.eid import article_eid, division_eid, paragraph_eid, point_eid, point_numbers
from ..akn.frbr import Frbr
from ..akn.xml import A
from . import PROVISIONAL_DATE
from .meta import Metadata
from .structure import Node

GENERATOR = "ftzlaw"


def _org_id(n: int) -> str:
    return f"org_{n}"


def build_act(structure: list[Node], meta: Metadata, frbr: Frbr,
              other_header: list[str] = (), *, preface: list[tuple[str, str]] | None = None,
              preamble: list[str] = ()) -> etree._ElementTree:
    """Build the whole document. ``meta.title`` must be set.

    ``preface``: the header as printed, in order, as (role, text): ``title`` (the place of
    the ``longTitle``, which holds ``meta.title``), ``caption`` (the 题注: ``meta.caption``),
    ``notice`` (a 公告 printed over the text), ``toc`` (目录 lines), ``header`` (anything else:
    a document number, a title line printed twice); each but the title a ``p`` of that class.
    Without it: the title, the 题注, then ``other_header``. ``preamble``: the text between
    the title and the first article (an interpretation's 为…制定本解释。, a 序言), as the AKN
    ``preamble``."""
    act = A.act(name=frbr.subtype, contains="originalVersion" if frbr.expression_date ==
                frbr.work_date else "singleVersion")
    act.append(_meta(meta, frbr))
    if preface is None:
        preface = [("title", meta.title)] + ([("caption", meta.caption)] if meta.caption else [])
        preface += [("header", text) for text in other_header]
    pre = A.preface()
    for role, text in preface:
        if role == "title":
            pre.append(A.longTitle(A.p(A.docTitle(meta.title))))
        else:
            pre.append(A.p(text, **{"class": role}))
    act.append(pre)
    if preamble:
        act.append(A.preamble(*[A.p(text) for text in preamble]))
    body = A.body()
    # Chapters are numbered through the act (flat chp_N) unless they restart in each 编, as
    # in a code; then a chapter's eId is qualified by its part (part_2__chp_1).
    numbers = [n.number for n in _walk(structure) if n.kind == "chapter"]
    parts = sum(1 for n in _walk(structure) if n.kind == "part")
    qualify = len(numbers) != len(set(numbers)) and parts > 1
    _append_all(body, structure, "", qualify)
    _unique_eids(body)
    if len(body) == 0:
        raise ValueError("no articles")
    act.append(body)
    return etree.ElementTree(A.akomaNtoso(act))


def _unique_eids(body) -> None:
    """A source that numbers a division or article twice (two 第七章) would give two
    elements one eId; the second becomes ``chp_7-dup2`` (its descendants follow), which the
    profile reports as the source's numbering fault — never a duplicate id."""
    used: set[str] = set()
    for el in body.iter():
        eid = el.get("eId") if isinstance(el.tag, str) else None
        if not eid or eid not in used:
            if eid:
                used.add(eid)
            continue
        k = 2
        while f"{eid}-dup{k}" in used:
            k += 1
        new = f"{eid}-dup{k}"
        for sub in el.iter():
            sub_eid = sub.get("eId") if isinstance(sub.tag, str) else None
            if sub_eid and sub_eid.startswith(eid):
                sub.set("eId", new + sub_eid[len(eid):])
        used.add(new)


def _append_all(parent, nodes: list[Node], prefix: str, qualify: bool) -> None:
    """Append the elements of ``nodes``; paragraphs outside any article (a text without
    articles) are numbered by position in their container: para_1, chp_2__para_3."""
    k = 0
    for node in nodes:
        if node.kind == "paragraph":
            k += 1
            parent.append(_paragraph(node, f"{prefix}para_{k}"))
        else:
            parent.append(_element(node, prefix, qualify))


def _meta(meta: Metadata, frbr: Frbr):
    author = "#" + _org_id(1) if meta.enacting_body else "#" + GENERATOR
    work = A.FRBRWork(
        A.FRBRthis(value=frbr.work + "/!main"), A.FRBRuri(value=frbr.work),
        A.FRBRalias(value=meta.title, name="title"),
        A.FRBRdate(date=frbr.work_date, name=_work_date_name(meta, frbr)),
        A.FRBRauthor(href=author),
        A.FRBRcountry(value=frbr.country), A.FRBRsubtype(value=frbr.subtype),
        A.FRBRnumber(value=frbr.work.rsplit("/", 1)[-1]), A.FRBRname(value=meta.title),
    )
    expr = A.FRBRExpression(
        A.FRBRthis(value=frbr.expression + "/!main"), A.FRBRuri(value=frbr.expression),
        A.FRBRdate(date=frbr.expression_date, name="expression"), A.FRBRauthor(href=author),
        A.FRBRlanguage(language=frbr.language),
    )
    manif = A.FRBRManifestation(
        A.FRBRthis(value=frbr.manifestation), A.FRBRuri(value=frbr.manifestation),
        A.FRBRdate(date=frbr.expression_date, name="transform"),
        A.FRBRauthor(href="#" + GENERATOR),
    )
    out = A.meta(A.identification(work, expr, manif, source="#" + GENERATOR))

    lifecycle = A.lifecycle(source="#" + GENERATOR)
    refs = A.references(source="#" + GENERATOR)
    refs.append(A.original(eId="original", href=frbr.expression, showAs=meta.title))
    events = list(meta.events)
    if not any(e.kind == "adoption" for e in events) and frbr.work_date != PROVISIONAL_DATE:
        lifecycle.append(A.eventRef(eId="e_adoption", date=frbr.work_date, source="#original",
                                    type="generation"))
    adopted = False
    for i, ev in enumerate(events, 1):
        if ev.kind == "adoption":
            lifecycle.append(A.eventRef(eId="e_adoption" if not adopted else f"e_adoption_{i}",
                                        date=ev.date, source="#original", type="generation",
                                        refersTo="#adoption"))
            adopted = True
        elif ev.kind in ("approval", "publication"):
            lifecycle.append(A.eventRef(eId=f"e_{ev.kind}_{i}", date=ev.date, source="#original",
                                        refersTo=f"#{ev.kind}"))
        elif ev.kind == "repeal":
            lifecycle.append(A.eventRef(eId=f"e_repeal_{i}", date=ev.date, source="#original",
                                        type="repeal", refersTo="#repeal"))
        else:
            ref_id = f"amendment_{i}"
            refs.append(A.passiveRef(eId=ref_id, href=f"#{ref_id}",
                                     showAs=ev.instrument or f"{ev.body}{ev.date}{ev.kind}"))
            lifecycle.append(A.eventRef(eId=f"e_{ref_id}", date=ev.date, source="#" + ref_id,
                                        type="amendment", refersTo=f"#{ev.kind}"))
    if meta.commencement:
        lifecycle.append(A.eventRef(eId="e_commencement", date=meta.commencement,
                                    source="#original", refersTo="#commencement"))
    if len(lifecycle):
        out.append(lifecycle)
    if meta.commencement:
        out.append(A.temporalData(
            A.temporalGroup(A.timeInterval(start="#e_commencement", refersTo="#inForce"),
                            eId="tg_inForce"),
            source="#" + GENERATOR))
    if meta.enacting_body:
        place = frbr.place.replace("cn-", "")
        refs.append(A.TLCOrganization(eId=_org_id(1), showAs=meta.enacting_body,
                                      href=f"/ontology/organization/cn/{place}.{_slug(meta.enacting_body)}"))
    refs.append(A.TLCOrganization(eId=GENERATOR, href="/ontology/organization/ftzlaw",
                                  showAs="ftzlaw"))
    for concept in ("adoption", "approval", "publication", "amendment", "revision", "repeal",
                    "commencement", "inForce"):
        refs.append(A.TLCConcept(eId=concept, href=f"/ontology/concept/{concept}", showAs=concept))
    out.append(refs)
    return out


def _work_date_name(meta: Metadata, frbr: Frbr) -> str:
    """What the work's date is: ``enactment`` (adoption, or a date given by the user),
    ``publication`` or ``approval`` when that is the event the date comes from."""
    if frbr.work_date == PROVISIONAL_DATE:
        return "unknown"
    found = meta.work_date
    if found and found[0] == frbr.work_date and found[1] in ("publication", "approval"):
        return found[1]
    return "enactment"


def _slug(body: str) -> str:
    import hashlib
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:8]


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        if node.kind in ("part", "subpart", "chapter", "section"):
            yield from _walk(node.children)


def _element(node: Node, prefix: str, qualify_chapters: bool = False):
    kind = node.kind
    if kind in ("part", "subpart", "chapter", "section"):
        if kind == "part" or (kind == "chapter" and not qualify_chapters):
            prefix = ""
        eid = division_eid(kind, node.number, prefix)
        el = getattr(A, kind)(A.num(node.num), eId=eid)
        if node.heading:
            el.append(A.heading(node.heading))
        if node.subheading:
            el.append(A.subheading(node.subheading))
        if node.intro:
            el.append(A.intro(*[A.p(text) for text in node.intro]))
        _append_all(el, node.children, eid + "__", qualify_chapters)
        return el
    if kind == "article":
        eid = article_eid(node.number, node.sub if node.number else 0)
        el = A.article(eId=eid)
        if node.num:
            el.append(A.num(node.num))
        if node.heading:
            el.append(A.heading(node.heading))
        if not node.children:
            el.append(A.paragraph(A.content(A.p()), eId=paragraph_eid(eid, 1)))
        for i, para in enumerate(node.children, 1):
            el.append(_paragraph(para, paragraph_eid(eid, i)))
        return el
    raise ValueError(kind)


def _paragraph(node: Node, eid: str):
    el = A.paragraph(eId=eid)
    _fill(el, node, eid)
    return el


def _fill(el, node: Node, eid: str) -> None:
    """Content of a paragraph or point: plain content, or intro + points."""
    if node.children:
        if node.text:
            el.append(A.intro(A.p(node.text)))
        numbers = point_numbers(child.number for child in node.children)
        for child, n in zip(node.children, numbers):
            el.append(_point(child, point_eid(eid, n)))
    else:
        el.append(A.content(A.p(node.text)))


def _point(node: Node, eid: str):
    point = A.point(A.num(node.num), eId=eid)
    _fill(point, node, eid)
    return point


def build_provision(node: Node, eid: str = ""):
    """One ``article``, ``paragraph`` (款) or ``point`` (项/目) element from a structure
    node, shaped and identified exactly as in an imported document. For callers that add
    provisions to an existing tree (``ftzlaw amend``); an article's eId comes from its
    number, a paragraph's or point's from ``eid``."""
    if node.kind == "article":
        return _element(node, "")
    if node.kind == "paragraph":
        return _paragraph(node, eid)
    if node.kind == "point":
        return _point(node, eid)
    raise ValueError(f"not a provision: {node.kind}")


__all__ = ["build_act", "build_provision"]
