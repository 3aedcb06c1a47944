"""The attainment chart: one horizontal bar per target, with the 100% line.

matplotlib is imported here only, and only when a report is rendered (pyplot never: its
import alone costs a third of a second and its global state is not needed). The chart is
drawn with matplotlib's default settings and its bundled DejaVu Sans, whatever the
user's matplotlibrc or installed fonts, and the PNG is written without timestamps or
software tags: the same figures give the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from ..numbers import format_percent

GREEN = "#2e7d32"
ORANGE = "#ef6c00"
GREY = "#9e9e9e"
RED = "#c62828"

LEGEND = {
    GREEN: "Đạt mục tiêu năm",
    ORANGE: "Chưa đạt mục tiêu năm",
    GREY: "Chưa có số liệu",
}

LABEL_WIDTH = 46  # characters per label line
LABEL_LINES = 2
CAP = 150.0  # longer bars are cut here (their figure is still written in full)
FONT_SIZE = 7.5


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "1. Tỷ trọng kinh tế số trong GRDP"
    ratio: float | None  # percent of the target attained; None: no data
    attained: bool


def wrap_label(label: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """At most ``lines`` lines of ``width`` characters, the last one shortened with "…"."""
    wrapped = textwrap.wrap(" ".join(label.split()), width=width, break_long_words=False)
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    head = wrapped[: lines - 1]
    rest = " ".join(wrapped[lines - 1 :])
    return "\n".join([*head, textwrap.shorten(rest, width=width, placeholder=" …")])


def colour_of(bar: Bar) -> str:
    if bar.ratio is None:
        return GREY
    return GREEN if bar.attained else ORANGE


def render_chart(bars: Sequence[Bar], title: str = "", *, width_cm: float = 16.0) -> bytes:
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # a user's matplotlibrc must not change the report
        matplotlib.rcParams["font.family"] = "DejaVu Sans"  # bundled with matplotlib
        matplotlib.rcParams["svg.hashsalt"] = "kehoach"
        return _draw(bars, title, width_cm)


def _draw(bars: Sequence[Bar], title: str, width_cm: float) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = max(len(bars), 1)
    labels = [wrap_label(b.label) for b in bars]
    two_line = any("\n" in label for label in labels)
    row_in = 0.29 if two_line else 0.25
    width_in = width_cm / 2.54
    height_in = 1.0 + row_in * rows
    fig = Figure(figsize=(width_in, height_in), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    shown = [min(b.ratio, CAP) if b.ratio is not None else 0.0 for b in bars]
    colours = [colour_of(b) for b in bars]
    positions = list(range(rows - 1, -1, -1))[: len(bars)]
    ax.barh(positions, shown, color=colours, height=0.62, zorder=2)
    for y, bar, value in zip(positions, bars, shown, strict=True):
        if bar.ratio is None:
            ax.text(1.5, y, "chưa có số liệu", va="center", fontsize=FONT_SIZE, color="#616161")
        else:
            ax.text(max(value, 100.0) + 1.5, y, format_percent(bar.ratio), va="center",
                    fontsize=FONT_SIZE)  # fmt: skip
    ax.axvline(100, color=RED, linewidth=1.1, linestyle="--", zorder=3)
    ax.text(100, rows - 0.35, "100%", color=RED, fontsize=FONT_SIZE, ha="center", va="bottom")
    ax.set_yticks(positions, labels, fontsize=FONT_SIZE)
    ax.set_xlim(0, CAP + 12)
    ax.set_ylim(-0.6, rows - 0.2)
    ticks = list(range(0, int(CAP) + 1, 25))
    ax.set_xticks(ticks, [format_percent(t) for t in ticks], fontsize=FONT_SIZE)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6, zorder=0)
    ax.set_xlabel("Tỷ lệ đạt so với mục tiêu năm", fontsize=8)
    if title:
        ax.set_title(title, fontsize=9, fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    present = [c for c in LEGEND if c in colours]
    if present:
        fig.legend(
            handles=[Patch(color=c, label=LEGEND[c]) for c in present],
            loc="lower center",
            ncols=len(present),
            fontsize=FONT_SIZE,
            frameon=False,
        )
    # Margins in inches, so the plot keeps its place whatever the number of bars. They are
    # set here rather than by tight_layout, which would lay the figure out and draw it
    # once more (a third of the chart's cost).
    longest = max((len(line) for label in labels for line in label.split("\n")), default=10)
    label_in = longest * FONT_SIZE * 0.55 / 72 + 0.2
    fig.subplots_adjust(
        left=min(label_in / width_in, 0.5),
        right=0.976,
        bottom=0.88 / height_in,
        top=1 - 0.22 / height_in,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


__all__ = ["Bar", "render_chart", "wrap_label"]
