"""Real git plan repos for the tests of `kehoach validate --base`, `--tai-khoan` and
`--staged`.

Each test builds a plan repo in a temporary folder from this repo's own plan files (with
sample accounts added), commits it as the base, makes a change as a unit, the
secretariat or a stranger — committed, staged, unstaged or untracked — and runs the real
CLI, asserting its whole output and exit code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kehoach_cli.__main__ import main

SOURCE = Path(__file__).resolve().parents[2]  # this repo: its plan/ is the sample data

ADMIN = "admin-vhxh"
CAX = "nguyen-van-a"  # Công an xã
PKT = "tran-thi-b"  # Phòng Kinh tế

Run = Callable[..., tuple[int, str, str]]


# ---------------------------------------------------------------- building repos


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEHOACH_TODAY", "2026-06-30")
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    # A hermetic git: no user or system configuration, a fixed identity, and no search
    # for a repository above the test's folder.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Kiểm thử")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "kiem-thu@example.com")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def commit(root: Path, message: str = "thay đổi") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="\n")


def touch_up(path: Path, note: str = "đã soát lại") -> None:
    """Modify a file without breaking it: add a comment line at its end."""
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {note}\n")


def copy_result(root: Path, unit: str, quarter: str) -> Path:
    target = root / "units" / unit / f"{quarter}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE / "units" / unit / f"{quarter}.yaml", target)
    return target


def strip_accounts(root: Path) -> None:
    """The sample plan ships sample accounts; these tests set their own."""
    for name in ("plan.yaml", "units.yaml"):
        path = root / "plan" / name
        kept = [
            line
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.lstrip().startswith(("quan_tri:", "tai_khoan:"))
        ]
        path.write_text("".join(kept), encoding="utf-8", newline="\n")


def make_plan_repo(root: Path) -> Path:
    """The sample plan with accounts; results of Phòng Kinh tế (Q1, Q2) and MTTQ (Q2);
    quarter I issued (reports/2026-Q1.yaml has so: 3), quarter II a draft."""
    shutil.copytree(SOURCE / "plan", root / "plan")
    (root / "reports").mkdir()
    (root / "reports" / "2026-Q1.yaml").write_text("so: 3\nngay: 2026-03-27\n", encoding="utf-8")
    (root / "reports" / "2026-Q2.yaml").write_text("ngay: 2026-06-26\n", encoding="utf-8")
    copy_result(root, "phong-kinh-te", "2026-Q1")
    copy_result(root, "phong-kinh-te", "2026-Q2")
    copy_result(root, "mttq", "2026-Q2")
    strip_accounts(root)
    with (root / "plan" / "plan.yaml").open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(f"\nquan_tri: [{ADMIN}]\n")
    units = root / "plan" / "units.yaml"
    edit(units, "    ten: Công an xã\n", f"    ten: Công an xã\n    tai_khoan: [{CAX}]\n")
    edit(units, "    ten: Phòng Kinh tế\n", f"    ten: Phòng Kinh tế\n    tai_khoan: [{PKT}]\n")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_plan_repo(tmp_path / "kho")
    git(root, "init", "-q", "-b", "main")
    commit(root, "kế hoạch")
    return root


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(root: Path, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["-C", str(root), "validate", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def as_unit(account: str, *args: str) -> list[str]:
    return ["--base", "HEAD", "--tai-khoan", account, *args]


def line(path: str, message: str) -> str:
    return f"{path}:1:1: lỗi: {message}\n"


def only_in(account: str, unit: str) -> str:
    return f"tài khoản '{account}' (đơn vị {unit}) chỉ được thêm hoặc sửa tệp trong units/{unit}/"


def no_delete(account: str, unit: str) -> str:
    return (f"tài khoản '{account}' (đơn vị {unit}) không được xóa tệp; đơn vị chỉ được thêm "
            f"hoặc sửa tệp trong units/{unit}/, việc xóa tệp do cơ quan thường trực thực hiện")


STRANGER = (
    "tài khoản '{0}' không được thay đổi kho kế hoạch: tài khoản không thuộc đơn vị nào "
    "(khóa tai_khoan trong plan/units.yaml) và không phải tài khoản của cơ quan thường trực "
    "(khóa quan_tri trong plan/plan.yaml)"
)
ISSUED_Q1 = "báo cáo quý I năm 2026 đã ban hành (reports/2026-Q1.yaml có so: 3); "
CHECKED_9 = "Đã kiểm tra 9 tệp: "
CHECKED_10 = "Đã kiểm tra 10 tệp: "
CLEAN = "không có lỗi.\n"
