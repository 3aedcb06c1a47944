"""Parser events to values, with the position of every key and value.

The values are built here from the events (libyaml's or ruamel.yaml's, which carry the
same marks), not by a library's composer: composed nodes share one object for an anchor
and its aliases, so the position of each alias (where an alias bomb is stopped) and the
alias's name would be lost, and PyYAML's composer refuses a re-defined anchor.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..vocab.numbers import format_number
from ..vocab.problems import Edit, Position, Problem, error, warning
from .fatal import FixableFatal
from .positions import Path, Positions, Spot
from .rules import CHARACTER, DUPLICATE_KEY, ENCODING, MISREAD
from .scalars import INT, TYPED_HEADS, Fatal, describe_tag, refused_tag, scalar, tag_name
from .text import INVISIBLE, XML_ILLEGAL, describe_char, lost_word, shown_text

MAX_NODES = 50_000  # nodes after expanding aliases; an alias bomb stops here
MAX_DEPTH = 64
_RAW_HEADS = frozenset("+-.%nNqQ")  # ngày …, Quý …, Q3/2026, .5
_KEY_BREAK = re.compile("[\n\r\t]")


def _without_comment(line: str) -> str:
    """A line without its trailing ``# comment`` (a '#' at the start or after a space)."""
    m = re.search(r"(?:^|\s)#", line)
    return line[: m.start()] if m else line


# ---------------------------------------------------------------- events -> values

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


FREE_TEXT = frozenset({"ghi_chu", "ket_qua", "nguoi_bao_cao"})
FREE_TEXT_LISTS = frozenset({"kho_khan", "kien_nghi"})


def _is_free_text(path: Path) -> bool:
    """The unit's own words in a result file: notes, results, difficulties, proposals."""
    if not path:
        return False
    if path[-1] in FREE_TEXT:
        return True
    return len(path) > 1 and isinstance(path[-1], int) and path[-2] in FREE_TEXT_LISTS


# Keys whose value is one of a few words (trang_thai: hoan_thanh): the text as typed is
# kept, so that 'Hoàn thành' can be rewritten as the word it is.
_WORD_KEYS = frozenset({"trang_thai", "cach_tinh"})


@dataclass(slots=True)
class _Anchor:
    value: Any
    size: int


class Builder:
    def __init__(self, path: str, events: Iterator[Any], text: str) -> None:
        self.path = path
        self.events = events
        self.lines = text.split("\n")
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.nodes = 0
        self.free_text = path.startswith("units/")  # a unit's words: nothing cut unseen

    def _pos(self, event: Any) -> Position:
        mark = event.start_mark
        return Position(mark.line + 1, mark.column + 1)

    def _next(self) -> Any:
        return next(self.events)

    def document(self) -> Any:
        self._next()  # StreamStart
        event = self._next()
        if type(event).__name__ == "StreamEndEvent":
            return None
        if type(event).__name__ != "DocumentStartEvent":  # pragma: no cover - parser contract
            raise Fatal(self._pos(event), "cấu trúc YAML không hợp lệ")
        data, _ = self.node(self._next(), (), 0)
        self._next()  # DocumentEnd
        event = self._next()
        if type(event).__name__ != "StreamEndEvent":
            raise Fatal(
                self._pos(event),
                "tệp chỉ được chứa một tài liệu YAML; hãy bỏ dấu '---' thứ hai và phần sau nó",
            )
        return data

    def _count(self, n: int, at: Spot) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise Fatal(
                Position(*at),
                f"tệp có quá nhiều phần tử (hơn {format_number(MAX_NODES)} sau khi mở các bí danh "
                "'*'); có thể là một 'quả bom bí danh' — hãy viết dữ liệu trực tiếp, "
                "không dùng '&' và '*'",
            )

    # node() and _mapping() run once per key and value of every file: the checks that
    # almost never find anything are tested inline before any call is made.

    def node(
        self, event: Any, path: Path, depth: int, key: Any = None
    ) -> tuple[Any, int]:
        """Build the value of the node that starts with ``event``; return it and its size.

        ``key`` is the key event when the node is a mapping's value."""
        kind = type(event).__name__
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        if kind == "ScalarEvent" and not event.value:
            at = self._empty_position(event, key) or at
        if depth > MAX_DEPTH:
            raise Fatal(Position(*at), f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} tầng); "
                         "tệp kết quả chỉ cần vài tầng khóa")
        self.positions.values[path] = at
        if kind == "AliasEvent":
            anchor = self.anchors.get(event.anchor)
            if anchor is None:  # the parsers let it through: their composers refuse it
                raise Fatal(Position(*at), f"bí danh '*{event.anchor}' trỏ tới neo "
                             f"'&{event.anchor}' chưa có ở phía trên; hãy viết thẳng giá trị")
            self._count(anchor.size, at)
            return copy.deepcopy(anchor.value), anchor.size
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._count(0, at)
        if kind == "ScalarEvent":
            text, style, tag = event.value, event.style, event.tag
            head = text[:1]
            if ((head.isdigit() or head in _RAW_HEADS) and (
                style or not INT.match(text)
            )) or (path and path[-1] in _WORD_KEYS):
                self._keep_raw(event, path)
            if tag is None and (style or (head and head not in TYPED_HEADS)):
                value = text  # a string: what scalar() would find, without asking it
            else:
                value = scalar(tag, text, not style, at)
            if isinstance(value, str):
                if not value.isprintable() or "?" in value or not value.isascii():
                    value = self._text(value, event, "giá trị")
                if self.free_text and _is_free_text(path):
                    self._check_cut_comment(event, path, value)
            size = 1
        elif kind == "SequenceStartEvent":
            if event.tag is not None:
                self._check_collection_tag(event.tag, "seq", at)
            items: list[Any] = []
            size = 1
            while True:
                child = next(self.events)
                if type(child).__name__ == "SequenceEndEvent":
                    break
                item, n = self.node(child, (*path, len(items)), depth + 1)
                items.append(item)
                size += n
            value = items
        elif kind == "MappingStartEvent":
            if event.tag is not None:
                self._check_collection_tag(event.tag, "map", at)
            value, size = self._mapping(path, depth, bool(event.flow_style))
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise Fatal(Position(*at), f"cấu trúc YAML không được hỗ trợ ({kind})")
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, size)
        return value, size

    def _mapping(self, path: Path, depth: int, flow: bool) -> tuple[dict[str, Any], int]:
        mapping: dict[str, Any] = {}
        size = 1
        last_integer: Any = None  # the value event of the previous entry, if a plain integer
        while True:
            key_event = next(self.events)
            kind = type(key_event).__name__
            if kind == "MappingEndEvent":
                return mapping, size
            mark = key_event.start_mark
            key_at = (mark.line + 1, mark.column + 1)
            if kind != "ScalarEvent":
                key_pos = Position(*key_at)
                if kind == "AliasEvent":
                    raise Fatal(key_pos, f"khóa không được là bí danh '*{key_event.anchor}'; "
                                 "hãy viết thẳng tên khóa")
                raise Fatal(key_pos, "khóa phải là một chữ đơn (ví dụ ten:), không phải danh "
                             "sách hay bảng khóa")
            text = key_event.value
            if not text:
                key_at = self._empty_position(key_event) or key_at
            if key_event.tag is not None and tag_name(key_event.tag) not in (None, "str"):
                raise Fatal(Position(*key_at), f"thẻ YAML {describe_tag(key_event.tag)} không được "
                             "phép ở khóa")
            if text == "<<" and not key_event.style:
                raise Fatal(Position(*key_at), "khóa gộp '<<' (merge key) không được dùng; "
                             "hãy viết đầy đủ từng khóa ở đây")
            if text.isascii() and text.isprintable():
                key = text
            else:
                if _KEY_BREAK.search(text):
                    raise Fatal(Position(*key_at),
                                "khóa không được chứa ký tự xuống dòng hay Tab")
                key = self._text(text, key_event, "khóa")
            value_event = next(self.events)
            if flow and last_integer is not None:
                self._check_decimal_comma(last_integer, key_event, value_event)
            last_integer = value_event if (
                type(value_event).__name__ == "ScalarEvent" and not value_event.style
                and value_event.tag is None and INT.match(value_event.value)
            ) else None
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self._count(0, key_at)
            if key_event.anchor is not None:
                self.anchors[key_event.anchor] = _Anchor(key, 1)
            child_path = (*path, key)
            if key in mapping:
                first_line = self.positions.keys[child_path][0]
                self.problems.append(
                    error(
                        self.path,
                        Position(*key_at),
                        f"khóa '{shown_text(key)}' bị lặp lại (đã có ở dòng {first_line}); "
                        "mỗi khóa chỉ được viết một lần trong cùng một bảng",
                        DUPLICATE_KEY.id,
                    )
                )
                # Build and drop the duplicate's value; keep the first one's positions.
                saved = self.positions
                self.positions = Positions()
                self.node(value_event, child_path, depth + 1)
                self.positions = saved
                continue
            self.positions.keys[child_path] = key_at
            item, n = self.node(value_event, child_path, depth + 1, key_event)
            mapping[key] = item
            size += n

    def _empty_position(self, event: Any, key: Any = None) -> Spot | None:
        """Where an empty value (``key:`` with nothing after it) stands: just after the
        ':' (or the '-' or '?') it follows.

        The parsers disagree on the mark of an implicit empty value (the next token,
        perhaps lines below, or the end of the indicator), so it is worked out from the
        text: the ':' right after the key; failing that, back from the mark, over blank
        and comment-only lines, to the indicator."""
        if (
            event.value != "" or event.style or event.tag is not None
            or getattr(event, "anchor", None) is not None
        ):
            return None
        if key is not None and key.end_mark.line < len(self.lines):
            text = self.lines[key.end_mark.line]
            col = key.end_mark.column
            while col < len(text) and text[col] == " ":
                col += 1
            if text[col : col + 1] == ":":
                return (key.end_mark.line + 1, col + 2)
        line, col = event.start_mark.line, event.start_mark.column
        if line >= len(self.lines):  # a mark past the end of a file without a final newline
            line, col = len(self.lines) - 1, len(self.lines[-1])
        first = True
        while 0 <= line < len(self.lines):
            text = self.lines[line]
            head = text[:col] if first else _without_comment(text)
            stripped = head.rstrip()
            if stripped:
                if stripped[-1] in ":-?":
                    return (line + 1, len(stripped) + 1)
                return None
            line, first = line - 1, False
        return None

    def _check_decimal_comma(self, number: Any, key: Any, value: Any) -> None:
        """``{gia_tri: 2,5}`` (or ``2,5%``): a Vietnamese decimal comma splits the entry in
        two."""
        decimals = key.value.removesuffix("%").rstrip()
        if (
            not key.style and decimals.isdigit() and decimals.isascii()
            and type(value).__name__ == "ScalarEvent" and value.value == ""
            and not value.style and value.tag is None
            and key.start_mark.line == number.end_mark.line
        ):
            written = f"{number.value},{key.value}"
            form = f"{number.value}.{decimals}"
            percent = (" (và bỏ dấu % nếu chỉ tiêu tính bằng %: đơn vị tính đã ghi trong kế "
                       "hoạch)" if decimals != key.value else "")
            message = (
                f"số thập phân viết bằng dấu phẩy ({written}); trong YAML dấu phẩy ngăn cách "
                f"các mục — hãy dùng dấu chấm: {form}{percent}"
            )
            # Only the comma is certain here: whether the '%' may go depends on the
            # target's unit, which the next round of `kehoach sua` judges (12.5% of a
            # target counted in % → 12.5; of one counted in lớp → a question).
            fixed = f"{number.value}.{key.value}"
            # Certain only when the file holds exactly "2,5" (no space after the comma).
            start, end = number.start_mark, key.end_mark
            line = self.lines[start.line] if start.line < len(self.lines) else ""
            if end.line == start.line and line[start.column : end.column] == written:
                fix = Edit(self._pos(number), written, fixed)
                raise FixableFatal(self._pos(number), message, fix)
            raise Fatal(self._pos(number), message)

    def _check_cut_comment(self, event: Any, path: Path, value: str) -> None:
        """``ghi_chu: Chưa có số liệu của thôn #3``: YAML reads ' #3' as a comment, and
        the words after it never reach the report."""
        end = event.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        stripped = rest.lstrip(" \t")
        if not stripped.startswith("#") or rest == stripped:
            return
        comment = stripped.rstrip()
        column = end.column + len(rest) - len(stripped) + 1
        name = path[-1] if isinstance(path[-1], str) else path[-2]
        if event.style:
            advice = "nếu đó là nội dung, hãy đưa nó vào trong dấu nháy"
        else:
            quoted = (value + " " + comment).replace("\\", "\\\\").replace('"', '\\"')
            advice = f'nếu đó là nội dung, hãy đặt cả câu trong dấu nháy kép: "{quoted}"'
        self.problems.append(warning(
            self.path, Position(end.line + 1, column),
            f"{name}: phần \"{shown_text(comment)}\" sau dấu ' #' bị YAML coi là chú thích "
            f"và không được lưu vào báo cáo; {advice}",
            MISREAD.id,
        ))

    def _keep_raw(self, event: Any, path: Path) -> None:
        start, end = event.start_mark, event.end_mark
        if start.line == end.line and start.line < len(self.lines):
            self.positions.raw[path] = self.lines[start.line][start.column : end.column]

    def _check_collection_tag(self, tag: str | None, expected: str, at: Spot) -> None:
        name = tag_name(tag)
        if name is not None and name != expected:
            raise Fatal(Position(*at), refused_tag(tag or ""))

    def _text(self, text: str, event: Any, what: str) -> str:
        """Check a string for characters that must not reach a record; return it as NFC."""
        if text.isprintable():  # every character the searches below find is unprintable
            bad = hidden = None
        else:
            bad, hidden = XML_ILLEGAL.search(text), INVISIBLE.search(text)
        if bad:
            self.problems.append(
                error(
                    self.path,
                    self._char_position(event, text, bad.start()),
                    f"{what} chứa ký tự điều khiển {describe_char(bad[0])}, không được phép "
                    "trong văn bản (tệp .docx sẽ hỏng); hãy xóa ký tự đó",
                    CHARACTER.id,
                )
            )
        if hidden:
            self.problems.append(
                error(
                    self.path,
                    self._char_position(event, text, hidden.start()),
                    f"{what} chứa ký tự vô hình {describe_char(hidden[0])}; hãy xóa ký tự đó "
                    "(thường do sao chép từ web hoặc Word)",
                    CHARACTER.id,
                )
            )
        lost = lost_word(text) if what == "giá trị" and "?" in text else None
        if lost:
            self.problems.append(
                warning(
                    self.path,
                    self._char_position(event, text, lost.start() + lost[0].index("?")),
                    f"chữ \"{shown_text(lost[0])}\" có dấu '?' thay cho chữ cái: có thể chữ có "
                    "dấu đã mất khi tệp được lưu bằng mã ANSI (Latin-1); hãy kiểm tra và gõ lại",
                    ENCODING.id,
                )
            )
        if text.isascii():
            return text
        return unicodedata.normalize("NFC", text)

    def _char_position(self, event: Any, value: str, offset: int) -> Position:
        """Where the ``offset``-th character of a scalar's value is written in the file.

        The source between the event's marks is walked: literal characters stand for
        themselves, and in a double-quoted scalar an escape such as ``\\x01`` stands for
        the character it makes. The k-th source unit making the same character as the
        k-th occurrence in the value is the one; failing that, the scalar's start."""
        wanted = value[offset]
        skip = value.count(wanted, 0, offset)
        double = event.style == '"'
        for char, line, col in self._source_units(event.start_mark, event.end_mark, double):
            if char == wanted:
                if skip == 0:
                    return Position(line + 1, col + 1)
                skip -= 1
        return self._pos(event)

    def _source_units(
        self, start: Any, end: Any, double: bool
    ) -> Iterator[tuple[str, int, int]]:
        line, col = start.line, start.column
        while (line, col) < (end.line, end.column) and line < len(self.lines):
            text = self.lines[line]
            if col >= len(text):
                line, col = line + 1, 0
                continue
            ch = text[col]
            if double and ch == "\\" and col + 1 < len(text):
                code = text[col + 1]
                width = _HEX_ESCAPES.get(code)
                if width is not None:
                    digits = text[col + 2 : col + 2 + width]
                    try:
                        made: str | None = chr(int(digits, 16))
                    except ValueError:  # the parsers refuse it before we look
                        made = None
                    if made is not None:
                        yield made, line, col
                    col += 2 + width
                    continue
                yield _ESCAPES.get(code, code), line, col
                col += 2
                continue
            yield ch, line, col
            col += 1
