"""Early warning: where a target is heading at its observed pace, and what it takes.

With one to four points a year only a linear pace is sound. The observed pace is the
change per quarter from the first point to the latest (the start-of-year value
``gia_tri_dau_nam`` is the point of quarter 0; a year-to-date sum starts the year at 0);
the required pace is what each remaining quarter must add to reach the goal. Their ratio
gives the level, as Open SDG's progress status does (Statistics Canada's method): at
least 95% on track, at least 60% needs acceleration, below that (or moving away from the
goal) at risk. docs/canh-bao-som.md explains it with a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Level = Literal["da_dat", "dung_tien_do", "can_tang_toc", "nguy_co", "chua_du_so_lieu"]
LEVELS: tuple[Level, ...] = ("nguy_co", "can_tang_toc", "dung_tien_do", "da_dat",
                             "chua_du_so_lieu")
ON_TRACK = Fraction(95, 100)
ACCELERATE = Fraction(60, 100)
QUARTERS = 4


@dataclass(frozen=True, slots=True)
class Forecast:
    level: Level
    year_end: Fraction | None  # the projected year-end value, within the unit's bounds
    needed: Fraction | None  # the change each remaining quarter needs to reach the goal
    pace: Fraction | None  # the observed change per quarter


def _level(ratio: Fraction) -> Level:
    if ratio >= ON_TRACK:
        return "dung_tien_do"
    return "can_tang_toc" if ratio >= ACCELERATE else "nguy_co"


def _bounded(value: Fraction, low: Fraction | None, high: Fraction | None) -> Fraction:
    if low is not None and value < low:
        return low
    return high if high is not None and value > high else value


def project(
    points: Sequence[tuple[int, Fraction]],
    quarter: int,
    goal: Fraction,
    comparison: str,
    *,
    cumulative: bool = False,
    low: Fraction | None = None,
    high: Fraction | None = None,
) -> Forecast | None:
    """The forecast at ``quarter`` (1-3; None in quarter 4, whose value is the year's).

    ``points`` are (quarter, value) in order, quarter 0 for the start-of-year value; the
    latest must be ``quarter`` itself, else there is no figure to project from. A
    ``cumulative`` target (a year-to-date sum) projects its average per quarter; with a
    ceiling (``<=``) it is only met when the year is over, so it is judged by its pace.
    """
    if quarter >= QUARTERS:
        return None
    if not points or points[-1][0] != quarter:
        return Forecast("chua_du_so_lieu", None, None, None)
    value = points[-1][1]
    remaining = QUARTERS - quarter
    needed = (goal - value) / remaining
    at_least = comparison == ">="
    if cumulative:
        pace = value / quarter
        year_end = _bounded(value + pace * remaining, low, high)
        if at_least and value >= goal:
            return Forecast("da_dat", year_end, None, pace)
        if not at_least:  # a ceiling on a total that only grows
            if value > goal:
                return Forecast("nguy_co", year_end, needed, pace)
            return Forecast(_level(needed / pace) if pace else "dung_tien_do",
                            year_end, needed, pace)
        return Forecast(_level(pace / needed), year_end, needed, pace)
    met = value >= goal if at_least else value <= goal
    if len(points) < 2:
        return Forecast("da_dat" if met else "chua_du_so_lieu", None, None if met else needed,
                        None)
    first_quarter, first = points[0]
    pace = (value - first) / (quarter - first_quarter)
    year_end = _bounded(value + pace * remaining, low, high)
    if met:
        return Forecast("da_dat", year_end, None, pace)
    return Forecast(_level(pace / needed), year_end, needed, pace)
