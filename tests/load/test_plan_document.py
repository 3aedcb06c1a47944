"""Reading a plan document: quantified goals in a sentence, the outline's section paths,
and paragraphs cut mid-sentence (load/plan_document)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_cli.load.plan_document.figures import due_in, goals_in, has_figure, number
from kehoach_cli.load.plan_document.ids import task_id
from kehoach_cli.load.plan_document.outline import outline
from kehoach_cli.load.plan_document.read import read_text


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP năm 2026 phấn đấu đạt 15%.",
     ("Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP", 15, ">=", "%", "gia_tri")),
    ("- Mở rộng phủ sóng 5G đạt 70% dân số.",
     ("Tỷ lệ dân số được phủ sóng 5G", 70, ">=", "% dân số", "gia_tri")),
    ("Tối thiểu 80% thông tin, giấy tờ chỉ phải cung cấp một lần cho cơ quan nhà nước.",
     ("Tỷ lệ thông tin, giấy tờ chỉ phải cung cấp một lần cho cơ quan nhà nước", 80, ">=",
      "%", "ty_le")),
    ("Tỷ lệ hồ sơ trễ hạn không quá 5%.", ("Tỷ lệ hồ sơ trễ hạn", 5, "<=", "%", "ty_le")),
    ("Tỷ lệ hộ nghèo giảm xuống còn dưới 2,5%.", ("Tỷ lệ hộ nghèo", 2.5, "<=", "%", "ty_le")),
    ("Phấn đấu đạt 17,5% tỷ trọng kinh tế số.",
     ("Tỷ trọng kinh tế số", 17.5, ">=", "%", "gia_tri")),
    ("Giảm 20% thời gian giải quyết thủ tục hành chính.", None),
    ("Tổ chức ít nhất 4 lớp tập huấn kỹ năng số cho người dân.",
     ("Số lớp tập huấn kỹ năng số cho người dân được tổ chức", 4, ">=", "lớp", "tong")),
    ("Số hộ được hướng dẫn cài đặt VNeID ít nhất 1.200 hộ.",
     ("Số hộ được hướng dẫn cài đặt VNeID", 1200, ">=", "hộ", "gia_tri")),
])
def test_goal_of_a_sentence(sentence: str,
                            expected: tuple[str, float, str, str, str] | None) -> None:
    found = goals_in(sentence.removeprefix("- "))
    if expected is None:
        assert found == [] and has_figure(sentence)
        return
    assert len(found) == 1
    goal = found[0]
    assert (goal.ten, goal.muc_tieu, goal.so_sanh, goal.don_vi_tinh, goal.cach_tinh) == expected


def test_ratio_parts_and_two_goals_in_one_paragraph() -> None:
    first, second = goals_in(
        "100% hồ sơ công việc được xử lý trên môi trường điện tử; Tỷ lệ văn bản được xử lý "
        "toàn trình trên môi trường điện tử đạt 70%.")
    assert (first.tu_so, first.mau_so) == ("số hồ sơ công việc được xử lý trên môi trường "
                                           "điện tử", "tổng số hồ sơ công việc")
    assert second.muc_tieu == 70
    ratio = goals_in("Tỷ lệ thủ tục hành chính trực tuyến trên tổng số thủ tục hành chính đủ "
                     "điều kiện đạt tối thiểu 80%.")[0]
    assert ratio.tu_so == "số thủ tục hành chính trực tuyến"
    assert ratio.mau_so == "tổng số thủ tục hành chính đủ điều kiện"


@pytest.mark.parametrize("text", [
    "Nghị định số 104/2022/NĐ-CP ngày 21/12/2022 của Chính phủ",
    "Định kỳ trước ngày 20 hằng quý, báo cáo kết quả",
    "Triển khai ĐA 06 và Đề án 06 năm 2026, phủ sóng 5G",
    "II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2026",
])
def test_numbers_that_are_no_figures(text: str) -> None:
    assert not has_figure(text) and goals_in(text) == []


def test_numbers() -> None:
    assert [number(t) for t in ("17,5", "17.5", "1.000", "80")] == [17.5, 17.5, 1000, 80]


def test_outline_paths_and_a_repeated_letter() -> None:
    lines = outline(read_text(
        "KẾ HOẠCH\nTên\nI. MỤC TIÊU\n1. Mục tiêu chung\n- Chung.\n2. Mục tiêu cụ thể\n"
        "c) Chuyển đổi số\n(1) Chính quyền số\n- Về hạ tầng\n+ Đạt 70%.\nd) Khoa học\n"
        "d) Giám sát\n100% nhiệm vụ được báo cáo.\n"))
    by_text = {line.block.text: line for line in lines}
    assert by_text["+ Đạt 70%."].muc == "I.2.c.(1)"
    assert by_text["+ Đạt 70%."].zone == "specific"
    assert by_text["- Chung."].zone == "general"
    assert by_text["100% nhiệm vụ được báo cáo."].muc == "I.2.đ"
    assert by_text["d) Giám sát"].checks == [
        'mục đánh "d)" trùng với mục trước; đã đọc là "đ)"']


def test_a_sentence_cut_in_two_is_joined_but_a_lettered_line_is_not() -> None:
    blocks = read_text("- Tập trung vào các\n\nkhâu có tác động.\n2. Mục tiêu cụ thể\n"
                       "a) Mục tiêu đóng góp\n| A | < |\n| ^ | b |\n")
    assert [b.text for b in blocks] == [
        "- Tập trung vào các khâu có tác động.", "2. Mục tiêu cụ thể", "a) Mục tiêu đóng góp",
        "A | A", "A | b"]


def test_deadlines_written_in_a_task() -> None:
    assert due_in("Rà soát dữ liệu, hoàn thành trước ngày 30/6/2026", None) == dt.date(2026, 6, 30)
    assert due_in("Tập huấn trong quý II", 2026) == dt.date(2026, 6, 30)
    assert due_in("Tập huấn trong Quý IV năm 2026", None) == dt.date(2026, 12, 31)
    assert due_in("Tập huấn trong quý 1", 2027) == dt.date(2027, 3, 31)
    assert due_in("Thường xuyên theo dõi", 2026) is None


def test_task_ids_leave_out_the_opening_verbs_and_partners() -> None:
    names = ("văn phòng hđnd và ubnd xã", "công an xã")
    assert task_id("Chủ trì, phối hợp với Văn phòng HĐND và UBND xã tăng cường kiểm tra",
                   set(), names) == "tang-cuong-kiem-tra"
    assert task_id("Phối hợp với Công an xã và các cơ quan, đơn vị có liên quan tuyên truyền",
                   set(), names) == "tuyen-truyen"
