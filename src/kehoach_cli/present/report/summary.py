"""The six-month review (sơ kết 6 tháng đầu năm) and the year-end review (tổng kết năm):
the quarterly report's machinery — its template context, Bảng 1 grouped by the plan's
sections, the chart, the causes and comments, the counting style — run on the period's
last quarter, with what a review adds: every covered quarter's figure side by side, the
tasks as of the period's end, each quarter's submissions (Bảng 2), the quarters still
without data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from ...compute.attainment import QuarterAttainment, TargetAttainment
from ...compute.summary import SummaryAttainment
from ...load.models import ReportInput
from ...load.plan import Plan
from ...vocab.dates import roman
from ...vocab.numbers import format_count, format_number, format_percent
from ...vocab.periods import ANNUAL, HALF_YEAR
from ...vocab.phrases import TARGET_STATE_TEXT, plan_name
from .content import (
    TABLE_PLACEHOLDER,
    assemble_document,
    submissions,
    template_context,
)
from .document import Block, Column, ReportDocument, Table, TableRow
from .figures import (
    NO_FIGURE,
    PARTIAL_MARK,
    by_section,
    chart_image,
    has_chart,
    is_partial,
    plan_value,
    targets_table,
)
from .markup import running_date

TEMPLATES = {HALF_YEAR: "bao-cao-6-thang.md.j2", ANNUAL: "bao-cao-nam.md.j2"}
SUBMISSIONS_PLACEHOLDER = "bang_gui_bao_cao"


def period_words(s: SummaryAttainment) -> str:
    """``6 tháng đầu năm 2026``, ``năm 2026``."""
    if s.period.regime == HALF_YEAR:
        return f"6 tháng đầu năm {s.period.year}"
    return f"năm {s.period.year}"


# --------------------------------------------------------------------------- Bảng 1


def compact_value(value: Any, unit: str) -> str:
    """A figure in a narrow quarter column: the number, with "%" for a percent (the unit
    of any other target is in the "Kế hoạch năm" column)."""
    if value is None:
        return NO_FIGURE
    return format_number(value) + ("%" if unit.startswith("%") else "")


def _columns(s: SummaryAttainment) -> tuple[Column, ...]:
    """165 mm like the quarterly Bảng 1, widths chosen so that no header word and no usual
    figure ("104,3%", "Chưa đạt", "≥ 17,5%") breaks; the header lines break at the "\n".
    A review has more figure columns than a quarter's table, so the lead unit (named in
    sections II and IV) gives way to them."""
    if s.period.regime == HALF_YEAR:
        return (
            Column("STT", 12, "center"),
            Column("Chỉ tiêu", 54, "left"),
            Column("Kế hoạch\nnăm", 21, "center"),
            Column("Kết quả\nquý I", 19, "center"),
            Column("Kết quả\n6 tháng", 19, "center"),
            Column("Tỷ lệ\nđạt", 18, "center"),
            Column("Đánh giá", 22, "center"),
        )
    return (
        Column("TT", 9, "center"),
        Column("Chỉ tiêu", 37, "left"),
        *(Column(f"Quý\n{roman(n)}", 15, "center") for n in range(1, 5)),
        Column("Cả năm", 17, "center"),
        Column("Kế hoạch\nnăm", 21, "center"),
        Column("Đánh giá", 21, "center"),
    )


def _row_maker(s: SummaryAttainment) -> Callable[..., TableRow]:
    def row(plan: Plan, number: int, t: TargetAttainment, marks: Sequence[int] = ()) -> TableRow:
        unit = t.target.don_vi_tinh
        quarters = s.targets[t.target.ma].quarters
        last = compact_value(t.value, unit) + (PARTIAL_MARK if is_partial(t) else "")
        last += "".join(f" ({m})" for m in marks)
        state = TARGET_STATE_TEXT[t.state]
        if s.period.regime == HALF_YEAR:
            return TableRow((
                str(number), t.target.ten, plan_value(t.target),
                compact_value(quarters[0].value, unit), last,
                format_percent(t.ty_le_dat) if t.ty_le_dat is not None else NO_FIGURE,
                state,
            ))
        return TableRow((
            str(number), t.target.ten,
            *(compact_value(q.value, unit) for q in quarters), last,
            plan_value(t.target), state,
        ))

    return row


def summary_table(plan: Plan, s: SummaryAttainment, q: QuarterAttainment) -> Table:
    table = targets_table(
        plan, q, columns=_columns(s), row=_row_maker(s),
        caption=f"Bảng 1. Kết quả thực hiện các chỉ tiêu {period_words(s)}",
    )
    if s.period.regime == HALF_YEAR:
        lines = ["Kết quả 6 tháng: số liệu đến hết quý II; chỉ tiêu cộng dồn tính tổng từ "
                 "đầu năm.", *filter(None, table.note.split("\n"))]
    else:
        lines = ["Cả năm: số liệu đến hết quý IV; chỉ tiêu cộng dồn tính tổng từ đầu năm. "
                 "Cột quý ghi số liệu của từng quý; đơn vị tính như cột Kế hoạch năm.",
                 *filter(None, table.note.split("\n"))]
    return dataclasses.replace(table, note="\n".join(lines))


# --------------------------------------------------------------------------- Bảng 2


def submission_cell(q: QuarterAttainment, unit: str, when: dt.date) -> str:
    sub = next((x for x in q.submissions if x.unit == unit), None)
    if sub is None or sub.state == "chua_nop":
        if sub is None or not sub.required:
            return NO_FIGURE
        return "Chưa đến hạn" if when <= q.deadline else "Chưa gửi"
    if not sub.required:
        return "Đã gửi"
    if sub.state == "dung_han":
        return "Đúng hạn"
    return f"Chậm {format_count(sub.days_late)} ngày"


def submissions_table(plan: Plan, s: SummaryAttainment, when: dt.date) -> Table:
    """Bảng 2: every unit that must report, and any other that sent, by quarter."""
    units = [u.ma for u in plan.units.values()
             if any(x.unit == u.ma for q in s.quarters for x in q.submissions)]
    # 165 mm; "Chậm 03 ngày" and "Chưa đến hạn" hold on one line in a quarter's column
    wide = 113 / len(s.quarters)
    columns = (
        Column("STT", 12, "center"),
        Column("Cơ quan, đơn vị", 40, "left"),
        *(Column(f"Quý {roman(q.period.quarter)}", wide, "center") for q in s.quarters),
    )
    rows = tuple(
        TableRow((str(i), plan.units[ma].ten,
                  *(submission_cell(q, ma, when) for q in s.quarters)))
        for i, ma in enumerate(units, 1)
    )
    due = "; ".join(f"quý {roman(q.period.quarter)} chậm nhất ngày {running_date(q.deadline)}"
                    for q in s.quarters)
    return Table(
        columns, rows,
        caption=f"Bảng 2. Tình hình gửi báo cáo kết quả hằng quý của các cơ quan, đơn vị "
                f"{period_words(s)}",
        note=f"Hạn gửi theo Kế hoạch: {due}.",
    )


# --------------------------------------------------------------------------- the document


def summary_context(
    plan: Plan, s: SummaryAttainment, q: QuarterAttainment, report: ReportInput,
    when: dt.date, chart_placed: bool,
) -> dict[str, Any]:
    """The quarterly report's context of the period's last quarter, plus the review's."""
    context = template_context(plan, q, report, when, chart_placed)
    start = s.quarters[0].period.start
    end = max(start, min(when, s.period.last.end))
    quarters: list[dict[str, Any]] = []
    for each in s.quarters:
        quarters.append({
            "quy": each.period.quarter,
            "quy_la_ma": roman(each.period.quarter),
            "han": each.deadline,
            "den_han": when > each.deadline,
            "co_so_lieu": each.has_data,
            "gui_bao_cao": submissions(each),
        })
    by_unit: dict[str, dict[str, Any]] = {}  # each unit's late and missing quarters
    for c in quarters:
        for x in c["gui_bao_cao"]["tre_han"]:
            entry = by_unit.setdefault(x.unit, {"unit": x.unit, "cham": [], "chua_gui": []})
            entry["cham"].append({"quy": f"quý {c['quy_la_ma']}", "so_ngay": x.days_late})
        for x in c["gui_bao_cao"]["chua_nop"] if c["den_han"] else []:
            entry = by_unit.setdefault(x.unit, {"unit": x.unit, "cham": [], "chua_gui": []})
            entry["chua_gui"].append(f"quý {c['quy_la_ma']}")
    order = list(plan.units)
    context.update({
        "loai_bao_cao": s.period.regime,
        "ky_bao_cao": period_words(s),
        "co_so_lieu": any(each.has_data for each in s.quarters),
        "co_so_lieu_cuoi_ky": q.has_data,
        "so_lieu_tu": start,
        "so_lieu_den": end,
        "cac_quy": quarters,
        "quy_chua_co_so_lieu": [f"quý {c['quy_la_ma']}" for c in quarters
                                if not c["co_so_lieu"]],
        "gui_tre": sorted(by_unit.values(), key=lambda e: order.index(e["unit"])),
    })
    return context


def build_summary_document(
    plan: Plan,
    s: SummaryAttainment,
    report: ReportInput,
    when: dt.date,
    *,
    chart: Callable[[], bytes] | None = None,
) -> ReportDocument:
    p = plan.plan
    q = dataclasses.replace(s.end, targets=by_section(plan, s.end.targets))
    year = s.period.year
    if s.period.regime == HALF_YEAR:
        trich_yeu = (f"Sơ kết 6 tháng đầu năm {year} thực hiện Kế hoạch {plan_name(p.ten)}; "
                     f"phương hướng, nhiệm vụ 6 tháng cuối năm {year}")
    else:
        trich_yeu = (f"Tổng kết năm {year} thực hiện Kế hoạch {plan_name(p.ten)}; phương "
                     f"hướng, nhiệm vụ năm {year + 1}")

    def chart_block() -> Block | None:
        return chart_image(q, chart, period_words(s)) if has_chart(q) else None

    return assemble_document(
        plan, q, report, when,
        template=TEMPLATES[s.period.regime],
        context=lambda placed: summary_context(plan, s, q, report, when, placed),
        tables={
            TABLE_PLACEHOLDER: lambda: summary_table(plan, s, q) if q.targets else None,
            SUBMISSIONS_PLACEHOLDER: lambda: submissions_table(plan, s, when),
        },
        chart=chart_block,
        trich_yeu=trich_yeu,
        keywords=(str(s.period), "kehoach"),
    )


__all__ = ["TEMPLATES", "build_summary_document", "summary_context"]
