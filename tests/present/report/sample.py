"""A realistic quarterly report of the Vũ Dương steering committee, for the renderer's tests."""

from __future__ import annotations

import datetime as dt
import functools

from kehoach_cli.present.report.chart import Bar, render_chart
from kehoach_cli.present.report.document import (
    Block,
    Closing,
    Column,
    Header,
    Heading,
    Image,
    Paragraph,
    ReportDocument,
    Run,
    Table,
    TableRow,
)

SIGNER = "Nguyễn Văn Hùng"
TRICH_YEU = (
    "Kết quả thực hiện Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo "
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới xã Vũ Dương quý II năm 2026"
)


@functools.lru_cache(maxsize=1)
def chart_png() -> bytes:
    """A small bar chart, drawn once."""
    return render_chart([Bar("Quý I", 62.5, False), Bar("Quý II", 101.3, True)])


def _targets_table(rows: int) -> Table:
    columns = (
        Column("TT", 12, "center"),
        Column("Chỉ tiêu", 78),
        Column("Kế hoạch", 25, "right"),
        Column("Thực hiện", 25, "right"),
        Column("Tỷ lệ", 22, "right"),
    )
    body: list[TableRow] = [TableRow(("I.1. Kinh tế",), kind="group")]
    for index in range(1, rows + 1):
        if index == rows // 2 + 1:
            body.append(TableRow(("I.2.c. Chuyển đổi số",), kind="group"))
        planned = 1_000 + 250 * index
        done = planned * (60 + index % 40) // 100
        body.append(
            TableRow(
                (
                    str(index),
                    f"Chỉ tiêu số {index}: hộ gia đình được hỗ trợ phát triển sản xuất",
                    f"{planned:,}".replace(",", "."),
                    f"{done:,}".replace(",", "."),
                    f"{done * 100 / planned:.1f}%".replace(".", ","),
                )
            )
        )
    return Table(columns, tuple(body), caption="Bảng 1. Kết quả thực hiện các chỉ tiêu chủ yếu")


def _body(paragraphs: int, table_rows: int) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Paragraph.of(
            "Thực hiện Kế hoạch số 12/KH-BCĐ ngày 15/01/2026 của Ban Chỉ đạo xã về hoạt động "
            "năm 2026, Ban Chỉ đạo báo cáo kết quả thực hiện quý II năm 2026 như sau:"
        ),
        Heading(1, "I. Kết quả thực hiện"),
        Heading(2, "1. Công tác lãnh đạo, chỉ đạo"),
        Paragraph(
            (
                Run("Ban Chỉ đạo đã ban hành "),
                Run("05 văn bản", bold=True),
                Run(" chỉ đạo, hướng dẫn; tổ chức "),
                Run("02 hội nghị", bold=True),
                Run(" sơ kết, đạt "),
                Run("81,3%", bold=True, italic=True),
                Run(" kế hoạch quý."),
            )
        ),
        Heading(3, "a) Về tuyên truyền, vận động"),
        Paragraph.of(
            "Các thôn đã tổ chức 14 buổi tuyên truyền với 1.250 lượt người tham dự; "
            "hệ thống truyền thanh xã phát 36 tin, bài về xây dựng nông thôn mới."
        ),
        _targets_table(table_rows),
        Image(chart_png(), 120, caption="Hình 1. Tỷ lệ hoàn thành kế hoạch theo quý"),
        Heading(1, "II. Tồn tại, hạn chế và nguyên nhân"),
    ]
    for index in range(paragraphs):
        blocks.append(
            Paragraph.of(
                f"{index + 1}. Một số chỉ tiêu về thu nhập bình quân đầu người, tỷ lệ hộ nghèo "
                "đa chiều và tỷ lệ lao động qua đào tạo còn thấp so với kế hoạch; việc huy động "
                "nguồn lực xã hội hóa còn gặp nhiều khó khăn, chưa đáp ứng yêu cầu đề ra."
            )
        )
    blocks += [
        Heading(1, "III. Phương hướng, nhiệm vụ quý III năm 2026"),
        Paragraph.of(
            "Tiếp tục đẩy mạnh tuyên truyền, phấn đấu hoàn thành các chỉ tiêu còn lại "
            "trước ngày 20/9/2026."
        ),
        Heading(1, "IV. Đề xuất, kiến nghị"),
        Paragraph.of(
            "Đề nghị UBND huyện quan tâm hỗ trợ kinh phí để xã hoàn thành các tiêu chí "
            "nông thôn mới nâng cao trong năm 2026."
        ),
        Paragraph.of(
            "Trên đây là báo cáo kết quả thực hiện quý II năm 2026 của Ban Chỉ đạo xã Vũ Dương."
        ),
    ]
    return tuple(blocks)


def sample_report(
    *,
    so: int | None = 15,
    ngay: dt.date = dt.date(2026, 6, 26),
    paragraphs: int = 6,
    table_rows: int = 8,
) -> ReportDocument:
    return ReportDocument(
        header=Header(
            chu_quan="UBND xã Vũ Dương",
            ban_hanh="Ban Chỉ đạo",
            so=so,
            ky_hieu="BC-BCĐ",
            dia_danh="Vũ Dương",
            ngay=ngay,
        ),
        loai_van_ban="Báo cáo",
        trich_yeu=TRICH_YEU,
        body=_body(paragraphs, table_rows),
        closing=Closing(
            noi_nhan=(
                "UBND huyện (b/c)",
                "Thường trực Đảng ủy, HĐND, UBND xã",
                "Các thành viên BCĐ",
            ),
            luu="VT, VHXH",
            quyen_han=("TM. Ban Chỉ đạo", "KT. Trưởng ban"),
            chuc_vu=("Phó Trưởng ban TT", "Phó Chủ tịch UBND xã"),
            ho_ten=SIGNER,
        ),
        title="Báo cáo quý II năm 2026",
        author="Ban Chỉ đạo xã Vũ Dương",
        keywords=("báo cáo", "quý II", "2026"),
    )
