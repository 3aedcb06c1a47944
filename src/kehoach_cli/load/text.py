"""Bytes to text: UTF-8 only, no character YAML, XML or an editor would read differently,
and the checks on each string (control and invisible characters, letters lost to "?")."""

from __future__ import annotations

import re
import unicodedata

from ..vocab.numbers import format_number
from ..vocab.problems import START, Position, Problem, error, warning
from .encodings import LEGACY_ADVICE, guess_legacy_encoding, utf16_kind
from .rules import CHARACTER, ENCODING

MAX_FILE_BYTES = 1024 * 1024


def shown_text(text: str, limit: int = 40) -> str:
    """A value as a message shows it: on one line (a line break as \\n, other invisible
    characters as \\xNN or \\uNNNN) and cut at ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 3] + "…"
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1] if ch != "\\" else ch)
    return "".join(out)


# ---------------------------------------------------------------- bytes -> text

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "tệp nén ZIP hoặc tệp Word/Excel (.docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "tệp Word/Excel cũ (.doc, .xls)"),
    (b"%PDF", "tệp PDF"),
    (b"\x89PNG", "tệp ảnh PNG"),
    (b"\xff\xd8\xff", "tệp ảnh JPEG"),
)
def _bad_byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(line, col)


_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL, tiếng chuông", 0x08: "BACKSPACE, xóa lùi", 0x0B: "tab dọc",
    0x0C: "ngắt trang", 0x1B: "ESC", 0x7F: "DEL",
}


# The invisible and space-like characters that text pasted from Word or the web brings,
# named in Vietnamese (other characters keep their Unicode name).
_NAMES = {
    0x00A0: "dấu cách không ngắt", 0x00AD: "dấu gạch nối mềm", 0x200B: "dấu cách độ rộng 0",
    0x200C: "ký tự ngăn nối độ rộng 0", 0x200D: "ký tự nối độ rộng 0",
    0x200E: "dấu chiều viết trái sang phải", 0x200F: "dấu chiều viết phải sang trái",
    0x202A: "dấu điều hướng chiều viết", 0x202B: "dấu điều hướng chiều viết",
    0x202C: "dấu điều hướng chiều viết", 0x202D: "dấu ép viết từ trái sang phải",
    0x202E: "dấu ép viết từ phải sang trái", 0x2060: "ký tự nối từ",
    0x2066: "dấu điều hướng chiều viết", 0x2067: "dấu điều hướng chiều viết",
    0x2068: "dấu điều hướng chiều viết", 0x2069: "dấu điều hướng chiều viết",
    0x2028: "ký tự ngăn dòng", 0x2029: "ký tự ngăn đoạn",
    0xFEFF: "BOM, dấu cách độ rộng 0 không ngắt",
}


def describe_char(ch: str) -> str:
    """'U+0001', 'U+000C (ngắt trang)', 'U+200B (dấu cách độ rộng 0)'."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or _NAMES.get(code)
    if name is None and 0xD800 <= code <= 0xDFFF:
        name = "nửa cặp UTF-16 đứng riêng"
    if name is None and code in (0xFFFE, 0xFFFF):
        name = "không phải ký tự"
    if name is None:
        name = unicodedata.name(ch, "").lower() or None
    return f"U+{code:04X}" + (f" ({name})" if name else "")


# Characters refused anywhere in the file. YAML itself forbids the C0 and C1 controls
# (but tab, LF and CR) and U+FFFE/U+FFFF; a CR not followed by LF and the Unicode line
# separators are line breaks for the YAML parsers but not for git, GitHub or most
# editors, so every line number reported after one would be wrong. A BOM inside the
# text (two files pasted together) is skipped by libyaml at the start of a line, and
# refused by ruamel: it is refused here, wherever it stands.
# (The lone CR is searched for apart, only in a text that has a CR: the engine scans
# for a character class much faster than for an alternation.)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")


def _first_forbidden(text: str) -> int | None:
    """Where the first character refused anywhere in a file stands, or None."""
    found = [m.start() for m in (
        _FORBIDDEN.search(text), _LONE_CR.search(text) if "\r" in text else None,
    ) if m is not None]
    return min(found) if found else None


def _forbidden_message(ch: str) -> str:
    if ch == "\x00":
        return ("tệp chứa byte NUL (0x00); tệp kết quả phải là văn bản YAML, không phải tệp "
                "nhị phân")
    if ch == "\r":
        return ("ký tự xuống dòng CR (U+000D) đứng riêng, không có LF theo sau; hãy lưu tệp với "
                "kiểu xuống dòng LF hoặc CRLF (Windows)")
    if ch in "\x85\u2028\u2029":
        return (f"ký tự ngắt dòng đặc biệt {describe_char(ch)}; hãy thay bằng xuống dòng thường "
                "(Enter) hoặc dấu cách")
    if ch in "\ufffe\uffff":
        return f"tệp chứa {describe_char(ch)}; hãy xóa ký tự đó"
    if ch == "\ufeff":
        return ("tệp chứa thêm một ký tự vô hình U+FEFF (BOM), thường do sao chép hoặc ghép "
                "tệp; hãy xóa ký tự đó")
    return (f"tệp chứa ký tự điều khiển {describe_char(ch)}, không được phép trong tệp YAML; "
            "hãy xóa ký tự đó")


def _text_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes to text; a BOM is accepted; anything else is named and refused.

    The text is returned as found (not normalised), so that the parsers' positions are
    the file's; ``parse_text`` normalises every string to NFC, and a warning here says
    where the first decomposed (NFD) letter stands.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(path, START,
                  f"tệp quá lớn: hơn {format_number(MAX_FILE_BYTES)} byte (1 MiB); tệp kế hoạch và "
                  "tệp kết quả tối đa 1 MiB — có thể đã dán nhầm nội dung khác vào tệp", "tep")
        ]
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return None, [
                error(path, START, f"đây là {kind}, không phải tệp văn bản YAML; hãy nhập "
                      "kết quả vào tệp .yaml theo mẫu (kehoach new)", "tep")
            ]
    utf16 = utf16_kind(raw)
    if utf16 is not None:
        return None, [
            error(path, START,
                  f"tệp được lưu bằng mã {utf16}; cần lưu lại bằng mã UTF-8 "
                  "(trong Notepad: Lưu thành… → Mã hóa: UTF-8)", ENCODING.id)
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = guess_legacy_encoding(raw)
        advice = LEGACY_ADVICE.get(legacy or "", "cần chuyển sang Unicode và lưu bằng mã UTF-8")
        return None, [
            error(path, _bad_byte_position(raw, exc.start),
                  f"tệp không phải mã UTF-8 (byte 0x{raw[exc.start]:02X} không hợp lệ); "
                  f"{advice}", ENCODING.id)
        ]
    bad = _first_forbidden(text)
    if bad is not None:
        return None, [
            error(path, _text_position(text, bad), _forbidden_message(text[bad]), CHARACTER.id)
        ]
    problems: list[Problem] = []
    if not unicodedata.is_normalized("NFC", text):
        index = _first_unnormalized(text)
        problems.append(
            warning(path, _text_position(text, index),
                    "chữ có dấu được gõ ở dạng tổ hợp (NFD); kehoach đã chuẩn hóa về Unicode "
                    "dựng sẵn (NFC) khi đọc — nên lưu lại tệp ở dạng dựng sẵn", ENCODING.id)
        )
    return text, problems


def _first_unnormalized(text: str) -> int:
    """The index of the first letter that NFC would change (the base of a decomposed one)."""
    for i, ch in enumerate(text):
        if unicodedata.combining(ch) and i:
            pair = text[i - 1 : i + 1]
            if unicodedata.normalize("NFC", pair) != pair:
                return i - 1
        elif not unicodedata.is_normalized("NFC", ch):
            return i
    return 0  # pragma: no cover - only called on text that is not NFC


# Characters XML 1.0 forbids: they would corrupt the .docx, so they never pass loading.
# (Literal ones are refused with the file; these come from "\x01"-style escapes.)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Invisible characters that make two ids look equal or reorder text on screen.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# A word with "?" for a letter ("k?t qu?"): what saving as "ANSI" leaves of Vietnamese.
_QUESTION_IN_WORD = re.compile(r"[^\W\d_]\?+[^\W\d_]|\A[\"'(\[]?\?+[^\W\d_]")

def lost_word(text: str) -> re.Match[str] | None:
    """The first word with "?" among its letters ("k?t", "??t"), URLs aside."""
    for word in re.finditer(r"\S+", text):
        if _QUESTION_IN_WORD.search(word[0]) and not re.search(r"[/=&]", word[0]):
            return word
    return None
