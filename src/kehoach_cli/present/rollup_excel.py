"""A roll-up's data table (``kehoach tong-hop --excel``): the workbook that goes with the
level's report, in the style of the quarterly table (present/excel_table.py).

Three sheets: "Chỉ tiêu" (the combined figures, one row per target), "Thành viên" (each
member's reporting rate and validation status) and "Xã × chỉ tiêu" (one row per member and
target: its numerator, denominator and value, reached or not, counted or left out). Figures
are numbers, unrounded — the numbers of ``tong-hop --json`` — shown rounded the report's
way by their number formats.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..compute.attainment import satisfies
from ..compute.rollup import CombinedTarget, MemberSummary, Rollup, member_value, rate
from ..load.tong_hop import RollupTarget
from ..vocab.dates import roman
from ..vocab.periods import Period
from ..vocab.phrases import COMPARISON_SIGN, TARGET_STATE_TEXT
from .excel_table import Sheet
from .rollup_view import member_state
from .workbook import as_cell, number_format

KIND_TEXT = {"xa": "Xã", "tong_hop": "Cấp tổng hợp"}


def period_words(r: Rollup) -> str:
    """``quý II năm 2026``."""
    period = Period.parse(r.quarter)
    assert period is not None
    return f"quý {roman(period.quarter)} năm {period.year}"


def shown_den(t: RollupTarget, den: Fraction | None) -> Fraction | None:
    """The denominator as the CSV gives it: none for a ``tong`` target (a count of xã)."""
    return None if t.cach_tinh == "tong" else den


def counted(t: RollupTarget, m: MemberSummary) -> str:
    """Whether a member's figure for a target is in the level's figure, and why not."""
    if not m.counts:
        return f"Không: xã {member_state(m)[:1].lower()}{member_state(m)[1:]}"
    if t.ma in m.mismatched:
        return "Không: chỉ tiêu lệch định nghĩa"
    if member_value(t, m) is None:
        return "Không: thiếu số liệu"
    return "Có"


def _percent(t: RollupTarget) -> bool:
    return t.don_vi_tinh.startswith("%")


def _targets_sheet(wb: Any, r: Rollup) -> None:
    headers = ["STT", "Mục", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "So sánh", "Kế hoạch",
               "Tử số (tổng)", "Mẫu số (tổng)", "Kết quả tổng hợp", "Tỷ lệ đạt", "Đánh giá",
               "Số xã báo cáo", "Số xã đạt", "Số xã thiếu số liệu", "Số xã không tính"]
    sheet = Sheet(wb, "Chỉ tiêu", headers, r.ten,
                  f"Kết quả tổng hợp các chỉ tiêu {period_words(r)}")
    for number, c in enumerate(r.targets, 1):
        t = c.target
        den = shown_den(t, c.den)
        sheet.add(
            [number, t.muc, t.ma, t.ten, t.don_vi_tinh, COMPARISON_SIGN[t.so_sanh],
             as_cell(c.goal), as_cell(c.num), as_cell(den), as_cell(c.value), as_cell(c.ratio),
             TARGET_STATE_TEXT[c.state], len(c.reported), len(c.reached), len(c.missing),
             len(c.excluded)],
            {7: number_format(c.goal, _percent(t)), 8: number_format(c.num, False),
             9: number_format(den, False), 10: number_format(c.value, _percent(t)),
             11: number_format(c.ratio, True), 13: "#,##0", 14: "#,##0", 15: "#,##0",
             16: "#,##0"},
        )
    sheet.finish({4: 50})


def _members_sheet(wb: Any, r: Rollup) -> None:
    headers = ["STT", "Mã", "Tên", "Loại", "Kho", "Phiên bản", "Kiểm tra", "Số lỗi",
               "Phải nộp", "Đã nộp", "Đúng hạn", "Tỷ lệ nộp", "Tỷ lệ đúng hạn",
               "Tính vào tổng hợp"]
    sheet = Sheet(wb, "Thành viên", headers, r.ten,
                  f"Tình hình gửi báo cáo của các xã {period_words(r)}")
    for number, m in enumerate(r.members, 1):
        received = rate(m.received, m.expected) if m.counts else None
        on_time = rate(m.on_time, m.expected) if m.counts else None
        sheet.add(
            [number, m.ma, m.ten, KIND_TEXT[m.kind], m.kho, m.commit, member_state(m),
             m.errors, m.expected, m.received, m.on_time, as_cell(received), as_cell(on_time),
             "Có" if m.counts else "Không"],
            {8: "#,##0", 9: "#,##0", 10: "#,##0", 11: "#,##0",
             12: number_format(received, True), 13: number_format(on_time, True)},
        )
    sheet.finish({5: 40, 7: 30, 14: 30})


def _reached(c: CombinedTarget, value: Fraction | None) -> str | None:
    if value is None:
        return None
    return "Đạt" if satisfies(value, c.target.so_sanh, c.goal) else "Chưa đạt"


def _member_targets_sheet(wb: Any, r: Rollup) -> None:
    headers = ["STT", "Mã xã", "Xã", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Tử số",
               "Mẫu số", "Giá trị", "Đánh giá", "Tính vào tổng hợp"]
    sheet = Sheet(wb, "Xã × chỉ tiêu", headers, r.ten,
                  f"Số liệu của từng xã theo chỉ tiêu {period_words(r)}")
    number = 0
    for m in r.members:
        for c in r.targets:
            t = c.target
            number += 1
            part = m.parts.get(t.ma) if m.counts else None
            num = part.num if part is not None else None
            den = shown_den(t, part.den) if part is not None else None
            value = member_value(t, m) if t.ma not in m.mismatched else None
            sheet.add(
                [number, m.ma, m.ten, t.ma, t.ten, t.don_vi_tinh, as_cell(num), as_cell(den),
                 as_cell(value), _reached(c, value), counted(t, m)],
                {7: number_format(num, False), 8: number_format(den, False),
                 9: number_format(value, _percent(t))},
            )
    sheet.finish({5: 50, 11: 40})


def build_rollup_table(r: Rollup) -> Any:
    """The roll-up's data table as an openpyxl workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _targets_sheet(wb, r)
    _members_sheet(wb, r)
    _member_targets_sheet(wb, r)
    wb.properties.title = f"{r.ten} — tổng hợp {period_words(r)}"
    return wb
