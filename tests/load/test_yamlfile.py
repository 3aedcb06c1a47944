"""load/yamlfile.py: both parsers give identical values, positions and problems on a
corpus of texts and on every file of the good example repo; parse_text takes text.
"""

from __future__ import annotations

import pytest
from tests.helpers import GOOD
from tests.load.yaml_cases import BILLION_LAUGHS, BLOCK

from kehoach_cli.load.yamlfile import load_bytes, parse_text
from kehoach_cli.vocab.problems import Severity

# ---------------------------------------------------------------- both parsers agree


def _corpus() -> list[tuple[str, bytes]]:
    texts = [BLOCK, BILLION_LAUGHS, "a: 1\na: 2\n", "a: !!python/name:os.system ''\n",
             "a: [1, {b: c}, [d, e]]\n", "a: |\n  x\n  y\nb: >-\n  p\n  q\n",
             "a: 'x\ty'\n", 'a: "x\\ty"\n', "- a\n- b: 1\n  c: [2, 3]\n", "a:\n\tb: 1\n",
             "a: 1\n---\nb: 2\n", "? [a]\n: 1\n", "a: *x\n", "{a: 1, b: 2}\n",
             "a: 2026-02-30\nb: 0x1F\nc: yes\n"]
    corpus = [(f"text-{i}", t.encode("utf-8")) for i, t in enumerate(texts)]
    corpus += [(p.relative_to(GOOD).as_posix(), p.read_bytes())
               for p in sorted(GOOD.rglob("*.yaml"))]
    return corpus


@pytest.mark.parametrize(("name", "raw"), _corpus(), ids=[n for n, _ in _corpus()])
def test_both_parsers_give_identical_values_positions_and_problems(name: str, raw: bytes) -> None:
    slow = load_bytes(name, raw, fast=False)
    fast = load_bytes(name, raw, fast=True)
    assert repr(fast.data) == repr(slow.data)
    assert fast.positions.values == slow.positions.values
    assert fast.positions.keys == slow.positions.keys
    assert fast.problems == slow.problems


def test_parse_text_takes_text_and_reports_the_given_path() -> None:
    doc = parse_text("units/x/2026-Q1.yaml", "a: 1\na: 2\n")
    assert [p.path for p in doc.problems] == ["units/x/2026-Q1.yaml"]
    assert doc.problems[0].severity is Severity.ERROR
    assert doc.problems[0].rule == "khoa-lap"
