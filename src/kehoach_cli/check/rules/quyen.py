"""quyen: a unit reports only the targets it reports and the tasks it takes part in."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import Problem, Rule, error
from ..context import CheckContext

RULE = Rule(
    "quyen",
    "Đơn vị chỉ báo cáo chỉ tiêu mình là đơn vị báo cáo, nhiệm vụ mình chủ trì hoặc phối hợp",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for loaded, result, _ in ctx.results():
        src, unit_dir = loaded.src, loaded.unit_dir
        known_unit = ctx.units.knows(unit_dir)
        if ctx.targets.loaded:
            for ma in result.chi_tieu or {}:
                if ma not in ctx.targets.items:
                    continue  # no such target (tham-chieu), or a broken one (its own error)
                _, target = ctx.targets.items[ma]
                if ctx.unit_may_not_report(unit_dir, target):
                    yield error(src.path, src.doc.positions.key(("chi_tieu", ma)),
                                f"chi_tieu: đơn vị '{unit_dir}' không phải đơn vị báo cáo của "
                                f"chỉ tiêu '{ma}' (đơn vị báo cáo: "
                                f"{', '.join(target.reporters)}); hãy bỏ mục này", RULE.id)
        if ctx.tasks.loaded and known_unit:
            for ma in result.nhiem_vu or {}:
                if ma not in ctx.tasks.items or ma in ctx.shaky_tasks:
                    continue
                _, task = ctx.tasks.items[ma]
                if unit_dir != task.chu_tri and unit_dir not in task.phoi_hop:
                    helpers = f"; phối hợp: {', '.join(task.phoi_hop)}" if task.phoi_hop else ""
                    yield error(src.path, src.doc.positions.key(("nhiem_vu", ma)),
                                f"nhiem_vu: đơn vị '{unit_dir}' không chủ trì, không phối hợp "
                                f"thực hiện nhiệm vụ '{ma}' (chủ trì: {task.chu_tri}{helpers}); "
                                "hãy bỏ mục này", RULE.id)
