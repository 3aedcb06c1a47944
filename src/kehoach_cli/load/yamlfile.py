"""Read one YAML file into plain Python values and the position of every key and value.

The text is parsed into YAML events (ruamel.yaml's parser, or libyaml's through
PyYAML where speed matters: both emit the same events with the same marks), and this
module builds the values itself. Doing the construction here keeps the rules the same
whichever parser ran, and lets us refuse what an official record must never contain:
unknown tags are never constructed, aliases are bounded, duplicate keys are errors.

Scalars follow the YAML 1.2 core schema (``yes`` is a string, not a boolean), plus
dates written as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..check.problems import START, Position, Problem, error, warning

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000  # nodes after expanding aliases; an alias bomb stops here
MAX_DEPTH = 64

PathKey = str | int
Path = tuple[PathKey, ...]


@dataclass(slots=True)
class Positions:
    """Where each key and value of a file stands, addressed by its path of keys and indexes."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def value(self, path: Path) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that exists."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), START)

    def key(self, path: Path) -> Position:
        """The position of the key naming ``path`` (falls back to the value, then ancestors)."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)


@dataclass(frozen=True, slots=True)
class InvalidDate:
    """A scalar shaped like a date that names no real day (2026-02-30)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(slots=True)
class YamlDocument:
    path: str
    data: Any
    positions: Positions
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class _Fatal(Exception):
    def __init__(self, pos: Position, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


# ---------------------------------------------------------------- bytes -> text

# Byte sequences that betray a legacy Vietnamese encoding. TCVN3 (ABC) puts
# precomposed letters in 0x80-0xFF; VNI writes a base letter followed by a byte
# for the tone; Windows-1258 uses combining tone marks at 0xCC, 0xD2, 0xDE, 0xEC, 0xF2.
_VNI_HINTS = re.compile(rb"[a-zA-Z][\xc0-\xdf\xe0-\xfa]")


def guess_legacy_encoding(raw: bytes) -> str | None:
    """Name the legacy encoding a non-UTF-8 Vietnamese file was most likely typed in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    high = sum(1 for b in raw if b >= 0x80)
    if not high:
        return None
    try:
        cp1258 = raw.decode("cp1258")
    except UnicodeDecodeError:
        cp1258 = ""
    nfc = unicodedata.normalize("NFC", cp1258)
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
    if cp1258 and sum(1 for ch in nfc if ch.lower() in vietnamese) * 2 >= high and any(
        b in raw for b in (0xCC, 0xD2, 0xDE, 0xEC, 0xF2)
    ):
        return "Windows-1258"
    # TCVN3 uses 0xA1-0xFF for lowercase precomposed letters, often 2+ in a word.
    tcvn3_letters = sum(1 for b in raw if 0xA1 <= b <= 0xFE)
    if _VNI_HINTS.search(raw) and raw.count(b"\xf8") + raw.count(b"\xf9") + raw.count(
        b"\xf5"
    ) > tcvn3_letters // 4:
        return "VNI"
    if tcvn3_letters:
        return "TCVN3 (ABC)"
    return "Latin-1"


def _bad_byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(line, col)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes to NFC text; a BOM is accepted; anything else is named and refused."""
    problems: list[Problem] = []
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(
                path,
                START,
                f"tệp quá lớn ({len(raw):_} byte); tệp kế hoạch và tệp kết quả tối đa "
                f"{MAX_FILE_BYTES:_} byte (1 MiB)".replace("_", "."),
                "tep",
            )
        ]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error(
                path,
                START,
                "tệp được lưu bằng mã UTF-16; cần lưu lại bằng mã UTF-8 "
                "(trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
                "ma-hoa",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        legacy = guess_legacy_encoding(raw)
        hint = f"; có vẻ được gõ bằng bảng mã {legacy}" if legacy else ""
        return None, [
            error(
                path,
                _bad_byte_position(raw, exc.start),
                f"tệp không phải mã UTF-8 (byte 0x{raw[exc.start]:02X} không hợp lệ){hint}; "
                "cần chuyển sang Unicode dựng sẵn và lưu bằng mã UTF-8 "
                "(ví dụ dùng công cụ chuyển mã của Unikey)",
                "ma-hoa",
            )
        ]
    if "\x00" in text:
        return None, [
            error(
                path,
                _bad_byte_position(raw, raw.index(b"\x00")),
                "tệp chứa ký tự NUL; đây không phải tệp văn bản YAML",
                "ma-hoa",
            )
        ]
    if not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(text.splitlines(), 1):
            if not unicodedata.is_normalized("NFC", line):
                col = next(
                    i for i, ch in enumerate(line, 1) if unicodedata.combining(ch)
                )
                problems.append(
                    warning(
                        path,
                        Position(number, max(col - 1, 1)),
                        "chữ có dấu được gõ ở dạng tổ hợp (NFD); kehoach đã chuẩn hóa về "
                        "Unicode dựng sẵn (NFC) khi đọc — nên lưu lại tệp ở dạng dựng sẵn",
                        "ma-hoa",
                    )
                )
                break
        text = unicodedata.normalize("NFC", text)
    return text, problems


# ---------------------------------------------------------------- scalars

_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

STANDARD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}

# Characters XML 1.0 forbids: they would corrupt the .docx, so they never pass loading.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Invisible characters that make two ids look equal or reorder text on screen.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def _resolve_plain(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    m = _DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return InvalidDate(text)
    return text


def _describe_tag(tag: str) -> str:
    if tag.startswith(STANDARD_TAG):
        return "!!" + tag[len(STANDARD_TAG) :]
    return tag


def _tag_name(tag: str | None) -> str | None:
    """The short name of a standard tag ('str', 'map'...); None when implicit or '!'."""
    if tag is None or tag == "!":
        return None
    if tag.startswith(STANDARD_TAG):
        return tag[len(STANDARD_TAG) :]
    return tag  # non-standard: returned as is, refused by the caller


def _scalar(tag: str | None, text: str, plain: bool, pos: Position) -> Any:
    name = _tag_name(tag)
    if name is None:
        return _resolve_plain(text) if plain else text
    if name not in _SCALAR_TAGS:
        raise _Fatal(
            pos,
            f"thẻ YAML {_describe_tag(tag or '')} không được phép; tệp chỉ được dùng giá trị "
            "thông thường (chuỗi, số, ngày, true/false)",
        )
    if name == "str":
        return text
    value = _resolve_plain(text)
    expected: dict[str, tuple[type, ...]] = {
        "int": (int,),
        "float": (float, int),
        "bool": (bool,),
        "null": (type(None),),
        "timestamp": (dt.date, InvalidDate),
    }
    if isinstance(value, bool) and name in ("int", "float"):
        value = text
    if not isinstance(value, expected[name]):
        raise _Fatal(pos, f"giá trị '{text}' không khớp với thẻ {_describe_tag(tag or '')}")
    if name == "float":
        return float(value)
    return value


# ---------------------------------------------------------------- events -> values


@dataclass(slots=True)
class _Anchor:
    value: Any
    size: int


class _Builder:
    def __init__(self, path: str, events: Iterator[Any]) -> None:
        self.path = path
        self.events = events
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.nodes = 0

    def _pos(self, event: Any) -> Position:
        mark = event.start_mark
        return Position(mark.line + 1, mark.column + 1)

    def _next(self) -> Any:
        return next(self.events)

    def document(self) -> Any:
        kinds = [type(self._next()).__name__]  # StreamStart
        event = self._next()
        if type(event).__name__ == "StreamEndEvent":
            return None
        assert type(event).__name__ == "DocumentStartEvent", kinds
        data, _ = self.node(self._next(), (), 0)
        self._next()  # DocumentEnd
        event = self._next()
        if type(event).__name__ != "StreamEndEvent":
            raise _Fatal(
                self._pos(event),
                "tệp chỉ được chứa một tài liệu YAML; hãy bỏ dấu '---' thứ hai và phần sau nó",
            )
        return data

    def _count(self, n: int, pos: Position) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise _Fatal(
                pos,
                f"tệp có quá nhiều phần tử (hơn {MAX_NODES:_} sau khi mở các bí danh "
                "'*'); có thể là một 'quả bom bí danh' — hãy viết dữ liệu trực tiếp, "
                "không dùng '&' và '*'".replace("_", "."),
            )

    def node(self, event: Any, path: Path, depth: int) -> tuple[Any, int]:
        """Build the value of the node that starts with ``event``; return it and its size."""
        kind = type(event).__name__
        pos = self._pos(event)
        if depth > MAX_DEPTH:
            raise _Fatal(pos, f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)")
        self.positions.values[path] = pos
        if kind == "AliasEvent":
            anchor = self.anchors.get(event.anchor)
            if anchor is None:  # the parsers already refuse this; kept for safety
                raise _Fatal(pos, f"bí danh *{event.anchor} chưa được định nghĩa")
            self._count(anchor.size, pos)
            return copy.deepcopy(anchor.value), anchor.size
        self._count(1, pos)
        if kind == "ScalarEvent":
            style = event.style
            value = _scalar(event.tag, event.value, not style, pos)
            if isinstance(value, str):
                self._check_text(value, pos)
            size = 1
        elif kind == "SequenceStartEvent":
            self._check_collection_tag(event.tag, "seq", pos)
            items: list[Any] = []
            size = 1
            while True:
                child = self._next()
                if type(child).__name__ == "SequenceEndEvent":
                    break
                item, n = self.node(child, (*path, len(items)), depth + 1)
                items.append(item)
                size += n
            value = items
        elif kind == "MappingStartEvent":
            self._check_collection_tag(event.tag, "map", pos)
            mapping: dict[str, Any] = {}
            size = 1
            while True:
                key_event = self._next()
                if type(key_event).__name__ == "MappingEndEvent":
                    break
                key_pos = self._pos(key_event)
                if type(key_event).__name__ != "ScalarEvent":
                    raise _Fatal(
                        key_pos,
                        "khóa phải là một chữ đơn (ví dụ ten:), không phải danh sách hay bảng",
                    )
                key = key_event.value
                if _tag_name(key_event.tag) not in (None, "str"):
                    raise _Fatal(key_pos, f"thẻ YAML {_describe_tag(key_event.tag)} "
                                 "không được phép ở khóa")
                if key_event.anchor is not None:
                    self.anchors[key_event.anchor] = _Anchor(key, 1)
                self._check_text(key, key_pos)
                child_path = (*path, key)
                if key in mapping:
                    first = self.positions.keys[child_path]
                    self.problems.append(
                        error(
                            self.path,
                            key_pos,
                            f"khóa '{key}' bị lặp lại (đã có ở dòng {first.line}); "
                            "mỗi khóa chỉ được viết một lần trong cùng một bảng",
                            "khoa-lap",
                        )
                    )
                    # Build and drop the duplicate's value; keep the first one's positions.
                    saved = self.positions
                    self.positions = Positions()
                    self.node(self._next(), child_path, depth + 1)
                    self.positions = saved
                    continue
                self.positions.keys[child_path] = key_pos
                item, n = self.node(self._next(), child_path, depth + 1)
                mapping[key] = item
                size += n
            value = mapping
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise _Fatal(pos, f"cấu trúc YAML không được hỗ trợ ({kind})")
        anchor_name = getattr(event, "anchor", None)
        if anchor_name is not None:
            self.anchors[anchor_name] = _Anchor(value, size)
        return value, size

    def _check_collection_tag(self, tag: str | None, expected: str, pos: Position) -> None:
        name = _tag_name(tag)
        if name is not None and name != expected:
            raise _Fatal(
                pos,
                f"thẻ YAML {_describe_tag(tag or '')} không được phép; tệp chỉ được dùng "
                "bảng khóa và danh sách thông thường",
            )

    def _check_text(self, text: str, pos: Position) -> None:
        bad = _XML_ILLEGAL.search(text)
        if bad:
            self.problems.append(
                error(
                    self.path,
                    pos,
                    f"chuỗi chứa ký tự điều khiển U+{ord(bad[0]):04X} ở vị trí {bad.start() + 1}, "
                    "không được phép trong văn bản; hãy xóa ký tự đó",
                    "ky-tu",
                )
            )
        hidden = _INVISIBLE.search(text)
        if hidden:
            self.problems.append(
                error(
                    self.path,
                    pos,
                    f"chuỗi chứa ký tự vô hình U+{ord(hidden[0]):04X} "
                    f"({unicodedata.name(hidden[0], 'không tên').lower()}) ở vị trí "
                    f"{hidden.start() + 1}; hãy xóa ký tự đó (thường do sao chép từ web hoặc Word)",
                    "ky-tu",
                )
            )


# ---------------------------------------------------------------- parse errors

_PARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("found character '\\t' that cannot start any token",
     "ký tự Tab không được dùng để thụt lề; hãy dùng dấu cách"),
    ("found character '\\t'", "ký tự Tab không được dùng để thụt lề; hãy dùng dấu cách"),
    ("mapping values are not allowed here",
     "dấu ':' không đúng chỗ; có thể thụt lề sai, hoặc giá trị chứa ': ' cần đặt trong dấu nháy"),
    ("could not find expected ':'",
     "thiếu dấu ':' sau khóa, hoặc thụt lề sai; mỗi dòng cần dạng 'khoa: gia_tri'"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên"),
    ("found duplicate anchor", "tên neo '&' bị dùng hai lần"),
    ("found undefined alias", "bí danh '*' trỏ tới một neo '&' chưa được định nghĩa"),
    ("found unexpected end of stream", "tệp kết thúc khi dấu nháy hoặc ngoặc chưa được đóng"),
    ("found unknown escape character", "chuỗi trong nháy kép có ký tự thoát '\\' không hợp lệ"),
    ("special characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("found unacceptable character", "tệp chứa ký tự điều khiển không được phép"),
    ("did not find expected key", "thụt lề sai hoặc thiếu dấu ':' — không tìm thấy khóa mong đợi"),
    ("did not find expected '-' indicator", "danh sách thụt lề sai: mỗi phần tử cần bắt đầu bằng '- '"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc [ ] thiếu dấu ',' hoặc ']'"),
    ("did not find expected ',' or '}'", "bảng trong ngoặc { } thiếu dấu ',' hoặc '}'"),
    ("found character that cannot start any token",
     "ký tự không thể đứng đầu một giá trị (như @ hoặc `); hãy đặt giá trị trong dấu nháy"),
    ("block sequence entries are not allowed", "danh sách '- ' không đúng chỗ; kiểm tra thụt lề"),
    ("could not find expected", "cú pháp YAML không hoàn chỉnh ở đây"),
)


def _parse_error(path: str, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = Position(mark.line + 1, mark.column + 1) if mark is not None else START
    problem = str(getattr(exc, "problem", "") or exc)
    for needle, message in _PARSE_MESSAGES:
        if needle in problem:
            return error(path, pos, f"lỗi cú pháp YAML: {message}", "cu-phap")
    first = problem.strip().splitlines()[0] if problem.strip() else "không rõ"
    return error(path, pos, f"lỗi cú pháp YAML ({first})", "cu-phap")


# ---------------------------------------------------------------- entry points


def _ruamel_events(text: str) -> Iterable[Any]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    return yaml.parse(text)


def _libyaml_events(text: str) -> Iterable[Any] | None:
    try:
        import yaml
        from yaml import CSafeLoader
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    return yaml.parse(text, Loader=CSafeLoader)


def parse_text(path: str, text: str, *, fast: bool = False) -> YamlDocument:
    """Build values and positions from YAML text.

    ``fast`` uses libyaml's C parser when present. A file the fast parser rejects is
    parsed again with ruamel.yaml, so the messages about broken syntax are always
    the same.
    """
    events = _libyaml_events(text) if fast else None
    if events is None:
        events = _ruamel_events(text)
    builder = _Builder(path, iter(events))
    try:
        data = builder.document()
    except _Fatal as fatal:
        return YamlDocument(path, None, builder.positions, [error(path, fatal.pos, fatal.message)])
    except Exception as exc:  # both parsers signal syntax errors with their own classes
        if fast:
            return parse_text(path, text, fast=False)
        if type(exc).__module__.startswith(("ruamel", "yaml")):
            return YamlDocument(path, None, builder.positions, [_parse_error(path, exc)])
        raise
    return YamlDocument(path, data, builder.positions, builder.problems)


def load_bytes(path: str, raw: bytes, *, fast: bool = False) -> YamlDocument:
    text, problems = decode(path, raw)
    if text is None:
        return YamlDocument(path, None, Positions(), problems)
    doc = parse_text(path, text, fast=fast)
    doc.problems[:0] = problems
    return doc
