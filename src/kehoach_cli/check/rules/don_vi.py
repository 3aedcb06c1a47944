"""don-vi: every folder of units/ is a unit, and its files speak for that unit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...vocab.problems import START, Problem, Rename, Rule, error
from ...vocab.suggest import plain, suggest
from ..context import CheckContext

RULE = Rule(
    "don-vi",
    "Mỗi thư mục units/<mã>/ ứng với một đơn vị; don_vi trong tệp kết quả khớp với thư mục",
)


def _written_as(folder: str, ids: list[str]) -> str | None:
    """The unit id a folder name spells another way ('Phong-Kinh-Te', 'Phòng Kinh tế',
    'phong_kinh_te' for phong-kinh-te): certain, unlike a guess at a typo."""
    matches = [ma for ma in ids if plain(ma) == plain(folder)]
    return matches[0] if len(matches) == 1 else None


def check(ctx: CheckContext) -> Iterator[Problem]:
    units = ctx.units
    found = ctx.repo.found
    wrong: set[str] = set()
    if units.loaded:
        ids = units.suggestions()
        wrong = {d for d in found.unit_dirs if not units.knows(d)}
        right_of = {d: _written_as(d, ids) for d in sorted(wrong)}
        results = {p.relative_to(ctx.repo.root).as_posix() for p, _, _ in found.results}
        # Where a move would put each file: certain only when nothing else is or goes there.
        taken: Counter[str] = Counter()
        for folder, right in right_of.items():
            for path in found.unit_files.get(folder, []) if right is not None else []:
                taken[f"units/{right}/{path.rsplit('/', 1)[-1]}"] += 1
        for right in {r for r in right_of.values() if r is not None}:
            taken.update(found.unit_files.get(right, []))
        for folder, right in right_of.items():
            if right is not None:
                message = (f"tên thư mục units/{folder}/ phải viết đúng mã đơn vị trong "
                           "plan/units.yaml (chữ thường không dấu, nối bằng '-'); hãy đổi tên "
                           f"thư mục thành units/{right}/")
            else:
                message = (f"thư mục units/{folder}/ không ứng với đơn vị nào trong "
                           "plan/units.yaml" + suggest(folder, ids))
            files = found.unit_files.get(folder, [])
            if not files:
                yield error(f"units/{folder}", START, message, RULE.id)
            for path in files:
                moved = f"units/{right}/{path.rsplit('/', 1)[-1]}"
                certain = right is not None and path in results and taken[moved] == 1
                yield error(path, START, message, RULE.id,
                            fix=Rename(moved) if certain else None)
    for loaded, result, _ in ctx.results():
        if loaded.unit_dir in wrong:
            continue  # the folder is what is wrong: its own message says so, on this file
        if result.don_vi != loaded.unit_dir:
            src = loaded.src
            yield error(src.path, src.doc.positions.value(("don_vi",)),
                        f"don_vi: cần '{loaded.unit_dir}' cho khớp với thư mục "
                        f"units/{loaded.unit_dir}/, nhận được '{result.don_vi}'", RULE.id)
