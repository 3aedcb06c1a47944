"""Writing files without ever leaving a partial or corrupt one behind.

Every file kehoach writes goes through ``write_atomic``: the bytes go to a temporary
file in the same folder, are flushed to disk, then replace the target in one step
(``os.replace``, atomic on Windows and POSIX). A reader — or a second kehoach running
at the same time — sees either the old file or the new one, never a mix; a write
interrupted at any point (an error, Ctrl+C, a full disk) leaves the old file as it was
and no temporary file behind. The new file keeps the old one's permissions (or gets
the usual ones for a new file), and a target that is a symbolic link is replaced by a
regular file: the write never lands outside the folder it names.

A write that fails raises ``WriteError``: a Vietnamese message saying which file and
why (no permission, the file is open in Word, the disk is full), exit code 1.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import KehoachError


class WriteError(KehoachError):
    """A file could not be written; nothing was changed."""


def _shown(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return str(path)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return ("không có quyền ghi, hoặc tệp đang được mở trong chương trình khác (như Word) — "
                "hãy đóng tệp rồi chạy lại")
    if exc.errno == errno.ENOSPC:
        return "ổ đĩa đã đầy"
    if exc.errno == errno.EROFS:
        return "ổ đĩa chỉ cho đọc"
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return "một phần của đường dẫn là tệp chứ không phải thư mục"
    return exc.strerror or type(exc).__name__


def _failed(path: Path, exc: OSError) -> WriteError:
    return WriteError(f"không ghi được {_shown(path)}: {_reason(exc)}; tệp cũ (nếu có) vẫn "
                      "nguyên vẹn")


def _new_file_mode() -> int:
    umask = os.umask(0)  # reading the umask means setting it; kehoach is single-threaded
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: the old file's, or a new file's."""
    try:
        st = os.lstat(path)
    except OSError:
        return _new_file_mode()
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else _new_file_mode()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no way and needs none."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new temporary file beside ``path``, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data`` in one step."""
    tmp: Path | None = None
    try:
        tmp = _write_temp(path, data, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _sync_folder(path.parent)


def write_new(path: Path, data: bytes) -> bool:
    """Write ``path`` only if it does not exist yet; False when it already did.

    The bytes go to a temporary file that is then hard-linked into place: the link
    fails if the target exists, so an existing file is never replaced, and the target
    never appears half written. Where the file system has no hard links (FAT, some
    network shares), the target is created exclusively and then filled atomically
    (a reader may then see it empty for a moment, never half written).
    """
    tmp: Path | None = None
    try:
        tmp = _write_temp(path, data, _new_file_mode())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return False
            try:
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    path.unlink()  # the empty placeholder made just above
                raise
            tmp = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _sync_folder(path.parent)
    return True



def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def rename_new(path: Path, new_path: Path) -> bool:
    """Rename ``path`` to ``new_path`` only if no other file has that name; False when
    one does (nothing is changed then).

    A rename that only changes the case of letters (Cong-An.yaml → cong-an.yaml) goes
    through a temporary name, so that it works on the case-insensitive file systems of
    Windows and macOS, where the new name already "exists" as the old file. Elsewhere the
    file is hard-linked to its new name (which fails if the name is taken, so an existing
    file is never replaced) and the old name removed; without hard links (FAT, some
    network shares) it is renamed after a last look that the name is free.
    """
    try:
        if os.path.lexists(new_path) and not _same_file(path, new_path):
            return False
        new_path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(new_path):  # the same file under another case
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            os.replace(path, tmp)
            try:
                if os.path.lexists(new_path):  # a case-sensitive system after all
                    os.replace(tmp, path)
                    return False
                os.rename(tmp, new_path)
            except BaseException:
                with contextlib.suppress(OSError):
                    if tmp.exists() and not path.exists():
                        os.replace(tmp, path)
                raise
        else:
            try:
                os.link(path, new_path)
            except FileExistsError:
                return False
            except OSError:
                if os.path.lexists(new_path):
                    return False
                os.rename(path, new_path)
            else:
                os.unlink(path)
    except OSError as exc:
        raise _failed(new_path, exc) from exc
    _sync_folder(new_path.parent)
    if new_path.parent != path.parent:
        _sync_folder(path.parent)
    return True
