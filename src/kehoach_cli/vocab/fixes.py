"""What became of a problem's fix: applied (or, with ``kehoach sua --xem``, to be
applied), or skipped, and why."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem


@dataclass(frozen=True, slots=True)
class FixResult:
    problem: Problem  # its ``fix`` is set
    skipped: str | None = None  # why the fix was not applied (Vietnamese), or None

    @property
    def done(self) -> bool:
        return self.skipped is None
