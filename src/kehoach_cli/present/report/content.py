"""Build the quarterly report as a ``ReportDocument``: figures from the attainment
engine, wording from the template, layout rules left to the .docx writer.

Every figure shown goes through vocab/numbers.py; every date through the rules of
Nghị định 30 (``templating.running_date``, ``dates.date_line``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ...compute.attainment import QuarterAttainment, TargetAttainment, TaskAttainment
from ...errors import KehoachError
from ...load.models import Causes, ReportInput, as_list
from ...load.plan import Plan
from ...load.text import XML_ILLEGAL
from ...vocab.dates import roman
from ...vocab.numbers import exact, format_count, format_number, format_percent, format_value
from ...vocab.periods import deadline
from ...vocab.phrases import (
    COMPARISON_WORD,
    plan_name,
)
from .document import (
    Block,
    Closing,
    Header,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
)
from .early_warning import early_warning
from .figures import (
    NO_FIGURE,
    by_section,
    chart_image,
    goal_phrase,
    has_chart,
    targets_table,
)
from .templating import (
    TEMPLATE_NAME,
    Placeholder,
    join_vietnamese,
    render_template,
    running_date,
    template_source,
)

TASK_STATE_TEXT = {
    "hoan_thanh": "đã hoàn thành",
    "dang_thuc_hien": "đang thực hiện",
    "chua_thuc_hien": "chưa triển khai",
    "qua_han": "quá hạn",
    "chua_bao_cao": "chưa có báo cáo",
}
TABLE_PLACEHOLDER = "bang_chi_tieu"
CHART_PLACEHOLDER = "bieu_do"


def _lower_first(text: str) -> str:
    """"Hoạt động năm…" → "hoạt động năm…"; keeps "UBND…" as written when the first
    word is an abbreviation."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].isupper():
        return text
    return text[:1].lower() + text[1:]


SHORT_NAMES = {
    "BAN CHỈ ĐẠO": "Ban Chỉ đạo",
    "TỔ CÔNG TÁC": "Tổ công tác",
    "HỘI ĐỒNG": "Hội đồng",
    "BAN QUẢN LÝ": "Ban Quản lý",
}


def short_name(ban_hanh: str) -> str:
    """How the body names itself in running text when the plan gives no ``ten_goi``:
    the kind of body, as in "Ban Chỉ đạo báo cáo…" (the full name, with its place names,
    is in the header); otherwise the name in sentence case."""
    text = " ".join(ban_hanh.split())
    for prefix, short in SHORT_NAMES.items():
        if text.upper().startswith(prefix):
            return short
    return text[:1].upper() + text[1:].lower()


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;,:").rstrip()


# --------------------------------------------------------------------------- template


def _filters(plan: Plan) -> dict[str, Callable[..., Any]]:
    def unit_name(ma: str) -> str:
        unit = plan.units.get(ma)
        return unit.ten if unit else ma

    def number(value: Any) -> str:
        return NO_FIGURE if value is None else format_number(value)

    def percent(value: Any) -> str:
        return NO_FIGURE if value is None else format_percent(value)

    def value_with_unit(value: Any, unit: str) -> str:
        if value is None:
            return NO_FIGURE
        if isinstance(value, float):
            value = exact(value)
        return format_value(value, unit)

    def date(value: dt.date | None) -> str:
        return "" if value is None else running_date(value)

    def results(nv: TaskAttainment) -> str:
        """What the units reported they did on a task, in their own words: the lead
        unit's ``ket_qua``, then each supporting unit's, named ("Trạm Y tế xã phối
        hợp: …"); '' when nobody wrote any."""
        parts = []
        if nv.lead is not None and nv.lead.ket_qua:
            parts.append(_strip_end(" ".join(nv.lead.ket_qua.split())))
        for r in nv.support:
            if r.ket_qua:
                parts.append(f"{unit_name(r.unit)} phối hợp: "
                             f"{_lower_first(_strip_end(' '.join(r.ket_qua.split())))}")
        return "; ".join(parts)

    def counts(pairs: Iterable[Sequence[Any]]) -> str:
        """``[(6, "chỉ tiêu đạt"), (0, "…"), (10, "chỉ tiêu chưa đạt")]`` →
        ``06 chỉ tiêu đạt và 10 chỉ tiêu chưa đạt`` (zeros left out; counts as
        ``so_luong`` writes them)."""
        return join_vietnamese(
            f"{format_count(n)} {label}" for n, label in pairs if n
        )

    def count(value: Any) -> str:
        if value is None:
            return NO_FIGURE
        whole = isinstance(value, int) and not isinstance(value, bool)
        return format_count(value) if whole else format_number(value)

    return {
        "so": number,
        "so_luong": count,
        "phan_tram": percent,
        "gia_tri": value_with_unit,
        "ngay": date,
        "ten_dv": unit_name,
        "liet_ke": join_vietnamese,
        "dem": counts,
        "ket_qua": results,
        "bo_dau_cham": _strip_end,
        "chu_thuong_dau": _lower_first,
        "trang_thai_nv": lambda s: TASK_STATE_TEXT.get(s or "chua_bao_cao", str(s)),
        "so_sanh_chu": lambda s: COMPARISON_WORD.get(s, s),
        "muc_tieu": goal_phrase,
    }


def _by_lead_unit(
    targets: Sequence[TargetAttainment], numbers: dict[str, int]
) -> list[dict[str, Any]]:
    """Targets grouped by lead unit, in the order the units first appear."""
    groups: dict[str, list[int]] = {}
    for t in targets:
        groups.setdefault(t.target.chu_tri, []).append(numbers[t.target.ma])
    return [{"don_vi": unit, "stt": stt} for unit, stt in groups.items()]


def _causes(report: ReportInput) -> dict[str, Any]:
    """The template's ``nguyen_nhan``: the causes of the shortcomings, as lists of texts —
    ``chu_quan`` and ``khach_quan`` when the secretariat told them apart, else ``chung``."""
    given = report.nguyen_nhan
    causes: dict[str, list[str]] = {"chu_quan": [], "khach_quan": [], "chung": []}
    if isinstance(given, Causes):
        causes["chu_quan"] = as_list(given.chu_quan)
        causes["khach_quan"] = as_list(given.khach_quan)
    elif given is not None:
        causes["chung"] = as_list(given)
    return {**causes, "co": any(causes.values())}


def submissions(q: QuarterAttainment) -> dict[str, Any]:
    """The template's ``gui_bao_cao`` of one quarter: who had to send, who sent, when."""
    required = [s for s in q.submissions if s.required]
    on_time = [s for s in required if s.state == "dung_han"]
    late = [s for s in required if s.state == "tre_han"]
    return {
        "phai_nop": len(required),
        "da_nop": len(on_time) + len(late),
        "dung_han": on_time,
        "tre_han": late,
        "chua_nop": [s for s in required if s.state == "chua_nop"],
        "tu_nguyen": [s for s in q.submissions if not s.required and s.state != "chua_nop"],
    }


def data_period(q: QuarterAttainment, when: dt.date) -> tuple[dt.date, dt.date]:
    """The days the report's figures cover: the units report on their quarter, so from its
    first day to the report's date, or to the quarter's last day when dated after it."""
    start, end = q.period.start, q.period.end
    return start, max(start, min(when, end))


def template_context(
    plan: Plan, q: QuarterAttainment, report: ReportInput, when: dt.date,
    chart_placed: bool = True,
) -> dict[str, Any]:
    """What the template reads; ``chart_placed``: the template has the chart's [[bieu_do]]
    (a template without it must not say "và Biểu đồ 1")."""
    p = plan.plan
    period = q.period
    targets = list(q.targets)
    numbers = {t.target.ma: i for i, t in enumerate(targets, 1)}
    not_met = [t for t in targets if t.state == "chua_dat"]
    no_data = [t for t in targets if t.state == "chua_co_so_lieu"]
    partial = [t for t in targets if t.state != "chua_co_so_lieu" and t.missing_units]
    tasks = list(q.tasks)

    def of(state: str) -> list[TaskAttainment]:
        return [t for t in tasks if t.state == state]

    next_quarter = period.quarter + 1 if period.quarter < 4 else None
    ten_goi = p.co_quan.ten_goi or short_name(p.co_quan.ban_hanh_text)
    secretariat = plan.units.get(p.co_quan_thuong_truc)
    comments = {ma: text for ma, text in (report.chi_tieu or {}).items() if ma in numbers}
    return {
        "plan": p,
        "bao_cao": report,
        "nam": period.year,
        "nam_toi": period.year + 1,
        "quy": period.quarter,
        "quy_la_ma": roman(period.quarter),
        "quy_toi_la_ma": roman(next_quarter) if next_quarter else "",
        "han_quy_toi": (
            deadline(period.year, next_quarter, p.han_bao_cao.ngay) if next_quarter else None
        ),
        "han_bao_cao": q.deadline,
        "ngay_bao_cao": when,
        "ten_ke_hoach": p.ten,
        "ten_ke_hoach_thuong": plan_name(p.ten),
        "ten_goi": ten_goi,
        "co_quan_ban_hanh": p.co_quan.ban_hanh_text,
        "co_quan_thuong_truc": secretariat.ten if secretariat else p.co_quan_thuong_truc,
        "co_so_lieu": any(s.state != "chua_nop" for s in q.submissions),
        "so_lieu_tu": data_period(q, when)[0],
        "so_lieu_den": data_period(q, when)[1],
        "nguyen_nhan": _causes(report),
        "co_bieu_do": has_chart(q) and chart_placed,
        "chi_tieu": {
            "tong": len(targets),
            "dat": q.count_targets("dat"),
            "chua_dat": len(not_met),
            "chua_co_so_lieu": len(no_data),
            "tat_ca": targets,
            "stt": numbers,
            "danh_sach_chua_dat": not_met,
            "danh_sach_chua_co_so_lieu": no_data,
            "thieu_don_vi": partial,
            "dat_lo_trinh": [t for t in not_met if t.progress == "dung_tien_do"],
            "cham_lo_trinh": [t for t in not_met if t.progress == "cham_tien_do"],
            "chua_dat_theo_don_vi": _by_lead_unit(not_met, numbers),
            "stt_chua_dat": [numbers[t.target.ma] for t in not_met],
            "nhan_xet": comments,
            "co_nhan_xet": [t for t in targets if t.target.ma in comments],
            "don_vi_thieu_so_lieu": list(
                dict.fromkeys(u for t in [*no_data, *partial] for u in t.missing_units)
            ),
        },
        "nhiem_vu": {
            "tong": len(tasks),
            "tat_ca": tasks,
            "da_bao_cao": len(tasks) - len(of("chua_bao_cao")),
            "hoan_thanh": of("hoan_thanh"),
            "dang_thuc_hien": of("dang_thuc_hien"),
            "chua_thuc_hien": of("chua_thuc_hien"),
            "qua_han": of("qua_han"),
            "chua_bao_cao": of("chua_bao_cao"),
        },
        "gui_bao_cao": submissions(q),
        "canh_bao": early_warning(targets, numbers, period.quarter),
        "kho_khan": [n for n in q.notes if n.kho_khan],
        "kien_nghi": [n for n in q.notes if n.kien_nghi],
    }


# --------------------------------------------------------------------------- document


def build_document(
    plan: Plan,
    q: QuarterAttainment,
    report: ReportInput,
    when: dt.date,
    *,
    chart: Callable[[], bytes] | None = None,
) -> ReportDocument:
    p = plan.plan
    q = dataclasses.replace(q, targets=by_section(plan, q.targets))
    trich_yeu = (
        f"Kết quả thực hiện Kế hoạch {plan_name(p.ten)} quý {roman(q.period.quarter)} "
        f"năm {q.period.year}"
    )
    return assemble_document(
        plan, q, report, when,
        template=TEMPLATE_NAME,
        context=lambda placed: template_context(plan, q, report, when, placed),
        tables={TABLE_PLACEHOLDER: lambda: targets_table(plan, q) if q.targets else None},
        chart=lambda: chart_image(q, chart) if has_chart(q) else None,
        trich_yeu=trich_yeu,
        keywords=(str(q.period), "kehoach"),
    )


def assemble_document(
    plan: Plan,
    q: QuarterAttainment,
    report: ReportInput,
    when: dt.date,
    *,
    template: str,
    context: Callable[[bool], dict[str, Any]],
    tables: dict[str, Callable[[], Block | None]],
    chart: Callable[[], Block | None],
    trich_yeu: str,
    keywords: tuple[str, ...],
) -> ReportDocument:
    """A report of any kind: ``template`` run on ``context(chart_placed)``, its
    placeholders replaced by ``tables`` (by name) and the ``chart``, in the header and
    closing of the plan; ``trich_yeu`` unless the template writes its own."""
    p = plan.plan
    written = re.sub(r"\{#.*?#\}", "", template_source(plan.root, template).text,
                     flags=re.DOTALL)
    chart_placed = f"[[{CHART_PLACEHOLDER}]]" in written  # outside the template's comments
    rendered = render_template(
        plan.root, context(chart_placed), _filters(plan), (*tables, CHART_PLACEHOLDER),
        template,
    )
    body: list[Block] = []
    for block in rendered.blocks:
        if isinstance(block, Placeholder):
            made = tables[block.name]() if block.name in tables else chart()
            if made is not None:
                body.append(made)
        else:
            body.append(block)
    trich_yeu = rendered.trich_yeu or trich_yeu
    closing = Closing(
        noi_nhan=tuple(p.bao_cao.noi_nhan),
        luu=p.bao_cao.luu,
        quyen_han=tuple(p.bao_cao.ky.quyen_han),
        chuc_vu=tuple(p.bao_cao.ky.chuc_vu),
        ho_ten=p.bao_cao.ky.ho_ten,
    )
    refuse_illegal(trich_yeu, body, closing)
    return ReportDocument(
        header=Header(
            chu_quan=p.co_quan.chu_quan,
            ban_hanh=p.co_quan.ban_hanh_text,
            so=report.so,
            ky_hieu=p.bao_cao.ky_hieu,
            dia_danh=p.dia_danh,
            ngay=when,
        ),
        loai_van_ban="BÁO CÁO",
        trich_yeu=trich_yeu,
        body=tuple(body),
        closing=closing,
        title=f"Báo cáo {trich_yeu[:1].lower()}{trich_yeu[1:]}",
        author=p.co_quan.ban_hanh_text,
        keywords=keywords,
    )


def _texts(blocks: Sequence[Block]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, Heading):
            yield block.text
        elif isinstance(block, Paragraph):
            yield from (run.text for run in block.runs)
        elif isinstance(block, Table):
            yield block.caption
            for row in block.rows:
                yield from row.cells
        else:
            yield block.caption


def refuse_illegal(trich_yeu: str, body: Sequence[Block], closing: Closing) -> None:
    """A .docx cannot hold control characters (a YAML string may, through escapes such
    as "\\x01"): say where instead of failing inside the XML library."""
    texts = [trich_yeu, *_texts(body), *closing.noi_nhan, closing.luu, closing.ho_ten,
             *closing.quyen_han, *closing.chuc_vu]  # fmt: skip
    for text in texts:
        bad = XML_ILLEGAL.search(text)
        if bad:
            shown = " ".join(XML_ILLEGAL.sub(" ", text).split())
            if len(shown) > 60:
                shown = shown[:57] + "…"
            raise KehoachError(
                f"văn bản báo cáo có ký tự điều khiển U+{ord(bad[0]):04X} (trong “{shown}”), "
                "không được phép trong tệp .docx; hãy xóa ký tự đó trong tệp YAML hoặc "
                "trong mẫu templates/"
            )


__all__ = [
    "assemble_document", "build_document", "refuse_illegal", "submissions", "template_context",
]
