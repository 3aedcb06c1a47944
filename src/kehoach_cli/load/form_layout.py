"""The unit's Excel form as a plain description: which cell holds what, which cells the
unit fills and what each one takes.

One description serves both directions: present/excel_form.py draws the workbook from
it (styles, protection, validation), load/excel_form.py reads a filled workbook against
it — every cell that is not an input must still hold what the form put there, so that
nothing a unit typed is silently dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

from ..vocab.dates import roman, short_date
from ..vocab.numbers import exact, format_value
from ..vocab.periods import Period
from ..vocab.periods import deadline as deadline_of
from ..vocab.phrases import goal_text
from .models import Target, Task, Unit
from .plan import Plan

FORM_FORMAT = 1  # the layout's own version, in the hidden sheet

TARGETS_SHEET = "Chỉ tiêu"
TASKS_SHEET = "Nhiệm vụ"
NOTES_SHEET = "Khó khăn, kiến nghị"
META_SHEET = "kehoach"

# Cells of the targets sheet's head.
DATE_CELL = "D10"
REPORTER_CELL = "D11"
TARGETS_HEADER_ROW = 13
TASKS_HEADER_ROW = 6
NOTES_HEADER_ROW = 5
NOTE_ROWS = 20  # rows for difficulties and proposals

# The three statuses a unit reports, as the drop-down offers them.
STATUS_LABELS: dict[str, str] = {
    "hoan_thanh": "Hoàn thành",
    "dang_thuc_hien": "Đang thực hiện",
    "chua_thuc_hien": "Chưa thực hiện",
}

InputKind = Literal["count", "positive", "number", "percent", "nonnegative", "text", "date",
                    "status"]
Value = str | int | float | None


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One data row: ``key`` is the target's or task's id (None for a note row); the fixed
    cells by column letter; the input cells by column letter with what each takes."""

    key: str | None
    fixed: dict[str, Value]
    inputs: dict[str, InputKind]
    field_of: dict[str, str] = field(default_factory=dict)  # column → result key


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    columns: tuple[str, ...]  # the letters the sheet uses
    fixed: dict[str, Value]  # the cells outside the data rows, by coordinate
    inputs: dict[str, InputKind]  # the input cells outside the data rows
    header_row: int
    rows: tuple[RowSpec, ...]
    widths: dict[str, float]


@dataclass(frozen=True, slots=True)
class FormSpec:
    unit: Unit
    period: Period
    version: str
    item_versions: dict[str, str]  # "chi_tieu:<ma>" / "nhiem_vu:<ma>" → its own hash
    sheets: tuple[SheetSpec, ...]
    sent: dt.date  # the date proposed in the date cell

    @property
    def meta(self) -> dict[str, str]:
        rows = {"don_vi": self.unit.ma, "ky": str(self.period), "phien_ban": self.version,
                "bieu_mau": str(FORM_FORMAT)}
        rows.update(self.item_versions)
        return rows


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def item_versions(plan: Plan, unit: str) -> dict[str, str]:
    """The hash of every target and task definition the unit's form holds."""
    out = {f"chi_tieu:{t.ma}": _digest(t.model_dump(mode="json"))
           for t in plan.targets.values() if unit in t.reporters}
    out.update({f"nhiem_vu:{t.ma}": _digest(t.model_dump(mode="json"))
                for t in plan.tasks.values() if unit == t.chu_tri or unit in t.phoi_hop})
    return out


def plan_version(plan: Plan) -> str:
    """A hash of the ids and definitions of every target and task of the plan."""
    return _digest([[t.model_dump(mode="json") for t in plan.targets.values()],
                    [t.model_dump(mode="json") for t in plan.tasks.values()]])


def unit_targets(plan: Plan, unit: str) -> list[Target]:
    return [t for t in plan.targets.values() if unit in t.reporters]


def unit_tasks(plan: Plan, unit: str) -> list[Task]:
    return [t for t in plan.tasks.values() if t.chu_tri == unit or unit in t.phoi_hop]


def _target_hint(target: Target, period: Period) -> str:
    goal = "Mục tiêu năm " + goal_text(target.so_sanh, exact(target.muc_tieu),
                                       target.don_vi_tinh)
    milestone = (target.lo_trinh or {}).get(f"Q{period.quarter}")  # type: ignore[call-overload]
    if milestone is not None:
        goal += (f"; mốc quý {roman(period.quarter)}: "
                 f"{format_value(milestone, target.don_vi_tinh)}")
    if target.cach_tinh == "ty_le":
        return (f"Tử số: {target.tu_so or 'tử số'}. Mẫu số: {target.mau_so or 'mẫu số'}. "
                f"Ghi số nguyên của riêng đơn vị, không tự tính phần trăm. {goal}.")
    if target.don_vi_tinh.startswith("%"):
        what = f"Giá trị: một số từ 0 đến 100 (đơn vị tính: {target.don_vi_tinh})"
    elif target.cach_tinh == "tong":
        what = f"Giá trị: một số từ 0 trở lên (đơn vị tính: {target.don_vi_tinh})"
    else:
        what = f"Giá trị: một số (đơn vị tính: {target.don_vi_tinh})"
    if target.cach_tinh == "tong" and target.luy_ke:
        what += "; ghi số phát sinh trong quý, chương trình tự cộng dồn"
    return f"{what}. {goal}."


def _value_kind(target: Target) -> InputKind:
    if target.don_vi_tinh.startswith("%"):
        return "percent"
    return "nonnegative" if target.cach_tinh == "tong" else "number"


def _targets_sheet(plan: Plan, unit: Unit, period: Period) -> SheetSpec:
    quarter = f"quý {roman(period.quarter)} năm {period.year}"
    due = deadline_of(period.year, period.quarter, plan.plan.han_bao_cao.ngay)
    fixed: dict[str, Value] = {
        "A1": f"BIỂU MẪU BÁO CÁO KẾT QUẢ {quarter.upper()} — {unit.ten.upper()}",
        "A2": "Cách điền: chỉ điền vào các ô nền vàng; các ô khác đã khóa. Mỗi chỉ tiêu ghi "
              "số liệu của riêng đơn vị trong quý.",
        "A3": "Chỉ tiêu tỷ lệ: ghi tử số và mẫu số (số nguyên, mẫu số lớn hơn 0), không tự "
              "tính phần trăm. Chỉ tiêu khác: ghi giá trị vào cột D, không gõ dấu %.",
        "A4": "Chỉ tiêu chưa có số liệu thì để trống cả dòng. Ghi chú, giải thích ghi ở cột F "
              "(không ghi vào ô khác: chương trình sẽ báo lỗi).",
        "A5": f"Nhiệm vụ: xem trang \"{TASKS_SHEET}\". Khó khăn, kiến nghị: xem trang "
              f"\"{NOTES_SHEET}\".",
        "A6": f"Hạn gửi: {short_date(due)}. Điền xong, lưu tệp (.xlsx) và gửi cho cơ quan "
              "thường trực, hoặc chạy: kehoach nhap TÊN_TỆP.xlsx",
        "C8": "Đơn vị:",
        "D8": unit.ten,
        "C9": "Kỳ báo cáo:",
        "D9": quarter[0].upper() + quarter[1:],
        "C10": "Ngày gửi (ngày/tháng/năm):",
        "C11": "Người báo cáo (họ và tên):",
    }
    headers = ("STT", "Mã chỉ tiêu", "Chỉ tiêu", "Tử số / Giá trị", "Mẫu số", "Ghi chú",
               "Cách ghi")
    for col, header in zip("ABCDEFG", headers, strict=True):
        fixed[f"{col}{TARGETS_HEADER_ROW}"] = header
    rows = []
    for number, target in enumerate(unit_targets(plan, unit.ma), 1):
        cells: dict[str, Value] = {"A": number, "B": target.ma, "C": target.ten,
                                   "G": _target_hint(target, period)}
        if target.cach_tinh == "ty_le":
            inputs: dict[str, InputKind] = {"D": "count", "E": "positive", "F": "text"}
            names = {"D": "tu_so", "E": "mau_so", "F": "ghi_chu"}
        else:
            inputs = {"D": _value_kind(target), "F": "text"}
            names = {"D": "gia_tri", "F": "ghi_chu"}
        rows.append(RowSpec(target.ma, cells, inputs, names))
    ids = max((len(r.key or "") for r in rows), default=10)
    return SheetSpec(TARGETS_SHEET, tuple("ABCDEFG"), fixed,
                     {DATE_CELL: "date", REPORTER_CELL: "text"}, TARGETS_HEADER_ROW,
                     tuple(rows), {"A": 5, "B": min(ids + 2, 40), "C": 45, "D": 15, "E": 12,
                                   "F": 30, "G": 50})


def _tasks_sheet(plan: Plan, unit: Unit, period: Period) -> SheetSpec:
    fixed: dict[str, Value] = {
        "A1": f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ QUÝ {roman(period.quarter)} NĂM {period.year} — "
              f"{unit.ten.upper()}",
        "A2": "Cột D: chọn trạng thái trong danh sách (Hoàn thành, Đang thực hiện, Chưa thực "
              "hiện). Cột E: kết quả đạt được trong quý (không bắt buộc).",
        "A3": "Đơn vị phối hợp ghi tình hình phần việc của đơn vị mình. Nhiệm vụ chưa có gì để "
              "báo cáo thì để trống cả dòng.",
    }
    headers = ("STT", "Mã nhiệm vụ", "Nhiệm vụ", "Trạng thái", "Kết quả", "Vai trò", "Hạn")
    for col, header in zip("ABCDEFG", headers, strict=True):
        fixed[f"{col}{TASKS_HEADER_ROW}"] = header
    rows = []
    for number, task in enumerate(unit_tasks(plan, unit.ma), 1):
        if task.chu_tri == unit.ma:
            role = "Chủ trì"
        else:
            lead = plan.units.get(task.chu_tri)
            role = f"Phối hợp (chủ trì: {lead.ten if lead else task.chu_tri})"
        due = task.han or dt.date(period.year, 12, 31)
        rows.append(RowSpec(task.ma, {"A": number, "B": task.ma, "C": task.ten, "F": role,
                                      "G": short_date(due)},
                            {"D": "status", "E": "text"}, {"D": "trang_thai", "E": "ket_qua"}))
    ids = max((len(r.key or "") for r in rows), default=10)
    return SheetSpec(TASKS_SHEET, tuple("ABCDEFG"), fixed, {}, TASKS_HEADER_ROW, tuple(rows),
                     {"A": 5, "B": min(ids + 2, 40), "C": 50, "D": 18, "E": 45, "F": 26,
                      "G": 12})


def _notes_sheet(period: Period) -> SheetSpec:
    fixed: dict[str, Value] = {
        "A1": f"KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT QUÝ {roman(period.quarter)} NĂM "
              f"{period.year}",
        "A2": "Mỗi ý ghi vào một ô, từ trên xuống; không có thì để trống.",
        f"A{NOTES_HEADER_ROW}": "STT",
        f"B{NOTES_HEADER_ROW}": "Khó khăn, vướng mắc",
        f"C{NOTES_HEADER_ROW}": "Kiến nghị, đề xuất",
    }
    rows = tuple(RowSpec(None, {"A": n}, {"B": "text", "C": "text"},
                         {"B": "kho_khan", "C": "kien_nghi"}) for n in range(1, NOTE_ROWS + 1))
    return SheetSpec(NOTES_SHEET, ("A", "B", "C"), fixed, {}, NOTES_HEADER_ROW, rows,
                     {"A": 6, "B": 60, "C": 60})


def form_spec(plan: Plan, unit: Unit, period: Period, sent: dt.date) -> FormSpec:
    """The form of ``unit`` for ``period``; ``sent``: the date the date cell proposes."""
    return FormSpec(unit, period, plan_version(plan), item_versions(plan, unit.ma),
                    (_targets_sheet(plan, unit, period), _tasks_sheet(plan, unit, period),
                     _notes_sheet(period)), sent)
