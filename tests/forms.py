"""Filling a unit's Excel form the way a unit would, with openpyxl: the round-trip and
import tests share it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl

from kehoach_cli.load.form_layout import (
    DATE_CELL,
    NOTES_HEADER_ROW,
    NOTES_SHEET,
    REPORTER_CELL,
    STATUS_LABELS,
    TARGETS_SHEET,
    TASKS_SHEET,
)
from kehoach_cli.load.models import ResultFile


def rows_by_key(ws: Any) -> dict[str, int]:
    """The row of every id in column B."""
    return {str(c.value): c.row for c in ws["B"] if isinstance(c.value, str) and c.row > 5}


def fill(wb: Any, result: ResultFile) -> Any:
    """``wb`` (a form) filled with ``result``'s values; returns ``wb``."""
    ws = wb[TARGETS_SHEET]
    ws[DATE_CELL] = result.ngay_gui
    ws[REPORTER_CELL] = result.nguoi_bao_cao
    rows = rows_by_key(ws)
    for ma, entry in (result.chi_tieu or {}).items():
        row = rows[ma]
        if entry.tu_so is not None or entry.mau_so is not None:
            ws[f"D{row}"], ws[f"E{row}"] = entry.tu_so, entry.mau_so
        else:
            ws[f"D{row}"] = entry.gia_tri
        ws[f"F{row}"] = entry.ghi_chu
    tasks = wb[TASKS_SHEET]
    rows = rows_by_key(tasks)
    for ma, task in (result.nhiem_vu or {}).items():
        row = rows[ma]
        tasks[f"D{row}"] = STATUS_LABELS[task.trang_thai]
        tasks[f"E{row}"] = task.ket_qua
    notes = wb[NOTES_SHEET]
    for offset, text in enumerate(result.kho_khan):
        notes[f"B{NOTES_HEADER_ROW + 1 + offset}"] = text
    for offset, text in enumerate(result.kien_nghi):
        notes[f"C{NOTES_HEADER_ROW + 1 + offset}"] = text
    return wb


def fill_file(form: Path, result: ResultFile, out: Path | None = None) -> Path:
    wb = fill(openpyxl.load_workbook(form), result)
    target = out or form
    wb.save(target)
    return target


def reopen(wb: Any) -> Any:
    """``wb`` saved and read back, as a file would be."""
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    return openpyxl.load_workbook(data)


def same_result(a: ResultFile, b: ResultFile) -> bool:
    """The same data: empty mappings and lists count as absent."""
    def norm(r: ResultFile) -> dict[str, Any]:
        d = r.model_dump()
        d["chi_tieu"] = d["chi_tieu"] or {}
        d["nhiem_vu"] = d["nhiem_vu"] or {}
        return d

    return norm(a) == norm(b)


D = dt.date
