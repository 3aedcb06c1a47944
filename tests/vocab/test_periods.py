"""Quarter arithmetic: first and last days, the reporting deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_cli.vocab.periods import deadline, quarter_end, quarter_start

D = dt.date


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, D(2026, 1, 1), D(2026, 3, 31)),
        (2, D(2026, 4, 1), D(2026, 6, 30)),
        (3, D(2026, 7, 1), D(2026, 9, 30)),
        (4, D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_quarter_bounds(quarter: int, start: dt.date, end: dt.date) -> None:
    assert quarter_start(2026, quarter) == start
    assert quarter_end(2026, quarter) == end


@pytest.mark.parametrize(
    ("quarter", "day", "expected"),
    [
        (1, 20, D(2026, 3, 20)),
        (2, 20, D(2026, 6, 20)),
        (3, 20, D(2026, 9, 20)),
        (4, 20, D(2026, 12, 20)),
        (1, 31, D(2026, 3, 31)),
        (2, 31, D(2026, 6, 30)),  # June has 30 days: the last day of the month
        (3, 31, D(2026, 9, 30)),
        (4, 31, D(2026, 12, 31)),
        (2, 30, D(2026, 6, 30)),
        (2, 1, D(2026, 6, 1)),
    ],
)
def test_deadline_is_that_day_of_the_last_month(quarter: int, day: int, expected: dt.date) -> None:
    assert deadline(2026, quarter, day) == expected
