"""A roll-up on the terminal: rich tables in Vietnamese — the combined targets, then the
members with their reporting rates and validation status, then the problems found."""

from __future__ import annotations

from typing import Any, TextIO

from ..compute.rollup import MemberSummary, Rollup, rate
from ..console import _isatty, use_color
from ..vocab.dates import roman
from ..vocab.numbers import format_number, format_percent, format_value
from ..vocab.periods import Period
from ..vocab.phrases import COMPARISON_SIGN, TARGET_STATE_TEXT

WIDTH = 120  # when the output is not a terminal (a file, a pipe, a test)
NAME_WIDTH = 28  # a target's or commune's name is cut (…) beyond this

MEMBER_STATE_TEXT = {
    "hop_le": "Hợp lệ",
    "co_loi": "Có lỗi",
    "khong_doc_duoc": "Không đọc được",
}


def _pct(part: int, whole: int) -> str:
    value = rate(part, whole)
    return "—" if value is None else format_percent(value)


def member_state(m: MemberSummary) -> str:
    text = MEMBER_STATE_TEXT[m.status]
    if m.status != "hop_le":
        return f"{text} ({format_number(m.errors)} lỗi)"
    if m.mismatched:
        return f"{text}, lệch {format_number(len(m.mismatched))} chỉ tiêu"
    if m.members_with_errors:
        return f"{text}, {format_number(m.members_with_errors)} xã có lỗi"
    return text


def summary_lines(r: Rollup) -> list[str]:
    period = Period.parse(r.quarter)
    assert period is not None
    sound = len(r.members) - len(r.with_errors)
    lines = [f"Tổng hợp quý {roman(period.quarter)} năm {period.year}: {r.ten}"]
    members = f"{format_number(len(r.members))} xã: {format_number(sound)} hợp lệ"
    if r.with_errors:
        members += (f", {format_number(len(r.with_errors))} có lỗi hoặc không đọc được "
                    "(không tính vào số liệu)")
    lines.append(members + ".")
    lines.append(
        f"Báo cáo của các đơn vị: đã nộp {format_number(r.received)}/"
        f"{format_number(r.expected)} ({_pct(r.received, r.expected)}), đúng hạn "
        f"{format_number(r.on_time)} ({_pct(r.on_time, r.expected)})."
    )
    return lines


def _table(title: str, heads: tuple[str, ...], rows: list[list[str]], left: set[int]) -> Any:
    """A table whose first column (a name) is the one cut (…) when the line is short;
    every other column keeps its width."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for i, head in enumerate(heads):
        width = max([len(head), *(len(row[i]) for row in rows)])
        if i == 0:
            table.add_column(head, no_wrap=True, overflow="ellipsis",
                             max_width=NAME_WIDTH)
        else:
            table.add_column(head, justify="left" if i in left else "right", no_wrap=True,
                             min_width=width)
    for row in rows:
        table.add_row(*row)
    return table


def render_rollup(r: Rollup, out: TextIO, messages: list[str]) -> None:
    from rich.console import Console

    terminal = _isatty(out)
    console = Console(file=out, width=None if terminal else WIDTH, highlight=False,
                      color_system="auto" if use_color(out) else None, emoji=False,
                      markup=False)
    for line in summary_lines(r):
        console.print(line)

    rows: list[list[str]] = []
    furthest: list[str] = []
    for c in r.targets:
        t = c.target
        rows.append([
            t.ten,
            f"{COMPARISON_SIGN[t.so_sanh]} {format_value(c.goal, t.don_vi_tinh)}",
            "—" if c.value is None else format_value(c.value, t.don_vi_tinh),
            "—" if c.ratio is None else format_percent(c.ratio),
            TARGET_STATE_TEXT[c.state],
            format_number(len(c.reported)),
            format_number(len(c.reached)),
            format_number(len(c.missing)),
        ])
        if c.furthest:
            names = ", ".join(
                f"{s.member} ({format_value(s.value, t.don_vi_tinh)})" for s in c.furthest)
            furthest.append(f"- {t.ma}: {names}")
    console.print(_table("Chỉ tiêu", ("Chỉ tiêu", "Mục tiêu", "Giá trị", "Tỷ lệ đạt",
                                      "Đánh giá", "Xã báo cáo", "Xã đạt", "Xã thiếu"),
                         rows, left={0, 4}))
    if furthest:
        console.print("Các xã xa mục tiêu nhất:")
        for line in furthest:
            console.print(line, soft_wrap=True)
    rows = [[
        m.ten,
        m.commit[:10] if m.commit else "—",
        member_state(m),
        format_number(m.expected),
        format_number(m.received),
        format_number(m.on_time),
        _pct(m.received, m.expected) if m.counts else "—",
        _pct(m.on_time, m.expected) if m.counts else "—",
    ] for m in r.members]
    console.print(_table("Các xã", ("Xã", "Phiên bản", "Kiểm tra", "Phải nộp", "Đã nộp",
                                    "Đúng hạn", "Tỷ lệ nộp", "Tỷ lệ đúng hạn"),
                         rows, left={0, 1, 2}))
    for line in messages:
        console.print(line, soft_wrap=True)
