"""tham-chieu: every unit, target and task named in a file exists in plan/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...load.lists import ID_RE, Listed
from ...load.models import Unit
from ...load.repo import SourceFile
from ...vocab.problems import Problem, Rule, error
from ...vocab.suggest import plain, suggest
from ..context import CheckContext

RULE = Rule(
    "tham-chieu",
    "Mã đơn vị, chỉ tiêu, nhiệm vụ được nhắc tới phải có trong plan/units.yaml, "
    "plan/targets.yaml, plan/tasks.yaml",
)


def unit_ref(
    src: SourceFile, path: tuple[str | int, ...], value: str, units: Listed[Unit], role: str
) -> Iterator[Problem]:
    """A problem if ``value`` names no unit."""
    if not units.knows(value):
        yield error(
            src.path, src.doc.positions.value(path),
            f"{role}: không có đơn vị mã '{value}' trong plan/units.yaml"
            + named(value, units, "đơn vị"),
            RULE.id,
        )


def named(word: str, listed: Listed[Any], what: str) -> str:
    """'; đây là tên của chỉ tiêu, mã của nó là 'x'' when ``word`` is an item's name
    (written with or without diacritics, in any case) rather than its id; else the
    closest id, as for a mistyped one."""
    if ID_RE.match(word):  # an id mistyped, not a name
        return suggest(word, listed.suggestions())
    written = plain(word)
    found = [ma for ma, (_, item) in listed.items.items()
             if plain(" ".join(str(getattr(item, "ten", "")).split())) == written]
    if len(found) == 1:
        return f"; đây là tên của {what}, hãy viết mã của nó: '{found[0]}'"
    return suggest(word, listed.suggestions())


def check(ctx: CheckContext) -> Iterator[Problem]:
    units = ctx.units
    if units.loaded:
        yield from _plan_references(ctx)
    for loaded, result, _ in ctx.results():
        src = loaded.src
        if ctx.targets.loaded:
            for ma in result.chi_tieu or {}:
                if not ctx.targets.knows(ma):
                    yield error(src.path, src.doc.positions.key(("chi_tieu", ma)),
                                f"chi_tieu: không có chỉ tiêu mã '{ma}' trong "
                                "plan/targets.yaml" + named(ma, ctx.targets, "chỉ tiêu"),
                                RULE.id)
        if ctx.tasks.loaded:
            for ma in result.nhiem_vu or {}:
                if not ctx.tasks.knows(ma):
                    yield error(src.path, src.doc.positions.key(("nhiem_vu", ma)),
                                f"nhiem_vu: không có nhiệm vụ mã '{ma}' trong plan/tasks.yaml"
                                + named(ma, ctx.tasks, "nhiệm vụ"), RULE.id)
    if ctx.targets.loaded:
        for report in ctx.repo.reports:  # the secretariat's comments, by target id
            src = report.src
            for ma in report.model.chi_tieu or {}:
                if not ctx.targets.knows(ma):
                    yield error(src.path, src.doc.positions.key(("chi_tieu", ma)),
                                f"chi_tieu: không có chỉ tiêu mã '{ma}' trong "
                                "plan/targets.yaml" + named(ma, ctx.targets, "chỉ tiêu"),
                                RULE.id)


def _plan_references(ctx: CheckContext) -> Iterator[Problem]:
    units = ctx.units
    if ctx.targets.loaded and ctx.targets.src is not None:
        src = ctx.targets.src
        for _, (index, target) in ctx.targets.items.items():
            base: tuple[str | int, ...] = ("chi_tieu", index)
            yield from unit_ref(src, (*base, "chu_tri"), target.chu_tri, units, "chu_tri")
            for i, unit in enumerate(target.phoi_hop):
                yield from unit_ref(src, (*base, "phoi_hop", i), unit, units, "phoi_hop")
            for i, unit in enumerate(target.don_vi_bao_cao or []):
                yield from unit_ref(src, (*base, "don_vi_bao_cao", i), unit, units,
                                    "don_vi_bao_cao")
    if ctx.tasks.loaded and ctx.tasks.src is not None:
        src = ctx.tasks.src
        for _, (index, task) in ctx.tasks.items.items():
            base = ("nhiem_vu", index)
            yield from unit_ref(src, (*base, "chu_tri"), task.chu_tri, units, "chu_tri")
            for i, unit in enumerate(task.phoi_hop):
                yield from unit_ref(src, (*base, "phoi_hop", i), unit, units, "phoi_hop")
    plan_src = ctx.repo.plan_sources.get("plan")
    if ctx.plan is not None and plan_src is not None:
        yield from unit_ref(plan_src, ("co_quan_thuong_truc",), ctx.plan.co_quan_thuong_truc,
                            units, "co_quan_thuong_truc")
