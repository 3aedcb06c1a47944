"""Write UTF-8 to the console whatever its code page (commune offices run Windows)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO


def setup_utf8() -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        with contextlib.suppress(AttributeError, OSError):
            import ctypes

            ctypes.windll.kernel32.SetConsoleOutputCP(65001)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(encoding="utf-8", errors="replace")


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def use_color(stream: TextIO) -> bool:
    """Colour on a terminal; never with NO_COLOR (no-color.org), always with FORCE_COLOR
    (force-color.org), not on TERM=dumb. Set but empty counts as unset."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and _isatty(stream)


@contextlib.contextmanager
def progress(message: str, err: TextIO) -> Iterator[None]:
    """A spinner with ``message`` on the terminal while slow work runs (a province's
    repo takes a second or more to check); nothing at all when ``err`` is not a terminal.
    Anything printed on ``err`` must come after the block: the spinner owns the line."""
    if not (use_color(err) and _isatty(err)):  # FORCE_COLOR colours logs, animates nothing
        yield
        return
    from rich.console import Console

    with Console(file=err).status(message):
        yield
