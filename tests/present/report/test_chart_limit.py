"""A province-size plan charts the 30 targets furthest from their goal; the table keeps
every target."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_cli.check.engine import check_repo
from kehoach_cli.compute.attainment import compute_quarter
from kehoach_cli.present.report.figures import MAX_BARS, _charted, chart_bars
from kehoach_cli.vocab.periods import Period

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("huyen") / "kho"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--size", "district",
         str(out)],
        check=True, capture_output=True,
    )
    return out


def test_a_large_plan_charts_the_lowest_attainment(district: Path) -> None:
    outcome = check_repo(district, dt.date(2026, 11, 26), fast=True)
    assert outcome.plan is not None and not outcome.errors
    q = compute_quarter(outcome.plan, Period(outcome.plan.plan.nam, 2))
    assert len(q.targets) > MAX_BARS
    charted = _charted(q)
    assert len(chart_bars(q)) == MAX_BARS == len(charted)
    numbers = [number for number, _ in charted]
    assert numbers == sorted(numbers)  # in the table's order
    left_out = [t for i, t in enumerate(q.targets, 1) if i not in set(numbers)]
    worst_left_out = min(
        (t.ty_le_dat for t in left_out if t.ty_le_dat is not None), default=None
    )
    if worst_left_out is not None:
        assert all(
            t.ty_le_dat is None or t.ty_le_dat <= worst_left_out for _, t in charted
        )


def test_this_repo_charts_every_target() -> None:
    outcome = check_repo(REPO, dt.date(2026, 11, 26), fast=True)
    assert outcome.plan is not None
    q = compute_quarter(outcome.plan, Period(2026, 2))
    assert len(chart_bars(q)) == len(q.targets) == 16
