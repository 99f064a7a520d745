"""What the amended document says about itself: the new expression's FRBR identity (dated
by the decision), a lifecycle ``amendment`` event, the decision and each of its instructions
as ``passiveRef``, one ``textualMod`` per instruction in ``<analysis>``, and the 题注
extended with the amendment as official consolidated texts print it."""

from __future__ import annotations

import re

from ..akn.frbr import Frbr, number_for, work_uri
from ..akn.xml import A, NS, akn
from ..errors import FtzlawError
from ..zh.dates import check_date

# The order of <meta>'s children in the official schema.
META_ORDER = ["identification", "publication", "classification", "lifecycle", "workflow",
              "analysis", "temporalData", "references", "notes", "proprietary", "presentation"]


def _find(el, path):
    return el.find(path, {"a": NS})


def _place_in_meta(meta, el):
    """Insert ``el`` into <meta> where the schema wants it (after its predecessors)."""
    name = el.tag.split("}")[1]
    rank = META_ORDER.index(name)
    after = None
    for child in meta:
        if isinstance(child.tag, str) and META_ORDER.index(child.tag.split("}")[1]) <= rank:
            after = child
    if after is None:
        meta.insert(0, el)
    else:
        after.addnext(el)
    return el


def _child(meta, name):
    el = _find(meta, f"a:{name}")
    if el is None:
        el = _place_in_meta(meta, getattr(A, name)(source="#ftzlaw"))
    return el


def _next_id(root, prefix: str) -> int:
    pat = re.compile(rf"^{prefix}_(\d+)$")
    used = [int(m.group(1)) for el in root.iter() if isinstance(el.tag, str)
            for m in [pat.match(el.get("eId") or "")] if m]
    return max(used, default=0) + 1


def decision_expression_uri(decision, place: str) -> str:
    """The expression URI of the decision itself (it is a work of its own)."""
    work = work_uri(place, "decision", decision.date, number_for(decision.title))
    return f"{work}/zho@{decision.date}"


def record_amendment(result, base_doc) -> None:
    decision = result.decision
    root = result.tree.getroot()
    act = root[0]
    meta = _find(act, "a:meta")
    if not decision.date:
        raise FtzlawError("the decision's 题注 gives no adoption date; give it with --date")
    check_date(decision.date, "the decision's date")
    base_date = base_doc.expression_date
    if base_date and decision.date <= base_date:
        raise FtzlawError(f"the decision ({decision.date}) is not later than the base text's "
                          f"version ({base_date})")
    if not base_doc.work_uri:
        raise FtzlawError("the base document has no FRBR work URI")
    frbr = Frbr.build(base_doc.work_uri, decision.date)

    ident = _find(meta, "a:identification")
    expr = _find(ident, "a:FRBRExpression")
    _find(expr, "a:FRBRthis").set("value", frbr.expression + "/!main")
    _find(expr, "a:FRBRuri").set("value", frbr.expression)
    _find(expr, "a:FRBRdate").set("date", frbr.expression_date)
    manif = _find(ident, "a:FRBRManifestation")
    _find(manif, "a:FRBRthis").set("value", frbr.manifestation)
    _find(manif, "a:FRBRuri").set("value", frbr.manifestation)
    _find(manif, "a:FRBRdate").set("date", frbr.expression_date)
    act.set("contains", "singleVersion")

    refs = _child(meta, "references")
    lifecycle = _child(meta, "lifecycle")
    k = _next_id(root, "amendment")
    ref_id = f"amendment_{k}"
    d_expr = decision_expression_uri(decision, frbr.place)
    refs_anchor = _find(refs, "a:original")
    new_refs = [A.passiveRef(eId=ref_id, href=d_expr, showAs=decision.title)]
    for rec in result.applied:
        new_refs.append(A.passiveRef(eId=f"{ref_id}__item_{rec.instruction.number}",
                                     href=f"{d_expr}#item_{rec.instruction.number}",
                                     showAs=f"{rec.instruction.label}"))
    closing_id = f"{ref_id}__closing"
    if result.renumbered_by_closing:
        new_refs.append(A.passiveRef(eId=closing_id, href=f"{d_expr}#closing",
                                     showAs="".join(decision.closing)[:80] or "对条文顺序作相应调整"))
    for el in reversed(new_refs):
        if refs_anchor is not None:
            refs_anchor.addnext(el)
        else:
            refs.insert(0, el)
    for concept in ("amendment", "commencement"):
        if not any(c.get("eId") == concept for c in refs.iter(akn("TLCConcept"))):
            refs.append(A.TLCConcept(eId=concept, href=f"/ontology/concept/{concept}",
                                     showAs=concept))
    lifecycle.append(A.eventRef(eId=f"e_{ref_id}", date=decision.date, source=f"#{ref_id}",
                                type="amendment", refersTo="#amendment"))
    if decision.commencement and decision.commencement != "publication":
        lifecycle.append(A.eventRef(eId=f"e_{ref_id}_commencement", date=decision.commencement,
                                    source=f"#{ref_id}", refersTo="#commencement"))

    analysis = _find(meta, "a:analysis")
    if analysis is None:
        analysis = _place_in_meta(meta, A.analysis(source="#ftzlaw"))
    passive = _find(analysis, "a:passiveModifications")
    if passive is None:
        passive = A.passiveModifications()
        active = _find(analysis, "a:activeModifications")
        if active is not None:
            active.addnext(passive)
        else:
            analysis.insert(0, passive)
    n = _next_id(root, "pmod")
    for rec in result.applied:
        mod = A.textualMod(A.source(href=f"#{ref_id}__item_{rec.instruction.number}"),
                           type=rec.type, eId=f"pmod_{n}")
        for href in rec.destinations or ["#" + ref_id]:
            mod.append(A.destination(href=href))
        passive.append(mod)
        n += 1
    moved = result.renumbered_by_closing
    if moved:
        mod = A.textualMod(A.source(href=f"#{closing_id}"), type="renumbering", eId=f"pmod_{n}")
        for eid in moved:
            mod.append(A.destination(href=f"#{eid}"))
        passive.append(mod)

    caption = _find(act, "a:preface/a:p[@class='caption']")
    if caption is not None and caption.text and decision.meeting:
        text = caption.text
        title = decision.title.replace("《", "〈").replace("》", "〉")
        y, m, d = (int(x) for x in decision.date.split("-"))
        note = f"根据{y}年{m}月{d}日{decision.meeting}《{title}》修正"
        close = text.rstrip()[-1:]
        if close in "）)":
            body = text.rstrip()[:-1].rstrip()
            caption.text = f"{body}\u3000{note}{close}"
