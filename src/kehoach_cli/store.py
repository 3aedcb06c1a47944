"""Writing files without ever leaving a partial or corrupt one behind.

Every file kehoach writes goes through ``write_atomic``: the bytes go to a temporary
file in the same folder, are flushed to disk, then replace the target in one step
(``os.replace``, atomic on Windows and POSIX). A reader — or a second kehoach running
at the same time — sees either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_new(path: Path, data: bytes) -> bool:
    """Write ``path`` only if it does not exist yet; False when it already did.

    The bytes go to a temporary file that is then hard-linked into place: the link
    fails if the target exists, so an existing file is never replaced, and the target
    never appears half written. Where the file system has no hard links (FAT, some
    network shares), the target is created exclusively and then filled atomically.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return False
            os.replace(tmp, path)
        return True
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
