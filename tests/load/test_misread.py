"""Values a Vietnamese office writes one way and YAML reads another (load/misread.py,
and the cut-comment warning of load/compose.py): the message names the user's own value
in the form the file needs, and a certain form comes with its fix."""

from __future__ import annotations

import pytest

from kehoach_cli.load.misread import (
    REPORT_TEXTS,
    RESULT_TEXTS,
    figure_warnings,
    thousands_warnings,
)
from kehoach_cli.load.models import FILE_KINDS, ResultFile, Target
from kehoach_cli.load.schema import validate_model
from kehoach_cli.load.yamlfile import parse_text
from kehoach_cli.vocab.problems import Edit, Position, Problem

RESULT = "don_vi: cong-an\nky: 2026-Q2\nngay_gui: 2026-06-18\n"
UNITS = {"cong_an_xa": "cong-an", "phong_kinh_te": "phong-kinh-te"}


def problems(text: str, path: str = "units/cong-an/2026-Q2.yaml") -> list[Problem]:
    doc = parse_text(path, text, fast=True)
    found = list(doc.problems)
    if doc.ok:
        _, validated = validate_model(doc, ResultFile, FILE_KINDS["result"][1], UNITS)
        refused = {p.pos for p in validated}  # as load_repo does: one message per value
        found += validated + [w for w in thousands_warnings(doc) if w.pos not in refused]
    return found


def shown(found: list[Problem]) -> list[str]:
    return [f"{p.pos.line}:{p.pos.col}: {p.severity.value}: {p.message}" for p in found]


@pytest.mark.parametrize(
    ("written", "message", "fix"),
    [
        ("12,5", 'gia_tri: cần một số; hãy viết 12.5 (dấu chấm thập phân, không dùng dấu phẩy), '
                 'nhận được chuỗi "12,5"', Edit(Position(6, 14), "12,5", "12.5")),
        ("70%", 'gia_tri: cần một số; hãy viết 70 (bỏ dấu %: đơn vị tính đã ghi trong kế hoạch), '
                'nhận được chuỗi "70%"', Edit(Position(6, 14), "70%", "70")),
        ('"12,5 %"', 'gia_tri: cần một số; hãy viết 12.5 (bỏ dấu %: đơn vị tính đã ghi trong kế '
                     'hoạch), nhận được chuỗi "12,5 %"', Edit(Position(6, 14), '"12,5 %"', "12.5")),
        ("1.200.000", 'gia_tri: cần một số; hãy viết 1200000 (viết liền, không dùng dấu chấm hay '
                      'dấu cách ngăn cách hàng nghìn), nhận được chuỗi "1.200.000"',
         Edit(Position(6, 14), "1.200.000", "1200000")),
        ("1.250,5", 'gia_tri: cần một số; hãy viết 1250.5 (dấu chấm thập phân, không dùng dấu '
                    'phẩy), nhận được chuỗi "1.250,5"', Edit(Position(6, 14), "1.250,5", "1250.5")),
        ("1,250", 'gia_tri: cần một số, nhận được chuỗi "1,250": nếu là một phẩy hai mươi lăm, '
                  'hãy viết 1.25; nếu là một nghìn hai trăm năm mươi, hãy viết 1250', None),
    ],
)
def test_a_figure_written_another_way(written: str, message: str, fix: Edit | None) -> None:
    found = problems(RESULT + f"chi_tieu:\n  a:\n    gia_tri: {written}\n")
    assert shown(found) == [f"6:14: lỗi: {message}"]
    assert found[0].fix == fix


def test_a_number_in_quotes_keeps_its_message_and_gets_unquoted() -> None:
    found = problems(RESULT + 'chi_tieu:\n  a: {tu_so: "12", mau_so: 20}\n')
    assert shown(found) == ['5:14: lỗi: tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi '
                            '"12"; hãy bỏ dấu nháy để giá trị là một số']
    assert found[0].fix == Edit(Position(5, 14), '"12"', "12")


def test_a_thousands_dot_in_an_integer_is_an_error_and_no_fix() -> None:
    found = problems(RESULT + "chi_tieu:\n  a: {tu_so: 5, mau_so: 1.250}\n")
    assert shown(found) == [
        "5:25: lỗi: mau_so: cần một số nguyên; 1.250 được đọc là 1,25 (một phẩy hai mươi "
        "lăm); nếu là một nghìn hai trăm năm mươi, hãy viết 1250 (không dùng dấu chấm ngăn "
        "cách hàng nghìn)",
    ]
    assert found[0].fix is None  # a question for a person, never fixed


@pytest.mark.parametrize(
    ("written", "form"),
    [("15/06/2026", "2026-06-15"), ("ngày 15 tháng 6 năm 2026", "2026-06-15"),
     ("5/6/2026", "2026-06-05"), ("15.06.2026", "2026-06-15")],
)
def test_a_date_written_the_vietnamese_way(written: str, form: str) -> None:
    found = problems(f"don_vi: cong-an\nky: 2026-Q2\nngay_gui: {written}\n")
    assert shown(found) == [f"3:11: lỗi: ngay_gui: cần một ngày dạng YYYY-MM-DD "
                            f'(năm-tháng-ngày); hãy viết {form}, nhận được chuỗi "{written}"']
    assert found[0].fix == Edit(Position(3, 11), written, form)


def test_a_date_that_names_no_day_gets_no_form() -> None:
    # no form to offer, no fix; but the message says what is wrong with that date
    found = problems("don_vi: cong-an\nky: 2026-Q2\nngay_gui: 30/02/2026\n")
    assert shown(found) == ['3:11: lỗi: ngay_gui: "30/02/2026" không phải ngày có thật '
                            '(tháng 2 năm 2026 chỉ có 28 ngày); cần ngày có thật, viết dạng '
                            'YYYY-MM-DD (năm-tháng-ngày)']
    assert found[0].fix is None


@pytest.mark.parametrize("written", ["Quý II/2026", "quý 2 năm 2026", "Q2/2026", "2026-q2"])
def test_a_quarter_written_another_way(written: str) -> None:
    found = problems(f"don_vi: cong-an\nky: {written}\nngay_gui: 2026-06-18\n")
    assert shown(found) == [f'2:5: lỗi: ky: cần dạng <năm>-Q<quý>; hãy viết 2026-Q2, nhận '
                            f'được chuỗi "{written}"']
    fix = found[0].fix
    assert isinstance(fix, Edit) and (fix.old, fix.new) == (written, "2026-Q2")


def test_a_unit_written_by_its_name_is_told_its_id() -> None:
    found = problems("don_vi: Công an xã\nky: 2026-Q2\nngay_gui: 2026-06-18\n")
    assert shown(found) == ['1:9: lỗi: don_vi: cần mã của đơn vị, không phải tên; "Công an xã" '
                            "có mã cong-an trong plan/units.yaml: hãy viết don_vi: cong-an"]
    # Without diacritics, in capitals: the same unit.
    found = problems("don_vi: CONG AN XA\nky: 2026-Q2\nngay_gui: 2026-06-18\n")
    assert "có mã cong-an" in found[0].message
    found = problems("don_vi: Hội Nông dân\nky: 2026-Q2\nngay_gui: 2026-06-18\n")
    assert "cần mã gồm chữ thường không dấu" in found[0].message  # no unit of that name


@pytest.mark.parametrize(
    ("unit", "written", "message", "fixed"),
    [
        ("%", "70%", 'gia_tri: cần một số; hãy viết 70 (bỏ dấu %: đơn vị tính đã ghi trong kế '
                     'hoạch), nhận được chuỗi "70%"', "70"),
        ("% dân số", "70%", 'gia_tri: cần một số; hãy viết 70 (bỏ dấu %: đơn vị tính đã ghi '
                            'trong kế hoạch), nhận được chuỗi "70%"', "70"),
        ("hộ", "40,5%", 'gia_tri: cần một số tính bằng hộ (đơn vị tính của chỉ tiêu), không '
                        'phải phần trăm, nhận được chuỗi "40,5%"', None),
        ("hộ", "40,5", 'gia_tri: cần một số; hãy viết 40.5 (dấu chấm thập phân, không dùng dấu '
                       'phẩy), nhận được chuỗi "40,5"', "40.5"),
    ],
)
def test_a_percent_sign_is_dropped_only_in_a_figure_counted_in_percent(
    unit: str, written: str, message: str, fixed: str | None
) -> None:
    doc = parse_text("units/cong-an/2026-Q2.yaml",
                     RESULT + f"chi_tieu:\n  a:\n    gia_tri: {written}\n", fast=True)
    _, (found,) = validate_model(doc, ResultFile, FILE_KINDS["result"][1], UNITS, {"a": unit})
    assert found.message == message
    assert found.fix == (None if fixed is None else Edit(Position(6, 14), written, fixed))


def test_a_percent_sign_in_a_count_is_not_dropped() -> None:
    doc = parse_text("units/cong-an/2026-Q2.yaml",
                     RESULT + "chi_tieu:\n  a: {tu_so: 90%, mau_so: 10}\n", fast=True)
    _, (found,) = validate_model(doc, ResultFile, FILE_KINDS["result"][1], UNITS, {"a": "%"})
    assert (found.message, found.fix) == (
        'tu_so: cần một số nguyên (số đếm, không phải tỷ lệ phần trăm), nhận được chuỗi "90%"',
        None)


def test_a_unit_named_in_a_list_of_the_plan() -> None:
    doc = parse_text("plan/targets.yaml", "ma: a\nten: A\ndon_vi_tinh: '%'\nmuc_tieu: 80\n"
                     "so_sanh: '>='\ncach_tinh: ty_le\nchu_tri: cong-an\n"
                     "phoi_hop: [Phòng Kinh tế]\n", fast=True)
    _, found = validate_model(doc, Target, "tệp chỉ tiêu", UNITS)
    assert [p.message for p in found] == [
        'phần tử thứ 1 của phoi_hop: cần mã của đơn vị, không phải tên; "Phòng Kinh tế" có '
        "mã phong-kinh-te trong plan/units.yaml: hãy viết phong-kinh-te"]


@pytest.mark.parametrize(
    ("written", "decimal", "words", "whole"),
    [("1.250", "1,25", "một phẩy hai mươi lăm", "một nghìn hai trăm năm mươi"),
     ("12.500", "12,5", "mười hai phẩy năm", "mười hai nghìn năm trăm"),
     ("2.005", "2,005", "hai phẩy không không năm", "hai nghìn không trăm linh năm")],
)
def test_a_thousands_dot_in_a_figure_is_told_both_ways(
    written: str, decimal: str, words: str, whole: str
) -> None:
    found = problems(RESULT + f"chi_tieu:\n  a: {{gia_tri: {written}}}\n")
    plain = written.replace(".", "")
    dot = decimal.replace(",", ".")
    assert shown(found) == [
        f"5:16: cảnh báo: gia_tri: {written} được đọc là {decimal} ({words}); nếu là {whole}, "
        f"hãy viết {plain} (không dùng dấu chấm ngăn cách hàng nghìn); nếu đúng là {decimal}, "
        f"hãy viết {dot} để không còn cảnh báo này"]
    assert found[0].rule == "doc-nham" and found[0].fix is None


@pytest.mark.parametrize("written", ["1.25", "12.5", "1250", '"1.250 người"', "1.2500"])
def test_figures_read_one_way_only_are_quiet(written: str) -> None:
    found = problems(RESULT + f"ghi_chu_chung: x\nchi_tieu:\n  a: {{gia_tri: {written}}}\n")
    assert not [p for p in found if p.rule == "doc-nham"]


def test_what_yaml_would_cut_after_a_hash() -> None:
    text = RESULT + (
        "chi_tieu:\n"
        "  a:\n"
        "    gia_tri: 40  # số ước tính\n"  # a comment after a figure: fine
        "    ghi_chu: Chưa có số liệu của thôn #3\n"
        "nhiem_vu:\n"
        "  b:\n"
        "    trang_thai: hoan_thanh\n"
        '    ket_qua: "Xong"  # theo báo cáo\n'
        '  c: {trang_thai: hoan_thanh, ket_qua: "Xong"}  # after the mapping: the writer\'s\n'
        "kien_nghi:\n"
        "  - Bổ sung máy tính # cho bộ phận \"một cửa\"\n"
    )
    found = [p for p in problems(text) if p.rule == "doc-nham"]
    assert shown(found) == [
        '7:39: cảnh báo: ghi_chu: phần "#3" sau dấu \' #\' bị YAML coi là chú thích và không '
        'được lưu vào báo cáo; nếu đó là nội dung, hãy đặt cả câu trong dấu nháy kép: "Chưa có '
        'số liệu của thôn #3"',
        '11:22: cảnh báo: ket_qua: phần "# theo báo cáo" sau dấu \' #\' bị YAML coi là chú '
        "thích và không được lưu vào báo cáo; nếu đó là nội dung, hãy đưa nó vào trong dấu "
        "nháy",
        '14:22: cảnh báo: kien_nghi: phần "# cho bộ phận "một cửa"" sau dấu \' #\' bị YAML coi '
        "là chú thích và không được lưu vào báo cáo; nếu đó là nội dung, hãy đặt cả câu trong "
        'dấu nháy kép: "Bổ sung máy tính # cho bộ phận \\"một cửa\\""',
    ]


def test_a_hash_in_the_plan_is_the_secretariat_s_comment() -> None:
    doc = parse_text("plan/units.yaml", "don_vi:\n  - ma: a\n    ten: Phòng A  # viết tắt\n")
    assert doc.problems == []


def test_figures_typed_the_english_way_in_a_report_text() -> None:
    doc = parse_text("reports/2026-Q2.yaml", (
        "danh_gia_chung: Tỷ lệ đạt 12.5%, đã có 2,287 tài khoản; mô hình Chợ 4.0 theo mục 2.3,\n"
        "  từ ngày 15.6.2026, tăng 1,5 điểm, 12,5% và 2.287 người.\n"
        "phuong_huong:\n  - Nâng tỷ lệ lên 98.4 % trong quý III\n"), fast=True)
    assert [(p.pos.line, p.pos.col, p.message) for p in figure_warnings(doc, REPORT_TEXTS)] == [
        (1, 17, 'danh_gia_chung: "12.5%" viết dấu chấm thập phân kiểu tiếng Anh; văn bản tiếng '
                "Việt viết 12,5%"),
        (1, 17, 'danh_gia_chung: "2,287" được người đọc hiểu là hai phẩy hai trăm tám mươi bảy; '
                "nếu là hai nghìn hai trăm tám mươi bảy, hãy viết 2.287 (văn bản tiếng Việt ngăn "
                "cách hàng nghìn bằng dấu chấm)"),
        (4, 5, 'phuong_huong: "98.4 %" viết dấu chấm thập phân kiểu tiếng Anh; văn bản tiếng '
               "Việt viết 98,4 %"),
    ]


def test_figures_typed_the_english_way_in_the_causes_and_the_target_comments() -> None:
    doc = parse_text("reports/2026-Q2.yaml", (
        "nguyen_nhan:\n  chu_quan: [Mới đạt 12.5%]\n  khach_quan: Thiếu 1,250 máy\n"
        "chi_tieu:\n  ho-so: Tăng 2.5% so với quý I\n"), fast=True)
    assert [(p.pos.line, p.pos.col, p.message) for p in figure_warnings(doc, REPORT_TEXTS)] == [
        (2, 14, 'chu_quan: "12.5%" viết dấu chấm thập phân kiểu tiếng Anh; văn bản tiếng '
                "Việt viết 12,5%"),
        (3, 15, 'khach_quan: "1,250" được người đọc hiểu là một phẩy hai mươi lăm; nếu là một '
                "nghìn hai trăm năm mươi, hãy viết 1.250 (văn bản tiếng Việt ngăn cách hàng "
                "nghìn bằng dấu chấm)"),
        (5, 10, 'ho-so: "2.5%" viết dấu chấm thập phân kiểu tiếng Anh; văn bản tiếng Việt '
                "viết 2,5%"),
    ]


def test_a_unit_s_result_in_vietnamese_figures_is_quiet() -> None:
    doc = parse_text("units/a/2026-Q2.yaml", (
        "nhiem_vu:\n  a:\n    trang_thai: dang_thuc_hien\n"
        "    ket_qua: Lũy kế 2.287 tài khoản (tăng 12,5%); 16/16 thôn; Chợ 4.0\n"), fast=True)
    assert figure_warnings(doc, RESULT_TEXTS) == []
