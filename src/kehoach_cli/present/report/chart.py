"""The attainment chart: one horizontal bar per target, with the 100% line.

matplotlib is imported here only, and only when a report is rendered. The PNG is
written without timestamps or software tags, so the same figures give the same bytes.
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


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "1. Tỷ trọng kinh tế số trong GRDP"
    ratio: float | None  # percent of the target attained; None: no data
    attained: bool


def render_chart(bars: Sequence[Bar], title: str, *, width_cm: float = 16.0) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    del plt  # the pyplot state machine is not used; a Figure is drawn on its own
    rows = max(len(bars), 1)
    width_in = width_cm / 2.54
    height_in = 0.9 + 0.36 * rows
    matplotlib.rcParams["svg.hashsalt"] = "kehoach"
    fig = Figure(figsize=(width_in, height_in), dpi=150)
    ax = fig.add_subplot()
    labels = [textwrap.shorten(b.label, width=48, placeholder="…") for b in bars]
    shown = [min(b.ratio, 150.0) if b.ratio is not None else 0.0 for b in bars]
    colours = [GREY if b.ratio is None else (GREEN if b.attained else ORANGE) for b in bars]
    positions = list(range(rows - 1, -1, -1))[: len(bars)]
    ax.barh(positions, shown, color=colours, height=0.62)
    top = max([110.0, *[s + 12 for s in shown]])
    for y, bar, value in zip(positions, bars, shown, strict=True):
        text = "chưa có số liệu" if bar.ratio is None else format_percent(bar.ratio)
        ax.text(max(value, 100.0) + 1.5, y, text, va="center", fontsize=7.5)
    ax.axvline(100, color="#c62828", linewidth=1.1, linestyle="--")
    ax.text(100, rows - 0.35, "100%", color="#c62828", fontsize=7.5, ha="center", va="bottom")
    ax.set_yticks(positions, labels, fontsize=7.5)
    ax.set_xlim(0, top)
    ax.set_ylim(-0.6, rows - 0.2)
    ax.set_xlabel("Tỷ lệ đạt so với mục tiêu năm (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7.5)
    ax.set_title(title, fontsize=9, fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
