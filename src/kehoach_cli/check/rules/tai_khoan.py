"""tai-khoan: an account sends for one unit only."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import Problem, Rule, error, warning
from ..context import CheckContext

RULE = Rule(
    "tai-khoan",
    "Mỗi tài khoản chỉ gửi kết quả cho một đơn vị; tài khoản quản trị không trùng tài khoản "
    "đơn vị",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    units = ctx.units
    src = units.src
    if not units.loaded or src is None:
        return
    owner: dict[str, str] = {}  # login (lower case) -> the first unit that has it
    for ma, (index, unit) in units.items.items():
        for i, login in enumerate(unit.tai_khoan):
            key = login.lower()
            if key in owner and owner[key] != ma:
                yield error(src.path,
                            src.doc.positions.value(("don_vi", index, "tai_khoan", i)),
                            f"tai_khoan: tài khoản '{login}' đã thuộc đơn vị "
                            f"'{owner[key]}'; mỗi tài khoản chỉ gửi cho một đơn vị", RULE.id)
            owner.setdefault(key, ma)
    plan_src = ctx.repo.plan_sources.get("plan")
    if ctx.plan is None or plan_src is None:
        return
    for i, login in enumerate(ctx.plan.quan_tri):
        if login.lower() in owner:
            yield warning(plan_src.path, plan_src.doc.positions.value(("quan_tri", i)),
                          f"quan_tri: tài khoản '{login}' cũng là tài khoản của đơn vị "
                          f"'{owner[login.lower()]}'", RULE.id)
