"""Problems as plain values: produced by loading and checking, printed by formatters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """1-based line and column in a file."""

    line: int
    col: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Edit:
    """A correction whose intended form is certain (``kehoach sua`` applies it): the text
    ``old`` that starts at ``start`` (1-based line and column, in characters of the decoded
    file) becomes ``new``. ``old`` is checked before anything is written, so that a fix
    computed from a stale reading is never applied."""

    start: Position
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Rename:
    """A certain correction of a file's name: the file becomes ``new_path`` (relative to
    the plan repo root, forward slashes), when no file has that name yet."""

    new_path: str


Fix = Edit | Rename


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # relative to the plan repo root, with forward slashes
    pos: Position
    message: str
    severity: Severity = Severity.ERROR
    rule: str = "dinh-dang"
    fix: Fix | None = None  # set only when the intended form is certain

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.pos.line, self.pos.col, self.message)


def error(path: str, pos: Position, message: str, rule: str = "dinh-dang",
          fix: Fix | None = None) -> Problem:  # fmt: skip
    return Problem(path, pos, message, Severity.ERROR, rule, fix)


def warning(path: str, pos: Position, message: str, rule: str = "dinh-dang",
            fix: Fix | None = None) -> Problem:  # fmt: skip
    return Problem(path, pos, message, Severity.WARNING, rule, fix)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the registry (check/registry.py): its id, printed with every problem
    it finds (``--format json``), and a Vietnamese one-line description."""

    id: str
    description: str
