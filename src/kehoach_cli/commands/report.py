"""`kehoach report --quy N`: the quarter's report as a .docx (and a PDF on request).

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
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..console import progress
from ..errors import EXIT_OK, EXIT_PROBLEMS, KehoachError
from ..load.models import ReportInput
from ..present import problems_out
from ..store import write_atomic
from .common import load_checked, period_of, today

if TYPE_CHECKING:
    from ..compute.attainment import QuarterAttainment


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


def report(
    start: Path,
    quarter: int,
    year: int | None = None,
    *,
    out: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    return _report(start, quarter, year, out, force, pdf, stdout or sys.stdout,
                   stderr or sys.stderr)  # fmt: skip


def _report(
    start: Path,
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
    if outcome.errors or outcome.plan is None:
        for problem in outcome.errors:
            stderr.write(problems_out.text_line(problem) + "\n")
        stderr.write(
            f"kehoach: lỗi: kho kế hoạch có {len(outcome.errors)} lỗi nên chưa lập báo cáo; "
            "sửa các lỗi trên (xem: kehoach validate) rồi chạy lại. Không tệp nào được ghi.\n"
        )
        return EXIT_PROBLEMS
    plan = outcome.plan
    period = period_of(plan, quarter, year)
    report_input = plan.reports.get(period) or ReportInput()
    target = (out if out.is_absolute() else Path.cwd() / out) if out else (
        root / "reports" / f"{period}.docx"
    )
    if target.suffix.lower() != ".docx":
        raise KehoachError(f"--out: tệp báo cáo cần đuôi .docx, nhận được {_shown(target)}")
    if target.is_dir():
        raise KehoachError(f"--out: {_shown(target)} là một thư mục; cần đường dẫn tệp .docx")

    from ..compute.attainment import compute_quarter

    q = compute_quarter(plan, period)
    from ..present.report.templating import TemplateProblem

    try:
        with progress("Đang lập báo cáo…", stderr):
            from ..present.report.content import build_document
            from ..present.report.docx_writer import render_docx

            when = report_input.ngay or today()
            data = render_docx(build_document(plan, q, report_input, when))
    except TemplateProblem as problem:
        stderr.write(problem.line_text + "\n")
        stderr.write(
            "kehoach: lỗi: mẫu báo cáo có lỗi nên chưa lập báo cáo; sửa mẫu (xem "
            "templates/README.md) rồi chạy lại. Không tệp nào được ghi.\n"
        )
        return EXIT_PROBLEMS

    _warn_early(q, when, stderr)
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
