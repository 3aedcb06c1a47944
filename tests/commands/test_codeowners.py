"""`kehoach codeowners [--write]`: CODEOWNERS from quan_tri and tai_khoan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import make_repo, sample_plan

Run = Callable[..., tuple[int, str, str]]

UNITS = """\
don_vi:
  - ma: phong-vhxh
    ten: Phòng Văn hóa - Xã hội
    tai_khoan: [vhxh-thu-ky]
  - ma: cong-an-xa
    ten: Công an xã
    tai_khoan: [nguyen-van-a, Tran-Van-C, tran-van-c]
  - ma: mttq
    ten: Ủy ban Mặt trận Tổ quốc Việt Nam xã
    bao_cao_dinh_ky: false
  - ma: phong-kinh-te
    ten: Phòng Kinh tế
    tai_khoan: [le-thi-b, admin-vhxh]
  - ma: thon-xom
    ten: Các thôn/xóm và Tổ công nghệ số cộng đồng
"""

HEADER = """\
# Tệp này được tạo tự động bằng lệnh `kehoach codeowners --write`
# từ khóa quan_tri (plan/plan.yaml) và tai_khoan (plan/units.yaml).
# Đừng sửa trực tiếp: sửa hai tệp đó rồi chạy lại lệnh.
#
# Cơ quan thường trực duyệt mọi thay đổi; thư mục của mỗi đơn vị do tài khoản của
# đơn vị đó và cơ quan thường trực duyệt (dòng khớp sau cùng được áp dụng).

"""

EXPECTED = HEADER + """\
* @admin-vhxh @Pho-Phong

/units/phong-vhxh/ @vhxh-thu-ky @admin-vhxh @Pho-Phong
/units/cong-an-xa/ @nguyen-van-a @Tran-Van-C @admin-vhxh @Pho-Phong
/units/phong-kinh-te/ @le-thi-b @admin-vhxh @Pho-Phong

# Các đơn vị chưa khai báo tai_khoan: thư mục của đơn vị do cơ quan thường trực duyệt
#   units/mttq/
#   units/thon-xom/
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # keep only the units above: the sample targets and tasks name others, so they are
    # given as units without accounts
    plan = "".join(  # the sample plan's own accounts are replaced by the ones below
        line
        for line in sample_plan("plan").decode("utf-8").splitlines(True)
        if not line.startswith("quan_tri:")
    )
    extra = "".join(
        f"  - ma: {ma}\n    ten: {ma}\n"
        for ma in ("van-phong-hdnd-ubnd", "trung-tam-phvhcc", "trung-tam-dvsnc", "tram-y-te")
    )
    repo = make_repo(
        tmp_path, name="kho", default_results=False,
        plan=plan + "\nquan_tri: [admin-vhxh, Pho-Phong, pho-phong]\n",
        units=UNITS + extra,
        targets=sample_plan("targets"),
        tasks=sample_plan("tasks"),
    )
    monkeypatch.chdir(repo)
    monkeypatch.setenv("KEHOACH_TODAY", "2026-06-30")
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    return repo


def expected() -> str:
    return EXPECTED.replace(
        "#   units/thon-xom/\n",
        "#   units/thon-xom/\n"
        "#   units/van-phong-hdnd-ubnd/\n"
        "#   units/trung-tam-phvhcc/\n"
        "#   units/trung-tam-dvsnc/\n"
        "#   units/tram-y-te/\n",
    )


def test_prints_codeowners(root: Path, run: Run) -> None:
    assert run("codeowners") == (0, expected(), "")
    assert not (root / ".github").exists()


def test_write(root: Path, run: Run) -> None:
    assert run("codeowners", "--write") == (0, "Đã ghi .github/CODEOWNERS\n", "")
    path = root / ".github" / "CODEOWNERS"
    assert path.read_bytes() == expected().encode("utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["CODEOWNERS"]  # no temp file
    # again: same bytes, replaced in one step
    path.write_text("cũ\n", encoding="utf-8")
    assert run("codeowners", "--write") == (0, "Đã ghi .github/CODEOWNERS\n", "")
    assert path.read_bytes() == expected().encode("utf-8")


def test_write_from_elsewhere(root: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                              tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("-C", str(root), "codeowners", "--write") == (
        0, "Đã ghi kho/.github/CODEOWNERS\n", ""
    )
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shown = root.resolve() / ".github" / "CODEOWNERS"
    assert run("-C", str(root), "codeowners", "--write") == (0, f"Đã ghi {shown}\n", "")


def test_every_unit_has_accounts(root: Path, run: Run) -> None:
    text = (root / "plan" / "units.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "tai_khoan" not in line]
    units = []
    for line in lines:
        units.append(line)
        if line.startswith("    ten:"):
            units.append("    tai_khoan: [tk-" + str(len(units)) + "]")
    (root / "plan" / "units.yaml").write_text("\n".join(units) + "\n", encoding="utf-8")
    code, out, _ = run("codeowners")
    assert code == 0
    assert "chưa khai báo tai_khoan" not in out
    assert out.endswith("@admin-vhxh @Pho-Phong\n")
    assert out.count("/units/") == 9


def test_without_quan_tri(root: Path, run: Run) -> None:
    text = (root / "plan" / "plan.yaml").read_text(encoding="utf-8")
    (root / "plan" / "plan.yaml").write_text(text.split("\nquan_tri:")[0] + "\n",
                                             encoding="utf-8")
    assert run("codeowners", "--write") == (
        1,
        "",
        "kehoach: lỗi: plan/plan.yaml chưa có khóa quan_tri (các tài khoản của cơ quan thường "
        "trực), nên chưa biết ai duyệt các thay đổi; thêm vào plan/plan.yaml một dòng như\n"
        "  quan_tri: [tai-khoan-1, tai-khoan-2]\n"
        "rồi chạy lại lệnh\n",
    )
    assert not (root / ".github").exists()
