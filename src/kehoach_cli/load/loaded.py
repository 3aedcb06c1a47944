"""Loading as a stage: one call reads every file of a plan repo into values, positions
and models, with the problems found on the way (file names, bytes, YAML, formats).

The checks across files (check/) read what this returns; they never load anything.
"""

from __future__ import annotations

import contextlib
import copy
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..vocab.periods import Period, ReportPeriod
from ..vocab.problems import Problem
from ..vocab.suggest import plain
from .lists import Listed, load_list
from .misread import REPORT_TEXTS, RESULT_TEXTS, figure_warnings, thousands_warnings
from .models import FILE_KINDS, PlanFile, ReportInput, ResultFile, Target, Task, Unit
from .repo import RepoFiles, SourceFile, discover, read_source, rel
from .rules import MISREAD
from .schema import validate_model


@dataclass(slots=True)
class LoadedResult:
    """A result file: ``model`` when it is valid; otherwise ``salvaged``, its sound part
    (checked across files so that a unit sees all its mistakes at once; it never counts)."""

    src: SourceFile
    unit_dir: str
    period: Period
    model: ResultFile | None = None
    salvaged: ResultFile | None = None

    @property
    def readable(self) -> ResultFile | None:
        return self.model if self.model is not None else self.salvaged


@dataclass(slots=True)
class LoadedReport:
    src: SourceFile
    period: ReportPeriod  # a quarter's report, the six-month or the annual one
    model: ReportInput


@dataclass(slots=True)
class LoadedRepo:
    """Everything read from a plan repo, before any check across files."""

    root: Path
    found: RepoFiles
    plan_sources: dict[str, SourceFile]  # kind -> source, for the plan files that exist
    plan: PlanFile | None
    units: Listed[Unit]
    targets: Listed[Target]
    tasks: Listed[Task]
    results: list[LoadedResult] = field(default_factory=list)
    reports: list[LoadedReport] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)  # every file read, in order
    problems: list[Problem] = field(default_factory=list)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Loading builds hundreds of thousands of small objects and no reference cycles;
    Python's cyclic garbage collector would walk them again and again (a third of the
    time at province size), so it waits until loading is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_repo(
    root: Path,
    *,
    fast: bool = False,
    found: RepoFiles | None = None,
    sources: dict[str, SourceFile] | None = None,
    skip: frozenset[str] = frozenset(),
) -> LoadedRepo:
    """Read the plan repo at ``root``: every file's values, positions and model.

    ``sources`` gives files already read (by repo-relative path); the result files named
    in ``skip`` are left out (another process reads them).
    """
    found = found if found is not None else discover(root)

    def read(path: Path) -> SourceFile:
        if sources is not None:
            key = path.relative_to(root).as_posix()
            if key in sources:
                return sources[key]
        return read_source(root, path, fast=fast)

    problems = list(found.problems)
    plan_sources = {kind: read(path) for kind, path in found.plan.items()}
    result_sources = [
        (read(path), unit, period)
        for path, unit, period in found.results
        if not skip or rel(root, path) not in skip
    ]
    report_sources = [(read(path), period) for path, period in found.reports]
    every = [*plan_sources.values(), *(s for s, _, _ in result_sources),
             *(s for s, _ in report_sources)]
    for source in every:
        problems.extend(source.doc.problems)
        if source.doc.ok:
            problems.extend(thousands_warnings(source.doc))
    for source, _, _ in result_sources:
        if source.doc.ok:
            problems.extend(figure_warnings(source.doc, RESULT_TEXTS))
    for source, _ in report_sources:
        if source.doc.ok:
            problems.extend(figure_warnings(source.doc, REPORT_TEXTS))

    plan: PlanFile | None = None
    plan_src = plan_sources.get("plan")
    if plan_src is not None and plan_src.doc.ok:
        plan, plan_problems = validate_model(plan_src.doc, PlanFile, FILE_KINDS["plan"][1])
        problems.extend(plan_problems)
    units = load_list(problems, plan_sources.get("units"), "don_vi", Unit, "units")
    unit_names = {plain(u.ten): ma for ma, u in units.models().items()}
    targets = load_list(problems, plan_sources.get("targets"), "chi_tieu", Target, "targets",
                        unit_names)
    tasks = load_list(problems, plan_sources.get("tasks"), "nhiem_vu", Task, "tasks",
                      unit_names)

    target_units = {ma: t.don_vi_tinh.strip() for ma, t in targets.models().items()}
    results: list[LoadedResult] = []
    for src, unit_dir, period in result_sources:
        if not src.doc.ok:
            continue
        model, result_problems = validate_model(src.doc, ResultFile, FILE_KINDS["result"][1],
                                                unit_names, target_units)
        problems.extend(result_problems)
        loaded = LoadedResult(src, unit_dir, period, model)
        if model is None:
            loaded.salvaged = salvage_result(src.doc.data, unit_dir, period)
        results.append(loaded)

    reports: list[LoadedReport] = []
    for src, covered in report_sources:
        if not src.doc.ok:
            continue
        report, report_problems = validate_model(src.doc, ReportInput, FILE_KINDS["report"][1])
        problems.extend(report_problems)
        if report is not None:
            reports.append(LoadedReport(src, covered, report))

    # A figure refused for its type is told once, by the error, not also by a warning.
    refused = {(p.path, p.pos) for p in problems if p.is_error}
    problems = [p for p in problems
                if not (p.rule == MISREAD.id and (p.path, p.pos) in refused)]
    return LoadedRepo(root, found, plan_sources, plan, units, targets, tasks, results,
                      reports, every, problems)


def salvage_result(data: object, unit_dir: str, period: Period) -> ResultFile | None:
    """The sound part of a result file that failed validation: broken entries dropped,
    broken required fields replaced by what the file's place says, so that the checks
    across files still run on the rest without repeating the same mistakes."""
    if not isinstance(data, dict):
        return None
    placeholders: dict[str, object] = {
        "don_vi": unit_dir,
        "ky": str(period),
        "ngay_gui": period.start,
    }
    cleaned: dict[str, Any] = {
        k: copy.copy(v) for k, v in data.items() if k in ResultFile.model_fields
    }
    for _ in range(3):
        try:
            return ResultFile.model_validate(cleaned)
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                head = str(loc[0]) if loc else ""
                section = cleaned.get(head)
                if head in ("chi_tieu", "nhiem_vu") and len(loc) >= 2 and isinstance(
                    section, dict
                ):
                    section.pop(str(loc[1]), None)
                elif head in placeholders:
                    cleaned[head] = placeholders[head]
                else:
                    cleaned.pop(head, None)
    return None
