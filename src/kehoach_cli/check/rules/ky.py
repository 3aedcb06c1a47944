"""ky: a result or report file is of the quarter its name says, in the plan's year."""

from __future__ import annotations

from collections.abc import Iterator

from ...load.loaded import LoadedReport
from ...load.models import PlanFile
from ...vocab.problems import START, Problem, Rule, error
from ..context import CheckContext

RULE = Rule(
    "ky",
    "Kỳ báo cáo (ky) khớp với tên tệp <năm>-Q<quý>.yaml, và năm là năm của kế hoạch",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for loaded, result, plan in ctx.results():
        src, period = loaded.src, loaded.period
        pos = src.doc.positions
        if result.ky != str(period):
            yield error(src.path, pos.value(("ky",)),
                        f"ky: cần '{period}' cho khớp với tên tệp {period}.yaml, "
                        f"nhận được '{result.ky}'", RULE.id)
        if period.year != plan.nam:
            where = pos.value(("ky",)) if result.ky == str(period) else START
            label = "ky" if result.ky == str(period) else f"tên tệp {period}.yaml"
            yield error(src.path, where,
                        f"{label}: năm {period.year} khác năm của kế hoạch ({plan.nam}); "
                        f"tệp kết quả cần có dạng {plan.nam}-Q<quý>.yaml", RULE.id)
    if ctx.plan is not None:
        for report in ctx.repo.reports:
            if not report_in_year(report, ctx.plan):
                yield error(report.src.path, START,
                            f"tên tệp {report.period}.yaml: năm {report.period.year} khác "
                            f"năm của kế hoạch ({ctx.plan.nam})", RULE.id)


def report_in_year(report: LoadedReport, plan: PlanFile | None) -> bool:
    """A report input counts only for the plan's year."""
    return plan is None or report.period.year == plan.nam
