"""A level's "Báo cáo tổng hợp" (``kehoach tong-hop --docx``) as a ``ReportDocument``,
drawn by the quarterly report's writer (docx_writer.render_docx) in the Nghị định 30
layout: header, number and date, title, body, recipients and signature from
tong-hop.yaml.

The body is built here rather than from a template: I. the combined targets (Bảng 1), the
members furthest from each goal, the members' submissions (Bảng 2); II. shortcomings (targets
not reached, members with errors or without figures); III. a neutral sentence on the next
period (tong-hop.yaml has no key for directions). Every figure goes through vocab/numbers.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...compute.rollup import CombinedTarget, MemberSummary, Rollup, rate
from ...load.tong_hop import RollupFile
from ...vocab.dates import roman
from ...vocab.numbers import format_count, format_number, format_percent, format_value
from ...vocab.periods import Period
from ...vocab.phrases import COMPARISON_SIGN, goal_words
from ..rollup_view import member_state
from .content import refuse_illegal, short_name
from .document import (
    Block,
    Closing,
    Column,
    Header,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
    TableRow,
)
from .figures import NO_FIGURE
from .markup import join_vietnamese, running_date

LEFT_OUT = "không tính vào số liệu tổng hợp"
NAMED_MEMBERS = 10  # the opening sentence names the members up to this many
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ", "Xã ", "Phường ")


def _period(r: Rollup) -> Period:
    period = Period.parse(r.quarter)
    assert period is not None
    return period


def _place(model: RollupFile) -> str:
    """The place of the date line: ``dia_danh``, else the level's name without its kind
    ("Huyện Mẫu Sơn" → "Mẫu Sơn")."""
    if model.dia_danh:
        return model.dia_danh
    for prefix in PLACE_PREFIXES:
        if model.ten.startswith(prefix):
            return model.ten[len(prefix):]
    return model.ten


def _body_name(model: RollupFile) -> str:
    """How the issuing body names itself in running text."""
    if model.co_quan is None:
        return model.ten
    return model.co_quan.ten_goi or short_name(model.co_quan.ban_hanh_text)


def _value(c: CombinedTarget) -> str:
    """The combined figure, its unit in its own column; a ratio with its sums
    (Σ numerators/Σ denominators), as compute gives them."""
    if c.value is None:
        return NO_FIGURE
    text = format_number(c.value)
    if c.target.cach_tinh == "ty_le" and c.num is not None and c.den is not None:
        # Each sum on a line of its own: a column this narrow would otherwise break a
        # figure inside its digits ("(71.936/7" over "5.467)").
        text += f"\n({format_number(c.num)}/\n{format_number(c.den)})"
    return text


def _pct(part: int, whole: int) -> str:
    value = rate(part, whole)
    return NO_FIGURE if value is None else format_percent(value)


def _names(r: Rollup) -> dict[str, str]:
    return {m.ma: m.ten for m in r.members}


def targets_table(r: Rollup) -> Table:
    """Bảng 1: one row per target of the level (165 mm; the header words never break
    inside a word): xã reporting, reaching the goal, without a figure."""
    columns = (
        Column("STT", 12, "center"),
        Column("Chỉ tiêu", 31, "left"),
        Column("Đơn vị\ntính", 17, "center"),
        Column("Kế hoạch", 21, "center"),
        Column("Kết quả\ntổng hợp", 24, "center"),
        Column("Tỷ lệ\nđạt", 18, "center"),
        Column("Xã\nbáo cáo", 17, "center"),
        Column("Xã\nđạt", 12, "center"),
        Column("Xã\nthiếu", 13, "center"),
    )
    rows = tuple(
        TableRow((
            str(number), c.target.ten, c.target.don_vi_tinh,
            f"{COMPARISON_SIGN[c.target.so_sanh]} {format_number(c.goal)}", _value(c),
            NO_FIGURE if c.ratio is None else format_percent(c.ratio),
            format_number(len(c.reported)), format_number(len(c.reached)),
            format_number(len(c.missing)),
        ))
        for number, c in enumerate(r.targets, 1)
    )
    notes = []
    if any(c.target.cach_tinh == "ty_le" for c in r.targets):
        notes.append("Chỉ tiêu tỷ lệ: kết quả tổng hợp = 100 × tổng tử số/tổng mẫu số của các "
                     "xã (ghi trong ngoặc), không phải trung bình tỷ lệ của các xã.")
    if r.with_errors:
        notes.append(f"Không tính số liệu của {format_count(len(r.with_errors))} xã có lỗi "
                     "nêu tại Bảng 2.")
    p = _period(r)
    return Table(columns, rows,
                 caption=f"Bảng 1. Kết quả tổng hợp các chỉ tiêu quý {roman(p.quarter)} "
                         f"năm {p.year}",
                 note="\n".join(notes))


def member_status(m: MemberSummary) -> str:
    """A member's validation status as Bảng 2 writes it."""
    if not m.counts:
        return f"{member_state(m)}, {LEFT_OUT}"
    return member_state(m)


def submissions_table(r: Rollup) -> Table:
    """Bảng 2: every member, its submissions and its validation status (165 mm)."""
    columns = (
        Column("STT", 12, "center"),
        Column("Xã", 38, "left"),
        Column("Phải\nnộp", 15, "center"),
        Column("Đã\nnộp", 15, "center"),
        Column("Đúng\nhạn", 15, "center"),
        Column("Tỷ lệ\nnộp", 17, "center"),
        Column("Kiểm tra số liệu", 53, "left"),
    )
    rows = tuple(
        TableRow((str(number), m.ten,
                  *((format_number(m.expected), format_number(m.received), format_number(m.on_time),
                     _pct(m.received, m.expected)) if m.counts else (NO_FIGURE,) * 4),
                  member_status(m)))
        for number, m in enumerate(r.members, 1)
    )
    p = _period(r)
    return Table(columns, rows,
                 caption=f"Bảng 2. Tình hình gửi báo cáo của các xã quý {roman(p.quarter)} "
                         f"năm {p.year}",
                 note="Phải nộp, đã nộp, đúng hạn: số báo cáo định kỳ của các cơ quan, đơn "
                      "vị trong xã.")


def _opening(model: RollupFile, r: Rollup, when: dt.date) -> list[Block]:
    p = _period(r)
    end = max(p.start, min(when, p.end))
    members = f"{format_count(len(r.members))} xã"
    if len(r.members) <= NAMED_MEMBERS:
        members += f" ({join_vietnamese(m.ten for m in r.members)})"
    text = (f"Trên cơ sở báo cáo kết quả thực hiện quý {roman(p.quarter)} năm {p.year} của "
            f"{members}, {_body_name(model)} tổng hợp kết quả thực hiện các chỉ tiêu của "
            f"{model.ten} (số liệu từ ngày {running_date(p.start)} đến ngày "
            f"{running_date(end)}) như sau.")
    blocks: list[Block] = [Paragraph.of(text)]
    if r.with_errors:
        named = (f" ({join_vietnamese(m.ten for m in r.with_errors)})"
                 if len(r.with_errors) <= NAMED_MEMBERS else "")
        blocks.append(Paragraph.of(
            f"Số liệu của {format_count(len(r.with_errors))} xã có lỗi hoặc không đọc được "
            f"kho kế hoạch{named} không được tính vào số liệu tổng hợp (chi tiết tại "
            "Bảng 2)."))
    return blocks


def _counts(pairs: Sequence[tuple[int, str]]) -> str:
    return join_vietnamese(f"{format_count(n)} {label}" for n, label in pairs if n)


def _part_one(r: Rollup) -> list[Block]:
    p = _period(r)
    states = [c.state for c in r.targets]
    blocks: list[Block] = [Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
                           Heading(2, "1. Kết quả tổng hợp các chỉ tiêu")]
    summary = _counts([(states.count("dat"), "chỉ tiêu đạt mục tiêu"),
                       (states.count("chua_dat"), "chỉ tiêu chưa đạt"),
                       (states.count("chua_co_so_lieu"), "chỉ tiêu chưa có số liệu")])
    blocks.append(Paragraph.of(
        f"Tổng hợp {format_count(len(r.targets))} chỉ tiêu. Đến hết quý {roman(p.quarter)}, "
        f"có {summary} (chi tiết tại Bảng 1)."))
    blocks.append(targets_table(r))
    names = _names(r)
    furthest = [c for c in r.targets if c.furthest]
    number = 2
    if furthest:
        blocks.append(Heading(2, f"{number}. Các xã còn xa mục tiêu nhất"))
        number += 1
        blocks.append(Paragraph.of("Những xã chưa đạt có tỷ lệ đạt thấp nhất ở từng chỉ tiêu "
                                   "(tối đa 05 xã mỗi chỉ tiêu):"))
        for c in furthest:
            unit = c.target.don_vi_tinh
            listed = ", ".join(f"{names.get(s.member, s.member)} ({format_value(s.value, unit)})"
                               for s in c.furthest)
            blocks.append(Paragraph.of(f"- Chỉ tiêu “{c.target.ten}”: {listed}."))
    blocks.append(Heading(2, f"{number}. Tình hình gửi báo cáo của các xã"))
    blocks.append(Paragraph.of(
        f"Các xã hợp lệ phải gửi {format_count(r.expected)} báo cáo định kỳ của các cơ quan, "
        f"đơn vị; đã gửi {format_count(r.received)} báo cáo ({_pct(r.received, r.expected)}), "
        f"trong đó đúng hạn {format_count(r.on_time)} báo cáo "
        f"({_pct(r.on_time, r.expected)}) (chi tiết tại Bảng 2)."))
    blocks.append(submissions_table(r))
    return blocks


def _shortcomings(r: Rollup) -> list[Block]:
    names = _names(r)
    items: list[str] = []
    for c in r.targets:
        t = c.target
        if c.state == "chua_dat" and c.value is not None:
            ratio = "" if c.ratio is None else f" (tỷ lệ đạt {format_percent(c.ratio)})"
            items.append(f"Chỉ tiêu “{t.ten}” mới đạt {format_value(c.value, t.don_vi_tinh)} "
                         f"so với mục tiêu {goal_words(t.so_sanh, c.goal, t.don_vi_tinh)}"
                         f"{ratio}.")
        elif c.state == "chua_co_so_lieu":
            items.append(f"Chỉ tiêu “{t.ten}” chưa có số liệu của xã nào.")
        if c.missing and c.state != "chua_co_so_lieu":
            items.append(f"Chỉ tiêu “{t.ten}” còn thiếu số liệu của "
                         f"{join_vietnamese(names.get(m, m) for m in c.missing)}.")
    for m in r.with_errors:
        if m.status == "khong_doc_duoc":
            items.append(f"Không đọc được kho kế hoạch của {m.ten}, {LEFT_OUT}.")
        else:
            items.append(f"{m.ten} có {format_count(m.errors)} lỗi trong số liệu, {LEFT_OUT}.")
    late = r.expected - r.on_time
    if late:
        pending = _counts([(r.expected - r.received, "báo cáo chưa gửi"),
                           (r.received - r.on_time, "báo cáo gửi chậm")])
        items.append(f"Còn {pending}.")
    blocks: list[Block] = [Heading(1, "II. TỒN TẠI, HẠN CHẾ")]
    if not items:
        return [*blocks, Paragraph.of("Các chỉ tiêu tổng hợp đều đạt mục tiêu; các xã gửi "
                                      "báo cáo đầy đủ, đúng hạn.")]
    return [*blocks, *(Paragraph.of(f"- {item}") for item in items)]


def _directions(r: Rollup) -> list[Block]:
    p = _period(r)
    heading = ("THỜI GIAN TỚI" if p.quarter == 4
               else f"QUÝ {roman(p.quarter + 1)} NĂM {p.year}")
    return [Heading(1, f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {heading}"),
            Paragraph.of("Đề nghị các xã tiếp tục triển khai các chỉ tiêu chưa đạt; rà soát, "
                         "sửa lỗi và bổ sung số liệu còn thiếu; gửi báo cáo đầy đủ, đúng hạn "
                         "trong kỳ báo cáo tiếp theo.")]


def build_rollup_document(model: RollupFile, r: Rollup, when: dt.date) -> ReportDocument:
    p = _period(r)
    trich_yeu = (f"Tổng hợp kết quả thực hiện các chỉ tiêu của {model.ten} quý "
                 f"{roman(p.quarter)} năm {p.year}")
    co_quan = model.co_quan
    ky = model.ky
    closing = Closing(
        noi_nhan=tuple(model.noi_nhan),
        luu=model.luu or "VT",
        quyen_han=tuple(ky.quyen_han) if ky else (),
        chuc_vu=tuple(ky.chuc_vu) if ky else (),
        ho_ten=ky.ho_ten if ky else "",
    )
    body = [*_opening(model, r, when), *_part_one(r), *_shortcomings(r), *_directions(r)]
    refuse_illegal(trich_yeu, body, closing)
    return ReportDocument(
        header=Header(
            chu_quan=co_quan.chu_quan if co_quan else "",
            ban_hanh=co_quan.ban_hanh_text if co_quan else model.ten.upper(),
            so=None,
            ky_hieu=model.ky_hieu or "BC",
            dia_danh=_place(model),
            ngay=when,
        ),
        loai_van_ban="BÁO CÁO",
        trich_yeu=trich_yeu,
        body=tuple(body),
        closing=closing,
        title=f"Báo cáo {trich_yeu[:1].lower()}{trich_yeu[1:]}",
        author=co_quan.ban_hanh_text if co_quan else model.ten,
        keywords=(r.quarter, "kehoach", "tong-hop"),
    )
