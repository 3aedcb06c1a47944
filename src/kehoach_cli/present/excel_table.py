"""The quarter's data table (``kehoach excel``): the workbook that goes with the report.

Four sheets: "Chỉ tiêu" (one row per target, grouped by plan section as Bảng 1 of the
report groups them, with the value of every quarter so far), "Nhiệm vụ", "Đơn vị" and
"Số liệu" (the units' raw figures in long form, for pivot tables). Figures are numbers,
unrounded — the numbers of ``status --json`` — shown rounded the report's way by their
number formats (present/workbook.py).

The period is given as the quarters it covers (``quarters``: 1..n of one year), so that a
half-year or a year table is the same table over other quarters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..compute.attainment import QuarterAttainment, TargetAttainment, compute_target
from ..load.plan import Plan
from ..vocab.dates import roman
from ..vocab.numbers import exact, format_number
from ..vocab.periods import Period
from ..vocab.phrases import COMPARISON_SIGN, FORECAST_TEXT, TARGET_STATE_TEXT
from .report.figures import by_section, section_chain, section_label
from .status_view import TASK_LABELS
from .workbook import (
    FONT,
    GROUP_FILL,
    HEADER_FILL,
    as_cell,
    column_width,
    fit_row_heights,
    number_format,
    print_setup,
)

SUBMISSION_TEXT = {"dung_han": "Đúng hạn", "tre_han": "Trễ hạn", "chua_nop": "Chưa nộp"}
REPORTED_TEXT = {"hoan_thanh": "Hoàn thành", "dang_thuc_hien": "Đang thực hiện",
                 "chua_thuc_hien": "Chưa thực hiện"}
DATE_FORMAT = "DD/MM/YYYY"
OTHER = "Các chỉ tiêu khác"


@dataclass(frozen=True, slots=True)
class TableScope:
    """What one table covers: its title words (``quý II năm 2026``) and the quarters
    whose values it shows, the last one being judged."""

    title: str
    quarters: tuple[Period, ...]


def review_scope(year: int, half_year: bool) -> TableScope:
    """The six-month review's table (quarters I and II) or the annual one (I to IV)."""
    last = 2 if half_year else 4
    title = f"6 tháng đầu năm {year}" if half_year else f"năm {year}"
    return TableScope(title, tuple(Period(year, k) for k in range(1, last + 1)))


def quarter_scope(period: Period) -> TableScope:
    return TableScope(
        f"quý {roman(period.quarter)} năm {period.year}",
        tuple(Period(period.year, k) for k in range(1, period.quarter + 1)),
    )


def _shown(value: Any) -> str:
    """About the text a cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00/00/0000"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value) + "%"
    return str(value)


def _header_width(header: str) -> str:
    words = header.split()
    return "x" * max(max(len(w) for w in words), (len(header) + 1) // 2)


def _unit_name(plan: Plan, ma: str) -> str:
    unit = plan.units.get(ma)
    return unit.ten if unit else ma


class Sheet:
    """A sheet being filled row by row, with the styles of the table: ``heading`` (the
    plan's or the level's name) and ``title`` (what the table shows, for which period) in
    its first two rows, the column headers in row 4."""

    def __init__(self, workbook: Any, name: str, headers: Sequence[str], heading: str,
                 title: str) -> None:  # fmt: skip
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = workbook.create_sheet(name)
        self.headers = list(headers)
        # a header wraps at its spaces (two lines): it needs its longest word, or half
        self.widths: list[list[str]] = [[_header_width(h)] for h in headers]
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=11)
        self.bold = Font(name=FONT, size=11, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.group_fill = PatternFill("solid", fgColor=GROUP_FILL)
        ws = self.ws
        ws["A1"] = heading
        ws["A1"].font = Font(name=FONT, size=13, bold=True)
        ws["A2"] = title
        ws["A2"].font = Font(name=FONT, size=12, bold=True)
        for col, header in enumerate(headers, 1):
            cell = ws.cell(row=4, column=col, value=header)
            cell.font = self.bold
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = self.border
        self.row = 4

    def add(self, values: Sequence[Any], formats: dict[int, str] | None = None) -> None:
        self.row += 1
        for col, value in enumerate(values, 1):
            cell = self.ws.cell(row=self.row, column=col, value=value)
            cell.font = self.font
            cell.border = self.border
            cell.alignment = self.wrap
            if formats and col in formats:
                cell.number_format = formats[col]
            self.widths[col - 1].append(_shown(value))

    def group(self, text: str) -> None:
        self.row += 1
        cell = self.ws.cell(row=self.row, column=1, value=text)
        cell.font = self.bold
        for col in range(1, len(self.headers) + 1):
            self.ws.cell(row=self.row, column=col).fill = self.group_fill
            self.ws.cell(row=self.row, column=col).border = self.border
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                            end_column=len(self.headers))

    def finish(self, most: dict[int, int] | None = None) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws
        last = get_column_letter(len(self.headers))
        ws.freeze_panes = "A5"
        ws.auto_filter.ref = f"A4:{last}{max(self.row, 5)}"
        for col, texts in enumerate(self.widths, 1):
            limit = (most or {}).get(col, 45)
            ws.column_dimensions[get_column_letter(col)].width = column_width(texts, most=limit)
        fit_row_heights(ws, 5)
        ws.row_dimensions[4].height = 32
        print_setup(ws, "1:4")


def _target_rows(plan: Plan, targets: Sequence[TargetAttainment]) -> list[
        tuple[str, TargetAttainment] | tuple[str, None]]:  # fmt: skip
    """The targets under the group rows of their sections, as Bảng 1 lays them out."""
    ordered = by_section(plan, targets)
    grouped = any(section_chain(plan, t.target.muc) for t in ordered)
    out: list[tuple[str, TargetAttainment] | tuple[str, None]] = []
    current: tuple[Any, ...] | None = None
    for t in ordered:
        chain = section_chain(plan, t.target.muc)
        if grouped and chain != current:
            if not chain:
                out.append((OTHER, None))
            else:
                shared = 0
                while (current and shared < min(len(chain), len(current))
                       and chain[shared] == current[shared]):
                    shared += 1
                for section in chain[shared:] or chain[-1:]:
                    out.append((section_label(section), None))
            current = chain
        out.append(("", t))
    return out


def _targets_sheet(wb: Any, plan: Plan, q: QuarterAttainment, scope: TableScope) -> None:
    quarters = [f"Quý {roman(p.quarter)}" for p in scope.quarters]
    has_forecast = any(t.forecast is not None for t in q.targets)
    headers = ["STT", "Mục", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "So sánh",
               "Kế hoạch năm", *quarters, "Tỷ lệ đạt", "Đánh giá",
               *(["Dự báo cuối năm"] if has_forecast else []),
               "Đơn vị chủ trì", "Đơn vị thiếu số liệu"]
    sheet = Sheet(wb, "Chỉ tiêu", headers, plan.plan.ten,
                  f"Kết quả thực hiện các chỉ tiêu {scope.title}")
    number = 0
    for label, t in _target_rows(plan, q.targets):
        if t is None:
            sheet.group(label)
            continue
        number += 1
        target = t.target
        percent = target.don_vi_tinh.startswith("%")
        earlier = [compute_target(plan, target, p).value for p in scope.quarters[:-1]]
        values = [*earlier, t.value]
        goal = exact(target.muc_tieu)
        row: list[Any] = [number, target.muc, target.ma, target.ten, target.don_vi_tinh,
                          COMPARISON_SIGN[target.so_sanh], as_cell(goal),
                          *(as_cell(v) for v in values), as_cell(t.ty_le_dat),
                          TARGET_STATE_TEXT[t.state]]
        formats = {7: number_format(goal, percent)}
        for offset, value in enumerate(values):
            formats[8 + offset] = number_format(value, percent)
        formats[8 + len(values)] = number_format(t.ty_le_dat, True)
        if has_forecast:
            row.append(FORECAST_TEXT[t.forecast.level] if t.forecast else None)
        row += [_unit_name(plan, target.chu_tri),
                ", ".join(_unit_name(plan, u) for u in t.missing_units) or None]
        sheet.add(row, formats)
    sheet.finish({4: 50, len(headers) - 1: 25, len(headers): 30})


def _tasks_sheet(wb: Any, plan: Plan, q: QuarterAttainment, scope: TableScope) -> None:
    headers = ["STT", "Mục", "Mã nhiệm vụ", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn",
               "Tình trạng", "Đơn vị chủ trì báo cáo", "Kết quả"]
    sheet = Sheet(wb, "Nhiệm vụ", headers, plan.plan.ten,
                  f"Tình hình thực hiện các nhiệm vụ {scope.title}")
    for number, t in enumerate(q.tasks, 1):
        reported = REPORTED_TEXT.get(t.reported or "")
        result = t.lead.ket_qua if t.lead else None
        sheet.add([number, t.task.muc, t.task.ma, t.task.ten, _unit_name(plan, t.task.chu_tri),
                   t.deadline, TASK_LABELS[t.state], reported, result], {6: DATE_FORMAT})
    sheet.finish({4: 50, 5: 25, 9: 50})


def _units_sheet(wb: Any, plan: Plan, quarters: Sequence[QuarterAttainment],
                 scope: TableScope) -> None:
    """Each unit's submission; for a table of several quarters (the six-month and annual
    reviews), one row per unit and quarter, the quarter in its own first column."""
    several = len(quarters) > 1
    headers = [*(["Kỳ"] if several else []), "STT", "Mã đơn vị", "Đơn vị", "Báo cáo định kỳ",
               "Ngày gửi", "Hạn gửi", "Tình trạng", "Số ngày trễ", "Người báo cáo"]
    sheet = Sheet(wb, "Đơn vị", headers, plan.plan.ten,
                  f"Tình hình gửi báo cáo {scope.title}")
    shift = 1 if several else 0
    for q in quarters:
        for number, s in enumerate(q.submissions, 1):
            sheet.add([*([f"Quý {roman(q.period.quarter)}"] if several else []), number,
                       s.unit, _unit_name(plan, s.unit), "Có" if s.required else "Không",
                       s.sent, q.deadline, SUBMISSION_TEXT[s.state], s.days_late, s.reporter],
                      {5 + shift: DATE_FORMAT, 6 + shift: DATE_FORMAT, 8 + shift: "#,##0"})
    sheet.finish()


def _data_sheet(wb: Any, plan: Plan, scope: TableScope) -> None:
    headers = ["Kỳ", "Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính",
               "tu_so", "mau_so", "gia_tri", "ghi_chu", "Tệp"]
    sheet = Sheet(wb, "Số liệu", headers, plan.plan.ten,
                  f"Số liệu các đơn vị báo cáo {scope.title}")
    for period in scope.quarters:
        files = plan.results.get(period, {})
        for target in plan.targets.values():
            for unit in target.reporters:
                result = files.get(unit)
                entry = (result.chi_tieu or {}).get(target.ma) if result else None
                if entry is None:
                    continue
                value = None if entry.gia_tri is None else as_cell(exact(entry.gia_tri))
                path = plan.result_paths.get((period, unit), f"units/{unit}/{period}.yaml")
                sheet.add([str(period), unit, _unit_name(plan, unit), target.ma, target.ten,
                           target.don_vi_tinh, entry.tu_so, entry.mau_so, value, entry.ghi_chu,
                           path], {7: "#,##0", 8: "#,##0", 9: "General"})
    sheet.finish({5: 50, 10: 50})


def build_table(plan: Plan, q: QuarterAttainment, scope: TableScope,
                quarters: Sequence[QuarterAttainment] = ()) -> Any:
    """The data table of ``q`` (the last quarter of ``scope``) as an openpyxl workbook;
    ``quarters`` (every quarter of a review, in order) for the submissions sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _targets_sheet(wb, plan, q, scope)
    # a review's tasks as of its last quarter with data (none yet for quarter IV in
    # November): the state units last reported, not "not reported"
    _tasks_sheet(wb, plan, next((x for x in reversed(quarters) if x.has_data), q), scope)
    _units_sheet(wb, plan, quarters or [q], scope)
    _data_sheet(wb, plan, scope)
    wb.properties.title = f"{plan.plan.ten} — {scope.title}"
    return wb
