"""A problem that stops reading a file and whose correction is certain."""

from __future__ import annotations

from ..vocab.problems import Fix, Position
from .scalars import Fatal


class FixableFatal(Fatal):
    """A :class:`Fatal` that knows its fix: the problem made of it carries ``fix``, so
    that ``kehoach sua`` can apply it."""

    def __init__(self, pos: Position, message: str, fix: Fix) -> None:
        super().__init__(pos, message)
        self.fix = fix
