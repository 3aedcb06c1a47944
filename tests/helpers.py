"""A small toolkit for tests: build plan repos, write files, run the real CLI in-process.

``make_repo`` writes a minimal but complete plan repo that validates clean. Each file is
given as YAML text (written as is, so that tests know every line and column) or as a
Python dict (dumped as block YAML), and any of them can be replaced or left out::

    root = make_repo(tmp_path)                                   # the default repo
    root = make_repo(tmp_path, plan=None)                        # plan/plan.yaml missing
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": "don_vi: x\\n"})
    root = make_repo(tmp_path, files={"reports/2026-Q1.yaml": "so: 3\\n"})

``run_cli(["validate"], cwd=root)`` calls ``kehoach_cli.__main__.main`` with stdout and
stderr captured, from ``cwd``, with KEHOACH_TODAY fixed to :data:`TODAY`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

TODAY = "2026-11-26"
TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS / "examples"
GOOD = EXAMPLES / "good"
SAMPLE = TESTS.parent
"""This project's own sample plan repo (plan/, units/ at the top of the source tree)."""

Content = str | bytes | Mapping[str, Any] | None

PLAN = """\
nam: 2026
ten: Thực hiện chuyển đổi số năm 2026 của xã Mẫu Sơn
dia_danh: Mẫu Sơn
co_quan:
  chu_quan: UBND XÃ MẪU SƠN
  ban_hanh: BAN CHỈ ĐẠO
van_ban:
  so: 12
  ky_hieu: KH-BCĐ
  ngay: 2026-01-15
co_quan_thuong_truc: van-phong
han_bao_cao:
  ngay: 20
bao_cao:
  ky_hieu: BC-BCĐ
  noi_nhan: [UBND huyện, Thành viên BCĐ xã]
  luu: VT, VP
  ky:
    quyen_han: [TM. BAN CHỈ ĐẠO, TRƯỞNG BAN]
    chuc_vu: [CHỦ TỊCH UBND XÃ]
    ho_ten: Lê Thị Hoa
"""

UNITS = """\
don_vi:
  - ma: van-phong
    ten: Văn phòng HĐND và UBND xã
  - ma: cong-an
    ten: Công an xã
  - ma: dia-chinh
    ten: Công chức Địa chính
    bao_cao_dinh_ky: false
"""

TARGETS = """\
chi_tieu:
  - ma: ho-so-truc-tuyen
    ten: Tỷ lệ hồ sơ được giải quyết trực tuyến
    don_vi_tinh: "%"
    muc_tieu: 80
    so_sanh: ">="
    cach_tinh: ty_le
    chu_tri: van-phong
    don_vi_bao_cao: [van-phong, cong-an]
    tu_so: số hồ sơ trực tuyến
    mau_so: tổng số hồ sơ
  - ma: phu-song
    ten: Tỷ lệ thôn được phủ sóng 4G
    don_vi_tinh: "%"
    muc_tieu: 100
    so_sanh: ">="
    cach_tinh: gia_tri
    chu_tri: van-phong
  - ma: lop-tap-huan
    ten: Số lớp tập huấn kỹ năng số
    don_vi_tinh: lớp
    muc_tieu: 4
    so_sanh: ">="
    cach_tinh: tong
    luy_ke: true
    chu_tri: cong-an
    phoi_hop: [van-phong]
"""

TASKS = """\
nhiem_vu:
  - ma: lam-sach-du-lieu
    ten: Làm sạch dữ liệu dân cư
    chu_tri: cong-an
    phoi_hop: [van-phong]
    han: 2026-09-30
  - ma: cong-thong-tin
    ten: Cập nhật Cổng thông tin điện tử xã
    chu_tri: van-phong
"""

RESULTS: dict[str, str] = {
    "van-phong/2026-Q1": """\
don_vi: van-phong
ky: 2026-Q1
ngay_gui: 2026-03-18
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 40, mau_so: 50}
  phu-song: {gia_tri: 87.5}
nhiem_vu:
  cong-thong-tin: {trang_thai: dang_thuc_hien}
  lam-sach-du-lieu: {trang_thai: dang_thuc_hien, ket_qua: Đã rà soát 3 thôn.}
""",
    "cong-an/2026-Q1": """\
don_vi: cong-an
ky: 2026-Q1
ngay_gui: 2026-03-20
nguoi_bao_cao: Trần Văn Bình
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 9, mau_so: 10}
  lop-tap-huan: {gia_tri: 1}
nhiem_vu:
  lam-sach-du-lieu: {trang_thai: dang_thuc_hien}
""",
}

PLAN_FILES = {
    "plan": "plan/plan.yaml",
    "units": "plan/units.yaml",
    "targets": "plan/targets.yaml",
    "tasks": "plan/tasks.yaml",
}


def dump(data: Mapping[str, Any]) -> str:
    """A dict as block-style YAML (dates unquoted, Vietnamese text as is)."""
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=1000)


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8, LF line ends, exactly as given) or bytes; create parents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def _content(value: Content) -> str | bytes | None:
    if value is None or isinstance(value, (str, bytes)):
        return value
    return dump(value)


_DEFAULT = object()


def make_repo(
    tmp_path: Path,
    *,
    plan: Content | object = _DEFAULT,
    units: Content | object = _DEFAULT,
    targets: Content | object = _DEFAULT,
    tasks: Content | object = _DEFAULT,
    results: Mapping[str, Content] | None = None,
    default_results: bool = True,
    files: Mapping[str, Content] | None = None,
    name: str = "repo",
) -> Path:
    """Write a plan repo under ``tmp_path/name`` and return its root.

    ``plan``/``units``/``targets``/``tasks``: YAML text, bytes, a dict, or None to leave
    the file out. ``results`` maps ``"<unit>/<year>-Q<n>"`` (or any path under units/
    ending in a suffix) to content, added to (or replacing, or with None removing) the
    default result files; ``default_results=False`` starts from none. ``files`` maps any
    repo-relative path to content (None removes it).
    """
    root = tmp_path / name
    root.mkdir(parents=True)
    given = {"plan": plan, "units": units, "targets": targets, "tasks": tasks}
    defaults = {"plan": PLAN, "units": UNITS, "targets": TARGETS, "tasks": TASKS}
    for kind, relpath in PLAN_FILES.items():
        value = defaults[kind] if given[kind] is _DEFAULT else given[kind]
        text = _content(value)  # type: ignore[arg-type]
        if text is not None:
            write(root / relpath, text)
    chosen: dict[str, Content] = dict(RESULTS) if default_results else {}
    chosen.update(results or {})
    for key, value in chosen.items():
        relpath = key if "." in key.rsplit("/", 1)[-1] else key + ".yaml"
        text = _content(value)
        if text is not None:
            write(root / "units" / relpath, text)
    for relpath, value in (files or {}).items():
        text = _content(value)
        target = root / relpath
        if text is None:
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        else:
            write(target, text)
    return root


def sample_plan(kind: str) -> bytes:
    """The bytes of the sample plan's plan/<kind>.yaml (kind: plan, units, targets, tasks)."""
    return (SAMPLE / PLAN_FILES[kind]).read_bytes()


def copy_good(tmp_path: Path, name: str = "good") -> Path:
    """A fresh copy of tests/examples/good."""
    target = tmp_path / name
    shutil.copytree(GOOD, target)
    return target


@contextlib.contextmanager
def env(**values: str | None) -> Iterator[None]:
    """Set (or with None unset) environment variables for the duration of the block."""
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def chdir(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(
    args: list[str], cwd: Path | None = None, today: str | None = TODAY
) -> tuple[int, str, str]:
    """Run ``kehoach ARGS`` in-process; return (exit code, stdout, stderr).

    KEHOACH_TODAY is ``today`` for the run (None leaves the environment as is);
    KEHOACH_DEBUG is unset so that an internal error is reported as a user sees it.
    """
    from kehoach_cli.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with (
        env(KEHOACH_TODAY=today, KEHOACH_DEBUG=None) if today is not None else env(),
        chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``root`` with its size and mtime (ns): to prove
    that a command wrote nothing."""
    out: dict[str, tuple[int, int]] = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        out[path.relative_to(root).as_posix()] = (
            stat.st_size if path.is_file() else -1,
            stat.st_mtime_ns,
        )
    return out


def today() -> dt.date:
    return dt.date.fromisoformat(TODAY)


def pos_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, col) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col
