"""Chinese numerals as used in legislation: 一 … 九, 十, 二十一, 一百零五, 一百一十."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_CN = "零一二三四五六七八九"


def cn_to_int(text: str) -> int:
    """Value of a Chinese numeral; raises ValueError for anything else.

    >>> cn_to_int("六十八"), cn_to_int("十二"), cn_to_int("一百零五")
    (68, 12, 105)
    """
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            unit = UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """The numeral as legislation prints it: 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if n < 0:
        raise ValueError("negative")
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN[tens] + "十" + (_CN[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _CN[hundreds] + "百"
        if rest < 10:
            return _CN[hundreds] + "百零" + _CN[rest]
        tail = int_to_cn(rest)
        if rest < 20:
            tail = "一" + tail  # 一百一十, not 一百十
        return _CN[hundreds] + "百" + tail
    thousands, rest = divmod(n, 1000)
    if rest == 0:
        return _CN[thousands] + "千"
    tail = int_to_cn(rest)
    if rest < 100:
        tail = "零" + (("一" + tail) if 10 <= rest < 20 else tail)
    return _CN[thousands] + "千" + tail


def article_label(n: int, sub: int = 0) -> str:
    """第十条 / 第十条之一."""
    return f"第{int_to_cn(n)}条" + (f"之{int_to_cn(sub)}" if sub else "")


def article_eid(n: int, sub: int = 0) -> str:
    return f"art_{n}" + (f"-{sub}" if sub else "")
