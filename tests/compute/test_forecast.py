"""compute/forecast.py: the early-warning levels and figures, exactly, and their properties;
then the forecast as the attainment engine builds it from a real plan repo."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.scenarios.attainment import MakePlan, result, target, task

from kehoach_cli.compute.attainment import attention, compute_quarter
from kehoach_cli.compute.forecast import Forecast, Level, project
from kehoach_cli.vocab.periods import Period

HUNDRED = F(100)


@pytest.mark.parametrize(
    ("points", "quarter", "goal", "comparison", "options", "expected"),
    [
        # 40 → 50 is +10 a quarter; 80 - 50 = 30 over 2 quarters needs +15: 10/15 = 67%.
        ([(1, F(40)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("can_tang_toc", F(70), F(15), F(10))),
        # +15 a quarter, 15 needed: on track exactly at 100% of the required pace.
        ([(1, F(35)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("dung_tien_do", F(80), F(15), F(15))),
        # 95% of the required pace is still on track; just below is not.
        ([(1, F(50) - F(57, 4)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("dung_tien_do", F(50) + 2 * F(57, 4), F(15), F(57, 4))),
        ([(1, F(50) - F(1419, 100)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("can_tang_toc", F(50) + 2 * F(1419, 100), F(15), F(1419, 100))),
        # 60% is the lower edge of "needs acceleration"; below it, at risk.
        ([(1, F(41)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("can_tang_toc", F(68), F(15), F(9))),
        ([(1, F(4101, 100)), (2, F(50))], 2, F(80), ">=", {},
         Forecast("nguy_co", F(50) + 2 * F(899, 100), F(15), F(899, 100))),
        # Moving away from the goal is at risk; so is standing still.
        ([(1, F(55)), (2, F(50))], 2, F(80), ">=", {}, Forecast("nguy_co", F(40), F(15), F(-5))),
        ([(1, F(50)), (2, F(50))], 2, F(80), ">=", {}, Forecast("nguy_co", F(50), F(15), F(0))),
        # Already met, whatever the history (even falling); no catching up needed.
        ([(1, F(95)), (2, F(90))], 2, F(80), ">=", {}, Forecast("da_dat", F(80), None, F(-5))),
        ([(2, F(90))], 2, F(80), ">=", {}, Forecast("da_dat", None, None, None)),
        # One point and not met: not enough data, but the need is known.
        ([(2, F(50))], 2, F(80), ">=", {}, Forecast("chua_du_so_lieu", None, F(15), None)),
        # The start-of-year value is the point of quarter 0: one quarter is then enough.
        ([(0, F(20)), (1, F(35))], 1, F(80), ">=", {},
         Forecast("dung_tien_do", F(80), F(15), F(15))),
        # A zero baseline is a real point.
        ([(0, F(0)), (1, F(10))], 1, F(80), ">=", {},
         Forecast("nguy_co", F(40), F(70, 3), F(10))),
        # No figure this quarter: nothing to project from, even with earlier figures.
        ([(1, F(40))], 2, F(80), ">=", {}, Forecast("chua_du_so_lieu", None, None, None)),
        ([], 1, F(80), ">=", {}, Forecast("chua_du_so_lieu", None, None, None)),
        # A ceiling: falling 5 a quarter from 30 to 20, 20 - 10 = 10 over 2 quarters needs -5.
        ([(1, F(25)), (2, F(20))], 2, F(10), "<=", {},
         Forecast("dung_tien_do", F(10), F(-5), F(-5))),
        ([(1, F(22)), (2, F(20))], 2, F(10), "<=", {},
         Forecast("nguy_co", F(16), F(-5), F(-2))),
        ([(1, F(20)), (2, F(25))], 2, F(10), "<=", {},
         Forecast("nguy_co", F(35), F(-15, 2), F(5))),
        ([(1, F(12)), (2, F(8))], 2, F(10), "<=", {}, Forecast("da_dat", F(0), None, F(-4))),
        # The projection stays within the unit's bounds; the level uses the real pace.
        ([(1, F(60)), (2, F(90))], 2, F(95), ">=", {"high": HUNDRED, "low": F(0)},
         Forecast("dung_tien_do", HUNDRED, F(5, 2), F(30))),
        ([(1, F(30)), (2, F(10))], 2, F(5), "<=", {"low": F(0)},
         Forecast("dung_tien_do", F(0), F(-5, 2), F(-20))),
        # A year-to-date sum (luy_ke) projects its average per quarter: 30 in 2 quarters is
        # 15 a quarter, 60 at year end; 100 needs 35 more a quarter: 15/35 = 43%, at risk.
        ([(1, F(10)), (2, F(30))], 2, F(100), ">=", {"cumulative": True},
         Forecast("nguy_co", F(60), F(35), F(15))),
        # One quarter is enough for a sum: the year starts at 0.
        ([(1, F(30))], 1, F(100), ">=", {"cumulative": True},
         Forecast("dung_tien_do", F(120), F(70, 3), F(30))),
        ([(1, F(10)), (2, F(120))], 2, F(100), ">=", {"cumulative": True},
         Forecast("da_dat", F(240), None, F(60))),
        # A ceiling on a sum is judged by its pace until the year is over: 4 cases in 2
        # quarters is 2 a quarter; 6 allowed for the year leaves 1 a quarter: 50%, at risk.
        ([(1, F(2)), (2, F(4))], 2, F(6), "<=", {"cumulative": True},
         Forecast("nguy_co", F(8), F(1), F(2))),
        ([(1, F(1)), (2, F(2))], 2, F(6), "<=", {"cumulative": True},
         Forecast("dung_tien_do", F(4), F(2), F(1))),
        ([(1, F(0)), (2, F(0))], 2, F(6), "<=", {"cumulative": True},
         Forecast("dung_tien_do", F(0), F(3), F(0))),
        ([(1, F(3)), (2, F(7))], 2, F(6), "<=", {"cumulative": True},
         Forecast("nguy_co", F(14), F(-1, 2), F(7, 2))),
    ],
)
def test_levels_and_figures(
    points: list[tuple[int, F]], quarter: int, goal: F, comparison: str,
    options: dict[str, object], expected: Forecast,
) -> None:
    assert project(points, quarter, goal, comparison, **options) == expected  # type: ignore[arg-type]


def test_quarter_four_has_no_forecast() -> None:
    assert project([(3, F(50)), (4, F(60))], 4, F(80), ">=") is None


RANK: dict[Level, int] = {"nguy_co": 0, "can_tang_toc": 1, "dung_tien_do": 2, "da_dat": 3}
values = st.fractions(min_value=-1000, max_value=1000, max_denominator=100)


def level(points: list[tuple[int, F]], quarter: int, goal: F, comparison: str,
          cumulative: bool = False) -> Level:
    found = project(points, quarter, goal, comparison, cumulative=cumulative)
    assert found is not None
    return found.level


@given(st.lists(values, min_size=2, max_size=3), values, st.sampled_from([">=", "<="]),
       st.fractions(min_value=0, max_value=100, max_denominator=10))
def test_a_better_latest_value_never_lowers_the_level(
    history: list[F], goal: F, comparison: str, better_by: F
) -> None:
    quarter = len(history)
    points = list(enumerate(history, start=1))
    better = history[-1] + (better_by if comparison == ">=" else -better_by)
    improved = [*points[:-1], (quarter, better)]
    assert RANK[level(improved, quarter, goal, comparison)] >= RANK[
        level(points, quarter, goal, comparison)]


@given(st.lists(values, min_size=1, max_size=3), values, st.sampled_from([">=", "<="]))
def test_a_target_already_met_is_da_dat_whatever_its_history(
    history: list[F], goal: F, comparison: str
) -> None:
    met = goal + abs(history[-1]) if comparison == ">=" else goal - abs(history[-1])
    points = [*enumerate(history[:-1], start=1), (len(history), met)]
    assert level(points, len(history), goal, comparison) == "da_dat"


@given(st.lists(values, min_size=1, max_size=4), values, st.integers(1, 3))
def test_an_at_most_target_mirrors_the_at_least_one(
    history: list[F], goal: F, quarter: int
) -> None:
    points = [(quarter - len(history) + 1 + i, v) for i, v in enumerate(history)]
    points = [(q, v) for q, v in points if q >= 0]
    mirrored = [(q, -v) for q, v in points]
    at_least = project(points, quarter, goal, ">=")
    at_most = project(mirrored, quarter, -goal, "<=")
    assert at_least is not None and at_most is not None
    assert at_most.level == at_least.level
    assert at_most.year_end == (None if at_least.year_end is None else -at_least.year_end)
    assert at_most.needed == (None if at_least.needed is None else -at_least.needed)


@given(st.lists(st.fractions(min_value=0, max_value=500, max_denominator=10), min_size=1,
                max_size=3), st.fractions(min_value=1, max_value=1000, max_denominator=10),
       st.fractions(min_value=0, max_value=100, max_denominator=10))
def test_a_larger_year_to_date_sum_never_lowers_the_level(
    additions: list[F], goal: F, more: F
) -> None:
    totals = [sum(additions[: i + 1], F(0)) for i in range(len(additions))]
    quarter = len(totals)
    points = list(enumerate(totals, start=1))
    improved = [*points[:-1], (quarter, totals[-1] + more)]
    assert RANK[level(improved, quarter, goal, ">=", True)] >= RANK[
        level(points, quarter, goal, ">=", True)]


# ---------------------------------------------------------------- from a plan repo


def test_the_engine_projects_each_kind_of_target(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[
            target("tl", "ty_le", 90),
            target("gt", "gia_tri", 80, gia_tri_dau_nam=20),
            target("lk", "tong", 100, don_vi_tinh="hồ sơ", luy_ke=True),
            target("tr", "tong", 5, don_vi_tinh="vụ", so_sanh="<="),
        ],
        results=[
            result("vp", 1, chi_tieu={"tl": {"tu_so": 40, "mau_so": 100}, "gt": {"gia_tri": 35},
                                      "lk": {"gia_tri": 10}, "tr": {"gia_tri": 9}}),
            result("vp", 2, chi_tieu={"tl": {"tu_so": 60, "mau_so": 100}, "gt": {"gia_tri": 50},
                                      "lk": {"gia_tri": 20}, "tr": {"gia_tri": 7}}),
        ],
    )
    found = {t.target.ma: t.forecast for t in compute_quarter(plan, Period(2026, 2)).targets}
    assert found == {
        # 40% → 60%: +20 a quarter; 30 points to go in 2 quarters: +15 needed.
        "tl": Forecast("dung_tien_do", HUNDRED, F(15), F(20)),
        # From 20 at the start of the year to 50: +15 a quarter; 80 needs +15.
        "gt": Forecast("dung_tien_do", F(80), F(15), F(15)),
        # 10 + 20 = 30 in two quarters; 100 needs 35 a quarter.
        "lk": Forecast("nguy_co", F(60), F(35), F(15)),
        # 9 → 7 cases a quarter, at most 5: -2 a quarter, -1 needed.
        "tr": Forecast("dung_tien_do", F(3), F(-1), F(-2)),
    }
    q1 = {t.target.ma: t.forecast for t in compute_quarter(plan, Period(2026, 1)).targets}
    assert q1["tl"] == Forecast("chua_du_so_lieu", None, F(50, 3), None)
    # One quarter of data is enough with the start-of-year value: 20 → 35.
    assert q1["gt"] == Forecast("dung_tien_do", F(80), F(15), F(15))
    assert all(t.forecast is None for t in compute_quarter(plan, Period(2026, 4)).targets)


def test_tasks_due_within_the_next_quarter(make_plan: MakePlan) -> None:
    plan = make_plan(
        tasks=[task("a", han=dt.date(2026, 9, 30)), task("b", han=dt.date(2026, 7, 1)),
               task("c", han=dt.date(2026, 10, 1)), task("d", han=dt.date(2026, 8, 1)),
               task("e", han=dt.date(2026, 6, 30))],
        results=[result("vp", 2, nhiem_vu={"a": "dang_thuc_hien", "b": "chua_thuc_hien",
                                           "c": "dang_thuc_hien", "d": "hoan_thanh",
                                           "e": "dang_thuc_hien"})],
    )
    soon = {t.task.ma: t.due_soon for t in compute_quarter(plan, Period(2026, 2)).tasks}
    assert soon == {"a": True, "b": True, "c": False, "d": False, "e": False}


def test_the_worked_example_of_the_method_page() -> None:
    """docs/canh-bao-som.md: 20% at the start of the year, 30% in Q1, 44% in Q2, ≥ 80%."""
    points = [(0, F(20)), (1, F(30)), (2, F(44))]
    assert project(points, 2, F(80), ">=", low=F(0), high=HUNDRED) == Forecast(
        "can_tang_toc", F(68), F(18), F(12))
    stalled = [(0, F(20)), (1, F(30)), (2, F(30))]
    found = project(stalled, 2, F(80), ">=", low=F(0), high=HUNDRED)
    assert found is not None and found.level == "nguy_co" and found.pace == 5


def test_attention_keeps_what_a_meeting_must_look_at(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[
            target("cham", "gia_tri", 80, gia_tri_dau_nam=40),  # 40 → 45: at risk
            target("nhanh", "gia_tri", 80, gia_tri_dau_nam=40),  # 40 → 60: on track
            target("dat", "gia_tri", 80),  # 90: met
            target("vua", "gia_tri", 80, gia_tri_dau_nam=40),  # 40 → 47: needs acceleration
        ],
        tasks=[task("tre", han=dt.date(2026, 5, 1)), task("sap", han=dt.date(2026, 8, 1)),
               task("xa", han=dt.date(2026, 12, 1)), task("im", "ca")],
        results=[
            result("vp", 1, chi_tieu={"cham": {"gia_tri": 45}, "nhanh": {"gia_tri": 60},
                                      "dat": {"gia_tri": 90}, "vua": {"gia_tri": 47}},
                   nhiem_vu={"tre": "dang_thuc_hien", "sap": "dang_thuc_hien",
                             "xa": "dang_thuc_hien"}),
            result("ca", 1, dt.date(2026, 3, 25)),
            result("vp", 2, nhiem_vu={"tre": "dang_thuc_hien", "sap": "dang_thuc_hien",
                                      "xa": "dang_thuc_hien"}),
        ],
    )
    q = compute_quarter(plan, Period(2026, 1))
    found = attention(q)
    assert [t.target.ma for t in found.targets] == ["cham", "vua"]
    assert [(t.forecast.level if t.forecast else None) for t in found.targets] == [
        "nguy_co", "can_tang_toc"]
    assert [t.task.ma for t in found.tasks] == ["tre", "im"]
    assert [(s.unit, s.state) for s in found.submissions] == [("ca", "tre_han"),
                                                              ("kt", "chua_nop")]
    q2 = compute_quarter(plan, Period(2026, 2))
    # Quarter II: "tre" overdue, "sap" due in quarter III, "xa" far off, "im" unreported.
    assert [t.task.ma for t in attention(q2).tasks] == ["tre", "sap", "im"]
    # In quarter IV there is no forecast: the targets not attained are the ones to look at.
    q4 = compute_quarter(plan, Period(2026, 4))
    assert [t.target.ma for t in attention(q4).targets] == []
