"""load/compose.py: anchors and aliases, nesting, duplicate keys, documents.

Every test marked @PARSERS runs with both parsers (see yaml_cases.py).
"""

from __future__ import annotations

import pytest
from tests.load.yaml_cases import BILLION_LAUGHS, PARSERS, load, one_error, problems

from kehoach_cli.vocab.problems import Edit, Position

# ---------------------------------------------------------------- anchors, aliases, bombs


@PARSERS
def test_small_anchors_and_aliases_are_allowed_and_copied(fast: bool) -> None:
    doc = load("a: &x {b: [1, 2]}\nc: *x\n", fast)
    assert doc.problems == []
    assert doc.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}
    assert doc.data["a"] is not doc.data["c"]
    assert doc.positions.value(("c",)) == Position(2, 4)


@PARSERS
def test_an_alias_bomb_is_an_error_not_a_hang(fast: bool) -> None:
    assert one_error(load(BILLION_LAUGHS, fast)) == (
        5, 35,
        "tệp có quá nhiều phần tử (hơn 50.000 sau khi mở các bí danh '*'); có thể là một "
        "'quả bom bí danh' — hãy viết dữ liệu trực tiếp, không dùng '&' và '*'",
    )


@PARSERS
def test_aliases_as_keys_and_merge_keys_are_refused(fast: bool) -> None:
    assert one_error(load("a: &k b\n*k : 1\n", fast)) == (
        2, 1, "khóa không được là bí danh '*k'; hãy viết thẳng tên khóa"
    )
    assert one_error(load("base: &b {x: 1}\nc:\n  <<: *b\n", fast)) == (
        3, 3, "khóa gộp '<<' (merge key) không được dùng; hãy viết đầy đủ từng khóa ở đây"
    )


@PARSERS
def test_an_undefined_alias_is_a_syntax_error(fast: bool) -> None:
    line, col, message = one_error(load("a: *khong-co\n", fast))
    assert (line, col) == (1, 4)
    assert "bí danh" in message and "*" in message


@PARSERS
def test_deep_nesting_is_refused(fast: bool) -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    line, _, message = one_error(load(text, fast))
    assert message == ("dữ liệu lồng nhau quá sâu (hơn 64 tầng); tệp kết quả chỉ cần vài tầng "
                       "khóa")
    assert line == 1


# ---------------------------------------------------------------- duplicates, documents


@PARSERS
def test_duplicate_keys_are_errors_at_the_second_key(fast: bool) -> None:
    doc = load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", fast)
    assert doc.data == {"a": 1, "b": {"c": 1}}
    assert problems(doc) == [
        (4, 3, "lỗi", "khóa 'c' bị lặp lại (đã có ở dòng 3); mỗi khóa chỉ được viết một lần "
                      "trong cùng một bảng"),
        (5, 1, "lỗi", "khóa 'a' bị lặp lại (đã có ở dòng 1); mỗi khóa chỉ được viết một lần "
                      "trong cùng một bảng"),
    ]
    assert not doc.ok
    # The first value and its positions are kept.
    assert doc.positions.value(("a",)) == Position(1, 4)


@PARSERS
def test_duplicate_keys_in_flow_mappings(fast: bool) -> None:
    doc = load("a: {x: 1, x: 2}\n", fast)
    assert problems(doc) == [
        (1, 11, "lỗi", "khóa 'x' bị lặp lại (đã có ở dòng 1); mỗi khóa chỉ được viết một lần "
                       "trong cùng một bảng"),
    ]


@PARSERS
def test_a_second_document_is_refused(fast: bool) -> None:
    assert one_error(load("a: 1\n---\nb: 2\n", fast)) == (
        2, 1, "tệp chỉ được chứa một tài liệu YAML; hãy bỏ dấu '---' thứ hai và phần sau nó"
    )


@PARSERS
@pytest.mark.parametrize("text", ["---\na: 1\n", "a: 1\n...\n", "# ghi chú\n---\na: 1\n...\n"])
def test_one_explicit_document_is_fine(fast: bool, text: str) -> None:
    doc = load(text, fast)
    assert (doc.data, doc.problems) == ({"a": 1}, [])


@PARSERS
@pytest.mark.parametrize("text", ["", "# chỉ có ghi chú\n", "---\n", "\n\n"])
def test_an_empty_document_has_no_data(fast: bool, text: str) -> None:
    doc = load(text, fast)
    assert (doc.data, doc.problems) == (None, [])


# ---------------------------------------------------------------- certain fixes


@PARSERS
@pytest.mark.parametrize(("text", "at", "old", "new"), [
    ("a: {gia_tri: 2,5}\n", Position(1, 14), "2,5", "2.5"),
    ("ghi_chu: Đường ấy\nb:\n  c: {gia_tri: -12,50}\r\n", Position(3, 16), "-12,50", "-12.50"),
    ("a: {gia_tri: 2,5, b: 1}\n", Position(1, 14), "2,5", "2.5"),
    # only the comma is certain here; the '%' is judged with the target's unit
    ("a: {gia_tri: 12,6%, b: 1}\n", Position(1, 14), "12,6%", "12.6%"),
])
def test_the_decimal_comma_carries_its_fix(
    fast: bool, text: str, at: Position, old: str, new: str
) -> None:
    (problem,) = load(text, fast).problems
    assert (problem.pos, problem.fix) == (at, Edit(at, old, new))


@PARSERS
def test_a_decimal_comma_with_a_space_has_no_certain_fix(fast: bool) -> None:
    (problem,) = load("a: {gia_tri: 2, 5}\n", fast).problems
    assert problem.message.startswith("số thập phân viết bằng dấu phẩy (2,5)")
    assert problem.fix is None


@PARSERS
def test_a_decimal_comma_before_a_percent_sign_says_both(fast: bool) -> None:
    (problem,) = load("a: {gia_tri: 12,6%}\n", fast).problems
    assert problem.message == (
        "số thập phân viết bằng dấu phẩy (12,6%); trong YAML dấu phẩy ngăn cách các mục — "
        "hãy dùng dấu chấm: 12.6 (và bỏ dấu % nếu chỉ tiêu tính bằng %: đơn vị tính đã ghi "
        "trong kế hoạch)")


@PARSERS
def test_other_fatal_problems_have_no_fix(fast: bool) -> None:
    (problem,) = load("a: 1\n---\nb: 2\n", fast).problems
    assert problem.fix is None
