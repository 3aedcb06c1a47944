"""The Vietnamese phrases every view shares: state labels, comparison signs and words,
a target's goal written out."""

from __future__ import annotations

from fractions import Fraction

from .dates import roman
from .numbers import Numeric, format_value
from .periods import ANNUAL, HALF_YEAR, ReportPeriod

# The state of a target in a quarter, as the report's table and the terminal write it.
TARGET_STATE_TEXT = {"dat": "Đạt", "chua_dat": "Chưa đạt", "chua_co_so_lieu": "Chưa có số liệu"}

COMPARISON_SIGN = {">=": "≥", "<=": "≤"}
COMPARISON_WORD = {">=": "tối thiểu", "<=": "tối đa"}


def goal_text(so_sanh: str, goal: Numeric, don_vi_tinh: str) -> str:
    """The goal with its sign: ``≥ 15%``, ``≤ 3 ngày``."""
    return f"{COMPARISON_SIGN[so_sanh]} {format_value(goal, don_vi_tinh)}"


def goal_words(so_sanh: str, goal: Numeric, don_vi_tinh: str) -> str:
    """The goal in words: ``tối thiểu 15%``, ``tối đa 3 ngày``; a goal of 100% to reach
    (nothing can exceed it) is simply ``100%``."""
    text = format_value(goal, don_vi_tinh)
    if so_sanh == ">=" and goal == 100 and don_vi_tinh.startswith("%"):
        return text
    return f"{COMPARISON_WORD[so_sanh]} {text}"


# The early-warning level of a target (compute/forecast.py).
FORECAST_TEXT = {
    "da_dat": "Đã đạt",
    "dung_tien_do": "Đúng tiến độ",
    "can_tang_toc": "Cần tăng tốc",
    "nguy_co": "Nguy cơ không đạt",
    "chua_du_so_lieu": "Chưa đủ số liệu",
}


def catch_up_text(needed: Fraction, don_vi_tinh: str, so_sanh: str, luy_ke: bool) -> str:
    """What each remaining quarter must do, in plain words: ``cần tăng thêm khoảng 6,5
    điểm phần trăm mỗi quý``, ``cần giảm khoảng 0,5 ngày mỗi quý``; for a ceiling on a
    year-to-date sum, ``mỗi quý chỉ được thêm tối đa 1 vụ`` (or, past it, ``đã vượt mức
    tối đa của cả năm``)."""
    amount = abs(needed)
    unit = "điểm phần trăm" if don_vi_tinh.startswith("%") else don_vi_tinh
    shown = format_value(amount, unit)
    if luy_ke and so_sanh == "<=":
        if needed < 0:
            return "đã vượt mức tối đa của cả năm"
        return f"mỗi quý chỉ được thêm tối đa {shown}"
    if needed < 0:
        return f"cần giảm khoảng {shown} mỗi quý"
    return f"cần {'thêm' if luy_ke else 'tăng thêm'} khoảng {shown} mỗi quý"


def pace_text(pace: Fraction, don_vi_tinh: str, luy_ke: bool) -> str:
    """The observed change per quarter, in plain words: ``bình quân mỗi quý tăng khoảng
    2,5 điểm phần trăm``, ``… giảm khoảng 0,5 ngày``; a year-to-date sum ``bình quân mỗi
    quý thêm khoảng 3 lớp``; no change ``không thay đổi qua các quý``."""
    if pace == 0:
        return "không thay đổi qua các quý"
    unit = "điểm phần trăm" if don_vi_tinh.startswith("%") else don_vi_tinh
    verb = "thêm" if luy_ke else ("tăng" if pace > 0 else "giảm")
    return f"bình quân mỗi quý {verb} khoảng {format_value(abs(pace), unit)}"


def plan_name(ten: str) -> str:
    """The plan's name as it follows the words "Kế hoạch" in a sentence: its first letter
    lowered unless it starts an abbreviation (UBND), and a leading "Kế hoạch" (which the
    sentence already says) left out — "Kế hoạch chuyển đổi số năm 2026" and "Chuyển đổi số
    năm 2026" both give "chuyển đổi số năm 2026"."""
    name = " ".join(ten.split())
    if name.lower().startswith("kế hoạch "):
        name = name[len("kế hoạch ") :]
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and not (len(first) > 1 and first[1:].isupper()):
        name = name[:1].lower() + name[1:]
    return name


def report_name(period: ReportPeriod) -> str:
    """``báo cáo quý II năm 2026``, ``báo cáo sơ kết 6 tháng đầu năm 2026``, ``báo cáo
    tổng kết năm 2026``: how messages name a report."""
    if period.regime == HALF_YEAR:
        return f"báo cáo sơ kết 6 tháng đầu năm {period.year}"
    if period.regime == ANNUAL:
        return f"báo cáo tổng kết năm {period.year}"
    return f"báo cáo quý {roman(period.quarter)} năm {period.year}"
