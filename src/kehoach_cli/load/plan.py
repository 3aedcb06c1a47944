"""The plan as checked: what the attainment engine and the views read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..vocab.periods import Period
from .models import PlanFile, ReportInput, ResultFile, Target, Task, Unit


@dataclass(slots=True)
class Plan:
    """A checked plan repo: its plan files, and the result and report files that count."""

    root: Path
    plan: PlanFile
    units: dict[str, Unit]
    targets: dict[str, Target]
    tasks: dict[str, Task]
    results: dict[Period, dict[str, ResultFile]] = field(default_factory=dict)
    reports: dict[Period, ReportInput] = field(default_factory=dict)
    result_paths: dict[tuple[Period, str], str] = field(default_factory=dict)
