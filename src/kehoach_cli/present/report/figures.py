"""Bảng 1 and Biểu đồ 1: the targets as the report's table and chart show them — grouped
and numbered by the plan's sections, a target judged on partial data marked, the
furthest from their goal charted when a plan has more than a page holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from ...compute.attainment import QuarterAttainment, TargetAttainment
from ...load.models import Section, Target
from ...load.plan import Plan
from ...vocab.dates import roman
from ...vocab.numbers import exact, format_count, format_percent, format_value
from ...vocab.phrases import TARGET_STATE_TEXT, goal_text, goal_words
from .chart import Bar, render_chart
from .document import Column, Image, Table, TableRow

NO_FIGURE = "—"
NO_FIGURE_WORDS = "chưa có số liệu"
OTHER_TARGETS = "Các chỉ tiêu khác"



def section_chain(plan: Plan, muc: str | None) -> tuple[Section, ...]:
    """The plan sections (``cac_muc``) a target stands in, outermost first:
    ``I.2.c.(1)`` → (I.2.c, I.2.c.(1)) when both are named."""
    if not muc:
        return ()
    found = [
        s for s in plan.plan.cac_muc if muc == s.muc or muc.startswith(s.muc + ".")
    ]
    return tuple(sorted(found, key=lambda s: len(s.muc)))


def by_section(plan: Plan, targets: Sequence[TargetAttainment]) -> tuple[TargetAttainment, ...]:
    """The targets in the order of the plan's sections (``cac_muc``), so that a section's
    targets stand together under one heading however plan/targets.yaml mixes them; the
    targets of a section's subsections come before the section's own (as a plan file
    usually lists them); within a section, and without sections, in file order; targets
    outside every named section last."""
    order = {section.muc: i for i, section in enumerate(plan.plan.cac_muc)}
    last = len(order)

    def key(t: TargetAttainment) -> tuple[int, tuple[int, ...]]:
        chain = section_chain(plan, t.target.muc)
        if not chain:
            return (1, ())
        # (I.1, I.1.a) before (I.1, own): a section's own targets follow its subsections.
        return (0, (*(order[s.muc] for s in chain), last))

    return tuple(sorted(targets, key=key))


def section_label(section: Section) -> str:
    """``I.2.a. Mục tiêu…``; a number that already ends in ")" takes no extra dot:
    ``I.2.c.(1) Chuyển đổi số…``."""
    separator = " " if section.muc.endswith(")") else ". "
    return f"{section.muc}{separator}{section.ten}"


def plan_value(target: Target) -> str:
    """``≥ 15%``, ``≤ 3 ngày``."""
    return goal_text(target.so_sanh, exact(target.muc_tieu), target.don_vi_tinh)


def goal_phrase(target: Target) -> str:
    """The annual goal in words: ``tối thiểu 15%``, ``tối đa 3 ngày``, ``100%``."""
    return goal_words(target.so_sanh, exact(target.muc_tieu), target.don_vi_tinh)


def table_columns(quarter: int) -> tuple[Column, ...]:
    """Widths (mm, 165 in all) chosen so that the header words and the usual figures
    ("104,3%", "Chưa đạt", "Phòng Kinh tế") never break inside a word; header lines break
    where the "\n" are."""
    return (
        Column("STT", 12, "center"),
        Column("Chỉ tiêu", 48, "left"),
        Column("Kế hoạch\nnăm", 21, "center"),
        Column(f"Kết quả\nquý {roman(quarter)}", 19, "center"),
        Column("Tỷ lệ\nđạt", 17, "center"),
        Column("Đánh giá", 20, "center"),
        Column("Đơn vị\nchủ trì", 28, "left"),
    )


PARTIAL_MARK = "*"
PARTIAL_NOTE = (
    f"({PARTIAL_MARK}) Số liệu chưa đủ: mới tổng hợp từ các đơn vị đã báo cáo, còn thiếu "
    "số liệu của đơn vị nêu tại mục II."
)


def is_partial(t: TargetAttainment) -> bool:
    """Judged on some units' figures while others that must report have not."""
    return t.value is not None and bool(t.missing_units)


def unit_notes(plan: Plan, t: TargetAttainment) -> list[str]:
    """The units' own notes on their figures (``ghi_chu``: "Số ước tính…"), each once;
    named by unit when several units report the target."""
    several = len(t.figures) > 1
    notes: list[str] = []
    for figure in t.figures:
        text = " ".join((figure.ghi_chu or "").split()).rstrip(" .;")
        if not text:
            continue
        if several:
            unit = plan.units.get(figure.unit)
            text = f"{unit.ten if unit else figure.unit}: {text}"
        if text not in notes:
            notes.append(text)
    return notes


def target_row(plan: Plan, number: int, t: TargetAttainment,
               marks: Sequence[int] = ()) -> TableRow:  # fmt: skip
    """One target's row; ``marks``: the numbers of its notes under the table."""
    unit = plan.units.get(t.target.chu_tri)
    value = NO_FIGURE if t.value is None else format_value(t.value, t.target.don_vi_tinh)
    value += PARTIAL_MARK if is_partial(t) else ""
    value += "".join(f" ({m})" for m in marks)
    return TableRow(
        (
            str(number),
            t.target.ten,
            plan_value(t.target),
            value,
            format_percent(t.ty_le_dat) if t.ty_le_dat is not None else NO_FIGURE,
            TARGET_STATE_TEXT[t.state],
            unit.ten if unit else t.target.chu_tri,
        )
    )


RowMaker = Callable[[Plan, int, TargetAttainment, Sequence[int]], TableRow]


def targets_table(
    plan: Plan, q: QuarterAttainment, *,
    columns: tuple[Column, ...] | None = None,
    row: RowMaker = target_row,
    caption: str | None = None,
) -> Table:
    """Bảng 1: one row per target in plan order, under group rows naming the plan
    sections (``cac_muc``) they stand in; numbered 1..n across the groups. ``columns``,
    ``row`` and ``caption``: another report's own Bảng 1 (the six-month and annual
    reports show several quarters), grouped, numbered and annotated the same way."""
    chains = [section_chain(plan, t.target.muc) for t in q.targets]
    grouped = any(chains)
    rows: list[TableRow] = []
    notes: list[str] = []  # the units' notes, numbered in the order they first come
    current: tuple[Section, ...] | None = None
    for number, (t, chain) in enumerate(zip(q.targets, chains, strict=True), 1):
        if grouped and chain != current:
            if not chain:
                rows.append(TableRow((OTHER_TARGETS,), "group"))
            else:
                shared = 0
                while (
                    current and shared < min(len(chain), len(current))
                    and chain[shared] == current[shared]
                ):
                    shared += 1
                # back up to an outer section: name it again, so that its targets do not
                # read as part of the inner section above them
                opened = chain[shared:] or chain[-1:]
                for section in opened:
                    rows.append(TableRow((section_label(section),), "group"))
            current = chain
        marks = []
        for text in unit_notes(plan, t):
            if text not in notes:
                notes.append(text)
            marks.append(notes.index(text) + 1)
        rows.append(row(plan, number, t, marks))
    quarter = roman(q.period.quarter)
    lines = [PARTIAL_NOTE] if any(is_partial(t) for t in q.targets) else []
    lines += [f"({i}) {text}." for i, text in enumerate(notes, 1)]
    return Table(
        columns or table_columns(q.period.quarter),
        tuple(rows),
        caption=caption or (
            f"Bảng 1. Kết quả thực hiện các chỉ tiêu quý {quarter} năm {q.period.year}"
        ),
        note="\n".join(lines),
    )


# --------------------------------------------------------------------------- the chart


def has_chart(q: QuarterAttainment) -> bool:
    """A chart is drawn when at least one target has a figure."""
    return any(t.ty_le_dat is not None for t in q.targets)


# An A4 page holds about this many readable bars; a larger plan (a province's) charts
# the targets furthest from their goal, and the table still lists every one.
MAX_BARS = 30


def _charted(q: QuarterAttainment) -> list[tuple[int, TargetAttainment]]:
    numbered = list(enumerate(q.targets, 1))
    if len(numbered) <= MAX_BARS:
        return numbered

    def distance(item: tuple[int, TargetAttainment]) -> tuple[int, Fraction, int]:
        number, t = item
        if t.ty_le_dat is None:
            return (0, Fraction(0), number)
        return (1, t.ty_le_dat, number)

    lowest = sorted(numbered, key=distance)[:MAX_BARS]
    return sorted(lowest, key=lambda item: item[0])


def chart_bars(q: QuarterAttainment) -> list[Bar]:
    return [
        Bar(
            f"{i}. {t.target.ten}",
            float(t.ty_le_dat) if t.ty_le_dat is not None else None,
            t.state == "dat",
            float(t.projected_ratio) if t.projected_ratio is not None else None,
        )
        for i, t in _charted(q)
    ]


def chart_image(q: QuarterAttainment, chart: Callable[[], bytes] | None = None,
                when: str | None = None) -> Image:  # fmt: skip
    """The chart of the targets' attainment, with its caption; ``chart``, when given,
    gives the PNG (the .docx writer asks for it last); ``when``: the time the caption
    names (``6 tháng đầu năm 2026``; default the quarter)."""
    which = "các chỉ tiêu"
    if len(q.targets) > MAX_BARS:
        which = (
            f"{format_count(MAX_BARS)} chỉ tiêu có tỷ lệ đạt thấp nhất (trong tổng số "
            f"{format_count(len(q.targets))} chỉ tiêu)"
        )
    when = when or f"quý {roman(q.period.quarter)} năm {q.period.year}"
    caption = (
        f"Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm của {which} (số thứ tự theo Bảng 1), {when}"
    )
    bars = chart_bars(q)
    png = chart if chart is not None else render_chart(bars)
    return Image(png, width_mm=160, caption=caption, alt=chart_alt(bars))


def chart_alt(bars: Sequence[Bar]) -> str:
    """The chart in words: each bar's label and figure (and its year-end forecast), as a
    screen reader reads Word's alternative text."""
    parts = []
    for bar in bars:
        figure = NO_FIGURE_WORDS if bar.ratio is None else format_percent(bar.ratio)
        if bar.projected is not None:
            figure += f", dự báo cuối năm {format_percent(bar.projected)}"
        parts.append(f"{bar.label}: {figure}")
    return "Tỷ lệ đạt so với mục tiêu năm — " + "; ".join(parts) + "."
