"""`kehoach nhap FORM.xlsx`: a filled form → units/<unit>/<year>-Q<n>.yaml, then checked.

The form names its own unit, quarter and plan version (the hidden sheet); the values are
read against the form the current plan makes (load/excel_form.py), every problem at its
cell. The file is written in the layout `kehoach new` writes (commands/new.render), only
when the whole form reads cleanly, create-only without --force and atomically; then the
repo is checked and the new file's problems printed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..errors import EXIT_OK, EXIT_PROBLEMS, KehoachError
from ..load.plan import Plan
from ..present import problems_out
from ..store import write_atomic, write_new
from ..vocab.dates import roman
from ..vocab.periods import Period
from ..vocab.suggest import suggest
from .common import load_checked, require_plan, today


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _identity(plan: Plan, meta: dict[str, str], shown: str, unit: str | None,
              quarter: int | None) -> tuple[str, Period]:  # fmt: skip
    ma = meta.get("don_vi", "")
    period = Period.parse(meta.get("ky", ""))
    if not ma or period is None:
        raise KehoachError(f"{shown}: trang ẩn 'kehoach' của biểu mẫu bị hỏng (thiếu mã "
                           "đơn vị hoặc kỳ báo cáo); hãy lập lại biểu mẫu bằng kehoach new "
                           "--excel")
    if ma not in plan.units:
        raise KehoachError(f"{shown}: biểu mẫu của đơn vị mã '{ma}', không có trong "
                           f"plan/units.yaml{suggest(ma, plan.units)}")
    quarter_text = f"quý {roman(period.quarter)} năm {period.year}"
    if period.year != plan.plan.nam:
        raise KehoachError(f"{shown}: biểu mẫu của {quarter_text}, nhưng kế hoạch là của năm "
                           f"{plan.plan.nam}; hãy lập biểu mẫu của năm {plan.plan.nam}")
    if unit is not None and unit != ma:
        raise KehoachError(f"{shown}: biểu mẫu của đơn vị '{ma}' ({plan.units[ma].ten}), không "
                           f"phải của '{unit}' như --don-vi; hãy kiểm tra lại tệp")
    if quarter is not None and quarter != period.quarter:
        raise KehoachError(f"{shown}: biểu mẫu của {quarter_text}, không phải quý "
                           f"{roman(quarter) if 1 <= quarter <= 4 else quarter} như --quy; hãy "
                           "kiểm tra lại tệp")
    return ma, period


def _check_version(plan: Plan, meta: dict[str, str], ma: str, shown: str) -> None:
    """A form whose own targets and tasks are still defined as when it was made imports
    (the rest of the plan may have changed); otherwise each change is named."""
    from ..load.form_layout import item_versions

    now = item_versions(plan, ma)
    then = {k: v for k, v in meta.items() if k.startswith(("chi_tieu:", "nhiem_vu:"))}
    if now == then:
        return
    changes: list[str] = []
    for key in sorted(then.keys() | now.keys()):
        kind, _, item = key.partition(":")
        word = "chỉ tiêu" if kind == "chi_tieu" else "nhiệm vụ"
        if key not in now:
            changes.append(f"{word} '{item}' không còn trong kế hoạch (hoặc đơn vị không còn "
                           "báo cáo)")
        elif key not in then:
            changes.append(f"{word} '{item}' mới có, biểu mẫu chưa có")
        elif now[key] != then[key]:
            changes.append(f"{word} '{item}' đã sửa (tên, mục tiêu hoặc cách tính)")
    raise KehoachError(
        f"{shown}: biểu mẫu lập theo kế hoạch cũ (phiên bản {meta.get('phien_ban', '?')}); "
        f"kế hoạch đã thay đổi: {'; '.join(changes)}. Hãy lập biểu mẫu mới (kehoach new "
        f"--don-vi {ma} --quy N --excel), chép số liệu sang rồi nhập lại"
    )


def nhap(
    start: Path, form: Path, *, force: bool = False, unit: str | None = None,
    quarter: int | None = None, out: TextIO | None = None, err: TextIO | None = None,
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    root, outcome = load_checked(start)
    plan = require_plan(outcome, err)
    path = form if form.is_absolute() else Path.cwd() / form
    shown = _shown(path)
    from ..load.excel_form import CellProblem, open_workbook, read_form, read_meta
    from ..load.form_layout import DATE_CELL, TARGETS_SHEET, form_spec
    from ..load.models import ResultFile

    wb = open_workbook(path, shown)
    meta = read_meta(wb)
    if meta is None:
        raise KehoachError(f"{shown}: không phải biểu mẫu của kehoach (không có trang ẩn "
                           "'kehoach'); hãy điền biểu mẫu do kehoach new --excel tạo ra")
    ma, period = _identity(plan, meta, shown, unit, quarter)
    _check_version(plan, meta, ma, shown)
    chosen = plan.units[ma]
    values, problems = read_form(wb, form_spec(plan, chosen, period, today()))
    if values.ngay_gui is not None and values.ngay_gui > today():
        problems.append(CellProblem(TARGETS_SHEET, DATE_CELL, f"ngày gửi "
                        f"{values.ngay_gui:%d/%m/%Y} chưa tới (hôm nay là {today():%d/%m/%Y}); "
                        "cần ghi ngày thực tế gửi báo cáo"))
    if problems:
        for problem in problems:
            err.write(problem.line(shown) + "\n")
        err.write(f"kehoach: lỗi: biểu mẫu có {len(problems)} lỗi nên chưa nhập; sửa các ô "
                  "trên rồi nhập lại. Không tệp nào được ghi.\n")
        return EXIT_PROBLEMS
    result = ResultFile.model_validate({
        "don_vi": ma, "ky": str(period), "ngay_gui": values.ngay_gui,
        "nguoi_bao_cao": values.nguoi_bao_cao, "chi_tieu": values.chi_tieu,
        "nhiem_vu": values.nhiem_vu, "kho_khan": values.kho_khan,
        "kien_nghi": values.kien_nghi,
    })
    from .new import render

    assert values.ngay_gui is not None
    data = render(plan, chosen, period, values.ngay_gui, filled=result).encode("utf-8")
    relpath = f"units/{ma}/{period}.yaml"
    target = root / "units" / ma / f"{period}.yaml"
    exists = (f"{relpath}: tệp đã có; kehoach nhap không ghi đè tệp đã có nếu không có "
              "--force")
    if force:
        write_atomic(target, data)
    elif target.exists() or target.is_symlink() or not write_new(target, data):
        raise KehoachError(exists)
    out.write(f"Đã ghi {relpath} từ {shown}: báo cáo quý {roman(period.quarter)} năm "
              f"{period.year} của {chosen.ten}.\n")
    _, checked = load_checked(start)
    own = [p for p in checked.problems if p.path == relpath]
    for found in own:
        err.write(problems_out.text_line(found) + "\n")
    if any(p.is_error for p in own):
        err.write(f"kehoach: lỗi: {relpath} đã ghi nhưng còn lỗi (xem trên); sửa trong biểu "
                  "mẫu rồi nhập lại với --force, hoặc sửa thẳng tệp .yaml.\n")
        return EXIT_PROBLEMS
    out.write(f"Đã kiểm tra {relpath}: không có lỗi. Gửi bằng git add, git commit rồi mở yêu "
              "cầu hợp nhất (pull request).\n")
    return EXIT_OK
