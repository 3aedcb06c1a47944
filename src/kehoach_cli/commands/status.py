"""`kehoach status --quy N`: the quarter at a glance, in the terminal or as JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..compute.attainment import attention, compute_quarter
from ..console import progress
from ..errors import EXIT_OK, UsageError
from .common import load_checked, period_of, require_plan


def status(
    start: Path,
    quarter: int,
    year: int | None = None,
    *,
    as_json: bool = False,
    attention_only: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if not 1 <= quarter <= 4:  # a usage error is told before the repo is read
        raise UsageError(f"--quy: cần số từ 1 đến 4, nhận được {quarter}")
    with progress("Đang đọc và kiểm tra kho kế hoạch…", err):
        _, outcome = load_checked(start)
    plan = require_plan(outcome, err)
    period = period_of(plan, quarter, year)
    q = compute_quarter(plan, period)
    if as_json:
        from ..present.status_json import dumps
        from ..vocab.numbers import format_number

        errors = len(outcome.errors)
        if errors:
            err.write(
                f"kehoach: cảnh báo: có {format_number(errors)} lỗi trong kho kế hoạch; "
                "các tệp lỗi không được tính — chạy kehoach validate để xem.\n"
            )
        out.write(dumps(plan, attention(q) if attention_only else q) + "\n")
        return EXIT_OK
    from ..present.status_view import render_status

    render_status(plan, q, outcome, out, attention_only=attention_only)
    return EXIT_OK
