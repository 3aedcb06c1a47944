"""Quarters: the period a result file covers, its first and last days, its deadline."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PERIOD_RE = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True, slots=True)
class Period:
    """A quarter of a year: 2026-Q2."""

    year: int
    quarter: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @staticmethod
    def parse(text: str) -> Period | None:
        m = PERIOD_RE.match(text)
        return Period(int(m[1]), int(m[2])) if m else None

    @property
    def start(self) -> dt.date:
        return quarter_start(self.year, self.quarter)

    @property
    def end(self) -> dt.date:
        return quarter_end(self.year, self.quarter)


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    month = 3 * quarter
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline(year: int, quarter: int, day: int) -> dt.date:
    """Day ``day`` of the quarter's last month (the 31st of June is the 30th)."""
    month = 3 * quarter
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
