"""What several commands share: finding and checking the repo, choosing the period."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from ..check.engine import check_repo
from ..check.outcome import CheckOutcome
from ..errors import KehoachError, UsageError
from ..load.models import ReportInput
from ..load.plan import Plan
from ..load.repo import find_root
from ..present import problems_out
from ..vocab.periods import QUARTERLY, Period, Regime, ReportPeriod


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


def clean_plan(outcome: CheckOutcome, made: str, err: TextIO) -> Plan | None:
    """The plan when the repo has no error; else None, having printed every error and
    said that ``made`` (báo cáo, bảng số liệu) was not made and nothing written."""
    if not outcome.errors and outcome.plan is not None:
        return outcome.plan
    for problem in outcome.errors:
        err.write(problems_out.text_line(problem) + "\n")
    err.write(
        f"kehoach: lỗi: kho kế hoạch có {len(outcome.errors)} lỗi nên chưa lập {made}; sửa "
        "các lỗi trên (xem: kehoach validate) rồi chạy lại. Không tệp nào được ghi.\n"
    )
    return None


def covered_by(plan: Plan, regime: Regime, quarter: int | None,
               year: int | None) -> tuple[ReportPeriod, ReportInput]:
    """The period a report (or its table) covers, and the secretariat's input for it
    (empty when reports/ has none)."""
    if regime == QUARTERLY:
        covered = ReportPeriod.of(period_of(plan, quarter or 1, year).year, regime,
                                  quarter or 1)
        return covered, plan.reports.get(covered.last) or ReportInput()
    covered = ReportPeriod.of(period_of(plan, 4, year).year, regime)
    return covered, plan.summaries.get(covered) or ReportInput()


def output_file(root: Path, out: Path | None, covered: ReportPeriod, suffix: str,
                what: str) -> Path:
    """Where a report's file goes: ``--out`` (relative to the current folder), else
    reports/<period><suffix>; a wrong suffix or a folder is a user error."""
    target = (out if out.is_absolute() else Path.cwd() / out) if out else (
        root / "reports" / f"{covered}{suffix}"
    )
    if target.is_dir():  # before the suffix: a folder has none to complain about
        raise KehoachError(f"--out: {shown_path(target)} là một thư mục; cần đường dẫn tệp "
                           f"{suffix}, ví dụ {shown_path(target / ('bao-cao' + suffix))}")
    if target.suffix.lower() != suffix:
        raise KehoachError(f"--out: {what} cần đuôi {suffix}, nhận được {shown_path(target)}; "
                           f"hãy viết {shown_path(target.with_suffix(suffix))}")
    return target


def shown_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
