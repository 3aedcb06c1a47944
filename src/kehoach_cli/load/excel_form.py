"""Reading a filled form (``kehoach nhap``): the workbook → the result file's values, and
every problem at its cell.

The workbook is read against the form it was made from (load/form_layout.FormSpec):
the input cells give the values; every other cell must hold what the form put there, so
that a note typed beside the table, a row added or deleted, a sheet renamed, are told —
nothing a unit typed is dropped without a word. Rows are found by the id in column B, so
that a row moved or deleted is named for what it was.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import KehoachError
from ..vocab.suggest import suggest
from .cell_values import parse_cell
from .form_layout import (
    DATE_CELL,
    META_SHEET,
    REPORTER_CELL,
    TARGETS_SHEET,
    FormSpec,
    RowSpec,
    SheetSpec,
    Value,
)


@dataclass(frozen=True, slots=True)
class CellProblem:
    sheet: str | None
    cell: str | None
    message: str

    def line(self, shown: str) -> str:
        where = shown
        if self.sheet is not None:
            where += f":{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        return f"{where}: lỗi: {self.message}"


@dataclass(slots=True)
class FormValues:
    """What the form gives, keyed as the result file keys it."""

    ngay_gui: dt.date | None = None
    nguoi_bao_cao: str | None = None
    chi_tieu: dict[str, dict[str, Any]] = field(default_factory=dict)
    nhiem_vu: dict[str, dict[str, Any]] = field(default_factory=dict)
    kho_khan: list[str] = field(default_factory=list)
    kien_nghi: list[str] = field(default_factory=list)


def open_workbook(path: Path, shown: str) -> Any:
    """The workbook at ``path``, or a Vietnamese error saying why it cannot be read."""
    if not path.is_file():
        raise KehoachError(f"{shown}: không có tệp này")
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise KehoachError(f"{shown}: đây là tệp Excel cũ (.xls); hãy mở bằng Excel hoặc "
                           "LibreOffice Calc và lưu lại dạng .xlsx rồi nhập lại")
    if not head.startswith(b"PK"):
        raise KehoachError(f"{shown}: không phải tệp Excel (.xlsx)")
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise KehoachError(f"{shown}: không đọc được tệp Excel ({exc}); hãy mở và lưu lại "
                           "dạng .xlsx") from None


def read_meta(wb: Any) -> dict[str, str] | None:
    """The hidden sheet's rows (``don_vi``, ``ky``, ``phien_ban``, …), or None."""
    if META_SHEET not in wb.sheetnames:
        return None
    out: dict[str, str] = {}
    for key, value, *_ in wb[META_SHEET].iter_rows(max_col=2, values_only=True):
        if isinstance(key, str) and value is not None:
            out[key] = str(value)
    return out


def _same(expected: Value, actual: Any) -> bool:
    if isinstance(actual, str):
        actual = unicodedata.normalize("NFC", actual).strip() or None
    if isinstance(expected, str):
        expected = unicodedata.normalize("NFC", expected).strip() or None
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    return bool(expected == actual)


def _quoted(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


class _Reader:
    def __init__(self, spec: FormSpec) -> None:
        self.spec = spec
        self.problems: list[CellProblem] = []
        self.values = FormValues()

    def problem(self, sheet: str | None, cell: str | None, message: str) -> None:
        self.problems.append(CellProblem(sheet, cell, message))

    def stray(self, sheet: str, coord: str, value: Any, expected: Value) -> None:
        if expected is None:
            self.problem(sheet, coord, f"ô này nằm ngoài các ô cần điền; nội dung {_quoted(value)} "
                         "sẽ không được nhập — hãy chuyển vào cột Ghi chú (hoặc Kết quả) rồi "
                         "xóa ô này")
        else:
            now = _quoted(value) if value is not None else "ô trống"
            self.problem(sheet, coord, f"ô này không phải ô nhập và đã bị sửa (biểu mẫu ghi "
                         f"{_quoted(expected)}, nay là {now}); hãy trả lại như cũ, hoặc lập "
                         "biểu mẫu mới")

    def read(self, wb: Any) -> FormValues:
        wanted = {s.name for s in self.spec.sheets} | {META_SHEET}
        for name in wb.sheetnames:
            if name not in wanted and _has_content(wb[name]):
                self.problem(name, None, f"trang '{name}' không thuộc biểu mẫu"
                             f"{suggest(name, [s.name for s in self.spec.sheets])}; nội dung "
                             "của trang này sẽ không được nhập — hãy đặt lại đúng tên trang "
                             "hoặc chuyển nội dung vào các ô cần điền")
        for sheet in self.spec.sheets:
            if sheet.name not in wb.sheetnames:
                others = ", ".join(f"'{n}'" for n in wb.sheetnames if n != META_SHEET)
                self.problem(None, None, f"thiếu trang '{sheet.name}' (trang đã bị đổi tên "
                             f"hoặc xóa?); các trang có trong tệp: {others}")
                continue
            self.sheet(wb[sheet.name], sheet)
        return self.values

    def sheet(self, ws: Any, spec: SheetSpec) -> None:
        from openpyxl.utils import column_index_from_string, get_column_letter

        width = column_index_from_string(spec.columns[-1])
        keyed = any(r.key for r in spec.rows)
        by_key = {r.key: r for r in spec.rows if r.key}
        seen: dict[str, int] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.column > width:
                    self.stray(spec.name, cell.coordinate, cell.value, None)
        for cells in ws.iter_rows(min_row=1, min_col=1, max_col=width):
            r = cells[0].row
            by_col = {get_column_letter(c.column): c for c in cells}
            if r <= spec.header_row:
                for col, cell in by_col.items():
                    coord = f"{col}{r}"
                    if coord in spec.inputs:
                        self.head_input(spec, coord, cell)
                    elif not _same(spec.fixed.get(coord), cell.value):
                        self.stray(spec.name, coord, cell.value, spec.fixed.get(coord))
                continue
            if keyed:
                key_cell = by_col.get("B")
                key = key_cell.value if key_cell is not None else None
                if isinstance(key, str) and key.strip() in by_key:
                    key = key.strip()
                    if key in seen:
                        self.problem(spec.name, f"B{r}", f"mã '{key}' lặp lại (đã có ở dòng "
                                     f"{seen[key]}); mỗi mục chỉ ghi một dòng")
                        continue
                    seen[key] = r
                    self.row(spec, by_key[key], r, by_col)
                    continue
                filled = [c for c in by_col.values() if c.value is not None]
                if not filled:
                    continue
                if key is not None:
                    what = "chỉ tiêu" if spec.name == TARGETS_SHEET else "nhiệm vụ"
                    self.problem(spec.name, f"B{r}", f"mã {what} {_quoted(key)} không có trong "
                                 f"biểu mẫu{suggest(str(key), by_key)}; dòng này không được "
                                 "nhập")
                else:
                    self.problem(spec.name, filled[0].coordinate, "dòng này không thuộc biểu "
                                 "mẫu (cột B không có mã); nội dung "
                                 f"{_quoted(filled[0].value)} sẽ không được nhập — hãy ghi vào "
                                 "dòng của chỉ tiêu, nhiệm vụ tương ứng")
                continue
            index = r - spec.header_row - 1
            if index < len(spec.rows):
                self.row(spec, spec.rows[index], r, by_col)
            else:
                for cell in by_col.values():
                    if cell.value is not None:
                        self.stray(spec.name, cell.coordinate, cell.value, None)
        for number, row_spec in enumerate(spec.rows):
            if row_spec.key and row_spec.key not in seen:
                expected = spec.header_row + 1 + number
                self.problem(spec.name, f"B{expected}", f"thiếu dòng của mã '{row_spec.key}' "
                             f"({row_spec.fixed.get('C')}): dòng đã bị xóa? Hãy lập lại biểu "
                             "mẫu (kehoach new --excel) và chép số liệu sang")

    def head_input(self, spec: SheetSpec, coord: str, cell: Any) -> None:
        value, problem = parse_cell(cell.value, cell.number_format, spec.inputs[coord])
        if problem:
            self.problem(spec.name, coord, problem)
        elif coord == DATE_CELL:
            self.values.ngay_gui = value
        elif coord == REPORTER_CELL:
            self.values.nguoi_bao_cao = value

    def row(self, spec: SheetSpec, row_spec: RowSpec, r: int, by_col: dict[str, Any]) -> None:
        got: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for col in spec.columns:
            cell = by_col.get(col)
            value = cell.value if cell is not None else None
            coord = f"{col}{r}"
            if col in row_spec.inputs:
                parsed, problem = parse_cell(value, cell.number_format if cell else "General",
                                             row_spec.inputs[col])
                if problem:
                    self.problem(spec.name, coord, problem)
                    got[row_spec.field_of[col]] = ...  # typed, but wrong: not "empty"
                elif parsed is not None:
                    got[row_spec.field_of[col]] = parsed
                cells[row_spec.field_of[col]] = coord
            elif not _same(row_spec.fixed.get(col), value) and not (
                    col == "A" and isinstance(value, (int, float))):  # fmt: skip
                self.stray(spec.name, coord, value, row_spec.fixed.get(col))
        if row_spec.key is None:
            for name in ("kho_khan", "kien_nghi"):
                if isinstance(got.get(name), str):
                    getattr(self.values, name).append(got[name])
            return
        if not got:
            return
        if any(v is ... for v in got.values()):
            return
        self.complete(spec, row_spec, got, cells)

    def complete(self, spec: SheetSpec, row_spec: RowSpec, got: dict[str, Any],
                 cells: dict[str, str]) -> None:  # fmt: skip
        key = row_spec.key
        assert key is not None
        if "trang_thai" in cells:
            if "trang_thai" not in got:
                self.problem(spec.name, cells["trang_thai"], "thiếu trạng thái: đã ghi kết quả "
                             "nhưng chưa chọn trạng thái (Hoàn thành, Đang thực hiện, Chưa thực "
                             "hiện)")
                return
            self.values.nhiem_vu[key] = got
            return
        if "mau_so" in cells:
            if "tu_so" not in got or "mau_so" not in got:
                missing = "tu_so" if "tu_so" not in got else "mau_so"
                word = "tử số" if missing == "tu_so" else "mẫu số"
                self.problem(spec.name, cells[missing], f"thiếu {word}: chỉ tiêu tỷ lệ cần cả "
                             "tử số và mẫu số (để trống cả dòng nếu chưa có số liệu)")
                return
            if got["tu_so"] > got["mau_so"]:
                self.problem(spec.name, cells["tu_so"], f"tử số ({got['tu_so']}) lớn hơn mẫu "
                             f"số ({got['mau_so']}); tử số là một phần của mẫu số")
                return
        elif "gia_tri" not in got:
            self.problem(spec.name, cells["gia_tri"], "thiếu giá trị: đã ghi chú nhưng chưa "
                         "ghi số liệu (để trống cả dòng nếu chưa có số liệu)")
            return
        self.values.chi_tieu[key] = got


def _has_content(ws: Any) -> bool:
    return any(v is not None for row in ws.iter_rows(values_only=True) for v in row)


def read_form(wb: Any, spec: FormSpec) -> tuple[FormValues, list[CellProblem]]:
    """The values of the filled form ``wb`` made from ``spec``, and its problems."""
    reader = _Reader(spec)
    values = reader.read(wb)
    if values.ngay_gui is None and not any(p.cell == DATE_CELL for p in reader.problems):
        reader.problem(TARGETS_SHEET, DATE_CELL, "thiếu ngày gửi; ghi ngày dạng ngày/tháng/năm, "
                       "ví dụ 15/06/2026")
    return values, reader.problems
