"""Lines of text laid out to a fixed width for the terminal views: wrapped, indented,
segments side by side, headings with a rule. rich only colours them; the layout is ours,
so that the output is the same on every terminal (80 columns when piped)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

PIPED_WIDTH = 80
MIN_WIDTH = 60
MAX_WIDTH = 100
SEPARATOR = "   "


def terminal_width(out: TextIO, width: int | None) -> int:
    """``width`` if given; the terminal's (60 to 100 columns); 80 when piped."""
    if width is not None:
        return width
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        return PIPED_WIDTH
    try:
        columns = os.get_terminal_size(out.fileno()).columns
    except (AttributeError, OSError, ValueError):
        columns = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(columns, MAX_WIDTH))


class TextLines:
    """Lines, each a rich Text no wider than ``width`` cells."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Text] = []
        self._console = Console(width=width, color_system=None, highlight=False)


    def blank(self) -> None:
        if self.lines and self.lines[-1].plain:
            self.lines.append(Text())

    def wrap(self, text: Text, indent: int = 0, first: Text | None = None) -> None:
        """``text`` wrapped to the width; ``first`` (indent cells wide) opens the first
        line, the other lines are indented by spaces."""
        room = max(self.width - indent, 10)
        lead = first if first is not None else Text(" " * indent)
        for i, piece in enumerate(text.wrap(self._console, room)):
            piece.rstrip()
            line = Text() if i else lead.copy()
            if i:
                line.append(" " * indent)
            line.append_text(piece)
            self.lines.append(line)

    def wrap_keeping_end(self, head: str, end: str, style: str) -> None:
        """``head — end`` wrapped with ``end`` ("quý II năm 2026") never broken apart:
        when it does not fit on the last line, it opens the next one."""
        self.wrap(Text(f"{head} —", style=style))
        last = self.lines[-1]
        if cell_len(last.plain) + 1 + cell_len(end) <= self.width:
            last.append(" " + end)
        else:
            self.lines.append(Text(end, style=style))

    def flow(self, segments: Sequence[Text], indent: int, start: Text | None = None) -> None:
        """Segments side by side, three spaces apart, a new line (indented) when the next
        one does not fit; a segment wider than a whole line is wrapped."""
        line = Text(" " * indent)
        if start is not None:
            line.append_text(start)
        used = cell_len(line.plain)
        fresh = start is None
        for segment in segments:
            size = cell_len(segment.plain)
            if not fresh and used + len(SEPARATOR) + size <= self.width:
                line.append(SEPARATOR)
                line.append_text(segment)
                used += len(SEPARATOR) + size
                continue
            if not fresh:
                self.lines.append(line)
            if indent + size <= self.width:
                line = Text(" " * indent)
                line.append_text(segment)
                used = indent + size
            else:
                self.wrap(segment, indent)
                last = self.lines.pop()
                line, used = last, cell_len(last.plain)
            fresh = False
        if not fresh:
            self.lines.append(line)

    def heading(self, title: str, summary: Text | None = None) -> None:
        self.blank()
        text = Text()
        text.append(title, style="bold")
        if summary is not None and summary.plain:
            text.append("   ")
            text.append_text(summary)
        self.wrap(text)
        self.lines.append(Text("─" * self.width, style="dim"))
