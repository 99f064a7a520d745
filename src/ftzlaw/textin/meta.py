"""Metadata read from the title and 题注: dates, enacting body, amendments, commencement."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..zh.dates import iso
from ..zh.numerals import NUMERAL_CHARS

_D = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_N = f"[{NUMERAL_CHARS}]+"
ADOPTION = re.compile(_D + r"\s*([^\s　（(）)]*?会议)\s*通过")
APPROVAL = re.compile(_D + r"\s*([^\s　（(）)]*?会议)\s*批准")
AMENDED = re.compile(r"根据\s*" + _D + r"\s*([^\s　《]*?会议)\s*(?:通过的)?\s*《([^》]+)》\s*(修正|修订)")
REVISED = re.compile(_D + r"\s*([^\s　（(）)《]*?会议)\s*(修订|修正)")
COMMENCEMENT = re.compile(r"(?:本条例|本法|本规定|本决定|本办法)\s*自\s*" + _D + r"\s*起\s*施行")


def body_of(meeting: str) -> str:
    """The enacting organisation of a meeting: drop the session and meeting numbers.

    天津市第十六届人民代表大会常务委员会第二十三次会议 → 天津市人民代表大会常务委员会
    """
    body = re.sub(f"第{_N}次会议$", "", meeting)
    body = re.sub(f"第{_N}届", "", body)
    return body


@dataclass
class Event:
    date: str
    kind: str            # adoption | amendment | revision | approval
    body: str            # the meeting as printed
    instrument: str = ""  # the amending decision's title, where named


@dataclass
class Metadata:
    title: str = ""
    caption: str = ""
    events: list[Event] = field(default_factory=list)
    commencement: str | None = None

    @property
    def adoption(self) -> Event | None:
        return next((e for e in self.events if e.kind == "adoption"), None)

    @property
    def expression_date(self) -> str | None:
        dated = [e.date for e in self.events if e.kind in ("adoption", "amendment", "revision")]
        return max(dated) if dated else None

    @property
    def enacting_body(self) -> str | None:
        a = self.adoption
        return body_of(a.body) if a else None


def read_metadata(title: str, caption: str, body_text: str = "") -> Metadata:
    meta = Metadata(title=title, caption=caption)
    for m in ADOPTION.finditer(caption):
        meta.events.append(Event(iso(*m.groups()[:3]), "adoption", m.group(4)))
        break
    for m in APPROVAL.finditer(caption):
        meta.events.append(Event(iso(*m.groups()[:3]), "approval", m.group(4)))
    amended_spans = []
    for m in AMENDED.finditer(caption):
        kind = "amendment" if m.group(6) == "修正" else "revision"
        meta.events.append(Event(iso(*m.groups()[:3]), kind, m.group(4), m.group(5)))
        amended_spans.append(m.span())
    for m in REVISED.finditer(caption):
        if any(a <= m.start() < b for a, b in amended_spans):
            continue
        kind = "revision" if m.group(5) == "修订" else "amendment"
        meta.events.append(Event(iso(*m.groups()[:3]), kind, m.group(4)))
    meta.events.sort(key=lambda e: e.date)
    m = COMMENCEMENT.search(re.sub(r"\s+", "", body_text))
    if m:
        meta.commencement = iso(*m.groups())
    return meta
