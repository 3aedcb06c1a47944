"""Every broken or hostile input of cases.yaml, through the loader and the real CLI.

For each case: ``check_repo`` with each parser (ruamel.yaml, pure Python; libyaml through
PyYAML) and ``kehoach validate`` in-process must give the exit code and the exact lines
the manifest lists — the same for both parsers — with nothing on stderr (no traceback),
and no file written. docs/robustness.md is generated from the same manifest.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from tests.corpus.corpus import Case, build_repo, load_cases
from tests.corpus.make_doc import DOC, render
from tests.helpers import run_cli, snapshot, today

from kehoach_cli.check.engine import check_repo
from kehoach_cli.load import repo as repo_module
from kehoach_cli.present.problems_out import text_line

CASES = load_cases()
UNREADABLE = "units/cong-an/2026-Q2.yaml"


def _marks(case: Case) -> list[Any]:
    marks: list[Any] = []
    if "windows" in case.skip:
        marks.append(pytest.mark.skipif(sys.platform == "win32",
                                        reason="cần liên kết tượng trưng / chmod của POSIX"))
    if case.xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
    return marks


PARAMS = [pytest.param(case, id=case.id, marks=_marks(case)) for case in CASES]


@contextlib.contextmanager
def unreadable_as_root(root: Path, case: Case) -> Iterator[None]:
    """chmod 000 does not stop root: then make ``open`` refuse the file as the OS would."""
    path = root / UNREADABLE
    if case.setup != "unreadable" or not os.access(path, os.R_OK):
        yield
        return
    real_open = open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    with mock.patch.object(repo_module, "open", refusing_open, create=True):
        yield


def check_lines(root: Path, *, fast: bool) -> tuple[int, list[str]]:
    outcome = check_repo(root, today(), fast=fast)
    return (1 if outcome.errors else 0), [text_line(p) for p in outcome.problems]


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert all(case.exit in (0, 1) for case in CASES)
    assert all(case.output or case.exit == 0 for case in CASES)


@pytest.mark.parametrize("parser", ["ruamel", "libyaml"])
@pytest.mark.parametrize("case", PARAMS)
def test_check_repo(case: Case, parser: str, tmp_path: Path) -> None:
    root = build_repo(case, tmp_path)
    with unreadable_as_root(root, case):
        code, lines = check_lines(root, fast=parser == "libyaml")
    assert lines == list(case.output)
    assert code == case.exit


@pytest.mark.parametrize("case", PARAMS)
def test_validate_cli(case: Case, tmp_path: Path) -> None:
    root = build_repo(case, tmp_path)
    before = snapshot(tmp_path)
    with unreadable_as_root(root, case):
        code, out, err = run_cli(["validate"], cwd=root)
    assert err == ""
    *lines, summary = out.splitlines()
    assert summary.startswith("Đã kiểm tra ")
    assert lines == list(case.output)
    assert code == case.exit
    assert snapshot(tmp_path) == before


def test_unreadable_file_with_chmod(tmp_path: Path) -> None:
    """The real thing, where the OS refuses (not as root)."""
    case = next(c for c in CASES if c.setup == "unreadable")
    if sys.platform == "win32":
        pytest.skip("chmod 000 không có tác dụng trên Windows")
    root = build_repo(case, tmp_path)
    if os.access(root / UNREADABLE, os.R_OK):
        pytest.skip("chạy với quyền root: root vẫn đọc được tệp chmod 000")
    code, out, err = run_cli(["validate"], cwd=root)
    assert (code, out.splitlines()[:-1], err) == (1, list(case.output), "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="ống dẫn có tên (FIFO) chỉ có trên POSIX")
def test_a_fifo_named_like_a_result_file_does_not_hang(tmp_path: Path) -> None:
    """Git cannot hold a FIFO, but a local folder can: validate must not wait on it."""
    root = build_repo(CASES[0], tmp_path)
    fifo = root / UNREADABLE
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    env = {**os.environ, "KEHOACH_TODAY": "2026-11-26"}
    try:
        done = subprocess.run([sys.executable, "-m", "kehoach_cli", "validate"], cwd=root,
                              env=env, capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("kehoach validate waited on a FIFO for more than 5 s")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"{UNREADABLE}:1:1: lỗi: đây không phải tệp thông thường (có thể là ống dẫn hay thiết "
        "bị); cần một tệp văn bản .yaml"
    )


def test_docs_up_to_date() -> None:
    expected = render(CASES)
    actual = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert actual == expected, (
        "docs/robustness.md khác với bảng sinh từ tests/corpus/cases.yaml; "
        "chạy: python tests/corpus/make_doc.py"
    )
