"""Attainment: each target's value and status, each task's status, each unit's
submission, for one quarter — exact arithmetic with fractions, rounded only when shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..load.models import Quarter, ResultFile, Target, TargetResult, Task
from ..load.plan import Plan
from ..vocab.numbers import exact
from ..vocab.periods import Period, deadline, quarter_end
from .forecast import Forecast, project

TargetState = Literal["dat", "chua_dat", "chua_co_so_lieu"]
TaskStatusName = Literal[
    "hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "qua_han", "chua_bao_cao"
]
Submission = Literal["dung_han", "tre_han", "chua_nop"]
Progress = Literal["dung_tien_do", "cham_tien_do"]

TARGET_STATES: tuple[TargetState, ...] = ("dat", "chua_dat", "chua_co_so_lieu")
TASK_STATES: tuple[TaskStatusName, ...] = (
    "hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "qua_han", "chua_bao_cao"
)


@dataclass(frozen=True, slots=True)
class UnitFigure:
    """What one unit reported for a target in the quarter."""

    unit: str
    tu_so: int | None
    mau_so: int | None
    gia_tri: Fraction | None
    ghi_chu: str | None


@dataclass(frozen=True, slots=True)
class TargetAttainment:
    target: Target
    goal: Fraction  # the annual goal (muc_tieu), exactly
    value: Fraction | None
    ty_le_dat: Fraction | None
    state: TargetState
    missing_units: tuple[str, ...]
    figures: tuple[UnitFigure, ...]
    tu_so: int | None  # sums, for ty_le targets
    mau_so: int | None
    # The previous quarter's value (None in Q1 or without data); for luy_ke targets the
    # year-to-date sum up to the previous quarter, so that ``change`` is this quarter's part.
    previous: Fraction | None
    milestone: Fraction | None  # the roadmap value for this quarter, if any
    progress: Progress | None
    forecast: Forecast | None  # the year-end forecast (None in quarter 4)

    @property
    def change(self) -> Fraction | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def projected_ratio(self) -> Fraction | None:
        """The percent of the goal the projected year-end value would attain."""
        if self.forecast is None or self.forecast.year_end is None:
            return None
        return attainment_ratio(self.forecast.year_end, self.target.so_sanh, self.goal)


@dataclass(frozen=True, slots=True)
class TaskReport:
    unit: str
    state: str
    ket_qua: str | None


@dataclass(frozen=True, slots=True)
class TaskAttainment:
    task: Task
    state: TaskStatusName
    reported: str | None  # what the lead unit reported, if anything
    overdue: bool  # deadline before the quarter's end and not done
    deadline: dt.date
    due_soon: bool  # not done and due within the next quarter
    lead: TaskReport | None
    support: tuple[TaskReport, ...]


@dataclass(frozen=True, slots=True)
class UnitSubmission:
    unit: str
    required: bool
    state: Submission
    sent: dt.date | None
    days_late: int
    reporter: str | None


@dataclass(frozen=True, slots=True)
class UnitNotes:
    unit: str
    kho_khan: tuple[str, ...]
    kien_nghi: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuarterAttainment:
    period: Period
    deadline: dt.date
    targets: tuple[TargetAttainment, ...]
    tasks: tuple[TaskAttainment, ...]
    submissions: tuple[UnitSubmission, ...]
    notes: tuple[UnitNotes, ...]

    @property
    def has_data(self) -> bool:
        return any(s.state != "chua_nop" for s in self.submissions) or any(
            t.state != "chua_co_so_lieu" for t in self.targets
        )

    def count_targets(self, state: TargetState) -> int:
        return sum(1 for t in self.targets if t.state == state)

    def count_tasks(self, state: TaskStatusName) -> int:
        return sum(1 for t in self.tasks if t.state == state)


def _figures(target: Target, files: dict[str, ResultFile]) -> list[UnitFigure]:
    out: list[UnitFigure] = []
    for unit in target.reporters:
        result = files.get(unit)
        entry: TargetResult | None = (result.chi_tieu or {}).get(target.ma) if result else None
        if entry is None:
            continue
        if target.cach_tinh == "ty_le":
            if entry.tu_so is None or entry.mau_so is None:
                continue
        elif entry.gia_tri is None:
            continue
        out.append(
            UnitFigure(
                unit,
                entry.tu_so,
                entry.mau_so,
                exact(entry.gia_tri) if entry.gia_tri is not None else None,
                entry.ghi_chu,
            )
        )
    return out


def target_value(plan: Plan, target: Target, period: Period) -> Fraction | None:
    """The target's value in ``period`` as the contract computes it, or None without data.

    ``luy_ke`` (year-to-date ``tong``) when quarter n itself has no figure but earlier
    quarters do: the value is None and the state ``chua_co_so_lieu``. The contract gives
    that state whenever no reporting unit submitted for quarter n, and a result file never
    carries a value forward; showing the sum of quarters 1..n-1 as quarter n's figure
    would present old numbers as new ones. When quarter n has at least one figure, the
    sum runs over every figure of quarters 1..n, including those of units that are
    missing in quarter n (their earlier figures are real, not carried forward).
    """
    files = plan.results.get(period, {})
    figures = _figures(target, files)
    if not figures:
        return None
    if target.cach_tinh == "ty_le":
        tu = sum(f.tu_so or 0 for f in figures)
        mau = sum(f.mau_so or 0 for f in figures)
        return Fraction(100 * tu, mau) if mau else None
    values = [f.gia_tri for f in figures if f.gia_tri is not None]
    if target.cach_tinh == "gia_tri":
        return sum(values, Fraction(0)) / len(values)
    if target.luy_ke:
        total = Fraction(0)
        for quarter in range(1, period.quarter + 1):
            earlier = plan.results.get(Period(period.year, quarter), {})
            total += sum(
                (f.gia_tri for f in _figures(target, earlier) if f.gia_tri is not None),
                Fraction(0),
            )
        return total
    return sum(values, Fraction(0))


def satisfies(value: Fraction, comparison: str, goal: Fraction) -> bool:
    return value >= goal if comparison == ">=" else value <= goal


def attainment_ratio(value: Fraction, comparison: str, goal: Fraction) -> Fraction:
    """Percent of the goal attained: uncapped for >=; for <=, 100 when the value is 0."""
    if comparison == ">=":
        return 100 * value / goal
    if value == 0:
        return Fraction(100)
    return 100 * goal / value


def milestone(target: Target, quarter: int) -> Fraction | None:
    """The roadmap value for ``quarter``: ``lo_trinh.Q<n>``; in Q4 ``muc_tieu`` unless the
    roadmap names Q4 itself. None without a roadmap or without a milestone that quarter."""
    if target.lo_trinh is None:
        return None
    keys: tuple[Quarter, ...] = ("Q1", "Q2", "Q3", "Q4")
    step = target.lo_trinh.get(keys[quarter - 1])
    if step is not None:
        return exact(step)
    return exact(target.muc_tieu) if quarter == 4 else None


def target_forecast(plan: Plan, target: Target, period: Period) -> Forecast | None:
    """The year-end forecast from the quarters of ``period``'s year up to it."""
    points = [(0, exact(target.gia_tri_dau_nam))] if target.gia_tri_dau_nam is not None else []
    for quarter in range(1, period.quarter + 1):
        value = target_value(plan, target, Period(period.year, quarter))
        if value is not None:
            points.append((quarter, value))
    percent = target.cach_tinh == "ty_le" or target.don_vi_tinh.startswith("%")
    return project(
        points, period.quarter, exact(target.muc_tieu), target.so_sanh,
        cumulative=target.luy_ke,
        low=Fraction(0) if percent or target.cach_tinh == "tong" else None,
        high=Fraction(100) if percent else None,
    )


def compute_target(plan: Plan, target: Target, period: Period) -> TargetAttainment:
    files = plan.results.get(period, {})
    figures = _figures(target, files)
    value = target_value(plan, target, period)
    goal = exact(target.muc_tieu)
    reported = {f.unit for f in figures}
    missing = tuple(u for u in target.reporters if u not in reported)
    previous = (
        target_value(plan, target, Period(period.year, period.quarter - 1))
        if period.quarter > 1
        else None
    )
    step = milestone(target, period.quarter)
    if value is None:
        state: TargetState = "chua_co_so_lieu"
        ratio = None
        progress: Progress | None = None
    else:
        state = "dat" if satisfies(value, target.so_sanh, goal) else "chua_dat"
        ratio = attainment_ratio(value, target.so_sanh, goal)
        progress = None
        if step is not None:
            progress = "dung_tien_do" if satisfies(value, target.so_sanh, step) else "cham_tien_do"
    tu = mau = None
    if target.cach_tinh == "ty_le" and figures:
        tu = sum(f.tu_so or 0 for f in figures)
        mau = sum(f.mau_so or 0 for f in figures)
    return TargetAttainment(
        target, goal, value, ratio, state, missing, tuple(figures), tu, mau, previous, step,
        progress, target_forecast(plan, target, period),
    )


def compute_task(plan: Plan, task: Task, period: Period) -> TaskAttainment:
    files = plan.results.get(period, {})
    due = task.han or dt.date(plan.plan.nam, 12, 31)
    end = quarter_end(period.year, period.quarter)

    def report_of(unit: str) -> TaskReport | None:
        result = files.get(unit)
        entry = (result.nhiem_vu or {}).get(task.ma) if result else None
        return TaskReport(unit, entry.trang_thai, entry.ket_qua) if entry else None

    lead = report_of(task.chu_tri)
    support = tuple(r for u in task.phoi_hop if (r := report_of(u)) is not None)
    reported = lead.state if lead else None
    # The contract names two states for one task that can both hold: past its deadline
    # (qua_han) and without a status from its lead unit (chua_bao_cao). chua_bao_cao wins,
    # since there is no status to judge; ``overdue`` keeps the other half of the truth.
    # A task due on the quarter's last day is not overdue in that quarter.
    overdue = due < end and reported != "hoan_thanh"
    following = quarter_end(period.year + period.quarter // 4, period.quarter % 4 + 1)
    due_soon = end < due <= following and reported != "hoan_thanh"
    state: TaskStatusName
    if reported is None:
        state = "chua_bao_cao"
    elif overdue:
        state = "qua_han"
    else:
        state = reported  # type: ignore[assignment]
    return TaskAttainment(task, state, reported, overdue, due, due_soon, lead, support)


def compute_submissions(plan: Plan, period: Period) -> tuple[UnitSubmission, ...]:
    files = plan.results.get(period, {})
    due = deadline(period.year, period.quarter, plan.plan.han_bao_cao.ngay)
    out: list[UnitSubmission] = []
    for unit in plan.units.values():
        result = files.get(unit.ma)
        if not unit.bao_cao_dinh_ky and result is None:
            continue
        if result is None:
            out.append(UnitSubmission(unit.ma, unit.bao_cao_dinh_ky, "chua_nop", None, 0, None))
            continue
        late = (result.ngay_gui - due).days
        out.append(
            UnitSubmission(
                unit.ma,
                unit.bao_cao_dinh_ky,
                "dung_han" if late <= 0 else "tre_han",
                result.ngay_gui,
                max(late, 0),
                result.nguoi_bao_cao,
            )
        )
    return tuple(out)


def compute_quarter(plan: Plan, period: Period) -> QuarterAttainment:
    files = plan.results.get(period, {})
    notes = tuple(
        UnitNotes(unit.ma, tuple(files[unit.ma].kho_khan), tuple(files[unit.ma].kien_nghi))
        for unit in plan.units.values()
        if unit.ma in files and (files[unit.ma].kho_khan or files[unit.ma].kien_nghi)
    )
    return QuarterAttainment(
        period,
        deadline(period.year, period.quarter, plan.plan.han_bao_cao.ngay),
        tuple(compute_target(plan, t, period) for t in plan.targets.values()),
        tuple(compute_task(plan, t, period) for t in plan.tasks.values()),
        compute_submissions(plan, period),
        notes,
    )


def needs_attention(t: TargetAttainment) -> bool:
    """Behind its roadmap milestone, at risk or needing acceleration (quarters 1-3), not
    attained (quarter 4)."""
    if t.progress == "cham_tien_do":
        return True
    if t.forecast is None:
        return t.state == "chua_dat"
    return t.forecast.level in ("nguy_co", "can_tang_toc")


def attention(q: QuarterAttainment) -> QuarterAttainment:
    """The quarter with only what a meeting must look at (``kehoach status --canh-bao``):
    the targets that need attention, the tasks overdue, unreported or due soon, and the
    units that sent late or not at all."""
    return dataclasses.replace(
        q,
        targets=tuple(t for t in q.targets if needs_attention(t)),
        tasks=tuple(t for t in q.tasks
                    if t.state in ("qua_han", "chua_bao_cao") or t.overdue or t.due_soon),
        submissions=tuple(s for s in q.submissions if s.state != "dung_han" and s.required),
    )
