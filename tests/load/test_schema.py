"""load/schema.py: each kind of pydantic error as an exact Vietnamese message, at the
line and column of the offending key or value."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from kehoach_cli.load.models import (
    FILE_KINDS,
    PlanFile,
    ReportInput,
    ResultFile,
    Target,
    Task,
    Unit,
)
from kehoach_cli.load.scalars import InvalidDate
from kehoach_cli.load.schema import (
    describe_value,
    label,
    validate_items,
    validate_model,
)
from kehoach_cli.load.yamlfile import parse_text

RESULT_KIND = FILE_KINDS["result"][1]


def check(text: str, model: type[BaseModel] = ResultFile) -> list[str]:
    """Validate ``text`` with ``model``; the problems as 'LINE:COL: message'."""
    doc = parse_text("f.yaml", text, fast=True)
    assert doc.ok, doc.problems
    kind = next((name for m, name in FILE_KINDS.values() if m is model), "tệp thử")
    parsed, problems = validate_model(doc, model, kind)
    assert (parsed is None) == bool(problems)
    return [f"{p.pos.line}:{p.pos.col}: {p.message}" for p in problems]


RESULT = "don_vi: cong-an\nky: 2026-Q2\nngay_gui: 2026-06-18\n"


def result(extra: str = "", base: str = RESULT) -> list[str]:
    return check(base + extra)


# ---------------------------------------------------------------- missing keys


def test_missing_top_level_key_points_at_the_start_of_the_file() -> None:
    assert check("don_vi: cong-an\nky: 2026-Q2\n") == [
        "1:1: thiếu khóa bắt buộc 'ngay_gui' (ngày gửi dạng YYYY-MM-DD, ví dụ 2026-06-18)"
    ]


def test_missing_nested_key_points_at_its_parent_key() -> None:
    text = PLAN.replace("  ho_ten: Lê Văn Bình\n", "")
    assert check(text, PlanFile) == [
        "13:3: thiếu khóa bắt buộc 'ho_ten' (họ và tên người ký)"
    ]


def test_missing_key_of_a_result_entry_points_at_the_entry() -> None:
    assert result("nhiem_vu:\n  de-an-06: {ket_qua: xong}\n") == [
        "5:3: thiếu khóa bắt buộc 'trang_thai' (hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien)"
    ]


def test_missing_key_of_a_list_item_points_at_the_item() -> None:
    doc = parse_text("f.yaml", "don_vi:\n  - ma: a\n    ten: A\n  - ma: b\n", fast=True)
    valid, problems = validate_items(doc, "don_vi", Unit, FILE_KINDS["units"][1])
    assert [(p.pos.line, p.pos.col, p.message) for p in problems] == [
        (4, 5, "thiếu khóa bắt buộc 'ten' (tên đơn vị, ví dụ Công an xã)")
    ]
    assert valid is not None and [(i, u.ma) for i, u in valid] == [(0, "a")]


def test_an_empty_mapping_lacks_every_required_key() -> None:
    assert check("{}\n", ResultFile) == [
        "1:1: thiếu khóa bắt buộc 'don_vi' (mã đơn vị, trùng tên thư mục)",
        "1:1: thiếu khóa bắt buộc 'ky' (kỳ báo cáo dạng <năm>-Q<quý>, trùng tên tệp, ví dụ "
        "2026-Q2)",
        "1:1: thiếu khóa bắt buộc 'ngay_gui' (ngày gửi dạng YYYY-MM-DD, ví dụ 2026-06-18)",
    ]


# ---------------------------------------------------------------- unknown keys


def test_a_misspelt_key_gets_a_suggestion_and_no_second_message() -> None:
    assert check("don_vi: cong-an\nky: 2026-Q2\nngay_giu: 2026-06-18\n") == [
        "3:1: khóa 'ngay_giu' không có trong định dạng tệp kết quả của đơn vị; "
        "có phải ý bạn là 'ngay_gui'?"
    ]


def test_a_misspelt_nested_key_gets_a_suggestion() -> None:
    assert result("chi_tieu:\n  a: {tu_so: 1, mau_sô: 2}\n") == [
        "5:17: khóa 'mau_sô' không có trong định dạng tệp kết quả của đơn vị; "
        "có phải ý bạn là 'mau_so'?"
    ]


def test_an_unknown_key_lists_the_valid_keys() -> None:
    assert result("chi_tieu:\n  a: {gia_tri: 1, don_vi_tinh: hộ}\n") == [
        "5:19: khóa 'don_vi_tinh' không có trong định dạng tệp kết quả của đơn vị; "
        "các khóa hợp lệ: tu_so, mau_so, gia_tri, ghi_chu"
    ]


def test_an_unknown_top_level_key_with_nothing_close() -> None:
    [message] = result("xyz: 1\n")
    assert message == (
        "4:1: khóa 'xyz' không có trong định dạng tệp kết quả của đơn vị; các khóa hợp lệ: "
        "don_vi, ky, ngay_gui, nguoi_bao_cao, chi_tieu, nhiem_vu, kho_khan, kien_nghi"
    )


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"12"', 'tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi "12"; hãy bỏ dấu nháy để '
                 "giá trị là một số"),
        ("'12'", 'tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi "12"; hãy bỏ dấu nháy để '
                 "giá trị là một số"),
        ("yes", 'tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi "yes"'),
        ("12.0", "tu_so: cần một số nguyên; hãy viết 12, nhận được số 12.0"),  # still refused
        ("true", "tu_so: cần một số nguyên, ví dụ 12, nhận được giá trị logic true"),
        ("2026-01-01", "tu_so: cần một số nguyên, ví dụ 12, nhận được ngày 2026-01-01"),
        ("[1]", "tu_so: cần một số nguyên, ví dụ 12, nhận được một danh sách"),
        ("{a: 1}", "tu_so: cần một số nguyên, ví dụ 12, nhận được một bảng khóa"),
        ("12 người", 'tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi "12 người"'),
    ],
)
def test_int_fields_are_strict(written: str, message: str) -> None:
    assert result(f"chi_tieu:\n  a: {{tu_so: {written}, mau_so: 2}}\n") == [f"5:14: {message}"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"9.8"', 'gia_tri: cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân), nhận được chuỗi '
                  '"9.8"; hãy bỏ dấu nháy để giá trị là một số'),
        ("yes", 'gia_tri: cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân), nhận được chuỗi '
                '"yes"'),
        ("9,8", 'gia_tri: cần một số; hãy viết 9.8 (dấu chấm thập phân, không dùng dấu phẩy), '
                'nhận được chuỗi "9,8"'),
        ("false", "gia_tri: cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân), nhận được giá "
                  "trị logic false"),
        (".inf", "gia_tri: cần một số hữu hạn (không dùng .inf hay .nan), nhận được số .inf"),
        ("-.inf", "gia_tri: cần một số hữu hạn (không dùng .inf hay .nan), nhận được số -.inf"),
        (".nan", "gia_tri: cần một số hữu hạn (không dùng .inf hay .nan), nhận được số .nan"),
        ("1e16", "gia_tri: cần số nhỏ hơn hoặc bằng 1.000.000.000.000.000, nhận được số 1e+16"),
        ("-1e16", "gia_tri: cần số lớn hơn hoặc bằng -1.000.000.000.000.000, nhận được số -1e+16"),
    ],
)
def test_number_fields_are_strict(written: str, message: str) -> None:
    assert result(f"chi_tieu:\n  a:\n    gia_tri: {written}\n") == [f"6:14: {message}"]


def test_numbers_are_accepted_as_integers_or_decimals() -> None:
    text = "chi_tieu:\n  a: {gia_tri: 12}\n  b: {gia_tri: 17.5}\n  c: {gia_tri: 0x1F}\n"
    assert result(text) == []


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("yes", 'bao_cao_dinh_ky: cần true hoặc false, nhận được chuỗi "yes"; hãy viết true (có) '
                "hoặc false (không)"),
        ("có", 'bao_cao_dinh_ky: cần true hoặc false, nhận được chuỗi "có"; hãy viết true (có) '
               "hoặc false (không)"),
        ("1", "bao_cao_dinh_ky: cần true hoặc false, nhận được số 1"),
        ('"true"', 'bao_cao_dinh_ky: cần true hoặc false, nhận được chuỗi "true"'),
    ],
)
def test_bool_fields_are_strict(written: str, message: str) -> None:
    assert check(f"ma: a\nten: A\nbao_cao_dinh_ky: {written}\n", Unit) == [f"3:18: {message}"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"2026-06-18"', 'ngay_gui: cần một ngày dạng YYYY-MM-DD, ví dụ 2026-06-18, nhận được '
                         'chuỗi "2026-06-18"; hãy bỏ dấu nháy để giá trị là một ngày'),
        ("18/06/2026", 'ngay_gui: cần một ngày dạng YYYY-MM-DD (năm-tháng-ngày); hãy viết '
                       '2026-06-18, nhận được chuỗi "18/06/2026"'),
        ("2026-06-18T08:00:00", 'ngay_gui: cần một ngày dạng YYYY-MM-DD, ví dụ 2026-06-18, nhận '
                                'được chuỗi "2026-06-18T08:00:00"'),
        ("20260618", "ngay_gui: cần một ngày dạng YYYY-MM-DD, ví dụ 2026-06-18, nhận được số "
                     "20260618"),
        ("2026-02-30", "ngay_gui: '2026-02-30' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, "
                       "ví dụ 2026-06-18"),
        ("2026-04-31", "ngay_gui: '2026-04-31' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, "
                       "ví dụ 2026-06-18"),
        ("2026-13-01", "ngay_gui: '2026-13-01' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, "
                       "ví dụ 2026-06-18"),
    ],
)
def test_dates_are_real_dates_written_yyyy_mm_dd(written: str, message: str) -> None:
    text = f"don_vi: cong-an\nky: 2026-Q2\nngay_gui: {written}\n"
    assert check(text) == [f"3:11: {message}"]


def test_a_leap_day_is_a_real_date() -> None:
    assert check("don_vi: cong-an\nky: 2028-Q1\nngay_gui: 2028-02-29\n") == []


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Cong_An", 'don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu \'-\', ví dụ '
                    'cong-an-xa, nhận được chuỗi "Cong_An"'),
        ("công-an", 'don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu \'-\', ví dụ '
                    'cong-an-xa, nhận được chuỗi "công-an"'),
        ("-cong-an", 'don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu \'-\', ví dụ '
                     'cong-an-xa, nhận được chuỗi "-cong-an"'),
        ("cong--an", 'don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu \'-\', ví dụ '
                     'cong-an-xa, nhận được chuỗi "cong--an"'),
        ("12", "don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa, "
               "nhận được số 12"),
    ],
)
def test_ids_are_well_formed(written: str, message: str) -> None:
    assert check(f"don_vi: {written}\nky: 2026-Q2\nngay_gui: 2026-06-18\n") == [f"1:9: {message}"]


@pytest.mark.parametrize(
    ("written", "found"),
    [("2026-Q5", 'chuỗi "2026-Q5"'), ("2026", "số 2026")],
)
def test_ky_has_the_form_year_q_quarter(written: str, found: str) -> None:
    assert check(f"don_vi: cong-an\nky: {written}\nngay_gui: 2026-06-18\n") == [
        f"2:5: ky: cần dạng <năm>-Q<quý>, ví dụ 2026-Q2, nhận được {found}"
    ]


@pytest.mark.parametrize("written", ["2026-q2", "Q2-2026"])
def test_a_quarter_written_another_way_is_told_its_form(written: str) -> None:
    assert check(f"don_vi: cong-an\nky: {written}\nngay_gui: 2026-06-18\n") == [
        f'2:5: ky: cần dạng <năm>-Q<quý>; hãy viết 2026-Q2, nhận được chuỗi "{written}"'
    ]


def test_an_empty_string_is_named_as_such() -> None:
    assert result("nguoi_bao_cao: ''\n") == [
        "4:16: nguoi_bao_cao: không được để trống, nhận được chuỗi rỗng"
    ]


def test_a_text_of_spaces_only_is_empty() -> None:
    """A place name or signer of spaces would print nothing in the report."""
    assert result("nguoi_bao_cao: '   '\n") == [
        '4:16: nguoi_bao_cao: không được để trống, nhận được chuỗi "   "'
    ]


def test_list_items_are_named_by_their_number() -> None:
    assert result("kho_khan:\n  - Thiếu máy tính\n  - 12\n  - ''\n") == [
        "6:5: phần tử thứ 2 của kho_khan: cần một chuỗi văn bản, nhận được số 12",
        "7:5: phần tử thứ 3 của kho_khan: không được để trống, nhận được chuỗi rỗng",
    ]


def test_a_list_where_a_mapping_is_expected_and_the_reverse() -> None:
    assert result("chi_tieu:\n  - a\nkho_khan: {a: 1}\n") == [
        "5:3: chi_tieu: cần một bảng khóa (các dòng dạng 'khoa: gia_tri'), nhận được một danh sách",
        "6:11: kho_khan: cần một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ', hoặc [a, b]), "
        "nhận được một bảng khóa",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "một danh sách"), ("chỉ là một dòng chữ\n", 'chuỗi "chỉ là một dòng chữ"'),
     ("12\n", "số 12")],
)
def test_a_file_that_is_not_a_mapping(text: str, found: str) -> None:
    assert check(text) == [
        f"1:1: nội dung tệp: cần một bảng khóa (các dòng dạng 'khoa: gia_tri'), nhận được {found}"
    ]


def test_an_empty_file() -> None:
    doc = parse_text("f.yaml", "# chỉ có ghi chú\n")
    model, problems = validate_model(doc, ResultFile, RESULT_KIND)
    assert model is None
    assert [(p.pos.line, p.pos.col, p.message) for p in problems] == [
        (1, 1, "tệp rỗng; cần nội dung của tệp kết quả của đơn vị (các dòng dạng 'khoa: gia_tri')")
    ]


# ---------------------------------------------------------------- closed lists


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("xong", "trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc 'chua_thuc_hien', nhận được "
                 'chuỗi "xong"'),
        ("hoàn thành", "trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc 'chua_thuc_hien', "
                       "nhận được chuỗi \"hoàn thành\"; có phải ý bạn là 'hoan_thanh'?"),
        ("dang-thuc-hien", "trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc "
                           "'chua_thuc_hien', nhận được chuỗi \"dang-thuc-hien\"; có phải ý bạn "
                           "là 'dang_thuc_hien'?"),
        ("1", "trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc 'chua_thuc_hien', nhận được "
              "số 1"),
    ],
)
def test_trang_thai_is_one_of_its_closed_list(written: str, message: str) -> None:
    assert result(f"nhiem_vu:\n  a: {{trang_thai: {written}}}\n") == [f"5:19: {message}"]


TARGET = """\
ma: a
ten: A
don_vi_tinh: "%"
muc_tieu: 100
so_sanh: ">="
cach_tinh: ty_le
chu_tri: cong-an
"""


@pytest.mark.parametrize(
    ("line", "written", "message"),
    [
        ('so_sanh: ">="', 'so_sanh: "=>"',
         "5:10: so_sanh: cần '>=' hoặc '<=', nhận được chuỗi \"=>\"; có phải ý bạn là '>='?"),
        ('so_sanh: ">="', "so_sanh: '>'",
         "5:10: so_sanh: cần '>=' hoặc '<=', nhận được chuỗi \">\"; có phải ý bạn là '>='?"),
        ("cach_tinh: ty_le", "cach_tinh: tỷ lệ",
         "6:12: cach_tinh: cần 'ty_le', 'gia_tri' hoặc 'tong', nhận được chuỗi \"tỷ lệ\"; "
         "có phải ý bạn là 'ty_le'?"),
        ("cach_tinh: ty_le", "cach_tinh: trung_binh",
         "6:12: cach_tinh: cần 'ty_le', 'gia_tri' hoặc 'tong', nhận được chuỗi \"trung_binh\""),
    ],
)
def test_so_sanh_and_cach_tinh_are_closed_lists(line: str, written: str, message: str) -> None:
    assert check(TARGET.replace(line, written), Target) == [message]


def test_an_error_in_a_dict_key_points_at_the_key() -> None:
    assert check(TARGET + "lo_trinh: {Q1: 20, Q5: 50}\n", Target) == [
        "8:20: lo_trinh: cần khóa 'Q1', 'Q2', 'Q3' hoặc 'Q4', nhận được chuỗi \"Q5\""
    ]


# ---------------------------------------------------------------- bounds


PLAN = """\
nam: 2026
ten: Kế hoạch
dia_danh: Mẫu Sơn
co_quan: {chu_quan: UBND XÃ MẪU SƠN, ban_hanh: BAN CHỈ ĐẠO}
van_ban: {so: null, ky_hieu: KH-BCĐ, ngay: null}
co_quan_thuong_truc: van-phong
han_bao_cao:
  ngay: 20
bao_cao:
  ky_hieu: BC-BCĐ
  noi_nhan: [UBND huyện]
  luu: VT
  ky:
    quyen_han: [TM. BAN CHỈ ĐẠO]
    chuc_vu: [TRƯỞNG BAN]
    ho_ten: Lê Văn Bình
"""


def test_the_plan_sample_is_valid() -> None:
    assert check(PLAN, PlanFile) == []


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("0", "ngay: cần số lớn hơn hoặc bằng 1, nhận được số 0"),
        ("32", "ngay: cần số nhỏ hơn hoặc bằng 31, nhận được số 32"),
        ("-5", "ngay: cần số lớn hơn hoặc bằng 1, nhận được số -5"),
        ('"20"', 'ngay: cần một số nguyên, ví dụ 12, nhận được chuỗi "20"; hãy bỏ dấu nháy để giá '
                 "trị là một số"),
        ("20.5", "ngay: cần một số nguyên, ví dụ 12, nhận được số 20.5"),
    ],
)
def test_han_bao_cao_ngay_is_a_day_1_to_31(day: str, message: str) -> None:
    assert check(PLAN.replace("  ngay: 20", f"  ngay: {day}"), PlanFile) == [f"8:9: {message}"]


@pytest.mark.parametrize("day", ["1", "31"])
def test_han_bao_cao_ngay_bounds_are_inclusive(day: str) -> None:
    assert check(PLAN.replace("  ngay: 20", f"  ngay: {day}"), PlanFile) == []


@pytest.mark.parametrize("symbol", ["bc-bcđ", "BC BCĐ", "BC-", "BC–BCĐ", "BÁO-CÁO"])
def test_ky_hieu_is_an_upper_case_symbol(symbol: str) -> None:
    assert check(PLAN.replace("ky_hieu: BC-BCĐ", f"ky_hieu: {symbol}"), PlanFile) == [
        "10:12: ky_hieu: cần ký hiệu viết hoa không dấu (trừ Đ), các nhóm nối bằng '-' hoặc '/', "
        f'ví dụ BC-BCĐ, nhận được chuỗi "{symbol}"'
    ]


@pytest.mark.parametrize("symbol", ["BC-BCĐ", "BC-UBND", "KH/ĐU", "KH-BCĐ06", "BC-BCĐ/CĐS"])
def test_sound_symbols(symbol: str) -> None:
    assert check(PLAN.replace("ky_hieu: BC-BCĐ", f"ky_hieu: {symbol}"), PlanFile) == []


def test_nam_is_a_year_number() -> None:
    assert check(PLAN.replace("nam: 2026", "nam: 26"), PlanFile) == [
        "1:6: nam: cần số lớn hơn hoặc bằng 2000, nhận được số 26"
    ]
    assert check(PLAN.replace("nam: 2026", "nam: '2026'"), PlanFile) == [
        "1:6: nam: cần một số nguyên, ví dụ 12, nhận được chuỗi \"2026\"; hãy bỏ dấu nháy để giá "
        "trị là một số"
    ]


def test_a_plan_number_of_zero_is_refused() -> None:
    assert check(PLAN.replace("so: null", "so: 0"), PlanFile) == [
        "5:15: so: cần số lớn hơn hoặc bằng 1, nhận được số 0"
    ]


# ---------------------------------------------------------------- result entries


def test_a_result_entry_left_empty() -> None:
    assert result("chi_tieu:\n  a:\nnhiem_vu:\n  b:\n") == [
        "5:3: a: mục để trống; cần ghi số liệu, ví dụ a: {gia_tri: 12} hoặc {tu_so: 9, "
        "mau_so: 10} — hoặc bỏ hẳn dòng này nếu chưa có số liệu",
        "7:3: b: mục để trống; cần ghi tình trạng thực hiện, ví dụ b: "
        "{trang_thai: dang_thuc_hien} — hoặc bỏ hẳn dòng này nếu chưa có gì để báo cáo",
    ]


def test_a_result_entry_that_is_a_plain_value() -> None:
    assert result("chi_tieu:\n  a: 87.5\nnhiem_vu:\n  b: hoan_thanh\n") == [
        "5:6: a: cần một bảng khóa, ví dụ a: {gia_tri: 12} hoặc {tu_so: 9, mau_so: 10}, nhận "
        "được số 87.5",
        "7:6: b: cần một bảng khóa, ví dụ b: {trang_thai: dang_thuc_hien}, nhận được chuỗi "
        '"hoan_thanh"',
    ]


@pytest.mark.parametrize("section", ["chi_tieu", "nhiem_vu"])
def test_an_empty_section_is_accepted(section: str) -> None:
    for written in ("", " ~", " {}"):
        assert result(f"{section}:{written}\n") == []


@pytest.mark.parametrize("key", ["kho_khan", "kien_nghi"])
def test_an_empty_list_is_accepted_as_no_items(key: str) -> None:
    doc = parse_text("f.yaml", RESULT + f"{key}:\n")
    model, problems = validate_model(doc, ResultFile, RESULT_KIND)
    assert problems == [] and model is not None
    assert getattr(model, key) == []


def test_a_section_that_is_null_when_a_list_is_required() -> None:
    doc = parse_text("f.yaml", "don_vi:\n")
    _, problems = validate_items(doc, "don_vi", Unit, FILE_KINDS["units"][1])
    assert [(p.pos.line, p.pos.col, p.message) for p in problems] == [
        (1, 1, "don_vi: cần một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ', hoặc [a, b]), "
               "nhận được giá trị rỗng")
    ]


def test_a_null_value_is_reported_at_its_key() -> None:
    assert result("nguoi_bao_cao:\n") == []  # optional: null is absent
    assert check("don_vi:\nky: 2026-Q2\nngay_gui: 2026-06-18\n") == [
        "1:1: don_vi: cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa, "
        "nhận được giá trị rỗng"
    ]


# ---------------------------------------------------------------- lists of the plan


UNITS_KIND = FILE_KINDS["units"][1]


def items(text: str, key: str = "don_vi", model: type[BaseModel] = Unit) -> tuple[Any, list[str]]:
    doc = parse_text("plan/units.yaml", text, fast=True)
    valid, problems = validate_items(doc, key, model, UNITS_KIND)
    shown = [f"{p.pos.line}:{p.pos.col}: {p.message}" for p in problems]
    return (None if valid is None else [(i, getattr(m, "ma")) for i, m in valid]), shown  # noqa: B009


def test_items_are_validated_one_by_one() -> None:
    text = ("don_vi:\n  - ma: a\n    ten: A\n  - ma: B\n    ten: B\n  - x\n"
            "  - ma: c\n    ten: C\n    tne: D\n  - ma: d\n    ten: D\n")
    valid, problems = items(text)
    assert valid == [(0, "a"), (4, "d")]
    assert problems == [
        "4:9: ma: cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa, nhận được "
        'chuỗi "B"',
        "6:5: phần tử thứ 3 của don_vi: cần một bảng khóa (các dòng dạng 'khoa: gia_tri'), nhận "
        'được chuỗi "x"',
        "9:5: khóa 'tne' không có trong định dạng tệp đơn vị plan/units.yaml; có phải ý bạn là "
        "'ten'?",
    ]


def test_an_empty_list_is_valid() -> None:
    assert items("don_vi: []\n") == ([], [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- ma: a\n", "1:1: nội dung tệp: cần một bảng khóa có khóa 'don_vi' (dòng đầu 'don_vi:', "
                      "tiếp theo là danh sách), nhận được một danh sách"),
        ("Xem văn bản giấy\n", "1:1: nội dung tệp: cần một bảng khóa có khóa 'don_vi' (dòng đầu "
                               "'don_vi:', tiếp theo là danh sách), nhận được chuỗi \"Xem văn bản "
                               'giấy"'),
        ("don_vi: cong-an\n", "1:9: don_vi: cần một danh sách (mỗi phần tử một dòng bắt đầu bằng "
                              "'- ', hoặc [a, b]), nhận được chuỗi \"cong-an\""),
        ("", "1:1: tệp rỗng; cần nội dung của tệp đơn vị plan/units.yaml (các dòng dạng "
             "'khoa: gia_tri')"),
    ],
)
def test_a_list_file_of_the_wrong_shape(text: str, message: str) -> None:
    assert items(text) == (None, [message])


def test_a_misspelt_list_key_is_one_message() -> None:
    assert items("donvi:\n  - ma: a\n    ten: A\n") == (None, [
        "1:1: khóa 'donvi' không có trong định dạng tệp đơn vị plan/units.yaml; có phải ý bạn là "
        "'don_vi'?"
    ])


def test_an_unknown_key_beside_the_list() -> None:
    assert items("ghi_chu: x\ndon_vi: []\n") == ([], [
        "1:1: khóa 'ghi_chu' không có trong định dạng tệp đơn vị plan/units.yaml; tệp này chỉ có "
        "khóa 'don_vi'"
    ])


def test_a_missing_list_key() -> None:
    assert items("{}\n") == (None, ["1:1: thiếu khóa bắt buộc 'don_vi'"])


def test_unit_ids_in_lists_are_checked_item_by_item() -> None:
    text = ("nhiem_vu:\n  - ma: a\n    ten: A\n    chu_tri: cong-an\n"
            "    phoi_hop: [van-phong, Van Phong, 3]\n")
    valid, problems = items(text, "nhiem_vu", Task)
    assert valid == []
    assert problems == [
        "5:27: phần tử thứ 2 của phoi_hop: cần mã gồm chữ thường không dấu, chữ số và dấu '-', "
        'ví dụ cong-an-xa, nhận được chuỗi "Van Phong"',
        "5:38: phần tử thứ 3 của phoi_hop: cần mã gồm chữ thường không dấu, chữ số và dấu '-', "
        "ví dụ cong-an-xa, nhận được số 3",
    ]


def test_phoi_hop_left_empty_means_none() -> None:
    valid, problems = items("nhiem_vu:\n  - ma: a\n    ten: A\n    chu_tri: b\n    phoi_hop:\n",
                            "nhiem_vu", Task)
    assert (valid, problems) == ([(0, "a")], [])


# ---------------------------------------------------------------- report inputs


def test_report_input_messages() -> None:
    assert check("so: '12'\nngay: 2026-09-31\nphuong_hương: [x]\n", ReportInput) == [
        "1:5: so: cần một số nguyên, ví dụ 12, nhận được chuỗi \"12\"; hãy bỏ dấu nháy để giá trị "
        "là một số",
        "2:7: ngay: '2026-09-31' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, ví dụ "
        "2026-06-18",
        "3:1: khóa 'phuong_hương' không có trong định dạng tệp đầu vào báo cáo; có phải ý bạn là "
        "'phuong_huong'?",
    ]


def test_report_causes_and_target_comments_take_their_shapes() -> None:
    doc = parse_text("f.yaml", (
        "nguyen_nhan:\n  chu_quan: Một số đơn vị chưa quan tâm.\n"
        "  khach_quan:\n    - Kinh phí hạn chế.\n    - Hạ tầng chưa đồng bộ.\n"
        "chi_tieu:\n  a: Đạt sớm.\n"), fast=True)
    parsed, problems = validate_model(doc, ReportInput, "tệp thử")
    assert problems == [] and parsed is not None
    assert parsed.model_dump()["nguyen_nhan"] == {
        "chu_quan": "Một số đơn vị chưa quan tâm.",
        "khach_quan": ["Kinh phí hạn chế.", "Hạ tầng chưa đồng bộ."],
    }
    assert parsed.chi_tieu == {"a": "Đạt sớm."}
    for text, value in (("nguyen_nhan: [A, B]\n", ["A", "B"]),
                        ("nguyen_nhan: Thiếu kinh phí.\n", "Thiếu kinh phí."),
                        ("nguyen_nhan:\n  chu_quan:\n", {"chu_quan": [], "khach_quan": []})):
        parsed, problems = validate_model(parse_text("f.yaml", text, fast=True), ReportInput, "x")
        assert problems == [] and parsed is not None
        assert parsed.model_dump()["nguyen_nhan"] == value


def test_report_causes_and_target_comments_of_a_wrong_shape() -> None:
    assert check("nguyen_nhan: 5\n", ReportInput) == [
        "1:14: nguyen_nhan: cần bảng khóa {chu_quan: …, khach_quan: …} (mỗi khóa một câu hoặc "
        "danh sách câu), một câu hoặc danh sách câu, nhận được số 5",
    ]
    assert check(
        "nguyen_nhan:\n  chu_quan: 5\n  khach_quan: [Kinh phí, '', [x]]\n  chu_quann: y\n"
        "chi_tieu:\n  a:\n  b: [x]\n", ReportInput,
    ) == [
        "2:13: chu_quan: cần một câu hoặc danh sách câu, nhận được số 5",
        "3:26: phần tử thứ 2 của khach_quan: không được để trống, nhận được chuỗi rỗng",
        "3:30: phần tử thứ 3 của khach_quan: cần một chuỗi văn bản, nhận được một danh sách",
        "4:3: khóa 'chu_quann' không có trong định dạng tệp đầu vào báo cáo; có phải ý bạn là "
        "'chu_quan'?",
        "6:3: a: cần một chuỗi văn bản, nhận được giá trị rỗng",
        "7:6: b: cần một chuỗi văn bản, nhận được một danh sách",
    ]
    assert check("nguyen_nhan: ['Thiếu người', 3]\n", ReportInput) == [
        "1:30: phần tử thứ 2 của nguyen_nhan: cần một chuỗi văn bản, nhận được số 3",
    ]


def test_an_error_kind_without_its_own_message_is_still_vietnamese() -> None:
    from pydantic import Field

    from kehoach_cli.load.models import Model

    class Short(Model):
        ten: str = Field(max_length=3, description="tên viết tắt, tối đa 3 chữ")

    assert check("ten: Công an xã\n", Short) == [
        '1:6: ten: giá trị không hợp lệ, nhận được chuỗi "Công an xã"; cần tên viết tắt, tối đa '
        "3 chữ"
    ]


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("value", "shown"),
    [(True, "giá trị logic true"), (None, "giá trị rỗng"), (12, "số 12"), (1.5, "số 1.5"),
     ("", "chuỗi rỗng"), ("x" * 50, 'chuỗi "' + "x" * 37 + '…"'), ([1], "một danh sách"),
     ({}, "một bảng khóa"), (InvalidDate("2026-02-30"), "'2026-02-30'")],
)
def test_describe_value(value: Any, shown: str) -> None:
    assert describe_value(value) == shown


@pytest.mark.parametrize(
    ("loc", "shown"),
    [((), "nội dung tệp"), (("ky",),  "ky"), (("chi_tieu", "a", "tu_so"), "tu_so"),
     (("don_vi", 2), "phần tử thứ 3 của don_vi"), (("don_vi", 0, "phoi_hop", 1),
                                                     "phần tử thứ 2 của phoi_hop")],
)
def test_label(loc: tuple[Any, ...], shown: str) -> None:
    assert label(loc) == shown

