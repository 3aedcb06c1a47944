"""`kehoach sua`: check the plan repo as validate does, apply every certain fix the
problems carry, check again (a fix may reveal another), and print what changed and what
is left to fix by hand."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..check.engine import check_repo
from ..errors import EXIT_OK, EXIT_PROBLEMS
from ..load.repo import SourceFile, find_root
from ..load.yamlfile import load_bytes
from ..present import fixes_out, problems_out
from ..vocab.fixes import FixResult
from ..vocab.problems import Problem, Rename
from .common import today as current_day
from .fixing import apply_fixes
from .validate import resolve_targets, select

# A fix may reveal another (a file renamed, then its content checked); a few rounds are
# enough, and a fix that keeps coming back is never applied twice.
MAX_ROUNDS = 5


def _check(
    root: Path, targets: list[str], today: dt.date, pending: dict[str, bytes]
) -> tuple[list[Problem], int]:
    """Check as validate does; the files of ``pending`` (a dry run's edits) as edited."""
    sources = {
        path: SourceFile(path, load_bytes(path, data, fast=True))
        for path, data in pending.items()
    }
    outcome = check_repo(root, today, fast=True, need_results=False,
                         sources=sources or None)
    return select(outcome.problems, outcome, targets)


def _followed(targets: list[str], results: Sequence[FixResult]) -> list[str]:
    """The selected paths after the renames: a selected file keeps being selected."""
    moved = {
        r.problem.path: r.problem.fix.new_path
        for r in results
        if r.done and isinstance(r.problem.fix, Rename)
    }
    return [moved.get(t, t) for t in targets]


def sua(
    start: Path,
    paths: Sequence[str] = (),
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    root = find_root(start)
    here = start.resolve() if start.is_dir() else Path.cwd()
    targets = resolve_targets(root, paths, here) if paths else []
    day = today or current_day()
    results: list[FixResult] = []
    tried: set[tuple[str, object]] = set()
    pending: dict[str, bytes] = {}  # a dry run's edited files, never written
    rounds = 0
    while True:
        problems, files = _check(root, targets, day, pending)
        todo = [p for p in problems if p.fix is not None and (p.path, p.fix) not in tried]
        if not todo or rounds == MAX_ROUNDS:
            break
        rounds += 1
        tried.update((p.path, p.fix) for p in todo)
        got = apply_fixes(root, todo, write=not dry_run, pending=pending if dry_run else None)
        results.extend(got)
        if dry_run and any(r.done and isinstance(r.problem.fix, Rename) for r in got):
            # A rename cannot be checked without doing it: what is left is what the
            # fixes do not touch.
            fixed = {(r.problem.path, r.problem.fix) for r in got if r.done}
            problems = [p for p in problems if (p.path, p.fix) not in fixed]
            break
        if not any(r.done for r in got):
            break
        targets = _followed(targets, got)
    for result in results:
        out.write(fixes_out.result_line(result, dry_run=dry_run) + "\n")
    out.write(fixes_out.summary(results, problems, dry_run=dry_run) + "\n")
    if dry_run:
        # Not "no errors": the errors to be fixed are still in the files.
        for problem in problems:
            out.write(problems_out.text_line(problem) + "\n")
        out.write(fixes_out.checked(files) + "\n")
    else:
        problems_out.write(problems, files, "text", out)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK
