"""Check a plan repo: load it (load/), apply every rule of the registry, and give the
problems and, when the plan files themselves are sound, the plan for the attainment engine.

One mistake gives one message: a reference to an item that exists but is itself broken
is not reported again (the item's own error says what to fix), and a unit folder that
names no unit is reported once, not once per entry of its files.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..load.loaded import LoadedRepo, collection_paused, load_repo
from ..load.models import ReportInput, ResultFile
from ..load.plan import Plan
from ..load.repo import PLAN_FILES, SourceFile, discover, rel
from ..vocab.periods import QUARTERLY, Period, ReportPeriod
from ..vocab.problems import Problem
from .context import CheckContext
from .outcome import CheckOutcome
from .registry import check_functions
from .rules.ky import report_in_year

if TYPE_CHECKING:
    import multiprocessing.context

# Below this many result files a second process costs more than it saves.
PARALLEL_MIN_FILES = 200


def check_loaded(repo: LoadedRepo, today: dt.date) -> CheckOutcome:
    """Apply every rule across files to a loaded repo."""
    ctx = CheckContext.of(repo, today)
    found: list[Problem] = []
    for check in check_functions():
        found.extend(check(ctx))
    rejected = {p.path for p in found if p.is_error}
    problems = sorted([*repo.problems, *found], key=Problem.sort_key)

    plan = repo.plan
    results: dict[Period, dict[str, ResultFile]] = {}
    result_paths: dict[tuple[Period, str], str] = {}
    if plan is not None and repo.units.loaded:
        for loaded in repo.results:
            if (
                loaded.model is not None
                and repo.units.knows(loaded.unit_dir)
                and loaded.src.path not in rejected
            ):
                results.setdefault(loaded.period, {})[loaded.unit_dir] = loaded.model
                result_paths[(loaded.period, loaded.unit_dir)] = loaded.src.path
    reports: dict[Period, ReportInput] = {
        r.period.last: r.model for r in repo.reports
        if report_in_year(r, plan) and r.period.regime == QUARTERLY
    }
    summaries: dict[ReportPeriod, ReportInput] = {
        r.period: r.model for r in repo.reports
        if report_in_year(r, plan) and r.period.regime != QUARTERLY
    }
    plan_paths = set(PLAN_FILES.values())
    sound = (
        plan is not None
        and len(repo.plan_sources) == len(PLAN_FILES)
        and repo.units.loaded and repo.targets.loaded and repo.tasks.loaded
        and not any(p.is_error and p.path in plan_paths for p in problems)
    )
    checked = None
    if sound and plan is not None:
        checked = Plan(repo.root, plan, repo.units.models(), repo.targets.models(),
                       repo.tasks.models(), results, reports, result_paths, summaries)
    return CheckOutcome(problems, checked, len(repo.sources), [s.path for s in repo.sources])


def check_repo(
    root: Path,
    today: dt.date,
    *,
    fast: bool = False,
    sources: dict[str, SourceFile] | None = None,
    need_results: bool = True,
    jobs: int | None = None,
) -> CheckOutcome:
    """Load and check the whole plan repo at ``root``.

    With ``need_results=False`` (validate only needs the problems), a large repo's result
    files are split between this process and a second one (both cores of a commune
    office PC or a CI runner); the plan is then returned without its results.
    """
    with collection_paused():
        found = discover(root)
        jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1)
        if (
            need_results
            or sources is not None
            or jobs < 2
            or len(found.results) < PARALLEL_MIN_FILES
            or (context := _fork_context()) is None
        ):
            return check_loaded(load_repo(root, fast=fast, found=found, sources=sources), today)
        paths = [rel(root, path) for path, _, _ in found.results]
        share = frozenset(paths[len(paths) // 2 :])
        with context.Pool(1) as pool:
            theirs = pool.apply_async(_check_share, (root, today, fast, share))
            outcome = check_loaded(load_repo(root, fast=fast, found=found, skip=share), today)
            problems, files = theirs.get()
        outcome.problems = sorted([*outcome.problems, *problems], key=Problem.sort_key)
        read = {*outcome.files, *files}
        order = [
            *(rel(root, path) for path in found.plan.values()),
            *paths,
            *(rel(root, path) for path, _ in found.reports),
        ]
        outcome.files = [f for f in order if f in read]
        outcome.files_checked += len(files)
        return outcome


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Forking shares the imported modules with the second process at no cost; where
    there is no fork (Windows), starting Python again would eat the gain. (Imported here:
    small repos and the other commands never need it.)"""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _check_share(
    root: Path, today: dt.date, fast: bool, share: frozenset[str]
) -> tuple[list[Problem], list[str]]:
    """In the second process: check the plan and only the result files of ``share``;
    return the problems of those files."""
    with collection_paused():
        found = discover(root)
        paths = {rel(root, path) for path, _, _ in found.results}
        repo = load_repo(root, fast=fast, found=found, skip=frozenset(paths - share))
        outcome = check_loaded(repo, today)
    return [p for p in outcome.problems if p.path in share], sorted(share)
