"""`kehoach new --don-vi UNIT --quy N`: the scaffold, its blanks, and the round trip
scaffold → fill → `kehoach validate`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import PLAN, UNITS, make_repo

from kehoach_cli.check.engine import check_repo
from kehoach_cli.commands.new import MODELINE
from kehoach_cli.load.yamlfile import load_bytes

SOURCE = Path(__file__).resolve().parents[2]

Run = Callable[..., tuple[int, str, str]]

TARGETS = """\
chi_tieu:
  - ma: ho-so-truc-tuyen
    muc: "I.2"
    ten: Tỷ lệ hồ sơ được giải quyết trực tuyến
    don_vi_tinh: "%"
    muc_tieu: 80
    so_sanh: ">="
    cach_tinh: ty_le
    chu_tri: van-phong
    don_vi_bao_cao: [van-phong, cong-an]
    tu_so: số hồ sơ giải quyết trực tuyến
    mau_so: tổng số hồ sơ tiếp nhận
  - ma: phu-song
    ten: Tỷ lệ thôn được phủ sóng 4G
    don_vi_tinh: "% số thôn"
    muc_tieu: 100
    so_sanh: ">="
    cach_tinh: gia_tri
    chu_tri: van-phong
    don_vi_bao_cao: [van-phong, cong-an]
    lo_trinh: {Q2: 62.5}
  - ma: lop-tap-huan
    ten: Số lớp tập huấn kỹ năng số
    don_vi_tinh: lớp
    muc_tieu: 12
    so_sanh: ">="
    cach_tinh: tong
    luy_ke: true
    chu_tri: cong-an
    phoi_hop: [van-phong]
  - ma: su-co-mat-an-toan
    ten: Số sự cố mất an toàn thông tin
    don_vi_tinh: vụ
    muc_tieu: 0
    so_sanh: "<="
    cach_tinh: tong
    chu_tri: cong-an
"""

TASKS = """\
nhiem_vu:
  - ma: lam-sach-du-lieu
    ten: Làm sạch dữ liệu dân cư
    chu_tri: cong-an
    phoi_hop: [van-phong]
    han: 2026-09-30
  - ma: cong-thong-tin
    ten: Cập nhật Cổng thông tin điện tử xã.
    chu_tri: van-phong
    phoi_hop: [cong-an]
"""

EXPECTED_CONG_AN_Q2 = """\
# yaml-language-server: $schema=../../schemas/ket-qua.schema.json
# Báo cáo kết quả quý II năm 2026 của Công an xã.
# Hạn gửi: 20/6/2026 (ngày 20 của tháng cuối quý, tính cả ngày đó).
#
# Cách điền:
# - Điền vào các chỗ để trống có dấu ← (số liệu chỉ tiêu, trạng thái nhiệm vụ).
# - Số viết liền, dùng dấu chấm thập phân, không đặt trong dấu nháy: 1352, 17.5.
# - Chỉ tiêu hay nhiệm vụ chưa có gì để báo cáo thì xóa cả mục đó (dòng mã và các
#   dòng thụt vào bên dưới).
# - Giữ nguyên thụt lề bằng dấu cách, không dùng phím Tab. Dòng bắt đầu bằng # là
#   ghi chú, chương trình bỏ qua.
# - Điền xong, kiểm tra: kehoach validate units/cong-an/2026-Q2.yaml
# Hướng dẫn đầy đủ: docs/huong-dan-don-vi.md

don_vi: cong-an
ky: 2026-Q2
ngay_gui: 2026-06-18      # ngày gửi (năm-tháng-ngày); sửa nếu gửi ngày khác
nguoi_bao_cao:            # họ và tên người lập báo cáo

chi_tieu:
  # Tỷ lệ hồ sơ được giải quyết trực tuyến
  # Mục tiêu ≥ 80% (mục I.2 của kế hoạch).
  # tu_so: số hồ sơ giải quyết trực tuyến.
  # mau_so: tổng số hồ sơ tiếp nhận.
  # Ghi số của riêng đơn vị, không tự tính phần trăm.
  ho-so-truc-tuyen:
    tu_so:      # ← điền số nguyên
    mau_so:     # ← điền số nguyên lớn hơn 0

  # Tỷ lệ thôn được phủ sóng 4G
  # Mục tiêu ≥ 100% số thôn; mốc lộ trình quý II: 62,5% số thôn.
  phu-song:
    gia_tri:    # ← điền một số từ 0 đến 100 (đơn vị tính: % số thôn)

  # Số lớp tập huấn kỹ năng số
  # Mục tiêu ≥ 12 lớp.
  # Ghi số phát sinh trong quý; chương trình tự cộng dồn từ đầu năm.
  lop-tap-huan:
    gia_tri:    # ← điền một số từ 0 trở lên (đơn vị tính: lớp)

  # Số sự cố mất an toàn thông tin
  # Mục tiêu ≤ 0 vụ.
  su-co-mat-an-toan:
    gia_tri:    # ← điền một số từ 0 trở lên (đơn vị tính: vụ)

nhiem_vu:
  # trang_thai: hoan_thanh (đã hoàn thành), dang_thuc_hien (đang thực hiện) hoặc chua_thuc_hien
  #   (chưa thực hiện). Đơn vị phối hợp ghi tình hình phần việc của đơn vị mình.

  # [Chủ trì] Làm sạch dữ liệu dân cư
  # Hạn hoàn thành: 30/9/2026.
  lam-sach-du-lieu:
    trang_thai: # ← hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien
    ket_qua:    # kết quả đạt được trong quý (không bắt buộc)

  # [Phối hợp, chủ trì: Văn phòng HĐND và UBND xã] Cập nhật Cổng thông tin điện tử xã.
  # Hạn hoàn thành: 31/12/2026.
  cong-thong-tin:
    trang_thai: # ← hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien
    ket_qua:    # kết quả đạt được trong quý (không bắt buộc)

# Khó khăn, vướng mắc và kiến nghị, đề xuất: mỗi ý một dòng bắt đầu bằng "- ", ví dụ
#   kho_khan:
#     - Đường truyền kết nối cơ sở dữ liệu có thời điểm chậm.
kho_khan: []
kien_nghi: []
"""

SCHEMA_HINT = (
    "Gợi ý: kho chưa có schemas/ket-qua.schema.json nên trình soạn thảo chưa gợi ý được các "
    "khóa; đề nghị cơ quan thường trực chạy kehoach schema.\n"
)


def next_steps(path: str, unit_name: str, quarter: str, deadline: str) -> str:
    return (
        f"Đã tạo {path}: báo cáo kết quả quý {quarter} năm 2026 của {unit_name}.\n"
        "Các bước tiếp theo:\n"
        "  1. Mở tệp, điền vào các chỗ có dấu ← (số liệu chỉ tiêu, trạng thái nhiệm vụ);\n"
        "     chỉ tiêu, nhiệm vụ chưa có gì để báo cáo thì xóa cả mục đó.\n"
        f"  2. Kiểm tra: kehoach validate {path}\n"
        f"  3. Gửi: git add {path}\n"
        f"          git commit -m \"{unit_name}: báo cáo quý {quarter} năm 2026\"\n"
        "          git push\n"
        "     rồi mở yêu cầu hợp nhất (pull request) trên trang của kho.\n"
        f"Hạn gửi: {deadline}.\n"
    )


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(tmp_path, name="kho", plan=PLAN, units=UNITS, targets=TARGETS, tasks=TASKS,
                     default_results=False)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("KEHOACH_TODAY", "2026-06-18")
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    return repo


VALUES = {"tu_so": "7", "mau_so": "9", "gia_tri": "5", "trang_thai": "dang_thuc_hien"}
BLANK = re.compile(r"^(\s+)(tu_so|mau_so|gia_tri|trang_thai):\s*# ←.*$", re.MULTILINE)


def fill(text: str) -> str:
    """Fill every blank of a scaffold the way a unit would."""
    return BLANK.sub(lambda m: f"{m[1]}{m[2]}: {VALUES[m[2]]}", text)


# ---------------------------------------------------------------- the scaffold


def test_scaffold_of_a_unit(root: Path, run: Run) -> None:
    assert run("new", "--don-vi", "cong-an", "--quy", "2") == (
        0,
        next_steps("units/cong-an/2026-Q2.yaml", "Công an xã", "II", "20/6/2026") + SCHEMA_HINT,
        "",
    )
    assert (root / "units/cong-an/2026-Q2.yaml").read_text(encoding="utf-8") == (
        EXPECTED_CONG_AN_Q2
    )


def test_scaffold_is_nfc_utf8_with_lf_and_the_modeline_first(root: Path, run: Run) -> None:
    assert run("new", "--don-vi", "cong-an", "--quy", "2")[0] == 0
    raw = (root / "units/cong-an/2026-Q2.yaml").read_bytes()
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text.splitlines()[0] == MODELINE
    doc = load_bytes("units/cong-an/2026-Q2.yaml", raw)
    assert doc.problems == []
    assert doc.data["chi_tieu"]["ho-so-truc-tuyen"] == {"tu_so": None, "mau_so": None}
    assert doc.data["nhiem_vu"]["lam-sach-du-lieu"] == {"trang_thai": None, "ket_qua": None}
    assert not list((root / "units/cong-an").glob(".*"))  # no temporary file left behind


def test_unit_with_nothing_to_report(root: Path, run: Run) -> None:
    code, _, _ = run("new", "--don-vi", "dia-chinh", "--quy", "2")
    assert code == 0
    text = (root / "units/dia-chinh/2026-Q2.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1:3] == [
        "# Báo cáo kết quả quý II năm 2026 của Công chức Địa chính.",
        "# Đơn vị gửi báo cáo khi có kết quả; hạn chung của các đơn vị: 20/6/2026.",
    ]
    assert "chi_tieu: {}  # đơn vị không phải báo cáo số liệu chỉ tiêu nào\n" in text
    assert "nhiem_vu: {}  # đơn vị không chủ trì, phối hợp nhiệm vụ nào\n" in text
    assert run("validate") == (0, "Đã kiểm tra 5 tệp: không có lỗi.\n", "")


def test_unfilled_blanks_are_named_by_validate(root: Path, run: Run) -> None:
    assert run("new", "--don-vi", "cong-an", "--quy", "2")[0] == 0
    path = "units/cong-an/2026-Q2.yaml"
    assert run("validate") == (
        1,
        f"{path}:26:3: lỗi: thiếu khóa bắt buộc 'tu_so' và 'mau_so' của chỉ tiêu tỷ lệ "
        "'ho-so-truc-tuyen' (tu_so: số hồ sơ giải quyết trực tuyến; mau_so: tổng số hồ sơ "
        "tiếp nhận)\n"
        f"{path}:32:3: lỗi: thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu 'phu-song' (một số, "
        "đơn vị tính: % số thôn)\n"
        f"{path}:38:3: lỗi: thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu 'lop-tap-huan' (một "
        "số, đơn vị tính: lớp)\n"
        f"{path}:43:3: lỗi: thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu 'su-co-mat-an-toan' "
        "(một số, đơn vị tính: vụ)\n"
        f"{path}:53:5: lỗi: trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc "
        "'chua_thuc_hien', nhận được giá trị rỗng\n"
        f"{path}:59:5: lỗi: trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc "
        "'chua_thuc_hien', nhận được giá trị rỗng\n"
        "Đã kiểm tra 5 tệp: 6 lỗi.\n",
        "",
    )


def test_filled_scaffold_validates(root: Path, run: Run) -> None:
    assert run("new", "--don-vi", "cong-an", "--quy", "2")[0] == 0
    assert run("new", "--don-vi", "van-phong", "--quy", "2")[0] == 0
    for unit in ("cong-an", "van-phong"):
        path = root / "units" / unit / "2026-Q2.yaml"
        path.write_bytes(fill(path.read_text(encoding="utf-8")).encode("utf-8"))
    assert run("validate") == (0, "Đã kiểm tra 6 tệp: không có lỗi.\n", "")
    # a target with nothing to report yet may be deleted, as the guide says
    path = root / "units/cong-an/2026-Q2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  su-co-mat-an-toan:\n    gia_tri: 5\n", ""), encoding="utf-8")
    assert run("validate") == (0, "Đã kiểm tra 6 tệp: không có lỗi.\n", "")


def test_round_trip_for_every_unit_of_the_sample_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    root = tmp_path / "vu-duong"
    shutil.copytree(SOURCE / "plan", root / "plan")
    monkeypatch.chdir(root)
    monkeypatch.setenv("KEHOACH_TODAY", "2026-09-15")
    outcome = check_repo(root, dt.date(2026, 9, 15))
    assert outcome.plan is not None
    units = list(outcome.plan.units)
    blanks = 0
    for unit in units:
        assert run("new", "--don-vi", unit, "--quy", "3")[0] == 0
        blanks += len(BLANK.findall((root / "units" / unit / "2026-Q3.yaml").read_text("utf-8")))
    code, out, _ = run("validate")
    assert code == 1
    # every blank is named: a ty_le target once for its two blanks, the others once each
    ty_le = sum(
        1 for target in outcome.plan.targets.values() if target.cach_tinh == "ty_le"
        for unit in target.reporters
    )
    assert len(out.splitlines()) - 1 == blanks - ty_le
    for unit in units:
        path = root / "units" / unit / "2026-Q3.yaml"
        path.write_bytes(fill(path.read_text(encoding="utf-8")).encode("utf-8"))
    assert run("validate") == (0, f"Đã kiểm tra {4 + len(units)} tệp: không có lỗi.\n", "")


# ---------------------------------------------------------------- messages


def test_never_overwrites(root: Path, run: Run) -> None:
    path = root / "units/cong-an/2026-Q2.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"don_vi: cong-an\n")
    assert run("new", "--don-vi", "cong-an", "--quy", "2") == (
        1,
        "",
        "kehoach: lỗi: units/cong-an/2026-Q2.yaml: tệp đã có; kehoach new không bao giờ ghi "
        "đè tệp đã có — hãy mở tệp đó để sửa\n",
    )
    assert path.read_bytes() == b"don_vi: cong-an\n"


def test_unknown_unit(root: Path, run: Run) -> None:
    assert run("new", "--don-vi", "cong-anh", "--quy", "2") == (
        1, "",
        "kehoach: lỗi: --don-vi: không có đơn vị mã 'cong-anh' trong plan/units.yaml; có phải "
        "ý bạn là 'cong-an'?\n",
    )
    assert run("new", "--don-vi", "xyz", "--quy", "2") == (
        1, "",
        "kehoach: lỗi: --don-vi: không có đơn vị mã 'xyz' trong plan/units.yaml; các mã đơn vị: "
        "van-phong, cong-an, dia-chinh\n",
    )
    assert not (root / "units").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quy", "5"], "--quy: cần số từ 1 đến 4, nhận được 5"),
        (["--quy", "2", "--nam", "2025"],
         "--nam: kế hoạch này là của năm 2026, không có số liệu năm 2025"),
    ],
)
def test_bad_period(root: Path, run: Run, args: list[str], message: str) -> None:
    assert run("new", "--don-vi", "cong-an", *args) == (2, "", f"kehoach: lỗi: {message}\n")


def test_late_submission_is_pointed_out(
    root: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_TODAY", "2026-06-21")
    (root / "schemas").mkdir()
    (root / "schemas" / "ket-qua.schema.json").write_text("{}\n", encoding="utf-8")
    assert run("new", "--don-vi", "cong-an", "--quy", "2") == (
        0,
        next_steps("units/cong-an/2026-Q2.yaml", "Công an xã", "II", "20/6/2026")
        + "Lưu ý: đã quá hạn gửi; báo cáo vẫn được nhận nhưng được tính là trễ hạn.\n",
        "",
    )
    # a unit without periodic reporting is never late
    code, out, _ = run("new", "--don-vi", "dia-chinh", "--quy", "2")
    assert code == 0
    assert "Lưu ý" not in out
    assert "ngay_gui: 2026-06-21 " in (root / "units/dia-chinh/2026-Q2.yaml").read_text("utf-8")


def test_path_is_shown_from_the_current_folder(
    root: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (root / "units").mkdir()
    monkeypatch.chdir(root / "units")
    code, out, _ = run("new", "--don-vi", "cong-an", "--quy", "1")
    assert (code, out.splitlines()[0]) == (
        0, "Đã tạo cong-an/2026-Q1.yaml: báo cáo kết quả quý I năm 2026 của Công an xã."
    )
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = run("-C", str(root), "new", "--don-vi", "van-phong", "--quy", "1")
    shown = root.resolve() / "units" / "van-phong" / "2026-Q1.yaml"
    assert (code, out.splitlines()[0]) == (
        0, f"Đã tạo {shown}: báo cáo kết quả quý I năm 2026 của Văn phòng HĐND và UBND xã."
    )


def test_broken_plan(root: Path, run: Run) -> None:
    (root / "plan" / "units.yaml").write_text("don_vi: 3\n", encoding="utf-8")
    code, out, err = run("new", "--don-vi", "cong-an", "--quy", "2")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        "kehoach: lỗi: kế hoạch (thư mục plan/) có lỗi nên chưa tính được; sửa các lỗi trên rồi "
        "chạy lại"
    )
    assert not (root / "units").exists()
