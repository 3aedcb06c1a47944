"""Build the quarterly report as a ``ReportDocument``: figures from the attainment
engine, wording from the template, layout rules left to the .docx writer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ...check.rules import Plan
from ...compute.attainment import (
    QuarterAttainment,

    TaskAttainment,
    exact,
)
from ...compute.periods import deadline
from ...errors import KehoachError
from ...load.models import ReportInput, Target
from ..dates import roman, short_date
from ..numbers import format_number, format_percent, format_value
from .chart import Bar, render_chart
from .document import (
    Block,
    Closing,
    Column,
    Header,
    Image,
    ReportDocument,
    Table,
    TableRow,
)
from .templating import Placeholder, join_vietnamese, render_template

TARGET_STATE_TEXT = {"dat": "Đạt", "chua_dat": "Chưa đạt", "chua_co_so_lieu": "Chưa có số liệu"}
TASK_STATE_TEXT = {
    "hoan_thanh": "hoàn thành",
    "dang_thuc_hien": "đang thực hiện",
    "chua_thuc_hien": "chưa thực hiện",
    "qua_han": "quá hạn",
    "chua_bao_cao": "chưa báo cáo",
}
COMPARISON_SIGN = {">=": "≥", "<=": "≤"}
COMPARISON_WORD = {">=": "tối thiểu", "<=": "tối đa"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _lower_first(text: str) -> str:
    """"Hoạt động năm…" → "hoạt động năm…"; keeps "UBND…" and "Đề án…" as written when
    the first word is an abbreviation."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].isupper():
        return text
    return text[:1].lower() + text[1:]


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;,:").rstrip()


def section_title(plan: Plan, muc: str | None) -> tuple[str, str] | None:
    """The plan section (muc, title) a target or task belongs to: the longest match."""
    if not muc:
        return None
    best: tuple[str, str] | None = None
    for section in plan.plan.cac_muc:
        if (muc == section.muc or muc.startswith(section.muc + ".")) and (
            best is None or len(section.muc) > len(best[0])
        ):
            best = (section.muc, section.ten)
    return best


def _plan_value(target: Target) -> str:
    return f"{COMPARISON_SIGN[target.so_sanh]} {format_value(exact(target.muc_tieu), target.don_vi_tinh)}"


def targets_table(plan: Plan, q: QuarterAttainment) -> Table:
    quarter = roman(q.period.quarter)
    columns = (
        Column("TT", 10, "center"),
        Column("Chỉ tiêu", 55, "left"),
        Column("Kế hoạch năm", 20, "center"),
        Column(f"Kết quả quý {quarter}", 20, "center"),
        Column("Tỷ lệ đạt", 17, "center"),
        Column("Đánh giá", 18, "center"),
        Column("Đơn vị chủ trì", 25, "left"),
    )
    rows: list[TableRow] = []
    current: tuple[str, str] | None = None
    for number, t in enumerate(q.targets, 1):
        section = section_title(plan, t.target.muc)
        if section != current and section is not None:
            rows.append(TableRow((f"{section[0]}. {section[1]}",), "group"))
        current = section
        rows.append(
            TableRow(
                (
                    str(number),
                    t.target.ten,
                    _plan_value(t.target),
                    format_value(t.value, t.target.don_vi_tinh) if t.value is not None else "—",
                    format_percent(t.ty_le_dat) if t.ty_le_dat is not None else "—",
                    TARGET_STATE_TEXT[t.state],
                    plan.units[t.target.chu_tri].ten,
                )
            )
        )
    return Table(
        columns,
        tuple(rows),
        caption=f"Bảng 1. Kết quả thực hiện các chỉ tiêu quý {quarter} năm {q.period.year}",
    )


def chart_image(q: QuarterAttainment) -> Image:
    bars = [
        Bar(
            f"{i}. {t.target.ten}",
            float(t.ty_le_dat) if t.ty_le_dat is not None else None,
            t.state == "dat",
        )
        for i, t in enumerate(q.targets, 1)
    ]
    caption = (
        f"Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm của các chỉ tiêu, quý "
        f"{roman(q.period.quarter)} năm {q.period.year}"
    )
    return Image(render_chart(bars, ""), width_mm=160, caption=caption)


def _filters(plan: Plan) -> dict[str, Callable[..., Any]]:
    def unit_name(ma: str) -> str:
        unit = plan.units.get(ma)
        return unit.ten if unit else ma

    def number(value: Any) -> str:
        return "—" if value is None else format_number(value)

    def percent(value: Any) -> str:
        return "—" if value is None else format_percent(value)

    def value_with_unit(value: Any, unit: str) -> str:
        if value is None:
            return "—"
        if isinstance(value, float):
            value = exact(value)
        return format_value(value, unit)

    def date(value: dt.date | None) -> str:
        return "" if value is None else short_date(value)

    return {
        "so": number,
        "phan_tram": percent,
        "gia_tri": value_with_unit,
        "ngay": date,
        "ten_dv": unit_name,
        "liet_ke": join_vietnamese,
        "bo_dau_cham": _strip_end,
        "chu_thuong_dau": _lower_first,
        "trang_thai_nv": lambda s: TASK_STATE_TEXT.get(s or "chua_bao_cao", str(s)),
        "so_sanh_chu": lambda s: COMPARISON_WORD.get(s, s),
    }


def _count_phrase(counts: list[tuple[int, str]]) -> str:
    parts = [f"{n} nhiệm vụ {label}" for n, label in counts if n]
    return "; ".join(parts) if parts else "chưa có nhiệm vụ nào được báo cáo"


def template_context(
    plan: Plan, q: QuarterAttainment, report: ReportInput, when: dt.date
) -> dict[str, Any]:
    p = plan.plan
    period = q.period
    targets = list(q.targets)
    not_met = [t for t in targets if t.state == "chua_dat"]
    no_data = [t for t in targets if t.state == "chua_co_so_lieu"]
    partial = [t for t in targets if t.state != "chua_co_so_lieu" and t.missing_units]
    tasks = list(q.tasks)

    def of(state: str) -> list[TaskAttainment]:
        return [t for t in tasks if t.state == state]

    on_time = [s for s in q.submissions if s.required and s.state == "dung_han"]
    late = [s for s in q.submissions if s.required and s.state == "tre_han"]
    missing = [s for s in q.submissions if s.required and s.state == "chua_nop"]
    voluntary = [s for s in q.submissions if not s.required and s.state != "chua_nop"]
    required = [s for s in q.submissions if s.required]
    sent = len(required) - len(missing)
    if required:
        summary = f"Đã có {sent}/{len(required)} đơn vị gửi báo cáo theo quy định."
    else:
        summary = "Không có đơn vị nào phải báo cáo định kỳ."
    next_quarter = period.quarter + 1 if period.quarter < 4 else None
    ten_goi = p.co_quan.ten_goi or (p.co_quan.ban_hanh[:1] + p.co_quan.ban_hanh[1:].lower())
    return {
        "plan": p,
        "bao_cao": report,
        "nam": period.year,
        "quy": period.quarter,
        "quy_la_ma": roman(period.quarter),
        "quy_toi_la_ma": roman(next_quarter) if next_quarter else "",
        "han_quy_toi": (
            deadline(period.year, next_quarter, p.han_bao_cao.ngay) if next_quarter else None
        ),
        "han_bao_cao": q.deadline,
        "ngay_bao_cao": when,
        "ten_ke_hoach": p.ten,
        "ten_ke_hoach_thuong": _lower_first(p.ten),
        "ten_goi": ten_goi,
        "co_quan_ban_hanh": p.co_quan.ban_hanh,
        "chi_tieu": {
            "tong": len(targets),
            "dat": q.count_targets("dat"),
            "chua_dat": len(not_met),
            "chua_co_so_lieu": len(no_data),
            "tat_ca": targets,
            "danh_sach_chua_dat": not_met,
            "danh_sach_chua_co_so_lieu": no_data,
            "thieu_don_vi": partial,
        },
        "nhiem_vu": {
            "tong": len(tasks),
            "tom_tat": _count_phrase(
                [
                    (len(of("hoan_thanh")), "hoàn thành"),
                    (len(of("dang_thuc_hien")), "đang thực hiện"),
                    (len(of("chua_thuc_hien")), "chưa thực hiện"),
                    (len(of("qua_han")), "quá hạn"),
                    (len(of("chua_bao_cao")), "chưa có báo cáo"),
                ]
            ),
            "tat_ca": tasks,
            "hoan_thanh": of("hoan_thanh"),
            "dang_thuc_hien": of("dang_thuc_hien"),
            "chua_thuc_hien": of("chua_thuc_hien"),
            "qua_han": of("qua_han"),
            "chua_bao_cao": of("chua_bao_cao"),
        },
        "gui_bao_cao": {
            "dung_han": on_time,
            "tre_han": late,
            "chua_nop": missing,
            "tu_nguyen": voluntary,
            "tom_tat": summary,
        },
        "kho_khan": [n for n in q.notes if n.kho_khan],
        "kien_nghi": [n for n in q.notes if n.kien_nghi],
    }


def build_document(
    plan: Plan, q: QuarterAttainment, report: ReportInput, when: dt.date
) -> ReportDocument:
    p = plan.plan
    rendered = render_template(plan.root, template_context(plan, q, report, when), _filters(plan))
    body: list[Block] = []
    for block in rendered.blocks:
        if isinstance(block, Placeholder):
            if block.name == "bang_chi_tieu":
                body.append(targets_table(plan, q))
            elif block.name == "bieu_do":
                if q.targets:
                    body.append(chart_image(q))
            else:
                raise KehoachError(
                    f"mẫu báo cáo dùng chỗ trống không có: [[{block.name}]]; chỉ có "
                    "[[bang_chi_tieu]] và [[bieu_do]]"
                )
        else:
            body.append(block)
    trich_yeu = rendered.trich_yeu or (
        f"Kết quả thực hiện Kế hoạch {_lower_first(p.ten)} quý {roman(q.period.quarter)} "
        f"năm {q.period.year}"
    )
    _refuse_illegal(trich_yeu, body)
    return ReportDocument(
        header=Header(
            chu_quan=p.co_quan.chu_quan,
            ban_hanh=p.co_quan.ban_hanh,
            so=report.so,
            ky_hieu=p.bao_cao.ky_hieu,
            dia_danh=p.dia_danh,
            ngay=when,
        ),
        loai_van_ban="BÁO CÁO",
        trich_yeu=trich_yeu,
        body=tuple(body),
        closing=Closing(
            noi_nhan=tuple(p.bao_cao.noi_nhan),
            luu=p.bao_cao.luu,
            quyen_han=tuple(p.bao_cao.ky.quyen_han),
            chuc_vu=tuple(p.bao_cao.ky.chuc_vu),
            ho_ten=p.bao_cao.ky.ho_ten,
        ),
        title=f"Báo cáo {trich_yeu[:1].lower()}{trich_yeu[1:]}",
        author=p.co_quan.ban_hanh,
        keywords=(str(q.period), "kehoach"),
    )


def _refuse_illegal(trich_yeu: str, body: list[Block]) -> None:
    """Template text is the secretariat's; what it writes must still be valid XML."""
    texts = [trich_yeu]
    for block in body:
        texts.extend(str(v) for v in getattr(block, "__dict__", {}).values())
        for run in getattr(block, "runs", ()):
            texts.append(run.text)
        text = getattr(block, "text", None)
        if isinstance(text, str):
            texts.append(text)
    for text in texts:
        bad = _XML_ILLEGAL.search(text)
        if bad:
            raise KehoachError(
                f"mẫu báo cáo sinh ra ký tự điều khiển U+{ord(bad[0]):04X}, không được phép "
                "trong văn bản; hãy sửa mẫu trong templates/"
            )


__all__ = ["build_document", "targets_table", "template_context"]
