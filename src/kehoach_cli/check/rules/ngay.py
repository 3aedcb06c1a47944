"""ngay: a result file's sending date (ngay_gui) is a real day of the quarter or after."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.dates import roman
from ...vocab.problems import Problem, Rule, error, warning
from ..context import CheckContext

RULE = Rule(
    "ngay",
    "Ngày gửi (ngay_gui) không ở tương lai và không trước ngày đầu của quý báo cáo",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for loaded, result, plan in ctx.results():
        src, period = loaded.src, loaded.period
        at = src.doc.positions.value(("ngay_gui",))
        sent = result.ngay_gui
        if sent > ctx.today:
            yield error(src.path, at,
                        f"ngay_gui: ngày {sent.isoformat()} chưa tới (hôm nay là "
                        f"{ctx.today.isoformat()}); cần ghi ngày thực tế gửi báo cáo", RULE.id)
        if sent < period.start and period.year == plan.nam:
            yield warning(src.path, at,
                          f"ngay_gui: ngày gửi {sent.isoformat()} trước khi quý "
                          f"{roman(period.quarter)} bắt đầu ({period.start.isoformat()})",
                          RULE.id)
