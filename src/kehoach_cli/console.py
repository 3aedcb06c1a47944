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


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR", "") != "":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def progress(message: str, err: TextIO) -> Iterator[None]:
    """A spinner with ``message`` on the terminal while slow work runs (a province's
    repo takes a second or more to check); nothing at all when ``err`` is not a terminal.
    Anything printed on ``err`` must come after the block: the spinner owns the line."""
    if not use_color(err):
        yield
        return
    from rich.console import Console

    with Console(file=err).status(message):
        yield
