"""Scalars: the YAML 1.2 core schema plus dates, standard tags only, numbers that fit."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from ..vocab.numbers import format_number
from ..vocab.problems import Position
from .text import shown_text


@dataclass(frozen=True, slots=True)
class InvalidDate:
    """A scalar shaped like a date that names no real day (2026-02-30)."""

    text: str

    def __str__(self) -> str:
        return self.text


class Fatal(Exception):
    """A problem that stops reading the file, at ``pos``."""

    def __init__(self, pos: Position, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


# ---------------------------------------------------------------- scalars

INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
MAX_DIGITS = 100  # a longer integer is no figure (and Python refuses above 4300 digits)


class _TooLarge(Exception):
    """A number written in the file that no figure can be: 1e309, or 5 000 digits."""

STANDARD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}


# The first characters of every plain scalar that is not a string (null, true, a number,
# .inf, a date): any other is a string at once.
TYPED_HEADS = frozenset("~nNtTfF+-.0123456789")


def _resolve_plain(text: str) -> Any:
    if text and text[0] not in TYPED_HEADS:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text):
        if len(text) > MAX_DIGITS:
            raise _TooLarge
        return int(text[2:], 8 if text[1] == "o" else 16) if text[:2] in ("0o", "0x") else int(
            text
        )
    if _FLOAT.match(text):
        number = float(text)
        if math.isinf(number):
            raise _TooLarge
        return number
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


def describe_tag(tag: str) -> str:
    if tag.startswith(STANDARD_TAG):
        return "!!" + tag[len(STANDARD_TAG) :]
    return tag


def tag_name(tag: str | None) -> str | None:
    """The short name of a standard tag ('str', 'map'...); None when implicit or '!'."""
    if tag is None or tag == "!":
        return None
    if tag.startswith(STANDARD_TAG):
        return tag[len(STANDARD_TAG) :]
    return tag  # non-standard: returned as is, refused by the caller


def refused_tag(tag: str) -> str:
    return (f"thẻ YAML {describe_tag(tag)} không được phép; tệp chỉ được dùng giá trị thông "
            "thường (chuỗi, số, ngày, true/false), bảng khóa và danh sách")


def scalar(tag: str | None, text: str, plain: bool, at: tuple[int, int]) -> Any:
    """The value of a scalar written ``text`` (with ``tag``, ``plain`` or quoted) at the
    1-based (line, column) ``at``."""
    try:
        if tag is None:  # the common case, without a call per step
            return _resolve_plain(text) if plain else text
        return _typed_scalar(tag, text, plain, Position(*at))
    except _TooLarge:
        shown = text if len(text) <= 24 else f"{text[:20]}… ({format_number(len(text))} ký tự)"
        raise Fatal(Position(*at), f"số {shown} quá lớn, vượt giới hạn tính toán; hãy kiểm tra lại "
                     "giá trị này") from None


def _typed_scalar(tag: str | None, text: str, plain: bool, pos: Position) -> Any:
    name = tag_name(tag)
    if name is None:
        return _resolve_plain(text) if plain else text
    if name not in _SCALAR_TAGS:
        raise Fatal(pos, refused_tag(tag or ""))
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
        raise Fatal(pos, f"giá trị '{shown_text(text)}' không khớp với thẻ "
                     f"{describe_tag(tag or '')}")
    if name == "float" and isinstance(value, int | float):
        return float(value)
    return value
