"""The compiled report template kept on disk (templating._bytecode_cache), through the real
``kehoach report``: the same bytes with or without it, a damaged or unwritable cache is no
error, an edited template is never run from an old entry, errors keep their lines."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import jinja2
import pytest
from jinja2.bccache import Bucket, FileSystemBytecodeCache, bc_magic
from tests.helpers import run_cli
from tests.scenarios import report as rr

from kehoach_cli.present.report import templating

TODAY = "2026-11-26"
TEMPLATE = Path("templates") / "bao-cao-quy.md.j2"
BUILTIN = templating.BUILTIN_DIR / templating.TEMPLATE_NAME
FOLDER_RE = re.compile(r"^mau-bao-cao-[0-9a-f]{16}$")
ENTRY_RE = re.compile(r"^[0-9a-f]{40}\.cache$")
OLD_NS = 1_000_000_000  # an mtime no write of today can give back
TEMPLATE_FAILED = (
    "kehoach: lỗi: mẫu báo cáo có lỗi nên chưa lập báo cáo; sửa mẫu (xem templates/README.md) "
    "rồi chạy lại. Không tệp nào được ghi.\n"
)
NOT_ROOT = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="POSIX permissions; root writes through them",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return rr.write(tmp_path, report="ngay: 2026-06-29\n")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KEHOACH_CACHE_DIR: a fresh, empty folder of this test."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates jinja2 compiles (an entry read from the cache is not
    compiled)."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: Any, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        names.append(name or "")
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def report(root: Path, out: Path) -> tuple[int, str, str]:
    return run_cli(["report", "--quy", "2", "--out", str(out)], cwd=root, today=TODAY)


def made(root: Path, out: Path) -> bytes:
    code, _, stderr = report(root, out)
    assert (code, stderr) == (0, ""), stderr
    return out.read_bytes()


def body_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def entries(cache: Path) -> list[Path]:
    """Every file in the cache, checking that each sits in a well-named folder."""
    found = sorted(p for p in cache.rglob("*") if not p.is_dir())
    for path in found:
        assert path.parent.parent == cache, path
        assert FOLDER_RE.match(path.parent.name), path
    return found


def only_entry(cache: Path) -> Path:
    found = entries(cache)
    assert len(found) == 1, found
    assert ENTRY_RE.match(found[0].name), found
    return found[0]


def pin(path: Path) -> tuple[int, int]:
    """Set an old mtime on ``path``: a rewrite (a new file put in its place) shows."""
    os.utime(path, ns=(OLD_NS, OLD_NS))
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def unchanged(path: Path, pinned: tuple[int, int]) -> bool:
    info = path.stat()
    return (info.st_ino, info.st_mtime_ns) == pinned


def write_template(root: Path, text: str) -> Path:
    path = root / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reuse


def test_second_run_reads_the_entry_and_gives_the_same_bytes(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str]
) -> None:
    first = made(root, tmp_path / "a.docx")
    assert compiles == [templating.TEMPLATE_NAME]
    entry = only_entry(cache)
    assert entry.read_bytes().startswith(bc_magic)
    pinned = pin(entry)

    compiles.clear()
    assert made(root, tmp_path / "b.docx") == first
    assert compiles == []  # the compiled code came from the cache
    assert unchanged(entry, pinned)  # and the entry was not written again
    assert entries(cache) == [entry]


def test_the_same_bytes_as_without_a_cache(
    root: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = made(root, tmp_path / "cold.docx")
    warm = made(root, tmp_path / "warm.docx")
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    assert made(root, tmp_path / "none.docx") == cold == warm


def test_private_folder_mode(root: Path, cache: Path, tmp_path: Path) -> None:
    made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    if os.name == "posix":
        assert entry.parent.stat().st_mode & 0o777 == 0o700


# --------------------------------------------------------------------------- damage


def _cut_in_marshal(good: bytes) -> bytes:
    return good[:-10]


def _cut_in_checksum(good: bytes) -> bytes:
    return good[: len(bc_magic) + 3]


def _wrong_magic(good: bytes) -> bytes:
    return b"j1" + good[2:]


def _garbage(good: bytes) -> bytes:
    return b"garbage"


def _empty(good: bytes) -> bytes:
    return b""


def _zeroed_code(good: bytes) -> bytes:
    return good[: len(good) // 2] + b"\0" * (len(good) - len(good) // 2)


@pytest.mark.parametrize(
    "damage",
    [_garbage, _empty, _wrong_magic, _cut_in_checksum, _cut_in_marshal, _zeroed_code],
    ids=["garbage", "empty", "wrong-magic", "cut-in-checksum", "cut-in-code", "zeroed-code"],
)
def test_a_damaged_entry_is_compiled_again_and_rewritten(
    root: Path,
    cache: Path,
    tmp_path: Path,
    compiles: list[str],
    damage: Callable[[bytes], bytes],
) -> None:
    first = made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    damaged = damage(entry.read_bytes())
    entry.write_bytes(damaged)
    pin(entry)

    compiles.clear()
    assert made(root, tmp_path / "b.docx") == first
    assert compiles == [templating.TEMPLATE_NAME]
    assert only_entry(cache) == entry
    assert entry.read_bytes() != damaged
    assert entry.read_bytes().startswith(bc_magic)
    assert entry.stat().st_mtime_ns != OLD_NS  # rewritten

    pinned = pin(entry)  # and the new entry is a good one: read, not compiled, next time
    compiles.clear()
    assert made(root, tmp_path / "c.docx") == first
    assert compiles == []
    assert unchanged(entry, pinned)


def test_an_entry_that_is_a_folder(root: Path, cache: Path, tmp_path: Path) -> None:
    first = made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    entry.unlink()
    entry.mkdir()
    assert made(root, tmp_path / "b.docx") == first
    assert entry.is_dir()
    assert entries(cache) == []  # no temporary file left behind


# --------------------------------------------------------------------------- edited template


def test_an_edited_template_is_compiled_again(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str]
) -> None:
    source = BUILTIN.read_text(encoding="utf-8")
    path = write_template(root, source)
    before = body_text(made(root, tmp_path / "a.docx"))
    assert "Trên đây là báo cáo kết quả thực hiện" in before
    entry = only_entry(cache)

    # Same size, same modification time: only the text tells them apart.
    edited = source.replace("Trên đây là báo cáo kết quả", "Trên đây là BÁO CÁO kết quả")
    assert edited != source and len(edited.encode()) == len(source.encode())
    info = path.stat()
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    compiles.clear()
    after = body_text(made(root, tmp_path / "b.docx"))
    assert compiles == [templating.TEMPLATE_NAME]
    assert "Trên đây là BÁO CÁO kết quả thực hiện Kế hoạch quý II năm 2026" in after
    assert "Trên đây là báo cáo kết quả" not in after
    assert only_entry(cache) == entry  # the same key: the entry replaced

    path.write_text(source, encoding="utf-8")  # and back
    compiles.clear()
    assert body_text(made(root, tmp_path / "c.docx")) == before
    assert compiles == [templating.TEMPLATE_NAME]


def test_an_added_line_shows_on_the_next_run(root: Path, cache: Path, tmp_path: Path) -> None:
    source = BUILTIN.read_text(encoding="utf-8")
    path = write_template(root, source)
    made(root, tmp_path / "a.docx")
    assert len(entries(cache)) == 1
    path.write_text(source + "\nDòng thêm để thử bộ đệm của mẫu.\n", encoding="utf-8")
    assert "Dòng thêm để thử bộ đệm của mẫu." in body_text(made(root, tmp_path / "b.docx"))


def test_builtin_and_repo_template_have_their_own_entries(
    root: Path, cache: Path, tmp_path: Path
) -> None:
    builtin = made(root, tmp_path / "a.docx")
    write_template(root, "Chỉ một dòng của kho.\n")
    text = body_text(made(root, tmp_path / "b.docx"))
    assert "Chỉ một dòng của kho." in text
    assert "Trên đây là" not in text
    assert len(entries(cache)) == 2
    (root / TEMPLATE).unlink()
    assert made(root, tmp_path / "c.docx") == builtin


def test_two_repos_with_different_templates(tmp_path: Path, cache: Path) -> None:
    one = rr.write(tmp_path / "1", report="ngay: 2026-06-29\n")
    two = rr.write(tmp_path / "2", report="ngay: 2026-06-29\n")
    write_template(one, "Mẫu của kho một.\n")
    write_template(two, "Mẫu của kho hai.\n")
    for _ in range(2):
        assert "Mẫu của kho một." in body_text(made(one, tmp_path / "1.docx"))
        assert "Mẫu của kho hai." in body_text(made(two, tmp_path / "2.docx"))
    assert len(entries(cache)) == 2


# --------------------------------------------------------------------------- no cache


def test_empty_setting_writes_no_cache_anywhere(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    home.mkdir()
    xdg.mkdir()
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    first = made(root, tmp_path / "a.docx")
    assert made(root, tmp_path / "b.docx") == first
    assert compiles == [templating.TEMPLATE_NAME] * 2  # compiled each time
    assert list(home.iterdir()) == [] and list(xdg.iterdir()) == []
    assert not any("cache" in p.name for p in root.rglob("*"))


@NOT_ROOT
def test_a_cache_base_that_cannot_be_written(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "cache"
    base.mkdir()
    base.chmod(0o500)
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(base))
    try:
        first = made(root, tmp_path / "a.docx")
        assert made(root, tmp_path / "b.docx") == first
        assert list(base.iterdir()) == []
    finally:
        base.chmod(0o700)


@NOT_ROOT
def test_a_cache_folder_that_cannot_be_written(root: Path, cache: Path, tmp_path: Path) -> None:
    first = made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    entry.unlink()
    entry.parent.chmod(0o500)
    try:
        assert made(root, tmp_path / "b.docx") == first
        assert list(entry.parent.iterdir()) == []  # nothing written, no temporary file
    finally:
        entry.parent.chmod(0o700)


def test_writing_the_entry_fails(
    root: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an unwritable cache amounts to, whoever runs the tests (root included)."""

    def refused(self: Any, bucket: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", refused)
    first = made(root, tmp_path / "a.docx")
    assert made(root, tmp_path / "b.docx") == first
    assert entries(cache) == []


def test_reading_the_entry_fails(
    root: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    first = made(root, tmp_path / "a.docx")

    def refused(self: Any, entry: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Bucket, "load_bytecode", refused)
    compiles.clear()
    assert made(root, tmp_path / "b.docx") == first
    assert compiles == [templating.TEMPLATE_NAME]


@pytest.mark.skipif(os.name != "posix", reason="quyền thư mục của POSIX")
def test_a_folder_others_can_write_is_not_used(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str]
) -> None:
    """Code read back from the cache is run: a folder anybody can write is left alone."""
    first = made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    good = tmp_path / "good.cache"
    shutil.copy(entry, good)
    folder = entry.parent
    entry.unlink()
    folder.chmod(0o777)
    try:
        compiles.clear()
        assert made(root, tmp_path / "b.docx") == first
        assert compiles == [templating.TEMPLATE_NAME]  # not written there
        assert list(folder.iterdir()) == []
        # Nor is an entry found there read, even a good one.
        shutil.copy(good, folder / entry.name)
        compiles.clear()
        assert made(root, tmp_path / "c.docx") == first
        assert compiles == [templating.TEMPLATE_NAME]
    finally:
        folder.chmod(0o700)


# --------------------------------------------------------------------------- error lines


UNDEFINED = (
    "mẫu báo cáo dùng tên không có trong dữ liệu báo cáo (không có tên 'khong_co_bien'); "
    "xem danh sách tên trong templates/README.md"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Dòng một\nDòng hai\n\n{{ khong_co_bien }}\n", 4),
        ("Mở đầu\n{% for i in range(2) %}\nLần {{ i }}\n\n{{ khong_co_bien }}\n{% endfor %}\n", 5),
        ("{% macro m() %}\nTrong macro\n{{ khong_co_bien }}\n{% endmacro %}\nDòng\n{{ m() }}\n", 3),
        ("Một\nHai\nBa\nBốn\nNăm\nSáu\n{{ 1 + khong_co_bien }}\n", 7),
    ],
    ids=["plain", "in-a-loop", "in-a-macro", "in-an-expression"],
)
def test_a_runtime_error_has_its_line_from_the_cache_too(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str], text: str, line: int
) -> None:
    write_template(root, text)
    out = tmp_path / "a.docx"
    first = report(root, out)
    expected = f"templates/bao-cao-quy.md.j2:{line}:1: lỗi: {UNDEFINED}\n" + TEMPLATE_FAILED
    assert first == (1, "", expected)
    assert compiles == [templating.TEMPLATE_NAME]
    entry = only_entry(cache)  # compiled fine, failed when run: the entry is kept
    pinned = pin(entry)

    compiles.clear()
    assert report(root, out) == first
    assert compiles == []  # this time the code came from the cache
    assert unchanged(entry, pinned)
    assert not out.exists()


def test_an_error_in_an_included_template_from_the_cache(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str]
) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "phan-ket.j2").write_text("a\n\n{{ khong_co_bien }}\n", "utf-8")
    write_template(root, "Mở đầu.\n{% include 'phan-ket.j2' %}\n")
    first = report(root, tmp_path / "a.docx")
    assert first == (1, "", f"templates/phan-ket.j2:3:1: lỗi: {UNDEFINED}\n" + TEMPLATE_FAILED)
    assert sorted(compiles) == ["bao-cao-quy.md.j2", "phan-ket.j2"]
    assert len(entries(cache)) == 2
    compiles.clear()
    assert report(root, tmp_path / "a.docx") == first
    assert compiles == []


def test_a_syntax_error_is_never_cached(root: Path, cache: Path, tmp_path: Path) -> None:
    write_template(root, "Dòng một\n{% if chi_tieu.tong %}\nDòng ba\n")
    first = report(root, tmp_path / "a.docx")
    assert first[0] == 1
    assert first[2].startswith("templates/bao-cao-quy.md.j2:3:1: lỗi: mẫu báo cáo sai cú pháp")
    assert entries(cache) == []
    assert report(root, tmp_path / "a.docx") == first


# --------------------------------------------------------------------------- the folder name


@pytest.fixture
def fresh_source() -> Iterator[None]:
    templating._own_source.cache_clear()
    yield
    templating._own_source.cache_clear()


def test_the_folder_is_named_after_the_filters(cache: Path) -> None:
    one = templating._bytecode_cache(["a"])
    two = templating._bytecode_cache(["a", "b"])
    again = templating._bytecode_cache(["a"])
    joined = templating._bytecode_cache(["ab"])
    folders = [Path(c.directory) for c in (one, two, again, joined)]
    assert all(f.parent == cache and FOLDER_RE.match(f.name) and f.is_dir() for f in folders)
    assert folders[0] != folders[1]
    assert folders[0] == folders[2]
    assert folders[3] not in (folders[0], folders[1])


def test_the_folder_is_named_after_jinja2_and_kehoach(
    cache: Path, monkeypatch: pytest.MonkeyPatch, fresh_source: None
) -> None:
    import kehoach_cli

    before = templating._bytecode_cache(["a"]).directory
    with monkeypatch.context() as patch:
        patch.setattr(jinja2, "__version__", "0.0.0")
        other_jinja = templating._bytecode_cache(["a"]).directory
    templating._own_source.cache_clear()
    with monkeypatch.context() as patch:
        patch.setattr(kehoach_cli, "__version__", "0.0.0")
        other_kehoach = templating._bytecode_cache(["a"]).directory
    templating._own_source.cache_clear()
    assert templating._bytecode_cache(["a"]).directory == before
    assert len({before, other_jinja, other_kehoach}) == 3


def test_no_cache_when_there_is_no_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    assert templating._bytecode_cache(["a"]) is None


# --------------------------------------------------------------------------- stale code

# What jinja2 compiles could depend on more than the template's text: it calls a filter
# given constants at compile time and writes the result into the code (constant folding),
# does the same with ``finalize`` (so format_number of present/numbers.py) for a constant
# ``{{ 12.5 }}``, and compiles in whether a filter takes the context. kehoach's filters
# and finalize are therefore always run at run time (templating._at_run_time) and the
# filters' calling conventions are part of the cache folder's name: a filter or
# format_number changed under the same version (a checkout being worked on) is never run
# from stale compiled code. Each case gives the same result with and without a cache.


@jinja2.pass_context
def _with_context(context: Any, value: Any) -> str:
    return f"<{value}>"


def _square(value: Any) -> str:
    return f"[{value}]"


def _round(value: Any) -> str:
    return f"({value})"


def _text(
    root: Path, filters: dict[str, Callable[..., Any]], context: dict[str, Any] | None = None
) -> str:
    rendered = templating.render_template(root, context or {}, filters)
    return " ".join(run.text for block in rendered.blocks for run in getattr(block, "runs", ()))


def _constant_filter(root: Path) -> tuple[str, str]:
    write_template(root, "{{ 'x' | dau }}\n")
    return _text(root, {"dau": _square}), _text(root, {"dau": _round})


def _filter_gains_context(root: Path) -> tuple[str, str]:
    write_template(root, "{{ ten | dau }}\n")
    return _text(root, {"dau": _square}, {"ten": "x"}), _text(
        root, {"dau": _with_context}, {"ten": "x"}
    )


def _number_format(root: Path) -> tuple[str, str]:
    write_template(root, "{{ 12.5 }}\n")
    first = _text(root, {})
    with pytest.MonkeyPatch.context() as patch:  # as if present/numbers.py had changed
        patch.setattr(templating, "format_number", lambda value: "mười hai phẩy năm")
        return first, _text(root, {})


CASES = [
    pytest.param(_constant_filter, ("[x]", "(x)"), id="filter-body"),
    pytest.param(_filter_gains_context, ("[x]", "<x>"), id="filter-marker"),
    pytest.param(_number_format, ("12,5", "mười hai phẩy năm"), id="format-number"),
]


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_changed_code_without_a_cache(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], tuple[str, str]],
    expected: tuple[str, str],
) -> None:
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    assert change(tmp_path / "kho") == expected


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_changed_code_with_a_cache(
    tmp_path: Path,
    cache: Path,
    change: Callable[[Path], tuple[str, str]],
    expected: tuple[str, str],
) -> None:
    assert change(tmp_path / "kho") == expected


UNIT_LINE = "Đơn vị chủ trì: {{ 'cong-an' | ten_dv }}.\n"


def _rename_unit(root: Path) -> None:
    units = root / "plan" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    assert "ten: Công an xã\n" in text
    units.write_text(text.replace("ten: Công an xã\n", "ten: Công an xã Mẫu Sơn\n"), "utf-8")


def test_a_renamed_unit_without_a_cache(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    write_template(root, UNIT_LINE)
    assert "Đơn vị chủ trì: Công an xã." in body_text(made(root, tmp_path / "a.docx"))
    _rename_unit(root)
    assert "Đơn vị chủ trì: Công an xã Mẫu Sơn." in body_text(made(root, tmp_path / "b.docx"))


def test_a_renamed_unit_with_a_cache(root: Path, cache: Path, tmp_path: Path) -> None:
    write_template(root, UNIT_LINE)
    assert "Đơn vị chủ trì: Công an xã." in body_text(made(root, tmp_path / "a.docx"))
    _rename_unit(root)
    assert "Đơn vị chủ trì: Công an xã Mẫu Sơn." in body_text(made(root, tmp_path / "b.docx"))


# --------------------------------------------------------------------------- review fixes


@pytest.mark.skipif(os.name != "posix", reason="quyền tệp của POSIX")
def test_an_entry_others_can_write_is_not_read(
    root: Path, cache: Path, tmp_path: Path, compiles: list[str]
) -> None:
    """The folder is private, but an entry in it that others may write is not run."""
    first = made(root, tmp_path / "a.docx")
    entry = only_entry(cache)
    entry.chmod(0o666)
    compiles.clear()
    assert made(root, tmp_path / "b.docx") == first
    assert compiles == [templating.TEMPLATE_NAME]


@jinja2.pass_environment
def _unit_name_from_environment(environment: Any, value: Any) -> str:
    return UNIT_NAMES[-1]


UNIT_NAMES = ["Công an xã"]


def test_a_filter_marked_pass_environment_runs_at_render_time(
    tmp_path: Path, cache: Path
) -> None:
    """jinja2 folds constants through pass_environment filters too: kehoach wraps them, so
    a cached template still asks the filter each time."""
    root = tmp_path / "kho"
    write_template(root, "{{ 'cong-an' | ten }}\n")
    filters = {"ten": _unit_name_from_environment}
    assert _text(root, filters) == "Công an xã"
    UNIT_NAMES.append("Công an xã Mẫu Sơn")
    try:
        assert _text(root, filters) == "Công an xã Mẫu Sơn"
    finally:
        UNIT_NAMES.pop()
    assert len(entries(cache)) == 1  # the second run read the cached template
