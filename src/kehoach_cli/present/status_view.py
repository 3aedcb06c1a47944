"""`kehoach status --quy N` in the terminal: the quarter as a secretariat shows it in a meeting.

Targets grouped by the plan's sections (``cac_muc``), each with its goal, the quarter's
figure, the percentage of the goal attained with a small bar, its state, the previous
quarter and the change, the roadmap milestone, the year-end forecast and the units whose
figures are missing; then the tasks by status with the overdue, unreported and due-soon
ones; then who sent the quarter's result file and when. ``--canh-bao`` keeps only what
needs attention.

Every line is laid out to fit the width by present/lines.py; rich only colours it, and
colour is dropped when the output is not a terminal or NO_COLOR is set. Every number goes
through vocab/numbers.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..check.outcome import CheckOutcome
from ..compute.attainment import (
    TARGET_STATES,
    QuarterAttainment,
    TargetAttainment,
    TaskAttainment,
    TaskStatusName,
    UnitSubmission,
    attention,
)
from ..console import use_color
from ..load.plan import Plan
from ..vocab.dates import roman, short_date
from ..vocab.numbers import format_number, format_percent, format_signed, format_value
from ..vocab.phrases import (
    COMPARISON_SIGN,
    FORECAST_TEXT,
    TARGET_STATE_TEXT,
    catch_up_text,
    goal_text,
    plan_name,
)
from .lines import TextLines, terminal_width

BAR_CELLS = 10
OTHER_SECTION = "Khác"

TARGET_STYLES = {"dat": "bold green", "chua_dat": "bold red", "chua_co_so_lieu": "dim yellow"}
TASK_LABELS: dict[TaskStatusName, str] = {
    "hoan_thanh": "Hoàn thành",
    "dang_thuc_hien": "Đang thực hiện",
    "chua_thuc_hien": "Chưa thực hiện",
    "qua_han": "Quá hạn",
    "chua_bao_cao": "Chưa báo cáo",
}
TASK_STYLES: dict[TaskStatusName, str] = {
    "hoan_thanh": "green",
    "dang_thuc_hien": "cyan",
    "chua_thuc_hien": "yellow",
    "qua_han": "bold red",
    "chua_bao_cao": "yellow",
}
REPORTED_LABELS = {
    "hoan_thanh": "hoàn thành",
    "dang_thuc_hien": "đang thực hiện",
    "chua_thuc_hien": "chưa thực hiện",
}
PROGRESS_LABELS = {"dung_tien_do": "đúng tiến độ", "cham_tien_do": "chậm tiến độ"}
PROGRESS_STYLES = {"dung_tien_do": "green", "cham_tien_do": "red"}
SUBMISSION_STYLES = {"dung_han": "green", "tre_han": "yellow", "chua_nop": "bold red"}
FORECAST_STYLES = {"da_dat": "green", "dung_tien_do": "green", "can_tang_toc": "yellow",
                   "nguy_co": "bold red", "chua_du_so_lieu": "dim"}


def render_status(
    plan: Plan,
    q: QuarterAttainment,
    outcome: CheckOutcome,
    out: TextIO,
    *,
    width: int | None = None,
    attention_only: bool = False,
) -> None:
    """Write the quarter's view to ``out``; ``width`` overrides the terminal's width.
    ``attention_only`` (``--canh-bao``) keeps what a meeting must look at: the targets at
    risk or needing acceleration, the tasks overdue, unreported or due soon, and the units
    late or missing — numbered as in the whole view."""
    color = use_color(out)
    view = _View(terminal_width(out, width), attention_only)
    view.build(plan, q, outcome)
    console = _Console(
        file=out,
        width=view.width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for line in view.lines:
        console.print(line, soft_wrap=True)


def plan_title(plan: Plan) -> str:
    """The plan's name after "Kế hoạch" (vocab/phrases.plan_name)."""
    return plan_name(plan.plan.ten)


def quarter_name(q: QuarterAttainment) -> str:
    return f"quý {roman(q.period.quarter)} năm {q.period.year}"


def section_of(muc: str | None, sections: Sequence[str]) -> str | None:
    """The longest section number that ``muc`` stands in: I.2.c.(1) is in I.2.c.(1) and in
    I.2.c, and the longer wins; I.2.c.(10) is not in I.2.c.(1)."""
    if muc is None:
        return None
    key = _muc_key(muc)
    best: str | None = None
    for section in sections:
        prefix = _muc_key(section)
        if (key == prefix or key.startswith(prefix + ".")) and (
            best is None or len(prefix) > len(_muc_key(best))
        ):
            best = section
    return best


def _muc_key(muc: str) -> str:
    return muc.strip().rstrip(".")


def group_targets(
    plan: Plan, targets: Iterable[TargetAttainment]
) -> list[tuple[str, list[TargetAttainment]]]:
    """Targets under their section heading, headings in the order their first target
    comes; targets without ``muc`` last, under "Khác"."""
    titles = {s.muc: s.ten for s in plan.plan.cac_muc}
    sections = list(titles)
    groups: dict[str, list[TargetAttainment]] = {}
    other: list[TargetAttainment] = []
    for t in targets:
        muc = t.target.muc
        if muc is None or not muc.strip():
            other.append(t)
            continue
        section = section_of(muc, sections)
        heading = (
            f"{_muc_key(section)} {titles[section]}" if section is not None
            else f"Mục {_muc_key(muc)}"
        )
        groups.setdefault(heading, []).append(t)
    result = list(groups.items())
    if other:
        result.append((OTHER_SECTION, other))
    return result


def bar(ratio: Fraction) -> str:
    """Ten cells, one per full 10% of the goal (a cell is never shown before it is full),
    capped at the full bar."""
    filled = min(BAR_CELLS, int(ratio * BAR_CELLS // 100)) if ratio > 0 else 0
    return "█" * filled + "░" * (BAR_CELLS - filled)


class _View(TextLines):
    """The lines of the view, each a rich Text no wider than ``width`` cells."""

    def __init__(self, width: int, attention_only: bool = False) -> None:
        super().__init__(width)
        self.attention_only = attention_only

    def build(self, plan: Plan, q: QuarterAttainment, outcome: CheckOutcome) -> None:
        errors = len(outcome.errors)
        if errors:
            self.wrap(Text(
                f"Có {format_number(errors)} lỗi trong kho kế hoạch; các tệp lỗi không được "
                "tính — chạy kehoach validate để xem.",
                style="yellow",
            ))
            self.blank()
        title = "Những nội dung cần chú ý" if self.attention_only else "Tình hình thực hiện"
        self.wrap_keeping_end(f"{title} — Kế hoạch {plan_title(plan)}" if self.attention_only
                              else f"{title} Kế hoạch {plan_title(plan)}", quarter_name(q),
                              "bold")
        if not q.has_data:
            self.blank()
            self.wrap(Text(
                f"{quarter_name(q)[:1].upper()}{quarter_name(q)[1:]} chưa có đơn vị nào gửi "
                f"báo cáo (hạn gửi: {short_date(q.deadline)})."
            ))
            return
        self.targets(plan, q, attention(q) if self.attention_only else q)
        self.tasks(plan, q)
        self.submissions(plan, q)

    def targets(self, plan: Plan, q: QuarterAttainment, shown: QuarterAttainment) -> None:
        """The targets of ``shown`` (all of ``q``'s, or those needing attention), numbered
        as in the whole view."""
        counts = Text()
        if self.attention_only:
            for level in ("nguy_co", "can_tang_toc"):
                n = sum(1 for t in shown.targets if t.forecast and t.forecast.level == level)
                if n:
                    if counts.plain:
                        counts.append(" · ")
                    counts.append(f"{format_number(n)} {FORECAST_TEXT[level].lower()}",
                                  style=FORECAST_STYLES[level])
            behind = sum(1 for t in shown.targets if t.progress == "cham_tien_do")
            if behind:
                counts.append(" · " if counts.plain else "")
                counts.append(f"{format_number(behind)} chậm so với lộ trình", style="red")
            self.heading(f"CHỈ TIÊU CẦN CHÚ Ý ({format_number(len(shown.targets))}/"
                         f"{format_number(len(q.targets))})", counts)
            unknown = sum(1 for t in q.targets
                          if t.forecast and t.forecast.level == "chua_du_so_lieu")
            if unknown:
                self.wrap(Text(f"{format_number(unknown)} chỉ tiêu chưa đủ số liệu để dự báo "
                               "(cần giá trị đầu năm hoặc thêm một quý).", style="dim"))
        else:
            for state in TARGET_STATES:
                n = q.count_targets(state)
                if n:
                    if counts.plain:
                        counts.append(" · ")
                    counts.append(f"{format_number(n)} {TARGET_STATE_TEXT[state].lower()}",
                                  style=TARGET_STYLES[state])
            self.heading(f"CHỈ TIÊU ({format_number(len(q.targets))})", counts)
        if not q.targets:
            self.wrap(Text("Kế hoạch chưa có chỉ tiêu nào."))
            return
        if not shown.targets:
            self.wrap(Text("Không có chỉ tiêu nào chưa đạt." if q.period.quarter == 4 else
                           "Không có chỉ tiêu nào có nguy cơ không đạt hoặc cần tăng tốc."))
            return
        keep = {id(t) for t in shown.targets}
        number_width = len(str(len(q.targets)))
        indent = number_width + 2
        ratio_width = max(
            [cell_len(format_percent(t.ty_le_dat)) for t in shown.targets
             if t.ty_le_dat is not None] or [1]
        )
        number = 0
        for heading, group in group_targets(plan, q.targets):
            if any(id(t) in keep for t in group):
                self.blank()
                self.wrap(Text(heading, style="bold"))
            for t in group:
                number += 1
                if id(t) in keep:
                    self.blank()
                    self.target(t, plan, q, f"{number:>{number_width}}. ", indent,
                                ratio_width)

    def target(
        self, t: TargetAttainment, plan: Plan, q: QuarterAttainment, prefix: str,
        indent: int, ratio_width: int,
    ) -> None:
        target = t.target
        unit = target.don_vi_tinh
        quarter = roman(q.period.quarter)
        self.wrap(Text(" ".join(target.ten.split())), indent, Text(prefix))

        label = f"Lũy kế đến quý {quarter}" if target.luy_ke else f"Quý {quarter}"
        figures = [_pair("Kế hoạch", goal_text(target.so_sanh, t.goal, target.don_vi_tinh))]
        if t.value is None:
            figures.append(_pair(label, "—"))
        else:
            shown = format_value(t.value, unit)
            if t.tu_so is not None and t.mau_so is not None:
                shown += f" ({format_number(t.tu_so)}/{format_number(t.mau_so)})"
            figures.append(_pair(label, shown, "bold"))
        if t.previous is not None:
            before = roman(q.period.quarter - 1)
            label = f"Lũy kế đến quý {before}" if target.luy_ke else f"Quý {before}"
            shown = format_value(t.previous, unit)
            if t.change is not None:
                shown += f" ({format_signed(t.change)})"
            figures.append(_pair(label, shown))
        self.flow(figures, indent)

        style = TARGET_STYLES[t.state]
        start = Text()
        start.append("Tỷ lệ đạt: ")
        if t.ty_le_dat is None:
            start.append("—".rjust(ratio_width) + " " + " " * BAR_CELLS)
        else:
            start.append(format_percent(t.ty_le_dat).rjust(ratio_width) + " ")
            start.append(bar(t.ty_le_dat), style=style.replace("bold ", ""))
        start.append("  ")
        start.append(TARGET_STATE_TEXT[t.state], style=style)
        self.flow([], indent, start)
        if t.milestone is not None:
            sign = COMPARISON_SIGN[target.so_sanh]
            step = Text(f"Lộ trình quý {quarter}: {sign} {format_value(t.milestone, unit)}")
            if t.progress is not None:
                step.append(" — ")
                step.append(PROGRESS_LABELS[t.progress], style=PROGRESS_STYLES[t.progress])
            self.flow([step], indent)
        if t.forecast is not None:
            self.wrap(forecast_line(t), indent + 2, Text(" " * indent))

        if t.missing_units:
            names = ", ".join(_unit_name(plan, u) for u in t.missing_units)
            missing = Text()
            missing.append("Thiếu số liệu: ", style="yellow")
            missing.append(names)
            self.wrap(missing, indent + 2, Text(" " * indent))

    def tasks(self, plan: Plan, q: QuarterAttainment) -> None:
        if self.attention_only:
            listed = attention(q).tasks
            self.heading(f"NHIỆM VỤ CẦN CHÚ Ý ({format_number(len(listed))}/"
                         f"{format_number(len(q.tasks))})")
            if not listed:
                self.wrap(Text("Không có nhiệm vụ nào quá hạn, chưa báo cáo hoặc sắp đến "
                               "hạn."))
        else:
            self.heading(f"NHIỆM VỤ ({format_number(len(q.tasks))})")
            if not q.tasks:
                self.wrap(Text("Kế hoạch chưa có nhiệm vụ nào."))
                return
            self.task_counts(q)
        for state in ("qua_han", "chua_bao_cao"):
            self.task_list(plan, TASK_LABELS[state], TASK_STYLES[state],
                           [t for t in q.tasks if t.state == state])
        following = ("quý I năm sau" if q.period.quarter == 4
                     else f"quý {roman(q.period.quarter + 1)}")
        self.task_list(plan, f"Sắp đến hạn (trong {following})", "yellow",
                       [t for t in q.tasks
                        if t.due_soon and t.state not in ("qua_han", "chua_bao_cao")])

    def task_counts(self, q: QuarterAttainment) -> None:
        label_width = max(cell_len(label) for label in TASK_LABELS.values())
        counts = {state: q.count_tasks(state) for state in TASK_LABELS}
        count_width = max(len(format_number(n)) for n in counts.values())
        for state, label in TASK_LABELS.items():
            n = counts[state]
            line = Text("  ")
            line.append(label.ljust(label_width), style=TASK_STYLES[state] if n else "dim")
            line.append("  " + format_number(n).rjust(count_width), style="" if n else "dim")
            self.lines.append(line)

    def task_list(self, plan: Plan, label: str, style: str,
                  listed: Sequence[TaskAttainment]) -> None:
        if not listed:
            return
        self.blank()
        self.lines.append(Text(f"  {label}:", style=style))
        for t in listed:
            self.task(plan, t)

    def task(self, plan: Plan, t: TaskAttainment) -> None:
        self.wrap(Text(" ".join(t.task.ten.split())), 6, Text("    • "))
        details = [
            _pair("Chủ trì", _unit_name(plan, t.task.chu_tri)),
            _pair("Hạn", short_date(t.deadline)),
        ]
        if t.reported is not None:
            details.append(_pair("Báo cáo", REPORTED_LABELS[t.reported]))
        elif t.overdue:
            details.append(Text("Đã quá hạn", style="bold red"))
        if t.due_soon and t.state == "chua_bao_cao":
            details.append(Text("Sắp đến hạn", style="yellow"))
        self.flow(details, 6)

    def submissions(self, plan: Plan, q: QuarterAttainment) -> None:
        required = [s for s in q.submissions if s.required]
        sent = [s for s in required if s.state != "chua_nop"]
        late = sum(1 for s in sent if s.state == "tre_han")
        missing = len(required) - len(sent)
        voluntary = [s for s in q.submissions if not s.required]
        self.heading(f"GỬI BÁO CÁO — hạn {short_date(q.deadline)}")
        summary = Text(
            f"{format_number(len(sent))}/{format_number(len(required))} đơn vị phải báo cáo "
            f"đã gửi ({format_number(len(sent) - late)} đúng hạn, {format_number(late)} trễ "
            f"hạn)"
        )
        if missing:
            summary.append(", ")
            summary.append(f"{format_number(missing)} chưa nộp", style="bold red")
        if voluntary:
            summary.append(f"; {format_number(len(voluntary))} đơn vị gửi tự nguyện")
        summary.append(".")
        self.wrap(summary, 2, Text("  "))
        listed = (attention(q).submissions if self.attention_only else q.submissions)
        if not listed:
            return
        self.blank()
        rows = [self._submission_row(plan, s) for s in listed]
        date_width = max(cell_len("Ngày gửi"), *(cell_len(r[1]) for r in rows))
        state_width = max(cell_len("Tình trạng"), *(cell_len(r[2].plain) for r in rows))
        name_room = self.width - 2 - 2 - date_width - 2 - state_width
        name_width = min(max(cell_len("Đơn vị"), *(cell_len(r[0]) for r in rows)), name_room)
        header = Text("  ")
        header.append(
            f"{'Đơn vị'.ljust(name_width)}  {'Ngày gửi'.ljust(date_width)}  Tình trạng",
            style="bold",
        )
        self.lines.append(header)
        for name, date, state in rows:
            pieces = Text(name).wrap(self._console, name_width)
            for i, piece in enumerate(pieces):
                piece.rstrip()
                line = Text("  ")
                line.append_text(piece)
                if i == 0:
                    line.append(" " * (name_width - cell_len(piece.plain)) + "  ")
                    line.append(date.ljust(date_width) + "  ")
                    line.append_text(state)
                self.lines.append(line)

    @staticmethod
    def _submission_row(plan: Plan, s: UnitSubmission) -> tuple[str, str, Text]:
        name = _unit_name(plan, s.unit) + ("" if s.required else " (tự nguyện)")
        date = short_date(s.sent) if s.sent is not None else "—"
        if not s.required:  # not bound by the deadline: sent, neither on time nor late
            return name, date, Text("Đã gửi", style="green")
        if s.state == "dung_han":
            label = "Đúng hạn"
        elif s.state == "tre_han":
            label = f"Trễ hạn {format_number(s.days_late)} ngày"
        else:
            label = "Chưa nộp"
        return name, date, Text(label, style=SUBMISSION_STYLES[s.state])


def forecast_line(t: TargetAttainment) -> Text:
    """``Dự báo cuối năm: 52% — cần tăng tốc (cần tăng thêm khoảng 9,3 điểm phần trăm
    mỗi quý)``: where the target is heading and, when it falls short, what it takes."""
    forecast = t.forecast
    assert forecast is not None
    target = t.target
    line = Text("Dự báo cuối năm: ")
    if forecast.year_end is not None:
        line.append(format_value(forecast.year_end, target.don_vi_tinh) + " — ")
    line.append(FORECAST_TEXT[forecast.level].lower(), style=FORECAST_STYLES[forecast.level])
    if forecast.needed is not None and forecast.level in ("can_tang_toc", "nguy_co"):
        advice = catch_up_text(forecast.needed, target.don_vi_tinh, target.so_sanh,
                               target.luy_ke)
        line.append(f" ({advice})")
    elif forecast.level == "chua_du_so_lieu":
        line.append(" (cần giá trị đầu năm hoặc thêm một quý)")
    return line


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits with 1 when the reader closes the pipe; the one error handler
        (``__main__``) ends quietly with 0 instead, as git does."""
        self.quiet = True
        raise BrokenPipeError


def _pair(label: str, value: str, style: str = "") -> Text:
    text = Text(f"{label}: ")
    text.append(value, style=style)
    return text


def _unit_name(plan: Plan, unit: str) -> str:
    found = plan.units.get(unit)
    return found.ten if found is not None else unit
