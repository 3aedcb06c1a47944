"""What checking a plan repo gives: the problems, and the plan when it can be computed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load.plan import Plan
from ..vocab.problems import Problem


@dataclass(slots=True)
class CheckOutcome:
    problems: list[Problem]
    plan: Plan | None  # None when the plan files are too broken to compute anything
    files_checked: int = 0
    files: list[str] = field(default_factory=list)  # repo-relative paths of the files read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
