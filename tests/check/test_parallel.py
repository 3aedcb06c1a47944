"""Validation split across two processes gives exactly what one process gives."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
from pathlib import Path

import pytest

from kehoach_cli.check import engine
from kehoach_cli.check.engine import check_repo

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="chỉ chia tiến trình khi có fork"
)


def _repo_with_mistakes(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    for folder in ("plan", "units", "reports"):
        shutil.copytree(REPO / folder, root / folder)
    broken = root / "units" / "cong-an-xa" / "2026-Q2.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("ngay_gui: 2026-06-19", 'ngay_gui: "x"'),
        encoding="utf-8",
    )
    (root / "units" / "tram-y-te" / "2026-Q1.yaml").write_text("khong: hop-le\n", "utf-8")
    (root / "units" / "mttq" / "2026-Q5.yaml").write_text("x: 1\n", "utf-8")
    return root


def test_two_processes_report_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo_with_mistakes(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    alone = check_repo(root, TODAY, fast=True, need_results=False, jobs=1)
    split = check_repo(root, TODAY, fast=True, need_results=False, jobs=2)
    assert alone.errors, "the repo must have mistakes for this test to mean anything"
    assert split.problems == alone.problems
    assert split.files_checked == alone.files_checked
    assert split.files == alone.files


def test_results_are_never_split_when_they_are_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo_with_mistakes(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    alone = check_repo(root, TODAY, fast=True, jobs=1)
    outcome = check_repo(root, TODAY, fast=True, jobs=2)
    assert outcome.plan is not None and alone.plan is not None
    assert outcome.plan.results == alone.plan.results
    assert sum(len(files) for files in outcome.plan.results.values()) == 14
