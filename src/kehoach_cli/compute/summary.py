"""The six-month and annual reviews: the quarters a report covers side by side, and the
state at the end of the period.

A figure is never summed or carried across quarters here: each quarter's value is the one
``compute_quarter`` gives (year-to-date for ``luy_ke`` targets, the quarter's own figure
otherwise), and the period's figure is its last quarter's (quarter II for the six months,
quarter IV for the year), exactly as that quarter's report shows it. A task's state is the
last one its lead unit reported within the period, judged against the period's end.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..load.plan import Plan
from ..vocab.periods import Period, ReportPeriod, quarter_end
from .attainment import (
    QuarterAttainment,
    TargetAttainment,
    TaskAttainment,
    UnitNotes,
    compute_quarter,
)


@dataclass(frozen=True, slots=True)
class TargetOverPeriod:
    """One target in every quarter the report covers (``quarters[-1]`` is the period's
    figure)."""

    quarters: tuple[TargetAttainment, ...]

    @property
    def last(self) -> TargetAttainment:
        return self.quarters[-1]


@dataclass(frozen=True, slots=True)
class SummaryAttainment:
    period: ReportPeriod
    quarters: tuple[QuarterAttainment, ...]  # every quarter covered, in order
    # The last quarter, its tasks as of the period's end and the notes of every quarter:
    # what the quarterly report's machinery (its table, chart, wording) reads.
    end: QuarterAttainment
    targets: dict[str, TargetOverPeriod]  # by target id

    @property
    def without_data(self) -> tuple[QuarterAttainment, ...]:
        """The quarters covered that nobody has reported on."""
        return tuple(q for q in self.quarters if not q.has_data)


def task_over_period(
    task_ma: str, quarters: tuple[QuarterAttainment, ...], end: Period
) -> TaskAttainment:
    """The task as its lead unit last reported it within the period (done in quarter I is
    done at the half year's end), overdue when due before the period's last day and not
    done; without any status in the period it is ``chua_bao_cao``."""
    found = [next(t for t in q.tasks if t.task.ma == task_ma) for q in quarters]
    reported = [t for t in found if t.reported is not None]
    if not reported:
        return found[-1]
    latest = reported[-1]
    last_day = quarter_end(end.year, end.quarter)
    overdue = latest.deadline < last_day and latest.reported != "hoan_thanh"
    state = "qua_han" if overdue else latest.reported
    return dataclasses.replace(
        latest, state=state, overdue=overdue,  # type: ignore[arg-type]
        due_soon=found[-1].due_soon and latest.reported != "hoan_thanh",
    )


def _notes(quarters: tuple[QuarterAttainment, ...]) -> tuple[UnitNotes, ...]:
    """Each unit's difficulties and proposals over the quarters, each text once, in the
    order the units first wrote them."""
    by_unit: dict[str, tuple[list[str], list[str]]] = {}
    for q in quarters:
        for n in q.notes:
            kho_khan, kien_nghi = by_unit.setdefault(n.unit, ([], []))
            kho_khan.extend(x for x in n.kho_khan if x not in kho_khan)
            kien_nghi.extend(x for x in n.kien_nghi if x not in kien_nghi)
    return tuple(UnitNotes(u, tuple(k), tuple(v)) for u, (k, v) in by_unit.items())


def compute_summary(plan: Plan, period: ReportPeriod) -> SummaryAttainment:
    quarters = tuple(compute_quarter(plan, p) for p in period.quarters)
    last = quarters[-1]
    tasks = tuple(task_over_period(t.task.ma, quarters, period.last) for t in last.tasks)
    end = dataclasses.replace(last, tasks=tasks, notes=_notes(quarters))
    targets = {
        t.target.ma: TargetOverPeriod(tuple(q.targets[i] for q in quarters))
        for i, t in enumerate(last.targets)
    }
    return SummaryAttainment(period, quarters, end, targets)


__all__ = ["SummaryAttainment", "TargetOverPeriod", "compute_summary", "task_over_period"]
