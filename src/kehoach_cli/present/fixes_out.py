"""What ``kehoach sua`` changed (or, with ``--xem``, would change), one line each, and
the sentence that sums it up."""

from __future__ import annotations

from collections.abc import Sequence

from ..load.text import shown_text
from ..vocab.fixes import FixResult
from ..vocab.problems import Edit, Problem


def _shown(text: str) -> str:
    """The old or new text of an edit: as is when it is plain, else quoted with its
    invisible characters spelled out (a non-breaking space as \\xa0); punctuation alone
    is quoted too (``':' → ': '``)."""
    plain = (text and text.strip() == text and text.isprintable()
             and any(c.isalnum() for c in text))  # ':' alone would read as punctuation
    return text if plain else f"'{shown_text(text, limit=60)}'"


def result_line(result: FixResult, *, dry_run: bool = False) -> str:
    problem, fix = result.problem, result.problem.fix
    if isinstance(fix, Edit):
        where = f"{problem.path}:{fix.start.line}:{fix.start.col}"
        if result.skipped is not None:
            return f"{where}: không sửa: {result.skipped}"
        verb = "sẽ sửa" if dry_run else "đã sửa"
        return f"{where}: {verb}: {_shown(fix.old)} → {_shown(fix.new)}"
    if result.skipped is not None:
        return f"{problem.path}: không đổi tên: {result.skipped}"
    verb = "sẽ đổi tên thành" if dry_run else "đã đổi tên thành"
    return f"{problem.path}: {verb} {fix.new_path if fix is not None else '?'}"


def summary(
    results: Sequence[FixResult], remaining: Sequence[Problem], *, dry_run: bool = False
) -> str:
    done = [r for r in results if r.done]
    skipped = len(results) - len(done)
    files = len({r.problem.path for r in done})
    errors = sum(1 for p in remaining if p.is_error)
    if not results and not errors:
        return "Không có gì cần sửa."
    if done:
        head = (f"Sẽ sửa {len(done)} chỗ trong {files} tệp (chưa ghi gì)" if dry_run
                else f"Đã sửa {len(done)} chỗ trong {files} tệp")
    elif results:
        head = "Không sửa được chỗ nào"
    else:
        head = "Không có chỗ nào sửa tự động được"
    if skipped and done:
        head += f", bỏ qua {skipped} chỗ"
    if errors:
        tail = f"còn {errors} lỗi cần sửa tay"
    elif dry_run and done:
        tail = "ngoài ra không có lỗi nào"
    else:
        tail = "không còn lỗi nào"
    return f"{head}; {tail}."


def checked(files_checked: int) -> str:
    """The last line of ``sua --xem``: the files have not changed, so no verdict."""
    return f"Đã kiểm tra {files_checked} tệp."
