"""The quarterly report's content: wording from the template, figures from the attainment
engine, on the small repo of report_repo.py (and variants of it).

Every figure of the targets table is recomputed here from the YAML numbers with
fractions and formatted by vocab/numbers.py, then compared with the cell.
"""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.text.paragraph import Paragraph as Paragraph_
from tests.scenarios import report as rr

from kehoach_cli.errors import KehoachError
from kehoach_cli.load.models import ReportInput
from kehoach_cli.present.report.content import build_document, short_name
from kehoach_cli.present.report.document import (
    Heading,
    Image,
    Paragraph,
    ReportDocument,
    Table,
)
from kehoach_cli.present.report.docx_writer import render_docx
from kehoach_cli.present.report.figures import (
    chart_bars,
    goal_phrase,
    section_chain,
    targets_table,
)
from kehoach_cli.present.report.ooxml import bold_text_width_twips
from kehoach_cli.present.report.templating import join_vietnamese
from kehoach_cli.vocab.numbers import format_percent, format_value

# --------------------------------------------------------------------------- helpers


def build(root: Path, n: int = 2, when: dt.date = rr.REPORT_DAY) -> ReportDocument:
    plan = rr.load(root)
    return build_document(plan, rr.quarter(plan, n), rr.report_input(plan, n), when)


def text(block: Paragraph | Heading) -> str:
    return block.text if isinstance(block, Heading) else "".join(r.text for r in block.runs)


def lines(doc: ReportDocument) -> list[str]:
    """The body as text: headings with '#' marks, paragraphs, '[Bảng]' and '[Biểu đồ]'."""
    out: list[str] = []
    for block in doc.body:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            out.append(text(block))
        elif isinstance(block, Table):
            out.append("[Bảng]")
        else:
            out.append("[Biểu đồ]")
    return out


def section(doc: ReportDocument, start: str, end: str | None) -> list[str]:
    """The lines after the heading ``start`` up to the heading ``end``."""
    body = lines(doc)
    first = body.index(start) + 1
    last = body.index(end) if end else len(body)
    return body[first:last]


def table(doc: ReportDocument) -> Table:
    tables = [b for b in doc.body if isinstance(b, Table)]
    assert len(tables) == 1
    return tables[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return rr.write(tmp_path)


@pytest.fixture
def doc(root: Path) -> ReportDocument:
    return build(root)


H1 = "# I. KẾT QUẢ THỰC HIỆN"
H1_1 = "## 1. Kết quả thực hiện các chỉ tiêu"
H1_2 = "## 2. Kết quả thực hiện các nhiệm vụ"
H1_3 = "## 3. Tình hình gửi báo cáo của các đơn vị"
H1_4 = "## 4. Cảnh báo sớm khả năng hoàn thành chỉ tiêu năm"
H2 = "# II. TỒN TẠI, HẠN CHẾ"
H3 = "# III. KHÓ KHĂN, VƯỚNG MẮC"
H4 = "# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III NĂM 2026"
H5 = "# V. ĐỀ XUẤT, KIẾN NGHỊ"

# --------------------------------------------------------------------------- title, headings


def test_trich_yeu(doc: ReportDocument) -> None:
    assert doc.loai_van_ban == "BÁO CÁO"
    assert doc.trich_yeu == (
        "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn quý II năm 2026"
    )


def test_header_and_closing_come_from_the_plan(doc: ReportDocument) -> None:
    assert doc.header.chu_quan == "UBND XÃ MẪU SƠN"
    assert doc.header.ban_hanh == "BAN CHỈ ĐẠO"
    assert doc.header.so is None  # draft: the input has no "so"
    assert doc.header.ky_hieu == "BC-BCĐ"
    assert doc.header.ngay == rr.REPORT_DAY
    assert doc.closing.noi_nhan == ("UBND huyện", "Thành viên BCĐ xã")
    assert doc.closing.ho_ten == "Lê Thị Hoa"


def test_opening_paragraph_cites_the_plan(doc: ReportDocument) -> None:
    assert lines(doc)[0] == (
        "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 05/01/2026 về chuyển đổi số năm 2026 của xã "
        "Mẫu Sơn, Ban Chỉ đạo báo cáo kết quả thực hiện quý II năm 2026 (số liệu tính từ ngày "
        "01/4/2026 đến ngày 29/6/2026) như sau:"
    )


def test_headings_in_order(doc: ReportDocument) -> None:
    headings = [line for line in lines(doc) if line.startswith("#")]
    assert headings == [H1, H1_1, H1_2, H1_3, H1_4, H2, H3, H4, H5]
    levels = [b.level for b in doc.body if isinstance(b, Heading)]
    assert levels == [1, 2, 2, 2, 2, 1, 1, 1, 1]


def test_general_assessment_from_the_input(doc: ReportDocument) -> None:
    assert section(doc, H1, H1_1) == ["Quý II, các đơn vị triển khai tích cực các nhiệm vụ."]


def test_general_assessment_derived_when_absent(tmp_path: Path) -> None:
    doc = build(rr.write(tmp_path, report=None))
    assert section(doc, H1, H1_1) == [
        "Trong quý II năm 2026, các cơ quan, đơn vị, thành viên Ban Chỉ đạo đã triển khai "
        "các nhiệm vụ được giao tại Kế hoạch; kết quả cụ thể như sau:"
    ]


# --------------------------------------------------------------------------- 1. targets


def test_targets_summary_and_placement(doc: ReportDocument) -> None:
    assert section(doc, H1_1, H1_2) == [
        "Kế hoạch đề ra 06 chỉ tiêu. Đến hết quý II, có 02 chỉ tiêu đã đạt mục tiêu năm, "
        "03 chỉ tiêu chưa đạt và 01 chỉ tiêu chưa có số liệu (chi tiết tại Bảng 1 và "
        "Biểu đồ 1). Trong số các chỉ tiêu chưa đạt, có 01 chỉ tiêu đã đạt mốc lộ trình "
        "quý II.",
        "[Bảng]",
        "[Biểu đồ]",
    ]


def test_targets_table_header_and_caption(doc: ReportDocument) -> None:
    t = table(doc)
    assert t.caption == "Bảng 1. Kết quả thực hiện các chỉ tiêu quý II năm 2026"
    assert [c.title for c in t.columns] == [
        "STT", "Chỉ tiêu", "Kế hoạch\nnăm", "Kết quả\nquý II", "Tỷ lệ\nđạt", "Đánh giá",
        "Đơn vị\nchủ trì",
    ]
    assert [c.align for c in t.columns] == [
        "center", "left", "center", "center", "center", "center", "left",
    ]
    assert sum(c.width_mm for c in t.columns) == 165  # the text width: nothing is scaled


def test_targets_table_groups_rows_by_plan_section(doc: ReportDocument) -> None:
    rows = table(doc).rows
    assert [(r.kind, r.cells[0]) for r in rows] == [
        ("group", "I.1. Chính quyền số"),
        ("group", "I.1.a. Hạ tầng số"),
        ("data", "1"),
        ("data", "2"),
        ("group", "I.1. Chính quyền số"),  # back in I.1 itself, not in I.1.a
        ("data", "3"),
        ("group", "I.2. Kinh tế số"),
        ("data", "4"),
        ("data", "5"),
        ("group", "Các chỉ tiêu khác"),  # no "muc"
        ("data", "6"),
    ]
    assert all(len(r.cells) == 1 for r in rows if r.kind == "group")


def test_targets_written_in_any_order_stand_under_their_section_once(tmp_path: Path) -> None:
    # plan/targets.yaml lists them mixed: no section, I.2, I.1.a, I.1, I.2, I.1.a.
    entries = rr.TARGETS.split("\n  - ")
    head, items = entries[0], entries[1:]
    by_id = {item.split("\n", 1)[0].removeprefix("ma: "): item for item in items}
    mixed = ["camera", "lop-tap-huan", "phu-song", "thoi-gian", "doanh-nghiep",
             "ho-so-truc-tuyen"]
    targets = "\n  - ".join([head, *(by_id[m] for m in mixed)])
    doc = build(rr.write(tmp_path, targets=targets, report="ngay: 2026-06-29\n"))
    rows = table(doc).rows
    assert [(r.kind, r.cells[0], r.cells[1] if r.kind == "data" else "") for r in rows] == [
        ("group", "I.1. Chính quyền số", ""),
        ("group", "I.1.a. Hạ tầng số", ""),
        ("data", "1", "Tỷ lệ thôn được phủ sóng 4G"),
        ("data", "2", "Tỷ lệ hồ sơ được giải quyết trực tuyến"),
        ("group", "I.1. Chính quyền số", ""),
        ("data", "3", "Thời gian giải quyết hồ sơ bình quân"),
        ("group", "I.2. Kinh tế số", ""),
        ("data", "4", "Số lớp tập huấn kỹ năng số"),
        ("data", "5", "Số doanh nghiệp bán hàng trên sàn thương mại điện tử"),
        ("group", "Các chỉ tiêu khác", ""),
        ("data", "6", "Số camera an ninh kết nối"),
    ]
    # The text numbers the targets as the table does.
    assert section(doc, H4, H5)[0] == (
        "- Các đơn vị chủ trì tập trung thực hiện các chỉ tiêu chưa đạt mục tiêu năm (số "
        "thứ tự theo Bảng 1): Văn phòng HĐND và UBND xã (chỉ tiêu 1 và 2); Công an xã "
        "(chỉ tiêu 4).")


def _expected_figures() -> dict[str, tuple[Fraction | None, Fraction | None]]:
    """(value, percent attained) of each target, from the YAML numbers of report_repo."""
    ho_so = Fraction(100 * (45 + 28), 50 + 30)  # ty_le: 100 × Σtu_so / Σmau_so
    phu_song = Fraction("87.5")  # gia_tri: the mean of one figure
    thoi_gian = Fraction("2.5")
    lop = Fraction(1 + 2)  # tong, luy_ke: quarters 1 and 2
    camera = Fraction(1300)
    return {
        "ho-so-truc-tuyen": (ho_so, 100 * ho_so / 95),
        "phu-song": (phu_song, 100 * phu_song / 100),
        "thoi-gian": (thoi_gian, 100 * Fraction(3) / thoi_gian),  # "<=": goal / value
        "lop-tap-huan": (lop, 100 * lop / 4),
        "doanh-nghiep": (None, None),
        "camera": (camera, 100 * camera / 1250),
    }


def test_every_figure_of_the_targets_table(root: Path, doc: ReportDocument) -> None:
    plan = rr.load(root)
    expected = _expected_figures()
    data_rows = [r for r in table(doc).rows if r.kind == "data"]
    assert len(data_rows) == len(plan.targets) == len(expected)
    for number, (row, (ma, target)) in enumerate(
        zip(data_rows, plan.targets.items(), strict=True), 1
    ):
        value, ratio = expected[ma]
        sign = "≥" if target.so_sanh == ">=" else "≤"
        unit = target.don_vi_tinh
        assert row.cells == (
            str(number),
            target.ten,
            f"{sign} {format_value(Fraction(str(target.muc_tieu)), unit)}",
            # Phòng Kinh tế has not sent its figures for ho-so-truc-tuyen: marked partial.
            ("—" if value is None else format_value(value, unit))
            + ("*" if ma == "ho-so-truc-tuyen" else ""),
            "—" if ratio is None else format_percent(ratio),
            "Chưa có số liệu" if value is None else row.cells[5],
            plan.units[target.chu_tri].ten,
        ), ma


def test_targets_table_literal_cells(doc: ReportDocument) -> None:
    """The same figures as a reader sees them (half-up rounding, thousands, units)."""
    rows = {r.cells[0]: r.cells[2:6] for r in table(doc).rows if r.kind == "data"}
    assert rows == {
        "1": ("≥ 95%", "91,3%*", "96,1%", "Chưa đạt"),  # 91,25 half up; * partial data
        "2": ("≥ 100%", "87,5%", "87,5%", "Chưa đạt"),
        "3": ("≤ 3 ngày", "2,5 ngày", "120%", "Đạt"),
        "4": ("≥ 4 lớp", "3 lớp", "75%", "Chưa đạt"),
        "5": ("≥ 12,5 doanh nghiệp", "—", "—", "Chưa có số liệu"),
        "6": ("≥ 1.250 camera", "1.300 camera", "104%", "Đạt"),
    }


def test_a_target_judged_on_partial_data_is_marked_in_the_table(doc: ReportDocument) -> None:
    assert table(doc).note == (
        "(*) Số liệu chưa đủ: mới tổng hợp từ các đơn vị đã báo cáo, còn thiếu số liệu của "
        "đơn vị nêu tại mục II.")
    # Read back from the .docx: the note is the italic paragraph right after the table.
    document = docx.Document(io.BytesIO(render_docx(doc)))
    body = document.element.body
    tables = body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")
    after = tables[1].getnext()  # tables[0] is the header of the document
    note = Paragraph_(after, document)
    assert note.text == table(doc).note
    assert all(run.font.italic for run in note.runs)


def test_no_note_when_every_figure_is_complete(tmp_path: Path) -> None:
    targets = rr.TARGETS.replace("    don_vi_bao_cao: [van-phong, cong-an, kinh-te]\n",
                                 "    don_vi_bao_cao: [van-phong, cong-an]\n")
    doc = build(rr.write(tmp_path, targets=targets))
    assert table(doc).note == ""
    assert all(not r.cells[3].endswith("*") for r in table(doc).rows if r.kind == "data")


def test_what_units_did_is_said_in_their_own_words(tmp_path: Path) -> None:
    tasks = rr.TASKS.replace("    ten: Vận hành bộ phận một cửa điện tử\n    chu_tri: cong-an\n",
                             "    ten: Vận hành bộ phận một cửa điện tử\n    chu_tri: cong-an\n"
                             "    phoi_hop: [van-phong]\n")
    results = dict(rr.RESULTS)
    results["cong-an/2026-Q2"] = results["cong-an/2026-Q2"].replace(
        "  mot-cua: {trang_thai: dang_thuc_hien}",
        "  mot-cua: {trang_thai: dang_thuc_hien, ket_qua: Tiếp nhận 1.250 hồ sơ trực tuyến.}")
    results["van-phong/2026-Q2"] = results["van-phong/2026-Q2"].replace(
        "  tap-huan: {trang_thai: chua_thuc_hien}\n",
        "  tap-huan: {trang_thai: chua_thuc_hien}\n"
        "  mot-cua: {trang_thai: dang_thuc_hien, ket_qua: Bố trí 02 máy tính cho bộ phận.}\n")
    doc = build(rr.write(tmp_path, tasks=tasks, results=results))
    body = section(doc, H1_2, H1_3)
    assert body[1:3] == [
        "- Đã hoàn thành nhiệm vụ “Cập nhật Cổng thông tin điện tử xã” (Văn phòng HĐND và "
        "UBND xã chủ trì). Kết quả: Đã đăng 40 tin bài.",
        "- Nhiệm vụ “Vận hành bộ phận một cửa điện tử” (Công an xã chủ trì) đang thực hiện: "
        "tiếp nhận 1.250 hồ sơ trực tuyến; Văn phòng HĐND và UBND xã phối hợp: bố trí 02 "
        "máy tính cho bộ phận.",
    ]


def test_the_units_notes_on_their_figures_stand_under_the_table(tmp_path: Path) -> None:
    results = dict(rr.RESULTS)
    results["van-phong/2026-Q2"] = results["van-phong/2026-Q2"].replace(
        "  ho-so-truc-tuyen: {tu_so: 45, mau_so: 50}",
        '  ho-so-truc-tuyen: {tu_so: 45, mau_so: 50, ghi_chu: "Số ước tính."}').replace(
        "  phu-song: {gia_tri: 87.5}", '  phu-song: {gia_tri: 87.5, ghi_chu: "Số ước tính"}')
    results["cong-an/2026-Q2"] = results["cong-an/2026-Q2"].replace(
        "  camera: {gia_tri: 1300}", '  camera: {gia_tri: 1300, ghi_chu: "Gồm 20 camera của '
        'hộ dân."}')
    doc = build(rr.write(tmp_path, results=results))
    cells = {r.cells[0]: r.cells[3] for r in table(doc).rows if r.kind == "data"}
    assert (cells["1"], cells["2"], cells["6"]) == ("91,3%* (1)", "87,5% (2)", "1.300 camera (3)")
    assert table(doc).note.split("\n") == [
        "(*) Số liệu chưa đủ: mới tổng hợp từ các đơn vị đã báo cáo, còn thiếu số liệu của "
        "đơn vị nêu tại mục II.",
        # Several units report ho-so-truc-tuyen: the note says whose it is.
        "(1) Văn phòng HĐND và UBND xã: Số ước tính.",
        "(2) Số ước tính.",
        "(3) Gồm 20 camera của hộ dân.",
    ]
    document = docx.Document(io.BytesIO(render_docx(doc)))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("(*) Số liệu chưa đủ: mới tổng hợp từ các đơn vị đã báo cáo, còn "
                        "thiếu số liệu của đơn vị nêu tại mục II.")
    assert texts[start + 1 : start + 4] == table(doc).note.split("\n")[1:]


def test_chart_follows_the_table(doc: ReportDocument) -> None:
    images = [b for b in doc.body if isinstance(b, Image)]
    assert len(images) == 1
    assert images[0].caption == (
        "Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm của các chỉ tiêu (số thứ tự theo Bảng 1), "
        "quý II năm 2026"
    )
    assert images[0].png_bytes().startswith(b"\x89PNG")
    assert images[0].width_mm == 160


def test_the_chart_has_its_figures_in_words_for_a_screen_reader(doc: ReportDocument) -> None:
    alt = (
        "Tỷ lệ đạt so với mục tiêu năm — 1. Tỷ lệ hồ sơ được giải quyết trực tuyến: 96,1%; "
        "2. Tỷ lệ thôn được phủ sóng 4G: 87,5%; 3. Thời gian giải quyết hồ sơ bình quân: "
        "120%; 4. Số lớp tập huấn kỹ năng số: 75%, dự báo cuối năm 150%; 5. Số doanh nghiệp "
        "bán hàng trên sàn thương mại điện tử: chưa có số liệu; 6. Số camera an ninh kết nối: "
        "104%."
    )
    (image,) = [b for b in doc.body if isinstance(b, Image)]
    assert image.alt == alt
    document = docx.Document(io.BytesIO(render_docx(doc)))
    (doc_pr,) = document.element.body.xpath(".//wp:docPr")
    assert doc_pr.get("descr") == alt
    assert doc_pr.get("title") == image.caption


def test_table_without_sections_has_no_group_rows(tmp_path: Path) -> None:
    plan_text = rr.PLAN.split("cac_muc:")[0]
    plan = rr.load(rr.write(tmp_path, plan=plan_text))
    rows = targets_table(plan, rr.quarter(plan)).rows
    assert [r.kind for r in rows] == ["data"] * 6


def test_section_chain_is_outermost_first(root: Path) -> None:
    plan = rr.load(root)
    assert [s.muc for s in section_chain(plan, "I.1.a.(1)")] == ["I.1", "I.1.a"]
    assert [s.muc for s in section_chain(plan, "I.10")] == []  # I.1 is not I.10's parent
    assert section_chain(plan, None) == ()


# --------------------------------------------------------------------------- 2. tasks


def test_task_paragraphs(doc: ReportDocument) -> None:
    assert section(doc, H1_2, H1_3) == [
        "Kế hoạch giao 05 nhiệm vụ. Theo báo cáo của các đơn vị chủ trì, đến hết quý II có "
        "01 nhiệm vụ đã hoàn thành, 01 nhiệm vụ đang thực hiện, 01 nhiệm vụ chưa triển khai, "
        "01 nhiệm vụ quá hạn và 01 nhiệm vụ chưa có báo cáo.",
        "- Đã hoàn thành nhiệm vụ “Cập nhật Cổng thông tin điện tử xã” (Văn phòng HĐND và "
        "UBND xã chủ trì). Kết quả: Đã đăng 40 tin bài.",
        "- Nhiệm vụ “Làm sạch dữ liệu dân cư” (Công an xã chủ trì) đã quá hạn hoàn thành "
        "(hạn 31/5/2026), hiện đang thực hiện.",
        "- Chưa triển khai 01 nhiệm vụ: “Tổ chức tập huấn chữ ký số” (Văn phòng HĐND và "
        "UBND xã chủ trì).",
        "- Chưa có báo cáo của đơn vị chủ trì về 01 nhiệm vụ: “Số hóa hồ sơ đất đai” "
        "(Phòng Kinh tế chủ trì).",
    ]


# --------------------------------------------------------------------------- 3. submissions


def test_submissions(doc: ReportDocument) -> None:
    assert section(doc, H1_3, H1_4) == [
        "Theo Kế hoạch, các cơ quan, đơn vị gửi báo cáo kết quả quý II chậm nhất ngày "
        "20/6/2026. Đến ngày 29/6/2026, đã có 02/03 đơn vị gửi báo cáo, cụ thể:",
        "- Gửi đúng hạn (01 đơn vị): Văn phòng HĐND và UBND xã.",
        "- Gửi chậm (01 đơn vị): Công an xã (gửi ngày 23/6/2026, chậm 03 ngày).",
        "- Chưa gửi báo cáo (01 đơn vị): Phòng Kinh tế.",
        "Ngoài ra, Công chức Địa chính (không thuộc diện báo cáo định kỳ) đã gửi báo cáo "
        "kết quả phối hợp thực hiện.",
    ]


# --------------------------------------------------------------------------- II..V


def test_shortcomings_are_derived(doc: ReportDocument) -> None:
    assert section(doc, H2, H3) == [
        # One target, one line: the missing unit is said where the target is.
        "- Chỉ tiêu “Tỷ lệ hồ sơ được giải quyết trực tuyến” mới đạt 91,3% so với mục tiêu "
        "năm tối thiểu 95% (tỷ lệ đạt 96,1%); đã đạt mốc lộ trình quý II (90%); số liệu mới "
        "tổng hợp từ các đơn vị đã báo cáo, còn thiếu của Phòng Kinh tế.",
        # a goal of 100% to reach: no "tối thiểu", no ratio equal to the value
        "- Chỉ tiêu “Tỷ lệ thôn được phủ sóng 4G” mới đạt 87,5% so với mục tiêu năm 100%.",
        "- Chỉ tiêu “Số lớp tập huấn kỹ năng số” mới đạt 3 lớp so với mục tiêu năm tối "
        "thiểu 4 lớp (tỷ lệ đạt 75%).",
        "- Chỉ tiêu “Số doanh nghiệp bán hàng trên sàn thương mại điện tử” chưa có số liệu "
        "do Phòng Kinh tế chưa báo cáo.",
        "- Còn 01 nhiệm vụ đã quá hạn nhưng chưa hoàn thành, do Công an xã chủ trì.",
        "- Còn 01 nhiệm vụ chưa được đơn vị chủ trì báo cáo kết quả thực hiện.",
        "- Việc gửi báo cáo định kỳ chưa bảo đảm thời hạn theo Kế hoạch: 01 đơn vị gửi "
        "chậm và 01 đơn vị chưa gửi báo cáo.",
    ]


def test_a_target_at_most_behind(tmp_path: Path) -> None:
    results = dict(rr.RESULTS)
    results["van-phong/2026-Q2"] = results["van-phong/2026-Q2"].replace(
        "thoi-gian: {gia_tri: 2.5}", "thoi-gian: {gia_tri: 4}"
    )
    doc = build(rr.write(tmp_path, results=results))
    assert (
        "- Chỉ tiêu “Thời gian giải quyết hồ sơ bình quân” là 4 ngày, chưa bảo đảm mục "
        "tiêu năm tối đa 3 ngày (tỷ lệ đạt 75%)."
    ) in section(doc, H2, H3)


def test_difficulties_are_attributed(doc: ReportDocument) -> None:
    assert section(doc, H3, H4) == [
        "- Văn phòng HĐND và UBND xã: Thiếu máy quét tài liệu.",
        "- Công an xã: Đường truyền chậm vào giờ cao điểm.",  # ";" at the end replaced
    ]


def test_directions_from_the_input(doc: ReportDocument) -> None:
    assert section(doc, H4, H5) == [
        "- Hoàn thành làm sạch dữ liệu dân cư trong quý III.",
        "- Tổ chức 02 lớp tập huấn kỹ năng số.",
    ]


def test_directions_derived_when_absent(tmp_path: Path) -> None:
    doc = build(rr.write(tmp_path, report="ngay: 2026-06-29\n"))
    assert section(doc, H4, H5) == [
        "- Các đơn vị chủ trì tập trung thực hiện các chỉ tiêu chưa đạt mục tiêu năm (số "
        "thứ tự theo Bảng 1): Văn phòng HĐND và UBND xã (chỉ tiêu 1 và 2); Công an xã "
        "(chỉ tiêu 4).",
        "- Phòng Kinh tế báo cáo bổ sung số liệu các chỉ tiêu còn thiếu.",
        "- Khẩn trương hoàn thành các nhiệm vụ đã quá hạn: “Làm sạch dữ liệu dân cư” "
        "(Công an xã chủ trì).",
        "- Chấn chỉnh việc thực hiện chế độ báo cáo: các cơ quan, đơn vị gửi báo cáo đầy "
        "đủ, đúng thời hạn, báo cáo rõ kết quả thực hiện từng nhiệm vụ được giao chủ trì.",
        "- Các cơ quan, đơn vị tiếp tục triển khai các nhiệm vụ được giao; gửi báo cáo kết "
        "quả quý III về Văn phòng HĐND và UBND xã (cơ quan thường trực) chậm nhất ngày "
        "20/9/2026.",
    ]


def test_proposals_secretariat_first_then_units(doc: ReportDocument) -> None:
    assert section(doc, H5, None) == [
        "- Đề nghị UBND huyện hỗ trợ kinh phí.",
        "Ngoài ra, các cơ quan, đơn vị có đề xuất, kiến nghị như sau:",
        "- Công an xã: Đề nghị bổ sung 01 máy tính.",
        "- Công chức Địa chính: Đề nghị cấp tài khoản phần mềm quản lý đất đai.",
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch quý II năm 2026 của Ban Chỉ đạo.",
    ]


def test_proposals_of_units_only(tmp_path: Path) -> None:
    doc = build(rr.write(tmp_path, report="ngay: 2026-06-29\n"))
    assert section(doc, H5, None)[:2] == [
        "- Công an xã: Đề nghị bổ sung 01 máy tính.",
        "- Công chức Địa chính: Đề nghị cấp tài khoản phần mềm quản lý đất đai.",
    ]


def test_rendered_body_ends_with_the_mark(doc: ReportDocument) -> None:
    document = docx.Document(io.BytesIO(render_docx(doc)))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[-1] == (
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch quý II năm 2026 của Ban Chỉ đạo./."
    )
    # every body line reads as a sentence: no empty "- " item, no doubled punctuation
    for line in lines(doc):
        assert line.strip() not in ("-", "- .", ".")
        for bad in ("..", " .", " ,", ",,", ";.", ".;", "  ", "“ ", " ”"):
            assert bad not in line, (bad, line)


# --------------------------------------------------------------------------- early warning


def test_early_warning_counts_the_levels(doc: ReportDocument) -> None:
    assert section(doc, H1_4, H2) == [
        "Đánh giá theo tốc độ thực hiện bình quân mỗi quý từ đầu năm, có 02 chỉ tiêu đã đạt "
        "mục tiêu năm, 01 chỉ tiêu giữ được tốc độ đủ để đạt mục tiêu năm và 03 chỉ tiêu chưa "
        "đủ số liệu để dự báo.",
    ]


def test_early_warning_says_what_each_remaining_quarter_must_do(tmp_path: Path) -> None:
    # Start-of-year values give one quarter of data a pace: hồ sơ 89% → 91,25% (pace
    # 1,125 of the 1,875 needed: exactly 60%, needs acceleration); phủ sóng 85% → 87,5%
    # (1,25 of 6,25: at risk).
    targets = rr.TARGETS.replace(
        "    lo_trinh: {Q1: 80, Q2: 90, Q3: 92}\n",
        "    lo_trinh: {Q1: 80, Q2: 90, Q3: 92}\n    gia_tri_dau_nam: 89\n",
    ).replace(
        "    muc_tieu: 100\n",
        "    muc_tieu: 100\n    gia_tri_dau_nam: 85\n",
    )
    doc = build(rr.write(tmp_path, targets=targets))
    assert section(doc, H1_4, H2) == [
        "Đánh giá theo tốc độ thực hiện bình quân mỗi quý từ đầu năm, có 02 chỉ tiêu đã đạt "
        "mục tiêu năm, 01 chỉ tiêu giữ được tốc độ đủ để đạt mục tiêu năm, 01 chỉ tiêu cần đẩy "
        "nhanh tiến độ, 01 chỉ tiêu có nguy cơ không đạt mục tiêu năm 2026 và 01 chỉ tiêu chưa "
        "đủ số liệu để dự báo, cụ thể:",
        "- Chỉ tiêu “Tỷ lệ thôn được phủ sóng 4G” (số 2 tại Bảng 1) có nguy cơ không đạt mục "
        "tiêu năm: đến hết quý II đạt 87,5%, bình quân mỗi quý tăng khoảng 1,3 điểm phần "
        "trăm; nếu giữ tốc độ này, cuối năm dự kiến đạt khoảng 90% (mục tiêu năm 100%). Để "
        "đạt mục tiêu, cần tăng thêm khoảng 6,3 điểm phần trăm mỗi quý.",
        "- Chỉ tiêu “Tỷ lệ hồ sơ được giải quyết trực tuyến” (số 1 tại Bảng 1) cần đẩy nhanh "
        "tiến độ: đến hết quý II đạt 91,3%, bình quân mỗi quý tăng khoảng 1,1 điểm phần "
        "trăm; nếu giữ tốc độ này, cuối năm dự kiến đạt khoảng 93,5% (mục tiêu năm tối "
        "thiểu 95%). Để đạt mục tiêu, cần tăng thêm khoảng 1,9 điểm phần trăm mỗi quý.",
    ]


def test_early_warning_of_a_year_to_date_ceiling(tmp_path: Path) -> None:
    # At most 4 training classes a year (a ceiling on a sum): 3 by quarter II, 1,5 a
    # quarter, heads for 6; already past it at 5.
    targets = rr.TARGETS.replace("    muc_tieu: 4\n    so_sanh: \">=\"\n",
                                 "    muc_tieu: 4\n    so_sanh: \"<=\"\n")
    doc = build(rr.write(tmp_path, targets=targets))
    assert section(doc, H1_4, H2)[1] == (
        "- Chỉ tiêu “Số lớp tập huấn kỹ năng số” (số 4 tại Bảng 1) có nguy cơ không đạt mục "
        "tiêu năm: đến hết quý II lũy kế là 3 lớp, bình quân mỗi quý thêm khoảng 1,5 lớp; "
        "nếu giữ tốc độ này, cả năm dự kiến khoảng 6 lớp (mục tiêu năm tối đa 4 lớp). Để đạt "
        "mục tiêu, mỗi quý chỉ được thêm tối đa 0,5 lớp."
    )
    results = dict(rr.RESULTS)
    results["cong-an/2026-Q2"] = results["cong-an/2026-Q2"].replace(
        "lop-tap-huan: {gia_tri: 2}", "lop-tap-huan: {gia_tri: 4}")
    doc = build(rr.write(tmp_path / "past", targets=targets, results=results))
    assert section(doc, H1_4, H2)[1].endswith(
        "cả năm dự kiến khoảng 10 lớp (mục tiêu năm tối đa 4 lớp). Chỉ tiêu đã vượt mức tối "
        "đa của cả năm."
    )


def test_early_warning_without_enough_data(tmp_path: Path) -> None:
    results = {k: v for k, v in rr.RESULTS.items() if k != "cong-an/2026-Q1"}
    targets = rr.TARGETS.replace("    luy_ke: true\n", "")
    doc = build(rr.write(tmp_path, targets=targets, results=results))
    assert section(doc, H1_4, H2)[0].endswith(
        "có 02 chỉ tiêu đã đạt mục tiêu năm và 04 chỉ tiêu chưa đủ số liệu để dự báo.")


def test_the_chart_marks_each_projection(root: Path) -> None:
    plan = rr.load(root)
    # Only the year-to-date classes have a pace (1 then 2: 3 by quarter II, 6 by year end,
    # 150% of the goal of 4); the others have one point, or none.
    assert [b.projected for b in chart_bars(rr.quarter(plan))] == [
        None, None, None, 150.0, None, None]
    assert all(b.projected is None for b in chart_bars(rr.quarter(plan, 4)))


def test_no_early_warning_in_quarter_iv_or_without_data(tmp_path: Path) -> None:
    doc = build(rr.write(tmp_path, report=None), 3, dt.date(2026, 10, 5))
    assert H1_4 not in lines(doc)


# --------------------------------------------------------------------------- other quarters


def test_fourth_quarter_has_no_next_quarter(tmp_path: Path) -> None:
    results = {
        key.replace("2026-Q2", "2026-Q4"): text_.replace("ky: 2026-Q2", "ky: 2026-Q4")
        .replace("2026-06-", "2026-11-")
        for key, text_ in rr.RESULTS.items()
        if key.endswith("Q2")
    }
    results["cong-an/2026-Q1"] = rr.RESULTS["cong-an/2026-Q1"]
    root = rr.write(tmp_path, report=None, results=results)
    doc = build(root, 4, dt.date(2026, 11, 26))
    body = lines(doc)
    assert "# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in body
    assert doc.trich_yeu.endswith("quý IV năm 2026")
    joined = "\n".join(body)
    for wording in ("quý V", "QUÝ V", "quý tới", "QUÝ TỚI", "mốc lộ trình"):
        assert wording not in joined
    assert H1_4 not in body  # the year's figures are in: nothing to forecast
    directions = section(doc, "# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", H5)
    assert directions[0] == (
        "- Đánh giá nguyên nhân các chỉ tiêu chưa đạt mục tiêu năm 2026 (chỉ tiêu 1, 2 và 4 "
        "tại Bảng 1), đề xuất giải pháp khắc phục trong năm 2027."
    )
    assert directions[-1] == (
        "- Các cơ quan, đơn vị tổng kết việc thực hiện Kế hoạch năm 2026; đề xuất nhiệm vụ, "
        "giải pháp trọng tâm năm 2027, gửi Văn phòng HĐND và UBND xã (cơ quan thường trực) "
        "tổng hợp."
    )


def test_a_quarter_without_any_data(tmp_path: Path) -> None:
    root = rr.write(tmp_path, report=None)
    doc = build(root, 3, dt.date(2026, 10, 5))
    assert lines(doc) == [
        "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 05/01/2026 về chuyển đổi số năm 2026 của xã "
        "Mẫu Sơn, Ban Chỉ đạo báo cáo kết quả thực hiện quý III năm 2026 như sau:",
        H1,
        "Đến ngày 05/10/2026, Ban Chỉ đạo chưa nhận được báo cáo kết quả thực hiện quý III "
        "năm 2026 của cơ quan, đơn vị nào nên chưa có số liệu để đánh giá kết quả thực hiện "
        "các chỉ tiêu, nhiệm vụ của Kế hoạch trong quý.",
        H1_1,
        "Kế hoạch đề ra 06 chỉ tiêu; đến nay chưa có số liệu của chỉ tiêu nào (danh mục chỉ "
        "tiêu tại Bảng 1).",
        "[Bảng]",  # the plan's targets, every figure "—"; no chart of nothing
        H1_2,
        "Kế hoạch giao 05 nhiệm vụ; đến nay các đơn vị chủ trì chưa báo cáo tình hình thực "
        "hiện nhiệm vụ nào.",
        H1_3,
        "Theo Kế hoạch, các cơ quan, đơn vị gửi báo cáo kết quả quý III chậm nhất ngày "
        "20/9/2026. Đến ngày 05/10/2026, chưa có đơn vị nào gửi báo cáo.",
        "- Chưa gửi báo cáo (03 đơn vị): Văn phòng HĐND và UBND xã, Công an xã, Phòng "
        "Kinh tế.",
        H2,
        "- Các cơ quan, đơn vị chưa gửi báo cáo kết quả quý III nên chưa có số liệu để đánh "
        "giá việc thực hiện 06 chỉ tiêu và 05 nhiệm vụ của Kế hoạch.",
        "- Việc gửi báo cáo định kỳ chưa bảo đảm thời hạn theo Kế hoạch: 03 đơn vị chưa gửi "
        "báo cáo.",
        H3,
        "Chưa có báo cáo của các cơ quan, đơn vị nên chưa tổng hợp được khó khăn, vướng mắc.",
        "# IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2026",
        "- Các cơ quan, đơn vị khẩn trương gửi báo cáo kết quả thực hiện quý III năm 2026 về "
        "Văn phòng HĐND và UBND xã (cơ quan thường trực) để tổng hợp, đánh giá.",
        H5,
        "Không có đề xuất, kiến nghị.",
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch quý III năm 2026 của Ban Chỉ đạo.",
    ]
    rows = [r for r in table(doc).rows if r.kind == "data"]
    assert {r.cells[3:6] for r in rows} == {("—", "—", "Chưa có số liệu")}


def test_a_plan_named_kế_hoạch_is_not_said_twice(tmp_path: Path) -> None:
    plan = rr.PLAN.replace("ten: Chuyển đổi số", "ten: Kế hoạch chuyển đổi số")
    assert plan != rr.PLAN
    doc = build(rr.write(tmp_path, plan=plan))
    assert doc.trich_yeu == (
        "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu Sơn quý II năm 2026"
    )
    assert lines(doc)[0].startswith(
        "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 05/01/2026 về chuyển đổi số năm 2026")


def test_a_quarter_without_data_before_its_deadline(tmp_path: Path) -> None:
    """Before the deadline, units that have not reported yet are not late."""
    doc = build(rr.write(tmp_path, report=None), 3, dt.date(2026, 9, 10))
    assert not any("chưa bảo đảm thời hạn" in line for line in lines(doc))


def test_a_plan_without_targets_or_tasks(tmp_path: Path) -> None:
    results = {
        "van-phong/2026-Q2": "don_vi: van-phong\nky: 2026-Q2\nngay_gui: 2026-06-18\n",
    }
    root = rr.write(
        tmp_path, report=None, targets="chi_tieu: []\n", tasks="nhiem_vu: []\n",
        results=results,
    )
    doc = build(root)
    assert section(doc, H1_1, H1_2) == ["Kế hoạch không đề ra chỉ tiêu định lượng."]
    assert section(doc, H1_2, H1_3) == [
        "Kế hoạch không giao nhiệm vụ cụ thể cho các cơ quan, đơn vị."
    ]
    assert not any(isinstance(b, (Table, Image)) for b in doc.body)


def test_everything_met_and_on_time(tmp_path: Path) -> None:
    units = "don_vi:\n  - ma: van-phong\n    ten: Văn phòng HĐND và UBND xã\n"
    targets = rr.TARGETS.split("  - ma: thoi-gian")[0].replace("muc_tieu: 95", "muc_tieu: 90")
    targets = targets.replace("[van-phong, cong-an, kinh-te]", "[van-phong]")
    results = {
        "van-phong/2026-Q2": """\
don_vi: van-phong
ky: 2026-Q2
ngay_gui: 2026-06-18
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 46, mau_so: 50}
  phu-song: {gia_tri: 100}
""",
    }
    root = rr.write(tmp_path, report=None, units=units, targets=targets,
                    tasks="nhiem_vu: []\n", results=results)
    doc = build(root)
    assert section(doc, H2, H3) == ["Trong quý, không có tồn tại, hạn chế đáng kể."]
    assert section(doc, H3, H4) == [
        "Các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc trong quý."
    ]
    assert section(doc, H1_3, H1_4) == [
        "Theo Kế hoạch, các cơ quan, đơn vị gửi báo cáo kết quả quý II chậm nhất ngày "
        "20/6/2026. Đến ngày 29/6/2026, đã có 01/01 đơn vị gửi báo cáo, cụ thể:",
        "- Gửi đúng hạn (01 đơn vị): Văn phòng HĐND và UBND xã.",
    ]


# --------------------------------------------------------------------------- data is text


def test_data_cannot_add_markup_and_gets_curly_quotes(tmp_path: Path) -> None:
    report = (
        "ngay: 2026-06-29\n"
        "danh_gia_chung: '# Không phải đề mục, [[bieu_do]] và **không đậm**; "
        'theo "Đề án 06".\'\n'
    )
    doc = build(rr.write(tmp_path, report=report))
    first = section(doc, H1, H1_1)
    assert first == [
        '# Không phải đề mục, [[bieu_do]] và **không đậm**; theo “Đề án 06”.'
    ]
    paragraph = next(b for b in doc.body if isinstance(b, Paragraph) and text(b) == first[0])
    assert all(not r.bold and not r.italic for r in paragraph.runs)
    assert sum(isinstance(b, Image) for b in doc.body) == 1


def test_control_characters_are_refused(root: Path) -> None:
    """validate refuses them in YAML; the builder still says where one would be."""
    plan = rr.load(root)
    report = ReportInput(danh_gia_chung="Tốt\x01 lắm")
    with pytest.raises(KehoachError) as caught:
        build_document(plan, rr.quarter(plan), report, rr.REPORT_DAY)
    assert caught.value.message == (
        "văn bản báo cáo có ký tự điều khiển U+0001 (trong “Tốt lắm”), không được phép "
        "trong tệp .docx; hãy xóa ký tự đó trong tệp YAML hoặc trong mẫu templates/"
    )


def test_issued_number_and_date_come_from_the_input(tmp_path: Path) -> None:
    doc = build(rr.write(tmp_path, report="so: 7\nngay: 2026-07-02\n"))
    assert doc.header.so == 7
    plan = rr.load(rr.write(tmp_path / "b", report="so: 7\n"))
    assert rr.report_input(plan) == ReportInput(so=7)


# --------------------------------------------------------------------------- small pieces


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A và B"),
        (["A", "B", "C"], "A, B và C"),
        # a name holding "và" would read as the end of the list
        (["Công an xã", "Văn phòng HĐND và UBND xã"], "Công an xã, Văn phòng HĐND và UBND xã"),
    ],
)
def test_join_vietnamese(names: list[str], joined: str) -> None:
    assert join_vietnamese(names) == joined


@pytest.mark.parametrize(
    ("ban_hanh", "name"),
    [
        ("BAN CHỈ ĐẠO", "Ban Chỉ đạo"),
        ("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ MẪU SƠN", "Ban Chỉ đạo"),  # place names stay out
        ("TỔ CÔNG TÁC ĐỀ ÁN 06", "Tổ công tác"),
        ("VĂN PHÒNG ĐIỀU PHỐI", "Văn phòng điều phối"),
    ],
)
def test_short_name(ban_hanh: str, name: str) -> None:
    assert short_name(ban_hanh) == name


def test_goal_phrase(root: Path) -> None:
    plan = rr.load(root)
    phrases = {ma: goal_phrase(t) for ma, t in plan.targets.items()}
    assert phrases == {
        "ho-so-truc-tuyen": "tối thiểu 95%",
        "phu-song": "100%",
        "thoi-gian": "tối đa 3 ngày",
        "lop-tap-huan": "tối thiểu 4 lớp",
        "doanh-nghiep": "tối thiểu 12,5 doanh nghiệp",
        "camera": "tối thiểu 1.250 camera",
    }


def test_same_inputs_same_document(root: Path) -> None:
    first, second = build(root), build(root)
    assert first == second
    assert render_docx(first) == render_docx(second)



@pytest.mark.parametrize("name", ["bao-cao-quy.md.j2", "bao-cao-6-thang.md.j2",
                                  "bao-cao-nam.md.j2"])
def test_the_repo_template_is_the_builtin_one(name: str) -> None:
    """templates/ shows the secretariat where the wording lives: it must not drift from
    the built-in templates (copy a built-in one over its copy after changing it)."""
    repo = Path(__file__).resolve().parents[3]
    builtin = repo / "src" / "kehoach_cli" / "builtin_templates" / name
    assert (repo / "templates" / name).read_bytes() == builtin.read_bytes()
    assert (repo / "templates" / "README.md").is_file()
    assert f"`{name}`" in (repo / "templates" / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- read back


def _cell_text(cell: Any) -> str:
    """A cell's text with its line breaks as "\\n" (python-docx gives them so)."""
    return "\n".join(p.text for p in cell.paragraphs)


def test_the_docx_table_holds_the_same_cells(doc: ReportDocument) -> None:
    document = docx.Document(io.BytesIO(render_docx(doc)))
    header, *rows = document.tables[1].rows
    model = table(doc)
    assert [_cell_text(c) for c in header.cells] == [c.title for c in model.columns]
    read: list[tuple[str, ...]] = []
    for row in rows:
        cells = [_cell_text(c) for c in row.cells]
        # a group row spans the table: python-docx repeats the merged cell
        read.append((cells[0],) if len(set(cells)) == 1 else tuple(cells))
    assert read == [r.cells for r in model.rows]


def test_table_header_and_group_rows_stay_with_the_next_row(doc: ReportDocument) -> None:
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(render_docx(doc)))
    tbl = document.tables[1]
    for row in tbl.rows:
        keep = [p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs]
        spanning = len({id(c._tc) for c in row.cells}) == 1
        first = row._tr is tbl.rows[0]._tr
        assert all(keep) if (first or spanning) else not any(keep)
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [
        # never inside a word ("PHÁT / TRIỂN", "XÂY / DỰNG"), never inside a place name
        ("BAN CHỈ ĐẠO CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA XÂY DỰNG NÔNG THÔN MỚI XÃ", 13,
         ["BAN CHỈ ĐẠO", "CHƯƠNG TRÌNH MỤC TIÊU", "QUỐC GIA XÂY DỰNG", "NÔNG THÔN MỚI XÃ"]),
        # 12 pt (allowed by Nghị định 30) when it takes fewer lines than 13 pt
        ("BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ VÀ "
         "ĐỀ ÁN 06", 12,
         ["BAN CHỈ ĐẠO VỀ PHÁT TRIỂN", "KHOA HỌC, CÔNG NGHỆ,", "ĐỔI MỚI SÁNG TẠO,",
          "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06"]),
        ("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ VŨ DƯƠNG", 12,
         ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "XÃ VŨ DƯƠNG"]),
        ("BAN CHỈ ĐẠO", 13, ["BAN CHỈ ĐẠO"]),
    ],
)
def test_the_issuing_body_is_broken_at_its_phrases(
    tmp_path: Path, name: str, size: int, expected: list[str]
) -> None:
    """The header's issuing body (70 mm column) breaks where a clerk breaks it, each line
    at least 1.5 mm clear of the right column, in bold 12 or 13 pt."""
    plan_text = rr.PLAN.replace("  ban_hanh: BAN CHỈ ĐẠO\n", f"  ban_hanh: {name}\n")
    doc = build(rr.write(tmp_path, plan=plan_text))
    document = docx.Document(io.BytesIO(render_docx(doc)))
    left = document.tables[0].rows[0].cells[0]
    body = next(p for p in left.paragraphs if p.text.replace("\n", " ") == name)
    assert body.text.split("\n") == expected
    assert [(r.bold, r.font.size.pt) for r in body.runs] == [(True, size)]
    column = round(67 * 1440 / 25.4)
    assert all(bold_text_width_twips(line, size) <= column for line in expected)


def test_the_issuing_body_as_a_list_is_printed_in_those_lines(tmp_path: Path) -> None:
    plan_text = rr.PLAN.replace(
        "  ban_hanh: BAN CHỈ ĐẠO\n",
        "  ban_hanh:\n    - BAN CHỈ ĐẠO\n    - CHUYỂN ĐỔI SỐ\n")
    doc = build(rr.write(tmp_path, plan=plan_text))
    document = docx.Document(io.BytesIO(render_docx(doc)))
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs if "CHỈ ĐẠO" in p.text] == [
        "BAN CHỈ ĐẠO\nCHUYỂN ĐỔI SỐ"]
    assert lines(doc)[0].endswith(", Ban Chỉ đạo báo cáo kết quả thực hiện quý II năm 2026 "
                                  "(số liệu tính từ ngày 01/4/2026 đến ngày 29/6/2026) như sau:")


def test_the_title_is_broken_at_its_phrases(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(render_docx(build(rr.write(tmp_path)))))
    title = next(p for p in document.paragraphs if p.text.startswith("Kết quả thực hiện"))
    for line in title.text.split("\n"):
        words = line.split()
        assert (words[0], words[-1]) not in {("mới", "đổi")}
        assert not line.endswith((" đổi", " phát", " khoa", " công", " sáng", " chuyển"))


def test_the_running_text_names_the_body_by_its_kind(tmp_path: Path) -> None:
    plan_text = rr.PLAN.replace(
        "  ban_hanh: BAN CHỈ ĐẠO\n", "  ban_hanh: BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ MẪU SƠN\n"
    )
    doc = build(rr.write(tmp_path, plan=plan_text))
    assert lines(doc)[0].endswith(
        ", Ban Chỉ đạo báo cáo kết quả thực hiện quý II năm 2026 (số liệu tính từ ngày "
        "01/4/2026 đến ngày 29/6/2026) như sau:"
    )
