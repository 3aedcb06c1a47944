"""load/parse_errors.py: the parsers' syntax errors, in Vietnamese and the
same with both parsers.

Every test marked @PARSERS runs with both parsers (see yaml_cases.py).
"""

from __future__ import annotations

import pytest
from tests.load.yaml_cases import PARSERS, load, one_error

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
        ("a: 1\n b: 2\n", 2, 3,
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
