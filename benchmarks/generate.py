"""Generate synthetic kehoach plan repos for benchmarks.

The repos follow shared/contract/DATA-CONTRACT.md exactly, so ``kehoach validate`` must
report no error on them:

- identifiers match ``^[a-z0-9]+(-[a-z0-9]+)*$`` and are unique;
- a unit reports only the targets whose ``don_vi_bao_cao`` includes it and only the tasks
  it leads (``chu_tri``) or supports (``phoi_hop``);
- ``don_vi`` equals the folder name, ``ky`` the file name, the year is the plan year;
- ``ty_le`` entries carry integers ``0 <= tu_so <= mau_so``, ``mau_so > 0``; ``gia_tri`` of a
  ``%`` target is within 0..100; ``tong`` values are >= 0;
- ``ngay_gui`` is a real date in the last month of its quarter, never in the future.

Names and notes are realistic Vietnamese text with diacritics, and every result file has
40-80 lines, so that parsing costs what it costs on real data. Everything is derived from
a seed: the same arguments give byte-identical repos.

``--errors N`` injects N errors into result files (alternately a value of the wrong type and
an unknown key), leaving the rest of the repo byte-identical to the clean one; the injected
errors are listed on stderr (and returned by :func:`generate`).

Usage::

    python benchmarks/generate.py --size province OUT_DIR
    python benchmarks/generate.py --size commune --errors 5 OUT_DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

Scalar = str | int | float | bool | dt.date

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_SEED = 20260
DEFAULT_YEAR = 2026
MIN_LINES = 40
MAX_LINES = 80
DEADLINE_DAY = 20
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Size:
    """How big a generated repo is."""

    name: str
    units: int
    targets: int
    tasks: int
    quarters: int = 3
    # How many targets / tasks each unit takes part in (inclusive ranges).
    targets_per_unit: tuple[int, int] = (9, 16)
    tasks_per_unit: tuple[int, int] = (3, 7)

    @property
    def result_files(self) -> int:
        return self.units * self.quarters


SIZES: dict[str, Size] = {
    "commune": Size("commune", units=10, targets=20, tasks=12, targets_per_unit=(8, 13)),
    "district": Size("district", units=100, targets=100, tasks=80),
    "province": Size("province", units=400, targets=300, tasks=300),
}


def size_for_files(files: int, quarters: int = 3) -> Size:
    """A province-like size with ``files`` result files (``files / quarters`` units)."""
    base = SIZES["province"]
    units = max(2, files // quarters)
    return replace(base, name=f"{files} files", units=units, quarters=quarters)


@dataclass(frozen=True)
class InjectedError:
    """An error put on purpose into a generated file."""

    path: str  # relative to the repo root, with forward slashes
    line: int  # 1-based line of the offending key
    kind: str  # "sai_kieu" (wrong type) or "khoa_la" (unknown key)
    detail: str


@dataclass
class Generated:
    """What :func:`generate` wrote."""

    root: Path
    size: Size
    plan_files: list[str] = field(default_factory=list)
    result_files: list[str] = field(default_factory=list)
    report_files: list[str] = field(default_factory=list)
    errors: list[InjectedError] = field(default_factory=list)
    bytes_written: int = 0

    @property
    def yaml_files(self) -> list[str]:
        return self.plan_files + self.result_files + self.report_files


# --------------------------------------------------------------------------- text banks

PLACES = [
    "Vũ Dương",
    "Đông Hòa",
    "Tân Lập",
    "An Khánh",
    "Phú Xuân",
    "Hòa Bình",
    "Thượng Lâm",
    "Hạ Lũng",
    "Yên Thành",
    "Quỳnh Lưu",
    "Đức Thắng",
    "Nghĩa Hưng",
    "Bình Minh",
    "Kim Sơn",
    "Gia Viễn",
    "Hoa Lư",
    "Trường Yên",
    "Ninh Hải",
    "Khánh Thiện",
    "Lạc Vân",
    "Đồng Phong",
    "Thạch Bình",
    "Xuân Thủy",
    "Hải Hậu",
    "Trực Ninh",
    "Vụ Bản",
    "Ý Yên",
    "Mỹ Lộc",
    "Nam Trực",
    "Giao Thủy",
    "Cổ Lễ",
    "Liễu Đề",
    "Quất Lâm",
    "Rạng Đông",
    "Thịnh Long",
    "Yên Mạc",
    "Khánh Nhạc",
    "Chất Bình",
    "Văn Hải",
    "Lai Thành",
    "Phát Diệm",
    "Đại Đồng",
    "Sơn Hà",
    "Tiến Thắng",
    "Hồng Phong",
    "Quảng Lạc",
    "Cúc Phương",
    "Nho Quan",
    "Thanh Lạc",
    "Phú Long",
    "Kỳ Phú",
    "Gia Sinh",
    "Gia Trấn",
    "Đông Sơn",
    "Tam Điệp",
    "Yên Sơn",
    "Quang Sơn",
    "Ninh Phúc",
    "Ninh Nhất",
    "Đinh Tiên Hoàng",
]

CORE_UNITS = [
    ("phong-vhxh", "Phòng Văn hóa - Xã hội"),
    ("van-phong-hdnd-ubnd", "Văn phòng HĐND và UBND xã"),
    ("cong-an-xa", "Công an xã"),
    ("phong-kinh-te", "Phòng Kinh tế"),
    ("trung-tam-phuc-vu-hcc", "Trung tâm Phục vụ hành chính công"),
    ("trung-tam-dich-vu-cong", "Trung tâm Dịch vụ sự nghiệp công"),
    ("tram-y-te", "Trạm Y tế xã"),
    ("ban-chqs", "Ban Chỉ huy Quân sự xã"),
    ("van-phong-dang-uy", "Văn phòng Đảng ủy"),
    ("uy-ban-mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"),
    ("hoi-lien-hiep-phu-nu", "Hội Liên hiệp Phụ nữ xã"),
    ("hoi-nong-dan", "Hội Nông dân xã"),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh xã"),
    ("buu-dien-van-hoa", "Bưu điện văn hóa xã"),
    ("to-cong-nghe-so", "Tổ công nghệ số cộng đồng"),
]

UNIT_KINDS = [
    "Thôn",
    "Tổ dân phố",
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Hợp tác xã nông nghiệp",
    "Chi hội Nông dân",
    "Chi đoàn thôn",
    "Chi hội Phụ nữ",
    "Tổ công nghệ số cộng đồng thôn",
    "Điểm Bưu điện văn hóa",
    "Nhà văn hóa thôn",
    "Công an xã",
    "Trạm Y tế xã",
    "UBND xã",
]

HO = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Đinh",
    "Trịnh",
    "Lương",
]
DEM = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Hữu", "Thanh", "Xuân", "Hồng"]
TEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
    "Hiếu",
    "Khánh",
    "Lợi",
    "Thắng",
]


@dataclass(frozen=True)
class Theme:
    """A kind of target, from which numbered variants are made."""

    key: str
    ten: str
    don_vi_tinh: str
    cach_tinh: str  # ty_le | gia_tri | tong
    so_sanh: str
    muc_tieu: int | float
    tu_so: str = ""
    mau_so: str = ""
    luy_ke: bool = False


THEMES = [
    Theme(
        "chu-ky-so",
        "Tỷ lệ cán bộ, công chức, viên chức cấp xã có chữ ký số cá nhân",
        "%",
        "ty_le",
        ">=",
        100,
        "số CBCCVC có chữ ký số",
        "tổng số CBCCVC",
    ),
    Theme(
        "ho-so-dien-tu",
        "Tỷ lệ hồ sơ công việc được xử lý trên môi trường điện tử",
        "%",
        "ty_le",
        ">=",
        100,
        "số hồ sơ xử lý trên môi trường điện tử",
        "tổng số hồ sơ công việc",
    ),
    Theme(
        "dvc-toan-trinh",
        "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
        "%",
        "ty_le",
        ">=",
        80,
        "số TTHC cung cấp DVCTT toàn trình",
        "tổng số TTHC đủ điều kiện",
    ),
    Theme(
        "ho-so-dung-han",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn",
        "%",
        "ty_le",
        ">=",
        98,
        "số hồ sơ giải quyết đúng hạn",
        "tổng số hồ sơ đã giải quyết",
    ),
    Theme(
        "dinh-danh-muc-2",
        "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử mức 2",
        "%",
        "ty_le",
        ">=",
        90,
        "số người có tài khoản VNeID mức 2",
        "số người từ đủ 14 tuổi",
    ),
    Theme(
        "ky-nang-so",
        "Tỷ lệ cán bộ, công chức, viên chức được đào tạo, bồi dưỡng kỹ năng số",
        "%",
        "ty_le",
        ">=",
        100,
        "số CBCCVC đã được bồi dưỡng",
        "tổng số CBCCVC",
    ),
    Theme(
        "nuoc-sach",
        "Tỷ lệ hộ gia đình sử dụng nước sạch theo quy chuẩn",
        "%",
        "ty_le",
        ">=",
        95,
        "số hộ dùng nước sạch",
        "tổng số hộ",
    ),
    Theme(
        "bao-hiem-y-te",
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
        "%",
        "ty_le",
        ">=",
        95,
        "số người có thẻ BHYT",
        "dân số",
    ),
    Theme(
        "tiem-chung",
        "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
        "%",
        "ty_le",
        ">=",
        98,
        "số trẻ được tiêm đủ mũi",
        "số trẻ dưới 1 tuổi",
    ),
    Theme(
        "ho-ngheo",
        "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",
        "%",
        "ty_le",
        "<=",
        2,
        "số hộ nghèo",
        "tổng số hộ",
    ),
    Theme(
        "suy-dinh-duong",
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi",
        "%",
        "ty_le",
        "<=",
        12,
        "số trẻ suy dinh dưỡng thể thấp còi",
        "số trẻ dưới 5 tuổi",
    ),
    Theme(
        "thu-gom-rac",
        "Tỷ lệ rác thải sinh hoạt được thu gom, xử lý đúng quy định",
        "%",
        "ty_le",
        ">=",
        90,
        "khối lượng rác được thu gom (tấn)",
        "khối lượng rác phát sinh (tấn)",
    ),
    Theme(
        "gia-dinh-van-hoa",
        "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
        "%",
        "ty_le",
        ">=",
        92,
        "số hộ đạt danh hiệu",
        "tổng số hộ",
    ),
    Theme(
        "thanh-toan-so",
        "Tỷ lệ người trưởng thành có tài khoản thanh toán điện tử",
        "%",
        "ty_le",
        ">=",
        80,
        "số người có tài khoản thanh toán",
        "số người trưởng thành",
    ),
    Theme(
        "ho-so-suc-khoe",
        "Tỷ lệ người dân có hồ sơ sức khỏe điện tử tích hợp trên VNeID",
        "%",
        "ty_le",
        ">=",
        85,
        "số người có hồ sơ sức khỏe điện tử",
        "dân số",
    ),
    Theme(
        "kinh-te-so-grdp",
        "Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP",
        "%",
        "gia_tri",
        ">=",
        15,
    ),
    Theme(
        "khcn-grdp",
        "Tỷ trọng đóng góp của khoa học, công nghệ, đổi mới sáng tạo trong GRDP",
        "%",
        "gia_tri",
        ">=",
        17.5,
    ),
    Theme("phu-song-5g", "Tỷ lệ dân số được phủ sóng 5G", "%", "gia_tri", ">=", 70),
    Theme(
        "hai-long-dvc",
        "Tỷ lệ người dân, doanh nghiệp hài lòng khi sử dụng dịch vụ công",
        "%",
        "gia_tri",
        ">=",
        95,
    ),
    Theme(
        "thu-nhap-binh-quan",
        "Thu nhập bình quân đầu người",
        "triệu đồng/người/năm",
        "gia_tri",
        ">=",
        75,
    ),
    Theme("bac-si-van-dan", "Số bác sĩ trên một vạn dân", "bác sĩ/vạn dân", "gia_tri", ">=", 10),
    Theme(
        "viec-lam-moi",
        "Số lao động được giải quyết việc làm mới",
        "người",
        "tong",
        ">=",
        300,
        luy_ke=True,
    ),
    Theme(
        "tai-nan-giao-thong",
        "Số vụ tai nạn giao thông trên địa bàn",
        "vụ",
        "tong",
        "<=",
        6,
        luy_ke=True,
    ),
    Theme(
        "duong-nong-thon",
        "Chiều dài đường giao thông nông thôn được cứng hóa",
        "km",
        "tong",
        ">=",
        12.5,
        luy_ke=True,
    ),
    Theme(
        "thu-ngan-sach",
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "tỷ đồng",
        "tong",
        ">=",
        25,
        luy_ke=True,
    ),
    Theme("ocop", "Số sản phẩm OCOP được công nhận mới", "sản phẩm", "tong", ">=", 3),
    Theme(
        "pho-bien-phap-luat",
        "Số lượt người được tuyên truyền, phổ biến giáo dục pháp luật",
        "lượt người",
        "tong",
        ">=",
        5000,
        luy_ke=True,
    ),
    Theme(
        "xoa-nha-tam",
        "Số hộ được hỗ trợ xóa nhà tạm, nhà dột nát",
        "hộ",
        "tong",
        ">=",
        20,
        luy_ke=True,
    ),
    Theme(
        "tap-huan-so",
        "Số lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến",
        "lượt",
        "tong",
        ">=",
        1200,
        luy_ke=True,
    ),
    Theme(
        "doanh-nghiep-moi",
        "Số doanh nghiệp, hộ kinh doanh thành lập mới",
        "doanh nghiệp",
        "tong",
        ">=",
        15,
    ),
]


def _interleave_kinds(themes: list[Theme]) -> list[Theme]:
    """Order themes as ty_le, ty_le, gia_tri, tong, ... so every size has every kind."""
    by_kind = {k: [t for t in themes if t.cach_tinh == k] for k in ("ty_le", "gia_tri", "tong")}
    order: list[Theme] = []
    pattern = ["ty_le", "ty_le", "gia_tri", "tong"]
    while any(by_kind.values()):
        for kind in pattern:
            if by_kind[kind]:
                order.append(by_kind[kind].pop(0))
    return order


THEME_ORDER = _interleave_kinds(THEMES)

TARGET_SECTIONS = [
    ("I.1", "Mục tiêu đóng góp cho tăng trưởng"),
    ("I.2", "Về chuyển đổi số trong cơ quan hành chính nhà nước"),
    ("I.3", "Về kinh tế số và xã hội số"),
    ("I.4", "Về văn hóa, xã hội, y tế, giáo dục"),
    ("I.5", "Về an ninh, trật tự và môi trường"),
]
SECTION_LETTERS = "abcd"
LETTER_TITLES = [
    "Hạ tầng, nền tảng, dữ liệu số",
    "Thủ tục hành chính và dịch vụ công trực tuyến",
    "Phát triển kỹ năng số",
    "Theo dõi, giám sát và đánh giá",
]
TASK_SECTIONS = [
    ("III.1", "Hoàn thiện thể chế, nâng cao nhận thức"),
    ("III.2", "Triển khai Đề án 06 và cải cách thủ tục hành chính"),
    ("III.3", "Phát triển hạ tầng số, dữ liệu số"),
    ("III.4", "Phát triển kinh tế số, xã hội số"),
    ("III.5", "Bảo đảm an ninh, an toàn thông tin"),
]

TASKS = [
    ("de-an-06", "Chủ trì triển khai các nhiệm vụ của Đề án 06 trên phạm vi toàn xã"),
    ("du-lieu-dan-cu", "Rà soát, làm sạch dữ liệu dân cư phục vụ cấp căn cước"),
    ("to-cong-nghe-so", "Kiện toàn, duy trì hoạt động của Tổ công nghệ số cộng đồng"),
    ("so-hoa-ho-so", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    ("chong-lua-dao", "Tuyên truyền phòng, chống lừa đảo trên không gian mạng"),
    ("khong-tien-mat", "Triển khai thanh toán không dùng tiền mặt tại chợ, trường học"),
    ("du-lieu-ho-ngheo", "Cập nhật dữ liệu hộ nghèo, hộ cận nghèo trên phần mềm quản lý"),
    ("truyen-thanh-so", "Nâng cấp hệ thống truyền thanh cơ sở ứng dụng công nghệ số"),
    ("mot-cua-hien-dai", "Duy trì bộ phận Một cửa hiện đại, hỗ trợ người dân nộp hồ sơ"),
    ("ocop-san-tmdt", "Hướng dẫn hộ sản xuất đưa sản phẩm OCOP lên sàn thương mại điện tử"),
    ("ho-so-suc-khoe-vneid", "Hướng dẫn người dân tích hợp hồ sơ sức khỏe điện tử trên VNeID"),
    ("sua-chua-truong-lop", "Rà soát, sửa chữa trường lớp, thiết bị dạy học số"),
    ("hien-dat-mo-duong", "Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn"),
    ("lam-sach-moi-truong", "Ra quân làm sạch môi trường, thu gom rác thải nhựa"),
    ("dien-tap-phong-thu", "Tổ chức diễn tập khu vực phòng thủ, phòng thủ dân sự"),
    ("an-ninh-le-tet", "Bảo đảm an ninh trật tự trong dịp lễ, Tết và các sự kiện lớn"),
    ("phong-chong-thien-tai", "Phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão"),
    ("du-lieu-dat-dai", "Cập nhật, chỉnh lý cơ sở dữ liệu đất đai"),
    ("kho-du-lieu-dung-chung", "Xây dựng kho dữ liệu dùng chung của xã"),
    ("chu-ky-so-vneid", "Triển khai chữ ký số miễn phí cho toàn dân trên ứng dụng VNeID"),
    ("an-toan-thong-tin", "Kiểm tra an toàn thông tin mạng tại các cơ quan, đơn vị"),
    ("theo-doi-nghi-quyet", "Cập nhật kết quả thực hiện nhiệm vụ trên Hệ thống theo dõi"),
    ("khen-thuong-de-an-06", "Rà soát, đề xuất khen thưởng tập thể, cá nhân thực hiện Đề án 06"),
    ("ngay-hoi-so", "Tổ chức Ngày hội chuyển đổi số, phổ cập kỹ năng số cho người dân"),
    ("camera-an-ninh", "Lắp đặt camera giám sát an ninh tại các tuyến đường trục thôn"),
]

GHI_CHU = [
    "Đã cấp bổ sung cho {n} cán bộ mới tuyển dụng",
    "Số liệu lấy từ phần mềm quản lý, chốt ngày {d}",
    "Tăng {p}% so với quý trước",
    "Còn {n} trường hợp đang chờ xác minh thông tin",
    "Ước thực hiện, sẽ cập nhật số chính thức trong quý sau",
    "Đạt {p}% kế hoạch năm; một số thôn vùng trũng còn chậm",
    "Số liệu do các thôn tổng hợp: đã đối chiếu với danh sách hộ",
    "Giảm {n} trường hợp so với cùng kỳ năm trước",
    "Theo báo cáo của Bưu điện văn hóa xã và Tổ công nghệ số cộng đồng",
    "Bao gồm cả hồ sơ tiếp nhận qua dịch vụ bưu chính công ích",
]

KET_QUA = [
    "Đã thu nhận {n} hồ sơ định danh điện tử mức 2, hoàn thành {p}% kế hoạch",
    "Tổ chức {k} lớp tập huấn cho {n} lượt người tham gia",
    "Đã ban hành kế hoạch triển khai; đang tổ chức thực hiện tại các thôn",
    "Hoàn thành rà soát {n} hồ sơ; còn {k} hồ sơ phải bổ sung giấy tờ",
    "Phối hợp với Công an xã tuyên truyền tại {k} buổi sinh hoạt thôn",
    "Đang chờ kinh phí được phê duyệt để triển khai giai đoạn 2",
    "Đã lắp đặt {k} cụm loa truyền thanh ứng dụng công nghệ số",
    "Hướng dẫn {n} hộ kinh doanh mở tài khoản và dùng mã QR để thanh toán",
    "Kiểm tra {k} cơ quan, đơn vị; không phát hiện sự cố mất an toàn thông tin",
    "Cập nhật đầy đủ, đúng hạn kết quả trên Hệ thống theo dõi (theodoinq.dcs.vn)",
]

KHO_KHAN = [
    "Hạ tầng mạng tại một số thôn vùng xa còn yếu, tín hiệu 4G chập chờn",
    "Một bộ phận người cao tuổi chưa sử dụng được điện thoại thông minh",
    "Kinh phí cho chuyển đổi số còn hạn chế, chủ yếu lồng ghép từ nguồn khác",
    "Cán bộ phụ trách công nghệ thông tin kiêm nhiệm nhiều việc",
    "Phần mềm chuyên ngành chưa liên thông, phải nhập liệu nhiều lần",
    "Thiết bị máy tính tại bộ phận Một cửa đã xuống cấp, thường xuyên hỏng",
    "Người dân còn thói quen nộp hồ sơ giấy, ngại thanh toán trực tuyến",
    "Dữ liệu dân cư một số trường hợp chưa khớp giữa các hệ thống",
    "Thời tiết mưa bão kéo dài ảnh hưởng đến tiến độ thi công",
]

KIEN_NGHI = [
    "Đề nghị UBND xã bố trí kinh phí nâng cấp thiết bị cho bộ phận Một cửa",
    "Đề nghị Phòng Văn hóa - Xã hội tổ chức thêm lớp tập huấn kỹ năng số",
    "Đề nghị doanh nghiệp viễn thông bổ sung trạm phát sóng tại các thôn vùng xa",
    "Đề nghị cấp trên sớm hướng dẫn liên thông dữ liệu giữa các phần mềm",
    "Đề nghị bổ sung biên chế cán bộ chuyên trách chuyển đổi số",
    "Đề nghị khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc",
]

CAN_CU = [
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
    "Kế hoạch số 74/KH-BCĐ ngày 04/5/2026 của Ban Chỉ đạo của Ủy ban nhân dân tỉnh Ninh Bình",
]
MUC_TIEU_CHUNG = [
    "Xác định năm 2026 là năm chuyển trọng tâm từ hoàn thiện thể chế sang tổ chức thực hiện, "
    "giám sát, đo lường và đánh giá kết quả đầu ra.",
    "Nâng cao vai trò, hiệu lực, hiệu quả chỉ đạo, điều hành của Ban Chỉ đạo xã.",
    "Tạo chuyển biến rõ rệt về chuyển đổi số theo hướng liên thông, đồng bộ.",
]


# --------------------------------------------------------------------------- YAML output

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` ")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_NUMBERISH = re.compile(r"^[-+.0-9:_eE]+$|^\d{4}-\d\d?-\d\d?")


def slugify(text: str) -> str:
    """``Phòng Văn hóa - Xã hội`` -> ``phong-van-hoa-xa-hoi``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def scalar(value: Scalar, flow: bool = False) -> str:
    """Render a YAML scalar, plain when that is safe and double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    s = value
    unsafe = (
        not s
        or s[0] in _PLAIN_BAD_START
        or s[-1] in " :"
        or ": " in s
        or " #" in s
        or s.lower() in _RESERVED
        or _NUMBERISH.match(s) is not None
        or (flow and any(c in s for c in ",[]{}"))
    )
    return json.dumps(s, ensure_ascii=False) if unsafe else s


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def key_list(lines: list[str], indent: str, key: str, items: Sequence[str]) -> None:
    """``key: [a, b]`` for short lists, a block list for long ones."""
    if len(items) <= 5:
        lines.append(f"{indent}{key}: {flow_list(items)}")
    else:
        lines.append(f"{indent}{key}:")
        lines.extend(f"{indent}  - {scalar(i)}" for i in items)


# --------------------------------------------------------------------------- the plan model


@dataclass
class Unit:
    ma: str
    ten: str
    nguoi: str


@dataclass
class Target:
    ma: str
    muc: str
    ten: str
    theme: Theme
    muc_tieu: int | float
    chu_tri: str
    phoi_hop: list[str]
    don_vi_bao_cao: list[str]
    lo_trinh: dict[str, int | float] | None


@dataclass
class Task:
    ma: str
    muc: str
    ten: str
    chu_tri: str
    phoi_hop: list[str]
    han: dt.date | None


@dataclass
class Plan:
    year: int
    units: list[Unit]
    targets: list[Target]
    tasks: list[Task]
    sections: list[tuple[str, str]]


def _person(rng: random.Random) -> str:
    ho = rng.choice(HO)
    dem = rng.choice(DEM)
    return f"{ho} {dem} {rng.choice(TEN)}"


def _unique(base: str, used: set[str]) -> str:
    ma, n = base, 2
    while ma in used:
        ma, n = f"{base}-{n}", n + 1
    used.add(ma)
    return ma


def _make_units(rng: random.Random, count: int) -> list[Unit]:
    used: set[str] = set()
    units: list[Unit] = []
    for ma, ten in CORE_UNITS[:count]:
        units.append(Unit(_unique(ma, used), ten, _person(rng)))
    combos = [(kind, place) for place in PLACES for kind in UNIT_KINDS]
    rng.shuffle(combos)
    i = 0
    while len(units) < count:
        kind, place = combos[i % len(combos)]
        suffix = "" if i < len(combos) else f" {i // len(combos) + 1}"
        ten = f"{kind} {place}{suffix}"
        units.append(Unit(_unique(slugify(ten), used), ten, _person(rng)))
        i += 1
    return units


def _pick_members(
    rng: random.Random, n_units: int, n_items: int, per_unit: tuple[int, int]
) -> list[list[int]]:
    """For each item, the (sorted) indexes of the units taking part in it."""
    members: list[list[int]] = [[] for _ in range(n_items)]
    for u in range(n_units):
        k = min(n_items, rng.randint(*per_unit))
        for item in rng.sample(range(n_items), k):
            members[item].append(u)
    for unit_ids in members:
        if not unit_ids:
            unit_ids.append(rng.randrange(n_units))
        unit_ids.sort()
    return members


def _round_target(theme: Theme, value: float) -> int | float:
    if isinstance(theme.muc_tieu, float) or theme.don_vi_tinh in ("km", "tỷ đồng"):
        return round(value, 1)
    return max(1, round(value))


def _make_plan(seed: int, size: Size, year: int) -> Plan:
    rng = random.Random(f"{seed}:plan")
    units = _make_units(rng, size.units)
    sections: list[tuple[str, str]] = [("I", "MỤC TIÊU")]
    for sec, title in TARGET_SECTIONS:
        sections.append((sec, title))
        for letter, sub in zip(SECTION_LETTERS, LETTER_TITLES, strict=True):
            sections.append((f"{sec}.{letter}", sub))

    target_members = _pick_members(rng, size.units, size.targets, size.targets_per_unit)
    targets: list[Target] = []
    used: set[str] = set()
    leaf_counter: dict[str, int] = {}
    for i in range(size.targets):
        theme = THEME_ORDER[i % len(THEME_ORDER)]
        round_no = i // len(THEME_ORDER)
        place = PLACES[(i * 7 + round_no) % len(PLACES)]
        ma = _unique(theme.key if round_no == 0 else f"{theme.key}-{slugify(place)}", used)
        ten = theme.ten if round_no == 0 else f"{theme.ten} (cụm {place})"
        sec = TARGET_SECTIONS[i % len(TARGET_SECTIONS)][0]
        letter = SECTION_LETTERS[(i // len(TARGET_SECTIONS)) % len(SECTION_LETTERS)]
        leaf = f"{sec}.{letter}"
        leaf_counter[leaf] = leaf_counter.get(leaf, 0) + 1
        muc = f"{leaf}.({leaf_counter[leaf]})"
        reporters = [units[u].ma for u in target_members[i]]
        chu_tri = rng.choice(reporters)
        others = [u for u in reporters if u != chu_tri]
        phoi_hop = sorted(rng.sample(others, min(len(others), rng.randint(0, 3))))
        muc_tieu = theme.muc_tieu
        if theme.cach_tinh == "tong" and len(reporters) > 1:
            muc_tieu = _round_target(theme, theme.muc_tieu * len(reporters) / 3)
        lo_trinh: dict[str, int | float] | None = None
        if rng.random() < 0.4:
            if theme.so_sanh == ">=":
                steps = (0.25, 0.5, 0.75) if theme.luy_ke else (0.7, 0.8, 0.9)
            else:
                steps = (1.0, 1.0, 1.0) if not theme.luy_ke else (0.25, 0.5, 0.75)
            lo_trinh = {
                f"Q{q}": _round_target(theme, muc_tieu * s) for q, s in enumerate(steps, start=1)
            }
        targets.append(
            Target(ma, muc, ten, theme, muc_tieu, chu_tri, phoi_hop, reporters, lo_trinh)
        )

    for sec, title in TASK_SECTIONS:
        sections.append((sec, title))
    task_members = _pick_members(rng, size.units, size.tasks, size.tasks_per_unit)
    tasks: list[Task] = []
    used_tasks: set[str] = set()
    for i in range(size.tasks):
        base_ma, base_ten = TASKS[i % len(TASKS)]
        round_no = i // len(TASKS)
        place = PLACES[(i * 11 + round_no) % len(PLACES)]
        ma = _unique(base_ma if round_no == 0 else f"{base_ma}-{slugify(place)}", used_tasks)
        ten = base_ten if round_no == 0 else f"{base_ten} tại khu vực {place}"
        sec = TASK_SECTIONS[i % len(TASK_SECTIONS)][0]
        muc = f"{sec}.{i // len(TASK_SECTIONS) + 1}"
        members = [units[u].ma for u in task_members[i]]
        chu_tri = members[0] if len(members) == 1 else rng.choice(members)
        phoi_hop = [m for m in members if m != chu_tri]
        r = rng.random()
        han = (
            dt.date(year, 6, 30)
            if r < 0.15
            else dt.date(year, 9, 30)
            if r < 0.3
            else dt.date(year, 12, 31)
            if r < 0.6
            else None
        )
        tasks.append(Task(ma, muc, ten, chu_tri, phoi_hop, han))
    return Plan(year, units, targets, tasks, sections)


# --------------------------------------------------------------------------- plan files


def _plan_yaml(plan: Plan) -> str:
    y = plan.year
    lines = [
        "# Kế hoạch hoạt động của Ban Chỉ đạo xã (dữ liệu tổng hợp cho đo hiệu năng)",
        f"nam: {y}",
        "ten: "
        + scalar(
            f"Hoạt động năm {y} của Ban Chỉ đạo của UBND xã Vũ Dương về phát triển khoa học, "
            "công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06"
        ),
        "dia_danh: Vũ Dương",
        "co_quan:",
        "  chu_quan: UBND XÃ VŨ DƯƠNG",
        "  ban_hanh: BAN CHỈ ĐẠO",
        "van_ban:",
        "  so: 12",
        "  ky_hieu: KH-BCĐ",
        f"  ngay: {dt.date(y, 1, 15).isoformat()}",
        f"co_quan_thuong_truc: {plan.units[0].ma}",
        "han_bao_cao:",
        f"  ngay: {DEADLINE_DAY}",
        "bao_cao:",
        "  ky_hieu: BC-BCĐ",
        "  noi_nhan:",
        "    - Sở Khoa học và Công nghệ tỉnh",
        "    - TT Đảng ủy xã; TT HĐND xã",
        "    - Lãnh đạo UBND xã",
        "    - Thành viên BCĐ xã",
        "  luu: VT, VHXH",
        "  ky:",
        "    quyen_han: [TM. BAN CHỈ ĐẠO, KT. TRƯỞNG BAN]",
        "    chuc_vu: [PHÓ TRƯỞNG BAN TT, PHÓ CHỦ TỊCH UBND XÃ]",
        "    ho_ten: Nguyễn Văn Hùng",
        "can_cu:",
    ]
    lines.extend(f"  - {scalar(c)}" for c in CAN_CU)
    lines.append("muc_tieu_chung:")
    lines.extend(f"  - {scalar(c)}" for c in MUC_TIEU_CHUNG)
    lines.append("cac_muc:")
    for muc, ten in plan.sections:
        lines.append(f"  - muc: {scalar(muc)}")
        lines.append(f"    ten: {scalar(ten)}")
    return "\n".join(lines) + "\n"


def _units_yaml(plan: Plan) -> str:
    lines = ["don_vi:"]
    for i, u in enumerate(plan.units):
        lines.append(f"  - ma: {u.ma}")
        lines.append(f"    ten: {scalar(u.ten)}")
        if i % 3 == 0:
            lines.append("    bao_cao_dinh_ky: true")
    return "\n".join(lines) + "\n"


def _targets_yaml(plan: Plan) -> str:
    lines = ["chi_tieu:"]
    for t in plan.targets:
        th = t.theme
        lines.append(f"  - ma: {t.ma}")
        lines.append(f"    muc: {json.dumps(t.muc)}")
        lines.append(f"    ten: {scalar(t.ten)}")
        lines.append(f"    don_vi_tinh: {json.dumps(th.don_vi_tinh, ensure_ascii=False)}")
        lines.append(f"    muc_tieu: {scalar(t.muc_tieu)}")
        lines.append(f"    so_sanh: {json.dumps(th.so_sanh)}")
        lines.append(f"    cach_tinh: {th.cach_tinh}")
        if th.luy_ke:
            lines.append("    luy_ke: true")
        lines.append(f"    chu_tri: {t.chu_tri}")
        if t.phoi_hop:
            key_list(lines, "    ", "phoi_hop", t.phoi_hop)
        key_list(lines, "    ", "don_vi_bao_cao", t.don_vi_bao_cao)
        if th.cach_tinh == "ty_le":
            lines.append(f"    tu_so: {scalar(th.tu_so)}")
            lines.append(f"    mau_so: {scalar(th.mau_so)}")
        if t.lo_trinh:
            inner = ", ".join(f"{k}: {scalar(v)}" for k, v in t.lo_trinh.items())
            lines.append(f"    lo_trinh: {{{inner}}}")
    return "\n".join(lines) + "\n"


def _tasks_yaml(plan: Plan) -> str:
    lines = ["nhiem_vu:"]
    for t in plan.tasks:
        lines.append(f"  - ma: {t.ma}")
        lines.append(f"    muc: {json.dumps(t.muc)}")
        lines.append(f"    ten: {scalar(t.ten)}")
        lines.append(f"    chu_tri: {t.chu_tri}")
        if t.phoi_hop:
            key_list(lines, "    ", "phoi_hop", t.phoi_hop)
        if t.han is not None:
            lines.append(f"    han: {t.han.isoformat()}")
    return "\n".join(lines) + "\n"


def _report_yaml(year: int, q: int, issued: bool) -> str:
    lines = []
    if issued:
        lines.append(f"so: {10 + q}")
    month = q * 3 + 1
    report_day = dt.date(year + month // 13, (month - 1) % 12 + 1, 5)
    lines += [
        f"ngay: {report_day.isoformat()}",
        "danh_gia_chung: "
        + scalar(
            f"Trong quý {ROMAN[q]} năm {year}, các cơ quan, đơn vị đã tích cực triển khai các "
            "nhiệm vụ được giao; nhiều chỉ tiêu đạt và vượt kế hoạch, tuy nhiên một số chỉ "
            "tiêu về dịch vụ công trực tuyến còn thấp."
        ),
        "phuong_huong:",
        "  - Tiếp tục đẩy mạnh thực hiện Đề án 06 và dịch vụ công trực tuyến toàn trình.",
        "  - Tập trung hoàn thành các chỉ tiêu còn chậm tiến độ.",
        "kien_nghi:",
        "  - Đề nghị UBND tỉnh quan tâm bố trí kinh phí cho chuyển đổi số cấp xã.",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- result files


@dataclass
class Entry:
    """One item under ``chi_tieu`` or ``nhiem_vu`` of a result file."""

    key: str
    fields: list[tuple[str, Scalar]]
    flow: bool = False
    error_field: str | None = None  # the key an injected error points at
    error: InjectedError | None = None

    def lines(self) -> list[str]:
        if self.flow:
            inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in self.fields)
            return [f"  {self.key}: {{{inner}}}"]
        return [f"  {self.key}:"] + [f"    {k}: {scalar(v)}" for k, v in self.fields]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        n=rng.randint(3, 1500),
        k=rng.randint(2, 12),
        p=rng.choice([5, 8, 12.5, 20, 35, 60, 85, 92.5]),
        d=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}",
    ).replace(".5%", ",5%")


def _target_values(rng: random.Random, t: Target, unit_index: int, q: int) -> dict[str, Scalar]:
    th = t.theme
    if th.cach_tinh == "ty_le":
        # A per-unit denominator that is stable across quarters, and a rate that moves.
        base = random.Random(f"{t.ma}:{unit_index}").randint(5, 900)
        mau_so = base + rng.randint(0, max(1, base // 20))
        if th.so_sanh == ">=":
            rate = min(1.0, th.muc_tieu / 100 * (0.72 + 0.09 * q + rng.uniform(-0.05, 0.1)))
        else:
            rate = min(1.0, th.muc_tieu / 100 * rng.uniform(0.4, 1.5))
        tu_so = max(0, min(mau_so, round(mau_so * rate)))
        return {"tu_so": tu_so, "mau_so": mau_so}
    n = len(t.don_vi_bao_cao)
    if th.cach_tinh == "gia_tri":
        value = float(th.muc_tieu) * rng.uniform(0.75, 1.15)
        if th.don_vi_tinh.startswith("%"):
            value = min(100.0, value)
        return {"gia_tri": round(value, 1)}
    # tong: a quarter's own amount, >= 0
    per_quarter = float(t.muc_tieu) / n / 4
    value = max(0.0, per_quarter * rng.uniform(0.4, 1.6))
    if th.so_sanh == "<=" or isinstance(th.muc_tieu, int):
        return {"gia_tri": round(value)}
    return {"gia_tri": round(value, 1)}


def _result_entries(
    rng: random.Random,
    plan: Plan,
    unit: Unit,
    unit_index: int,
    q: int,
    my_targets: list[Target],
    my_tasks: list[Task],
) -> tuple[list[Entry], list[Entry]]:
    target_entries: list[Entry] = []
    for t in my_targets:
        if rng.random() < 0.04:  # a unit may leave out a target it has nothing on yet
            continue
        values = _target_values(rng, t, unit_index, q)
        fields: list[tuple[str, Scalar]] = list(values.items())
        if rng.random() < 0.45:
            fields.append(("ghi_chu", _fill(rng, rng.choice(GHI_CHU))))
        target_entries.append(Entry(t.ma, fields, flow=rng.random() < 0.25))
    task_entries: list[Entry] = []
    for task in my_tasks:
        if q == 1:
            status = rng.choice(["chua_thuc_hien", "dang_thuc_hien", "dang_thuc_hien"])
        else:
            status = rng.choice(
                ["dang_thuc_hien", "dang_thuc_hien", "hoan_thanh", "chua_thuc_hien"]
            )
        fields = [("trang_thai", status)]
        if status != "chua_thuc_hien" or rng.random() < 0.3:
            fields.append(("ket_qua", _fill(rng, rng.choice(KET_QUA))))
        task_entries.append(Entry(task.ma, fields, flow=rng.random() < 0.15))
    return target_entries, task_entries


@dataclass
class ResultFile:
    path: str
    header: list[str]
    targets: list[Entry]
    tasks: list[Entry]
    kho_khan: list[str]
    kien_nghi: list[str]

    def render(self) -> tuple[str, list[InjectedError]]:
        lines = list(self.header)
        errors: list[InjectedError] = []

        def add_entries(entries: list[Entry]) -> None:
            for e in entries:
                start = len(lines)
                lines.extend(e.lines())
                if e.error is not None:
                    offset = 0
                    if not e.flow:
                        offset = 1 + [k for k, _ in e.fields].index(e.error_field or "")
                    errors.append(replace(e.error, path=self.path, line=start + offset + 1))

        if self.targets:
            lines.append("chi_tieu:")
            add_entries(self.targets)
        if self.tasks:
            lines.append("nhiem_vu:")
            add_entries(self.tasks)
        if self.kho_khan:
            lines.append("kho_khan:")
            lines.extend(f"  - {scalar(s)}" for s in self.kho_khan)
        if self.kien_nghi:
            lines.append("kien_nghi:")
            lines.extend(f"  - {scalar(s)}" for s in self.kien_nghi)
        return "\n".join(lines) + "\n", errors

    def line_count(self) -> int:
        n = len(self.header)
        n += (1 if self.targets else 0) + sum(len(e.lines()) for e in self.targets)
        n += (1 if self.tasks else 0) + sum(len(e.lines()) for e in self.tasks)
        n += (1 + len(self.kho_khan)) if self.kho_khan else 0
        n += (1 + len(self.kien_nghi)) if self.kien_nghi else 0
        return n


def _fit_lines(rng: random.Random, rf: ResultFile) -> None:
    """Bring the file within MIN_LINES..MAX_LINES lines."""
    block = [e for e in rf.targets + rf.tasks if not e.flow]
    while rf.line_count() > MAX_LINES and block:
        block.pop(rng.randrange(len(block))).flow = True
    pool = [s for s in KHO_KHAN if s not in rf.kho_khan]
    while rf.line_count() < MIN_LINES and pool:
        rf.kho_khan.append(pool.pop(rng.randrange(len(pool))))
    pool = [s for s in KIEN_NGHI if s not in rf.kien_nghi]
    while rf.line_count() < MIN_LINES and pool:
        rf.kien_nghi.append(pool.pop(rng.randrange(len(pool))))
    for e in rf.targets + rf.tasks:
        if rf.line_count() >= MIN_LINES:
            break
        if e.flow:
            e.flow = False


def _result_file(
    plan: Plan, seed: int, unit_index: int, q: int, my_targets: list[Target], my_tasks: list[Task]
) -> ResultFile:
    unit = plan.units[unit_index]
    rng = random.Random(f"{seed}:result:{unit.ma}:{q}")
    y = plan.year
    last_month = 3 * q
    # Mostly on time (day <= DEADLINE_DAY), some late, all within the quarter's last month.
    day = rng.randint(5, DEADLINE_DAY) if rng.random() < 0.85 else rng.randint(21, 28)
    ngay_gui = dt.date(y, last_month, day)
    header = [
        f"# Báo cáo kết quả thực hiện Kế hoạch quý {ROMAN[q]} năm {y} - {unit.ten}",
        f"don_vi: {unit.ma}",
        f"ky: {y}-Q{q}",
        f"ngay_gui: {ngay_gui.isoformat()}",
        f"nguoi_bao_cao: {scalar(unit.nguoi)}",
    ]
    targets, tasks = _result_entries(rng, plan, unit, unit_index, q, my_targets, my_tasks)
    kho_khan = rng.sample(KHO_KHAN, rng.randint(0, 2))
    kien_nghi = rng.sample(KIEN_NGHI, rng.randint(0, 2))
    rf = ResultFile(f"units/{unit.ma}/{y}-Q{q}.yaml", header, targets, tasks, kho_khan, kien_nghi)
    _fit_lines(rng, rf)
    return rf


def _inject(rng: random.Random, files: list[ResultFile], count: int) -> None:
    """Mark ``count`` target entries with an error, alternating wrong type / unknown key."""
    sites = [(fi, ei) for fi, rf in enumerate(files) for ei in range(len(rf.targets))]
    for n, (fi, ei) in enumerate(sorted(rng.sample(sites, min(count, len(sites))))):
        entry = files[fi].targets[ei]
        if n % 2 == 0:
            name, old = entry.fields[0]
            bad = "mười hai" if name in ("tu_so", "mau_so") else f"khoảng {old}"
            entry.fields[0] = (name, bad)
            entry.error_field = name
            detail = f"{entry.key}.{name}: {bad!r} is not a number"
        else:
            entry.fields.append(("ghi_chu_them", "Số liệu ước tính, chưa chốt chính thức"))
            entry.error_field = "ghi_chu_them"
            detail = f"{entry.key}: unknown key 'ghi_chu_them'"
        entry.error = InjectedError("", 0, "sai_kieu" if n % 2 == 0 else "khoa_la", detail)


# --------------------------------------------------------------------------- entry points


def generate(
    out: Path,
    size: Size | str = "commune",
    *,
    seed: int = DEFAULT_SEED,
    year: int = DEFAULT_YEAR,
    errors: int = 0,
    today: dt.date | None = None,
) -> Generated:
    """Write a plan repo into ``out`` (which must be empty or absent)."""
    spec = SIZES[size] if isinstance(size, str) else size
    if not 1 <= spec.quarters <= 4:
        raise ValueError("quarters must be within 1..4")
    today = today or dt.date.today()
    if dt.date(year, 3 * spec.quarters, 28) > today:
        raise ValueError(
            f"quarter {spec.quarters} of {year} is not over yet: ngay_gui would be in the future"
        )
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    plan = _make_plan(seed, spec, year)
    result = Generated(out, spec)

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        result.bytes_written += len(data)

    for rel, text in (
        ("plan/plan.yaml", _plan_yaml(plan)),
        ("plan/units.yaml", _units_yaml(plan)),
        ("plan/targets.yaml", _targets_yaml(plan)),
        ("plan/tasks.yaml", _tasks_yaml(plan)),
    ):
        write(rel, text)
        result.plan_files.append(rel)

    targets_of: dict[str, list[Target]] = {u.ma: [] for u in plan.units}
    for t in plan.targets:
        for ma in t.don_vi_bao_cao:
            targets_of[ma].append(t)
    tasks_of: dict[str, list[Task]] = {u.ma: [] for u in plan.units}
    for task in plan.tasks:
        for ma in [task.chu_tri, *task.phoi_hop]:
            tasks_of[ma].append(task)

    files = [
        _result_file(plan, seed, ui, q, targets_of[u.ma], tasks_of[u.ma])
        for ui, u in enumerate(plan.units)
        for q in range(1, spec.quarters + 1)
    ]
    if errors:
        _inject(random.Random(f"{seed}:errors"), files, errors)
    for rf in files:
        text, injected = rf.render()
        write(rf.path, text)
        result.result_files.append(rf.path)
        result.errors.extend(injected)

    for q in range(1, spec.quarters + 1):
        rel = f"reports/{year}-Q{q}.yaml"
        # Quarter 1 is issued (has a number); later ones are drafts, so re-rendering them
        # never needs --force.
        write(rel, _report_yaml(year, q, issued=q == 1))
        result.report_files.append(rel)
    (out / "templates").mkdir(exist_ok=True)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic kehoach plan repo that follows the data contract."
    )
    parser.add_argument("out", type=Path, help="output directory (absent or empty)")
    parser.add_argument("--size", choices=sorted(SIZES), default="commune")
    parser.add_argument(
        "--files",
        type=int,
        default=None,
        help="province-like repo with this many result files (overrides --size)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--nam", type=int, default=DEFAULT_YEAR, help="plan year")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="inject N errors (wrong type / unknown key) into result files",
    )
    args = parser.parse_args(argv)
    size = size_for_files(args.files) if args.files else SIZES[args.size]
    try:
        result = generate(args.out, size, seed=args.seed, year=args.nam, errors=args.errors)
    except ValueError as exc:
        parser.error(str(exc))
    print(
        f"{args.out}: {size.name}, {size.units} units, {size.targets} targets, "
        f"{size.tasks} tasks, {len(result.result_files)} result files, "
        f"{len(result.yaml_files)} YAML files, {result.bytes_written / 1e6:.2f} MB",
        file=sys.stderr,
    )
    for err in result.errors:
        print(f"{err.path}:{err.line}: injected {err.kind}: {err.detail}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
