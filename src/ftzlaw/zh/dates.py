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


def iso(y: str | int, m: str | int, d: str | int) -> str:
    """YYYY-MM-DD from the parts of a printed date (digits, full-width allowed)."""
    def num(v):
        return int(str(v).translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}))
    return f"{num(y):04d}-{num(m):02d}-{num(d):02d}"
