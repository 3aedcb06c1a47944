"""Draw the chart in a second process while this one does everything else.

Importing matplotlib and drawing take about as long as validating the repo and building
the .docx. Where the system can fork (Linux, macOS), ``Painter.start()`` forks a process
that imports matplotlib at once and then waits for the bars; the report command hands
them over as soon as the figures are computed and collects the PNG at the end, so both
cores of the machine work. Anything that goes wrong there — no fork, the process died —
falls back to drawing here: the PNG is the same either way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from .chart import Bar, render_chart

WAIT_SECONDS = 120.0


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the forked process
    import matplotlib
    from matplotlib import figure  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401 - imported ahead of the bars

    del matplotlib
    try:
        bars = conn.recv()
        if bars is not None:
            conn.send(render_chart([Bar(*b) for b in bars]))
    except (EOFError, OSError):
        pass
    finally:
        conn.close()


class Painter:
    def __init__(self, process: Any = None, conn: Connection | None = None) -> None:
        self._process = process
        self._conn = conn

    @classmethod
    def start(cls) -> Painter:
        if "fork" not in multiprocessing.get_all_start_methods():
            return cls()
        context = multiprocessing.get_context("fork")
        try:
            here, there = context.Pipe()
            process = context.Process(target=_serve, args=(there,), daemon=True)
            process.start()
            there.close()
        except OSError:
            return cls()
        return cls(process, here)

    def submit(self, bars: Sequence[Bar]) -> Callable[[], bytes]:
        """Hand the bars over; the returned function gives the PNG when it is needed."""
        if self._conn is not None:
            try:
                self._conn.send([(b.label, b.ratio, b.attained) for b in bars])
            except (OSError, ValueError):
                self.close()
        drawn = list(bars)

        def result() -> bytes:
            if self._conn is not None:
                try:
                    if self._conn.poll(WAIT_SECONDS):
                        png = self._conn.recv()
                        if isinstance(png, bytes):
                            return png
                except (EOFError, OSError, ValueError):
                    pass
                finally:
                    self.close()
            return render_chart(drawn)

        return result

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(None)
            with contextlib.suppress(OSError):
                self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=5)
            self._process = None

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
