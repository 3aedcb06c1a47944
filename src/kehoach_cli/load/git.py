"""Git, run as a subprocess: the runner the change rules use (check/changes.py), and the
plan repo as git's index holds it, for ``kehoach validate --staged``.

Git runs with a list argv (no shell), ``cwd`` the plan repo, without taking optional
locks (``GIT_OPTIONAL_LOCKS=0``): validate never writes, not even git's index. Blobs are
read raw (``cat-file``), without filters or line-ending conversion: what is checked is
exactly what is committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

from ..errors import UsageError

# The folders of a plan repo that kehoach reads (and nothing else is exported).
PLAN_FOLDERS = ("plan/", "units/", "reports/", "templates/", "schemas/")


def run_git(root: Path, *args: str, check: bool = True, what: str = "--base",
            stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``root``; a missing git is a usage error of the option ``what``."""
    exe = shutil.which("git")
    if exe is None:
        raise UsageError(
            f"{what}: không tìm thấy chương trình git; cần cài đặt git "
            "(https://git-scm.com) để kiểm tra thay đổi so với một phiên bản"
            if what == "--base" else
            f"{what}: không tìm thấy chương trình git; cần cài đặt git (https://git-scm.com)"
        )
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            [exe, *args], cwd=root, env=env, capture_output=True, check=False, input=stdin
        )
    except OSError as exc:
        raise UsageError(
            f"{what}: không chạy được chương trình git ({exc.strerror or exc})"
        ) from None
    if check and done.returncode != 0:
        raise UsageError(f"{what}: lệnh git {args[0]} không chạy được ({git_stderr(done)})")
    return done


def git_stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
    return "git báo: " + lines[0] if lines else f"mã lỗi {done.returncode}"


def git_text(raw: bytes) -> str:
    return unicodedata.normalize("NFC", raw.decode("utf-8", errors="replace"))


def split_z(raw: bytes) -> list[str]:
    return [git_text(part) for part in raw.split(b"\0") if part]


def work_tree_prefix(root: Path, what: str) -> str:
    """The plan repo's folder inside its git work tree ("" or "sub/dir/"); a usage error
    when ``root`` is not in a git work tree."""
    inside = run_git(root, "rev-parse", "--is-inside-work-tree", check=False, what=what)
    if b"dubious ownership" in inside.stderr:
        raise UsageError(
            f"{what}: git từ chối đọc kho ở {root} vì thư mục thuộc một người dùng khác của "
            f"máy; nếu tin cậy thư mục này, chạy: git config --global --add safe.directory "
            f"{root}"
        )
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise UsageError(
            f"{what}: thư mục {root} không nằm trong một kho git ({git_stderr(inside)}); "
            f"{what} chỉ dùng được trong bản sao git của kho kế hoạch (git clone)"
        )
    return git_text(run_git(root, "rev-parse", "--show-prefix", what=what).stdout).rstrip("\r\n")


def export_index(root: Path, dest: Path) -> int:
    """Write the plan repo's files as git's index holds them (the staged content; for a
    file not staged, its content at HEAD) under ``dest``; untracked files and unstaged
    edits are not there. Returns how many files were written."""
    what = "--staged"
    prefix = work_tree_prefix(root, what)
    listed = run_git(root, "ls-files", "--stage", "-z", "--full-name", "--", ".", what=what)
    entries: list[tuple[str, str, str]] = []  # mode, blob, plan-repo path
    for record in split_z(listed.stdout):
        meta, _, path = record.partition("\t")
        mode, blob, stage = meta.split(" ")
        if stage not in ("0", "2") or not path.startswith(prefix):
            continue  # in a merge conflict, "ours" (stage 2) is what would be committed
        relpath = path[len(prefix):]
        if relpath.startswith(PLAN_FOLDERS) and mode in ("100644", "100755", "120000"):
            entries.append((mode, blob, relpath))
    if not entries:
        return 0
    batch = run_git(root, "cat-file", "--batch", what=what,
                    stdin="".join(f"{blob}\n" for _, blob, _ in entries).encode("ascii"))
    data, at = batch.stdout, 0
    for mode, _, relpath in entries:
        end = data.index(b"\n", at)
        header = data[at:end].split(b" ")
        size = int(header[2])
        content = data[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the blob, then a line break
        target = dest.joinpath(*relpath.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":  # a link: kept a link, so that the loader refuses it as such
            try:
                os.symlink(git_text(content), target)
            except OSError:
                target.write_bytes(b"")
            continue
        target.write_bytes(content)
    return len(entries)


__all__ = ["PLAN_FOLDERS", "export_index", "git_stderr", "git_text", "run_git", "split_z",
           "work_tree_prefix"]
