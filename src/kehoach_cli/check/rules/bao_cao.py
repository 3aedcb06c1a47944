"""bao-cao: what the reports (quarterly, six-month, annual) are made from reads right — no
two reports of a year share a number, whatever their kind; the plan's name does not repeat
"Kế hoạch"; a report is not dated before the units' deadline (of the last quarter it
covers)."""

from __future__ import annotations

from collections.abc import Iterator

from ...load.loaded import LoadedReport
from ...vocab.dates import roman, short_date
from ...vocab.periods import ANNUAL, HALF_YEAR, QUARTERLY, deadline
from ...vocab.phrases import report_name
from ...vocab.problems import Problem, Rule, error, warning
from ..context import CheckContext

RULE = Rule(
    "bao-cao",
    "Số báo cáo không trùng trong năm; tên kế hoạch không lặp chữ 'Kế hoạch'; ngày báo cáo "
    "không trước hạn gửi kết quả của quý",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    plan = ctx.plan
    if plan is not None:
        src = ctx.repo.plan_sources.get("plan")
        ten = " ".join(plan.ten.split())
        if src is not None and ten.lower().startswith("kế hoạch "):
            rest = ten[len("kế hoạch ") :]
            yield warning(
                src.path, src.doc.positions.value(("ten",)),
                "ten: không cần chữ \"Kế hoạch\" ở đầu tên, vì báo cáo viết \"Kết quả thực "
                "hiện Kế hoạch …\" trước tên (kehoach bỏ chữ lặp khi in); hãy viết ten: "
                f"{rest[:1].upper()}{rest[1:]}", RULE.id,
            )
    seen: dict[tuple[int, int], LoadedReport] = {}  # one number series a year, every kind
    order = {QUARTERLY: 0, HALF_YEAR: 1, ANNUAL: 2}
    for report in sorted(ctx.repo.reports, key=lambda r: (r.period.year, r.period.quarter,
                                                          order[r.period.regime])):
        so = report.model.so
        if so is None:
            continue
        first = seen.setdefault((report.period.year, so), report)
        if first is not report:
            yield error(
                report.src.path, report.src.doc.positions.value(("so",)),
                f"so: số {so} đã dùng cho {report_name(first.period)} ({first.src.path}); "
                "mỗi báo cáo trong năm cần một số riêng", RULE.id,
            )
    if plan is None:
        return
    for report in ctx.repo.reports:
        when = report.model.ngay
        period = report.period
        due = deadline(period.year, period.quarter, plan.han_bao_cao.ngay)
        if when is not None and when < due:
            yield warning(
                report.src.path, report.src.doc.positions.value(("ngay",)),
                f"ngay: báo cáo đề ngày {short_date(when)}, trước hạn các đơn vị gửi kết quả "
                f"quý {roman(period.quarter)} ({short_date(due)}); đơn vị chưa gửi vẫn còn "
                "hạn, báo cáo chưa đủ số liệu", RULE.id,
            )
