"""What every rule across files reads: the loaded repo and the facts drawn from it once.

The facts keep one mistake to one message: an item whose references are wrong is
"shaky", and the rules that would rely on those references skip it (the reference's own
error says what to fix).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..load.lists import Listed
from ..load.loaded import LoadedRepo, LoadedResult
from ..load.models import PlanFile, ResultFile, Target, Task, Unit


@dataclass(slots=True)
class CheckContext:
    repo: LoadedRepo
    today: dt.date
    # Valid targets and tasks whose unit references are wrong.
    shaky_targets: set[str] = field(default_factory=set)
    shaky_tasks: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, repo: LoadedRepo, today: dt.date) -> CheckContext:
        ctx = cls(repo, today)
        units = repo.units
        if not units.loaded:
            return ctx
        for ma, (_, target) in repo.targets.items.items():
            if (
                not units.knows(target.chu_tri)
                or any(not units.knows(u) for u in target.don_vi_bao_cao or [])
                or (target.don_vi_bao_cao is not None and not target.don_vi_bao_cao)
            ):
                ctx.shaky_targets.add(ma)
        for ma, (_, task) in repo.tasks.items.items():
            if not units.knows(task.chu_tri) or any(not units.knows(u) for u in task.phoi_hop):
                ctx.shaky_tasks.add(ma)
        return ctx

    @property
    def plan(self) -> PlanFile | None:
        return self.repo.plan

    @property
    def units(self) -> Listed[Unit]:
        return self.repo.units

    @property
    def targets(self) -> Listed[Target]:
        return self.repo.targets

    @property
    def tasks(self) -> Listed[Task]:
        return self.repo.tasks

    def results(self) -> Iterator[tuple[LoadedResult, ResultFile, PlanFile]]:
        """The result files the rules across files read (their valid or salvaged part),
        once the plan file and the units are readable; nothing before that."""
        plan = self.repo.plan
        if plan is None or not self.repo.units.loaded:
            return
        for loaded in self.repo.results:
            readable = loaded.readable
            if readable is not None:
                yield loaded, readable, plan

    def judged_target(self, unit_dir: str, ma: str) -> Target | None:
        """The target whose figures a result file's entry ``ma`` is judged against: None
        when ``ma`` names no valid target, or names one the unit may not report."""
        if ma not in self.targets.items:
            return None
        _, target = self.targets.items[ma]
        if self.unit_may_not_report(unit_dir, target):
            return None
        return target

    def unit_may_not_report(self, unit_dir: str, target: Target) -> bool:
        """The unit is known, the target sound, and the unit is not one of its reporters."""
        return (
            self.units.knows(unit_dir)
            and target.ma not in self.shaky_targets
            and unit_dir not in target.reporters
        )
