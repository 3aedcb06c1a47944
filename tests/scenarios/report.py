"""A small plan repo for the report tests: every kind of target, task and submission.

Quarter II of 2026 (deadline 20 June) has:

- targets in plan sections I.1 > I.1.a and I.2, and one outside any section;
  a ``ty_le`` target behind its goal but on its roadmap, with one reporting unit missing;
  a ``gia_tri`` target behind; a year-to-date ``tong`` target behind; a ``<=`` target met;
  a ``tong`` target without any figure;
- tasks done (with a result), in progress, overdue, not started, not reported;
- submissions on time, 3 days late, missing, and one from a unit not required to report;
- difficulties and proposals from two units; the secretariat's report input.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from tests import helpers
from tests.helpers import Content, dump, make_repo

from kehoach_cli.check.engine import check_repo
from kehoach_cli.compute.attainment import QuarterAttainment, compute_quarter
from kehoach_cli.load.models import ReportInput
from kehoach_cli.load.plan import Plan
from kehoach_cli.vocab.periods import Period

TODAY = dt.date(2026, 11, 26)
REPORT_DAY = dt.date(2026, 6, 29)

# The helpers' plan, with its own number and date, and sections to group the targets by.
PLAN = dump({
    **yaml.safe_load(helpers.PLAN),
    "ten": "Chuyển đổi số năm 2026 của xã Mẫu Sơn",
    "van_ban": {"so": 7, "ky_hieu": "KH-BCĐ", "ngay": dt.date(2026, 1, 5)},
    "cac_muc": [
        {"muc": "I.1", "ten": "Chính quyền số"},
        {"muc": "I.1.a", "ten": "Hạ tầng số"},
        {"muc": "I.2", "ten": "Kinh tế số"},
    ],
})

# The helpers' units and a Phòng Kinh tế that reports.
UNITS = helpers.UNITS.replace(
    "  - ma: dia-chinh\n",
    "  - ma: kinh-te\n    ten: Phòng Kinh tế\n  - ma: dia-chinh\n",
)
assert "kinh-te" in UNITS

TARGETS = """\
chi_tieu:
  - ma: ho-so-truc-tuyen
    muc: "I.1.a.(1)"
    ten: Tỷ lệ hồ sơ được giải quyết trực tuyến
    don_vi_tinh: "%"
    muc_tieu: 95
    so_sanh: ">="
    cach_tinh: ty_le
    chu_tri: van-phong
    don_vi_bao_cao: [van-phong, cong-an, kinh-te]
    tu_so: số hồ sơ trực tuyến
    mau_so: tổng số hồ sơ
    lo_trinh: {Q1: 80, Q2: 90, Q3: 92}
  - ma: phu-song
    muc: "I.1.a"
    ten: Tỷ lệ thôn được phủ sóng 4G
    don_vi_tinh: "%"
    muc_tieu: 100
    so_sanh: ">="
    cach_tinh: gia_tri
    chu_tri: van-phong
  - ma: thoi-gian
    muc: "I.1"
    ten: Thời gian giải quyết hồ sơ bình quân
    don_vi_tinh: ngày
    muc_tieu: 3
    so_sanh: "<="
    cach_tinh: gia_tri
    chu_tri: van-phong
  - ma: lop-tap-huan
    muc: "I.2"
    ten: Số lớp tập huấn kỹ năng số
    don_vi_tinh: lớp
    muc_tieu: 4
    so_sanh: ">="
    cach_tinh: tong
    luy_ke: true
    chu_tri: cong-an
  - ma: doanh-nghiep
    muc: "I.2"
    ten: Số doanh nghiệp bán hàng trên sàn thương mại điện tử
    don_vi_tinh: doanh nghiệp
    muc_tieu: 12.5
    so_sanh: ">="
    cach_tinh: tong
    chu_tri: kinh-te
  - ma: camera
    ten: Số camera an ninh kết nối
    don_vi_tinh: camera
    muc_tieu: 1250
    so_sanh: ">="
    cach_tinh: tong
    chu_tri: cong-an
"""

TASKS = """\
nhiem_vu:
  - ma: cong-thong-tin
    ten: Cập nhật Cổng thông tin điện tử xã
    chu_tri: van-phong
  - ma: lam-sach
    ten: Làm sạch dữ liệu dân cư
    chu_tri: cong-an
    han: 2026-05-31
  - ma: tap-huan
    ten: Tổ chức tập huấn chữ ký số
    chu_tri: van-phong
  - ma: so-hoa
    ten: Số hóa hồ sơ đất đai
    chu_tri: kinh-te
  - ma: mot-cua
    ten: Vận hành bộ phận một cửa điện tử
    chu_tri: cong-an
"""

RESULTS: dict[str, str] = {
    "cong-an/2026-Q1": """\
don_vi: cong-an
ky: 2026-Q1
ngay_gui: 2026-03-19
chi_tieu:
  lop-tap-huan: {gia_tri: 1}
""",
    "van-phong/2026-Q2": """\
don_vi: van-phong
ky: 2026-Q2
ngay_gui: 2026-06-18
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 45, mau_so: 50}
  phu-song: {gia_tri: 87.5}
  thoi-gian: {gia_tri: 2.5}
nhiem_vu:
  cong-thong-tin: {trang_thai: hoan_thanh, ket_qua: Đã đăng 40 tin bài.}
  tap-huan: {trang_thai: chua_thuc_hien}
kho_khan:
  - Thiếu máy quét tài liệu.
""",
    "cong-an/2026-Q2": """\
don_vi: cong-an
ky: 2026-Q2
ngay_gui: 2026-06-23
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 28, mau_so: 30}
  lop-tap-huan: {gia_tri: 2}
  camera: {gia_tri: 1300}
nhiem_vu:
  lam-sach: {trang_thai: dang_thuc_hien}
  mot-cua: {trang_thai: dang_thuc_hien}
kho_khan:
  - Đường truyền chậm vào giờ cao điểm;
kien_nghi:
  - Đề nghị bổ sung 01 máy tính.
""",
    "dia-chinh/2026-Q2": """\
don_vi: dia-chinh
ky: 2026-Q2
ngay_gui: 2026-06-25
kien_nghi:
  - Đề nghị cấp tài khoản phần mềm quản lý đất đai.
""",
}

REPORT_INPUT = """\
ngay: 2026-06-29
danh_gia_chung: Quý II, các đơn vị triển khai tích cực các nhiệm vụ.
phuong_huong:
  - Hoàn thành làm sạch dữ liệu dân cư trong quý III.
  - Tổ chức 02 lớp tập huấn kỹ năng số;
kien_nghi:
  - Đề nghị UBND huyện hỗ trợ kinh phí.
"""


def write(tmp_path: Path, *, report: str | None = REPORT_INPUT, **changes: Any) -> Path:
    """The repo above (``changes`` as for ``helpers.make_repo``) under ``tmp_path``."""
    files: dict[str, Content] = dict(changes.pop("files", {}) or {})
    if report is not None:
        files.setdefault("reports/2026-Q2.yaml", report)
    options: dict[str, Any] = {
        "plan": PLAN,
        "units": UNITS,
        "targets": TARGETS,
        "tasks": TASKS,
        "results": RESULTS,
        "default_results": False,
        "files": files,
    }
    options.update(changes)
    return make_repo(tmp_path, **options)


def load(root: Path) -> Plan:
    outcome = check_repo(root, TODAY)
    assert outcome.errors == [], outcome.errors
    assert outcome.plan is not None
    return outcome.plan


def quarter(plan: Plan, n: int = 2) -> QuarterAttainment:
    return compute_quarter(plan, Period(2026, n))


def report_input(plan: Plan, n: int = 2) -> ReportInput:
    return plan.reports.get(Period(2026, n)) or ReportInput()
