"""`kehoach report --quy N | --6-thang | --ca-nam | --moi-nhat`: the quarter's report, the
six-month review, the year-end review, or the latest quarter's report (chosen from the
data) as a .docx (and a PDF on request).

Nothing is written when the repo has errors; an issued report (its input has ``so``)
is never overwritten without --force; every write is atomic.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..console import progress
from ..errors import EXIT_OK, EXIT_PROBLEMS, KehoachError, UsageError
from ..load.models import ReportInput
from ..store import write_atomic
from ..vocab.periods import ANNUAL, HALF_YEAR, QUARTERLY, Regime, ReportPeriod
from .common import clean_plan, covered_by, load_checked, output_file, period_of, today

if TYPE_CHECKING:
    from ..compute.attainment import QuarterAttainment
    from ..compute.summary import SummaryAttainment
    from ..load.plan import Plan


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":  # pragma: no cover - Windows installs outside PATH
        for base in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if base and candidate.is_file():
                return str(candidate)
    return None


def convert_to_pdf(docx: Path, pdf: Path) -> None:
    soffice = find_soffice()
    if soffice is None:
        raise KehoachError(
            f"đã ghi {_shown(docx)} nhưng không xuất được PDF: chưa cài LibreOffice "
            "(không tìm thấy lệnh soffice). Cài LibreOffice rồi chạy lại với --pdf, hoặc mở "
            "tệp .docx bằng Word và chọn Lưu thành PDF"
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                check=True, capture_output=True, timeout=180,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise KehoachError(
                f"đã ghi {_shown(docx)} nhưng LibreOffice không chuyển được sang PDF ({exc})"
            ) from None
        produced = Path(tmp, docx.stem + ".pdf")
        if not produced.is_file():
            raise KehoachError(
                f"đã ghi {_shown(docx)} nhưng LibreOffice không tạo ra tệp PDF"
            )
        write_atomic(pdf, produced.read_bytes())


REPORT_KINDS = ("--quy N (báo cáo quý), --6-thang (báo cáo sơ kết 6 tháng đầu năm) hoặc "
                "--ca-nam (báo cáo tổng kết năm)")


def regime_of(quarter: int | None, half_year: bool, annual: bool) -> Regime:
    """The kind of report asked for: exactly one of --quy N, --6-thang, --ca-nam."""
    from ..present.report.markup import join_vietnamese

    given = [name for name, on in (("--quy", quarter is not None), ("--6-thang", half_year),
                                   ("--ca-nam", annual)) if on]  # fmt: skip
    if not given:
        raise UsageError(f"cần chọn loại báo cáo: {REPORT_KINDS}")
    if len(given) > 1:
        raise UsageError(
            f"chỉ chọn một loại báo cáo, nhưng đã ghi cả {join_vietnamese(given)}; hãy dùng "
            f"{REPORT_KINDS}"
        )
    return QUARTERLY if quarter is not None else HALF_YEAR if half_year else ANNUAL


def report(
    start: Path,
    quarter: int | None,
    year: int | None = None,
    *,
    half_year: bool = False,
    annual: bool = False,
    out: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    regime = regime_of(quarter, half_year, annual)
    return _report(start, regime, quarter or 0, year, out, force, pdf, stdout or sys.stdout,
                   stderr or sys.stderr)  # fmt: skip


def latest_quarter(plan: Plan, year: int) -> int:
    """The last quarter of ``year`` that has data (a unit's result file or the
    secretariat's report input); quarter I when there is none yet."""
    quarters = [p.quarter for p in (*plan.results, *plan.reports) if p.year == year]
    return max(quarters, default=1)


def latest(
    start: Path,
    year: int | None = None,
    *,
    out: Path | None = None,
    pdf: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`kehoach report --moi-nhat`: the report of the latest quarter with data, chosen
    from the data, not the calendar (what CI attaches after every merge). An issued one
    is never made again: its official .docx in reports/ is copied to ``out``."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    root, outcome = load_checked(start)
    if outcome.plan is None:
        return _report(start, QUARTERLY, 1, year, out, False, pdf, stdout, stderr)
    plan = outcome.plan
    nam = period_of(plan, 1, year).year
    quarter = latest_quarter(plan, nam)
    report_input = plan.reports.get(period_of(plan, quarter, nam))
    if report_input is None or report_input.so is None:
        stdout.write(f"Quý mới nhất có số liệu: quý {_roman(quarter)} năm {nam}\n")
        return _report(start, QUARTERLY, quarter, nam, out, False, pdf, stdout, stderr)
    official = root / "reports" / f"{nam}-Q{quarter}.docx"
    number = f"số {report_input.so:02d}/{plan.plan.bao_cao.ky_hieu}"
    if not official.is_file():
        raise KehoachError(
            f"báo cáo quý {_roman(quarter)} năm {nam} đã ban hành ({number}) nhưng chưa có "
            f"văn bản chính thức {_shown(official)}; kehoach không lập lại văn bản đã ban "
            "hành — hãy commit tệp .docx đã ký vào reports/"
        )
    stdout.write(f"Báo cáo quý {_roman(quarter)} năm {nam} đã ban hành ({number}): không lập "
                 f"lại; văn bản chính thức: {_shown(official)}\n")
    if out is not None:
        target = out if out.is_absolute() else Path.cwd() / out
        if target.resolve() != official.resolve():
            write_atomic(target, official.read_bytes())
            stdout.write(f"Đã chép văn bản chính thức sang {_shown(target)}\n")
    return EXIT_OK


def _roman(quarter: int) -> str:
    from ..vocab.dates import roman

    return roman(quarter)


def _report(
    start: Path,
    regime: Regime,
    quarter: int,
    year: int | None,
    out: Path | None,
    force: bool,
    pdf: bool,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    with progress("Đang đọc và kiểm tra kho kế hoạch…", stderr):
        root, outcome = load_checked(start)
    plan = clean_plan(outcome, "báo cáo", stderr)
    if plan is None:
        return EXIT_PROBLEMS
    covered, report_input = covered_by(plan, regime, quarter, year)
    target = output_file(root, out, covered, ".docx", "tệp báo cáo")

    from ..present.report.templating import TemplateProblem

    try:
        with progress("Đang lập báo cáo…", stderr):
            when = report_input.ngay or today()
            data, warn = _render(plan, covered, report_input, when)
    except TemplateProblem as problem:
        stderr.write(problem.line_text + "\n")
        stderr.write(
            "kehoach: lỗi: mẫu báo cáo có lỗi nên chưa lập báo cáo; sửa mẫu (xem "
            "templates/README.md) rồi chạy lại. Không tệp nào được ghi.\n"
        )
        return EXIT_PROBLEMS

    warn(stderr)
    return _write(plan, report_input, target, data, force, pdf, stdout, stderr)


def _render(
    plan: Plan, covered: ReportPeriod, report_input: ReportInput, when: dt.date,
) -> tuple[bytes, Callable[[TextIO], None]]:
    """The .docx bytes, and the warnings to give once it is made."""
    from ..present.report.docx_writer import render_docx

    if covered.regime == QUARTERLY:
        from ..compute.attainment import compute_quarter
        from ..present.report.content import build_document

        q = compute_quarter(plan, covered.last)
        data = render_docx(build_document(plan, q, report_input, when))
        return data, lambda stderr: _warn_early(q, when, stderr)
    from ..compute.summary import compute_summary
    from ..present.report.summary import build_summary_document

    s = compute_summary(plan, covered)
    data = render_docx(build_summary_document(plan, s, report_input, when))
    return data, lambda stderr: _warn_summary(s, when, stderr)


def _write(
    plan: Plan, report_input: ReportInput, target: Path, data: bytes, force: bool, pdf: bool,
    stdout: TextIO, stderr: TextIO,
) -> int:
    issued = report_input.so is not None
    unchanged = False
    if issued and target.exists() and not force:
        if not (target.is_file() and target.read_bytes() == data):
            raise KehoachError(
                f"{_shown(target)} là báo cáo đã ban hành (số {report_input.so:02d}/"
                f"{plan.plan.bao_cao.ky_hieu}) và khác với bản lập lại; kehoach không ghi đè "
                "văn bản đã ban hành. Nếu thật sự cần lập lại, chạy thêm --force"
            )
        unchanged = True
        stdout.write(f"{_shown(target)} (báo cáo đã ban hành, không thay đổi)\n")
    else:
        write_atomic(target, data)
        stdout.write(_shown(target) + "\n")
    if pdf:
        pdf_path = target.with_suffix(".pdf")
        if issued and pdf_path.exists() and not force:
            if unchanged:
                stdout.write(f"{_shown(pdf_path)} (báo cáo đã ban hành, không thay đổi)\n")
                return EXIT_OK
            raise KehoachError(
                f"{_shown(pdf_path)} là bản PDF của báo cáo đã ban hành; không ghi đè "
                "(chạy thêm --force nếu thật sự cần)"
            )
        with progress("Đang xuất PDF bằng LibreOffice…", stderr):
            convert_to_pdf(target, pdf_path)
        stdout.write(_shown(pdf_path) + "\n")
    return EXIT_OK


def _warn_summary(s: SummaryAttainment, when: dt.date, stderr: TextIO) -> None:
    """A review made while some of its quarters have no data says which, and a review
    made before the last quarter's deadline says so, as the quarterly report does."""
    from ..present.report.markup import join_vietnamese
    from ..vocab.dates import roman, short_date
    from ..vocab.phrases import report_name

    year = s.period.year
    missing = s.without_data
    if missing:
        quarters = join_vietnamese(f"quý {roman(q.period.quarter)}" for q in missing)
        due = ", ".join(short_date(q.deadline) for q in missing)
        what = ("chưa có số liệu" if len(missing) == len(s.quarters) else
                "chưa có số liệu của " + ("các quý này" if len(missing) > 1 else "quý này"))
        stderr.write(f"kehoach: cảnh báo: {quarters} năm {year} chưa có đơn vị nào gửi kết "
                     f"quả (hạn gửi {due}); {report_name(s.period)} {what}.\n")
    if s.end.has_data and when < s.end.deadline:
        _warn_early(s.end, when, stderr)


def _warn_early(q: QuarterAttainment, when: dt.date, stderr: TextIO) -> None:
    """A report made before the units' deadline, or of a quarter nobody has reported on,
    is made (a draft may be wanted early) but not silently."""
    from ..vocab.dates import roman, short_date

    quarter = f"quý {roman(q.period.quarter)} năm {q.period.year}"
    if not q.has_data:
        stderr.write(f"kehoach: cảnh báo: {quarter} chưa có đơn vị nào gửi kết quả (hạn gửi "
                     f"{short_date(q.deadline)}); báo cáo chưa có số liệu.\n")
    elif when < q.deadline:
        stderr.write(f"kehoach: cảnh báo: báo cáo đề ngày {short_date(when)}, trước hạn các "
                     f"đơn vị gửi kết quả {quarter} ({short_date(q.deadline)}); số liệu "
                     "chưa đủ.\n")
