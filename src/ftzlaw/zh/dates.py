"""Strict dates. A date is written YYYY-MM-DD and exists (``2022-02-30`` and the basic form
``20220101`` are refused, unlike ``date.fromisoformat``); dates as laws print them
(2022年3月31日, 二〇二二年三月三十一日) convert to that form."""

from __future__ import annotations

import datetime
import re

from ..errors import FtzlawError

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# 2022年3月31日 (ASCII or full-width digits, spaces allowed between the parts).
CN_DATE = re.compile(r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")


def parse_date(text: str) -> datetime.date:
    """The date ``text`` names, strictly YYYY-MM-DD; ValueError otherwise."""
    if not isinstance(text, str) or not ISO.fullmatch(text):
        raise ValueError(f"not a date YYYY-MM-DD: {text!r}")
    return datetime.date.fromisoformat(text)


def is_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def check_date(value: str, what: str = "the date") -> str:
    """``value`` if it is a real date written YYYY-MM-DD; else FtzlawError naming ``what``."""
    if not is_date(value):
        raise FtzlawError(f"{what} must be a date YYYY-MM-DD, got {value!r}")
    return value


# The stand-in date of a text that gives none (the importer files it under this date, FRBR
# date name ``unknown``): no real regulation has it.
PROVISIONAL_DATE = "0001-01-01"


def is_dated(date: str | None) -> bool:
    """Whether a text's date is a real one: given, and not the stand-in
    :data:`PROVISIONAL_DATE`."""
    return bool(date) and date != PROVISIONAL_DATE


# A file named after its version's date, as collections of laws name theirs:
# ``中国（上海）自由贸易试验区条例(2014-07-25).md`` (half- or full-width parentheses).
NAME_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）](?:\.\w+)?$")


def date_in_name(name: str) -> str | None:
    """The date a file's name ends in (``标题(YYYY-MM-DD).md``), if it is a real date."""
    m = NAME_DATE.search(name)
    return m.group(1) if m and is_date(m.group(1)) else None


def iso(y: str | int, m: str | int, d: str | int) -> str:
    """YYYY-MM-DD from the parts of a printed date (digits, full-width allowed)."""
    def num(v):
        return int(str(v).translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}))
    return f"{num(y):04d}-{num(m):02d}-{num(d):02d}"


# A date as laws print it, in Arabic (2022年3月31日, full-width digits allowed) or Chinese
# numerals (二〇二二年三月三十一日, 二○二二年… with the circle ○ some texts use for 〇).
_CN_DIGIT = "〇○零一二三四五六七八九"
CN_NUMERAL_DATE = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月"
                             rf"\s*([一二三四五六七八九十]{{1,4}})\s*日")
ANY_DATE = re.compile(CN_DATE.pattern + "|" + CN_NUMERAL_DATE.pattern)


def _cn_small(text: str) -> int:
    from .numerals import cn_to_int
    return cn_to_int(text)


def find_dates(text: str):
    """Every real date printed in ``text``: (start, end, YYYY-MM-DD), in order. A printed
    date that does not exist (2022年2月30日) is skipped, never corrected."""
    for m in ANY_DATE.finditer(text):
        try:
            if m.group(1):
                value = iso(m.group(1), m.group(2), m.group(3))
            else:
                year = "".join(str(_CN_DIGIT.index(c) - 2 if c not in "〇○零" else 0)
                               for c in m.group(4))
                value = iso(year, _cn_small(m.group(5)), _cn_small(m.group(6)))
        except ValueError:
            continue
        if is_date(value):
            yield m.start(), m.end(), value
