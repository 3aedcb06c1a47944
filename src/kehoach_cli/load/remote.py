"""Members of a roll-up kept in git elsewhere: fetched into a cache of bare repos and read
at one commit without checking out a work tree (``git archive`` into a temporary folder
that disappears after reading).

The cache is ``.kehoach-cache/git/`` under the roll-up repo (``KEHOACH_GIT_CACHE`` moves
it): one bare repo per URL, named by a hash of the URL. Deleting it is always safe; the
next run fetches again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import KehoachError
from .git import PLAN_FOLDERS, git_stderr, run_git

CACHE_DIR = ".kehoach-cache/git"
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[\w.-]+@[\w.-]+:)", re.IGNORECASE)
_READ = (*PLAN_FOLDERS, "tong-hop.yaml")


class MemberUnreadable(KehoachError):
    """A member's repo could not be fetched or read (said in Vietnamese)."""


def is_git_url(kho: str) -> bool:
    return bool(_URL.match(kho))


def cache_root(rollup_root: Path) -> Path:
    fixed = os.environ.get("KEHOACH_GIT_CACHE")
    return Path(fixed) if fixed else rollup_root / CACHE_DIR


def cached_repo(cache: Path, url: str) -> Path:
    return cache / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".git")


def fetch(cache: Path, url: str) -> Path:
    """Clone ``url`` (bare) into the cache, or bring the cached clone up to date."""
    dest = cached_repo(cache, url)
    what = "tong-hop.yaml"
    if not (dest / "HEAD").exists():
        cache.mkdir(parents=True, exist_ok=True)
        done = run_git(cache, "clone", "--bare", "--quiet", "--", url, dest.name,
                       check=False, what=what)
    else:
        done = run_git(dest, "fetch", "--quiet", "--prune", "--tags", "origin",
                       "+refs/heads/*:refs/heads/*", check=False, what=what)
    if done.returncode != 0:
        raise MemberUnreadable(f"không lấy được kho {url} ({git_stderr(done)})")
    return dest


def resolve(repo: Path, version: str | None) -> str:
    """The commit ``version`` names (a commit or a tag), or the default branch's head."""
    rev = version if version is not None else "HEAD"
    done = run_git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
                   check=False, what="tong-hop.yaml")
    if done.returncode != 0:
        shown = f"phiên bản '{version}'" if version is not None else "nhánh mặc định"
        raise MemberUnreadable(f"kho không có {shown} (cần một commit hoặc một thẻ)")
    return done.stdout.decode().strip()


@contextlib.contextmanager
def exported(repo: Path, commit: str) -> Iterator[Path]:
    """The files kehoach reads at ``commit``, in a temporary folder removed afterwards."""
    present = run_git(repo, "ls-tree", "--name-only", commit, check=False, what="tong-hop.yaml")
    names = {n for n in present.stdout.decode("utf-8", "replace").splitlines()}
    wanted = [p.rstrip("/") for p in _READ if p.rstrip("/") in names]
    with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
        if wanted:
            done = run_git(repo, "archive", "--format=tar", commit, "--", *wanted,
                           check=False, what="tong-hop.yaml")
            if done.returncode != 0:
                raise MemberUnreadable(f"không đọc được commit {commit[:12]} "
                                       f"({git_stderr(done)})")
            with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        yield Path(tmp)


def head_commit(root: Path) -> str | None:
    """The commit checked out in the work tree at ``root`` (read from .git), or None."""
    git = root / ".git"
    try:
        if git.is_file():  # a worktree or submodule: "gitdir: PATH"
            text = git.read_text().strip()
            git = (root / text.removeprefix("gitdir:").strip()).resolve()
        head = (git / "HEAD").read_text().strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head or None
    ref = head[4:].strip()
    common = git
    with contextlib.suppress(OSError):
        common = (git / (git / "commondir").read_text().strip()).resolve()
    for base in (git, common):
        with contextlib.suppress(OSError):
            return (base / ref).read_text().strip()
    with contextlib.suppress(OSError):
        for line in (common / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    return None
