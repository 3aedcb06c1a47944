"""`kehoach report --6-thang` and `--ca-nam` through the real CLI: the six-month and the
year-end reviews read back from the .docx, their issued copies, and the choice of kind."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from tests.helpers import run_cli, snapshot
from tests.scenarios import report as rr

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
KINDS = ("--quy N (báo cáo quý), --6-thang (báo cáo sơ kết 6 tháng đầu năm) hoặc --ca-nam "
         "(báo cáo tổng kết năm)")


def paragraphs(path: Path) -> list[str]:
    """The paragraphs' texts; the title's line breaks (chosen at its phrases, tested in
    tests/present/report) read as the spaces they stand for."""
    return [p.text.replace("\n", " ")
            for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]


def tables(path: Path) -> list[list[list[str]]]:
    """The body's tables (the header and closing tables left out), cell texts by row."""
    found = docx.Document(io.BytesIO(path.read_bytes())).tables[1:-1]
    return [[[c.text for c in row.cells] for row in t.rows] for t in found]


def data_rows(table: list[list[str]]) -> list[list[str]]:
    """The rows of targets, without the header and the plan sections' group rows."""
    return [row for row in table[1:] if len(set(row)) > 1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return rr.write(tmp_path, report=None, files={
        "reports/2026-6T.yaml": (
            "ngay: 2026-06-29\n"
            "nguyen_nhan:\n  chu_quan: Một số đơn vị chưa quan tâm chế độ báo cáo\n"
            "chi_tieu:\n  lop-tap-huan: Còn 01 lớp tổ chức trong quý III\n"
        ),
        "reports/2026.yaml": "ngay: 2026-12-28\n",
    })


# --------------------------------------------------------------------------- choosing the kind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], f"cần chọn loại báo cáo: {KINDS}"),
        (["--quy", "2", "--6-thang"],
         f"chỉ chọn một loại báo cáo, nhưng đã ghi cả --quy và --6-thang; hãy dùng {KINDS}"),
        (["--6-thang", "--ca-nam"],
         f"chỉ chọn một loại báo cáo, nhưng đã ghi cả --6-thang và --ca-nam; hãy dùng {KINDS}"),
        (["--quy", "1", "--6-thang", "--ca-nam"],
         "chỉ chọn một loại báo cáo, nhưng đã ghi cả --quy, --6-thang và --ca-nam; hãy dùng "
         f"{KINDS}"),
    ],
)
def test_exactly_one_kind_of_report(root: Path, args: list[str], message: str) -> None:
    before = snapshot(root)
    assert run_cli(["report", *args], cwd=root, today=TODAY) == (
        2, "", f"kehoach: lỗi: {message}\n",
    )
    assert snapshot(root) == before


def test_another_year_is_a_usage_error(root: Path) -> None:
    assert run_cli(["report", "--ca-nam", "--nam", "2025"], cwd=root, today=TODAY) == (
        2, "", "kehoach: lỗi: --nam: kế hoạch này là của năm 2026, không có số liệu năm 2025\n",
    )


# --------------------------------------------------------------------------- six months


def test_six_month_review(root: Path) -> None:
    assert run_cli(["report", "--6-thang"], cwd=root, today=TODAY) == (
        0, "reports/2026-6T.docx\n", "",
    )
    path = root / "reports" / "2026-6T.docx"
    text = paragraphs(path)
    assert text[:2] == [
        "BÁO CÁO",
        "Sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch chuyển đổi số năm 2026 của xã Mẫu "
        "Sơn; phương hướng, nhiệm vụ 6 tháng cuối năm 2026",
    ]
    for sentence in [
        "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 05/01/2026 về chuyển đổi số năm 2026 của xã "
        "Mẫu Sơn, Ban Chỉ đạo báo cáo sơ kết 6 tháng đầu năm 2026 (số liệu tính từ ngày "
        "01/01/2026 đến ngày 29/6/2026) như sau:",
        "I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2026",
        "Kế hoạch đề ra 06 chỉ tiêu. Đến hết 6 tháng đầu năm (hết quý II), có 02 chỉ tiêu đã "
        "đạt mục tiêu năm, 03 chỉ tiêu chưa đạt và 01 chỉ tiêu chưa có số liệu (chi tiết tại "
        "Bảng 1 và Biểu đồ 1). Trong số các chỉ tiêu chưa đạt, có 01 chỉ tiêu đã đạt mốc lộ "
        "trình quý II.",
        "- Chỉ tiêu “Số lớp tập huấn kỹ năng số” (số 4 tại Bảng 1) đạt 3 lớp. Còn 01 lớp tổ "
        "chức trong quý III.",
        "Bảng 1. Kết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2026",
        "Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm của các chỉ tiêu (số thứ tự theo Bảng 1), 6 "
        "tháng đầu năm 2026",
        "Kế hoạch giao 05 nhiệm vụ. Theo báo cáo của các đơn vị chủ trì, đến hết 6 tháng đầu "
        "năm có 01 nhiệm vụ đã hoàn thành, 01 nhiệm vụ đang thực hiện, 01 nhiệm vụ chưa triển "
        "khai, 01 nhiệm vụ quá hạn và 01 nhiệm vụ chưa có báo cáo.",
        "- Đã hoàn thành nhiệm vụ “Cập nhật Cổng thông tin điện tử xã” (Văn phòng HĐND và "
        "UBND xã chủ trì). Kết quả: Đã đăng 40 tin bài.",
        "- Quý I (hạn gửi 20/3/2026): 01 đơn vị gửi đúng hạn và 02 đơn vị chưa gửi.",
        "- Quý II (hạn gửi 20/6/2026): 01 đơn vị gửi đúng hạn, 01 đơn vị gửi chậm và 01 đơn vị "
        "chưa gửi.",
        "Bảng 2. Tình hình gửi báo cáo kết quả hằng quý của các cơ quan, đơn vị 6 tháng đầu "
        "năm 2026",
        "4. Dự báo khả năng hoàn thành chỉ tiêu năm",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "- Chỉ tiêu “Số lớp tập huấn kỹ năng số” đến hết 6 tháng mới đạt 3 lớp so với mục tiêu "
        "năm tối thiểu 4 lớp (tỷ lệ đạt 75%).",
        "- Việc gửi báo cáo định kỳ chưa bảo đảm thời hạn theo Kế hoạch: Văn phòng HĐND và "
        "UBND xã chưa gửi báo cáo quý I; Công an xã gửi chậm báo cáo quý II (03 ngày); Phòng "
        "Kinh tế chưa gửi báo cáo quý I và quý II.",
        "Nguyên nhân chủ quan: Một số đơn vị chưa quan tâm chế độ báo cáo.",
        "- Văn phòng HĐND và UBND xã: Thiếu máy quét tài liệu.",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026",
        "- Các đơn vị chủ trì tập trung thực hiện các chỉ tiêu chưa đạt mục tiêu năm (số thứ "
        "tự theo Bảng 1): Văn phòng HĐND và UBND xã (chỉ tiêu 1 và 2); Công an xã (chỉ tiêu 4).",
        "- Các cơ quan, đơn vị tiếp tục triển khai các nhiệm vụ được giao; gửi báo cáo kết quả "
        "quý III về Văn phòng HĐND và UBND xã (cơ quan thường trực) chậm nhất ngày 20/9/2026.",
        "Trên đây là báo cáo sơ kết 6 tháng đầu năm 2026 việc thực hiện Kế hoạch của Ban Chỉ "
        "đạo./.",
    ]:
        assert sentence in text
    targets, submissions = tables(path)
    assert targets[0] == ["STT", "Chỉ tiêu", "Kế hoạch\nnăm", "Kết quả\nquý I",
                          "Kết quả\n6 tháng", "Tỷ lệ\nđạt", "Đánh giá"]
    assert data_rows(targets) == [
        ["1", "Tỷ lệ hồ sơ được giải quyết trực tuyến", "≥ 95%", "—", "91,3%*", "96,1%",
         "Chưa đạt"],
        ["2", "Tỷ lệ thôn được phủ sóng 4G", "≥ 100%", "—", "87,5%", "87,5%", "Chưa đạt"],
        ["3", "Thời gian giải quyết hồ sơ bình quân", "≤ 3 ngày", "—", "2,5", "120%", "Đạt"],
        # year-to-date: 1 class in quarter I, 2 more in quarter II
        ["4", "Số lớp tập huấn kỹ năng số", "≥ 4 lớp", "1", "3", "75%", "Chưa đạt"],
        ["5", "Số doanh nghiệp bán hàng trên sàn thương mại điện tử", "≥ 12,5 doanh nghiệp",
         "—", "—", "—", "Chưa có số liệu"],
        ["6", "Số camera an ninh kết nối", "≥ 1.250 camera", "—", "1.300", "104%", "Đạt"],
    ]
    assert submissions == [
        ["STT", "Cơ quan, đơn vị", "Quý I", "Quý II"],
        ["1", "Văn phòng HĐND và UBND xã", "Chưa gửi", "Đúng hạn"],
        ["2", "Công an xã", "Đúng hạn", "Chậm 03 ngày"],
        ["3", "Phòng Kinh tế", "Chưa gửi", "Chưa gửi"],
        ["4", "Công chức Địa chính", "—", "Đã gửi"],
    ]


def test_six_month_figures_are_the_quarterly_reports_of_quarter_two(root: Path) -> None:
    """The six-month column is what the quarter II report's Bảng 1 shows, figure by figure."""
    assert run_cli(["report", "--6-thang"], cwd=root, today=TODAY)[0] == 0
    assert run_cli(["report", "--quy", "2"], cwd=root, today=TODAY)[0] == 0
    half = data_rows(tables(root / "reports" / "2026-6T.docx")[0])
    quarter = data_rows(tables(root / "reports" / "2026-Q2.docx")[0])
    assert [row[4] for row in half] == [
        row[3].replace(" lớp", "").replace(" ngày", "").replace(" camera", "")
        for row in quarter
    ]
    assert [row[5:7] for row in half] == [row[4:6] for row in quarter]


# --------------------------------------------------------------------------- the year


def test_annual_review_names_the_quarters_without_data(root: Path) -> None:
    code, out, err = run_cli(["report", "--ca-nam"], cwd=root, today=TODAY)
    assert (code, out) == (0, "reports/2026.docx\n")
    assert err == (
        "kehoach: cảnh báo: quý III và quý IV năm 2026 chưa có đơn vị nào gửi kết quả (hạn "
        "gửi 20/9/2026, 20/12/2026); báo cáo tổng kết năm 2026 chưa có số liệu của các quý "
        "này.\n"
    )
    path = root / "reports" / "2026.docx"
    text = paragraphs(path)
    assert text[1] == ("Tổng kết năm 2026 thực hiện Kế hoạch chuyển đổi số năm 2026 của xã "
                       "Mẫu Sơn; phương hướng, nhiệm vụ năm 2027")
    for sentence in [
        "I. KẾT QUẢ THỰC HIỆN NĂM 2026",
        "Lưu ý: quý III và quý IV năm 2026 chưa có đơn vị nào gửi kết quả, nên chưa có số liệu "
        "cả năm (số liệu đến hết quý IV) để đánh giá kết quả cả năm của các chỉ tiêu; Bảng 1 "
        "ghi số liệu của các quý đã có.",
        "Kế hoạch đề ra 06 chỉ tiêu; chưa có số liệu cả năm của chỉ tiêu nào (số liệu từng quý "
        "tại Bảng 1).",
        "Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2026",
        "Kế hoạch giao 05 nhiệm vụ. Theo báo cáo của các đơn vị chủ trì, trong năm 2026 đã "
        "hoàn thành 01/05 nhiệm vụ; chưa hoàn thành 01 nhiệm vụ đang thực hiện, 01 nhiệm vụ "
        "chưa triển khai, 01 nhiệm vụ quá hạn và 01 nhiệm vụ chưa có báo cáo.",
        "a) Các nhiệm vụ đã hoàn thành",
        "b) Các nhiệm vụ chưa hoàn thành",
        "- “Làm sạch dữ liệu dân cư” (Công an xã chủ trì): đã quá hạn hoàn thành (hạn "
        "31/5/2026), hiện đang thực hiện.",
        "- Quý III (hạn gửi 20/9/2026): chưa có đơn vị nào gửi báo cáo.",
        "- Chưa có số liệu quý III và quý IV nên chưa đánh giá được kết quả cả năm của các chỉ "
        "tiêu.",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
        "- Các cơ quan, đơn vị khẩn trương gửi báo cáo kết quả quý III và quý IV năm 2026 về "
        "Văn phòng HĐND và UBND xã (cơ quan thường trực) để tổng hợp, đánh giá kết quả cả năm.",
        "Trên đây là báo cáo tổng kết năm 2026 việc thực hiện Kế hoạch của Ban Chỉ đạo./.",
    ]:
        assert sentence in text
    targets, submissions = tables(path)
    assert targets[0] == ["TT", "Chỉ tiêu", "Quý\nI", "Quý\nII", "Quý\nIII", "Quý\nIV",
                          "Cả năm", "Kế hoạch\nnăm", "Đánh giá"]
    assert data_rows(targets)[3] == [
        "4", "Số lớp tập huấn kỹ năng số", "1", "3", "—", "—", "—", "≥ 4 lớp",
        "Chưa có số liệu",
    ]
    assert submissions[0] == ["STT", "Cơ quan, đơn vị", "Quý I", "Quý II", "Quý III",
                              "Quý IV"]
    assert submissions[2] == ["2", "Công an xã", "Đúng hạn", "Chậm 03 ngày", "Chưa gửi",
                              "Chưa gửi"]


def test_annual_review_with_every_quarter(tmp_path: Path) -> None:
    """Quarters III and IV in: the year's figure is quarter IV's, judged against the goal;
    a task done in quarter III stays done; a quarter not yet due is not "chưa gửi"."""
    results = dict(rr.RESULTS)
    results["cong-an/2026-Q3"] = (
        "don_vi: cong-an\nky: 2026-Q3\nngay_gui: 2026-09-18\nchi_tieu:\n"
        "  lop-tap-huan: {gia_tri: 1}\nnhiem_vu:\n  lam-sach: {trang_thai: hoan_thanh}\n"
    )
    results["cong-an/2026-Q4"] = (
        "don_vi: cong-an\nky: 2026-Q4\nngay_gui: 2026-12-15\nchi_tieu:\n"
        "  lop-tap-huan: {gia_tri: 1}\n  camera: {gia_tri: 1400}\n"
    )
    root = rr.write(tmp_path, report=None, results=results,
                    files={"reports/2026.yaml": "ngay: 2026-12-18\n"})
    code, out, err = run_cli(["report", "--ca-nam"], cwd=root, today="2026-12-18")
    assert (code, out) == (0, "reports/2026.docx\n")
    assert err == (
        "kehoach: cảnh báo: báo cáo đề ngày 18/12/2026, trước hạn các đơn vị gửi kết quả quý "
        "IV năm 2026 (20/12/2026); số liệu chưa đủ.\n"
    )
    path = root / "reports" / "2026.docx"
    rows = data_rows(tables(path)[0])
    # year-to-date, quarter by quarter: 1, 1 + 2, 3 + 1, 4 + 1
    assert rows[3] == ["4", "Số lớp tập huấn kỹ năng số", "1", "3", "4", "5", "5", "≥ 4 lớp",
                       "Đạt"]
    assert rows[5] == ["6", "Số camera an ninh kết nối", "—", "1.300", "—", "1.400", "1.400",
                       "≥ 1.250 camera", "Đạt"]
    text = paragraphs(path)
    assert "- “Làm sạch dữ liệu dân cư” (Công an xã chủ trì)." in text  # done in quarter III
    assert tables(path)[1][1] == ["1", "Văn phòng HĐND và UBND xã", "Chưa gửi", "Đúng hạn",
                                  "Chưa gửi", "Chưa đến hạn"]


# --------------------------------------------------------------------------- issued reviews


@pytest.mark.parametrize(("kind", "stem"), [("--6-thang", "2026-6T"), ("--ca-nam", "2026")])
def test_an_issued_review_is_not_overwritten(tmp_path: Path, kind: str, stem: str) -> None:
    root = rr.write(tmp_path, report=None,
                    files={f"reports/{stem}.yaml": "so: 12\nngay: 2026-12-28\n"})
    target = root / "reports" / f"{stem}.docx"
    target.write_bytes(b"ban da ky")
    code, out, err = run_cli(["report", kind], cwd=root, today=TODAY)
    assert (code, out) == (1, "")
    assert err.endswith(
        f"kehoach: lỗi: reports/{stem}.docx là báo cáo đã ban hành (số 12/BC-BCĐ) và khác "
        "với bản lập lại; kehoach không ghi đè văn bản đã ban hành. Nếu thật sự cần lập "
        "lại, chạy thêm --force\n"
    )
    assert target.read_bytes() == b"ban da ky"
    assert run_cli(["report", kind, "--force"], cwd=root, today=TODAY)[:2] == (
        0, f"reports/{stem}.docx\n",
    )
    assert "Số: 12/BC-BCĐ" in docx.Document(str(target)).tables[0].rows[1].cells[0].text
    assert run_cli(["report", kind], cwd=root, today="2027-02-01")[:2] == (
        0, f"reports/{stem}.docx (báo cáo đã ban hành, không thay đổi)\n",
    )


def test_the_quarters_issued_report_is_not_the_reviews(tmp_path: Path) -> None:
    """An issued quarter II report does not make the draft six-month review issued."""
    root = rr.write(tmp_path, report="so: 7\nngay: 2026-06-29\n")
    (root / "reports" / "2026-6T.docx").write_bytes(b"ban nhap")
    assert run_cli(["report", "--6-thang"], cwd=root, today=TODAY) == (
        0, "reports/2026-6T.docx\n", "",
    )
    number = docx.Document(str(root / "reports" / "2026-6T.docx")).tables[0].rows[1].cells[0]
    assert number.text.startswith("Số:") and "07" not in number.text


# --------------------------------------------------------------------------- this repo


@pytest.mark.parametrize(
    ("kind", "title", "warning"),
    [
        ("--6-thang", "Sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch hoạt động năm 2026", ""),
        ("--ca-nam", "Tổng kết năm 2026 thực hiện Kế hoạch hoạt động năm 2026",
         "kehoach: cảnh báo: quý III và quý IV năm 2026 chưa có đơn vị nào gửi kết quả (hạn "
         "gửi 20/9/2026, 20/12/2026); báo cáo tổng kết năm 2026 chưa có số liệu của các quý "
         "này.\n"),
    ],
)
def test_this_repos_reviews(tmp_path: Path, kind: str, title: str, warning: str) -> None:
    """The sample plan repo at the root of this project (quarters I and II reported)."""
    plan = tmp_path / "kho"
    for folder in ("plan", "units", "reports"):
        shutil.copytree(REPO / folder, plan / folder)
    out = tmp_path / "bao-cao.docx"
    assert run_cli(["report", kind, "--out", str(out)], cwd=plan, today="2026-07-01") == (
        0, f"{out}\n", warning,
    )
    text = paragraphs(out)
    assert text[1].startswith(title)
    targets = tables(out)[0]
    first = data_rows(targets)[0]
    assert first[:2] == ["1", "Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP"]
    if kind == "--6-thang":
        assert first[2:] == ["≥ 15%", "11,2%", "12,6% (1)", "84%", "Chưa đạt"]
    else:
        assert first[2:] == ["11,2%", "12,6%", "—", "—", "—", "≥ 15%", "Chưa có số liệu"]


# --------------------------------------------------------------------------- without data


@pytest.mark.parametrize(
    ("kind", "stem", "warning", "direction"),
    [
        ("--6-thang", "2026-6T",
         "quý I và quý II năm 2026 chưa có đơn vị nào gửi kết quả (hạn gửi 20/3/2026, "
         "20/6/2026); báo cáo sơ kết 6 tháng đầu năm 2026 chưa có số liệu.",
         "- Các cơ quan, đơn vị khẩn trương gửi báo cáo kết quả thực hiện quý I, quý II năm "
         "2026 về Văn phòng HĐND và UBND xã (cơ quan thường trực) để tổng hợp, đánh giá."),
        ("--ca-nam", "2026",
         "quý I, quý II, quý III và quý IV năm 2026 chưa có đơn vị nào gửi kết quả (hạn gửi "
         "20/3/2026, 20/6/2026, 20/9/2026, 20/12/2026); báo cáo tổng kết năm 2026 chưa có số "
         "liệu.",
         "- Các cơ quan, đơn vị khẩn trương gửi báo cáo kết quả thực hiện các quý năm 2026 về "
         "Văn phòng HĐND và UBND xã (cơ quan thường trực) để tổng hợp, đánh giá kết quả cả "
         "năm."),
    ],
)
def test_a_review_without_any_data(
    tmp_path: Path, kind: str, stem: str, warning: str, direction: str
) -> None:
    root = rr.write(tmp_path, report=None, results={},
                    files={f"reports/{stem}.yaml": "ngay: 2026-12-28\n"})
    code, out, err = run_cli(["report", kind], cwd=root, today="2026-12-28")
    assert (code, out, err) == (0, f"reports/{stem}.docx\n", f"kehoach: cảnh báo: {warning}\n")
    text = paragraphs(root / "reports" / f"{stem}.docx")
    assert direction in text
    assert "(số liệu tính từ ngày" not in text[3]
    # no chart without a figure; Bảng 1 and Bảng 2 are still there
    assert not any(t.startswith("Biểu đồ 1.") for t in text)
    assert len(tables(root / "reports" / f"{stem}.docx")) == 2


# --------------------------------------------------------------------------- templates


def test_each_kind_of_report_has_its_own_template(root: Path) -> None:
    """A repo keeping its own quarterly template still gets the built-in six-month one; its
    own six-month template is used, and its mistakes are told at its own path and line."""
    folder = root / "templates"
    folder.mkdir()
    (folder / "bao-cao-quy.md.j2").write_text("Báo cáo quý riêng.\n", encoding="utf-8")
    assert run_cli(["report", "--6-thang"], cwd=root, today=TODAY)[0] == 0
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026" in paragraphs(
        root / "reports" / "2026-6T.docx")
    (folder / "bao-cao-6-thang.md.j2").write_text(
        "Sơ kết {{ ky_bao_cao }}: {{ quy_chua_co_so_lieu | length | so_luong }} quý thiếu số "
        "liệu.\n[[bang_gui_bao_cao]]\n", encoding="utf-8")
    assert run_cli(["report", "--6-thang"], cwd=root, today=TODAY)[0] == 0
    path = root / "reports" / "2026-6T.docx"
    assert "Sơ kết 6 tháng đầu năm 2026: 0 quý thiếu số liệu." in paragraphs(path)
    assert [t[0] for t in tables(path)] == [["STT", "Cơ quan, đơn vị", "Quý I", "Quý II"]]
    (folder / "bao-cao-nam.md.j2").write_text("{{ chi_tieu.tongg }}\n", encoding="utf-8")
    code, out, err = run_cli(["report", "--ca-nam"], cwd=root, today=TODAY)
    assert (code, out) == (1, "")
    assert err.startswith(
        "templates/bao-cao-nam.md.j2:1:1: lỗi: mẫu báo cáo dùng tên không có trong dữ liệu "
        "báo cáo ('chi_tieu' không có 'tongg'; có phải ý bạn là 'tong'?)"
    )


def test_the_quarterly_template_has_no_submissions_table(root: Path) -> None:
    folder = root / "templates"
    folder.mkdir()
    (folder / "bao-cao-quy.md.j2").write_text("[[bang_gui_bao_cao]]\n", encoding="utf-8")
    code, _, err = run_cli(["report", "--quy", "2"], cwd=root, today=TODAY)
    assert code == 1
    assert err.startswith(
        "templates/bao-cao-quy.md.j2:1:1: lỗi: không có chỗ trống [[bang_gui_bao_cao]]; mẫu "
        "chỉ dùng được [[bang_chi_tieu]] và [[bieu_do]]\n"
    )
