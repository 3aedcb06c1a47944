"""luoc-do: the schemas an editor reads (schemas/) are those of the plan as it is now.

After the secretariat adds a target or a unit, an editor still reading the old schemas
would underline the new id as unknown and complete the old ones; validate (and with it CI
and the pre-commit hook) warns until ``kehoach schema`` has written them again. A repo
without a schemas/ folder (or without one of the files) is not told anything, and neither
is one whose plan has errors (the schemas follow the plan once it is fixed).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...load.json_schema import SCHEMAS, all_schemas, facts_of
from ...vocab.problems import START, Problem, Rule, warning
from ..context import CheckContext

RULE = Rule(
    "luoc-do",
    "Các lược đồ trong schemas/ (cho trình soạn thảo) khớp với kế hoạch hiện tại: chạy "
    "kehoach schema sau mỗi lần sửa plan/",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    folder = ctx.repo.root / "schemas"
    if not folder.is_dir():
        return
    facts = facts_of(ctx.repo)
    if facts is None:
        return
    for name, text in all_schemas(facts).items():
        path = folder / name
        try:
            current = path.read_bytes()
        except OSError:
            continue  # a repo may keep only the schemas its editors use
        if current == text.encode("utf-8"):
            continue
        yield warning(f"schemas/{name}", START,
                      f"lược đồ \"{SCHEMAS[name][1]}\" đã cũ so với kế hoạch (plan/) hoặc "
                      "phiên bản kehoach: trình soạn thảo sẽ gợi ý "
                      "và gạch chân theo bản cũ; chạy kehoach schema rồi commit thư mục "
                      "schemas/", RULE.id)
