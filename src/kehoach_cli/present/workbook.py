"""What every workbook kehoach writes shares: byte-identical saving, number formats that
a Vietnamese Excel or LibreOffice shows the Vietnamese way, the header and print set-up.

openpyxl is imported by the functions that build a workbook, never at import time of a
command's module, so that ``kehoach --help`` stays fast.

Number formats are stored in the file the way OOXML stores them, in the neutral
(en-US) notation: ``#,##0.0`` means "thousands separator, one decimal". Excel and
LibreOffice show them with the separators of the reader's locale: in Vietnamese (vi-VN)
``1.352,5`` and ``93,3%``; in an English locale ``1,352.5`` and ``93.3%``. That is the one
way a number can stay a number (sortable, summable, usable in a pivot table) and still
read the Vietnamese way on a Vietnamese machine.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from fractions import Fraction
from typing import Any

from ..vocab.numbers import round_half_up

# The one font of every workbook (shipped with Windows and with LibreOffice's fonts).
FONT = "Times New Roman"
HEADER_FILL = "D9E2F3"
GROUP_FILL = "EDEDED"
INPUT_FILL = "FFF2CC"


def number_format(value: Fraction | float | int | None, percent: bool) -> str:
    """The display format of one figure: one decimal, or none when the figure rounds to a
    whole number — as the report writes it (93,3%, 100%, 12.500). ``percent``: the figure
    is a percentage stored as a number of percent (93.333, as ``status --json`` gives
    it), shown with a literal % sign (no scaling by 100)."""
    suffix = '"%"' if percent else ""
    if value is None:
        return "General"
    rounded = round_half_up(Fraction(value) if not isinstance(value, Fraction) else value)
    if rounded == rounded.to_integral_value():
        return "#,##0" + suffix
    return "#,##0.0" + suffix


def as_cell(value: Fraction | int | None) -> float | int | None:
    """An exact figure as a cell holds it: an int when whole, else the nearest float
    (the value ``status --json`` prints)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value.denominator == 1 else float(value)


def save_bytes(workbook: Any, when: dt.date) -> bytes:
    """The workbook as .xlsx bytes that depend on nothing but its content and ``when``:
    the document's created/modified dates are ``when`` (midnight UTC), every zip entry
    carries that date, entries keep openpyxl's order."""
    from openpyxl.writer.excel import ExcelWriter

    moment = dt.datetime(when.year, when.month, when.day)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "kehoach"
    workbook.properties.lastModifiedBy = "kehoach"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core(data, moment)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            target.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return fixed.getvalue()


def _fixed_core(data: bytes, moment: dt.datetime) -> bytes:
    """docProps/core.xml with its two dates set to ``moment`` (openpyxl may stamp now)."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    for tag in (b"created", b"modified"):
        data = re.sub(rb"(<dcterms:" + tag + rb"[^>]*>)[^<]*(</dcterms:" + tag + rb">)",
                      rb"\g<1>" + stamp + rb"\g<2>", data)
    return data


def column_width(texts: list[str], least: int = 6, most: int = 60) -> float:
    """A column width (in characters) that fits its longest line, within bounds."""
    longest = max((len(line) for text in texts for line in text.split("\n")), default=0)
    return float(min(max(longest + 3, least), most))


def print_setup(sheet: Any, title_rows: str, landscape: bool = True) -> None:
    """A4, landscape, fit to the page's width, the header rows repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def fit_row_heights(sheet: Any, first_row: int = 1, merged_width: float | None = None) -> None:
    """Row heights that show every wrapped line: spreadsheet programs do not grow a row
    for wrapped text when opening a file, so the lines are counted here (about one
    character per unit of column width, 15 points a line)."""
    import math

    from openpyxl.utils import get_column_letter

    widths = {get_column_letter(c): (sheet.column_dimensions[get_column_letter(c)].width or 9)
              for c in range(1, sheet.max_column + 1)}
    merged = {rng.min_row: rng for rng in sheet.merged_cells.ranges if rng.min_row == rng.max_row}
    for row in sheet.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or not isinstance(cell.value, str):
                continue
            width = widths.get(cell.column_letter, 9)
            span = merged.get(cell.row)
            if span is not None and cell.column == span.min_col:
                width = sum(widths.get(get_column_letter(c), 9)
                            for c in range(span.min_col, span.max_col + 1))
            per_line = max(width * 1.4 - 2, 1)
            count = sum(max(1, math.ceil(len(part) / per_line)) for part in cell.value.split("\n"))
            lines = max(lines, count)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 14.5 * lines + 2
