"""The attainment engine: exact figures, states and timeliness, as the contract defines them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

import pytest
from tests.scenarios.attainment import MakePlan, result, target, task

from kehoach_cli.check.outcome import CheckOutcome
from kehoach_cli.compute.attainment import (
    TargetAttainment,
    TaskAttainment,
    UnitNotes,
    UnitSubmission,
    compute_quarter,
)
from kehoach_cli.vocab.numbers import exact
from kehoach_cli.vocab.periods import Period

Q1, Q2, Q3, Q4 = (Period(2026, n) for n in (1, 2, 3, 4))
D = dt.date


def one_target(make_plan: MakePlan, period: Period, **kwargs: object) -> TargetAttainment:
    (found,) = compute_quarter(make_plan(**kwargs), period).targets
    return found


def by_ma(make_plan: MakePlan, period: Period, **kwargs: object) -> dict[str, TaskAttainment]:
    return {t.task.ma: t for t in compute_quarter(make_plan(**kwargs), period).tasks}


# ---------------------------------------------------------------- exact()


@pytest.mark.parametrize(
    ("written", "expected"),
    [(17.5, Fraction(35, 2)), (0.1, Fraction(1, 10)), (3, Fraction(3)), (93.3, Fraction(933, 10))],
)
def test_exact_takes_a_figure_as_written(written: float, expected: Fraction) -> None:
    assert exact(written) == expected


# ---------------------------------------------------------------- cach_tinh


def test_ty_le_sums_numerators_and_denominators_across_units(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("cks", "ty_le", 90, reporters=["vp", "ca", "kt"])],
        results=[
            result("vp", 2, chi_tieu={"cks": {"tu_so": 10, "mau_so": 12}}),
            result("ca", 2, chi_tieu={"cks": {"tu_so": 18, "mau_so": 18}}),
        ],
    )
    # 100 × (10 + 18) / (12 + 18), not the mean of 83,3% and 100%.
    assert t.value == Fraction(280, 3)
    assert (t.tu_so, t.mau_so) == (28, 30)
    assert t.ty_le_dat == Fraction(2800, 27)
    assert t.state == "dat"
    assert t.missing_units == ("kt",)
    assert [(f.unit, f.tu_so, f.mau_so) for f in t.figures] == [("vp", 10, 12), ("ca", 18, 18)]


@pytest.mark.parametrize(
    ("goal", "state"),
    [(93.3, "dat"), (93.34, "chua_dat")],
)
def test_state_compares_exactly_before_rounding(
    make_plan: MakePlan, goal: float, state: str
) -> None:
    # 280/3 = 93,333...: shown "93,3" like both goals, but it does not reach 93,34.
    t = one_target(
        make_plan, Q2,
        targets=[target("cks", "ty_le", goal)],
        results=[result("vp", 2, chi_tieu={"cks": {"tu_so": 28, "mau_so": 30}})],
    )
    assert t.value == Fraction(280, 3)
    assert t.state == state


def test_a_value_that_rounds_to_the_goal_has_not_reached_it(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("cks", "ty_le", 100)],
        results=[result("vp", 2, chi_tieu={"cks": {"tu_so": 1999, "mau_so": 2000}})],
    )
    assert t.value == Fraction(1999, 20)  # 99,95, shown "100"
    assert t.state == "chua_dat"
    assert t.ty_le_dat == Fraction(1999, 20)


def test_gia_tri_is_the_exact_mean_of_the_reported_values(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("grdp", "gia_tri", 15, reporters=["vp", "ca"])],
        results=[
            result("vp", 2, chi_tieu={"grdp": {"gia_tri": 12.5}}),
            result("ca", 2, chi_tieu={"grdp": {"gia_tri": 13.1}}),
        ],
    )
    assert t.value == Fraction(64, 5)  # 12,8
    assert t.ty_le_dat == Fraction(256, 3)
    assert t.state == "chua_dat"
    assert (t.tu_so, t.mau_so) == (None, None)
    assert t.missing_units == ()


def test_gia_tri_mean_has_no_binary_rounding_error(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("grdp", "gia_tri", 0.15, reporters=["vp", "ca"])],
        results=[
            result("vp", 2, chi_tieu={"grdp": {"gia_tri": 0.1}}),
            result("ca", 2, chi_tieu={"grdp": {"gia_tri": 0.2}}),
        ],
    )
    assert t.value == Fraction(3, 20)  # (0.1 + 0.2) / 2 with floats is 0.15000000000000002
    assert t.state == "dat"
    assert t.ty_le_dat == 100


def test_tong_is_the_sum_of_the_reported_values(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("ho-so", "tong", 200, don_vi_tinh="hồ sơ", reporters=["vp", "ca"])],
        results=[
            result("vp", 2, chi_tieu={"ho-so": {"gia_tri": 120}}),
            result("ca", 2, chi_tieu={"ho-so": {"gia_tri": 35.5}}),
        ],
    )
    assert t.value == Fraction(311, 2)
    assert t.ty_le_dat == Fraction(311, 4)
    assert t.state == "chua_dat"


LUY_KE = [target("lop", "tong", 400, don_vi_tinh="lớp", reporters=["vp", "ca"], luy_ke=True)]
LUY_KE_RESULTS = [
    result("vp", 1, chi_tieu={"lop": {"gia_tri": 100}}),
    result("ca", 1, chi_tieu={"lop": {"gia_tri": 50}}),
    result("vp", 2, chi_tieu={"lop": {"gia_tri": 120}}),
    result("ca", 2, chi_tieu={"lop": {"gia_tri": 30}}),
]


def test_tong_luy_ke_sums_the_year_to_date(make_plan: MakePlan) -> None:
    plan = make_plan(targets=LUY_KE, results=LUY_KE_RESULTS)
    (first,) = compute_quarter(plan, Q1).targets
    (second,) = compute_quarter(plan, Q2).targets
    assert (first.value, first.previous, first.change) == (Fraction(150), None, None)
    assert second.value == 300
    assert second.previous == 150  # the year to date at the end of quarter I
    assert second.change == 150  # so the change is quarter II's own part
    assert second.ty_le_dat == 75
    assert second.state == "chua_dat"
    assert [(f.unit, f.gia_tri) for f in second.figures] == [
        ("vp", Fraction(120)), ("ca", Fraction(30))
    ]


def test_tong_luy_ke_keeps_the_earlier_figures_of_a_unit_missing_this_quarter(
    make_plan: MakePlan,
) -> None:
    t = one_target(make_plan, Q2, targets=LUY_KE, results=LUY_KE_RESULTS[:3])
    assert t.value == 270  # 100 + 50 in Q1, 120 in Q2
    assert t.missing_units == ("ca",)


def test_tong_luy_ke_without_figures_this_quarter_has_no_data(make_plan: MakePlan) -> None:
    # The decision documented in compute/attainment.py: no figure for quarter III means
    # chua_co_so_lieu, not the total of quarters I-II shown again as quarter III's.
    t = one_target(make_plan, Q3, targets=LUY_KE, results=LUY_KE_RESULTS)
    assert t.value is None
    assert t.state == "chua_co_so_lieu"
    assert t.ty_le_dat is None
    assert t.previous == 300
    assert t.change is None
    assert t.missing_units == ("vp", "ca")


def test_a_value_equal_to_the_goal_is_attained(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("grdp", "gia_tri", 15)],
        results=[result("vp", 2, chi_tieu={"grdp": {"gia_tri": 15}})],
    )
    assert (t.value, t.state, t.ty_le_dat) == (Fraction(15), "dat", Fraction(100))


def test_ty_le_dat_is_not_capped(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("ho-so", "tong", 100, don_vi_tinh="hồ sơ")],
        results=[result("vp", 2, chi_tieu={"ho-so": {"gia_tri": 110}})],
    )
    assert (t.value, t.state, t.ty_le_dat) == (Fraction(110), "dat", Fraction(110))


@pytest.mark.parametrize(
    ("goal", "value", "state", "ratio"),
    [
        (5, 0, "dat", Fraction(100)),  # 0 cases: 100, not a division by zero
        (5, 4, "dat", Fraction(125)),  # 100 × 5 / 4
        (5, 5, "dat", Fraction(100)),
        (5, 8, "chua_dat", Fraction(125, 2)),  # 100 × 5 / 8 = 62,5
        (0, 0, "dat", Fraction(100)),
        (0, 2, "chua_dat", Fraction(0)),
        (2.5, 3, "chua_dat", Fraction(250, 3)),
    ],
)
def test_at_most_targets(
    make_plan: MakePlan, goal: float, value: float, state: str, ratio: Fraction
) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("vu-viec", "tong", goal, so_sanh="<=", don_vi_tinh="vụ")],
        results=[result("vp", 2, chi_tieu={"vu-viec": {"gia_tri": value}})],
    )
    assert t.value == exact(value)
    assert (t.state, t.ty_le_dat) == (state, ratio)


# ---------------------------------------------------------------- missing units, no data


def test_units_that_did_not_submit_or_left_the_target_out_are_missing(
    make_plan: MakePlan,
) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("cks", "ty_le", 100, reporters=["vp", "ca", "kt"])],
        results=[
            result("vp", 2, chi_tieu={"cks": {"tu_so": 5, "mau_so": 5}}),
            result("ca", 2),  # submitted, without this target
        ],
    )
    assert t.value == 100
    assert t.missing_units == ("ca", "kt")
    assert [f.unit for f in t.figures] == ["vp"]


def test_a_quarter_without_figures_has_no_data(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[target("cks", "ty_le", 100, reporters=["vp", "ca"],
                        lo_trinh={"Q1": 20, "Q2": 50, "Q3": 75})],
        results=[result("vp", 1, chi_tieu={"cks": {"tu_so": 1, "mau_so": 4}})],
    )
    (t,) = compute_quarter(plan, Q2).targets
    assert t.value is None
    assert t.ty_le_dat is None
    assert t.state == "chua_co_so_lieu"
    assert t.missing_units == ("vp", "ca")
    assert t.figures == ()
    assert (t.tu_so, t.mau_so) == (None, None)
    assert t.previous == 25
    assert t.change is None
    assert t.milestone == 50
    assert t.progress is None


def test_a_figure_is_never_carried_forward(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[target("grdp", "gia_tri", 15, reporters=["vp", "ca"])],
        results=[
            result("vp", 1, chi_tieu={"grdp": {"gia_tri": 20}}),
            result("ca", 1, chi_tieu={"grdp": {"gia_tri": 10}}),
            result("ca", 2, chi_tieu={"grdp": {"gia_tri": 12}}),
        ],
    )
    (t,) = compute_quarter(plan, Q2).targets
    assert t.value == 12  # vp's 20 of quarter I does not count in quarter II
    assert t.missing_units == ("vp",)
    assert t.previous == 15


def test_an_invalid_result_file_is_left_out(make_outcome: Callable[..., CheckOutcome]) -> None:
    outcome = make_outcome(
        targets=[target("cks", "ty_le", 100, reporters=["vp", "ca"])],
        results=[
            result("vp", 2, chi_tieu={"cks": {"tu_so": 9, "mau_so": 10}}),
            result("ca", 2, chi_tieu={"cks": {"tu_so": 12, "mau_so": 10}}),  # tu_so > mau_so
        ],
    )
    assert [p.path for p in outcome.errors] == ["units/ca/2026-Q2.yaml"]
    assert outcome.plan is not None
    q = compute_quarter(outcome.plan, Q2)
    (t,) = q.targets
    assert t.value == 90
    assert t.missing_units == ("ca",)
    assert [(s.unit, s.state) for s in q.submissions][:2] == [
        ("vp", "dung_han"), ("ca", "chua_nop")
    ]


# ---------------------------------------------------------------- milestones, previous quarter


MILESTONES = {"Q1": 20, "Q2": 50, "Q3": 75}


@pytest.mark.parametrize(
    ("period", "value", "milestone", "progress", "state"),
    [
        (Q1, 20, 20, "dung_tien_do", "chua_dat"),
        (Q2, 50, 50, "dung_tien_do", "chua_dat"),
        (Q2, 49.9, 50, "cham_tien_do", "chua_dat"),
        (Q3, 80, 75, "dung_tien_do", "chua_dat"),
        (Q4, 90, 100, "cham_tien_do", "chua_dat"),  # the milestone of Q4 is muc_tieu
        (Q4, 100, 100, "dung_tien_do", "dat"),
    ],
)
def test_milestones(
    make_plan: MakePlan, period: Period, value: float, milestone: int, progress: str,
    state: str,
) -> None:
    t = one_target(
        make_plan, period,
        targets=[target("phu-song", "gia_tri", 100, lo_trinh=MILESTONES)],
        results=[result("vp", period.quarter, chi_tieu={"phu-song": {"gia_tri": value}})],
    )
    assert (t.milestone, t.progress, t.state) == (Fraction(milestone), progress, state)


def test_milestones_of_an_at_most_target(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("vu-viec", "tong", 5, so_sanh="<=", don_vi_tinh="vụ",
                        lo_trinh={"Q2": 10})],
        results=[result("vp", 2, chi_tieu={"vu-viec": {"gia_tri": 8}})],
    )
    assert (t.milestone, t.progress, t.state) == (Fraction(10), "dung_tien_do", "chua_dat")


def test_without_a_roadmap_there_is_no_milestone(make_plan: MakePlan) -> None:
    for period in (Q2, Q4):
        t = one_target(
            make_plan, period,
            targets=[target("grdp", "gia_tri", 15)],
            results=[result("vp", period.quarter, chi_tieu={"grdp": {"gia_tri": 9}})],
        )
        assert (t.milestone, t.progress) == (None, None)


def test_a_roadmap_without_this_quarter_has_no_milestone(make_plan: MakePlan) -> None:
    t = one_target(
        make_plan, Q2,
        targets=[target("grdp", "gia_tri", 15, lo_trinh={"Q3": 10})],
        results=[result("vp", 2, chi_tieu={"grdp": {"gia_tri": 9}})],
    )
    assert (t.milestone, t.progress) == (None, None)


def test_previous_quarter_and_change(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[target("grdp", "gia_tri", 15)],
        results=[
            result("vp", 1, chi_tieu={"grdp": {"gia_tri": 11.2}}),
            result("vp", 2, chi_tieu={"grdp": {"gia_tri": 12.6}}),
            result("vp", 4, chi_tieu={"grdp": {"gia_tri": 14}}),
        ],
    )
    first, second, third, fourth = (compute_quarter(plan, p).targets[0] for p in (Q1, Q2, Q3, Q4))
    assert (first.previous, first.change) == (None, None)
    assert (second.previous, second.change) == (Fraction(56, 5), Fraction(7, 5))
    assert (third.value, third.previous, third.change) == (None, Fraction(63, 5), None)
    assert (fourth.previous, fourth.change) == (None, None)  # quarter III had no figure


# ---------------------------------------------------------------- tasks


def test_task_states(make_plan: MakePlan) -> None:
    tasks = by_ma(
        make_plan, Q2,
        tasks=[
            task("due-last-day", han=D(2026, 6, 30)),
            task("due-day-before", han=D(2026, 6, 29)),
            task("done-late", han=D(2026, 3, 1)),
            task("not-started-late", han=D(2026, 6, 1)),
            task("not-started", han=D(2026, 9, 30)),
            task("no-deadline"),
            task("lead-silent", "ca", phoi_hop=["vp"]),
            task("lead-silent-late", "ca", han=D(2026, 5, 31)),
        ],
        results=[
            result("vp", 2, nhiem_vu={
                "due-last-day": "dang_thuc_hien",
                "due-day-before": "dang_thuc_hien",
                "done-late": "hoan_thanh",
                "not-started-late": "chua_thuc_hien",
                "not-started": "chua_thuc_hien",
                "no-deadline": "hoan_thanh",
                "lead-silent": "dang_thuc_hien",
            }),
            result("ca", 2),
        ],
    )
    summary = {
        ma: (t.state, t.reported, t.overdue, t.deadline) for ma, t in tasks.items()
    }
    assert summary == {
        "due-last-day": ("dang_thuc_hien", "dang_thuc_hien", False, D(2026, 6, 30)),
        "due-day-before": ("qua_han", "dang_thuc_hien", True, D(2026, 6, 29)),
        "done-late": ("hoan_thanh", "hoan_thanh", False, D(2026, 3, 1)),
        "not-started-late": ("qua_han", "chua_thuc_hien", True, D(2026, 6, 1)),
        "not-started": ("chua_thuc_hien", "chua_thuc_hien", False, D(2026, 9, 30)),
        "no-deadline": ("hoan_thanh", "hoan_thanh", False, D(2026, 12, 31)),
        # chua_bao_cao comes first; ``overdue`` still says the deadline has passed.
        "lead-silent": ("chua_bao_cao", None, False, D(2026, 12, 31)),
        "lead-silent-late": ("chua_bao_cao", None, True, D(2026, 5, 31)),
    }
    silent = tasks["lead-silent"]
    assert silent.lead is None
    assert [(r.unit, r.state) for r in silent.support] == [("vp", "dang_thuc_hien")]
    assert tasks["due-last-day"].lead is not None
    assert tasks["due-last-day"].lead.unit == "vp"


def test_task_counts(make_plan: MakePlan) -> None:
    q = compute_quarter(
        make_plan(
            tasks=[task("a", han=D(2026, 4, 1)), task("b"), task("c"), task("d", "ca")],
            results=[result("vp", 2, nhiem_vu={"a": "dang_thuc_hien", "b": "hoan_thanh",
                                               "c": "dang_thuc_hien"})],
        ),
        Q2,
    )
    counts = {s: q.count_tasks(s) for s in
              ("hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "qua_han", "chua_bao_cao")}
    assert counts == {"hoan_thanh": 1, "dang_thuc_hien": 1, "chua_thuc_hien": 0,
                      "qua_han": 1, "chua_bao_cao": 1}


# ---------------------------------------------------------------- submissions


def submissions(make_plan: MakePlan, period: Period, **kwargs: object) -> list[UnitSubmission]:
    return list(compute_quarter(make_plan(**kwargs), period).submissions)


def test_submission_timeliness(make_plan: MakePlan) -> None:
    found = submissions(
        make_plan, Q2,
        results=[result("vp", 2, D(2026, 6, 20), nguoi_bao_cao="Nguyễn Văn A"),
                 result("ca", 2, D(2026, 6, 21))],
    )
    assert found == [
        UnitSubmission("vp", True, "dung_han", D(2026, 6, 20), 0, "Nguyễn Văn A"),  # the day
        UnitSubmission("ca", True, "tre_han", D(2026, 6, 21), 1, None),  # one day after
        UnitSubmission("kt", True, "chua_nop", None, 0, None),
        # mt (bao_cao_dinh_ky: false) did not submit: not listed
    ]


def test_early_submission_is_on_time_with_no_days_late(make_plan: MakePlan) -> None:
    (vp, *_) = submissions(make_plan, Q2, results=[result("vp", 2, D(2026, 4, 2))])
    assert (vp.state, vp.days_late) == ("dung_han", 0)


def test_a_voluntary_submitter_is_listed_as_not_required(make_plan: MakePlan) -> None:
    found = submissions(make_plan, Q2, results=[result("mt", 2, D(2026, 6, 22))])
    assert found[-1] == UnitSubmission("mt", False, "tre_han", D(2026, 6, 22), 2, None)
    assert [s.unit for s in found] == ["vp", "ca", "kt", "mt"]


@pytest.mark.parametrize(
    ("period", "sent", "deadline", "state", "late"),
    [
        (Q2, D(2026, 6, 30), D(2026, 6, 30), "dung_han", 0),  # 31 June is 30 June
        (Q2, D(2026, 7, 1), D(2026, 6, 30), "tre_han", 1),
        (Q3, D(2026, 9, 30), D(2026, 9, 30), "dung_han", 0),
        (Q1, D(2026, 3, 31), D(2026, 3, 31), "dung_han", 0),
        (Q4, D(2026, 12, 31), D(2026, 12, 31), "dung_han", 0),
    ],
)
def test_deadline_day_31_in_a_shorter_month(
    make_plan: MakePlan, period: Period, sent: dt.date, deadline: dt.date, state: str,
    late: int,
) -> None:
    q = compute_quarter(
        make_plan(deadline_day=31, results=[result("vp", period.quarter, sent)]), period
    )
    assert q.deadline == deadline
    assert (q.submissions[0].state, q.submissions[0].days_late) == (state, late)


# ---------------------------------------------------------------- the quarter


def test_a_quarter_with_nothing_sent_has_no_data(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[target("grdp", "gia_tri", 15)],
        tasks=[task("a")],
        results=[result("vp", 2, chi_tieu={"grdp": {"gia_tri": 9}})],
    )
    q3 = compute_quarter(plan, Q3)
    assert not q3.has_data
    assert q3.deadline == D(2026, 9, 20)
    assert [s.state for s in q3.submissions] == ["chua_nop"] * 3
    assert [t.state for t in q3.tasks] == ["chua_bao_cao"]
    assert compute_quarter(plan, Q2).has_data


def test_a_voluntary_submission_alone_is_data(make_plan: MakePlan) -> None:
    assert compute_quarter(make_plan(results=[result("mt", 2)]), Q2).has_data


def test_notes_and_counts(make_plan: MakePlan) -> None:
    q = compute_quarter(
        make_plan(
            targets=[target("a", "gia_tri", 10), target("b", "gia_tri", 10),
                     target("c", "gia_tri", 10, reporters=["ca"])],
            results=[
                result("vp", 2, chi_tieu={"a": {"gia_tri": 10}, "b": {"gia_tri": 9}},
                       kho_khan=["Thiếu máy tính."]),
                result("ca", 2, kien_nghi=["Bố trí kinh phí."]),
                result("kt", 2),
            ],
        ),
        Q2,
    )
    assert [q.count_targets(s) for s in ("dat", "chua_dat", "chua_co_so_lieu")] == [1, 1, 1]
    assert q.notes == (
        UnitNotes("vp", ("Thiếu máy tính.",), ()),
        UnitNotes("ca", (), ("Bố trí kinh phí.",)),
    )
