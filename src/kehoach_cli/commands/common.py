"""What several commands share: finding and checking the repo, choosing the period."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from ..check.engine import check_repo
from ..check.outcome import CheckOutcome
from ..errors import KehoachError, UsageError
from ..load.plan import Plan
from ..load.repo import find_root
from ..present import problems_out
from ..vocab.periods import Period


def today() -> dt.date:
    """Today's date; KEHOACH_TODAY=YYYY-MM-DD fixes it (tests, reproducible runs)."""
    import os

    fixed = os.environ.get("KEHOACH_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(
                f"KEHOACH_TODAY: cần ngày dạng YYYY-MM-DD, nhận được '{fixed}'"
            ) from None
    return dt.date.today()


def load_checked(start: Path, *, fast: bool = True) -> tuple[Path, CheckOutcome]:
    root = find_root(start)
    return root, check_repo(root, today(), fast=fast)


def require_plan(outcome: CheckOutcome, err: TextIO | None = None) -> Plan:
    """The checked plan, or stop (exit 1) printing the plan's problems."""
    if outcome.plan is None:
        err = err or sys.stderr
        for problem in outcome.errors:
            err.write(problems_out.text_line(problem) + "\n")
        raise KehoachError(
            "kế hoạch (thư mục plan/) có lỗi nên chưa tính được; sửa các lỗi trên rồi chạy lại"
        )
    return outcome.plan


def period_of(plan: Plan, quarter: int, year: int | None) -> Period:
    if not 1 <= quarter <= 4:
        raise UsageError(f"--quy: cần số từ 1 đến 4, nhận được {quarter}")
    chosen = plan.plan.nam if year is None else year
    if chosen != plan.plan.nam:
        raise UsageError(
            f"--nam: kế hoạch này là của năm {plan.plan.nam}, không có số liệu năm {chosen}"
        )
    return Period(chosen, quarter)
