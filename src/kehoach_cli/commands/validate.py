"""`kehoach validate`: check the plan repo, print every problem, exit 0, 1 or 2."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path, PureWindowsPath
from typing import TextIO

from ..check.engine import check_repo
from ..check.outcome import CheckOutcome
from ..check.registry import PLAN_INCOMPLETE
from ..errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from ..load.repo import find_root
from ..present import problems_out
from ..vocab.problems import START as _START
from ..vocab.problems import Problem, error
from .common import today as current_day


def resolve_targets(root: Path, paths: Sequence[str], cwd: Path) -> list[str]:
    """User-given paths (relative to the current folder, / or \\) as repo-relative paths."""
    out: list[str] = []
    for given in paths:
        candidate = Path(given)
        if not candidate.is_absolute():
            candidate = cwd / candidate
        if not candidate.exists() and "\\" in given:
            candidate = Path(*PureWindowsPath(given).parts)
            if not candidate.is_absolute():
                candidate = cwd / candidate
        candidate = Path(os.path.normpath(candidate.absolute()))
        try:
            relpath = candidate.relative_to(root.resolve()).as_posix()
        except ValueError:
            try:
                relpath = candidate.relative_to(root.absolute()).as_posix()
            except ValueError:
                raise UsageError(
                    f"{given}: đường dẫn nằm ngoài kho kế hoạch {root}"
                ) from None
        if not candidate.exists():
            raise UsageError(f"{given}: không có tệp hay thư mục này")
        out.append("" if relpath == "." else relpath)
    return out


def _within(path: str, target: str) -> bool:
    """``path`` is ``target`` or lies under it ('' is the whole repo)."""
    return not target or path == target or path.startswith(target.rstrip("/") + "/")


def _selected(problem: Problem, targets: list[str]) -> bool:
    """A problem of a selected file or folder, or of a folder holding a selected file
    (units/x: 'no such unit' concerns every file in it)."""
    return any(
        _within(problem.path, t) or _within(t, problem.path) for t in targets
    )


def select(
    problems: list[Problem], outcome: CheckOutcome, targets: list[str]
) -> tuple[list[Problem], int]:
    """The problems of the selected files or folders (all with no ``targets``) and how
    many files were checked among them."""
    if not targets:
        return problems, outcome.files_checked
    files = sum(1 for f in outcome.files if any(_within(f, t) for t in targets))
    problems = [p for p in problems if _selected(p, targets)]
    if outcome.plan is None and not any(
        p.path.startswith("plan/") for p in problems
    ) and any(p.path.startswith("plan/") and p.is_error for p in outcome.problems):
        problems.append(
            error("plan/plan.yaml", _START,
                  "kế hoạch (thư mục plan/) đang có lỗi nên chưa kiểm tra được đầy đủ; "
                  "chạy 'kehoach validate' để xem", PLAN_INCOMPLETE.id)
        )
    return problems, files


def _check_staged(root: Path, day: dt.date, fast: bool) -> CheckOutcome:
    """The repo as the next commit would record it: git's index (the staged content of
    staged files, HEAD's of the others), exported to a temporary folder and checked
    there; untracked files and unstaged edits neither block nor pass a commit."""
    from ..load.git import export_index

    with tempfile.TemporaryDirectory(prefix="kehoach-staged-") as folder:
        export_index(root, Path(folder))
        return check_repo(Path(folder), day, fast=fast, need_results=False)


def _write_step_summary(problems: list[Problem], files: int) -> None:
    """On GitHub Actions, every problem also goes to the step summary (the job's page),
    since only ten annotations of each kind show. A summary that cannot be written is
    said on stderr and changes nothing else: the check's verdict is its exit code."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from ..present.ci_reports import step_summary

    text = step_summary(problems, problems_out.summary(problems, files))
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        sys.stderr.write(f"kehoach: cảnh báo: không ghi được tóm tắt của bước vào {path} "
                         f"({exc.strerror or exc})\n")


def validate(
    start: Path,
    paths: Sequence[str] = (),
    fmt: str = "text",
    today: dt.date | None = None,
    out: TextIO | None = None,
    *,
    base: str | None = None,
    accounts: Sequence[str] = (),
    staged: bool = False,
    fast: bool = True,
) -> int:
    out = out or sys.stdout
    if fmt not in problems_out.FORMATS:
        raise UsageError(
            f"--format: cần một trong {', '.join(problems_out.FORMATS)}, nhận được '{fmt}'"
        )
    if accounts and base is None:
        raise UsageError("--tai-khoan cần dùng cùng --base REV")
    for account in accounts:
        if not account.strip():
            # An empty login (a CI variable that was not set) must not pass as nobody.
            raise UsageError("--tai-khoan: tên tài khoản trống; trên CI, kiểm tra biến chứa "
                             "tên tài khoản có được đặt giá trị không")
    root = find_root(start)
    # Paths are relative to where the command runs: the current folder, or -C PATH.
    here = start.resolve() if start.is_dir() else Path.cwd()
    targets = resolve_targets(root, paths, here) if paths else []
    if staged and any(_within(t, "plan") for t in targets):
        targets = []  # a commit of the plan is judged on every file the plan governs
    day = today or current_day()
    if staged:
        outcome = _check_staged(root, day, fast)
    else:
        outcome = check_repo(root, day, fast=fast, need_results=False)
    problems = outcome.problems
    if base is not None:
        from ..check.changes import check_change

        problems = sorted(
            [*problems, *check_change(root, base, accounts, outcome, staged=staged)],
            key=Problem.sort_key,
        )
    problems, files = select(problems, outcome, targets)
    problems_out.write(problems, files, fmt, out, note_fixes=True)
    if fmt == "github":
        _write_step_summary(problems, files)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK
