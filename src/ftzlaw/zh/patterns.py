"""Regular expressions for the labels of PRC legislation (编/分编/章/节/条/项/目)."""

import re
from typing import Iterator, NamedTuple

from .numerals import NUMERAL_CHARS, cn_to_int

N = f"[{NUMERAL_CHARS}]+"
# The division words and the AKN element each one is (编 → part …), in rank order.
DIVISION_KIND = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}
DIVISION_WORD = {kind: word for word, kind in DIVISION_KIND.items()}
SP = "[ \t\u3000\u00a0]"

# A division heading alone on its line: 第一章　总　　则 / 第二节 … / 第一编 / 第一分编
DIVISION = re.compile(rf"^第({N})(分编|编|章|节){SP}*(.*)$")
# An article start: 第十条 / 第十条之一, optionally with a bracketed heading 【…】. A stray
# space inside the label (第四百一十四 条, a typesetting slip of real texts) is layout.
ARTICLE = re.compile(rf"^第({N}){SP}?条(?:之({N}))?({SP}*)(?:【([^】]*)】)?(.*)$", re.S)


def article_label_of(m: re.Match) -> str:
    """The label of an ARTICLE match as printed, less a stray space: 第十条, 第十条之一."""
    return f"第{m.group(1)}条" + (f"之{m.group(2)}" if m.group(2) else "")
# An item （一） / (一), and a sub-item 1． / 1.
ITEM = re.compile(rf"^([（(]({N})[)）]){SP}*(.*)$", re.S)
SUBITEM = re.compile(rf"^((\d+)[．.]){SP}*(.*)$", re.S)
# Page-number debris left by PDF extraction: - 1930 -, －22－, — 3 — (any layout) and a bare
# 22 (PDF layout only: in a one-paragraph-per-line text a number alone may be text).
PAGE_NUMBER = re.compile(r"^[\s\u3000]*[-－—–]+[\s\u3000]*\d{1,4}[\s\u3000]*[-－—–]+[\s\u3000]*$")
BARE_NUMBER = re.compile(r"^[\s\u3000]*\d{1,4}[\s\u3000]*$")
# Characters XML 1.0 cannot hold (form feed and vertical tab are read as line breaks first).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TOC = re.compile(rf"^目{SP}*录$")
# Line breaks besides LF: CRLF, CR, NEL (U+0085), LS, PS, form feed (pdftotext's page break)
# and vertical tab (Word's manual line break).
LINE_BREAKS = ("\r\n", "\r", "\x85", "\u2028", "\u2029", "\f", "\v")
# Characters that take no room: zero-width space/joiners, word joiner, BOM, soft hyphen,
# direction marks. At a line's ends they are layout (as spaces are); inside a line, text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u180e"
# What a line is stripped of at both ends: spaces of every width and the invisibles.
LINE_STRIP = " \t\u3000\u00a0\u2002\u2003\u2009\u202f" + INVISIBLE
# An official document number printed under the title: 法释〔2003〕20号, 国发〔2020〕5号.
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,8}[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*第?\d+\s*号$")
# A 公告 (announcement) heading, as printed over a judicial interpretation: 公 告 / 公告.
NOTICE = re.compile(rf"^公{SP}*告$")
# The 题注, in parentheses or bare as collections print it.
CAPTION_OPEN = re.compile(r"^[（(]\s*(?:\d{4}\s*年|$)")
CAPTION_BARE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?![，,、]).*(通过|批准|修正|修订|公布|发布|施行|废止)")
# A printed date, Arabic or Chinese digits: 2022年3月31日 / 二〇二二年三月三十一日.
_DATE = (r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
         r"\s*[\d一二三四五六七八九十]{1,4}\s*日")
# A line opening with a full date (an event line of a 题注, when it is not a sentence).
DATE_START = re.compile(rf"^{_DATE}(?![，,、])")
# A heading numbered 一、 (the parts of an interpretation or decision without 章).
ENUM_HEADING = re.compile(rf"^[{NUMERAL_CHARS}]+、")
# A date alone on its line (the date under a 公告).
DATE_LINE = re.compile(rf"^{_DATE}$")
# The verbs of the events a 题注 records, and the kind of each event.
EVENT_VERBS = {"通过": "adoption", "批准": "approval", "修正": "amendment", "修订": "revision",
               "修改": "amendment",
               "公布": "publication", "发布": "publication", "施行": "commencement",
               "废止": "repeal"}
EVENT_VERB = re.compile("|".join(EVENT_VERBS))
# A line ends a paragraph when it ends in one of these (optionally closed by quotes/brackets).
PARA_END = re.compile(r"[。；：？！;:?!…][”’」』）)》\"']*$")
WS = re.compile(r"[\s\u3000]+")

# Words that, right after 第X条 with no separator, show a citation rather than a new article
# (第十条规定…, 第十条所称…, 第十条第二款…); 规 alone is not one: 第一条规范… opens an article.
CITATION_FOLLOWERS = ("规定", "所", "的", "中", "第", "款", "项", "之", "、", "，", "。", "；",
                      "和", "或", "及", "至", "以外", "以下", "以上", "以及", "以前", "以后")

# An article's number as printed (第十条 / 第十条之一): group 1 the number, group 2 the 之
# sub-number. Use .fullmatch for a whole <num>, .search inside text. (Its eId: akn.eid.)
ARTICLE_NUM = re.compile(rf"第({N})条(?:之({N}))?")
# Citations of the act's own articles: 本条例第十二条 / 本法第十条之一第二款 /
# 本条例第五条、第六条 / 本条例第十二条至第十五条 (a range: its two ends). Read with citations().
CITE = re.compile(rf"本(?:条例|法|规定|办法|细则)((?:[、和或及与至]?第{N}条(?:之{N})?(?:第{N}款)?)+)")
CITE_ONE = re.compile(rf"第({N})条(?:之({N}))?(?:第({N})款)?")


def article_key(m: re.Match) -> tuple[int, int]:
    """(number, 之 sub) of an ARTICLE_NUM / CITE_ONE match (Chinese numerals) or an
    ARTICLE_EID match (digits): 第十条之一 → (10, 1), art_10 → (10, 0)."""
    n, sub = m.group(1), m.group(2)
    if n.isdigit():
        return int(n), int(sub or 0)
    return cn_to_int(n), cn_to_int(sub) if sub else 0


class Citation(NamedTuple):
    """One article cited by the act itself: ``text`` as it reads alone (本条例第六条),
    ``label`` the article as printed (第六条), ``key`` (6, 0), ``paragraph`` the 款 or None."""

    text: str
    label: str
    key: tuple[int, int]
    paragraph: int | None


def citations(text: str) -> Iterator[Citation]:
    """Every article a text cites as its own (本条例第X条…), each of a list or range apart:
    本条例第二条、第三条 → 本条例第二条, 本条例第三条."""
    for cite in CITE.finditer(text):
        own = cite.group(0)[: cite.start(1) - cite.start(0)]     # 本条例 / 本法
        for one in CITE_ONE.finditer(cite.group(1)):
            label = f"第{one.group(1)}条" + (f"之{one.group(2)}" if one.group(2) else "")
            yield Citation(own + one.group(0), label, article_key(one),
                           cn_to_int(one.group(3)) if one.group(3) else None)
