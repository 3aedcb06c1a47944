"""Apply the certain fixes that problems carry (``Problem.fix``): the machinery of
``kehoach sua``, apart from the command so that it can be tested on problems made by
hand.

An :class:`Edit` is a text edit at a line and column: the file is decoded, the text at
the position is compared with the fix's ``old`` (a fix computed from a stale reading is
skipped, never applied elsewhere), replaced, and the file written back atomically with
its BOM and line endings as they were, every other byte unchanged. Several edits of one
file are applied from the last to the first, so that each position still holds. A
:class:`Rename` renames the file, never over another file. With ``write=False`` nothing
is written: the results say what would be done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ..load.text import shown_text
from ..store import WriteError, rename_new, write_atomic
from ..vocab.fixes import FixResult
from ..vocab.problems import Edit, Problem, Rename

BOM = b"\xef\xbb\xbf"
LINK = "đây là liên kết tượng trưng (symbolic link), không phải tệp thật; không sửa qua liên kết"


def apply_fixes(
    root: Path,
    problems: Sequence[Problem],
    *,
    write: bool = True,
    pending: dict[str, bytes] | None = None,
) -> list[FixResult]:
    """Apply the fixes of ``problems`` (those without one are ignored) to the repo at
    ``root``; edits first, then renames. The results are in the problems' order.

    ``pending`` holds files edited but not written (by repo-relative path): they are read
    from it, and with ``write=False`` their edited bytes are put in it, so that a dry run
    can check the edited files again and find what the edits reveal."""
    results: dict[int, FixResult] = {}
    edits: dict[str, list[tuple[int, Problem, Edit]]] = {}
    renames: list[tuple[int, Problem, Rename]] = []
    seen: set[tuple[str, object]] = set()
    for index, problem in enumerate(problems):
        fix = problem.fix
        if fix is None or (problem.path, fix) in seen:
            continue  # the same fix found by two rules is applied once
        seen.add((problem.path, fix))
        if isinstance(fix, Edit):
            edits.setdefault(problem.path, []).append((index, problem, fix))
        else:
            renames.append((index, problem, fix))
    for path, items in edits.items():
        for index, result in _edit_file(root, path, items, write, pending):
            results[index] = result
    taken: set[str] = set()
    for index, problem, rename in renames:
        results[index] = _rename(root, problem, rename, write, taken)
    return [results[i] for i in sorted(results)]


# ---------------------------------------------------------------- edits


def _edit_file(
    root: Path, path: str, items: list[tuple[int, Problem, Edit]], write: bool,
    pending: dict[str, bytes] | None,
) -> list[tuple[int, FixResult]]:
    target = root / path
    if target.is_symlink():
        return [(i, FixResult(p, LINK)) for i, p, _ in items]
    try:
        raw = pending[path] if pending is not None and path in pending else target.read_bytes()
    except OSError:
        return [(i, FixResult(p, "không đọc được tệp này")) for i, p, _ in items]
    bom = BOM if raw.startswith(BOM) else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        reason = ("tệp không phải mã UTF-8 nên không sửa tự động (sửa sẽ làm hỏng chữ); hãy "
                  "lưu lại tệp bằng mã UTF-8 rồi chạy lại")
        return [(i, FixResult(p, reason)) for i, p, _ in items]
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    starts, original = _line_starts(text), text
    out: list[tuple[int, FixResult]] = []
    # Edits are applied from the end: the text before ``limit`` is still the file's.
    limit = len(text)
    changed = False
    for index, problem, edit in sorted(items, key=lambda item: item[2].start, reverse=True):
        old, new = (_crlf(edit.old), _crlf(edit.new)) if crlf else (edit.old, edit.new)
        offset = _offset(starts, original, edit)
        if offset is None:
            out.append((index, FixResult(problem, "vị trí này không còn trong tệp (tệp đã "
                                                  "thay đổi sau khi kiểm tra)")))
            continue
        if offset + len(old) > limit:
            out.append((index, FixResult(
                problem, "chỗ này chồng lên một chỗ sửa khác trong cùng tệp; chạy lại "
                         "kehoach sua để sửa nốt")))
            continue
        found = text[offset : offset + len(old)]
        if found != old:
            out.append((index, FixResult(
                problem, f"ở đây bây giờ là '{shown_text(found)}', không phải "
                         f"'{shown_text(edit.old)}' (tệp đã thay đổi sau khi kiểm tra)")))
            continue
        text = text[:offset] + new + text[offset + len(old):]
        limit = offset
        changed = True
        out.append((index, FixResult(problem)))
    if changed and write:
        try:
            write_atomic(target, bom + text.encode("utf-8"))
        except WriteError as exc:  # nothing of this file was changed
            return [(i, r if r.skipped else FixResult(r.problem, exc.message)) for i, r in out]
    elif changed and pending is not None:
        pending[path] = bom + text.encode("utf-8")
    return out


def _crlf(text: str) -> str:
    """A fix's text with the line endings of a CRLF file."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _offset(starts: list[int], text: str, edit: Edit) -> int | None:
    """The index in ``text`` of the edit's 1-based line and column, if the line has it."""
    line, col = edit.start.line, edit.start.col
    if not 1 <= line <= len(starts) or col < 1:
        return None
    end = starts[line] - 1 if line < len(starts) else len(text)  # the '\n' (or the end)
    offset = starts[line - 1] + col - 1
    return offset if offset <= end else None


# ---------------------------------------------------------------- renames


def _rename(
    root: Path, problem: Problem, rename: Rename, write: bool, taken: set[str]
) -> FixResult:
    new = PurePosixPath(rename.new_path)
    if (
        not rename.new_path or "\\" in rename.new_path or new.is_absolute()
        or ".." in new.parts or ":" in rename.new_path
    ):
        return FixResult(problem, f"tên mới '{shown_text(rename.new_path)}' nằm ngoài kho kế "
                                  "hoạch")
    source, target = root / problem.path, root.joinpath(*new.parts)
    if source.is_symlink():
        return FixResult(problem, LINK)
    if not os.path.lexists(source):
        return FixResult(problem, "không còn tệp này (có thể đã đổi tên hay xóa)")
    free = (
        rename.new_path.casefold() not in taken
        and (not os.path.lexists(target) or _same(source, target))
    )
    if free and write:
        try:
            free = rename_new(source, target)
        except WriteError as exc:
            return FixResult(problem, exc.message)
        if free:
            _drop_if_emptied(source.parent)
    if not free:
        return FixResult(problem, f"đã có tệp {rename.new_path}; không đổi tên để khỏi ghi đè "
                                  "tệp đó — hãy xem hai tệp rồi tự gộp hoặc xóa một tệp")
    taken.add(rename.new_path.casefold())
    return FixResult(problem)


def _drop_if_emptied(folder: Path) -> None:
    """The folder a rename emptied (units/Cong-An/ once its files are in units/cong-an/)
    goes too: left behind, it would be a mistake of its own."""
    with contextlib.suppress(OSError):
        if not any(folder.iterdir()):
            folder.rmdir()


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
