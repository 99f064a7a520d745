"""Chinese numerals as legislation prints them: 一 … 九, 十, 二十一, 一百零五, 一百一十,
一千零一, 一万零二十, 十二万, 三亿. Reading is strict: a string that is not a well-formed
numeral (十十, 二二, 百五十, 万万) is a ValueError, never a guess."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(BIG_UNITS)
_CN = "零一二三四五六七八九"


def _below_10000(text: str, whole: str) -> int:
    """A group of at most 千百十个: units strictly falling, one digit before each unit,
    零 only where a unit is skipped."""
    if not text:
        raise ValueError(f"not a Chinese numeral: {whole!r}")
    total, digit, last_unit, zero = 0, None, 10_000, False
    for ch in text:
        if ch in DIGITS:
            value = DIGITS[ch]
            if value == 0:
                if digit is not None or zero:
                    raise ValueError(f"not a Chinese numeral: {whole!r}")
                zero = True
                continue
            if digit is not None or (zero and last_unit == 10_000):     # 二二, 零五
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            digit = value
        else:
            unit = UNITS[ch]
            if unit >= last_unit or (zero and digit is None):
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            if digit is None:
                if unit != 10:          # only 十 stands alone (十二, 一百十 as some texts write)
                    raise ValueError(f"not a Chinese numeral: {whole!r}")
                digit = 1
            total += digit * unit
            digit, last_unit, zero = None, unit, False
    if zero and digit is None and text not in ("零", "〇"):
        raise ValueError(f"not a Chinese numeral: {whole!r}")
    return total + (digit or 0)


def cn_to_int(text: str) -> int:
    """Value of a Chinese numeral; raises ValueError for anything else.

    >>> cn_to_int("六十八"), cn_to_int("十二"), cn_to_int("一百零五"), cn_to_int("一万零一")
    (68, 12, 105, 10001)
    """
    if not text or any(c not in NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, rest = 0, text
    for big, value in (("亿", 100_000_000), ("万", 10_000)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest or not head:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total += cn_to_int(head) * value if big == "亿" else _below_10000(head, text) * value
            if rest.startswith(("零", "〇")) and len(rest) > 1:
                rest = rest[1:]
    if rest:
        total += _below_10000(rest, text)
    return total


def _group(n: int) -> str:
    """0 < n < 10,000 as printed alone: 十, 二十一, 一百零五, 一百一十, 一千零一十."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN[tens] + "十" + (_CN[ones] if ones else "")
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if zero and out else "") + _CN[d] + name
            zero = False
        elif out:
            zero = True
    return out


def int_to_cn(n: int) -> str:
    """The numeral as legislation prints it: 10 → 十, 21 → 二十一, 105 → 一百零五,
    110 → 一百一十, 10,010 → 一万零一十, 120,000 → 十二万."""
    if n < 0:
        raise ValueError("negative")
    if n < 10_000:
        return _group(n)
    for value, name in ((100_000_000, "亿"), (10_000, "万")):
        if n >= value:
            head, rest = divmod(n, value)
            out = int_to_cn(head) + name
            if rest == 0:
                return out
            tail = int_to_cn(rest)
            if rest < value // 10:          # a skipped place: 一万零五, 一万零一十
                if 10 <= rest < 20:
                    tail = "一" + tail
                return out + "零" + tail
            if tail.startswith("十"):
                tail = "一" + tail
            return out + tail
    raise AssertionError(n)


def article_label(n: int, sub: int = 0) -> str:
    """第十条 / 第十条之一."""
    return f"第{int_to_cn(n)}条" + (f"之{int_to_cn(sub)}" if sub else "")
