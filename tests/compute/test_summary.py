"""The six-month and annual reviews: each quarter's figure side by side, the period's figure
as its last quarter's report computes it, tasks as of the period's end."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from tests.scenarios.attainment import MakePlan, result, target, task

from kehoach_cli.compute.attainment import compute_quarter
from kehoach_cli.compute.summary import compute_summary
from kehoach_cli.vocab.periods import Period, ReportPeriod

D = dt.date
HALF = ReportPeriod.of(2026, "6-thang")
YEAR = ReportPeriod.of(2026, "ca-nam")


def test_the_periods_cover_their_quarters() -> None:
    assert [str(p) for p in HALF.quarters] == ["2026-Q1", "2026-Q2"]
    assert [str(p) for p in YEAR.quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert (str(HALF), str(YEAR), str(ReportPeriod.of(2026, "quy", 3))) == (
        "2026-6T", "2026", "2026-Q3")
    assert ReportPeriod.parse("2026-6T") == HALF
    assert ReportPeriod.parse("2026") == YEAR
    assert ReportPeriod.parse("2026-Q3") == ReportPeriod(2026, 3)
    assert ReportPeriod.parse("2026-6t") is None
    assert ReportPeriod.parse("26") is None


def test_figures_side_by_side_and_the_last_quarters_value(make_plan: MakePlan) -> None:
    plan = make_plan(
        targets=[
            target("lop", "tong", 4, don_vi_tinh="lớp", luy_ke=True),
            target("ty-le", "gia_tri", 90),
        ],
        results=[
            result("vp", 1, chi_tieu={"lop": {"gia_tri": 1}, "ty-le": {"gia_tri": 70}}),
            result("vp", 2, chi_tieu={"lop": {"gia_tri": 2}, "ty-le": {"gia_tri": 80}}),
            result("vp", 3, chi_tieu={"lop": {"gia_tri": 1}}),
        ],
    )
    half = compute_summary(plan, HALF)
    assert [q.value for q in half.targets["lop"].quarters] == [1, 3]
    assert [q.value for q in half.targets["ty-le"].quarters] == [70, 80]
    # the period's figure is what quarter II's own report shows
    assert half.end.targets == compute_quarter(plan, Period(2026, 2)).targets
    assert half.without_data == ()
    year = compute_summary(plan, YEAR)
    assert [q.value for q in year.targets["lop"].quarters] == [1, 3, 4, None]
    # quarter III has no figure for "ty-le": nothing is carried forward
    assert [q.value for q in year.targets["ty-le"].quarters] == [70, 80, None, None]
    assert year.targets["lop"].last.state == "chua_co_so_lieu"
    assert [str(q.period) for q in year.without_data] == ["2026-Q4"]
    assert half.targets["ty-le"].last.ty_le_dat == Fraction(800, 9)


def test_tasks_as_of_the_periods_end(make_plan: MakePlan) -> None:
    plan = make_plan(
        tasks=[
            task("xong-q1"),
            task("tre", han=D(2026, 5, 31)),
            task("im-lang", "ca"),
            task("dang-lam"),
        ],
        results=[
            result("vp", 1, nhiem_vu={"xong-q1": "hoan_thanh", "tre": "dang_thuc_hien",
                                      "dang-lam": "chua_thuc_hien"}),
            result("vp", 2, nhiem_vu={"dang-lam": "dang_thuc_hien"}),
        ],
    )
    tasks = {t.task.ma: t for t in compute_summary(plan, HALF).end.tasks}
    assert {ma: (t.state, t.reported, t.overdue) for ma, t in tasks.items()} == {
        # done in quarter I, silent in quarter II: done at the half year's end
        "xong-q1": ("hoan_thanh", "hoan_thanh", False),
        # last reported in progress, due in May: overdue at the end of June
        "tre": ("qua_han", "dang_thuc_hien", True),
        "im-lang": ("chua_bao_cao", None, False),
        "dang-lam": ("dang_thuc_hien", "dang_thuc_hien", False),
    }


def test_difficulties_of_every_quarter_each_once(make_plan: MakePlan) -> None:
    plan = make_plan(results=[
        result("vp", 1, kho_khan=["Thiếu máy quét.", "Mạng chậm."]),
        result("ca", 1, kien_nghi=["Thêm máy tính."]),
        result("vp", 2, kho_khan=["Mạng chậm.", "Thiếu người."]),
    ])
    notes = compute_summary(plan, HALF).end.notes
    assert [(n.unit, n.kho_khan, n.kien_nghi) for n in notes] == [
        ("vp", ("Thiếu máy quét.", "Mạng chậm.", "Thiếu người."), ()),
        ("ca", (), ("Thêm máy tính.",)),
    ]
