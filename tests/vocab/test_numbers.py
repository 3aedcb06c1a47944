"""Vietnamese number display: decimal comma, dot thousands, half up to one decimal."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from kehoach_cli.vocab.numbers import (
    Numeric,
    format_count,
    format_number,
    format_percent,
    format_signed,
    format_value,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (93.333, "93,3"),
        (12.25, "12,3"),  # round() would give 12.2 (half to even on a binary float)
        (100, "100"),
        (100.0, "100"),
        (12500, "12.500"),
        (1250000, "1.250.000"),
        (1250000.55, "1.250.000,6"),
        (999, "999"),
        (1000, "1.000"),
        (0.05, "0,1"),
        (0.04, "0"),
        (0, "0"),
        (Fraction(280, 3), "93,3"),
        (Fraction(1, 20), "0,1"),  # exactly on the boundary: up
        (Fraction(2800, 27), "103,7"),
        (2.675, "2,7"),  # the float 2.675 is 2.67499999...; taken as written
        (99.95, "100"),
        (99.94, "99,9"),
        (17.5, "17,5"),
        (Decimal("12.25"), "12,3"),
        (-12.25, "-12,3"),  # half away from zero
        (-1250.5, "-1.250,5"),
        (Fraction(-1, 20), "-0,1"),
        (-0.04, "0"),  # no "-0"
        (Fraction(-1, 30), "0"),
        (1e15, "1.000.000.000.000.000"),
        (Fraction(10**30, 3), "333.333.333.333.333.333.333.333.333.333,3"),
    ],
)
def test_format_number(value: Numeric, expected: str) -> None:
    assert format_number(value) == expected


def test_format_number_with_other_places() -> None:
    assert format_number(Fraction(280, 3), 2) == "93,33"
    assert format_number(12.5, 0) == "13"
    assert format_number(Fraction(5, 2), 0) == "3"
    assert format_number(1234.5678, 3) == "1.234,568"


def test_round_half_up_is_exact() -> None:
    assert round_half_up(Fraction(280, 3)) == Decimal("93.3")
    assert round_half_up(Fraction(1, 20)) == Decimal("0.1")
    assert round_half_up(12.25) == Decimal("12.3")
    huge = Fraction(10**40 + 1, 20)  # 5·10^38 + 0,05: more digits than Decimal's default
    assert round_half_up(huge) == Decimal("5" + "0" * 38 + ".1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(93.333, "93,3%"), (12.25, "12,3%"), (100, "100%"), (Fraction(280, 3), "93,3%"),
     (110, "110%"), (0, "0%"), (12500, "12.500%")],
)
def test_format_percent(value: Numeric, expected: str) -> None:
    assert format_percent(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (17.5, "%", "17,5%"),
        (70, "% dân số", "70% dân số"),
        (Fraction(309, 5), "% dân số", "61,8% dân số"),
        (1250, "hồ sơ", "1.250 hồ sơ"),
        (12.25, "tỷ đồng", "12,3 tỷ đồng"),
        (3, "", "3"),
    ],
)
def test_format_value(value: Numeric, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.5, "+3,5"), (-1, "-1"), (0, "0"), (0.04, "0"), (-0.04, "0"), (Fraction(7, 5), "+1,4"),
     (12500, "+12.500"), (-0.05, "-0,1")],
)
def test_format_signed(value: Numeric, expected: str) -> None:
    assert format_signed(value) == expected


def test_a_boolean_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        format_number(True)


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_a_non_finite_float_is_refused(value: float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0"), (1, "01"), (9, "09"), (10, "10"), (12, "12"),
                            (1250, "1.250"), (-3, "-3")],
)
def test_format_count_pads_below_ten(value: int, expected: str) -> None:
    assert format_count(value) == expected


@pytest.mark.parametrize("value", [2.5, True, Fraction(1, 2)])
def test_format_count_takes_whole_numbers_only(value: object) -> None:
    with pytest.raises(TypeError):
        format_count(value)  # type: ignore[arg-type]
