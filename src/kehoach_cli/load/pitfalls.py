"""What Word, web pages and quick typing leave in a YAML file, found in the text before
the parser reads it wrongly or refuses it with a message about something else.

Each finding points at the line and column of the fault and shows the line as it should
be written, computed from the user's own key and value; where the intended form is
certain it carries an ``Edit`` for ``kehoach sua``. Found: indentation made of
non-breaking spaces (U+00A0) pasted from Word; a key glued to its value (``tu_so:8``, in a
block or in ``{tu_so:8}``); a value that YAML reads as something else: ``>=`` (a folded
block), ``- x`` (a list), ``&x``/``*x`` (an anchor or alias), ``!x`` (a tag), ``@``, a
backtick or ``%`` (reserved), text holding ``: `` (a mapping); Word's curly quotes “…”
used as quotes; a list item written without its ``- ``; a GitHub App's login
``name[bot]`` unquoted in a ``[ ]`` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..vocab.problems import Edit, Position, Problem, error, warning
from .rules import CHARACTER, SYNTAX
from .text import INVISIBLE, describe_char

# Spaces that look like a space but are not one to YAML, with their Vietnamese names.
SPACE_NAMES = {
    "\u00a0": "dấu cách không ngắt",
    "\u2007": "dấu cách chữ số",
    "\u202f": "dấu cách hẹp không ngắt",
    "\u3000": "dấu cách toàn khổ",
    **{chr(c): "dấu cách kiểu chữ" for c in range(0x2000, 0x200B) if c != 0x2007},
}
_ODD_SPACE = re.compile("[" + "".join(SPACE_NAMES) + "]")
_INDENT = re.compile(r"[ " + "".join(SPACE_NAMES) + r"]*")
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +|$)")
_GLUED = re.compile(r"([a-z][a-z0-9_]*):([^\s:/\\].*)")
_BLOCK_HEADER = re.compile(r"[|>][1-9+-]{0,2} *(?:#.*)?")
_COMMENT = re.compile(r"(?:^| )#")
_RESERVED = "@`%"
# A line any check below could find something on; most files have none, and skip the
# line-by-line reading (validate's time is mostly the parser's, and stays so). Each pattern
# opens with a literal character, which the regex engine looks for at C speed; the patterns
# that start a line are searched in "\n" + text. One alternation of them all costs seven
# times as much: the engine tries every branch at every character.
_TRIGGERS = tuple(re.compile(p, re.MULTILINE) for p in (
    r":[^\s/\\:](?<=[a-z0-9_]:.)",  # tu_so:8
    r": +[|>&*!%@`\u201c]|: +- ",  # a value opening with an indicator or a curly quote
    r"- +[|>&*!%@`\u201c]",
    r": [^,{}\[\]\n\"']*:(?: |$)",  # text holding ': '
    "\n *+- +[^\n:\x80-\U0010ffff]*+[^\x00-\x7f][^\n:]*+: ",  # - Mạng: chập chờn
    "\n *+[^\\s#\\-\\[{\"'|>\ufeff][^:\n]*+$",  # a line of text without a key (its dash?)
    r"\[bot\](?<=\w\[bot\])",  # a GitHub App's login unquoted inside [ ]
))


def _triggered(text: str) -> bool:
    if "\u201c" in text:  # Word's opening curly quote
        return True
    lined = "\n" + text
    return any(pattern.search(lined) for pattern in _TRIGGERS)


_BOT_IN_FLOW = re.compile(r"(?<![\"'\w.-])([A-Za-z0-9_][A-Za-z0-9._-]*\[bot\])")


def _known_keys() -> frozenset[str]:
    """Every key of the data contract (the models' field names), read only when a line
    looks like a glued key."""
    from . import models

    keys: set[str] = set()
    for value in vars(models).values():
        fields = getattr(value, "model_fields", None)
        if isinstance(fields, dict):
            keys.update(fields)
    return frozenset(keys)


def _quoted(text: str) -> str | None:
    """``text`` in double quotes (single when it holds '"'), or None when neither is plain."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return None


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    text: str
    indent: int  # column of the first character after spaces and '- ' markers
    key: str | None
    value_col: int  # 0-based column where the value starts
    value: str  # without a trailing comment, stripped
    dashed: bool


def _split(number: int, text: str) -> _Line:
    col = len(text) - len(text.lstrip(" "))
    indent = col
    dashed = False
    while text.startswith("- ", col) or text[col:] == "-":
        dashed = True
        col += 2
        while text.startswith(" ", col):
            col += 1
    key = None
    m = _KEY.match(text, col)
    if m:
        key = m[1]
        col = m.end()
    rest = text[col:]
    comment = _COMMENT.search(rest) if rest[:1] not in ("'", '"') else None
    value = (rest[: comment.start()] if comment else rest).rstrip()
    return _Line(number, text, indent, key, col, value, dashed)


def scan(path: str, text: str) -> list[Problem]:
    """The pitfalls of ``text``, in line order; empty for an ordinary file (the common
    case costs one search per pattern over the whole text)."""
    problems: list[Problem] = []
    if _ODD_SPACE.search(text):
        problems.extend(_odd_indentation(path, text.split("\n")))
        if problems:
            return problems
    if _triggered(text):
        problems.extend(_values(path, text.split("\n"), text))
    return problems


def _odd_indentation(path: str, lines: list[str]) -> Iterator[Problem]:
    # Inside a '|' or '>' block, an odd space after the block's indentation is text, not
    # indentation: YAML keeps it, and a space there would change a folded text.
    split = [_split(i + 1, t) if t.strip() and not t.lstrip().startswith("#") else None
             for i, t in enumerate(lines)]
    text_lines = {i for i, line in enumerate(_in_block_scalar(split))
                  if line is None and split[i] is not None}
    for i, line in enumerate(lines):
        indent = _INDENT.match(line)
        assert indent is not None
        odd = _ODD_SPACE.search(indent[0])
        if odd is None or indent.end() == len(line.rstrip()) or i in text_lines:
            continue
        ch = odd[0]
        name = f"U+{ord(ch):04X} ({SPACE_NAMES[ch]})"
        fix = None
        if set(indent[0]) <= {" ", "\u00a0"}:
            fix = Edit(Position(i + 1, 1), indent[0], indent[0].replace("\u00a0", " "))
        yield error(path, Position(i + 1, odd.start() + 1),
                    f"dòng thụt lề bằng ký tự {name}, thường có khi dán từ Word hay trang web; "
                    "YAML chỉ nhận dấu cách thường để thụt lề — hãy thay bằng dấu cách",
                    CHARACTER.id, fix=fix)


def _in_block_scalar(lines: list[_Line | None]) -> Iterator[_Line | None]:
    """The lines, with those inside a '|' or '>' block (text, not YAML) as None."""
    block_indent: int | None = None
    for line in lines:
        if line is None:
            yield None
            continue
        if block_indent is not None:
            if not line.text.strip() or len(line.text) - len(line.text.lstrip(" ")) > block_indent:
                yield None
                continue
            block_indent = None
        if _BLOCK_HEADER.fullmatch(line.value):
            block_indent = len(line.text) - len(line.text.lstrip(" "))
        yield line


def _values(path: str, raw: list[str], text: str) -> Iterator[Problem]:
    split: list[_Line | None] = [
        _split(i + 1, t) if t.strip() and not t.lstrip().startswith("#") else None
        for i, t in enumerate(raw)
    ]
    lines = list(_in_block_scalar(split))
    for index, line in enumerate(lines):
        if line is None:
            continue
        found = (_glued(path, line) or _missing_dash(path, line, lines, index)
                 or _flow(path, line) or _plain_value(path, line, text))
        if found is not None:
            yield found


def _neighbour(lines: list[_Line | None], index: int, step: int) -> _Line | None:
    index += step
    while 0 <= index < len(lines):
        if lines[index] is not None:
            return lines[index]
        index += step
    return None


def _missing_dash(path: str, line: _Line, lines: list[_Line | None], index: int) -> Problem | None:
    """A line of text among the items of a block list, at their indentation, without '- '."""
    if line.dashed or line.key is not None or not line.value or line.value[0] in "-[{#\"'":
        return None
    if ": " in line.value or line.value.endswith(":"):
        return None
    siblings = [n for n in (_neighbour(lines, index, -1), _neighbour(lines, index, 1))
                if n is not None and n.dashed and n.indent == line.indent]
    if not siblings:
        return None
    start = Position(line.number, line.indent + 1)
    body = line.text[line.indent:]
    return error(path, start,
                 "dòng này nằm giữa các phần tử của một danh sách nhưng thiếu dấu '- ' ở đầu; "
                 f"hãy viết: - {line.value}", SYNTAX.id,
                 fix=Edit(start, body, "- " + body))


def _glued(path: str, line: _Line) -> Problem | None:
    """``tu_so:8``: a key of the contract with its value glued to the ':'."""
    if line.key is not None:
        return None
    m = _GLUED.fullmatch(line.value)
    if m is None or INVISIBLE.match(m[2]) or m[1] not in _known_keys():
        return None
    colon = Position(line.number, line.value_col + len(m[1]) + 1)
    return error(path, colon,
                 f"thiếu dấu cách sau dấu ':' của khóa '{m[1]}'; hãy viết: {m[1]}: {m[2]}",
                 SYNTAX.id, fix=Edit(colon, ":", ": "))


def _flow_entries(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(column, text) of each entry of the '{ }' mapping that opens at ``start``."""
    depth, quote, entry = 0, "", start + 1
    for col in range(start, len(text)):
        ch = text[col]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and (text[entry:col].strip() == "" or text[col - 1] == " "):
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                yield entry, text[entry:col]
                return
        elif ch == "," and depth == 1:
            yield entry, text[entry:col]
            entry = col + 1


def _flow(path: str, line: _Line) -> Problem | None:
    """``{tu_so:8}``, ``{ghi_chu: Số ước tính: 6 tháng}`` and ``[nhac-viec[bot]]``."""
    if line.value.startswith("["):
        bot = _BOT_IN_FLOW.search(line.text, line.value_col + 1)
        if bot is None:
            return None
        where = Position(line.number, bot.start() + 1)
        return error(path, where,
                     f"tên tài khoản {bot[1]} trong danh sách [ ] cần đặt trong ngoặc kép (YAML "
                     f"hiểu dấu '[' là mở một danh sách khác); hãy viết \"{bot[1]}\"",
                     SYNTAX.id, fix=Edit(where, bot[1], f'"{bot[1]}"'))
    if not line.value.startswith("{"):
        return None
    for col, entry in _flow_entries(line.text, line.value_col):
        lead = len(entry) - len(entry.lstrip())
        body = entry.strip()
        at = col + lead
        glued = _GLUED.fullmatch(body)
        if glued and not INVISIBLE.match(glued[2]) and glued[1] in _known_keys():
            colon = Position(line.number, at + len(glued[1]) + 1)
            return error(path, colon,
                         f"thiếu dấu cách sau dấu ':' của khóa '{glued[1]}'; hãy viết: "
                         f"{glued[1]}: {glued[2]}", SYNTAX.id, fix=Edit(colon, ":", ": "))
        m = _KEY.match(body)
        if m is None:
            continue
        value = body[m.end():]
        if ": " in value and value[:1] not in "\"'[{":
            return _needs_quotes(path, line.number, at + m.end(), m[1], value,
                                 "chứa ': ' (trong ngoặc { } YAML hiểu đó là một khóa nữa)")
    return None


def _needs_quotes(path: str, number: int, col: int, key: str | None, value: str,
                  why: str) -> Problem:
    start = Position(number, col + 1)
    curly = value.startswith("“") and value.endswith("”") and len(value) > 1
    inner = value[1:-1] if curly else value
    new = _quoted(inner)
    shown = f"{key}: {new or value}" if key else f"- {new or value}"
    if curly:
        message = (f"dấu nháy cong “ ” (của Word) không phải dấu nháy của YAML, nên giá trị "
                   f"{why}; hãy dùng dấu nháy thẳng: {shown}")
    else:
        message = f"giá trị {why}; hãy đặt cả giá trị trong dấu nháy: {shown}"
    return error(path, start, message, SYNTAX.id,
                 fix=Edit(start, value, new) if new is not None else None)


def _plain_value(path: str, line: _Line, text: str) -> Problem | None:
    value = line.value
    if not value or value[0] in "\"'[{#":
        return None
    if line.key is None and not line.dashed:
        return None  # a key line YAML will judge itself, or a continued text
    first = value[0]
    if first in "|>" and not _BLOCK_HEADER.fullmatch(value):
        return _needs_quotes(path, line.number, line.value_col, line.key, value,
                             f"bắt đầu bằng '{first}', mà YAML hiểu là dấu mở một khối văn bản")
    if first == "-" and value.startswith("- ") and line.key is not None:
        return _needs_quotes(path, line.number, line.value_col, line.key, value,
                             "bắt đầu bằng '- ', mà YAML hiểu là một danh sách")
    if first in "&*":
        name = re.match(r"[&*](\S*)", value)
        assert name is not None
        rest = value[name.end():]
        other = "*" if first == "&" else "&"
        unused = name[1] == "" or other + name[1] not in text
        wordy = not (name[1] + rest).isascii() or (first == "*" and rest.strip() != "")
        if (unused and (wordy or first == "*") and rest[:1].strip() == ""
                and rest.strip()[:1] not in ("[", "{")):
            what = "tên neo" if first == "&" else "bí danh"
            return _needs_quotes(path, line.number, line.value_col, line.key, value,
                                 f"bắt đầu bằng '{first}', mà YAML hiểu '{name[0]}' là {what} "
                                 "chứ không phải chữ")
        return None  # a real anchor or alias: the composer judges it
    if first == "!":
        if re.match(r"![^A-Za-z!< ]", value):
            return _needs_quotes(path, line.number, line.value_col, line.key, value,
                                 "bắt đầu bằng '!', mà YAML hiểu là một thẻ")
        return None  # a tag: the composer refuses it by name
    if first in _RESERVED:
        return _needs_quotes(path, line.number, line.value_col, line.key, value,
                             f"bắt đầu bằng '{first}', ký tự YAML không cho đứng đầu một giá trị")
    if ": " in value or (value.endswith(":") and line.key is not None):
        return _needs_quotes(path, line.number, line.value_col, line.key, value,
                             "chứa ': ', mà YAML hiểu là dấu ngăn khóa với giá trị")
    if first == "“" and value.endswith("”"):
        return warning(path, Position(line.number, line.value_col + 1),
                       "dấu nháy cong “ ” (của Word) không phải dấu nháy của YAML nên sẽ nằm "
                       "luôn trong giá trị; nếu chỉ muốn đặt giá trị trong dấu nháy, hãy dùng "
                       f"dấu nháy thẳng: {line.key or '-'}: \"{value[1:-1]}\"", SYNTAX.id)
    return None


def invisible_cause(path: str, text: str) -> Problem | None:
    """For a file the parser refused: the first invisible character in it (U+200B and the
    like, pasted from the web or Word), which breaks the structure where it stands —
    pointed at and named, rather than the parser's view of what follows it."""
    hidden = INVISIBLE.search(text)
    if hidden is None:
        return None
    index = hidden.start()
    line_start = text.rfind("\n", 0, index) + 1
    pos = Position(text.count("\n", 0, index) + 1, index - line_start + 1)
    return error(path, pos,
                 f"tệp chứa ký tự vô hình {describe_char(hidden[0])} ở đây, làm YAML đọc sai cấu "
                 "trúc của dòng; hãy xóa ký tự đó (thường do sao chép từ web hoặc Word)",
                 CHARACTER.id, fix=Edit(pos, hidden[0], ""))
