"""Dates and numbering lines in the form of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from kehoach_cli.vocab.dates import date_line, nd30_date, roman, short_date, so_line


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (1994, "MCMXCIV"),
    ],
)
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        roman(n)


def test_roman_rejects_bool() -> None:
    with pytest.raises(TypeError):
        roman(True)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (dt.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2028, 2, 9), "ngày 09 tháng 02 năm 2028"),
        (dt.date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
        (dt.date(2026, 6, 9), "ngày 09 tháng 6 năm 2026"),
        (dt.date(2026, 6, 26), "ngày 26 tháng 6 năm 2026"),
        (dt.date(2026, 8, 15), "ngày 15 tháng 8 năm 2026"),
        (dt.date(2026, 10, 1), "ngày 01 tháng 10 năm 2026"),
        (dt.date(2026, 12, 10), "ngày 10 tháng 12 năm 2026"),
    ],
)
def test_nd30_date_zero_rules(day: dt.date, expected: str) -> None:
    assert nd30_date(day) == expected


@pytest.mark.parametrize("month", range(3, 13))
def test_months_after_february_have_no_leading_zero(month: int) -> None:
    assert f"tháng {month} năm" in nd30_date(dt.date(2026, month, 1))
    assert "tháng 0" not in nd30_date(dt.date(2026, month, 1))


def test_date_line() -> None:
    assert date_line("Vũ Dương", dt.date(2026, 6, 26)) == "Vũ Dương, ngày 26 tháng 6 năm 2026"
    assert date_line("  Vũ   Dương ", dt.date(2027, 1, 5)) == "Vũ Dương, ngày 05 tháng 01 năm 2027"


def test_date_line_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Vũ Dương")
    line = date_line(decomposed, dt.date(2026, 6, 26))
    assert line == unicodedata.normalize("NFC", line)
    assert line.startswith("Vũ Dương, ")


def test_date_line_needs_a_place() -> None:
    with pytest.raises(ValueError):
        date_line("  ", dt.date(2026, 6, 26))


@pytest.mark.parametrize(
    ("so", "expected"),
    [
        (15, "Số: 15/BC-BCĐ"),
        (5, "Số: 05/BC-BCĐ"),
        (1, "Số: 01/BC-BCĐ"),
        (10, "Số: 10/BC-BCĐ"),
        (123, "Số: 123/BC-BCĐ"),
        (None, "Số:      /BC-BCĐ"),
    ],
)
def test_so_line(so: int | None, expected: str) -> None:
    assert so_line(so, "BC-BCĐ") == expected


def test_so_line_draft_has_six_spaces() -> None:
    assert so_line(None, "BC-BCĐ") == "Số:" + " " * 6 + "/BC-BCĐ"


def test_so_line_keeps_mixed_case_symbols() -> None:
    assert so_line(3, "CTr-UBND") == "Số: 03/CTr-UBND"


@pytest.mark.parametrize(("so", "symbol"), [(0, "BC-BCĐ"), (-2, "BC-BCĐ"), (1, ""), (1, "BC BCĐ")])
def test_so_line_rejects_bad_input(so: int, symbol: str) -> None:
    with pytest.raises(ValueError):
        so_line(so, symbol)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 6, 23), "23/6/2026"),
        (dt.date(2027, 1, 5), "5/1/2027"),
        (dt.date(2026, 12, 10), "10/12/2026"),
    ],
)
def test_short_date(day: dt.date, expected: str) -> None:
    assert short_date(day) == expected
