"""don-vi: every folder of units/ is a unit, and its files speak for that unit."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import START, Problem, Rule, error
from ...vocab.suggest import suggest
from ..context import CheckContext

RULE = Rule(
    "don-vi",
    "Mỗi thư mục units/<mã>/ ứng với một đơn vị; don_vi trong tệp kết quả khớp với thư mục",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    units = ctx.units
    if units.loaded:
        for unit_dir in ctx.repo.found.unit_dirs:
            if not units.knows(unit_dir):
                yield error(f"units/{unit_dir}", START,
                            f"thư mục units/{unit_dir}/ không ứng với đơn vị nào "
                            "trong plan/units.yaml" + suggest(unit_dir, units.suggestions()),
                            RULE.id)
    for loaded, result, _ in ctx.results():
        if result.don_vi != loaded.unit_dir:
            src = loaded.src
            yield error(src.path, src.doc.positions.value(("don_vi",)),
                        f"don_vi: cần '{loaded.unit_dir}' cho khớp với thư mục "
                        f"units/{loaded.unit_dir}/, nhận được '{result.don_vi}'", RULE.id)
