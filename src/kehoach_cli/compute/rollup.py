"""The roll-up of many plan repos: each member's contribution to each target, and the
combination of those contributions — exact fractions, as for one commune.

Every contribution is a pair (numerator, denominator) that adds up across members and
across levels (commune → district → province → nation):

- ``ty_le``: Σ tu_so and Σ mau_so; the value is 100 × Σ tu_so / Σ mau_so (never the mean
  of the communes' percentages);
- ``tong``: the value and 1; the combined value is the sum of the numerators;
- ``gia_tri`` with ``trung_binh``: the value and 1 (the mean over communes);
- ``gia_tri`` with ``trung_binh_co_trong_so``: value × weight and the weight (the commune's
  value of the weight target).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from ..load.tong_hop import RollupTarget
from ..vocab.numbers import exact
from .attainment import TargetState, attainment_ratio, satisfies

MemberStatus = Literal["hop_le", "co_loi", "khong_doc_duoc"]
FURTHEST = 5  # how many members furthest from the goal are named


@dataclass(frozen=True, slots=True)
class Part:
    """One member's contribution to one target."""

    num: Fraction
    den: Fraction


@dataclass(slots=True)
class MemberSummary:
    """What one member (a commune, or a lower roll-up) gives the level above: small and
    plain, so that a worker process returns it instead of the loaded repo."""

    ma: str
    ten: str
    kho: str
    kind: Literal["xa", "tong_hop"] = "xa"
    commit: str | None = None
    status: MemberStatus = "hop_le"
    errors: int = 0
    messages: list[str] = field(default_factory=list)  # problems to print, PATH:LINE:COL
    expected: int = 0  # submissions expected (units reporting every quarter)
    received: int = 0
    on_time: int = 0
    parts: dict[str, Part] = field(default_factory=dict)  # roll-up target id -> part
    defines: set[str] = field(default_factory=set)  # roll-up targets the member has
    mismatched: set[str] = field(default_factory=set)  # targets defined otherwise
    members_with_errors: int = 0  # a lower roll-up: its members left out

    @property
    def counts(self) -> bool:
        return self.status == "hop_le"


def part_value(method: str, part: Part) -> Fraction | None:
    if method == "ty_le":
        return 100 * part.num / part.den if part.den else None
    if method == "tong":
        return part.num
    return part.num / part.den if part.den else None


def member_value(target: RollupTarget, member: MemberSummary) -> Fraction | None:
    part = member.parts.get(target.ma) if member.counts else None
    return part_value(target.cach_tinh, part) if part is not None else None


@dataclass(frozen=True, slots=True)
class Standing:
    member: str
    value: Fraction
    ratio: Fraction


@dataclass(frozen=True, slots=True)
class CombinedTarget:
    target: RollupTarget
    goal: Fraction
    num: Fraction | None
    den: Fraction | None
    value: Fraction | None
    ratio: Fraction | None
    state: TargetState
    reported: tuple[str, ...]
    reached: tuple[str, ...]
    missing: tuple[str, ...]  # sound members without a figure
    excluded: tuple[str, ...]  # members left out: errors in their repo, or mismatched
    furthest: tuple[Standing, ...]


def combine_target(target: RollupTarget, members: list[MemberSummary]) -> CombinedTarget:
    """``members`` in the order of their ``ma`` (combine sorts them once for every target)."""
    goal = exact(target.muc_tieu)
    num = den = Fraction(0)
    reported: list[str] = []
    reached: list[str] = []
    missing: list[str] = []
    excluded: list[str] = []
    standings: list[Standing] = []
    for m in members:
        if not m.counts or target.ma in m.mismatched:
            excluded.append(m.ma)
            continue
        part = m.parts.get(target.ma)
        value = part_value(target.cach_tinh, part) if part is not None else None
        if part is None or value is None:
            missing.append(m.ma)
            continue
        num += part.num
        den += part.den
        reported.append(m.ma)
        if satisfies(value, target.so_sanh, goal):
            reached.append(m.ma)
        if goal or target.so_sanh == "<=":
            standings.append(Standing(m.ma, value, attainment_ratio(value, target.so_sanh, goal)))
    total = part_value(target.cach_tinh, Part(num, den)) if reported else None
    if total is None:
        state: TargetState = "chua_co_so_lieu"
        ratio = None
    else:
        state = "dat" if satisfies(total, target.so_sanh, goal) else "chua_dat"
        ratio = (attainment_ratio(total, target.so_sanh, goal)
                 if goal or target.so_sanh == "<=" else None)
    furthest = tuple(heapq.nsmallest(
        FURTHEST,
        (s for s in standings if not satisfies(s.value, target.so_sanh, goal)),
        key=lambda s: (s.ratio, s.member),
    ))
    return CombinedTarget(
        target, goal, num if reported else None, den if reported else None, total, ratio,
        state, tuple(reported), tuple(reached), tuple(missing), tuple(excluded), furthest,
    )


@dataclass(frozen=True, slots=True)
class Rollup:
    """A level's roll-up for one quarter."""

    ten: str
    quarter: str  # "2026-Q2"
    targets: tuple[CombinedTarget, ...]
    members: tuple[MemberSummary, ...]

    @property
    def expected(self) -> int:
        return sum(m.expected for m in self.members if m.counts)

    @property
    def received(self) -> int:
        return sum(m.received for m in self.members if m.counts)

    @property
    def on_time(self) -> int:
        return sum(m.on_time for m in self.members if m.counts)

    @property
    def with_errors(self) -> tuple[MemberSummary, ...]:
        return tuple(m for m in self.members if not m.counts)


def rate(part: int, whole: int) -> Fraction | None:
    """A reporting rate as DHIS2 gives it: percent of the expected submissions."""
    return Fraction(100 * part, whole) if whole else None


def combine(ten: str, quarter: str, targets: list[RollupTarget],
            members: list[MemberSummary]) -> Rollup:
    """Members stay in the order of tong-hop.yaml; no figure depends on that order."""
    ordered = sorted(members, key=lambda m: m.ma)
    return Rollup(ten, quarter, tuple(combine_target(t, ordered) for t in targets),
                  tuple(members))
