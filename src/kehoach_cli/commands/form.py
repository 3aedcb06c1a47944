"""`kehoach new --don-vi UNIT --quy N --excel`: the unit's Excel form, never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..errors import EXIT_OK, KehoachError
from ..load.models import Unit
from ..load.plan import Plan
from ..store import write_new
from ..vocab.dates import roman, short_date
from ..vocab.periods import Period
from ..vocab.periods import deadline as deadline_of
from .common import today


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def form_bytes(plan: Plan, unit: Unit, period: Period) -> bytes:
    """The form's bytes (dated today: the same day gives the same bytes)."""
    from ..load.form_layout import form_spec
    from ..present.excel_form import build_form
    from ..present.workbook import save_bytes

    sent = today()
    return save_bytes(build_form(form_spec(plan, unit, period, sent)), sent)


def write_form(plan: Plan, unit: Unit, period: Period, out_path: Path | None,
               out: TextIO) -> int:  # fmt: skip
    path = out_path if out_path is not None else Path(f"bieu-mau-{unit.ma}-{period}.xlsx")
    path = path if path.is_absolute() else Path.cwd() / path
    if path.suffix.lower() != ".xlsx":
        raise KehoachError(f"--out: biểu mẫu cần đuôi .xlsx, nhận được {_shown(path)}")
    exists = (f"{_shown(path)}: tệp đã có; kehoach new không bao giờ ghi đè tệp đã có — hãy "
              "xóa hoặc đổi tên tệp đó, hoặc chọn tên khác bằng --out")
    if path.exists() or path.is_symlink():
        raise KehoachError(exists)
    if not write_new(path, form_bytes(plan, unit, period)):
        raise KehoachError(exists)
    shown = _shown(path)
    due = deadline_of(period.year, period.quarter, plan.plan.han_bao_cao.ngay)
    out.write("\n".join([
        f"Đã tạo {shown}: biểu mẫu báo cáo kết quả quý {roman(period.quarter)} năm "
        f"{period.year} của {unit.ten}.",
        "Các bước tiếp theo:",
        "  1. Gửi tệp cho đơn vị; đơn vị điền vào các ô nền vàng rồi lưu (Excel hoặc "
        "LibreOffice Calc, dạng .xlsx).",
        f"  2. Nhập tệp đã điền: kehoach nhap {shown}",
        f"     (ghi units/{unit.ma}/{period}.yaml và kiểm tra), rồi gửi bằng yêu cầu hợp nhất "
        "(pull request).",
        f"Hạn gửi: {short_date(due)}.",
    ]) + "\n")
    return EXIT_OK
