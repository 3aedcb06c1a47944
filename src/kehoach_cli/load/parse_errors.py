"""The parsers' syntax errors, in Vietnamese."""

from __future__ import annotations

from ..vocab.problems import START, Position, Problem, error
from .rules import SYNTAX

# ---------------------------------------------------------------- parse errors

_INDENT = "thụt lề không khớp với các dòng phía trên (mỗi tầng thụt vào cùng một số dấu cách)"
_COLON = ("dấu ':' không đúng chỗ; có thể thụt lề sai, hoặc giá trị chứa ': ' cần đặt trong "
          "dấu nháy")
_DIRECTIVE = "chỉ thị '%' hoặc thẻ '!' không hợp lệ; tệp không cần dùng chỉ thị hay thẻ YAML"
# ruamel.yaml's problems (the reference parser for syntax errors), in Vietnamese; the
# first needle found in the problem wins, so the specific ones come first.
_PARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("found character '\\t'",
     "ký tự Tab không được dùng ở đây (YAML chỉ dùng dấu cách để thụt lề và ngăn cách); "
     "hãy thay bằng dấu cách"),
    ("mapping values are not allowed here", _COLON),
    ("found unexpected ':'", _COLON),
    ("could not find expected ':'",
     "thiếu dấu ':' sau khóa, hoặc thụt lề sai; mỗi dòng cần dạng 'khoa: gia_tri'"),
    ("mapping keys are not allowed here",
     "dấu '?' không đúng chỗ; nếu giá trị bắt đầu bằng '?', hãy đặt nó trong dấu nháy"),
    ("sequence entries are not allowed here",
     "dấu '- ' (phần tử danh sách) không đúng chỗ; kiểm tra thụt lề"),
    ("block sequence entries are not allowed",
     "dấu '- ' (phần tử danh sách) không đúng chỗ; kiểm tra thụt lề"),
    ("expected <block end>", _INDENT),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator",
     "danh sách thụt lề sai: mỗi phần tử cần bắt đầu bằng '- '"),
    ("expected ',' or ']'", "danh sách trong ngoặc [ ] thiếu dấu ',' hoặc dấu đóng ']'"),
    ("expected ',' or '}'", "bảng trong ngoặc { } thiếu dấu ',' hoặc dấu đóng '}'"),
    ("found unexpected end of stream", "tệp kết thúc khi dấu nháy hoặc ngoặc chưa được đóng"),
    ("found unexpected document separator",
     "dòng '---' hoặc '...' nằm giữa một chuỗi trong dấu nháy; hãy đóng dấu nháy trước dòng đó"),
    ("found non-comment content after document end marker",
     "có nội dung sau dòng kết thúc tài liệu '...'; hãy xóa dòng '...'"),
    ("expected '<document start>'",
     "có nội dung sau dòng kết thúc tài liệu '...' hoặc sau chỉ thị '%'; hãy xóa các dòng đó"),
    ("found unknown escape character",
     "chuỗi trong nháy kép có ký tự thoát '\\' không hợp lệ; muốn viết dấu '\\' thì viết "
     "'\\\\', hoặc dùng nháy đơn"),
    ("expected escape sequence",
     "mã thoát '\\x', '\\u' hoặc '\\U' cần đủ chữ số hệ mười sáu; hoặc dùng nháy đơn"),
    ("found duplicate anchor", "tên neo '&' bị dùng hai lần"),
    ("found undefined alias", "bí danh '*' trỏ tới một neo '&' chưa được định nghĩa"),
    ("expected alphabetic or numeric character",
     "tên neo '&' hay bí danh '*' chỉ gồm chữ cái và chữ số; nếu giá trị bắt đầu bằng "
     "'&' hoặc '*', hãy đặt nó trong dấu nháy"),
    ("found incompatible YAML document",
     "chỉ thị %YAML chỉ nhận phiên bản 1.x; hãy xóa dòng %YAML"),
    ("found undefined tag handle", _DIRECTIVE),
    ("found duplicate YAML directive", _DIRECTIVE),
    ("expected chomping or indentation indicators",
     "sau '|' hoặc '>' chỉ được có '+', '-' hoặc một chữ số từ 1 đến 9"),
    ("expected indentation indicator",
     "sau '|' hoặc '>' chỉ được có '+', '-' hoặc một chữ số từ 1 đến 9"),
    ("expected a comment or a line break",
     "sau phần này chỉ được có chú thích '#' hoặc xuống dòng"),
    ("expected the node content", "thiếu giá trị ở đây"),
    ("expected ' '", _DIRECTIVE),
    ("expected a digit", _DIRECTIVE),
    ("expected '!'", _DIRECTIVE),
    ("expected '>'", _DIRECTIVE),
    ("expected URI", _DIRECTIVE),
    ("special characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("found unacceptable character", "tệp chứa ký tự điều khiển không được phép"),
    ("found character that cannot start any token",
     "ký tự không thể đứng đầu một giá trị (như @ hoặc `); hãy đặt giá trị trong dấu nháy"),
    ("that cannot start any token",
     "ký tự không thể đứng đầu một giá trị (như @ hoặc `); hãy đặt giá trị trong dấu nháy"),
    ("could not find expected", "cú pháp YAML không hoàn chỉnh ở đây"),
)


def parse_error(path: str, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = Position(mark.line + 1, mark.column + 1) if mark is not None else START
    problem = str(getattr(exc, "problem", "") or exc)
    for needle, message in _PARSE_MESSAGES:
        if needle in problem:
            return error(path, pos, f"lỗi cú pháp YAML: {message}", SYNTAX.id)
    first = problem.strip().splitlines()[0] if problem.strip() else "không rõ"
    return error(path, pos, f"lỗi cú pháp YAML ({first})", SYNTAX.id)
