"""`kehoach status` in the terminal: the exact lines of the view of a small plan repo."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.scenarios.attainment import TODAY, result, target, task, write_repo

from kehoach_cli.check.engine import check_repo
from kehoach_cli.check.outcome import CheckOutcome
from kehoach_cli.compute.attainment import compute_quarter
from kehoach_cli.load.plan import Plan
from kehoach_cli.present.status_view import (
    bar,
    group_targets,
    plan_title,
    render_status,
    section_of,
)
from kehoach_cli.vocab.periods import Period
from kehoach_cli.vocab.problems import Position, error, warning

D = dt.date
LONG_TARGET = (
    "Hồ sơ công việc tại cơ quan hành chính nhà nước được xử lý trên môi trường điện tử và "
    "sử dụng chữ ký số chuyên dùng công vụ"
)
LONG_TASK = (
    "Làm sạch dữ liệu dân cư, bảo đảm dữ liệu đúng, đủ, sạch, sống; hướng dẫn người dân "
    "kích hoạt tài khoản định danh điện tử mức độ 2"
)


@pytest.fixture
def outcome(tmp_path: Path) -> CheckOutcome:
    root = write_repo(
        tmp_path / "repo",
        plan_extra={"cac_muc": [{"muc": "I.1", "ten": "Chính quyền số"},
                                {"muc": "I.1.a", "ten": "Hồ sơ điện tử"}]},
        targets=[
            target("ho-so", "ty_le", 80, reporters=["vp", "ca"], muc="I.1.a", ten=LONG_TARGET,
                   lo_trinh={"Q1": 50, "Q2": 70, "Q3": 75}),
            target("chu-ky-so", "ty_le", 100, muc="I.1", gia_tri_dau_nam=88,
                   ten="Cán bộ, công chức có chữ ký số cá nhân"),
            target("vu-viec", "tong", 5, so_sanh="<=", don_vi_tinh="vụ", reporters=["ca"],
                   muc="II.3", ten="Số vụ lộ lọt thông tin"),
            target("lop", "tong", 4, don_vi_tinh="lớp", reporters=["ca"], luy_ke=True,
                   ten="Số lớp tập huấn kỹ năng số"),
        ],
        tasks=[
            task("lam-sach", "ca", han=D(2026, 6, 15)) | {"ten": LONG_TASK},
            task("cong-thong-tin", "vp"),
            task("so-hoa", "kt", han=D(2026, 5, 31)) | {"ten": "Số hóa hồ sơ địa chính"},
            task("tap-huan", "vp", han=D(2026, 9, 15)) | {"ten": "Tập huấn kỹ năng số"},
        ],
        results=[
            result("vp", 1, D(2026, 3, 20), chi_tieu={"ho-so": {"tu_so": 30, "mau_so": 50}}),
            result("ca", 1, D(2026, 3, 20), chi_tieu={"lop": {"gia_tri": 1}}),
            result("vp", 2, D(2026, 6, 20),
                   chi_tieu={"ho-so": {"tu_so": 45, "mau_so": 50},
                             "chu-ky-so": {"tu_so": 28, "mau_so": 30}},
                   nhiem_vu={"cong-thong-tin": "hoan_thanh", "tap-huan": "dang_thuc_hien"}),
            result("ca", 2, D(2026, 6, 23), chi_tieu={"vu-viec": {"gia_tri": 8}},
                   nhiem_vu={"lam-sach": "dang_thuc_hien"}),
            result("mt", 2, D(2026, 6, 25)),
        ],
    )
    checked = check_repo(root, TODAY)
    assert checked.errors == []
    return checked


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    yield


class Terminal(io.StringIO):
    """An output stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("not a real terminal")


def render(outcome: CheckOutcome, quarter: int = 2, out: io.StringIO | None = None,
           width: int | None = None, attention_only: bool = False) -> str:
    out = out if out is not None else io.StringIO()
    plan = outcome.plan
    assert plan is not None
    render_status(plan, compute_quarter(plan, Period(2026, quarter)), outcome, out, width=width,
                  attention_only=attention_only)
    return out.getvalue()


RULE = "─" * 80

EXPECTED_Q2 = [
    "Tình hình thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn —",
    "quý II năm 2026",
    "",
    "CHỈ TIÊU (4)   1 đạt · 2 chưa đạt · 1 chưa có số liệu",
    RULE,
    "",
    "I.1.a Hồ sơ điện tử",
    "",
    "1. Hồ sơ công việc tại cơ quan hành chính nhà nước được xử lý trên môi trường",
    "   điện tử và sử dụng chữ ký số chuyên dùng công vụ",
    "   Kế hoạch: ≥ 80%   Quý II: 90% (45/50)   Quý I: 60% (+30)",
    "   Tỷ lệ đạt: 112,5% ██████████  Đạt",
    "   Lộ trình quý II: ≥ 70% — đúng tiến độ",
    "   Dự báo cuối năm: 100% — đã đạt",
    "   Thiếu số liệu: Công an xã",
    "",
    "I.1 Chính quyền số",
    "",
    "2. Cán bộ, công chức có chữ ký số cá nhân",
    "   Kế hoạch: ≥ 100%   Quý II: 93,3% (28/30)",
    "   Tỷ lệ đạt:  93,3% █████████░  Chưa đạt",
    "   Dự báo cuối năm: 98,7% — cần tăng tốc (cần tăng thêm khoảng 3,3 điểm phần",
    "     trăm mỗi quý)",
    "",
    "Mục II.3",
    "",
    "3. Số vụ lộ lọt thông tin",
    "   Kế hoạch: ≤ 5 vụ   Quý II: 8 vụ",
    "   Tỷ lệ đạt:  62,5% ██████░░░░  Chưa đạt",
    "   Dự báo cuối năm: chưa đủ số liệu (cần giá trị đầu năm hoặc thêm một quý)",
    "",
    "Khác",
    "",
    "4. Số lớp tập huấn kỹ năng số",
    "   Kế hoạch: ≥ 4 lớp   Lũy kế đến quý II: —   Lũy kế đến quý I: 1 lớp",
    "   Tỷ lệ đạt:      —             Chưa có số liệu",
    "   Dự báo cuối năm: chưa đủ số liệu (cần giá trị đầu năm hoặc thêm một quý)",
    "   Thiếu số liệu: Công an xã",
    "",
    "NHIỆM VỤ (4)",
    RULE,
    "  Hoàn thành      1",
    "  Đang thực hiện  1",
    "  Chưa thực hiện  0",
    "  Quá hạn         1",
    "  Chưa báo cáo    1",
    "",
    "  Quá hạn:",
    "    • Làm sạch dữ liệu dân cư, bảo đảm dữ liệu đúng, đủ, sạch, sống; hướng dẫn",
    "      người dân kích hoạt tài khoản định danh điện tử mức độ 2",
    "      Chủ trì: Công an xã   Hạn: 15/6/2026   Báo cáo: đang thực hiện",
    "",
    "  Chưa báo cáo:",
    "    • Số hóa hồ sơ địa chính",
    "      Chủ trì: Phòng Kinh tế   Hạn: 31/5/2026   Đã quá hạn",
    "",
    "  Sắp đến hạn (trong quý III):",
    "    • Tập huấn kỹ năng số",
    "      Chủ trì: Văn phòng HĐND và UBND xã   Hạn: 15/9/2026",
    "      Báo cáo: đang thực hiện",
    "",
    "GỬI BÁO CÁO — hạn 20/6/2026",
    RULE,
    "  2/3 đơn vị phải báo cáo đã gửi (1 đúng hạn, 1 trễ hạn), 1 chưa nộp; 1 đơn vị",
    "  gửi tự nguyện.",
    "",
    "  Đơn vị                               Ngày gửi   Tình trạng",
    "  Văn phòng HĐND và UBND xã            20/6/2026  Đúng hạn",
    "  Công an xã                           23/6/2026  Trễ hạn 3 ngày",
    "  Phòng Kinh tế                        —          Chưa nộp",
    "  Ủy ban MTTQ Việt Nam xã (tự nguyện)  25/6/2026  Đã gửi",
]


EXPECTED_Q2_ATTENTION = [
    "Những nội dung cần chú ý — Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn —",
    "quý II năm 2026",
    "",
    "CHỈ TIÊU CẦN CHÚ Ý (1/4)   1 cần tăng tốc",
    RULE,
    "2 chỉ tiêu chưa đủ số liệu để dự báo (cần giá trị đầu năm hoặc thêm một quý).",
    "",
    "I.1 Chính quyền số",
    "",
    "2. Cán bộ, công chức có chữ ký số cá nhân",
    "   Kế hoạch: ≥ 100%   Quý II: 93,3% (28/30)",
    "   Tỷ lệ đạt: 93,3% █████████░  Chưa đạt",
    "   Dự báo cuối năm: 98,7% — cần tăng tốc (cần tăng thêm khoảng 3,3 điểm phần",
    "     trăm mỗi quý)",
    "",
    "NHIỆM VỤ CẦN CHÚ Ý (3/4)",
    RULE,
    "",
    "  Quá hạn:",
    "    • Làm sạch dữ liệu dân cư, bảo đảm dữ liệu đúng, đủ, sạch, sống; hướng dẫn",
    "      người dân kích hoạt tài khoản định danh điện tử mức độ 2",
    "      Chủ trì: Công an xã   Hạn: 15/6/2026   Báo cáo: đang thực hiện",
    "",
    "  Chưa báo cáo:",
    "    • Số hóa hồ sơ địa chính",
    "      Chủ trì: Phòng Kinh tế   Hạn: 31/5/2026   Đã quá hạn",
    "",
    "  Sắp đến hạn (trong quý III):",
    "    • Tập huấn kỹ năng số",
    "      Chủ trì: Văn phòng HĐND và UBND xã   Hạn: 15/9/2026",
    "      Báo cáo: đang thực hiện",
    "",
    "GỬI BÁO CÁO — hạn 20/6/2026",
    RULE,
    "  2/3 đơn vị phải báo cáo đã gửi (1 đúng hạn, 1 trễ hạn), 1 chưa nộp; 1 đơn vị",
    "  gửi tự nguyện.",
    "",
    "  Đơn vị         Ngày gửi   Tình trạng",
    "  Công an xã     23/6/2026  Trễ hạn 3 ngày",
    "  Phòng Kinh tế  —          Chưa nộp",
]


def lines(text: str) -> list[str]:
    assert text.endswith("\n")
    return text[:-1].split("\n")


def test_the_view_of_a_quarter(outcome: CheckOutcome) -> None:
    assert lines(render(outcome)) == EXPECTED_Q2


def test_the_attention_view_keeps_what_needs_attention_numbered_as_in_the_whole(
    outcome: CheckOutcome,
) -> None:
    assert lines(render(outcome, attention_only=True)) == EXPECTED_Q2_ATTENTION


def test_the_attention_view_says_when_nothing_needs_attention(tmp_path: Path) -> None:
    root = write_repo(
        tmp_path / "repo",
        targets=[target("ok", "gia_tri", 10, don_vi_tinh="lớp", gia_tri_dau_nam=2)],
        tasks=[task("xong", "vp")],
        results=[result("vp", 1, D(2026, 3, 20), chi_tieu={"ok": {"gia_tri": 5}},
                        nhiem_vu={"xong": "hoan_thanh"}),
                 result("ca", 1, D(2026, 3, 19)), result("kt", 1, D(2026, 3, 20)),
                 result("vp", 4, D(2026, 12, 18), chi_tieu={"ok": {"gia_tri": 12}},
                        nhiem_vu={"xong": "hoan_thanh"})],
    )
    checked = check_repo(root, TODAY)
    text = lines(render(checked, quarter=1, attention_only=True))
    assert "Không có chỉ tiêu nào có nguy cơ không đạt hoặc cần tăng tốc." in text
    assert "Không có nhiệm vụ nào quá hạn, chưa báo cáo hoặc sắp đến hạn." in text
    assert text[-1] == "  3/3 đơn vị phải báo cáo đã gửi (3 đúng hạn, 0 trễ hạn)."  # no table
    assert "Không có chỉ tiêu nào chưa đạt." in render(checked, quarter=4, attention_only=True)


def test_piped_output_is_80_columns_without_colour(outcome: CheckOutcome) -> None:
    text = render(outcome)
    assert "\x1b" not in text
    assert max(cell_len(line) for line in lines(text)) == 80


@pytest.mark.parametrize("width", [60, 72, 100])
def test_every_line_fits_the_width(outcome: CheckOutcome, width: int) -> None:
    found = lines(render(outcome, width=width))
    assert max(cell_len(line) for line in found) <= width
    assert [line.split()[-1] for line in found if line.startswith("  Ph")][-1] == "nộp"


def test_a_terminal_gets_colour(outcome: CheckOutcome) -> None:
    text = render(outcome, out=Terminal(), width=80)
    assert "\x1b[" in text
    assert "\x1b[1;32mĐạt" in text  # green
    assert "\x1b[1;31mChưa đạt" in text  # red
    assert "\x1b[2;33mChưa có số liệu" in text  # dim yellow
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert lines(plain) == EXPECTED_Q2


def test_no_color_turns_colour_off_on_a_terminal(
    outcome: CheckOutcome, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = render(outcome, out=Terminal(), width=80)
    assert "\x1b" not in text
    assert lines(text) == EXPECTED_Q2


def test_errors_in_the_repo_are_told_first(outcome: CheckOutcome) -> None:
    problems = [
        error("units/ca/2026-Q2.yaml", Position(5, 3), "tu_so: lớn hơn mau_so"),
        error("units/kt/2026-Q2.yaml", Position(1, 1), "thiếu khóa ngay_gui"),
    ]
    broken = CheckOutcome(problems, outcome.plan)
    assert lines(render(broken))[:3] == [
        "Có 2 lỗi trong kho kế hoạch; các tệp lỗi không được tính — chạy kehoach validate",
        "để xem.",
        "",
    ]
    assert lines(render(broken))[3:] == EXPECTED_Q2


def test_warnings_alone_are_not_told(outcome: CheckOutcome) -> None:
    warned = CheckOutcome([warning("plan/tasks.yaml", Position(3, 5), "hạn cũ")], outcome.plan)
    assert lines(render(warned)) == EXPECTED_Q2


def test_a_quarter_without_data_says_so(outcome: CheckOutcome) -> None:
    assert lines(render(outcome, quarter=3)) == [
        "Tình hình thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn —",
        "quý III năm 2026",
        "",
        "Quý III năm 2026 chưa có đơn vị nào gửi báo cáo (hạn gửi: 20/9/2026).",
    ]


def test_the_sample_plan_of_this_repo_fits_80_columns() -> None:
    root = Path(__file__).resolve().parents[2]
    if not (root / "plan" / "plan.yaml").is_file():
        pytest.skip("no sample plan in this checkout")
    checked = check_repo(root, D(2026, 12, 31))
    if checked.plan is None:
        pytest.skip("the sample plan does not load")
    text = render(checked)
    assert max(cell_len(line) for line in lines(text)) <= 80
    assert "quý II năm 2026" in text


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("muc", "expected"),
    [
        ("I.2.c.(1)", "I.2.c.(1)"),
        ("I.2.c.(2)", "I.2.c"),
        ("I.2.c.(10)", "I.2.c"),  # not inside I.2.c.(1)
        ("I.2.c", "I.2.c"),
        ("I.2.cd", None),
        ("I.2.a.", None),
        ("II.1", None),
        (None, None),
    ],
)
def test_section_of_is_the_longest_matching_section(muc: str | None, expected: str | None) -> None:
    assert section_of(muc, ["I.2.c", "I.2.c.(1)", "I.2.b"]) == expected


def test_targets_are_grouped_in_the_order_they_come(outcome: CheckOutcome) -> None:
    plan = outcome.plan
    assert plan is not None
    q = compute_quarter(plan, Period(2026, 2))
    assert [(h, [t.target.ma for t in g]) for h, g in group_targets(plan, q.targets)] == [
        ("I.1.a Hồ sơ điện tử", ["ho-so"]),
        ("I.1 Chính quyền số", ["chu-ky-so"]),
        ("Mục II.3", ["vu-viec"]),
        ("Khác", ["lop"]),
    ]


@pytest.mark.parametrize(
    ("ten", "expected"),
    [
        ("Chuyển đổi số năm 2026", "chuyển đổi số năm 2026"),
        ("Kế hoạch chuyển đổi số năm 2026", "chuyển đổi số năm 2026"),
        ("UBND xã triển khai Đề án 06", "UBND xã triển khai Đề án 06"),
        ("Hoạt động  năm 2026", "hoạt động năm 2026"),
    ],
)
def test_plan_title(outcome: CheckOutcome, ten: str, expected: str) -> None:
    plan = outcome.plan
    assert plan is not None
    renamed = Plan(plan.root, plan.plan.model_copy(update={"ten": ten}), plan.units,
                   plan.targets, plan.tasks)
    assert plan_title(renamed) == expected


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (Fraction(0), "░░░░░░░░░░"),
        (Fraction(9), "░░░░░░░░░░"),
        (Fraction(10), "█░░░░░░░░░"),
        (Fraction(1999, 20), "█████████░"),  # 99,95: not full before 100
        (Fraction(100), "██████████"),
        (Fraction(250), "██████████"),  # capped
    ],
)
def test_bar(ratio: Fraction, expected: str) -> None:
    assert bar(ratio) == expected
