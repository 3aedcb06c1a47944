"""`kehoach status --quy N`: the quarter at a glance, in the terminal or as JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..compute.attainment import compute_quarter
from ..errors import EXIT_OK
from .common import load_checked, period_of, require_plan


def status(
    start: Path,
    quarter: int,
    year: int | None = None,
    *,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    _, outcome = load_checked(start)
    plan = require_plan(outcome)
    period = period_of(plan, quarter, year)
    q = compute_quarter(plan, period)
    if as_json:
        from ..present.status_json import dumps

        out.write(dumps(plan, q) + "\n")
        return EXIT_OK
    from ..present.status_view import render_status

    render_status(plan, q, outcome, out)
    return EXIT_OK
