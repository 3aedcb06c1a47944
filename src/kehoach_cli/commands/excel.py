"""`kehoach excel --quy N | --6-thang | --ca-nam`: the data table (.xlsx) beside the
quarter's report, the six-month review (quarters I and II) or the annual one (I to IV).

As `kehoach report` does for the .docx: nothing is written when the repo has errors; the
table of an issued quarter (its report input has ``so``) is never overwritten without
--force; the write is atomic. The same inputs give the same bytes: the workbook is dated
the report's date (``ngay`` of the report input), or else the first day of the plan year.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from ..console import progress
from ..errors import EXIT_OK, EXIT_PROBLEMS, KehoachError
from ..store import write_atomic
from ..vocab.periods import HALF_YEAR, QUARTERLY
from .common import clean_plan, covered_by, load_checked, output_file, shown_path


def excel(
    start: Path,
    quarter: int | None,
    year: int | None = None,
    *,
    half_year: bool = False,
    annual: bool = False,
    out: Path | None = None,
    force: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    from .report import regime_of

    regime = regime_of(quarter, half_year, annual)
    with progress("Đang đọc và kiểm tra kho kế hoạch…", stderr):
        root, outcome = load_checked(start)
    plan = clean_plan(outcome, "bảng số liệu", stderr)
    if plan is None:
        return EXIT_PROBLEMS
    covered, report_input = covered_by(plan, regime, quarter, year)
    period = covered.last
    target = output_file(root, out, covered, ".xlsx", "bảng số liệu")

    from ..compute.attainment import compute_quarter
    from ..present.excel_table import build_table, quarter_scope, review_scope
    from ..present.workbook import save_bytes

    with progress("Đang lập bảng số liệu…", stderr):
        q = compute_quarter(plan, period)
        when = report_input.ngay or dt.date(plan.plan.nam, 1, 1)
        if regime == QUARTERLY:
            workbook = build_table(plan, q, quarter_scope(period))
        else:
            scope = review_scope(period.year, regime == HALF_YEAR)
            quarters = [compute_quarter(plan, p) for p in scope.quarters]
            workbook = build_table(plan, q, scope, quarters)
        data = save_bytes(workbook, when)
    if report_input.so is not None and target.exists() and not force:
        if target.is_file() and target.read_bytes() == data:
            stdout.write(f"{shown_path(target)} (báo cáo đã ban hành, không thay đổi)\n")
            return EXIT_OK
        raise KehoachError(
            f"{shown_path(target)} là bảng số liệu của báo cáo đã ban hành (số {report_input.so}/"
            f"{plan.plan.bao_cao.ky_hieu}) và khác với bản lập lại; kehoach không ghi đè số "
            "liệu đã ban hành. Nếu thật sự cần lập lại, chạy thêm --force"
        )
    write_atomic(target, data)
    stdout.write(shown_path(target) + "\n")
    return EXIT_OK
