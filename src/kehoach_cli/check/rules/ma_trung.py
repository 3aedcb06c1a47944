"""ma-trung: an id is used once in each list of the plan."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import Problem, Rule, error
from ..context import CheckContext

RULE = Rule("ma-trung", "Mỗi mã đơn vị, chỉ tiêu, nhiệm vụ chỉ được dùng một lần")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for listed, what in ((ctx.units, "đơn vị"), (ctx.targets, "chỉ tiêu"),
                         (ctx.tasks, "nhiệm vụ")):
        src = listed.src
        if src is None:
            continue
        seen: dict[str, int] = {}
        for index, ma in listed.written_ids():
            if ma not in seen:
                seen[ma] = index
                continue
            first = src.doc.positions.value((listed.key, seen[ma], "ma"))
            yield error(
                src.path, src.doc.positions.value((listed.key, index, "ma")),
                f"mã {what} '{ma}' bị trùng (đã dùng ở dòng {first.line}); "
                "mỗi mã chỉ được dùng một lần", RULE.id,
            )
