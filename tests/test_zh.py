"""The shared base layer: Chinese numerals, folding, strict dates, eId rules."""

import pytest
from hypothesis import given, strategies as st

from ftzlaw.akn.eid import article_eid, division_eid, paragraph_eid, point_eid, point_numbers
from ftzlaw.errors import FtzlawError
from ftzlaw.zh.dates import check_date, is_date, iso
from ftzlaw.zh.fold import fold
from ftzlaw.zh.numerals import article_label, cn_to_int, int_to_cn


@given(st.integers(min_value=0, max_value=10**12))
def test_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize("n, text", [
    (10, "十"), (12, "十二"), (21, "二十一"), (105, "一百零五"), (110, "一百一十"),
    (1000, "一千"), (1010, "一千零一十"), (1100, "一千一百"), (9999, "九千九百九十九"),
    (10_000, "一万"), (10_001, "一万零一"), (10_010, "一万零一十"), (10_100, "一万零一百"),
    (11_000, "一万一千"), (100_000, "十万"), (110_000, "十一万"), (120_500, "十二万零五百"),
    (1_000_000, "一百万"), (100_000_000, "一亿"), (100_001_000, "一亿零一千"),
])
def test_numerals_as_printed(n, text):
    assert int_to_cn(n) == text
    assert cn_to_int(text) == n


@pytest.mark.parametrize("bad", ["十十", "二二", "百五十", "万万", "零五", "一百零", "一零零",
                                 "万", "二〇二二", "", "十a"])
def test_malformed_numerals_refused(bad):
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_colloquial_forms_read():
    assert cn_to_int("一百十") == 110 and cn_to_int("两千") == 2000 and cn_to_int("零") == 0
    assert article_label(10_000) == "第一万条" and article_label(10, 1) == "第十条之一"


def test_fold_keeps_positions():
    text = "（一）“A”,２０２２－"
    assert len(fold(text)) == len(text)
    assert fold(text) == fold("(一)\"A\"，2022—")


@pytest.mark.parametrize("value, ok", [("2022-03-31", True), ("2022-02-30", False),
                                       ("20220101", False), ("2022-1-5", False), ("", False)])
def test_dates_strict(value, ok):
    assert is_date(value) is ok
    if not ok:
        with pytest.raises(FtzlawError, match="--date must be a date"):
            check_date(value, "--date")


def test_iso_from_printed_parts():
    assert iso("２０２２", "3", "1") == "2022-03-01"


def test_eid_rules():
    assert article_eid(10) == "art_10" and article_eid(10, 1) == "art_10-1"
    assert division_eid("chapter", 3) == "chp_3"
    assert division_eid("section", 1, "chp_2__") == "chp_2__sec_1"
    assert paragraph_eid("art_3", 2) == "art_3__para_2"
    assert point_eid("art_3__para_1", 2) == "art_3__para_1__point_2"
    assert point_numbers([1, 2, None, 2]) == [1, 2, 3, 4]
