"""store.py: a write either happens whole or not at all, and never leaves litter."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from kehoach_cli import store
from kehoach_cli.errors import KehoachError
from kehoach_cli.store import WriteError, write_atomic, write_new

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="quyền tệp và liên kết của POSIX")


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- write_atomic


def test_write_atomic_creates_parents_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2026-Q2.docx"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _names(target.parent) == ["2026-Q2.docx"]


def test_write_atomic_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _names(tmp_path) == ["a.docx"]


@pytest.mark.parametrize("where", ["write", "fsync", "chmod", "replace"])
def test_an_error_at_any_step_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    if where == "write":
        real_fdopen = os.fdopen

        class Half:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                self.fh.write(data[: len(data) // 2])  # half of it reaches the disk
                raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: Half(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(os, where, boom)
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"new content")
    assert caught.value.message == (
        "không ghi được " + store._shown(target)
        + ": Input/output error; tệp cũ (nếu có) vẫn nguyên vẹn"
    )
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.docx"]


def test_an_interrupt_keeps_the_old_file_and_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.docx"]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"),
         "không có quyền ghi, hoặc tệp đang được mở trong chương trình khác (như Word) — "
         "hãy đóng tệp rồi chạy lại"),
        (OSError(errno.ENOSPC, "No space left on device"), "ổ đĩa đã đầy"),
        (OSError(errno.EROFS, "Read-only file system"), "ổ đĩa chỉ cho đọc"),
    ],
)
def test_the_reason_is_said_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError) as caught:
        write_atomic(tmp_path / "reports" / "2026-Q2.docx", b"x")
    assert caught.value.message == (
        f"không ghi được reports/2026-Q2.docx: {reason}; tệp cũ (nếu có) vẫn nguyên vẹn"
    )
    assert isinstance(caught.value, KehoachError)  # exit 1 with the message, no traceback


def test_a_file_where_a_folder_should_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").write_bytes(b"")
    with pytest.raises(WriteError) as caught:
        write_atomic(tmp_path / "reports" / "2026-Q2.docx", b"x")
    assert caught.value.message == (
        "không ghi được reports/2026-Q2.docx: một phần của đường dẫn là tệp chứ không phải "
        "thư mục; tệp cũ (nếu có) vẫn nguyên vẹn"
    )


@POSIX
def test_a_real_permission_error(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("chạy với quyền root: vẫn ghi được vào thư mục chỉ đọc")
        with pytest.raises(WriteError):
            write_atomic(folder / "a.docx", b"x")
        assert _names(folder) == []
    finally:
        folder.chmod(0o700)


@POSIX
def test_the_old_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


@POSIX
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.docx", b"new")
        write_new(tmp_path / "b.yaml", b"new")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    assert (tmp_path / "b.yaml").stat().st_mode & 0o777 == 0o644


@POSIX
def test_a_link_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"do not touch")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.docx").symlink_to(outside)
    write_atomic(folder / "a.docx", b"new")
    assert outside.read_bytes() == b"do not touch"
    assert not (folder / "a.docx").is_symlink()
    assert (folder / "a.docx").read_bytes() == b"new"


# ---------------------------------------------------------------- write_new


def test_write_new_creates(tmp_path: Path) -> None:
    target = tmp_path / "units" / "cong-an" / "2026-Q2.yaml"
    assert write_new(target, b"don_vi: cong-an\n") is True
    assert target.read_bytes() == b"don_vi: cong-an\n"
    assert _names(target.parent) == ["2026-Q2.yaml"]


def test_write_new_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "2026-Q2.yaml"
    target.write_bytes(b"the unit's own work")
    assert write_new(target, b"template") is False
    assert target.read_bytes() == b"the unit's own work"
    assert _names(tmp_path) == ["2026-Q2.yaml"]


@POSIX
def test_write_new_does_not_write_through_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "2026-Q2.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert write_new(tmp_path / "2026-Q2.yaml", b"x") is False
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_write_new_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "2026-Q2.yaml"
    assert write_new(target, b"new") is True
    assert target.read_bytes() == b"new"
    assert write_new(target, b"again") is False
    assert target.read_bytes() == b"new"
    assert _names(tmp_path) == ["2026-Q2.yaml"]


def test_write_new_without_hard_links_leaves_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "link", fail)
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError):
        write_new(tmp_path / "2026-Q2.yaml", b"new")
    assert _names(tmp_path) == []


# ---------------------------------------------------------------- several processes

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kehoach_cli.store import write_atomic
    target, mark, count = Path(sys.argv[1]), sys.argv[2].encode(), int(sys.argv[3])
    for _ in range(count):
        write_atomic(target, mark * 200_000)
    """
)


def test_concurrent_writers_never_show_a_mix(tmp_path: Path) -> None:
    """Two processes replace the same file over and over while it is read: every read
    sees one whole version."""
    target = tmp_path / "a.docx"
    target.write_bytes(b"O" * 200_000)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    writers = [
        subprocess.Popen([sys.executable, str(script), str(target), mark, "60"])
        for mark in ("A", "B")
    ]
    seen = set()
    deadline = time.monotonic() + 120
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        data = target.read_bytes()
        assert len(data) == 200_000 and len(set(data)) == 1, "a mixed or partial file"
        seen.add(data[:1])
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert target.read_bytes() in (b"A" * 200_000, b"B" * 200_000)
    assert _names(tmp_path) == ["a.docx", "writer.py"]
    assert seen <= {b"O", b"A", b"B"}


CREATOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kehoach_cli.store import write_new
    print(write_new(Path(sys.argv[1]), sys.argv[2].encode() * 100_000))
    """
)


def test_concurrent_creators_exactly_one_wins(tmp_path: Path) -> None:
    script = tmp_path / "creator.py"
    script.write_text(CREATOR, encoding="utf-8")
    for round_ in range(5):
        target = tmp_path / f"{round_}.yaml"
        procs = [
            subprocess.Popen([sys.executable, str(script), str(target), mark],
                             stdout=subprocess.PIPE, text=True)
            for mark in "ABC"
        ]
        answers = [p.communicate(timeout=60)[0].strip() for p in procs]
        assert sorted(answers) == ["False", "False", "True"]
        winner = "ABC"[answers.index("True")]
        assert target.read_bytes() == winner.encode() * 100_000
    leftovers = [n for n in _names(tmp_path) if n.endswith(".tmp")]
    assert leftovers == []


def test_temporary_files_are_hidden_from_the_repo_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run cut short by a power failure may leave its temporary file: its name starts
    with a dot (skipped by the repo scan) and ends with .tmp, never .yaml."""
    used: list[str] = []
    real_replace = os.replace

    def recording_replace(src: Any, dst: Any) -> None:
        used.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording_replace)
    write_atomic(tmp_path / "2026-Q2.yaml", b"x")
    [name] = used
    assert name.startswith(".2026-Q2.yaml.") and name.endswith(".tmp")


# ---------------------------------------------------------------- rename_new


def test_rename_new_renames(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"x")
    assert store.rename_new(tmp_path / "a.yml", tmp_path / "sub" / "a.yaml") is True
    assert _names(tmp_path) == ["sub"]
    assert (tmp_path / "sub" / "a.yaml").read_bytes() == b"x"


def test_rename_new_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"x")
    (tmp_path / "a.yaml").write_bytes(b"y")
    assert store.rename_new(tmp_path / "a.yml", tmp_path / "a.yaml") is False
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())] == [
        ("a.yaml", b"y"), ("a.yml", b"x")]


def test_rename_new_changes_the_case_only(tmp_path: Path) -> None:
    (tmp_path / "Q1.YAML").write_bytes(b"x")
    assert store.rename_new(tmp_path / "Q1.YAML", tmp_path / "Q1.yaml") is True
    assert _names(tmp_path) == ["Q1.yaml"]


def test_rename_new_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "a.yml").write_bytes(b"x")
    assert store.rename_new(tmp_path / "a.yml", tmp_path / "a.yaml") is True
    assert _names(tmp_path) == ["a.yaml"]


def test_rename_new_says_why_it_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "link", refused)
    monkeypatch.setattr(os, "rename", refused)
    (tmp_path / "a.yml").write_bytes(b"x")
    with pytest.raises(WriteError) as caught:
        store.rename_new(tmp_path / "a.yml", tmp_path / "a.yaml")
    assert "không ghi được" in caught.value.message and "không có quyền ghi" in caught.value.message
    assert _names(tmp_path) == ["a.yml"]
