"""nhiem-vu: a task's deadline lies in the plan's year."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import Problem, Rule, warning
from ..context import CheckContext

RULE = Rule("nhiem-vu", "Hạn của nhiệm vụ không thuộc năm trước năm kế hoạch")


def check(ctx: CheckContext) -> Iterator[Problem]:
    src = ctx.tasks.src
    if not (ctx.units.loaded and ctx.tasks.loaded) or src is None or ctx.plan is None:
        return
    year = ctx.plan.nam
    for _, (index, task) in ctx.tasks.items.items():
        if task.han is not None and task.han.year < year:
            yield warning(src.path, src.doc.positions.value(("nhiem_vu", index, "han")),
                          f"han: hạn {task.han.isoformat()} thuộc năm trước năm kế hoạch "
                          f"({year})", RULE.id)
