"""Metadata read from the title and 题注 (or the event lines under the title): dates,
enacting body, amendments, publication, commencement.

The 题注 is read as a list of events, one per printed date: the words after a date up to
the next date say what happened (通过, 批准, 修正, 修订, 公布/发布, 施行, 废止) and who did it.
Every form the national corpus uses is read: in parentheses or bare, one event per line or
several in one, ``根据…《…的决定》修正``, ``…会议《关于修改…的决定》第二次修正``, joint
adoptions (``最高人民法院审判委员会第1912次会议、2024年1月3日最高人民检察院…会议通过``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..zh import patterns as P
from ..zh.dates import find_dates, iso
from ..zh.numerals import NUMERAL_CHARS

_D = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_N = f"[{NUMERAL_CHARS}0-9０-９]+"
COMMENCEMENT = re.compile(r"(?:本条例|本法|本规定|本决定|本办法|本细则|本解释|本规则|本决议)"
                          r"\s*自\s*" + _D + r"\s*起\s*施行")
_INSTRUMENT = re.compile(r"《[^》]*》")
_ORDER = re.compile(r"令?第" + _N + r"号$")


def _tidy(words: str) -> str:
    """The meeting or organ of an event: the words before its verb, less 根据/由/自, an
    ordinal (第一次修订), the instrument and punctuation at the ends."""
    words = _INSTRUMENT.sub("", re.sub(r"\s+", "", words))
    words = re.sub(r"(?:第[一二三四五六七八九十]+次|通过的|的)$", "", words)
    words = re.sub(r"^(?:根据|由|经|在|于|自)", "", words.strip("　 ，,、；;。（()）"))
    return words.strip("　 ，,、；;。（()）")


def body_of(meeting: str) -> str:
    """The enacting organisation of a meeting: drop the session and meeting numbers.

    天津市第十六届人民代表大会常务委员会第二十三次会议 → 天津市人民代表大会常务委员会;
    国务院第169次常务会议 → 国务院; 中华人民共和国国务院令第354号 → 中华人民共和国国务院
    """
    body = re.sub(f"第?{_N}次(?:常务|全体)?会议$", "", meeting)
    body = re.sub(f"第?{_N}届", "", body)
    body = _ORDER.sub("", body)
    return body.strip("　 ，,、")


@dataclass
class Event:
    date: str
    kind: str            # adoption | approval | amendment | revision | publication |
    body: str            # commencement | repeal; body: the meeting or organ as printed
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

    def first(self, kind: str) -> Event | None:
        return next((e for e in self.events if e.kind == kind), None)

    @property
    def work_date(self) -> tuple[str, str] | None:
        """(date, what it is) of the work: adoption, else publication, else approval, else
        the first event's date (an amendment); None when the 题注 gives none (a commencement
        date alone is not the work's date)."""
        for kind in ("adoption", "publication", "approval"):
            ev = self.first(kind)
            if ev:
                return ev.date, kind
        if self.events:
            return self.events[0].date, self.events[0].kind
        return None

    @property
    def expression_date(self) -> str | None:
        dated = [e.date for e in self.events if e.kind in ("adoption", "amendment", "revision")]
        return max(dated) if dated else None

    @property
    def enacting_body(self) -> str | None:
        ev = self.adoption or self.first("publication") or self.first("approval")
        body = body_of(ev.body) if ev else ""
        return body or None


def read_events(caption: str, notice: bool = False) -> list[Event]:
    """The events of a 题注, in the order printed. With ``notice`` the text is a 公告 (…已于
    2016年7月11日由…会议通过，现予公布，自2016年12月1日起施行。 then its date alone): a date
    alone at its end is the publication."""
    text = caption.strip().strip("（()）")
    dates = list(find_dates(text))
    segments = []
    for k, (start, end, date) in enumerate(dates):
        stop = dates[k + 1][0] if k + 1 < len(dates) else len(text)
        segments.append((date, text[end:stop]))
    events: list[Event] = []
    pending: list[tuple[str, str]] = []   # dates of a joint act whose verb comes later
    for k, (date, words) in enumerate(segments):
        # The verbs said of this date, outside the instrument's title; 通过的《…》 names
        # the instrument (…会议通过的《…的决定》修正 is an amendment).
        bare = _INSTRUMENT.sub("《》", words)
        verbs = [m.group() for m in P.EVENT_VERB.finditer(bare.replace("通过的", ""))]
        if not verbs and "通过的" in bare:
            verbs = ["通过"]
        if not verbs:
            if notice and k == len(segments) - 1 and not _tidy(words):
                events.append(Event(date, "publication", ""))
            elif re.search(r"会议|委员会|院|部|政府", words):
                pending.append((date, words))
            continue
        # An amendment however it was adopted or approved (…批准《…》的决定第一次修正);
        # 公布施行: published and in force that day; else the first verb (…通过，现予公布).
        verb = next((v for v in verbs if v in ("修正", "修订", "修改")), verbs[0])
        kind = P.EVENT_VERBS[verb]
        if re.search(r"(?:公布|发布)\s*施行", bare):
            verb, kind = ("公布" if "公布" in bare else "发布"), "publication"
        instrument = next(iter(_INSTRUMENT.findall(words)), "")
        meeting = _tidy(words[: words.find(verb)] if verb in words else words)
        if kind == "adoption" and any(e.kind == "adoption" for e in events):
            kind = "amendment"      # a later 通过: an amending act adopted by the same body
        for d, w in pending:
            events.append(Event(d, kind, _tidy(w)))
        pending = []
        events.append(Event(date, kind, meeting, instrument.strip("《》")))
        if re.search(r"(?:公布|发布)\s*施行", bare):
            events.append(Event(date, "commencement", meeting))
    return events


def read_metadata(title: str, caption: str, body_text: str = "", notice: str = "") -> Metadata:
    """Title, 题注 and the events it gives (or, for a text printed without one, those of
    the 公告 over it), and the commencement (the 施行 article, else the 题注's 施行)."""
    meta = Metadata(title=title, caption=caption)
    events = read_events(caption) if caption.strip() or not notice else \
        read_events(notice, notice=True)
    meta.events = sorted(events, key=lambda e: e.date)
    m = COMMENCEMENT.search(re.sub(r"\s+", "", body_text))
    if m:
        meta.commencement = iso(*m.groups())
    else:
        ev = meta.first("commencement")
        if ev:
            meta.commencement = ev.date
    meta.events = [e for e in meta.events if e.kind != "commencement"]
    return meta
