"""Shared fixtures: a fixed "today" and fresh plan repos to break."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.helpers import TODAY, copy_good, make_repo


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The report's template cache goes to a folder of this test session, not the
    user's own (processes the tests start inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KEHOACH_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def kehoach_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """KEHOACH_TODAY fixed to helpers.TODAY (2026-11-26) for the test."""
    monkeypatch.setenv("KEHOACH_TODAY", TODAY)
    yield TODAY


@pytest.fixture
def good_repo(tmp_path: Path) -> Path:
    """A fresh copy of tests/examples/good, free to modify."""
    return copy_good(tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal valid repo of helpers.make_repo."""
    return make_repo(tmp_path)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``kehoach ARGS...`` in this process: (exit code, stdout, stderr)."""
    from kehoach_cli.__main__ import main

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run
