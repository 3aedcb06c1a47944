"""Dates, numbers and numbering lines written the way Nghị định 30/2020/NĐ-CP asks.

- ``roman(2)`` -> ``"II"`` (quarters: "quý II năm 2026");
- ``nd30_date(date(2027, 1, 5))`` -> ``"ngày 05 tháng 01 năm 2027"``: a leading zero for
  days below 10, and for months ONLY for January and February (``tháng 6``, ``tháng 12``);
- ``date_line("Vũ Dương", d)`` -> ``"Vũ Dương, ngày 26 tháng 6 năm 2026"``;
- ``so_line(5, "BC-BCĐ")`` -> ``"Số: 05/BC-BCĐ"``; a draft (``None``) leaves the number blank:
  ``"Số:      /BC-BCĐ"``;
- ``short_date(d)`` -> ``"23/6/2026"`` for running text.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

__all__ = ["DRAFT_NUMBER_BLANK", "date_line", "nd30_date", "roman", "short_date", "so_line"]

# What stands in for the number of a document that has not been issued yet.
DRAFT_NUMBER_BLANK = " " * 6

_ROMAN_STEPS: tuple[tuple[int, str], ...] = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def roman(n: int) -> str:
    """Upper-case Roman numeral of ``n`` (1..3999): ``roman(4) == "IV"``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"roman() needs an int, got {type(n).__name__}")
    if not 1 <= n <= 3999:
        raise ValueError(f"roman() is defined for 1..3999, got {n}")
    out: list[str] = []
    rest = n
    for value, symbol in _ROMAN_STEPS:
        count, rest = divmod(rest, value)
        out.append(symbol * count)
    return "".join(out)


def nd30_date(d: dt.date) -> str:
    """``"ngày 05 tháng 01 năm 2027"``: day zero-padded below 10, month only for 1 and 2."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return _nfc(f"ngày {d.day:02d} tháng {month} năm {d.year}")


def date_line(dia_danh: str, d: dt.date) -> str:
    """The place-and-date line of the header: ``"Vũ Dương, ngày 26 tháng 6 năm 2026"``."""
    place = " ".join(_nfc(dia_danh).split())
    if not place:
        raise ValueError("date_line() needs a place name (địa danh)")
    return f"{place}, {nd30_date(d)}"


def so_line(so: int | None, ky_hieu: str) -> str:
    """``"Số: 15/BC-BCĐ"``, ``"Số: 05/BC-BCĐ"``; ``None`` (draft) gives ``"Số:      /BC-BCĐ"``."""
    symbol = _nfc(ky_hieu).strip()
    if not symbol or any(ch.isspace() for ch in symbol):
        raise ValueError(f"a document symbol (ký hiệu) has no spaces and is not empty: {ky_hieu!r}")
    if so is None:
        return f"Số:{DRAFT_NUMBER_BLANK}/{symbol}"
    if isinstance(so, bool) or not isinstance(so, int):
        raise TypeError(f"so_line() needs an int or None, got {type(so).__name__}")
    if so < 1:
        raise ValueError(f"a document number starts at 1, got {so}")
    return f"Số: {so:02d}/{symbol}"


def short_date(d: dt.date) -> str:
    """``"23/6/2026"``: day/month/year without zero padding, for running text."""
    return f"{d.day}/{d.month}/{d.year}"
