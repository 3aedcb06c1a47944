"""Quarter arithmetic: first and last days, the reporting deadline."""

from __future__ import annotations

import calendar
import datetime as dt


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    month = 3 * quarter
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline(year: int, quarter: int, day: int) -> dt.date:
    """Day ``day`` of the quarter's last month (the 31st of June is the 30th)."""
    month = 3 * quarter
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def current_quarter(today: dt.date) -> int:
    return (today.month - 1) // 3 + 1
