"""The rules of the loading stage: problems found while reading files, before any check
across files. Each id is printed with its problems; check/registry.py lists them with
the rules of check/rules/."""

from __future__ import annotations

from ..vocab.problems import Rule

FILE = Rule("tep", "Tệp và thư mục có tên, chỗ và loại đúng như hợp đồng dữ liệu quy định")
ENCODING = Rule("ma-hoa", "Tệp được lưu bằng mã UTF-8, chữ tiếng Việt ở dạng dựng sẵn (NFC)")
CHARACTER = Rule("ky-tu", "Tệp không chứa ký tự điều khiển, ký tự vô hình hay ký tự bị mất")
SYNTAX = Rule("cu-phap", "Tệp viết đúng cú pháp YAML: thụt lề, dấu hai chấm, dấu nháy")
DUPLICATE_KEY = Rule("khoa-lap", "Mỗi khóa chỉ xuất hiện một lần trong cùng một bảng khóa")
FORMAT = Rule(
    "dinh-dang",
    "Mỗi tệp có đúng các khóa của loại tệp đó, mỗi giá trị đúng kiểu và dạng quy định",
)
MISREAD = Rule(
    "doc-nham",
    "Không có giá trị nào bị đọc khác ý người viết: số có dấu chấm ngăn cách hàng nghìn "
    "(1.250), chữ sau dấu ' #' bị YAML coi là chú thích",
)
