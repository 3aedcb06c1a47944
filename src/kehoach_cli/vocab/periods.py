"""Quarters: the period a result file covers, its first and last days, its deadline; the
periods a report covers (a quarter, the first half, the year)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, Literal

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


# --------------------------------------------------------------------------- report regimes

# The report regimes of Nghị định 09/2019/NĐ-CP a plan's committee keeps: quarterly, the
# six-month review (sơ kết 6 tháng đầu năm) and the year-end review (tổng kết năm).
Regime = Literal["quy", "6-thang", "ca-nam"]
QUARTERLY: Final = "quy"
HALF_YEAR: Final = "6-thang"
ANNUAL: Final = "ca-nam"
_HALF_YEAR_RE = re.compile(r"^([0-9]{4})-6T$")
_YEAR_RE = re.compile(r"^([0-9]{4})$")


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """What one report covers: a quarter (2026-Q2), the first half (2026-6T) or the year
    (2026); ``quarter`` is the last quarter it covers, whose figures it reports."""

    year: int
    quarter: int
    regime: Regime = "quy"

    def __str__(self) -> str:
        """The stem of the report's files: ``reports/<this>.yaml`` and ``.docx``."""
        if self.regime == HALF_YEAR:
            return f"{self.year}-6T"
        if self.regime == ANNUAL:
            return str(self.year)
        return f"{self.year}-Q{self.quarter}"

    @staticmethod
    def parse(text: str) -> ReportPeriod | None:
        quarter = Period.parse(text)
        if quarter is not None:
            return ReportPeriod(quarter.year, quarter.quarter)
        m = _HALF_YEAR_RE.match(text)
        if m:
            return ReportPeriod(int(m[1]), 2, "6-thang")
        m = _YEAR_RE.match(text)
        return ReportPeriod(int(m[1]), 4, "ca-nam") if m else None

    @staticmethod
    def of(year: int, regime: Regime, quarter: int = 0) -> ReportPeriod:
        if regime == HALF_YEAR:
            return ReportPeriod(year, 2, regime)
        if regime == ANNUAL:
            return ReportPeriod(year, 4, regime)
        return ReportPeriod(year, quarter, regime)

    @property
    def last(self) -> Period:
        """The last quarter covered, whose figures the report gives."""
        return Period(self.year, self.quarter)

    @property
    def quarters(self) -> tuple[Period, ...]:
        """Every quarter covered, in order."""
        first = self.quarter if self.regime == QUARTERLY else 1
        return tuple(Period(self.year, n) for n in range(first, self.quarter + 1))
