"""The plan as checked: what the attainment engine and the views read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..vocab.periods import Period, ReportPeriod
from .models import PlanFile, ReportInput, ResultFile, Target, Task, Unit


@dataclass(slots=True)
class Plan:
    """A checked plan repo: its plan files, and the result and report files that count
    (``reports``: the quarters' report inputs)."""

    root: Path
    plan: PlanFile
    units: dict[str, Unit]
    targets: dict[str, Target]
    tasks: dict[str, Task]
    results: dict[Period, dict[str, ResultFile]] = field(default_factory=dict)
    reports: dict[Period, ReportInput] = field(default_factory=dict)
    result_paths: dict[tuple[Period, str], str] = field(default_factory=dict)
    # the inputs of the six-month and annual reports (reports/<year>-6T.yaml, <year>.yaml)
    summaries: dict[ReportPeriod, ReportInput] = field(default_factory=dict)
