"""store.cache_dir: a private folder for the compiled template, or None — never an error."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from kehoach_cli import store
from kehoach_cli.store import CACHE_ENV, cache_dir

NAME = "mau-bao-cao-0123456789abcdef"

POSIX = pytest.mark.skipif(os.name != "posix", reason="quyền thư mục của POSIX")
XDG = pytest.mark.skipif(
    os.name != "posix" or sys.platform == "darwin", reason="XDG_CACHE_HOME: Linux and the like"
)
NOT_ROOT = pytest.mark.skipif(
    os.name == "posix" and os.geteuid() == 0, reason="root writes through any permission"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def everything(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME (so Path.home()) is an empty folder of the test; no XDG_CACHE_HOME."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return folder


# --------------------------------------------------------------------------- KEHOACH_CACHE_DIR


def test_configured_base_gets_the_named_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "cache" / "kehoach"  # neither exists yet
    monkeypatch.setenv(CACHE_ENV, str(base))
    folder = cache_dir(NAME)
    assert folder == base / NAME
    assert folder.is_dir()
    if os.name == "posix":
        assert mode(folder) == 0o700


def test_an_existing_private_folder_is_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folder = tmp_path / NAME
    folder.mkdir(mode=0o700)
    (folder / "entry.cache").write_bytes(b"kept")
    assert cache_dir(NAME) == folder
    assert (folder / "entry.cache").read_bytes() == b"kept"
    assert cache_dir(NAME) == folder  # again: the same


def test_each_name_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_dir("a") == tmp_path / "a"
    assert cache_dir("b") == tmp_path / "b"
    assert everything(tmp_path) == ["a", "b"]


@pytest.mark.parametrize("value", ["", "  ", "\t"], ids=["empty", "spaces", "tab"])
def test_empty_setting_means_no_cache(
    tmp_path: Path, home: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert cache_dir(NAME) is None
    assert everything(tmp_path) == ["home"]  # nothing made: not here, not in the usual place
    assert everything(home) == []


def test_a_base_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "cache"
    base.write_bytes(b"a file")
    monkeypatch.setenv(CACHE_ENV, str(base))
    assert cache_dir(NAME) is None
    assert base.read_bytes() == b"a file"


def test_a_base_below_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_bytes(b"")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "file" / "cache"))
    assert cache_dir(NAME) is None


def test_the_folder_itself_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (tmp_path / NAME).write_bytes(b"not a folder")
    assert cache_dir(NAME) is None
    assert (tmp_path / NAME).read_bytes() == b"not a folder"


# --------------------------------------------------------------------------- the usual place


@XDG
def test_xdg_cache_home(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV)
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    folder = cache_dir(NAME)
    assert folder == xdg / "kehoach" / NAME
    assert folder.is_dir()
    assert mode(folder) == 0o700
    assert everything(home) == []


@XDG
@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "./cache"])
def test_without_an_absolute_xdg_cache_home(
    tmp_path: Path, home: Path, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative XDG_CACHE_HOME is ignored, as the XDG specification says."""
    monkeypatch.delenv(CACHE_ENV)
    if xdg is not None:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    folder = cache_dir(NAME)
    assert folder == home / ".cache" / "kehoach" / NAME
    assert folder.is_dir()
    assert mode(folder) == 0o700
    assert everything(work) == []


@POSIX
def test_macos_library_caches(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg"))  # not used on macOS
    with monkeypatch.context() as patch:
        patch.setattr(store.sys, "platform", "darwin")
        folder = cache_dir(NAME)
    assert folder == home / "Library" / "Caches" / "kehoach" / NAME
    assert folder.is_dir()
    assert not (home / "xdg").exists()


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home(cls: type[Path]) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    assert cache_dir(NAME) is None


# --------------------------------------------------------------------------- private only


@POSIX
@pytest.mark.parametrize("bits", [0o777, 0o770, 0o720, 0o702, 0o730])
def test_a_folder_others_can_write_is_refused(
    tmp_path: Path, bits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folder = tmp_path / NAME
    folder.mkdir()
    folder.chmod(bits)
    assert cache_dir(NAME) is None
    assert mode(folder) == bits  # left as it was


@POSIX
@pytest.mark.parametrize("bits", [0o700, 0o750, 0o755, 0o705, 0o500])
def test_a_folder_only_its_owner_can_write_is_used(
    tmp_path: Path, bits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folder = tmp_path / NAME
    folder.mkdir()
    folder.chmod(bits)
    try:
        assert cache_dir(NAME) == folder
        assert mode(folder) == bits
    finally:
        folder.chmod(0o700)


@POSIX
def test_a_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folder = tmp_path / NAME
    folder.mkdir(mode=0o700)
    me = os.geteuid()
    assert cache_dir(NAME) == folder
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the folder is now someone else's
    assert cache_dir(NAME) is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="chown needs root")
def test_a_folder_chowned_to_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folder = tmp_path / NAME
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, -1)
    assert cache_dir(NAME) is None


def test_a_relative_cache_dir_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative KEHOACH_CACHE_DIR would land in whatever folder kehoach runs in (often the
    plan repo): no cache, and nothing created."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_ENV, "bo-dem")
    assert cache_dir(NAME) is None
    assert list(tmp_path.iterdir()) == []


@POSIX
def test_the_folder_as_a_symbolic_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    base = tmp_path / "base"
    base.mkdir()
    (base / NAME).symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setenv(CACHE_ENV, str(base))
    assert cache_dir(NAME) is None
    assert (base / NAME).is_symlink()
    assert everything(elsewhere) == []


@POSIX
def test_a_dangling_symbolic_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / NAME).symlink_to(tmp_path / "missing")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_dir(NAME) is None
    assert not (tmp_path / "missing").exists()


@POSIX
def test_a_base_behind_a_symbolic_link_is_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """~/.cache on another disk: only the cache's own folder has to be a real one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    (tmp_path / "link").symlink_to(disk, target_is_directory=True)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "link"))
    assert cache_dir(NAME) == tmp_path / "link" / NAME
    assert (disk / NAME).is_dir() and not (disk / NAME).is_symlink()


@POSIX
@NOT_ROOT
def test_a_base_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "base"
    base.mkdir()
    base.chmod(0o500)
    monkeypatch.setenv(CACHE_ENV, str(base / "kehoach"))
    try:
        assert cache_dir(NAME) is None
    finally:
        base.chmod(0o700)
    assert everything(base) == []


# --------------------------------------------------------------------------- each system


def test_windows_cache_is_under_localappdata() -> None:
    base = store.default_cache_base(
        "win32",
        {"LOCALAPPDATA": r"C:\Users\Nguyễn Văn An\AppData\Local"},
        lambda: PureWindowsPath(r"C:\Users\Nguyễn Văn An"),
    )
    assert base == PureWindowsPath(r"C:\Users\Nguyễn Văn An\AppData\Local\kehoach\Cache")
    assert str(base / "mau-bao-cao-x") == (
        r"C:\Users\Nguyễn Văn An\AppData\Local\kehoach\Cache\mau-bao-cao-x"
    )


def test_windows_without_localappdata_uses_the_profile() -> None:
    base = store.default_cache_base("win32", {}, lambda: PureWindowsPath(r"D:\Hồ sơ\lan"))
    assert base == PureWindowsPath(r"D:\Hồ sơ\lan\AppData\Local\kehoach\Cache")


def test_macos_and_linux_bases() -> None:
    home = lambda: PurePosixPath("/home/lan")  # noqa: E731
    assert store.default_cache_base("darwin", {}, home) == PurePosixPath(
        "/home/lan/Library/Caches/kehoach"
    )
    assert store.default_cache_base("linux", {}, home) == PurePosixPath("/home/lan/.cache/kehoach")
    assert store.default_cache_base("linux", {"XDG_CACHE_HOME": "/var/cache/lan"}, home) == (
        PurePosixPath("/var/cache/lan/kehoach")
    )
    assert store.default_cache_base("linux", {"XDG_CACHE_HOME": "cache"}, home) == (
        PurePosixPath("/home/lan/.cache/kehoach")  # relative: ignored, as the spec says
    )
