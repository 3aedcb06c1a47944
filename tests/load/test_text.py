"""load/text.py: the bytes and characters of a file before it is parsed.

Every test marked @PARSERS runs with both parsers (see yaml_cases.py).
"""

from __future__ import annotations

import unicodedata

import pytest
from tests.load.yaml_cases import PARSERS, load, one_error, problems

from kehoach_cli.load.text import MAX_FILE_BYTES
from kehoach_cli.vocab.problems import Position

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
        (1, 9, "lỗi", "giá trị chứa ký tự vô hình U+200B (dấu cách độ rộng 0); hãy xóa ký tự đó "
                      "(thường do sao chép từ web hoặc Word)"),
    ]


@PARSERS
def test_a_word_document_is_named(fast: bool) -> None:
    assert one_error(load(b"PK\x03\x04" + b"\x00" * 30, fast)) == (
        1, 1, "đây là tệp nén ZIP hoặc tệp Word/Excel (.docx, .xlsx), không phải tệp văn bản "
              "YAML; hãy nhập kết quả vào tệp .yaml theo mẫu (kehoach new)"
    )
