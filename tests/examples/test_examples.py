"""Every example repo through the real CLI: the whole output and the exit code."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tests.helpers import EXAMPLES, copy_good, run_cli, snapshot

BROKEN = EXAMPLES / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
REGEN = os.environ.get("KEHOACH_REGEN") == "1"


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def build_case(tmp_path: Path, name: str) -> Path:
    """A copy of good/ with the case's removals done and its files laid over it (removals
    first: on a case-insensitive file system, units/Phong-Kinh-Te/ written over a copy
    that still has units/phong-kinh-te/ would land in the old folder)."""
    case = BROKEN / name
    root = copy_good(tmp_path, "repo")
    for relpath in _lines(case / "remove.txt"):
        target = root / relpath
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    overlay = case / "files"
    if overlay.is_dir():
        for source in sorted(overlay.rglob("*")):
            if source.is_file():
                target = root / source.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    return root


def test_good_repo_is_clean(tmp_path: Path) -> None:
    root = copy_good(tmp_path)
    before = snapshot(root)
    code, out, err = run_cli(["validate"], cwd=root)
    assert (code, out, err) == (0, "Đã kiểm tra 15 tệp: không có lỗi.\n", "")
    assert snapshot(root) == before


@pytest.mark.parametrize("fmt", ["github", "json"])
def test_good_repo_is_clean_in_every_format(tmp_path: Path, fmt: str) -> None:
    code, out, err = run_cli(["validate", "--format", fmt], cwd=copy_good(tmp_path))
    expected = "[]\n" if fmt == "json" else "Đã kiểm tra 15 tệp: không có lỗi.\n"
    assert (code, out, err) == (0, expected, "")


def test_every_case_has_an_expectation() -> None:
    assert len(CASES) >= 70
    if not REGEN:
        missing = [name for name in CASES if not (BROKEN / name / "expected.txt").exists()]
        assert missing == []


@pytest.mark.parametrize("name", CASES)
def test_broken_case(tmp_path: Path, name: str) -> None:
    case = BROKEN / name
    root = build_case(tmp_path, name)
    args = _lines(case / "args.txt") or ["validate"]
    before = snapshot(root)
    code, out, err = run_cli(args, cwd=root)
    assert err == ""
    assert snapshot(root) == before, "validate must never write"
    actual = f"exit: {code}\n{out}"
    expected_path = case / "expected.txt"
    if REGEN:
        expected_path.write_bytes(actual.encode("utf-8"))
    expected = expected_path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert actual == expected
    # The exit code follows the output: 1 exactly when an error is printed.
    has_error = "lỗi:" in out or "::error " in out or '"severity": "error"' in out
    assert code == (1 if has_error else 0)
