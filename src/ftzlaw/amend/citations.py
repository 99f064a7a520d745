"""Citations follow renumbering: when the decision renumbers articles (or the 款 of an
article), every citation of the act's own provisions in text kept from the base —
本条例第十二条, 本解释第四条至第七条, 第八条第二款, 按照第八条的规定 — is rewritten to the
new numbers, as republished texts do, and each change is listed. A citation of a deleted
provision is left as it is and reported. Not rewritten: 前款 / 本条 (they move with their
article), citations of other acts (民法典第一百零八条, 《立法法》第八条) and text the decision
itself wrote (its quotations and replacement words: they already use the new numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..akn.xml import akn
from ..zh.numerals import article_label, cn_to_int, int_to_cn
from ..zh.patterns import N

OWN = r"本(?:条例|法|规定|办法|细则|解释|决定|规则|准则|章程|实施办法|实施细则)"
ONE = rf"第{N}条(?:之{N})?(?:第{N}款)?(?:第[（(]?{N}[)）]?项)?"
JOIN = r"(?:[、和或及与至到]|或者|以及|、第)"
# Name-ending characters: 第X条 right after one of these cites another act (民法典第五条).
OTHER_ACT = "法例定则释》典令约程章规律议见知款项目"
CITATION = re.compile(rf"(?:(?P<own>{OWN})|(?<![{OTHER_ACT}\u3001]))(?P<list>{ONE}(?:{JOIN}{ONE})*)")
PART = re.compile(rf"第({N})条(?:之({N}))?(?:第({N})款)?")


@dataclass
class CitationChange:
    article: str        # where (the new label of the citing article)
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.article}: {self.old} → {self.new}"


def _key(m: re.Match) -> tuple[int, int]:
    return cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0


def update_citations(am) -> tuple[list[CitationChange], list[str]]:
    """Rewrite the citations in the amended tree (``am`` is the amender after numbering).
    Returns the changes and the warnings (citations of deleted provisions)."""
    articles = {k: am.articles[k] for k in am.order}
    new_label: dict[tuple[int, int], tuple[int, int]] = {}
    for key, el in articles.items():
        if key in am.repealed or el.getparent() is None:
            continue
        m = PART.match(el.findtext(akn("num")) or "")
        if m:
            new_label[key] = _key(m)
    para_map: dict[tuple[int, int], dict[int, int | None]] = {}
    moved_paras = getattr(am, "para_articles", {})   # a 款 made an article → that article
    for key, el in articles.items():
        if key not in new_label:
            continue
        slots = am.para_slots.get(el, [])
        final = el.findall(akn("paragraph"))
        mapping = {}
        for i, slot in enumerate(slots, 1):
            mapping[i] = final.index(slot) + 1 if slot is not None and slot in final else None
            if slot is not None and slot in moved_paras:    # 第五条第二款改为第六条
                mapping[i] = moved_paras[slot]
        if any(v != i for i, v in mapping.items()):
            para_map[key] = mapping
    moved = any(new_label[k] != k for k in new_label) or bool(am.repealed) or bool(para_map)
    if not moved:
        return [], []
    changes: list[CitationChange] = []
    warnings: list[str] = []
    for key, art in articles.items():
        if key not in new_label:
            continue
        where = article_label(*new_label[key])
        paras = [p for p in art.iter(akn("p"))]
        paras += [p for para, new in moved_paras.items() if para in am.para_slots.get(art, [])
                  for p in para.iter(akn("p"))]
        for p in paras:
            if p in am.new_elements or p in am.fresh or len(p) or not p.text:
                continue
            text = p.text

            def fix(m: re.Match) -> str:
                whole = m.group(0)

                def one(part: re.Match) -> str:
                    k = _key(part)
                    if k in am.repealed:
                        warnings.append(f"{where} cites {whole}: {article_label(*k)} was deleted by "
                                        f"{am.repealed[k].label} (citation left as it is)")
                        return part.group(0)
                    if k not in new_label:
                        return part.group(0)      # not an article of this act: leave it
                    out = article_label(*new_label[k])
                    if part.group(3):
                        para = cn_to_int(part.group(3))
                        mapped = para_map.get(k, {}).get(para, para)
                        if mapped is not None and not isinstance(mapped, int):
                            return mapped.findtext(akn("num"))     # the 款 is an article now
                        if mapped is None:
                            warnings.append(f"{where} cites {whole}: {article_label(*k)}第"
                                            f"{int_to_cn(para)}款 was deleted (citation left as it is)")
                            mapped = para
                        out += f"第{int_to_cn(mapped)}款"
                    return out

                new = PART.sub(one, m.group("list"))
                return (m.group("own") or "") + new

            updated = CITATION.sub(fix, text)
            if updated != text:
                for a, b in zip(CITATION.finditer(text), CITATION.finditer(updated)):
                    if a.group(0) != b.group(0):
                        changes.append(CitationChange(where, a.group(0), b.group(0)))
                p.text = updated
                am.touched.add(art)
    return changes, warnings


__all__ = ["CitationChange", "update_citations"]
