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
from ..load.models import ReportInput
from ..present import problems_out
from ..store import write_atomic
from ..vocab.periods import HALF_YEAR, QUARTERLY, ReportPeriod
from .common import load_checked, period_of


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


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
    if outcome.errors or outcome.plan is None:
        for problem in outcome.errors:
            stderr.write(problems_out.text_line(problem) + "\n")
        stderr.write(
            f"kehoach: lỗi: kho kế hoạch có {len(outcome.errors)} lỗi nên chưa lập bảng số "
            "liệu; sửa các lỗi trên (xem: kehoach validate) rồi chạy lại. Không tệp nào được "
            "ghi.\n"
        )
        return EXIT_PROBLEMS
    plan = outcome.plan
    if regime == QUARTERLY:
        covered = ReportPeriod.of(period_of(plan, quarter or 1, year).year, regime,
                                  quarter or 1)
        report_input = plan.reports.get(covered.last) or ReportInput()
    else:
        covered = ReportPeriod.of(period_of(plan, 4, year).year, regime)
        report_input = plan.summaries.get(covered) or ReportInput()
    period = covered.last
    target = (out if out.is_absolute() else Path.cwd() / out) if out else (
        root / "reports" / f"{covered}.xlsx"
    )
    if target.suffix.lower() != ".xlsx":
        raise KehoachError(f"--out: bảng số liệu cần đuôi .xlsx, nhận được {_shown(target)}")
    if target.is_dir():
        raise KehoachError(f"--out: {_shown(target)} là một thư mục; cần đường dẫn tệp .xlsx")

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
            stdout.write(f"{_shown(target)} (báo cáo đã ban hành, không thay đổi)\n")
            return EXIT_OK
        raise KehoachError(
            f"{_shown(target)} là bảng số liệu của báo cáo đã ban hành (số {report_input.so}/"
            f"{plan.plan.bao_cao.ky_hieu}) và khác với bản lập lại; kehoach không ghi đè số "
            "liệu đã ban hành. Nếu thật sự cần lập lại, chạy thêm --force"
        )
    write_atomic(target, data)
    stdout.write(_shown(target) + "\n")
    return EXIT_OK
