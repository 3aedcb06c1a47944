"""`kehoach report` with the secretariat's causes of the shortcomings (``nguyen_nhan``) and
its comments on targets (``chi_tieu``), the period the figures cover and the one way counts
are written: rendered through the real CLI, read back from the .docx with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from tests.helpers import run_cli
from tests.scenarios import report as rr

TODAY = "2026-11-26"
REFUSED = (
    "kehoach: lỗi: kho kế hoạch có 1 lỗi nên chưa lập báo cáo; sửa các lỗi trên (xem: "
    "kehoach validate) rồi chạy lại. Không tệp nào được ghi.\n"
)
CAUSES = """\
nguyen_nhan:
  chu_quan:
    - Một số đơn vị chưa quan tâm đúng mức đến chế độ báo cáo;
    - Công chức phụ trách còn kiêm nhiệm nhiều việc.
  khach_quan: Hạ tầng viễn thông ở một số thôn chưa đồng bộ
chi_tieu:
  lop-tap-huan: Hai lớp còn lại tổ chức trong quý III.
  ho-so-truc-tuyen: >-
    Tăng so với quý I nhờ bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến
"""


def render(tmp_path: Path, report: str, quarter: int = 2) -> list[str]:
    """The report's body paragraphs (from the opening to the closing sentence)."""
    root = rr.write(tmp_path, report=report)
    code, out, _ = run_cli(["report", "--quy", str(quarter), "--out", "tmp.docx"], cwd=root,
                           today=TODAY)
    assert (code, out) == (0, "tmp.docx\n")
    document = docx.Document(io.BytesIO((root / "tmp.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    start = next(i for i, t in enumerate(texts) if t.startswith("Thực hiện Kế hoạch"))
    end = next(i for i, t in enumerate(texts) if t.startswith("Trên đây là"))
    return texts[start:end + 1]


def part(texts: list[str], first: str, until: str) -> list[str]:
    start = texts.index(first)
    return texts[start:texts.index(until, start)]


def test_the_causes_follow_the_shortcomings_under_a_heading_that_names_them(
    tmp_path: Path,
) -> None:
    texts = render(tmp_path, rr.REPORT_INPUT + CAUSES)
    shortcomings = part(texts, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. KHÓ KHĂN, VƯỚNG MẮC")
    assert shortcomings[-7:] == [
        "- Còn 01 nhiệm vụ đã quá hạn nhưng chưa hoàn thành, do Công an xã chủ trì.",
        "- Còn 01 nhiệm vụ chưa được đơn vị chủ trì báo cáo kết quả thực hiện.",
        "- Việc gửi báo cáo định kỳ chưa bảo đảm thời hạn theo Kế hoạch: 01 đơn vị gửi chậm và "
        "01 đơn vị chưa gửi báo cáo.",
        "Nguyên nhân chủ quan:",
        "- Một số đơn vị chưa quan tâm đúng mức đến chế độ báo cáo.",
        "- Công chức phụ trách còn kiêm nhiệm nhiều việc.",
        "Nguyên nhân khách quan: Hạ tầng viễn thông ở một số thôn chưa đồng bộ.",
    ]


def test_the_lead_of_a_cause_is_in_italics(tmp_path: Path) -> None:
    root = rr.write(tmp_path, report=rr.REPORT_INPUT + CAUSES)
    assert run_cli(["report", "--quy", "2", "--out", "tmp.docx"], cwd=root, today=TODAY)[0] == 0
    document = docx.Document(str(root / "tmp.docx"))
    paragraph = next(p for p in document.paragraphs
                     if p.text.startswith("Nguyên nhân khách quan"))
    assert [(r.text, bool(r.italic)) for r in paragraph.runs] == [
        ("Nguyên nhân khách quan:", True),
        (" Hạ tầng viễn thông ở một số thôn chưa đồng bộ.", False),
    ]


def test_causes_not_told_apart_and_a_single_cause(tmp_path: Path) -> None:
    texts = render(tmp_path, "ngay: 2026-06-29\nnguyen_nhan:\n  - Thiếu kinh phí;\n"
                             "  - Thiếu máy quét tài liệu.\n")
    assert part(texts, "Nguyên nhân:", "III. KHÓ KHĂN, VƯỚNG MẮC") == [
        "Nguyên nhân:", "- Thiếu kinh phí.", "- Thiếu máy quét tài liệu.",
    ]
    texts = render(tmp_path / "mot", "ngay: 2026-06-29\nnguyen_nhan: Thiếu kinh phí.\n")
    assert part(texts, "Nguyên nhân: Thiếu kinh phí.", "III. KHÓ KHĂN, VƯỚNG MẮC") == [
        "Nguyên nhân: Thiếu kinh phí.",
    ]
    assert "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in texts


def test_without_causes_the_heading_is_as_before(tmp_path: Path) -> None:
    texts = render(tmp_path, rr.REPORT_INPUT)
    assert "II. TỒN TẠI, HẠN CHẾ" in texts
    assert not any(t.startswith("Nguyên nhân") for t in texts)


def test_each_comment_follows_the_summary_of_the_targets_in_table_order(
    tmp_path: Path,
) -> None:
    texts = render(tmp_path, rr.REPORT_INPUT + CAUSES)
    assert part(texts, "1. Kết quả thực hiện các chỉ tiêu",
                "Bảng 1. Kết quả thực hiện các chỉ tiêu quý II năm 2026") == [
        "1. Kết quả thực hiện các chỉ tiêu",
        "Kế hoạch đề ra 06 chỉ tiêu. Đến hết quý II, có 02 chỉ tiêu đã đạt mục tiêu năm, 03 "
        "chỉ tiêu chưa đạt và 01 chỉ tiêu chưa có số liệu (chi tiết tại Bảng 1 và Biểu đồ 1). "
        "Trong số các chỉ tiêu chưa đạt, có 01 chỉ tiêu đã đạt mốc lộ trình quý II.",
        "- Chỉ tiêu “Tỷ lệ hồ sơ được giải quyết trực tuyến” (số 1 tại Bảng 1) đạt 91,3%. Tăng "
        "so với quý I nhờ bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến.",
        "- Chỉ tiêu “Số lớp tập huấn kỹ năng số” (số 4 tại Bảng 1) đạt 3 lớp. Hai lớp còn lại "
        "tổ chức trong quý III.",
    ]


def test_a_comment_on_a_target_without_figures_or_with_an_upper_bound(tmp_path: Path) -> None:
    texts = render(tmp_path, "ngay: 2026-06-29\nchi_tieu:\n  doanh-nghiep: Chờ số liệu.\n"
                             "  thoi-gian: Đạt nhờ một cửa điện tử.\n")
    assert [t for t in texts if t.startswith("- Chỉ tiêu “") and "tại Bảng 1)" in t] == [
        "- Chỉ tiêu “Thời gian giải quyết hồ sơ bình quân” (số 3 tại Bảng 1) là 2,5 ngày. Đạt "
        "nhờ một cửa điện tử.",
        "- Chỉ tiêu “Số doanh nghiệp bán hàng trên sàn thương mại điện tử” (số 5 tại Bảng 1) "
        "chưa có số liệu. Chờ số liệu.",
    ]


def test_the_opening_states_the_days_the_figures_cover(tmp_path: Path) -> None:
    texts = render(tmp_path, rr.REPORT_INPUT)
    assert texts[0] == (
        "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 05/01/2026 về chuyển đổi số năm 2026 của xã Mẫu "
        "Sơn, Ban Chỉ đạo báo cáo kết quả thực hiện quý II năm 2026 (số liệu tính từ ngày "
        "01/4/2026 đến ngày 29/6/2026) như sau:"
    )
    # Dated after the quarter: its figures end with the quarter.
    texts = render(tmp_path / "sau", rr.REPORT_INPUT.replace("2026-06-29", "2026-07-03"))
    assert texts[0].endswith(
        "quý II năm 2026 (số liệu tính từ ngày 01/4/2026 đến ngày 30/6/2026) như sau:")
    # Without any figure there is no period to state.
    texts = render(tmp_path / "q3", "ngay: 2026-09-29\n", quarter=3)
    assert texts[0].endswith(", Ban Chỉ đạo báo cáo kết quả thực hiện quý III năm 2026 như sau:")


def test_counts_have_two_digits_below_ten_everywhere(tmp_path: Path) -> None:
    texts = render(tmp_path, rr.REPORT_INPUT)
    assert part(texts, "3. Tình hình gửi báo cáo của các đơn vị",
                "4. Cảnh báo sớm khả năng hoàn thành chỉ tiêu năm")[1:5] == [
        "Theo Kế hoạch, các cơ quan, đơn vị gửi báo cáo kết quả quý II chậm nhất ngày "
        "20/6/2026. Đến ngày 29/6/2026, đã có 02/03 đơn vị gửi báo cáo, cụ thể:",
        "- Gửi đúng hạn (01 đơn vị): Văn phòng HĐND và UBND xã.",
        "- Gửi chậm (01 đơn vị): Công an xã (gửi ngày 23/6/2026, chậm 03 ngày).",
        "- Chưa gửi báo cáo (01 đơn vị): Phòng Kinh tế.",
    ]


def test_an_unknown_target_in_the_comments_refuses_the_report(tmp_path: Path) -> None:
    root = rr.write(tmp_path, report="ngay: 2026-06-29\nchi_tieu:\n  camerra: Tốt.\n")
    assert run_cli(["report", "--quy", "2", "--out", "tmp.docx"], cwd=root, today=TODAY) == (
        1, "",
        "reports/2026-Q2.yaml:3:3: lỗi: chi_tieu: không có chỉ tiêu mã 'camerra' trong "
        "plan/targets.yaml; có phải ý bạn là 'camera'?\n" + REFUSED,
    )
    assert not (root / "tmp.docx").exists()


def test_causes_of_a_wrong_shape_refuse_the_report(tmp_path: Path) -> None:
    root = rr.write(tmp_path, report="ngay: 2026-06-29\nnguyen_nhan:\n  chu_quan: 5\n")
    assert run_cli(["report", "--quy", "2", "--out", "tmp.docx"], cwd=root, today=TODAY) == (
        1, "",
        "reports/2026-Q2.yaml:3:13: lỗi: chu_quan: cần một câu hoặc danh sách câu, nhận được "
        "số 5\n" + REFUSED,
    )
