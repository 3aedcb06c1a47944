"""load/pitfalls.py: what Word, web pages and quick typing leave in a YAML file, pointed at
and shown as it should be written, from the user's own key and value (both parsers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.load.yaml_cases import PARSERS, load, problems

from kehoach_cli.load import pitfalls
from kehoach_cli.vocab.problems import Edit, Position

NBSP = "\u00a0"
QUOTE = "hãy đặt cả giá trị trong dấu nháy: "


@PARSERS
@pytest.mark.parametrize(
    ("text", "line", "col", "message", "fix"),
    [
        (f"don_vi: x\nchi_tieu:\n{NBSP}{NBSP}a: {{gia_tri: 1}}\n", 3, 1,
         "dòng thụt lề bằng ký tự U+00A0 (dấu cách không ngắt), thường có khi dán từ Word hay "
         "trang web; YAML chỉ nhận dấu cách thường để thụt lề — hãy thay bằng dấu cách",
         Edit(Position(3, 1), NBSP * 2, "  ")),
        (f"chi_tieu:\n  a:\n   {NBSP}gia_tri: 1\n", 3, 4,
         "dòng thụt lề bằng ký tự U+00A0 (dấu cách không ngắt), thường có khi dán từ Word hay "
         "trang web; YAML chỉ nhận dấu cách thường để thụt lề — hãy thay bằng dấu cách",
         Edit(Position(3, 1), f"   {NBSP}", "    ")),
        ("chi_tieu:\n  a:\n \u3000 gia_tri: 1\n", 3, 2,
         "dòng thụt lề bằng ký tự U+3000 (dấu cách toàn khổ), thường có khi dán từ Word hay "
         "trang web; YAML chỉ nhận dấu cách thường để thụt lề — hãy thay bằng dấu cách", None),
        ("chi_tieu:\n  a:\n    tu_so:8\n    mau_so: 9\n", 3, 10,
         "thiếu dấu cách sau dấu ':' của khóa 'tu_so'; hãy viết: tu_so: 8",
         Edit(Position(3, 10), ":", ": ")),
        ("chi_tieu:\n  a:\n    tu_so:8\n", 3, 10,
         "thiếu dấu cách sau dấu ':' của khóa 'tu_so'; hãy viết: tu_so: 8",
         Edit(Position(3, 10), ":", ": ")),
        ("don_vi:cong-an\n", 1, 7,
         "thiếu dấu cách sau dấu ':' của khóa 'don_vi'; hãy viết: don_vi: cong-an",
         Edit(Position(1, 7), ":", ": ")),
        ("chi_tieu:\n  a: {tu_so:8, mau_so: 9}\n", 2, 12,
         "thiếu dấu cách sau dấu ':' của khóa 'tu_so'; hãy viết: tu_so: 8",
         Edit(Position(2, 12), ":", ": ")),
        ("chi_tieu:\n  a: {gia_tri:12.6}\n", 2, 14,
         "thiếu dấu cách sau dấu ':' của khóa 'gia_tri'; hãy viết: gia_tri: 12.6",
         Edit(Position(2, 14), ":", ": ")),
        ("chi_tieu:\n  - ma: a\n    so_sanh: >=\n", 3, 14,
         "giá trị bắt đầu bằng '>', mà YAML hiểu là dấu mở một khối văn bản; "
         + QUOTE + 'so_sanh: ">="', Edit(Position(3, 14), ">=", '">="')),
        ("nguoi_bao_cao: \u201cKết quả: tốt\u201d\n", 1, 16,
         "dấu nháy cong “ ” (của Word) không phải dấu nháy của YAML, nên giá trị chứa ': ', mà "
         'YAML hiểu là dấu ngăn khóa với giá trị; hãy dùng dấu nháy thẳng: nguoi_bao_cao: '
         '"Kết quả: tốt"', Edit(Position(1, 16), "“Kết quả: tốt”", '"Kết quả: tốt"')),
        ("kho_khan:\n  - Thiếu người\n  Thiếu kinh phí\n", 3, 3,
         "dòng này nằm giữa các phần tử của một danh sách nhưng thiếu dấu '- ' ở đầu; hãy viết: "
         "- Thiếu kinh phí", Edit(Position(3, 3), "Thiếu kinh phí", "- Thiếu kinh phí")),
        ("kho_khan:\n  Thiếu người  # ghi chú\n  - Thiếu kinh phí\n", 2, 3,
         "dòng này nằm giữa các phần tử của một danh sách nhưng thiếu dấu '- ' ở đầu; hãy viết: "
         "- Thiếu người",
         Edit(Position(2, 3), "Thiếu người  # ghi chú", "- Thiếu người  # ghi chú")),
        ("chi_tieu:\n  a: {gia_tri: 6, ghi_chu: Số ước tính: 6 tháng}\n", 2, 28,
         "giá trị chứa ': ' (trong ngoặc { } YAML hiểu đó là một khóa nữa); "
         + QUOTE + 'ghi_chu: "Số ước tính: 6 tháng"',
         Edit(Position(2, 28), "Số ước tính: 6 tháng", '"Số ước tính: 6 tháng"')),
        ("nguoi_bao_cao: Ông A: trưởng phòng  # ghi chú\n", 1, 16,
         "giá trị chứa ': ', mà YAML hiểu là dấu ngăn khóa với giá trị; "
         + QUOTE + 'nguoi_bao_cao: "Ông A: trưởng phòng"',
         Edit(Position(1, 16), "Ông A: trưởng phòng", '"Ông A: trưởng phòng"')),
        ("a: b: c\n", 1, 4,
         "giá trị chứa ': ', mà YAML hiểu là dấu ngăn khóa với giá trị; " + QUOTE + 'a: "b: c"',
         Edit(Position(1, 4), "b: c", '"b: c"')),
        ("kho_khan:\n  - Mạng: chập chờn, có \"lúc\" mất\n", 2, 5,
         "giá trị chứa ': ', mà YAML hiểu là dấu ngăn khóa với giá trị; "
         + QUOTE + "- 'Mạng: chập chờn, có \"lúc\" mất'",
         Edit(Position(2, 5), 'Mạng: chập chờn, có "lúc" mất',
              "'Mạng: chập chờn, có \"lúc\" mất'")),
        ('tai_khoan: [nguyen-van-a, nhac-viec[bot], "x[bot]"]\n', 1, 27,
         "tên tài khoản nhac-viec[bot] trong danh sách [ ] cần đặt trong ngoặc kép (YAML hiểu "
         "dấu '[' là mở một danh sách khác); hãy viết \"nhac-viec[bot]\"",
         Edit(Position(1, 27), "nhac-viec[bot]", '"nhac-viec[bot]"')),
        ("ket_qua: - Đã xong\n", 1, 10,
         "giá trị bắt đầu bằng '- ', mà YAML hiểu là một danh sách; " + QUOTE
         + 'ket_qua: "- Đã xong"', Edit(Position(1, 10), "- Đã xong", '"- Đã xong"')),
        ("ket_qua: *Đã xong\n", 1, 10,
         "giá trị bắt đầu bằng '*', mà YAML hiểu '*Đã' là bí danh chứ không phải chữ; " + QUOTE
         + 'ket_qua: "*Đã xong"', Edit(Position(1, 10), "*Đã xong", '"*Đã xong"')),
        ("ket_qua: &Đã xong\n", 1, 10,
         "giá trị bắt đầu bằng '&', mà YAML hiểu '&Đã' là tên neo chứ không phải chữ; " + QUOTE
         + 'ket_qua: "&Đã xong"', Edit(Position(1, 10), "&Đã xong", '"&Đã xong"')),
        ("ket_qua: !Đã xong\n", 1, 10,
         "giá trị bắt đầu bằng '!', mà YAML hiểu là một thẻ; " + QUOTE + 'ket_qua: "!Đã xong"',
         Edit(Position(1, 10), "!Đã xong", '"!Đã xong"')),
        ("ket_qua: %Đạt\n", 1, 10,
         "giá trị bắt đầu bằng '%', ký tự YAML không cho đứng đầu một giá trị; " + QUOTE
         + 'ket_qua: "%Đạt"', Edit(Position(1, 10), "%Đạt", '"%Đạt"')),
        ("ket_qua: @UBND xã\n", 1, 10,
         "giá trị bắt đầu bằng '@', ký tự YAML không cho đứng đầu một giá trị; " + QUOTE
         + 'ket_qua: "@UBND xã"', Edit(Position(1, 10), "@UBND xã", '"@UBND xã"')),
        ("ket_qua: `Đề án 06` xong\n", 1, 10,
         "giá trị bắt đầu bằng '`', ký tự YAML không cho đứng đầu một giá trị; " + QUOTE
         + 'ket_qua: "`Đề án 06` xong"',
         Edit(Position(1, 10), "`Đề án 06` xong", '"`Đề án 06` xong"')),
    ],
    ids=["nbsp-indent", "nbsp-mixed", "ideographic-space", "glued-block", "glued-last",
         "glued-top", "glued-flow", "glued-flow-decimal", "so-sanh", "curly-colon",
         "no-dash-last", "no-dash-first", "colon-flow", "colon-block", "colon-short",
         "colon-item-with-quotes", "bot-in-flow", "dash-value", "star", "ampersand", "bang",
         "percent", "at",
         "backtick"],
)
def test_a_pitfall_is_pointed_at_and_shown_as_it_should_be(
    fast: bool, text: str, line: int, col: int, message: str, fix: Edit | None
) -> None:
    doc = load(text, fast)
    assert doc.data is None
    assert problems(doc) == [(line, col, "lỗi", message)]
    assert doc.problems[0].fix == fix
    if fix is not None:  # the fix is what the message says, and the file then parses
        lines = text.split("\n")
        row = lines[fix.start.line - 1]
        start = fix.start.col - 1
        assert row[start : start + len(fix.old)] == fix.old
        lines[fix.start.line - 1] = row[:start] + fix.new + row[start + len(fix.old):]
        fixed = load("\n".join(lines), fast)
        assert fixed.data is not None
        assert not [p for p in fixed.problems if p.rule == "cu-phap"]


@PARSERS
def test_curly_quotes_around_a_whole_value_are_a_warning(fast: bool) -> None:
    doc = load("nguoi_bao_cao: \u201cNguyễn Văn A\u201d\n", fast)
    assert doc.data == {"nguoi_bao_cao": "“Nguyễn Văn A”"}
    assert problems(doc) == [(1, 16, "cảnh báo",
                              "dấu nháy cong “ ” (của Word) không phải dấu nháy của YAML nên sẽ "
                              "nằm luôn trong giá trị; nếu chỉ muốn đặt giá trị trong dấu nháy, "
                              'hãy dùng dấu nháy thẳng: nguoi_bao_cao: "Nguyễn Văn A"')]
    assert doc.problems[0].fix is None  # quotes around a title may be meant


@PARSERS
@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: [1, 2]}\nc: *x\n",
        "a: !!str 12\n",
        "a: ! 12\n",
        "so_sanh: \">=\"\nsau: <=\n",
        "ket_qua: |\n  tu_so:8\n  - không phải danh sách\n  Ông A: trưởng phòng\n",
        "ket_qua: >-\n  @a\n",
        "url: http://a.vn/x:8\n",
        "kho_khan:\n  - Thiếu người và\n    kinh phí\n",
        "chi_tieu:\n  a: {gia_tri: 1, ghi_chu: \"Số ước tính: 6 tháng\"}\n",
        "ghi_chu: 'a: b'  # ghi chú: có dấu hai chấm\n",
        "gio: 8:30\n",
        f"ten: Công{NBSP}an xã\n",
    ],
)
def test_ordinary_yaml_is_left_to_the_parser(fast: bool, text: str) -> None:
    doc = load(text, fast)
    assert [p for p in doc.problems if p.rule == "cu-phap"] == []


@PARSERS
@pytest.mark.parametrize(
    ("text", "line", "col", "char"),
    [
        ("a:\u200b 1\nb: 2\n", 1, 3, "\u200b"),
        ("a:\n  - x\n\u2060 - y\n", 3, 1, "\u2060"),
    ],
)
def test_an_invisible_character_that_breaks_the_syntax_is_named_where_it_stands(
    fast: bool, text: str, line: int, col: int, char: str
) -> None:
    doc = load(text, fast)
    name = {"\u200b": "U+200B (dấu cách độ rộng 0)", "\u2060": "U+2060 (ký tự nối từ)"}[char]
    assert problems(doc) == [(line, col, "lỗi",
                              f"tệp chứa ký tự vô hình {name} ở đây, làm YAML đọc sai cấu trúc "
                              "của dòng; hãy xóa ký tự đó (thường do sao chép từ web hoặc Word)")]
    assert doc.problems[0].fix == Edit(Position(line, col), char, "")


@PARSERS
def test_a_bot_login_in_a_block_list_or_in_quotes_is_fine(fast: bool) -> None:
    for text in ("tai_khoan:\n  - nhac-viec[bot]\n", 'tai_khoan: ["nhac-viec[bot]"]\n',
                 "tai_khoan: ['nhac-viec[bot]']\n"):
        doc = load(text, fast)
        assert (problems(doc), doc.data) == ([], {"tai_khoan": ["nhac-viec[bot]"]}), text


# The pre-filter (one search per pattern over the whole text) decides which files are read
# line by line; it must never hide a line the line-by-line checks would point at.
_PIECES = ["a", "tu_so", "ghi_chu", "x", "Mạng", "chập chờn", ":", ": ", "-", "- ", " ",
           "  ", "\n", "#", "|", ">", "&", "*", "!", "%", "@", "`", "\u201c", "\u201d", '"',
           "'", "{", "}", "[", "]", ",", "8", "12,5", "/", "\\", "[bot]", "ten[bot]", "\ufeff"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=3000, deadline=None, derandomize=True)
def test_the_pre_filter_never_hides_a_finding(text: str) -> None:
    lines = text.split("\n")
    findings = list(pitfalls._values("units/x/2026-Q2.yaml", lines, text))
    if findings:
        assert pitfalls._triggered(text), (text, findings)
