"""One input cell of a filled form → the value the result file needs, or a Vietnamese
message naming what was typed and the form it needs.

A spreadsheet hands over what the user typed as a number, a date or a text, depending on
the cell's format and the machine's settings: ``17,5`` typed on a machine that uses the
decimal point stays a text, ``95%`` becomes 0.95 shown as a percentage, ``15/06/2026`` on
an English machine stays a text. Nothing is guessed: a value whose intent is certain is
still refused, with that intent written out; one that could be read two ways (``1.352``)
is refused with both readings.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from decimal import Decimal
from typing import Any

from ..vocab.forms import date_form, decimal_words, number_form, number_words, thousands
from ..vocab.numbers import format_number
from ..vocab.suggest import plain
from .form_layout import STATUS_LABELS, InputKind

Parsed = tuple[Any, str | None]  # (value, problem)

_RETYPE = "gõ lại thành số"


def _shown_number(value: int | float) -> str:
    """A number as a Vietnamese spreadsheet shows it: 17,5; 1.352."""
    return format_number(Decimal(repr(value)) if isinstance(value, float) else value, 10)


def _as_number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _text_number(text: str) -> Parsed:
    """A number typed as text: the message that says what to type instead."""
    bare = text.strip()
    grouped = thousands(bare.rstrip("%").strip())
    if grouped is not None and bare.count(".") == 1:
        decimal = bare.rstrip("%").strip()
        shown = decimal.replace(".", ",").rstrip("0").rstrip(",")
        return None, (f"'{bare}' là chữ, không phải số, và đọc được hai cách: {shown} "
                      f"({decimal_words(decimal)}) hoặc {number_words(grouped)}; nếu là "
                      f"{number_words(grouped)}, hãy gõ {grouped} (không dùng dấu chấm ngăn "
                      f"cách hàng nghìn); nếu là {shown}, hãy gõ {shown} (dấu phẩy thập phân)")
    form = number_form(bare)
    if form is None:
        if "," in bare and number_form(bare.replace(",", ".")) is not None:
            return None, (f"'{bare}' là chữ và đọc được hai cách (dấu phẩy thập phân hay dấu "
                          "phẩy ngăn cách hàng nghìn); hãy gõ lại thành số, không dùng dấu ngăn "
                          "cách hàng nghìn")
        return None, f"'{bare}' không phải là số; cần một số"
    why = " (bỏ dấu %: đơn vị tính đã ghi trong kế hoạch)" if bare.endswith("%") else ""
    comma = form.replace(".", ",")
    also = f" (trên máy dùng dấu phẩy thập phân: {comma})" if comma != form else ""
    return None, f"'{bare}' được gõ thành chữ, không phải số{why}; {_RETYPE} {form}{also}"


def parse_number(value: Any, number_format: str, kind: InputKind) -> Parsed:
    """A figure: ``count`` (whole ≥ 0), ``positive`` (whole ≥ 1), ``percent`` (0..100),
    ``nonnegative`` (≥ 0) or ``number``."""
    if isinstance(value, bool):
        return None, f"'{'TRUE' if value else 'FALSE'}' không phải là số; cần một số"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
        return None, (f"ô đang chứa ngày {shown} (chương trình bảng tính đã hiểu số vừa gõ là "
                      "ngày tháng); hãy xóa ô, đặt lại dạng Số (Number) rồi gõ lại số")
    if isinstance(value, str):
        return _text_number(value)
    if not isinstance(value, (int, float)) or (isinstance(value, float)
                                                and not math.isfinite(value)):
        return None, "ô không chứa một số; cần một số"
    if "%" in (number_format or "") and isinstance(value, (int, float)):
        percent = Decimal(repr(value)) * 100
        typed = format_number(percent, 6) + "%"
        wanted = f"{percent.normalize():f}"
        return None, (f"ô ghi {typed} (bảng tính lưu thành {_shown_number(value)}); hãy gõ "
                      f"{wanted.replace('.', ',')} không kèm dấu % (đơn vị tính đã ghi trong "
                      "kế hoạch)")
    number = _as_number(float(value)) if isinstance(value, float) else value
    shown = _shown_number(number)
    if kind in ("count", "positive"):
        if not isinstance(number, int):
            return None, f"cần số nguyên, nhận được {shown}"
        if number < 0:
            return None, f"cần số nguyên từ 0 trở lên, nhận được {shown}"
        if kind == "positive" and number == 0:
            return None, "mẫu số phải lớn hơn 0"
    elif kind == "percent" and not 0 <= number <= 100:
        return None, f"cần một số từ 0 đến 100 (phần trăm), nhận được {shown}"
    elif kind == "nonnegative" and number < 0:
        return None, f"cần một số từ 0 trở lên, nhận được {shown}"
    return number, None


def parse_date(value: Any) -> Parsed:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        form = date_form(value)
        if form is None:
            return None, (f"'{value.strip()}' không phải là ngày; cần ngày dạng ngày/tháng/năm, "
                          "ví dụ 15/06/2026")
        day = dt.date.fromisoformat(form)
        return None, (f"'{value.strip()}' được gõ thành chữ, không phải ngày; hãy gõ lại thành "
                      f"ngày {day:%d/%m/%Y} (tức {form}) để ô nhận là ngày")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, (f"ô chứa số {_shown_number(value)}, không phải ngày; hãy đặt ô dạng Ngày "
                      "(Date) và gõ ngày dạng ngày/tháng/năm, ví dụ 15/06/2026")
    return None, "cần một ngày dạng ngày/tháng/năm, ví dụ 15/06/2026"


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def parse_status(value: Any) -> Parsed:
    """One of the drop-down's labels (any letter case) → its key."""
    labels = ", ".join(f"'{label}'" for label in STATUS_LABELS.values())
    if not isinstance(value, str):
        return None, f"cần chọn một trạng thái trong danh sách: {labels}"
    for key, label in STATUS_LABELS.items():
        if _key(value) == _key(label):
            return key, None
    typed = plain(value)
    for key, label in STATUS_LABELS.items():
        if typed in (key, plain(label)) or typed.endswith("_" + plain(label)):
            return None, (f"trạng thái '{value.strip()}' không có trong danh sách; có phải ý "
                          f"bạn là '{label}'? Hãy chọn trong danh sách của ô")
    return None, (f"trạng thái '{value.strip()}' không có trong danh sách; cần chọn một "
                  f"trong: {labels}")


def parse_text(value: Any) -> Parsed:
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value)  # as typed: a line break is kept
        return (text if text.strip() else None), None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, float):
        return _shown_number(value), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y"), None
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y"), None
    return str(value), None


def parse_cell(value: Any, number_format: str, kind: InputKind) -> Parsed:
    """The value of one input cell (None: left empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if kind == "text":
        return parse_text(value)
    if kind == "date":
        return parse_date(value)
    if kind == "status":
        return parse_status(value)
    return parse_number(value, number_format, kind)
