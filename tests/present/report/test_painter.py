"""The chart drawn in a forked child (present/report/painter.py): the same PNG as drawn
here, whatever happens to the child, and never a zombie left behind."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence

import pytest

from kehoach_cli.present.report import painter as painter_module
from kehoach_cli.present.report.chart import PNG_SIGNATURE, Bar, render_chart
from kehoach_cli.present.report.painter import PNG_END, Painter

BARS = [
    Bar("1. Tỷ lệ hồ sơ được giải quyết trực tuyến", 87.5, False),
    Bar("2. Tỷ lệ thôn được phủ sóng 4G", 100.0, True),
    Bar("3. Số lớp tập huấn kỹ năng số", None, False),
    Bar("4. Tỷ trọng kinh tế số trong GRDP của xã Mẫu Sơn, tính theo giá hiện hành", 180.0, True),
]

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork: POSIX only")


@pytest.fixture(scope="module")
def expected() -> bytes:
    """The chart of BARS drawn in this process."""
    return render_chart(BARS)


@pytest.fixture
def started() -> Iterator[Callable[[], Painter]]:
    """``Painter.start`` that asserts a child was forked; a child a failed test left
    running is killed and reaped (only while the painter still holds its pid, so that a
    reaped pid, maybe reused by now, is never signalled)."""
    painters: list[Painter] = []

    def start() -> Painter:
        assert threading.active_count() == 1, [t.name for t in threading.enumerate()]
        painter = Painter.start()
        painters.append(painter)
        assert painter._pid is not None, "Painter.start() did not fork"
        return painter

    yield start
    for painter in painters:
        if painter._pid is not None:
            os.kill(painter._pid, signal.SIGKILL)
        painter.close()


def assert_reaped(pid: int) -> None:
    """``pid`` was our child and has been waited for: no zombie is left."""
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def record_reap(painter: Painter) -> list[bool]:
    """Wrap ``painter._reap`` to record what it returned (True: the child exited 0)."""
    results: list[bool] = []
    reap = painter._reap

    def recording() -> bool:
        result = reap()
        results.append(result)
        return result

    painter._reap = recording  # type: ignore[method-assign]
    return results


def refuse_drawing_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, drawing in this process fails the test: the PNG must be the child's.
    (The child was forked before: it keeps the real render_chart.)"""

    def forbidden(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
        raise AssertionError("the chart was drawn in the parent, not in the child")

    monkeypatch.setattr(painter_module, "render_chart", forbidden)


# --------------------------------------------------------------------------- the child


@needs_fork
def test_the_childs_png_is_the_same_as_drawn_here(
    started: Callable[[], Painter], expected: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    painter.draw(BARS)
    refuse_drawing_here(monkeypatch)
    png = painter.png()
    assert png == expected
    assert png.startswith(PNG_SIGNATURE) and png.endswith(PNG_END)
    assert painter.png() is png  # collected once
    painter.close()
    assert_reaped(pid)


@needs_fork
def test_png_reaps_the_child_that_exited_cleanly(
    started: Callable[[], Painter], expected: bytes
) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    reaps = record_reap(painter)
    painter.draw(BARS)
    assert painter.png() == expected
    assert reaps == [True]  # the child exited with code 0
    assert painter._pid is None
    assert_reaped(pid)
    painter.close()  # nothing left to reap
    assert reaps == [True, False]


@needs_fork
def test_with_block_reaps_the_child(expected: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert threading.active_count() == 1
    with Painter.start() as painter:
        pid = painter._pid
        assert pid is not None
        painter.draw(BARS)
        refuse_drawing_here(monkeypatch)
        assert painter.png() == expected
    assert_reaped(pid)


@needs_fork
def test_an_empty_chart_from_the_child(started: Callable[[], Painter]) -> None:
    expected = render_chart([])
    painter = started()
    painter.draw([])  # an empty list still goes over the pipe: not "no chart"
    assert painter.png() == expected


# --------------------------------------------------------------------------- no child


def test_without_start_the_chart_is_drawn_here(expected: bytes) -> None:
    """What Windows gets: no fork, the same PNG."""
    painter = Painter()
    painter.draw(BARS)
    assert painter._pid is None and painter._to_child is None
    assert painter.png() == expected
    painter.close()  # nothing to reap, no error


def test_without_start_close_alone_is_harmless() -> None:
    with Painter() as painter:
        assert painter._pid is None


def test_no_fork_while_another_thread_runs(expected: bytes) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait, name="kehoach-test-blocked")
    other.start()
    try:
        painter = Painter.start()
        try:
            assert painter._pid is None
            assert painter._to_child is None and painter._from_child is None
            painter.draw(BARS)
            assert painter.png() == expected
        finally:
            painter.close()
    finally:
        release.set()
        other.join()


def test_no_fork_without_os_fork(monkeypatch: pytest.MonkeyPatch, expected: bytes) -> None:
    monkeypatch.delattr(os, "fork", raising=False)
    with Painter.start() as painter:
        assert painter._pid is None
        painter.draw(BARS)
        assert painter.png() == expected


@needs_fork
def test_a_failed_fork_draws_here_and_closes_the_pipes(
    monkeypatch: pytest.MonkeyPatch, expected: bytes
) -> None:
    opened: list[int] = []
    real_pipe = os.pipe

    def pipe() -> tuple[int, int]:
        fds = real_pipe()
        opened.extend(fds)
        return fds

    def fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "pipe", pipe)
    monkeypatch.setattr(os, "fork", fork)
    assert threading.active_count() == 1
    with Painter.start() as painter:
        assert len(opened) == 4
        for fd in opened:  # all four closed again (checked before any other file opens)
            with pytest.raises(OSError):
                os.fstat(fd)
        assert painter._pid is None and painter._to_child is None
        painter.draw(BARS)
        assert painter.png() == expected


# --------------------------------------------------------------------------- a dead child


@needs_fork
def test_child_killed_before_draw(started: Callable[[], Painter], expected: bytes) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    if hasattr(os, "waitid"):  # wait until it is dead, without reaping it: draw() then
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # meets a broken pipe
    painter.draw(BARS)  # no BrokenPipeError out of here
    assert painter.png() == expected  # drawn here
    painter.close()
    assert_reaped(pid)


@needs_fork
def test_child_killed_after_draw_before_png(
    started: Callable[[], Painter], expected: bytes
) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    # Stopped before it can read the bars, then killed: it never writes a byte.
    os.kill(pid, signal.SIGSTOP)
    _, status = os.waitpid(pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status)
    reaps = record_reap(painter)
    painter.draw(BARS)
    os.kill(pid, signal.SIGKILL)
    assert painter.png() == expected  # drawn here
    assert reaps == [False]  # the child did not exit cleanly
    painter.close()
    assert_reaped(pid)


@needs_fork
def test_child_killed_while_drawing(started: Callable[[], Painter], expected: bytes) -> None:
    """Whether the kill lands before, during or after the drawing, the PNG is the same."""
    painter = started()
    pid = painter._pid
    assert pid is not None
    painter.draw(BARS)
    os.kill(pid, signal.SIGKILL)
    assert painter.png() == expected
    painter.close()
    assert_reaped(pid)


# --------------------------------------------------------------------------- no chart


@needs_fork
def test_close_without_draw_lets_the_child_exit_cleanly(
    started: Callable[[], Painter],
) -> None:
    """A report that needs no chart, or fails first: the child exits 0 and is reaped."""
    painter = started()
    pid = painter._pid
    assert pid is not None
    reaps = record_reap(painter)
    painter.close()
    assert reaps == [True]
    assert painter._pid is None
    assert painter._to_child is None and painter._from_child is None
    assert_reaped(pid)
    painter.close()  # twice: harmless
    assert reaps == [True, False]


@needs_fork
def test_close_after_draw_without_png(started: Callable[[], Painter]) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    painter.draw(BARS)
    painter.close()
    assert_reaped(pid)


@needs_fork
def test_png_before_draw_draws_here_and_close_still_reaps(
    started: Callable[[], Painter],
) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    reaps = record_reap(painter)
    assert painter.png() == render_chart([])  # no bars given: an empty chart, drawn here
    painter.close()
    assert reaps == [True]
    assert_reaped(pid)


# --------------------------------------------------------------------------- a bad PNG


def _not_a_png(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    return b"not a png"


def _cut_short(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    return render_chart(bars)[: -len(PNG_END) - 4]


def _with_a_tail(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    return render_chart(bars) + b"\x00"


def _nothing(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    return b""


def _fails(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    raise ValueError("the child could not draw")


@needs_fork
@pytest.mark.parametrize(
    "child_draws",
    [_not_a_png, _cut_short, _with_a_tail, _nothing, _fails],
    ids=["garbage", "cut-short", "trailing-bytes", "empty", "raises"],
)
def test_a_child_that_delivers_no_whole_png(
    started: Callable[[], Painter],
    expected: bytes,
    monkeypatch: pytest.MonkeyPatch,
    child_draws: Callable[..., bytes],
) -> None:
    # The child is forked with the broken render_chart; this process gets the real one
    # back before it draws the fallback.
    monkeypatch.setattr(painter_module, "render_chart", child_draws)
    painter = started()
    pid = painter._pid
    assert pid is not None
    monkeypatch.undo()
    assert painter_module.render_chart is render_chart
    painter.draw(BARS)
    assert painter.png() == expected
    painter.close()
    assert_reaped(pid)


# --------------------------------------------------------------------------- awkward use


@pytest.fixture
def alarm() -> Iterator[None]:
    """A test that would hang fails after 30 s instead."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("the painter hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@needs_fork
@pytest.mark.usefixtures("alarm")
def test_two_painters_at_once_do_not_hold_each_others_pipes(
    started: Callable[[], Painter], expected: bytes
) -> None:
    first = started()
    second = started()  # its child must not keep the first painter's pipes open
    first_pid, second_pid = first._pid, second._pid
    assert first_pid is not None and second_pid is not None
    first.draw(BARS)
    assert first.png() == expected
    first.close()
    assert_reaped(first_pid)
    second.draw(BARS[:2])
    assert second.png() == render_chart(BARS[:2])
    second.close()
    assert_reaped(second_pid)


@needs_fork
def test_drawing_other_bars_again_gives_the_last_chart(
    started: Callable[[], Painter], expected: bytes
) -> None:
    painter = started()
    pid = painter._pid
    assert pid is not None
    painter.draw(BARS[:2])
    assert painter.png() == render_chart(BARS[:2])
    painter.draw(BARS)  # as without a child: the chart of the last bars
    assert painter.png() == expected
    painter.close()
    assert_reaped(pid)


def test_drawing_again_without_a_child_gives_the_last_chart(expected: bytes) -> None:
    painter = Painter()
    painter.draw(BARS[:2])
    assert painter.png() == render_chart(BARS[:2])
    painter.draw(BARS)
    assert painter.png() == expected


def _hangs(bars: Sequence[Bar], *args: object, **kwargs: object) -> bytes:
    import time

    time.sleep(3600)
    return b""


@needs_fork
def test_a_hung_child_is_stopped_and_the_chart_drawn_here(
    started: Callable[[], Painter], expected: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(painter_module, "render_chart", _hangs)
    painter = started()
    pid = painter._pid
    assert pid is not None
    monkeypatch.undo()
    monkeypatch.setattr(painter_module, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(painter_module, "REAP_SECONDS", 0.3)
    reaps = record_reap(painter)
    painter.draw(BARS)
    assert painter.png() == expected
    assert reaps == [False]  # it had to be killed
    assert_reaped(pid)


def _stuck_before_reading(*args: object, **kwargs: object) -> None:
    import time

    time.sleep(3600)


@needs_fork
def test_bars_larger_than_the_pipe_to_a_stuck_child(
    started: Callable[[], Painter], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that never reads (stuck in preload) cannot hang the report on bars longer
    than the pipe holds: the painter gives up, stops it and draws here."""
    import kehoach_cli.present.report.chart as chart_module

    monkeypatch.setattr(chart_module, "preload", _stuck_before_reading)
    painter = started()
    pid = painter._pid
    assert pid is not None
    monkeypatch.undo()
    monkeypatch.setattr(painter_module, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(painter_module, "REAP_SECONDS", 0.3)
    long_bars = [Bar(f"{i}. " + "Chỉ tiêu rất dài " * 400, 50.0 + i, i % 2 == 0) for i in range(20)]
    assert len(str(long_bars)) > 1 << 17  # more than a pipe's buffer
    painter.draw(long_bars)
    assert painter.png() == render_chart(long_bars)
    assert_reaped(pid)


def test_a_pipe_that_cannot_be_made_means_drawing_here(
    monkeypatch: pytest.MonkeyPatch, expected: bytes
) -> None:
    made: list[int] = []
    real_pipe = os.pipe

    def second_fails() -> tuple[int, int]:
        if made:
            raise OSError(24, "Too many open files")
        pair = real_pipe()
        made.extend(pair)
        return pair

    monkeypatch.setattr(painter_module.os, "pipe", second_fails)
    painter = Painter.start()
    monkeypatch.undo()
    assert painter._pid is None
    for fd in made:  # the first pipe was closed again
        with pytest.raises(OSError):
            os.fstat(fd)
    painter.draw(BARS)
    assert painter.png() == expected
    painter.close()
