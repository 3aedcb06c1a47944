"""The console: colour and the spinner only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from kehoach_cli.commands.report import report
from kehoach_cli.commands.status import status
from kehoach_cli.console import progress, use_color


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(Terminal())
    assert not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: no-color.org says it does not count
    assert use_color(Terminal())


def test_force_color_and_term_dumb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # force-color.org: colour in a CI log
    assert use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
    assert not use_color(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "")  # set but empty counts as unset
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Terminal())
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(Terminal())


def test_force_color_colours_a_log_but_animates_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    err = io.StringIO()
    before = threading.active_count()
    with progress("Đang lập báo cáo…", err):
        assert threading.active_count() == before
    assert err.getvalue() == ""


def test_no_spinner_when_not_a_terminal() -> None:
    err = io.StringIO()
    before = threading.active_count()
    with progress("Đang đọc và kiểm tra kho kế hoạch…", err):
        assert threading.active_count() == before  # no spinner thread
    assert err.getvalue() == ""


def test_no_spinner_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    err = Terminal()
    with progress("Đang lập báo cáo…", err):
        pass
    assert err.getvalue() == ""


def test_spinner_on_a_terminal_shows_the_message_and_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # rich animates nothing on TERM=dumb
    err = Terminal()
    before = set(threading.enumerate())
    with progress("Đang đọc và kiểm tra kho kế hoạch…", err):
        spinners = set(threading.enumerate()) - before
        assert len(spinners) == 1  # rich's refresh thread
    for thread in spinners:  # told to stop when the block ends; it finishes its last tick
        thread.join(timeout=10)
        assert not thread.is_alive()
    assert "Đang đọc và kiểm tra kho kế hoạch…" in err.getvalue()


@pytest.mark.usefixtures("kehoach_today")
def test_report_and_status_on_a_terminal_show_a_spinner_and_still_work(
    good_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out, err = io.StringIO(), Terminal()
    target = tmp_path / "bao-cao.docx"
    assert report(good_repo, 2, out=target, stdout=out, stderr=err) == 0
    assert target.read_bytes().startswith(b"PK")
    assert "Đang đọc và kiểm tra kho kế hoạch…" in err.getvalue()
    assert "Đang lập báo cáo…" in err.getvalue()

    out, err = io.StringIO(), Terminal()
    assert status(good_repo, 2, as_json=True, out=out, err=err) == 0
    assert out.getvalue().startswith("{")
    assert "Đang đọc và kiểm tra kho kế hoạch…" in err.getvalue()
