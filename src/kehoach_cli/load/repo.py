"""Find a plan repo and load every file of it into models with positions.

Loading never writes and never reads outside the repo: symbolic links are refused
rather than followed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError
from ..vocab.periods import Period, ReportPeriod
from ..vocab.problems import START, Problem, Rename, error, warning
from .names import NearName, near_result_name
from .positions import Positions
from .rules import FILE
from .text import shown_text
from .yamlfile import YamlDocument, load_bytes

PLAN_FILES = {
    "plan": "plan/plan.yaml",
    "units": "plan/units.yaml",
    "targets": "plan/targets.yaml",
    "tasks": "plan/tasks.yaml",
}
PERIOD_LIKE_RE = re.compile(r"^([0-9]{4})-[Qq]([0-9]+)$")
YAML_SUFFIXES = (".yaml", ".yml")


class RepoNotFound(UsageError):
    """No plan repo at or above the starting folder."""


def find_root(start: Path) -> Path:
    """The folder holding plan/plan.yaml: ``start`` or its nearest parent, as git finds .git.

    A folder with a plan/ folder but no plan.yaml also counts, so that the missing file
    is reported by name instead of the repo being missed.
    """
    start = start.resolve()
    if not start.exists():
        raise RepoNotFound(f"-C: thư mục không tồn tại: {start}")
    candidates = [start, *start.parents]
    for folder in candidates:
        if (folder / "plan" / "plan.yaml").is_file():
            return folder
    for folder in candidates:
        if (folder / "plan").is_dir():
            return folder
    raise RepoNotFound(
        f"không tìm thấy kho kế hoạch (thư mục chứa plan/plan.yaml) tại {start} "
        "hoặc các thư mục cha; hãy chạy lệnh trong kho kế hoạch hoặc dùng -C ĐƯỜNG_DẪN"
    )


def rel(root: Path, path: Path) -> str:
    """``path`` relative to the repo root, always with forward slashes."""
    return path.relative_to(root).as_posix()


@dataclass(slots=True)
class SourceFile:
    """A YAML file of the repo, read and parsed (values and positions)."""

    path: str
    doc: YamlDocument



@dataclass(slots=True)
class RepoFiles:
    """The files a plan repo holds, as found on disk, before any parsing."""

    plan: dict[str, Path]  # kind -> path, for the plan files that exist
    results: list[tuple[Path, str, Period]]  # path, unit folder, period
    reports: list[tuple[Path, ReportPeriod]]
    unit_dirs: list[str] = field(default_factory=list)
    # unit folder -> every file and folder in it (repo-relative), hidden ones aside
    unit_files: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _inside(root: Path, path: Path) -> bool:
    """``path`` really lies inside ``root`` once links are followed (a linked folder
    could lead the reading elsewhere)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:  # pragma: no cover - a broken link loop
        return False


def _plan_file_hint(root: Path, relpath: str) -> str:
    """Name a near miss (plan/plan.yml, plan/Plan.yaml) for a missing plan file."""
    wanted = Path(relpath)
    folder = root / wanted.parent
    if not folder.is_dir():
        return ""
    stem = wanted.name.rsplit(".", 1)[0]
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name != wanted.name and name.lower() in (f"{stem}.yaml", f"{stem}.yml"):
            return f" (đang có tệp {rel(root, entry)}: hãy đổi tên thành {wanted.name})"
    return ""


def discover(root: Path) -> RepoFiles:
    """List the plan, result and report-input files; misplaced files are problems."""
    found = RepoFiles({}, [], [])
    problems = found.problems
    plan_dir = root / "plan"
    if plan_dir.is_symlink() or (plan_dir.exists() and not _inside(root, plan_dir)):
        problems.append(error("plan", START, "thư mục plan là liên kết tượng trưng (symlink); "
                              "cần một thư mục thật trong kho kế hoạch", FILE.id))
    else:
        for kind, relpath in PLAN_FILES.items():
            path = root / relpath
            if path.is_symlink():
                problems.append(
                    error(relpath, START, "tệp là liên kết tượng trưng (symlink); cần một tệp "
                          "thật nằm trong kho kế hoạch", FILE.id)
                )
            elif path.is_file():
                found.plan[kind] = path
            else:
                problems.append(
                    error(relpath, START, f"thiếu tệp bắt buộc {relpath} của kho kế hoạch"
                          + _plan_file_hint(root, relpath), FILE.id)
                )
        if plan_dir.is_dir():
            expected = {Path(p).name for p in PLAN_FILES.values()}
            for path in sorted(plan_dir.iterdir(), key=lambda p: p.name):
                name = path.name
                if (not _is_hidden(name) and name not in expected
                        and name.lower().endswith(YAML_SUFFIXES) and path.is_file()):
                    problems.append(warning(
                        rel(root, path), START,
                        "tệp không thuộc định dạng kho kế hoạch; thư mục plan/ chỉ gồm "
                        "plan.yaml, units.yaml, targets.yaml, tasks.yaml — kehoach bỏ qua "
                        "tệp này", FILE.id,
                    ))

    units_dir = root / "units"
    if units_dir.is_symlink():
        problems.append(error("units", START, "thư mục units là liên kết tượng trưng; "
                              "cần một thư mục thật trong kho kế hoạch", FILE.id))
    elif units_dir.is_dir():
        for unit_dir in _entries(units_dir):
            _discover_unit_entry(unit_dir, found)

    reports_dir = root / "reports"
    if reports_dir.is_symlink():
        problems.append(error("reports", START, "thư mục reports là liên kết tượng trưng; "
                              "cần một thư mục thật trong kho kế hoạch", FILE.id))
    elif reports_dir.is_dir():
        for path in sorted(reports_dir.iterdir(), key=lambda p: p.name):
            if _is_hidden(path.name) or not path.name.lower().endswith(YAML_SUFFIXES):
                continue
            relpath = rel(root, path)
            stem = path.name.rsplit(".", 1)[0]
            period = ReportPeriod.parse(stem)
            if path.is_symlink():
                problems.append(error(relpath, START, "tệp là liên kết tượng trưng (symlink); "
                                      "cần một tệp thật", FILE.id))
            elif not path.is_file():
                problems.append(
                    error(relpath, START, "đây là một thư mục, không phải tệp", FILE.id)
                )
            elif not path.name.endswith(".yaml") or period is None:
                problems.append(
                    error(relpath, START, "tên tệp đầu vào báo cáo phải có dạng "
                          "reports/<năm>-Q<quý>.yaml, ví dụ reports/2026-Q2.yaml (báo cáo "
                          "6 tháng: reports/<năm>-6T.yaml; báo cáo năm: reports/<năm>.yaml)",
                          FILE.id)
                )
            else:
                found.reports.append((path, period))
    return found


def _unsafe_name(name: str) -> str | None:
    """A file or folder name that would corrupt a ``PATH:LINE:COL`` line or the terminal
    (line breaks, escape sequences, colons), shown safely; None for an ordinary name."""
    if name.isprintable() and ":" not in name:
        return None
    return shown_text(name, 80).replace(":", "\\x3a")


# Files a unit folder may hold beside its result files, which kehoach does not read
# (docs/bo-sung-hop-dong.md lists them): attachments by extension, the files Windows
# itself writes into folders, and hidden files (a name starting with '.': .gitkeep,
# editors' lock and swap files).
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png",
                       ".md", ".txt")
SYSTEM_FILES = ("desktop.ini", "thumbs.db")
_ATTACHMENTS_SHOWN = ", ".join(ATTACHMENT_SUFFIXES)
MISNAMED = "tên tệp kết quả phải có dạng <năm>-Q<quý>.yaml"


@dataclass(frozen=True, slots=True)
class _Entry:
    """A name in a folder and what it is, as the one listing of the folder told (a
    province reads tens of thousands: one question to the system per folder, not three
    per file)."""

    path: Path
    name: str
    is_symlink: bool
    is_dir: bool  # a link is followed, as Path.is_dir does
    is_file: bool


def _entries(folder: Path) -> list[_Entry]:
    """The entries of ``folder``, by name."""
    with os.scandir(folder) as listing:
        entries = [_Entry(folder / e.name, e.name, e.is_symlink(), e.is_dir(), e.is_file())
                   for e in listing]
    return sorted(entries, key=lambda e: e.name)


def _discover_unit_entry(entry: _Entry, found: RepoFiles) -> None:
    relpath = f"units/{entry.name}"
    problems = found.problems
    if _is_hidden(entry.name):
        return
    shown = _unsafe_name(entry.name)
    if shown is not None:
        problems.append(error(f"units/{shown}", START, f'tên thư mục không hợp lệ "{shown}"; cần '
                              "mã đơn vị gồm chữ thường không dấu, chữ số và dấu '-', ví dụ "
                              "cong-an-xa", FILE.id))
        return
    if entry.is_symlink:
        problems.append(error(relpath, START, "liên kết tượng trưng (symlink) không được phép "
                              "trong units/; cần thư mục và tệp thật", FILE.id))
        return
    if entry.is_file:
        if entry.name.lower().endswith(YAML_SUFFIXES) or near_result_name(entry.name):
            problems.append(
                error(relpath, START, "tệp kết quả đặt sai chỗ; cần đặt trong thư mục của đơn "
                      "vị: units/<mã-đơn-vị>/<năm>-Q<quý>.yaml", FILE.id)
            )
        return
    found.unit_dirs.append(entry.name)
    entries = _entries(entry.path)
    folder = _Folder(entry.name, {p.name for p in entries})
    found.unit_files[entry.name] = [f"{relpath}/{p.name}" for p in entries
                                    if not _is_hidden(p.name) and _unsafe_name(p.name) is None]
    for path in entries:
        near = near_result_name(path.name)
        if (near is not None and near.right is not None and not _is_hidden(path.name)
                and path.is_file):
            folder.claims.setdefault(near.right, []).append(path.name)
    for path in entries:
        _discover_result(folder, path, found)


@dataclass(slots=True)
class _Folder:
    """A unit folder: its name, every name in it, and which near misses stand for which
    result file name (two near misses of one name: neither rename is certain)."""

    unit: str
    names: set[str]
    claims: dict[str, list[str]] = field(default_factory=dict)


def _near_miss(relpath: str, folder: _Folder, near: NearName) -> Problem:
    right = near.right
    if right is None:
        return error(relpath, START, f"{MISNAMED}, ví dụ {near.year}-Q2.yaml (quý "
                     f"{near.quarter} không tồn tại; quý từ 1 đến 4)", FILE.id)
    name = relpath.rsplit("/", 1)[-1]
    message = f"{MISNAMED}; tên này {', '.join(near.reasons)}"
    others = [n for n in folder.claims.get(right, []) if n != name]
    if right in folder.names:
        message += (f"; đã có tệp {right} trong thư mục này: nếu tệp này là bản trùng thì "
                    f"xóa nó, nếu không thì chép phần cần giữ vào {right}")
        return error(relpath, START, message, FILE.id)
    message += f"; hãy đổi tên thành {right}"
    if others:
        message += (f" (tệp {', '.join(others)} cũng là kết quả quý {near.quarter}/{near.year}: "
                    "chỉ giữ một tệp)")
        return error(relpath, START, message, FILE.id)
    return error(relpath, START, message, FILE.id,
                 fix=Rename(f"units/{folder.unit}/{right}"))


def _discover_result(folder: _Folder, entry: _Entry, found: RepoFiles) -> None:
    problems = found.problems
    unit = folder.unit
    name = entry.name
    relpath = f"units/{unit}/{name}"
    if _is_hidden(name):
        return
    shown = _unsafe_name(name)
    if shown is not None:
        problems.append(error(f"units/{unit}/{shown}", START, f'tên tệp không hợp lệ "{shown}"; '
                              "tệp kết quả cần tên dạng <năm>-Q<quý>.yaml, ví dụ 2026-Q2.yaml",
                              FILE.id))
        return
    looks_yaml = name.lower().endswith(YAML_SUFFIXES)
    if entry.is_symlink:
        problems.append(error(relpath, START, "liên kết tượng trưng (symlink) không được phép "
                              "trong units/; cần một tệp thật", FILE.id))
        return
    if entry.is_dir:
        if looks_yaml or PERIOD_LIKE_RE.match(name):
            problems.append(error(relpath, START, "đây là một thư mục đặt tên như tệp kết quả; "
                                  "cần một tệp <năm>-Q<quý>.yaml", FILE.id))
        else:
            problems.append(error(relpath, START, "thư mục con không được phép trong thư mục "
                                  "đơn vị; tệp kết quả cần đặt trực tiếp trong "
                                  f"units/{unit}/", FILE.id))
        return
    near = near_result_name(name)
    if (looks_yaml or near) and not entry.is_file:
        problems.append(error(relpath, START, "đây không phải tệp thông thường (có thể là ống "
                              "dẫn hay thiết bị); cần một tệp văn bản .yaml", FILE.id))
        return
    period = Period.parse(name[: -len(".yaml")]) if name.endswith(".yaml") else None
    if period is not None:
        found.results.append((entry.path, unit, period))
    elif near is not None:
        problems.append(_near_miss(relpath, folder, near))
    elif looks_yaml:
        problems.append(error(relpath, START, f"{MISNAMED}, ví dụ 2026-Q2.yaml", FILE.id))
    elif not name.lower().endswith(ATTACHMENT_SUFFIXES) and name.lower() not in SYSTEM_FILES:
        problems.append(error(
            relpath, START, "tệp lạ trong thư mục đơn vị; thư mục này chỉ chứa tệp kết quả "
            f"<năm>-Q<quý>.yaml và tệp đính kèm ({_ATTACHMENTS_SHOWN}); nếu đây là tệp kết "
            "quả, hãy đặt tên dạng <năm>-Q<quý>.yaml, nếu không thì chuyển nó ra khỏi "
            f"units/{unit}/", FILE.id))


def read_source(root: Path, path: Path, *, fast: bool = False) -> SourceFile:
    relpath = rel(root, path)
    try:
        with open(path, "rb") as fh:
            raw = _read_capped(fh)
    except PermissionError:
        message = "không có quyền đọc tệp; kiểm tra quyền truy cập của tệp"
    except FileNotFoundError:
        message = "tệp đã bị xóa hoặc đổi tên trong lúc kiểm tra; hãy chạy lại"
    except OSError as exc:
        message = f"không đọc được tệp (lỗi hệ điều hành số {exc.errno}); kiểm tra tệp và ổ đĩa"
    else:
        return SourceFile(relpath, load_bytes(relpath, raw, fast=fast))
    doc = YamlDocument(relpath, None, Positions(), [error(relpath, START, message, FILE.id)])
    return SourceFile(relpath, doc)


MAX_READ = 1024 * 1024 + 1  # one byte past the limit is enough to refuse a large file


def _read_capped(fh: BinaryIO) -> bytes:
    """The file's bytes, at most MAX_READ of them. Asking for MAX_READ bytes at once would
    make Python set aside a megabyte for every file; the size the system gives is asked
    for instead (one byte more, and the rest if the file grew meanwhile)."""
    size = os.fstat(fh.fileno()).st_size
    raw = fh.read(min(size + 1, MAX_READ))
    if len(raw) > size and len(raw) < MAX_READ:
        raw += fh.read(MAX_READ - len(raw))
    return raw
