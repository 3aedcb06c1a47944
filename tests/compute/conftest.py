"""Fixtures: ``make_plan(**repo)`` → the checked Plan (no errors allowed);
``make_outcome(**repo)`` → the CheckOutcome. ``repo`` as in
tests.scenarios.attainment.write_repo."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.scenarios.attainment import TODAY, MakePlan, write_repo

from kehoach_cli.check.engine import check_repo
from kehoach_cli.check.outcome import CheckOutcome
from kehoach_cli.load.plan import Plan


@pytest.fixture
def make_outcome(tmp_path: Path) -> Callable[..., CheckOutcome]:
    repos = itertools.count(1)

    def build(**kwargs: Any) -> CheckOutcome:
        root = write_repo(tmp_path / f"repo{next(repos)}", **kwargs)
        return check_repo(root, TODAY)

    return build


@pytest.fixture
def make_plan(make_outcome: Callable[..., CheckOutcome]) -> MakePlan:
    def build(**kwargs: Any) -> Plan:
        outcome = make_outcome(**kwargs)
        assert outcome.errors == []
        assert outcome.plan is not None
        return outcome.plan

    return build
