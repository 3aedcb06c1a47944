"""load/yamlfile.py: bytes → text → values with the position of every key and value.

Every test runs with both parsers (``fast=False``: ruamel.yaml; ``fast=True``: libyaml),
which must give the same values, positions and problems.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import GOOD

from kehoach_cli.load.scalars import InvalidDate
from kehoach_cli.load.text import MAX_FILE_BYTES
from kehoach_cli.load.yamlfile import YamlDocument, load_bytes, parse_text
from kehoach_cli.vocab.problems import Position, Severity

PARSERS = pytest.mark.parametrize("fast", [False, True], ids=["ruamel", "libyaml"])


def load(text: str | bytes, fast: bool) -> YamlDocument:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes("f.yaml", raw, fast=fast)


def problems(doc: YamlDocument) -> list[tuple[int, int, str, str]]:
    return [(p.pos.line, p.pos.col, p.severity.value, p.message) for p in doc.problems]


def one_error(doc: YamlDocument) -> tuple[int, int, str]:
    assert doc.data is None
    [(line, col, severity, message)] = problems(doc)
    assert severity == "lỗi"
    return line, col, message


# ---------------------------------------------------------------- positions


BLOCK = """\
don_vi: cong-an
chi_tieu:
  a: {tu_so: 1, mau_so: 2}
  b:
    gia_tri: 3
kho_khan:
  - x
  - - long
    - nhau
"""


@PARSERS
def test_positions_of_keys_and_values_in_block_and_flow_style(fast: bool) -> None:
    doc = load(BLOCK, fast)
    assert doc.problems == []
    assert doc.data == {
        "don_vi": "cong-an",
        "chi_tieu": {"a": {"tu_so": 1, "mau_so": 2}, "b": {"gia_tri": 3}},
        "kho_khan": ["x", ["long", "nhau"]],
    }
    keys = {path: (p.line, p.col) for path, p in doc.positions.keys.items()}
    values = {path: (p.line, p.col) for path, p in doc.positions.values.items()}
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


# ---------------------------------------------------------------- scalars (YAML 1.2 core)


SCALARS: list[tuple[str, Any]] = [
    ("yes", "yes"),
    ("no", "no"),
    ("on", "on"),
    ("off", "off"),
    ("Y", "Y"),
    ("true", True),
    ("False", False),
    ("TRUE", True),
    ("12", 12),
    ("+12", 12),
    ("-7", -7),
    ("017", 17),
    ("0o17", 15),
    ("0x1F", 31),
    ("0b11", "0b11"),
    ("1_000", "1_000"),
    ("12.5", 12.5),
    ("1.", 1.0),
    (".5", 0.5),
    ("1e3", 1000.0),
    ("-.inf", -math.inf),
    (".inf", math.inf),
    (".Inf", math.inf),
    ("~", None),
    ("null", None),
    ("", None),
    ("12:30", "12:30"),
    ("2026-06-18", dt.date(2026, 6, 18)),
    ("2026-6-1", dt.date(2026, 6, 1)),
    ("2026-02-30", InvalidDate("2026-02-30")),
    ("2026-13-01", InvalidDate("2026-13-01")),
    ("2026-06-18T10:00:00", "2026-06-18T10:00:00"),
    ("'2026-06-18'", "2026-06-18"),
    ('"12"', "12"),
    ("'yes'", "yes"),
    ("'true'", "true"),
    ("'~'", "~"),
    ("18/06/2026", "18/06/2026"),
]


@PARSERS
@pytest.mark.parametrize(("written", "value"), SCALARS, ids=[s for s, _ in SCALARS])
def test_scalars_follow_the_yaml_1_2_core_schema(fast: bool, written: str, value: Any) -> None:
    doc = load(f"a: {written}\n", fast)
    assert doc.problems == []
    found = doc.data["a"]
    assert type(found) is type(value)
    assert found == value


@PARSERS
def test_nan_is_a_float(fast: bool) -> None:
    doc = load("a: .nan\n", fast)
    assert math.isnan(doc.data["a"])


@PARSERS
def test_an_integer_too_long_to_be_a_figure_is_an_error(fast: bool) -> None:
    doc = load("a: " + "9" * 5000 + "\n", fast)
    assert problems(doc) == [
        (1, 4, "lỗi", "số 99999999999999999999… (5.000 ký tự) quá lớn, vượt giới hạn tính toán; "
                      "hãy kiểm tra lại giá trị này"),
    ]


@PARSERS
def test_keys_are_always_strings(fast: bool) -> None:
    doc = load("1: a\ntrue: b\n~: c\n2026-01-01: d\n", fast)
    assert doc.data == {"1": "a", "true": "b", "~": "c", "2026-01-01": "d"}


# ---------------------------------------------------------------- tags


@PARSERS
@pytest.mark.parametrize(
    ("written", "value"),
    [("!!str 12", "12"), ("!!int 12", 12), ("!!float 12", 12.0), ("!!bool true", True),
     ("!!null ~", None), ("!!timestamp 2026-01-02", dt.date(2026, 1, 2)), ("! 12", 12),
     ("!<tag:yaml.org,2002:str> 12", "12"), ("!!seq [a]", ["a"]), ("!!map {a: 1}", {"a": 1})],
)
def test_standard_tags_are_allowed(fast: bool, written: str, value: Any) -> None:
    doc = load(f"a: {written}\n", fast)
    assert doc.problems == []
    assert doc.data == {"a": value}


REFUSED_TAG = ("thẻ YAML {} không được phép; tệp chỉ được dùng giá trị thông thường "
               "(chuỗi, số, ngày, true/false), bảng khóa và danh sách")


@PARSERS
@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!<tag:yaml.org,2002:python/object:os.system> x", "!!python/object:os.system"),
        ("!!binary aGk=", "!!binary"),
        ("!!set {x, y}", "!!set"),
        ("!!omap [x: 1]", "!!omap"),
        ("!!pairs [x: 1]", "!!pairs"),
        ("!include khac.yaml", "!include"),
        ("!ngay 2026-01-01", "!ngay"),
    ],
)
def test_non_standard_tags_are_refused(fast: bool, written: str, shown: str) -> None:
    assert one_error(load(f"a: {written}\n", fast)) == (1, 4, REFUSED_TAG.format(shown))


@PARSERS
def test_a_tag_declared_with_a_directive_is_refused(fast: bool) -> None:
    text = "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n"
    assert one_error(load(text, fast)) == (3, 4, REFUSED_TAG.format("tag:example.com,2000:foo"))


@PARSERS
def test_a_standard_tag_that_does_not_fit_its_value_is_an_error(fast: bool) -> None:
    assert one_error(load("a: !!int abc\n", fast)) == (
        1, 4, "giá trị 'abc' không khớp với thẻ !!int"
    )


@PARSERS
def test_python_tags_are_never_constructed(fast: bool, tmp_path: Path) -> None:
    marker = tmp_path / "da-chay"
    payloads = [
        f"a: !!python/object/apply:os.system ['touch {marker}']\n",
        f"a: !!python/object/new:builtins.exec [\"open(r'{marker}', 'w')\"]\n",
        f"a: !!python/object/apply:builtins.eval [\"open(r'{marker}', 'w')\"]\n",
        f"- !!python/object/apply:subprocess.call [[touch, '{marker}']]\n",
    ]
    for text in payloads:
        doc = load(text, fast)
        assert doc.data is None
        assert [p.is_error for p in doc.problems] == [True]
    assert not marker.exists()


# ---------------------------------------------------------------- anchors, aliases, bombs


@PARSERS
def test_small_anchors_and_aliases_are_allowed_and_copied(fast: bool) -> None:
    doc = load("a: &x {b: [1, 2]}\nc: *x\n", fast)
    assert doc.problems == []
    assert doc.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}
    assert doc.data["a"] is not doc.data["c"]
    assert doc.positions.value(("c",)) == Position(2, 4)


BILLION_LAUGHS = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
BILLION_LAUGHS += "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)


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


# ---------------------------------------------------------------- syntax errors


@PARSERS
@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("a:\n\tb: 1\n", 2, 1,
         "lỗi cú pháp YAML: ký tự Tab không được dùng ở đây (YAML chỉ dùng dấu cách để thụt lề "
         "và ngăn cách); hãy thay bằng dấu cách"),
        ('a: "abc\n', 2, 1,
         "lỗi cú pháp YAML: tệp kết thúc khi dấu nháy hoặc ngoặc chưa được đóng"),
        ("a: b: c\n", 1, 5,
         "lỗi cú pháp YAML: dấu ':' không đúng chỗ; có thể thụt lề sai, hoặc giá trị chứa ': ' "
         "cần đặt trong dấu nháy"),
        ("a:\n  b: 1\n c: 2\n", 3, 2,
         "lỗi cú pháp YAML: thụt lề không khớp với các dòng phía trên (mỗi tầng thụt vào cùng một "
         "số dấu cách)"),
        ("a: [1, 2\nb: 3\n", 2, 2,
         "lỗi cú pháp YAML: danh sách trong ngoặc [ ] thiếu dấu ',' hoặc dấu đóng ']'"),
        ("a: {x: 1\nb: 3\n", 2, 2,
         "lỗi cú pháp YAML: bảng trong ngoặc { } thiếu dấu ',' hoặc dấu đóng '}'"),
        ("%YAML 2.0\n---\na: 1\n", 1, 1,
         "lỗi cú pháp YAML: chỉ thị %YAML chỉ nhận phiên bản 1.x; hãy xóa dòng %YAML"),
    ],
    ids=["tab", "unclosed-quote", "colon", "indent", "unclosed-list", "unclosed-map",
         "yaml-2"],
)
def test_syntax_errors_have_the_same_vietnamese_message_with_both_parsers(
    fast: bool, text: str, line: int, col: int, message: str
) -> None:
    assert one_error(load(text, fast)) == (line, col, message)


# ---------------------------------------------------------------- bytes and text


@PARSERS
def test_a_utf8_bom_is_accepted(fast: bool) -> None:
    doc = load(b"\xef\xbb\xbfa: 1\nb: Vi\xe1\xbb\x87t\n", fast)
    assert (doc.data, doc.problems) == ({"a": 1, "b": "Việt"}, [])
    assert doc.positions.key(("a",)) == Position(1, 1)


@PARSERS
def test_windows_line_ends_are_accepted(fast: bool) -> None:
    doc = load(b"a: 1\r\nb:\r\n  - x\r\n", fast)
    assert (doc.data, doc.problems) == ({"a": 1, "b": ["x"]}, [])
    assert doc.positions.value(("b", 0)) == Position(3, 5)


@PARSERS
@pytest.mark.parametrize(
    ("encoding", "kind"),
    [("utf-16", "UTF-16 LE (có BOM)"), ("utf-16-be", "UTF-16 BE (không có BOM)"),
     ("utf-16-le", "UTF-16 LE (không có BOM)")],
)
def test_utf16_is_refused(fast: bool, encoding: str, kind: str) -> None:
    raw = "don_vi: cong-an\nky: 2026-Q1\n".encode(encoding)
    assert one_error(load(raw, fast)) == (
        1, 1, f"tệp được lưu bằng mã {kind}; cần lưu lại bằng mã UTF-8 "
              "(trong Notepad: Lưu thành… → Mã hóa: UTF-8)"
    )


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: a precomposed base letter and a combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        for i in range(1, len(parts)):
            base = unicodedata.normalize("NFC", parts[:i] + parts[i + 1 :])
            try:
                out += base.encode("cp1258") + parts[i].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return out


@PARSERS
def test_windows_1258_bytes_are_refused_naming_the_encoding(fast: bool) -> None:
    raw = cp1258("don_vi: cong-an\nnguoi_bao_cao: Nguyễn Văn Tuấn\n")
    assert one_error(load(raw, fast)) == (
        2, 20, "tệp không phải mã UTF-8 (byte 0xEA không hợp lệ); có vẻ được lưu bằng bảng mã "
               "Windows-1258 (tiếng Việt của Windows); cần lưu lại bằng mã UTF-8 (trong "
               "Notepad: Lưu thành… → Mã hóa: UTF-8)"
    )


@PARSERS
def test_latin1_bytes_are_refused_naming_the_encoding(fast: bool) -> None:
    raw = "ghi_chu: Café, résumé, naïve\n".encode("latin-1")
    line, col, message = one_error(load(raw, fast))
    assert (line, col) == (1, 13)
    assert message.startswith("tệp không phải mã UTF-8 (byte 0xE9 không hợp lệ); có vẻ được lưu "
                              "bằng bảng mã Latin-1")


@PARSERS
def test_nfd_text_is_normalised_to_nfc_with_a_warning(fast: bool) -> None:
    text = unicodedata.normalize("NFD", "don_vi: x\nten: Nguyễn Văn A\ntên: b\n")
    doc = load(text, fast)
    assert doc.data == {"don_vi": "x", "ten": "Nguyễn Văn A", "tên": "b"}
    assert all(unicodedata.is_normalized("NFC", s) for s in (*doc.data, *doc.data.values()))
    assert problems(doc) == [
        (2, 10, "cảnh báo", "chữ có dấu được gõ ở dạng tổ hợp (NFD); kehoach đã chuẩn hóa về "
                           "Unicode dựng sẵn (NFC) khi đọc — nên lưu lại tệp ở dạng dựng sẵn"),
    ]
    assert doc.ok  # a warning only


@PARSERS
def test_positions_count_characters_of_the_file_as_written(fast: bool) -> None:
    # "ễ" written decomposed is three characters: e, U+0302, U+0303; columns are the file's.
    text = "x: 1\n" + unicodedata.normalize("NFD", "ghi_chu: {a: Nguyễn, b: 2}\n")
    doc = load(text, fast)
    assert doc.data == {"x": 1, "ghi_chu": {"a": "Nguyễn", "b": 2}}
    assert doc.positions.value(("ghi_chu", "b")) == Position(2, 27)


@PARSERS
def test_files_over_one_mib_are_refused(fast: bool) -> None:
    raw = b"a: 1\n# " + b"x" * MAX_FILE_BYTES + b"\n"
    assert one_error(load(raw, fast)) == (
        1, 1, "tệp quá lớn: hơn 1.048.576 byte (1 MiB); tệp kế hoạch và tệp kết quả tối đa 1 MiB "
              "— có thể đã dán nhầm nội dung khác vào tệp"
    )


@PARSERS
def test_a_file_of_exactly_one_mib_is_read(fast: bool) -> None:
    head = b"a: 1\n# "
    raw = head + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    doc = load(raw, fast)
    assert (doc.data, doc.problems) == ({"a": 1}, [])


@PARSERS
def test_nul_bytes_are_refused(fast: bool) -> None:
    assert one_error(load(b"a: 1\nb: x\x00y\n", fast)) == (
        2, 5, "tệp chứa byte NUL (0x00); tệp kết quả phải là văn bản YAML, không phải tệp nhị phân"
    )


@PARSERS
def test_control_characters_are_refused(fast: bool) -> None:
    assert one_error(load("a: 1\nb: x\x07y\n", fast)) == (
        2, 5, "tệp chứa ký tự điều khiển U+0007 (BEL, tiếng chuông), không được phép trong tệp "
              "YAML; hãy xóa ký tự đó"
    )


@PARSERS
def test_escaped_control_characters_are_errors_at_the_escape(fast: bool) -> None:
    doc = load('a: 1\nb: "x\\x08y"\n', fast)
    assert problems(doc) == [
        (2, 6, "lỗi", "giá trị chứa ký tự điều khiển U+0008 (BACKSPACE, xóa lùi), không được "
                      "phép trong văn bản (tệp .docx sẽ hỏng); hãy xóa ký tự đó"),
    ]


@PARSERS
def test_invisible_characters_are_errors(fast: bool) -> None:
    doc = load("ma: cong\u200b-an\n", fast)
    assert problems(doc) == [
        (1, 9, "lỗi", "giá trị chứa ký tự vô hình U+200B (zero width space); hãy xóa ký tự đó "
                      "(thường do sao chép từ web hoặc Word)"),
    ]


@PARSERS
def test_a_word_document_is_named(fast: bool) -> None:
    assert one_error(load(b"PK\x03\x04" + b"\x00" * 30, fast)) == (
        1, 1, "đây là tệp nén ZIP hoặc tệp Word/Excel (.docx, .xlsx), không phải tệp văn bản "
              "YAML; hãy nhập kết quả vào tệp .yaml theo mẫu (kehoach new)"
    )


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


def test_parse_text_takes_text_and_reports_the_given_path() -> None:
    doc = parse_text("units/x/2026-Q1.yaml", "a: 1\na: 2\n")
    assert [p.path for p in doc.problems] == ["units/x/2026-Q1.yaml"]
    assert doc.problems[0].severity is Severity.ERROR
    assert doc.problems[0].rule == "khoa-lap"
