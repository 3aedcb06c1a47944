"""Draw the chart in a second process while this one loads the repo and builds the .docx.

Where the system can fork (Linux, macOS) and this process runs no other thread,
``Painter.start()`` forks a child as soon as the report command starts: it imports Pillow
and loads the fonts while this process loads and checks the repo, then waits for the
bars. ``draw(bars)`` hands them over once the figures are computed; the child draws while
the template runs, and ``png()`` collects the chart when the document needs it.

Anything that goes wrong there — no fork, the child died, hung, or wrote something that is
not a whole PNG — falls back to drawing here: the PNG is the same either way (tested). On
Windows the chart is simply drawn here, when it is needed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import selectors
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from .chart import PNG_SIGNATURE, Bar, render_chart

PNG_END = b"IEND\xaeB`\x82"
WAIT_SECONDS = 60.0  # for the child's chart; then it is stopped and the chart drawn here
REAP_SECONDS = 5.0  # for the child to end once its pipes are closed; then it is killed

Wire = list[tuple[str, float | None, bool]]

# This process's ends of every painter's pipes: a child forked later must not keep them
# open, or the painter that owns them would never see its own child's pipe close.
_OPEN: set[int] = set()


class Painter:
    """``start()``, then ``draw(bars)``, ``png()``; ``close()`` (or ``with``) reaps."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._to_child: int | None = None
        self._from_child: int | None = None
        self._bars: list[Bar] = []
        self._drawn = False
        self._png: bytes | None = None

    @classmethod
    def start(cls) -> Painter:
        painter = cls()
        if _can_fork():
            painter._fork()
        return painter

    def _fork(self) -> None:
        pipes: list[int] = []
        try:
            pipes += os.pipe()
            pipes += os.pipe()
            pid = os.fork()
        except OSError:  # no more file descriptors or processes: draw here
            for fd in pipes:
                os.close(fd)
            return
        bars_read, bars_write, png_read, png_write = pipes
        if pid == 0:  # pragma: no cover - the child: coverage does not follow forks
            try:
                for fd in (bars_write, png_read, *_OPEN):
                    with contextlib.suppress(OSError):
                        os.close(fd)
                _serve(bars_read, png_write)
            finally:
                os._exit(1)  # whatever happens, the child never returns into the command
        os.close(bars_read)
        os.close(png_write)
        self._pid, self._to_child, self._from_child = pid, bars_write, png_read
        _OPEN.update((bars_write, png_read))

    def draw(self, bars: Sequence[Bar]) -> None:
        """Hand the bars over; drawing starts now in the child, or at ``png()`` here.

        Drawing other bars again lets the child go: the chart of the last bars is drawn
        here, as it would be without a child."""
        if self._drawn:
            self.close()
            self._png = None
        self._drawn = True
        self._bars = list(bars)
        fd = self._take("_to_child")
        if fd is None:
            return
        wire = marshal.dumps([(b.label, b.ratio, b.attained) for b in self._bars])
        try:
            _write_all(fd, wire, time.monotonic() + WAIT_SECONDS)
            sent = True
        except (OSError, ValueError, TimeoutError):  # the child is gone or stuck
            sent = False
        finally:
            os.close(fd)
        if not sent:
            self.close()  # png() draws here

    def png(self) -> bytes:
        if self._png is None:
            self._png = self._collect() or render_chart(self._bars)
        return self._png

    def _collect(self) -> bytes | None:
        """The child's PNG, or None when it did not deliver a whole one in time."""
        if self._to_child is not None or not self._drawn:
            return None
        fd = self._take("_from_child")
        if fd is None:
            return None
        try:
            data = _read_all(fd, time.monotonic() + WAIT_SECONDS)
        except (OSError, ValueError, TimeoutError):
            data = b""
        finally:
            os.close(fd)
        if not self._reap() or not (data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END)):
            return None
        return data

    def _take(self, name: str) -> int | None:
        fd: int | None = getattr(self, name)
        setattr(self, name, None)
        if fd is not None:
            _OPEN.discard(fd)
        return fd

    def _reap(self) -> bool:
        """Wait for the child (stopping it if it does not end); True when it exited 0."""
        if self._pid is None:
            return False
        pid, self._pid = self._pid, None
        deadline = time.monotonic() + REAP_SECONDS
        try:
            while True:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    return os.waitstatus_to_exitcode(status) == 0
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    return False
                time.sleep(0.002)
        except (ChildProcessError, ProcessLookupError):
            return False

    def close(self) -> None:
        """Let the child go (without bars it exits at once) and reap it."""
        for name in ("_to_child", "_from_child"):
            fd = self._take(name)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._reap()

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(bars_fd: int, png_fd: int) -> None:  # pragma: no cover - runs in the child
    code = 1
    try:
        from .chart import preload

        preload()
        data = _read_all(bars_fd)
        if not data:  # the report needs no chart, or failed
            code = 0
            return
        wire: Wire = marshal.loads(data)
        bars = [Bar(label, ratio, attained) for label, ratio, attained in wire]
        _write_all(png_fd, render_chart(bars))
        code = 0
    except BaseException:  # Ctrl+C, a broken pipe: the parent draws the chart itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _read_all(fd: int, deadline: float | None = None) -> bytes:
    """Everything until the other end is closed; TimeoutError after ``deadline``."""
    chunks: list[bytes] = []
    with _waiting(fd, selectors.EVENT_READ, deadline) as wait:
        while True:
            wait()
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _write_all(fd: int, data: bytes, deadline: float | None = None) -> None:
    """All of ``data``; TimeoutError when the reader takes none of it until ``deadline``."""
    view = memoryview(data)
    if deadline is not None:
        os.set_blocking(fd, False)
    with _waiting(fd, selectors.EVENT_WRITE, deadline) as wait:
        while view:
            wait()
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                continue


@contextlib.contextmanager
def _waiting(fd: int, event: int, deadline: float | None) -> Iterator[Callable[[], None]]:
    """A function that returns when ``fd`` is ready for ``event`` (at once when there is
    no deadline: the call then blocks in read or write) or raises TimeoutError."""
    if deadline is None:
        yield lambda: None
        return
    with selectors.DefaultSelector() as selector:  # any descriptor number, unlike select()
        selector.register(fd, event)

        def wait() -> None:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise TimeoutError

        yield wait


def _can_fork() -> bool:
    # Forking a process that runs other threads can deadlock the child on a lock one of
    # them held (Python warns about it from 3.12); the report never needs to.
    return hasattr(os, "fork") and threading.active_count() == 1


__all__ = ["Painter"]
