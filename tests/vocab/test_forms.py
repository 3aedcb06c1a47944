"""The intended form of values written the Vietnamese way, computed from the value."""

from __future__ import annotations

import pytest

from kehoach_cli.vocab.forms import (
    date_form,
    decimal_words,
    impossible_date,
    number_form,
    number_words,
    period_form,
    thousands,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250", 1250), ("12.500", 12500), ("-1.250", -1250), ("999.999", 999999),
        ("1.200.000", 1200000),
        ("1.25", None), ("12.5", None), ("1250", None), ("1.2500", None), ("1234.567", None),
        ("0.250", 250),  # "0.250" reads as 0,25 in YAML; as a thousands group it is odd, but
        # a Vietnamese reader still sees a dot before three digits
    ],
)
def test_thousands(text: str, expected: int | None) -> None:
    assert thousands(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", "12.5"), ("0,75", "0.75"), ("-3,25", "-3.25"),
        ("70%", "70"), ("70 %", "70"), ("12,5%", "12.5"), ("\u00a012,5\u00a0", "12.5"),
        ("1.200.000", "1200000"), ("1.250,5", "1250.5"), ("1 250", "1250"),
        ("1\u00a0250\u00a0000", "1250000"), ("12", "12"), (" 17.5 ", "17.5"),
        ("1,250", None),  # decimal comma, or thousands the English way: a person decides
        ("1.250", None),  # YAML's 1,25 or the Vietnamese 1.250: a person decides
        ("mười hai", None), ("", None), ("%", None), ("12,5,3", None), ("1.2.3", None),
    ],
)
def test_number_form(text: str, expected: str | None) -> None:
    assert number_form(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/06/2026", "2026-06-15"), ("15/6/2026", "2026-06-15"), ("5/6/2026", "2026-06-05"),
        ("15-06-2026", "2026-06-15"), ("15.06.2026", "2026-06-15"),
        ("15 / 06 / 2026", "2026-06-15"),
        ("ngày 15 tháng 6 năm 2026", "2026-06-15"), ("Ngày 15 tháng 06 năm 2026", "2026-06-15"),
        ("15 tháng 6 năm 2026", "2026-06-15"), ("ngày  5  tháng 6 năm 2026.", "2026-06-05"),
        ("2026/06/15", "2026-06-15"), ("2026.6.15", "2026-06-15"),
        ("06/15/2026", None),  # no 15th month: the American order is not guessed
        ("30/02/2026", None), ("15/06/26", None), ("tháng 6 năm 2026", None), ("hôm nay", None),
    ],
)
def test_date_form(text: str, expected: str | None) -> None:
    assert date_form(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý III/2026", "2026-Q3"), ("quý 3 năm 2026", "2026-Q3"), ("Quý II năm 2026", "2026-Q2"),
        ("Q3/2026", "2026-Q3"), ("Q3-2026", "2026-Q3"), ("q4 2026", "2026-Q4"),
        ("2026-q3", "2026-Q3"), ("2026-Q03", "2026-Q3"), ("2026 Q3", "2026-Q3"),
        ("2026_Q1", "2026-Q1"), ("Quy IV/2026", "2026-Q4"), ("quý I, 2026", "2026-Q1"),
        ("2026-Q5", None), ("Quý V/2026", None), ("2026", None), ("tháng 3/2026", None),
    ],
)
def test_period_form(text: str, expected: str | None) -> None:
    assert period_form(text) == expected


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"), (1, "một"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
        (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"),
        (25, "hai mươi lăm"), (105, "một trăm linh năm"), (110, "một trăm mười"),
        (250, "hai trăm năm mươi"), (1000, "một nghìn"), (1005, "một nghìn không trăm linh năm"),
        (1250, "một nghìn hai trăm năm mươi"), (12500, "mười hai nghìn năm trăm"),
        (1200000, "một triệu hai trăm nghìn"), (1000001, "một triệu không trăm linh một"),
        (2_000_000_000, "hai tỷ"), (-1250, "âm một nghìn hai trăm năm mươi"),
    ],
)
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1.25", "một phẩy hai mươi lăm"), ("1.250", "một phẩy hai mươi lăm"),
        ("12.5", "mười hai phẩy năm"), ("1.05", "một phẩy không năm"), ("3", "ba"),
        ("3.0", "ba"), ("-0.5", "âm không phẩy năm"),
    ],
)
def test_decimal_words(text: str, words: str) -> None:
    assert decimal_words(text) == words


@pytest.mark.parametrize(("text", "expected"), [
    ("31/02/2026", "tháng 2 năm 2026 chỉ có 28 ngày"),
    ("29/02/2028", None),  # a leap year: a real day
    ("ngày 31 tháng 4 năm 2026", "tháng 4 năm 2026 chỉ có 30 ngày"),
    ("32/01/2026", "tháng 1 năm 2026 chỉ có 31 ngày"),
    ("15/13/2026", "không có tháng 13"),
    ("06/15/2026", "không có tháng 15; nếu là ngày 15 tháng 6 (viết tháng trước, kiểu Excel "
                   "tiếng Anh) thì viết 2026-06-15"),
    ("15/06/2026", None),
    ("hôm qua", None),
])
def test_impossible_date(text: str, expected: str | None) -> None:
    assert impossible_date(text) == expected
