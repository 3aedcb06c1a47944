"""vocab/phrases.py: the phrases the status view and the report share."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kehoach_cli.vocab.phrases import catch_up_text, pace_text


@pytest.mark.parametrize(
    ("needed", "unit", "comparison", "cumulative", "expected"),
    [
        (Fraction(13, 2), "%", ">=", False, "cần tăng thêm khoảng 6,5 điểm phần trăm mỗi quý"),
        (Fraction(3), "% dân số", ">=", False, "cần tăng thêm khoảng 3 điểm phần trăm mỗi quý"),
        (Fraction(-1, 2), "ngày", "<=", False, "cần giảm khoảng 0,5 ngày mỗi quý"),
        (Fraction(1250), "hồ sơ", ">=", True, "cần thêm khoảng 1.250 hồ sơ mỗi quý"),
        (Fraction(1), "vụ", "<=", True, "mỗi quý chỉ được thêm tối đa 1 vụ"),
        (Fraction(-1, 3), "vụ", "<=", True, "đã vượt mức tối đa của cả năm"),
    ],
)
def test_catch_up_text(
    needed: Fraction, unit: str, comparison: str, cumulative: bool, expected: str
) -> None:
    assert catch_up_text(needed, unit, comparison, cumulative) == expected


@pytest.mark.parametrize(
    ("pace", "unit", "cumulative", "expected"),
    [
        (Fraction(5, 2), "%", False, "bình quân mỗi quý tăng khoảng 2,5 điểm phần trăm"),
        (Fraction(-1, 2), "ngày", False, "bình quân mỗi quý giảm khoảng 0,5 ngày"),
        (Fraction(3), "lớp", True, "bình quân mỗi quý thêm khoảng 3 lớp"),
        (Fraction(1250), "hồ sơ", True, "bình quân mỗi quý thêm khoảng 1.250 hồ sơ"),
        (Fraction(0), "%", False, "không thay đổi qua các quý"),
    ],
)
def test_pace_text(pace: Fraction, unit: str, cumulative: bool, expected: str) -> None:
    assert pace_text(pace, unit, cumulative) == expected
