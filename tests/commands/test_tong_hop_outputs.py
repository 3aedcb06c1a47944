"""kehoach tong-hop --docx and --excel: the level's report and data table, read back and
compared with the figures of ``--json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
from tests.commands.test_tong_hop import OTHER_Q1, by_ma, commune, make_rollup
from tests.helpers import RESULTS, make_repo, run_cli

from kehoach_cli.vocab.numbers import format_number, format_percent

HEADER = """\
dia_danh: Mẫu Sơn
co_quan:
  chu_quan: UBND HUYỆN MẪU SƠN
  ban_hanh: BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
ky_hieu: BC-BCĐ
noi_nhan: [UBND tỉnh, Sở Khoa học và Công nghệ]
luu: VT, VP
ky:
  quyen_han: [TM. BAN CHỈ ĐẠO, KT. TRƯỞNG BAN]
  chuc_vu: [PHÓ TRƯỞNG BAN]
  ho_ten: Nguyễn Văn A
"""


def three_communes(tmp_path: Path, extra: str = HEADER) -> Path:
    """a and b sound, loi with one error (a word for a number)."""
    make_repo(tmp_path, name="a")
    commune(tmp_path, "b", **OTHER_Q1)
    broken = dict(RESULTS)
    broken["cong-an/2026-Q1"] = broken["cong-an/2026-Q1"].replace("tu_so: 9", "tu_so: chín")
    make_repo(tmp_path, name="loi", results=broken)
    return make_rollup(tmp_path, [("a", "../a"), ("b", "../b"), ("loi", "../loi")],
                       extra=extra)


def outputs(tmp_path: Path, root: Path) -> tuple[dict[str, Any], Path, Path]:
    report, table = tmp_path / "bao-cao.docx", tmp_path / "bang.xlsx"
    code, out, _ = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--json",
                            "--docx", str(report), "--excel", str(table)])
    assert code == 0
    data: dict[str, Any] = json.loads(out)  # nothing but the JSON on stdout
    return data, report, table


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def table_rows(path: Path, first: str) -> list[list[str]]:
    """The rows of the body table whose header starts with ``first``, ``Chỉ tiêu`` …"""
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and len(rows[0]) > 1 and rows[0][1] == first:
            return rows
    raise AssertionError(f"no table headed {first}")


def test_report_sentences_and_tables_equal_the_json(tmp_path: Path) -> None:
    data, report, _ = outputs(tmp_path, three_communes(tmp_path))
    text = paragraphs(report)
    assert "Tổng hợp kết quả thực hiện các chỉ tiêu của Huyện Mẫu Sơn quý I năm 2026" in [
        " ".join(line.split()) for line in text]
    assert ("Trên cơ sở báo cáo kết quả thực hiện quý I năm 2026 của 03 xã (Xã A, Xã B và "
            "Xã Loi), Ban Chỉ đạo tổng hợp kết quả thực hiện các chỉ tiêu của Huyện Mẫu Sơn "
            "(số liệu từ ngày 01/01/2026 đến ngày 31/3/2026) như sau.") in text
    assert ("Số liệu của 01 xã có lỗi hoặc không đọc được kho kế hoạch (Xã Loi) không được "
            "tính vào số liệu tổng hợp (chi tiết tại Bảng 2).") in text
    assert ("Tổng hợp 03 chỉ tiêu. Đến hết quý I, có 03 chỉ tiêu chưa đạt (chi tiết tại "
            "Bảng 1).") in text
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "1. Kết quả tổng hợp các chỉ tiêu",
                    "2. Các xã còn xa mục tiêu nhất", "3. Tình hình gửi báo cáo của các xã",
                    "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026",
                    "Bảng 1. Kết quả tổng hợp các chỉ tiêu quý I năm 2026",
                    "Bảng 2. Tình hình gửi báo cáo của các xã quý I năm 2026"):
        assert heading in text
    assert "- Chỉ tiêu “Tỷ lệ thôn được phủ sóng 4G”: Xã B (50%), Xã A (87,5%)." in text
    assert ("Các xã hợp lệ phải gửi 04 báo cáo định kỳ của các cơ quan, đơn vị; đã gửi 03 "
            "báo cáo (75%), trong đó đúng hạn 02 báo cáo (50%) (chi tiết tại Bảng 2).") in text
    assert "- Xã Loi có 01 lỗi trong số liệu, không tính vào số liệu tổng hợp." in text
    assert ("- Chỉ tiêu “Số lớp tập huấn kỹ năng số” mới đạt 1 lớp so với mục tiêu tối thiểu "
            "4 lớp (tỷ lệ đạt 25%).") in text
    assert "- Còn 01 báo cáo chưa gửi và 01 báo cáo gửi chậm." in text

    rows = table_rows(report, "Chỉ tiêu")
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị\ntính", "Kế hoạch", "Kết quả\ntổng hợp",
                       "Tỷ lệ\nđạt", "Xã\nbáo cáo", "Xã\nđạt", "Xã\nthiếu"]
    for row, t in zip(rows[1:], data["chi_tieu"], strict=True):
        value = format_number(t["gia_tri"])
        if t["cach_tinh"] == "ty_le":
            value += f"\n({format_number(t['tu_so'])}/\n{format_number(t['mau_so'])})"
        assert row == [str(data["chi_tieu"].index(t) + 1), t["ten"], t["don_vi_tinh"],
                       f"≥ {format_number(t['muc_tieu'])}", value,
                       format_percent(t["ty_le_dat"]), str(t["so_xa_bao_cao"]),
                       str(t["so_xa_dat"]), str(t["so_xa_thieu"])]
    assert rows[1][4] == "31,3\n(50/\n160)"

    rows = table_rows(report, "Xã")
    assert rows[0] == ["STT", "Xã", "Phải\nnộp", "Đã\nnộp", "Đúng\nhạn", "Tỷ lệ\nnộp",
                       "Kiểm tra số liệu"]
    members = by_ma(data["xa"])
    assert rows[1:] == [
        ["1", "Xã A", "2", "2", "2", format_percent(members["a"]["ty_le_nop"]), "Hợp lệ"],
        ["2", "Xã B", "2", "1", "0", format_percent(members["b"]["ty_le_nop"]), "Hợp lệ"],
        ["3", "Xã Loi", "—", "—", "—", "—",
         "Có lỗi (1 lỗi), không tính vào số liệu tổng hợp"],
    ]


def test_report_header_and_signature_from_tong_hop_yaml(tmp_path: Path) -> None:
    _, report, _ = outputs(tmp_path, three_communes(tmp_path))
    document = docx.Document(str(report))
    header = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert header[0][0].strip() == "UBND HUYỆN MẪU SƠN\nBAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"
    assert header[1] == ["Số:      /BC-BCĐ", "Mẫu Sơn, ngày 26 tháng 11 năm 2026"]
    closing = [c.text for c in document.tables[-1].rows[0].cells]
    assert closing[0] == "Nơi nhận:\n- UBND tỉnh;\n- Sở Khoa học và Công nghệ;\n- Lưu: VT, VP."
    assert closing[1].startswith("TM. BAN CHỈ ĐẠO\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n")
    assert closing[1].endswith("Nguyễn Văn A")


def test_report_without_optional_keys(tmp_path: Path) -> None:
    _, report, _ = outputs(tmp_path, three_communes(tmp_path, extra=""))
    document = docx.Document(str(report))
    header = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert header[0][0].strip() == "HUYỆN MẪU SƠN"
    assert header[1] == ["Số:      /BC", "Mẫu Sơn, ngày 26 tháng 11 năm 2026"]
    assert any(p.startswith("Trên cơ sở báo cáo kết quả thực hiện quý I năm 2026 của 03 xã "
                            "(Xã A, Xã B và Xã Loi), Huyện Mẫu Sơn tổng hợp")
               for p in paragraphs(report))


def sheet_rows(path: Path, name: str) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path)[name]
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


def test_workbook_equals_the_json(tmp_path: Path) -> None:
    data, _, table = outputs(tmp_path, three_communes(tmp_path))
    book = openpyxl.load_workbook(table)
    assert book.sheetnames == ["Chỉ tiêu", "Thành viên", "Xã × chỉ tiêu"]
    sheet = book["Chỉ tiêu"]
    assert (sheet["A1"].value, sheet["A2"].value) == (
        "Huyện Mẫu Sơn", "Kết quả tổng hợp các chỉ tiêu quý I năm 2026")
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A5", "A4:P7")
    assert sheet.page_setup.orientation == "landscape"
    rows = sheet_rows(table, "Chỉ tiêu")
    assert rows[0] == ["STT", "Mục", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "So sánh",
                       "Kế hoạch", "Tử số (tổng)", "Mẫu số (tổng)", "Kết quả tổng hợp",
                       "Tỷ lệ đạt", "Đánh giá", "Số xã báo cáo", "Số xã đạt",
                       "Số xã thiếu số liệu", "Số xã không tính"]
    for row, t in zip(rows[1:], data["chi_tieu"], strict=True):
        assert row[2:5] == [t["ma"], t["ten"], t["don_vi_tinh"]]
        assert row[6:11] == [t["muc_tieu"], t["tu"],
                             None if t["cach_tinh"] == "tong" else t["mau"],
                             t["gia_tri"], t["ty_le_dat"]]
        assert row[12:] == [t["so_xa_bao_cao"], t["so_xa_dat"], t["so_xa_thieu"],
                            t["so_xa_loai"]]
    assert sheet["J5"].number_format == '#,##0.0"%"'  # 31.25 shown as 31,3%

    rows = sheet_rows(table, "Thành viên")
    members = by_ma(data["xa"])
    for row in rows[1:]:
        m = members[row[1]]
        assert row[7:13] == [m["so_loi"], m["bao_cao_phai_nop"], m["bao_cao_da_nop"],
                             m["bao_cao_dung_han"],
                             m["ty_le_nop"] if m["trang_thai"] == "hop_le" else None,
                             m["ty_le_dung_han"] if m["trang_thai"] == "hop_le" else None]
    assert rows[3][6:] == ["Có lỗi (1 lỗi)", 1, 0, 0, 0, None, None, "Không"]

    rows = sheet_rows(table, "Xã × chỉ tiêu")
    assert rows[0] == ["STT", "Mã xã", "Xã", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Tử số",
                       "Mẫu số", "Giá trị", "Đánh giá", "Tính vào tổng hợp"]
    assert len(rows) == 1 + 3 * 3
    assert rows[1][1:4] + rows[1][6:] == ["a", "Xã A", "ho-so-truc-tuyen", 49, 60,
                                          4900 / 60, "Đạt", "Có"]
    assert rows[6][1:4] + rows[6][6:] == ["b", "Xã B", "lop-tap-huan", None, None, None, None,
                                          "Không: thiếu số liệu"]
    assert [row[10] for row in rows[7:]] == ["Không: xã có lỗi (1 lỗi)"] * 3


def test_workbook_is_byte_identical_twice(tmp_path: Path) -> None:
    root = three_communes(tmp_path)
    made = []
    for name in ("mot.xlsx", "hai.xlsx"):
        target = tmp_path / name
        code, out, _ = run_cli(["-C", str(root), "tong-hop", "--quy", "1", "--excel",
                                str(target)])
        assert code == 0 and out.endswith(f"Đã ghi {target}\n")
        made.append(target.read_bytes())
    assert made[0] == made[1]


def test_a_member_that_cannot_be_read_is_left_out_in_both(tmp_path: Path) -> None:
    make_repo(tmp_path, name="a")
    root = make_rollup(tmp_path, [("a", "../a"), ("mat", "../khong-co")])
    data, report, table = outputs(tmp_path, root)
    assert by_ma(data["xa"])["mat"]["trang_thai"] == "khong_doc_duoc"
    assert "- Không đọc được kho kế hoạch của Xã Mat, không tính vào số liệu tổng hợp." in (
        paragraphs(report))
    assert table_rows(report, "Xã")[2][-1] == (
        "Không đọc được (1 lỗi), không tính vào số liệu tổng hợp")
    rows = sheet_rows(table, "Xã × chỉ tiêu")
    assert [row[10] for row in rows if row[1] == "mat"] == [
        "Không: xã không đọc được (1 lỗi)"] * 3
