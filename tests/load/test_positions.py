"""load/positions.py and the composer: the position of every key and value.

Every test marked @PARSERS runs with both parsers (see yaml_cases.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.load.yaml_cases import BLOCK, PARSERS, load

from kehoach_cli.vocab.problems import Position

# ---------------------------------------------------------------- positions


@PARSERS
def test_positions_of_keys_and_values_in_block_and_flow_style(fast: bool) -> None:
    doc = load(BLOCK, fast)
    assert doc.problems == []
    assert doc.data == {
        "don_vi": "cong-an",
        "chi_tieu": {"a": {"tu_so": 1, "mau_so": 2}, "b": {"gia_tri": 3}},
        "kho_khan": ["x", ["long", "nhau"]],
    }
    keys = dict(doc.positions.keys)
    values = dict(doc.positions.values)
    assert keys == {
        ("don_vi",): (1, 1),
        ("chi_tieu",): (2, 1),
        ("chi_tieu", "a"): (3, 3),
        ("chi_tieu", "a", "tu_so"): (3, 7),
        ("chi_tieu", "a", "mau_so"): (3, 17),
        ("chi_tieu", "b"): (4, 3),
        ("chi_tieu", "b", "gia_tri"): (5, 5),
        ("kho_khan",): (6, 1),
    }
    assert values == {
        (): (1, 1),
        ("don_vi",): (1, 9),
        ("chi_tieu",): (3, 3),
        ("chi_tieu", "a"): (3, 6),
        ("chi_tieu", "a", "tu_so"): (3, 14),
        ("chi_tieu", "a", "mau_so"): (3, 25),
        ("chi_tieu", "b"): (5, 5),
        ("chi_tieu", "b", "gia_tri"): (5, 14),
        ("kho_khan",): (7, 3),
        ("kho_khan", 0): (7, 5),
        ("kho_khan", 1): (8, 5),
        ("kho_khan", 1, 0): (8, 7),
        ("kho_khan", 1, 1): (9, 7),
    }


@PARSERS
def test_positions_in_nested_flow_collections(fast: bool) -> None:
    doc = load("a: [1, {b: c}, [d, e]]\n", fast)
    assert doc.data == {"a": [1, {"b": "c"}, ["d", "e"]]}
    pos = doc.positions
    assert pos.value(("a",)) == Position(1, 4)
    assert pos.value(("a", 0)) == Position(1, 5)
    assert pos.value(("a", 1)) == Position(1, 8)
    assert pos.key(("a", 1, "b")) == Position(1, 9)
    assert pos.value(("a", 1, "b")) == Position(1, 12)
    assert pos.value(("a", 2, 1)) == Position(1, 20)


@PARSERS
def test_position_lookups_fall_back_to_the_nearest_ancestor(fast: bool) -> None:
    doc = load(BLOCK, fast)
    pos = doc.positions
    assert pos.value(("chi_tieu", "a", "khong-co")) == Position(3, 6)
    assert pos.key(("chi_tieu", "a", "khong-co")) == Position(3, 6)
    assert pos.key(("kho_khan", 1)) == Position(8, 5)  # list items have no key
    assert pos.value(("khong-co",)) == Position(1, 1)


@PARSERS
def test_quoted_keys_and_multiline_values(fast: bool) -> None:
    text = "'a: b': 1\nc: dòng một\n  dòng hai\nd: |\n  x\n  y\ne: >-\n  gấp\n  lại\n"
    doc = load(text, fast)
    assert doc.problems == []
    assert doc.data == {"a: b": 1, "c": "dòng một dòng hai", "d": "x\ny\n", "e": "gấp lại"}
    assert doc.positions.key(("c",)) == Position(2, 1)
    assert doc.positions.value(("e",)) == Position(7, 4)


@PARSERS
@pytest.mark.parametrize(
    ("text", "path", "position"),
    [("a:\nb: 1\n", ("a",), (1, 3)), ("a:   # ghi chú\n\nb: 1\n", ("a",), (1, 3)),
     ("a: {b: }\n", ("a", "b"), (1, 7)), ("- \n- x\n", (0,), (1, 2))],
)
def test_an_empty_value_stands_right_after_its_key(
    fast: bool, text: str, path: tuple[Any, ...], position: tuple[int, int]
) -> None:
    doc = load(text, fast)
    value = doc.positions.value(path)
    assert (value.line, value.col) == position
