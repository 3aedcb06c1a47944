"""`kehoach new --don-vi UNIT --quy N`: a unit's result file for one quarter, ready to fill.

The file lists exactly what the unit has to report: every target whose reporting units
include it, every task it leads or supports. Each entry carries a comment saying what to
write (the target, its plan value, what the numerator and denominator count; the allowed
task statuses), and the figures themselves are left empty (``tu_so:`` is null), so that
``kehoach validate`` names every blank left unfilled and the file cannot be merged
half-done. A target or task with nothing to report yet is deleted from the file, as the
data contract allows.

The first line tells editors which JSON Schema to use (see ``kehoach schema``). The file
is NFC UTF-8 with LF line ends, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import TextIO

from ..errors import EXIT_OK, KehoachError
from ..load.models import ResultFile, Target, TargetResult, Task, TaskResult, Unit
from ..load.plan import Plan
from ..store import write_new
from ..vocab.dates import roman, short_date
from ..vocab.numbers import format_value
from ..vocab.periods import Period
from ..vocab.periods import deadline as deadline_of
from ..vocab.phrases import goal_text
from ..vocab.suggest import suggest
from .common import load_checked, period_of, require_plan, today

MODELINE = "# yaml-language-server: $schema=../../schemas/ket-qua.schema.json"
WIDTH = 100
FILL = "# ←"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment(text: str, indent: str) -> list[str]:
    """``text`` as comment lines at ``indent``, wrapped to WIDTH columns."""
    return textwrap.wrap(
        _one_line(text), width=WIDTH, initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ", break_long_words=False, break_on_hyphens=False,
    )


def _blank(key: str, hint: str) -> str:
    """An entry line left empty for the unit to fill, with its hint: ``tu_so:  # ← ...``."""
    return f"    {key + ':':<12}{FILL} {hint}"


def _scalar(value: object) -> str:
    """A filled value as YAML writes it: numbers plain, texts double-quoted (JSON's
    escapes are YAML's)."""
    if isinstance(value, bool):
        raise TypeError("no boolean in a result file")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _filled(key: str, value: object) -> str:
    return f"    {key}: {_scalar(value)}"  # yamllint: one space after the colon


def _target_lines(target: Target, period: Period,
                  entry: TargetResult | None = None) -> list[str]:  # fmt: skip
    lines = _comment(target.ten, "  ")
    goal = "Mục tiêu " + goal_text(target.so_sanh, target.muc_tieu, target.don_vi_tinh)
    milestone = (target.lo_trinh or {}).get(f"Q{period.quarter}")  # type: ignore[call-overload]
    if milestone is not None:
        goal += (f"; mốc lộ trình quý {roman(period.quarter)}: "
                 f"{format_value(milestone, target.don_vi_tinh)}")
    if target.muc:
        goal += f" (mục {target.muc} của kế hoạch)"
    lines += _comment(goal + ".", "  ")
    percent = target.don_vi_tinh.startswith("%")
    if target.cach_tinh == "ty_le":
        lines += _comment(f"tu_so: {target.tu_so or 'tử số'}.", "  ")
        lines += _comment(f"mau_so: {target.mau_so or 'mẫu số'}.", "  ")
        lines += _comment("Ghi số của riêng đơn vị, không tự tính phần trăm.", "  ")
        lines.append(f"  {target.ma}:")
        if entry is not None:
            lines += [_filled(k, v) for k, v in (("tu_so", entry.tu_so),
                      ("mau_so", entry.mau_so), ("ghi_chu", entry.ghi_chu)) if v is not None]
            return lines
        lines.append(_blank("tu_so", "điền số nguyên"))
        lines.append(_blank("mau_so", "điền số nguyên lớn hơn 0"))
        return lines
    if target.cach_tinh == "tong" and target.luy_ke:
        lines += _comment("Ghi số phát sinh trong quý; chương trình tự cộng dồn từ đầu năm.",
                          "  ")
    if percent:
        hint = f"điền một số từ 0 đến 100 (đơn vị tính: {target.don_vi_tinh})"
    elif target.cach_tinh == "tong":
        hint = f"điền một số từ 0 trở lên (đơn vị tính: {target.don_vi_tinh})"
    else:
        hint = f"điền một số (đơn vị tính: {target.don_vi_tinh})"
    lines.append(f"  {target.ma}:")
    if entry is not None:
        lines += [_filled(k, v) for k, v in (("gia_tri", entry.gia_tri),
                  ("ghi_chu", entry.ghi_chu)) if v is not None]
        return lines
    lines.append(_blank("gia_tri", hint))
    return lines


def _task_lines(task: Task, unit: str, plan: Plan, year: int,
               entry: TaskResult | None = None) -> list[str]:  # fmt: skip
    if task.chu_tri == unit:
        role = "[Chủ trì]"
    else:
        lead = plan.units.get(task.chu_tri)
        role = f"[Phối hợp, chủ trì: {lead.ten if lead else task.chu_tri}]"
    due = task.han or dt.date(year, 12, 31)
    lines = _comment(f"{role} {_one_line(task.ten)}", "  ")
    lines.append(f"  # Hạn hoàn thành: {short_date(due)}.")
    lines.append(f"  {task.ma}:")
    if entry is not None:
        lines.append(_filled("trang_thai", entry.trang_thai).replace('"', ""))
        if entry.ket_qua is not None:
            lines.append(_filled("ket_qua", entry.ket_qua))
        return lines
    lines.append(_blank("trang_thai", "hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien"))
    lines.append(f"    {'ket_qua:':<12}# kết quả đạt được trong quý (không bắt buộc)")
    return lines


def render(plan: Plan, unit: Unit, period: Period, sent: dt.date,
           filled: ResultFile | None = None) -> str:  # fmt: skip
    """The text of the result file of ``unit`` for ``period``, dated ``sent``; with
    ``filled`` (what `kehoach nhap` read from a form), the same layout with its values in
    place of the blanks, and only the targets and tasks it reports."""
    relpath = f"units/{unit.ma}/{period}.yaml"
    due = deadline_of(period.year, period.quarter, plan.plan.han_bao_cao.ngay)
    quarter = f"quý {roman(period.quarter)} năm {period.year}"
    lines = [MODELINE, f"# Báo cáo kết quả {quarter} của {unit.ten}."]
    if unit.bao_cao_dinh_ky:
        lines.append(f"# Hạn gửi: {short_date(due)} (ngày {plan.plan.han_bao_cao.ngay} của tháng "
                     "cuối quý, tính cả ngày đó).")
    else:
        lines.append(f"# Đơn vị gửi báo cáo khi có kết quả; hạn chung của các đơn vị: "
                     f"{short_date(due)}.")
    lines += [
        "#",
        "# Cách điền:",
        "# - Điền vào các chỗ để trống có dấu ← (số liệu chỉ tiêu, trạng thái nhiệm vụ).",
        "# - Số viết liền, dùng dấu chấm thập phân, không đặt trong dấu nháy: 1352, 17.5.",
        "# - Chỉ tiêu hay nhiệm vụ chưa có gì để báo cáo thì xóa cả mục đó (dòng mã và các",
        "#   dòng thụt vào bên dưới).",
        "# - Giữ nguyên thụt lề bằng dấu cách, không dùng phím Tab. Dòng bắt đầu bằng # là",
        "#   ghi chú, chương trình bỏ qua.",
        f"# - Điền xong, kiểm tra: kehoach validate {relpath}",
        "# Hướng dẫn đầy đủ: docs/huong-dan-don-vi.md",
        "",
        f"don_vi: {unit.ma}",
        f"ky: {period}",
        f"ngay_gui: {sent.isoformat()}      # ngày gửi (năm-tháng-ngày); sửa nếu gửi ngày khác",
        "nguoi_bao_cao:            # họ và tên người lập báo cáo"
        if filled is None or filled.nguoi_bao_cao is None
        else f"nguoi_bao_cao: {_scalar(filled.nguoi_bao_cao)}",
        "",
    ]
    targets = [t for t in plan.targets.values() if unit.ma in t.reporters]
    got_targets = (filled.chi_tieu or {}) if filled is not None else None
    got_tasks = (filled.nhiem_vu or {}) if filled is not None else None
    if got_targets is not None:
        targets = [t for t in targets if t.ma in got_targets]
    if targets:
        lines.append("chi_tieu:")
        for index, target in enumerate(targets):
            if index:
                lines.append("")
            lines += _target_lines(target, period,
                                   got_targets.get(target.ma) if got_targets else None)
    elif got_targets is not None:
        lines.append("chi_tieu: {}  # chưa có số liệu chỉ tiêu nào")
    else:
        lines.append("chi_tieu: {}  # đơn vị không phải báo cáo số liệu chỉ tiêu nào")
    lines.append("")
    tasks = [t for t in plan.tasks.values() if t.chu_tri == unit.ma or unit.ma in t.phoi_hop]
    if got_tasks is not None:
        tasks = [t for t in tasks if t.ma in got_tasks]
    if tasks:
        lines.append("nhiem_vu:")
        lines += _comment(
            "trang_thai: hoan_thanh (đã hoàn thành), dang_thuc_hien (đang thực hiện) hoặc "
            "chua_thuc_hien (chưa thực hiện). Đơn vị phối hợp ghi tình hình phần việc của "
            "đơn vị mình.", "  ")
        for task in tasks:
            lines.append("")
            lines += _task_lines(task, unit.ma, plan, period.year,
                                 got_tasks.get(task.ma) if got_tasks else None)
    elif got_tasks is not None:
        lines.append("nhiem_vu: {}  # chưa báo cáo nhiệm vụ nào")
    else:
        lines.append("nhiem_vu: {}  # đơn vị không chủ trì, phối hợp nhiệm vụ nào")
    lines += [
        "",
        "# Khó khăn, vướng mắc và kiến nghị, đề xuất: mỗi ý một dòng bắt đầu bằng \"- \", ví dụ",
        "#   kho_khan:",
        "#     - Đường truyền kết nối cơ sở dữ liệu có thời điểm chậm.",
    ]
    for key in ("kho_khan", "kien_nghi"):
        items = getattr(filled, key) if filled is not None else []
        lines += [f"{key}:", *(f"  - {_scalar(item)}" for item in items)] if items else [
            f"{key}: []"]
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def new(
    start: Path, unit: str, quarter: int, year: int | None, *, out: TextIO | None = None,
    excel: bool = False, out_path: Path | None = None,
) -> int:
    out = out or sys.stdout
    root, outcome = load_checked(start)
    plan = require_plan(outcome)
    period = period_of(plan, quarter, year)
    chosen = plan.units.get(unit)
    if chosen is None:
        hint = suggest(unit, plan.units) or "; các mã đơn vị: " + ", ".join(plan.units)
        raise KehoachError(f"--don-vi: không có đơn vị mã '{unit}' trong plan/units.yaml{hint}")
    if excel or out_path is not None:
        if not excel:
            raise KehoachError("--out chỉ dùng cùng --excel (tệp .yaml luôn ghi vào units/)")
        from .form import write_form

        return write_form(plan, chosen, period, out_path, out)
    relpath = f"units/{unit}/{period}.yaml"
    path = root / "units" / unit / f"{period}.yaml"
    exists = (f"{relpath}: tệp đã có; kehoach new không bao giờ ghi đè tệp đã có — hãy mở "
              "tệp đó để sửa")
    if path.exists() or path.is_symlink():
        raise KehoachError(exists)
    sent = today()
    data = render(plan, chosen, period, sent).encode("utf-8")
    if not write_new(path, data):
        raise KehoachError(exists)
    shown = _shown(path)
    due = deadline_of(period.year, period.quarter, plan.plan.han_bao_cao.ngay)
    lines = [
        f"Đã tạo {shown}: báo cáo kết quả quý {roman(period.quarter)} năm {period.year} "
        f"của {chosen.ten}.",
        "Các bước tiếp theo:",
        "  1. Mở tệp, điền vào các chỗ có dấu ← (số liệu chỉ tiêu, trạng thái nhiệm vụ);",
        "     chỉ tiêu, nhiệm vụ chưa có gì để báo cáo thì xóa cả mục đó.",
        f"  2. Kiểm tra: kehoach validate {shown}",
        f"  3. Gửi: git add {shown}",
        f"          git commit -m \"{chosen.ten}: báo cáo quý {roman(period.quarter)} năm "
        f"{period.year}\"",
        "          git push",
        "     rồi mở yêu cầu hợp nhất (pull request) trên trang của kho.",
        f"Hạn gửi: {short_date(due)}.",
    ]
    if chosen.bao_cao_dinh_ky and sent > due:
        lines.append("Lưu ý: đã quá hạn gửi; báo cáo vẫn được nhận nhưng được tính là trễ hạn.")
    if not (root / "schemas" / "ket-qua.schema.json").is_file():
        lines.append("Gợi ý: kho chưa có schemas/ket-qua.schema.json nên trình soạn thảo chưa "
                     "gợi ý được các khóa; đề nghị cơ quan thường trực chạy kehoach schema.")
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
