"""The unit's Excel form (``kehoach new --excel``), drawn from load/form_layout.FormSpec.

The input cells (yellow) are unlocked, every other cell is protected (sheet protection
without a password: it keeps a cell from being overwritten by mistake, not a secret);
inputs are checked as they are typed (whole numbers ≥ 0, a date, the three statuses as
a drop-down); the unit, the quarter and the plan's version sit in a hidden sheet.
"""

from __future__ import annotations

from typing import Any

from ..load.form_layout import (
    DATE_CELL,
    META_SHEET,
    STATUS_LABELS,
    FormSpec,
    InputKind,
    SheetSpec,
)
from .workbook import FONT, HEADER_FILL, INPUT_FILL, fit_row_heights, print_setup

_PROMPTS: dict[InputKind, tuple[str, str]] = {
    "count": ("Số nguyên", "Ghi một số nguyên từ 0 trở lên, không có dấu chấm, dấu phẩy."),
    "positive": ("Số nguyên", "Ghi một số nguyên lớn hơn 0, không có dấu chấm, dấu phẩy."),
    "percent": ("Số từ 0 đến 100", "Ghi một số từ 0 đến 100, không gõ dấu %."),
    "nonnegative": ("Số từ 0 trở lên", "Ghi một số từ 0 trở lên."),
    "date": ("Ngày", "Ghi ngày gửi báo cáo, ví dụ 15/06/2026."),
    "status": ("Trạng thái", "Chọn trong danh sách: " + ", ".join(STATUS_LABELS.values()) + "."),
}


def _validation(kind: InputKind) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    elif kind == "positive":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1")
    elif kind == "percent":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    elif kind == "nonnegative":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526")  # 2000
    elif kind == "status":
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_LABELS.values()) + '"')
    else:
        return None
    title, prompt = _PROMPTS[kind]
    dv.error = prompt
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.prompt = prompt
    dv.promptTitle = title
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.allow_blank = True
    return dv


class _Drawer:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=11)
        self.bold = Font(name=FONT, size=11, bold=True)
        self.title = Font(name=FONT, size=13, bold=True)
        self.note = Font(name=FONT, size=11, italic=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.unlocked = Protection(locked=False)
        self.validations: dict[InputKind, Any] = {}

    def sheet(self, wb: Any, spec: SheetSpec, form: FormSpec) -> None:
        ws = wb.create_sheet(spec.name)
        self.validations = {}
        last = spec.columns[-1]
        for coord, value in spec.fixed.items():
            cell = ws[coord]
            cell.value = value
            row = cell.row
            if row == spec.header_row:
                cell.font, cell.fill, cell.alignment = self.bold, self.header_fill, self.center
                cell.border = self.border
            elif row == 1:
                cell.font = self.title
            elif coord.startswith("A") and row < spec.header_row - 1:
                cell.font, cell.alignment = self.note, self.wrap
            else:
                cell.font = self.bold if coord.startswith("C") else self.font
        for row in range(1, spec.header_row - 1):
            if f"A{row}" in spec.fixed:
                ws.merge_cells(f"A{row}:{last}{row}")
        for coord, kind in spec.inputs.items():
            self._input(ws, coord, kind)
            if coord == DATE_CELL:
                ws[coord].value = form.sent
        for index, row_spec in enumerate(spec.rows):
            row = spec.header_row + 1 + index
            for col in spec.columns:
                cell = ws[f"{col}{row}"]
                cell.font, cell.border, cell.alignment = self.font, self.border, self.wrap
                if col in row_spec.fixed:
                    cell.value = row_spec.fixed[col]
                if col in row_spec.inputs:
                    self._input(ws, f"{col}{row}", row_spec.inputs[col])
        for col, width in spec.widths.items():
            ws.column_dimensions[col].width = width
        fit_row_heights(ws)
        ws.freeze_panes = f"A{spec.header_row + 1}"
        print_setup(ws, f"{spec.header_row}:{spec.header_row}")
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # widths may be changed: nothing is lost
        ws.protection.formatRows = False
        for dv in self.validations.values():
            ws.add_data_validation(dv)

    def _input(self, ws: Any, coord: str, kind: InputKind) -> None:
        cell = ws[coord]
        cell.fill, cell.protection = self.input_fill, self.unlocked
        cell.border, cell.font = self.border, self.font
        cell.alignment = self.wrap
        if kind == "date":
            cell.number_format = "DD/MM/YYYY"
        elif kind == "text":
            cell.number_format = "@"
        elif kind in ("count", "positive"):
            cell.number_format = "#,##0"  # 1.352 in Vietnamese, 1,352 in English
        if kind not in self.validations:
            dv = _validation(kind)
            if dv is None:
                return
            self.validations[kind] = dv
        self.validations[kind].add(coord)


def build_form(form: FormSpec) -> Any:
    """The form as an openpyxl workbook."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    wb.remove(wb.active)
    drawer = _Drawer()
    for spec in form.sheets:
        drawer.sheet(wb, spec, form)
    meta = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(form.meta.items(), 1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.active = 0
    # The sheets cannot be renamed, moved or deleted (no password): the import finds them
    # by name.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"Biểu mẫu báo cáo {form.period} — {form.unit.ten}"
    return wb
