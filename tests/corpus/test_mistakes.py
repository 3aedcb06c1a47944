"""Every staff mistake of mistakes.yaml through the real CLI: `kehoach validate` prints
exactly the lines listed; `kehoach sua` turns the file into exactly the fixed text (BOM
and CRLF kept), or leaves it byte for byte when the mistake is ambiguous; validate then
prints exactly the lines after, with nothing left that sua could have fixed; and a second
`kehoach sua` changes nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.corpus.mistakes import Mistake, build, load_mistakes, observe, rewrite
from tests.helpers import run_cli, snapshot

CASES = load_mistakes()
REGEN = bool(os.environ.get("KEHOACH_REGEN"))
_observed: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module", autouse=True)
def _regenerate() -> Any:
    yield
    if REGEN and _observed:
        rewrite(_observed)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert sum(c.fixed is None for c in CASES) >= 5  # ambiguous ones are not fixed
    assert any(c.crlf for c in CASES) and any(c.bom for c in CASES)
    assert any(c.renamed for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_validate(case: Mistake, tmp_path: Path) -> None:
    if REGEN:
        _observed[case.id] = observe(case, tmp_path / "regen")
        return
    root = build(case, tmp_path)
    code, out, err = run_cli(["validate"], cwd=root)
    assert err == ""
    assert out.splitlines() == list(case.validate)
    assert code == case.exit


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_sua(case: Mistake, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    before = snapshot(tmp_path)
    _, preview, _ = run_cli(["sua", "--xem"], cwd=root)
    assert snapshot(tmp_path) == before
    code, out, err = run_cli(["sua"], cwd=root)
    # --xem says exactly what sua then does.
    assert [line for line in preview.splitlines() if ": sẽ " in line] == [
        line.replace(": đã sửa: ", ": sẽ sửa: ").replace(": đã đổi tên thành ",
                                                          ": sẽ đổi tên thành ")
        for line in out.splitlines() if ": đã " in line]
    assert err == "" and code in (0, 1)
    done = [line for line in out.splitlines()
            if ": đã sửa: " in line or ": đã đổi tên thành " in line]
    path = case.renamed or case.file
    if case.renamed is not None:
        assert not (root / case.file).exists()
    assert (root / path).read_bytes() == case.expected_after_sua()
    if case.fixed is None and case.renamed is None:
        assert done == []
    else:
        assert done
    # What was fixed is gone, and nothing is left that sua could fix.
    code, after, err = run_cli(["validate"], cwd=root)
    assert err == ""
    assert after.splitlines() == list(case.after)
    assert "có thể sửa tự động" not in after
    # A second run is a no-op.
    before = snapshot(tmp_path)
    _, again, _ = run_cli(["sua"], cwd=root)
    assert ": đã sửa: " not in again and ": đã đổi tên thành " not in again
    assert snapshot(tmp_path) == before


def test_docs_up_to_date() -> None:
    from tests.corpus.make_mistakes_doc import DOC, render

    actual = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert actual == render(CASES), (
        "docs/loi-thuong-gap.md khác với bảng sinh từ tests/corpus/mistakes.yaml; "
        "chạy: python tests/corpus/make_mistakes_doc.py"
    )
