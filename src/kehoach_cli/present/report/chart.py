"""The attainment chart: one horizontal bar per target, with the 100% line and, in
quarters I-III, a diamond where the target is heading by the end of the year.

Drawn with Pillow in the bundled Liberation Serif (metric-compatible with Times New Roman,
the report's font, and complete for Vietnamese), so the chart looks the same on every
machine whatever fonts are installed. Every length is set in points and turned into
pixels at ``DPI``; text widths are measured, not guessed, so labels wrap where they
really end. The PNG carries no timestamp or software tag: the same figures give the same
bytes with the same Pillow (its FreeType draws the glyphs) and the same zlib.

Pillow is imported here only, when a report is rendered (about 15 ms; matplotlib, which
drew this chart before, cost half a second to import and more to draw); Pillow's own
encoder writes the PNG.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...vocab.numbers import format_percent

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

GREEN = "#2e7d32"
ORANGE = "#ef6c00"
GREY = "#9e9e9e"
RED = "#c62828"
INK = "#212121"
MUTED = "#616161"
GRID = "#e0e0e0"

LEGEND = {
    GREEN: "Đạt mục tiêu năm",
    ORANGE: "Chưa đạt mục tiêu năm",
    GREY: "Chưa có số liệu",
}
NO_DATA = "chưa có số liệu"
PROJECTION = "Dự báo cuối năm"

FONTS = Path(__file__).with_name("fonts")
REGULAR = FONTS / "LiberationSerif-Regular.ttf"
BOLD = FONTS / "LiberationSerif-Bold.ttf"

DPI = 200
CAP = 150  # longer bars are cut here, with a break mark (their figure is written in full)
TICK_STEP = 25
LABEL_LINES = 2
LABEL_SHARE = 0.42  # labels take at most this share of the width
MAX_HEIGHT_CM = 22.0  # an A4 page's text height, less the caption and some air

# Sizes in points.
LABEL_PT = 8.5
TICK_PT = 8.0
TITLE_PT = 10.5
MARGIN_PT = 6.0
GAP_PT = 4.0
TICK_LEN_PT = 3.0
LINE_SPACING = 1.05  # of the label size, between the lines of one label
ROW_PAD_PT = 3.0  # above and below the label lines of a row
BAR_SHARE = 0.64  # of the row's height
DIAMOND_SHARE = 0.28  # the projection mark's half-height, of the row's height
LEGEND_GAP_PT = 8.0  # between the axis figures and the legend


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "1. Tỷ trọng kinh tế số trong GRDP"
    ratio: float | None  # percent of the target attained; None: no data
    attained: bool
    projected: float | None = None  # percent of the goal the year-end forecast attains


def px(points: float) -> int:
    return round(points * DPI / 72)


@functools.lru_cache(maxsize=16)
def font(points: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    # The basic layout engine: the same glyph positions whether or not the machine has
    # libraqm; Vietnamese in NFC needs no shaping.
    return ImageFont.truetype(
        str(BOLD if bold else REGULAR), px(points), layout_engine=ImageFont.Layout.BASIC
    )


def colour_of(bar: Bar) -> str:
    if bar.ratio is None:
        return GREY
    return GREEN if bar.attained else ORANGE


Measure = Callable[[str], float]


def wrap_label(
    label: str, fits: int, measure: Measure | None = None, lines: int = LABEL_LINES
) -> list[str]:
    """At most ``lines`` lines no wider than ``fits`` pixels, the last one shortened
    with "…" when the label is longer. A single word wider than a line is cut too."""
    width = measure or _WordWidths(font(LABEL_PT))
    words = label.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if not current or width(candidate) <= fits:
            current = candidate
            continue
        if len(out) == lines - 1:  # the last line takes the rest, shortened
            out.append(_shorten(" ".join([current, *words[i:]]), fits, width))
            return out
        out.append(_shorten(current, fits, width))
        current = word
    if current:
        out.append(_shorten(current, fits, width))
    return out


def _length(f: ImageFont.FreeTypeFont, text: str) -> float:
    return float(f.getlength(text))


def _shorten(text: str, fits: int, width: Measure) -> str:
    if width(text) <= fits:
        return text
    words = text.split()
    while len(words) > 1 and width(" ".join(words) + " …") > fits:
        words.pop()
    shortened = " ".join(words)
    while shortened and width(shortened + " …") > fits:  # one word wider than the line
        shortened = shortened[:-1]
    return shortened.rstrip() + " …"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where everything goes, in pixels."""

    width: int
    height: int
    labels: tuple[tuple[str, ...], ...]
    line_h: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    row_h: int
    legend_middle: int

    @property
    def pad(self) -> int:
        return self.row_h // 4

    @property
    def diamond(self) -> int:
        return round(self.row_h * DIAMOND_SHARE)

    def x(self, value: float) -> int:
        """The pixel column of a percentage on the axis."""
        return self.plot_left + round(value / CAP * (self.plot_right - self.plot_left))

    def row_middle(self, index: int) -> int:
        return self.plot_top + self.pad + index * self.row_h + self.row_h // 2


class _WordWidths:
    """A line's width as the sum of its words' and spaces' widths, each measured once:
    wrapping 16 labels measures a few hundred candidate lines."""

    def __init__(self, f: ImageFont.FreeTypeFont) -> None:
        self._font = f
        self._space = _length(f, " ")
        self._words: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        words = text.split(" ")
        total = self._space * (len(words) - 1)
        for word in words:
            known = self._words.get(word)
            if known is None:
                known = self._words[word] = _length(self._font, word)
            total += known
        return total


def render_chart(bars: Sequence[Bar], title: str = "", *, width_cm: float = 16.0) -> bytes:
    """The chart as PNG bytes, ``width_cm`` wide when placed at its resolution.

    Labels take two lines while the chart stays within ``MAX_HEIGHT_CM``; a longer list
    (a province's 30 bars) gets one line each, so the chart still fits an A4 page.
    """
    from PIL import Image, ImageDraw

    width = round(width_cm / 2.54 * DPI)
    layout = _layout(bars, title, width, LABEL_LINES)
    if layout.height > MAX_HEIGHT_CM / 2.54 * DPI:
        layout = _layout(bars, title, width, 1)
    image = Image.new("RGB", (width, layout.height), "white")
    draw = ImageDraw.Draw(image)
    margin, gap = px(MARGIN_PT), px(GAP_PT)
    label_font, tick_font = font(LABEL_PT), font(TICK_PT)
    if title:
        draw.text((width // 2, margin), title, fill=INK, font=font(TITLE_PT, True), anchor="mt")
    _draw_grid(draw, layout, tick_font)
    for index, (bar, lines) in enumerate(zip(bars, layout.labels, strict=True)):
        _draw_row(draw, layout, index, bar, lines, label_font, gap)
    _draw_hundred(draw, layout, tick_font)
    for index, bar in enumerate(bars):
        if bar.projected is not None:
            x = layout.x(max(min(bar.projected, CAP), 0.0))
            _draw_diamond(draw, x, layout.row_middle(index), layout.diamond)
    _draw_axes(draw, layout)
    present = [c for c in LEGEND if c in map(colour_of, bars)]
    projection = any(b.projected is not None for b in bars)
    _draw_legend(draw, width, layout.legend_middle, present, projection)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()



def _layout(bars: Sequence[Bar], title: str, width: int, lines: int) -> _Layout:
    label_font = font(LABEL_PT)
    measure = _WordWidths(label_font)
    margin, gap = px(MARGIN_PT), px(GAP_PT)
    labels = tuple(
        tuple(wrap_label(b.label, round(width * LABEL_SHARE), measure, lines)) for b in bars
    )
    label_w = max((_length(label_font, line) for ls in labels for line in ls), default=0.0)
    lines_per_row = max((len(ls) for ls in labels), default=1)
    line_h = px(LABEL_PT * LINE_SPACING)
    title_h = px(TITLE_PT * 1.6) if title else 0
    # Room right of the plot for the widest figure written there ("999,9%" at least, so
    # the plot keeps its width from quarter to quarter; ratios are not capped).
    figures = [format_percent(999.9)] + [format_percent(b.ratio) for b in bars if b.ratio]
    plot_top = margin + title_h + px(TICK_PT * 1.4)  # room for "100%" above the plot
    row_h = lines_per_row * line_h + px(ROW_PAD_PT)
    value_room = round(max(_length(label_font, f) for f in figures)) + gap
    if any(b.projected is not None for b in bars):  # a mark at the cap pushes its figure
        value_room += round(row_h * DIAMOND_SHARE) + gap
    rows = max(len(bars), 1)
    plot_bottom = plot_top + rows * row_h + 2 * (row_h // 4)
    # Below the plot: ticks and their figures, some air, the legend. (No axis title: the
    # caption under the picture, "Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm…", says it.)
    legend_top = plot_bottom + px(TICK_LEN_PT) + gap + px(TICK_PT * 1.3) + px(LEGEND_GAP_PT)
    legend_h = px(LABEL_PT * 1.4)
    return _Layout(
        width=width,
        height=legend_top + legend_h + margin,
        legend_middle=legend_top + legend_h // 2,
        labels=labels,
        line_h=line_h,
        plot_left=margin + round(label_w) + gap + px(TICK_LEN_PT),
        plot_right=width - margin - value_room,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        row_h=row_h,
    )


def _draw_grid(draw: ImageDraw.ImageDraw, layout: _Layout, tick_font: ImageFont.FreeTypeFont
               ) -> None:  # fmt: skip
    line = max(px(0.6), 1)
    for value in range(0, CAP + 1, TICK_STEP):
        x = layout.x(value)
        if value:
            draw.line([(x, layout.plot_top), (x, layout.plot_bottom)], fill=GRID, width=line)
        tick_end = layout.plot_bottom + px(TICK_LEN_PT)
        draw.line([(x, layout.plot_bottom), (x, tick_end)], fill=INK, width=max(px(0.7), 1))
        draw.text((x, tick_end + px(GAP_PT)), format_percent(value), fill=INK, font=tick_font,
                  anchor="mt")  # fmt: skip


def _draw_row(
    draw: ImageDraw.ImageDraw,
    layout: _Layout,
    index: int,
    bar: Bar,
    lines: tuple[str, ...],
    label_font: ImageFont.FreeTypeFont,
    gap: int,
) -> None:
    middle = layout.row_middle(index)
    line_h = layout.line_h
    first = middle - (len(lines) - 1) * line_h / 2
    label_right = layout.plot_left - px(TICK_LEN_PT) - gap
    for n, line in enumerate(lines):
        draw.text((label_right, round(first + n * line_h)), line, fill=INK, font=label_font,
                  anchor="rm")  # fmt: skip
    tick = max(px(0.7), 1)
    draw.line([(layout.plot_left - px(TICK_LEN_PT), middle), (layout.plot_left, middle)],
              fill=INK, width=tick)  # fmt: skip
    if bar.ratio is None:
        draw.text((layout.plot_left + gap, middle), NO_DATA, fill=MUTED, font=label_font,
                  anchor="lm")  # fmt: skip
        return
    half = round(layout.row_h * BAR_SHARE / 2)
    shown = max(min(bar.ratio, CAP), 0.0)
    end = layout.x(shown)
    if end > layout.plot_left:
        draw.rectangle([layout.plot_left, middle - half, end - 1, middle + half - 1],
                       fill=colour_of(bar))  # fmt: skip
    if bar.ratio > CAP:  # cut: two white strokes across the bar's end
        for shift in (px(7), px(4)):
            x = end - shift
            draw.line([(x - px(1.5), middle + half + 1), (x + px(1.5), middle - half - 1)],
                      fill="white", width=max(px(1.1), 2))  # fmt: skip
    text_x = layout.x(max(min(bar.ratio, CAP), 100)) + gap
    if bar.projected is not None:  # the figure goes right of the projection mark
        text_x = max(text_x, layout.x(max(min(bar.projected, CAP), 0.0)) + layout.diamond + gap)
    draw.text((text_x, middle), format_percent(bar.ratio), fill=INK, font=label_font,
              anchor="lm")  # fmt: skip


def _draw_hundred(draw: ImageDraw.ImageDraw, layout: _Layout,
                  tick_font: ImageFont.FreeTypeFont) -> None:  # fmt: skip
    """The red dashed line at 100% with its figure above the plot."""
    x = layout.x(100)
    dash, space, width = px(4), px(2.5), max(px(1.1), 2)
    y = layout.plot_top
    while y < layout.plot_bottom:
        draw.line([(x, y), (x, min(y + dash, layout.plot_bottom))], fill=RED, width=width)
        y += dash + space
    draw.text((x, layout.plot_top - px(2)), format_percent(100), fill=RED, font=tick_font,
              anchor="md")  # fmt: skip


def _draw_axes(draw: ImageDraw.ImageDraw, layout: _Layout) -> None:
    width = max(px(0.8), 2)
    half = width // 2
    left, bottom = layout.plot_left, layout.plot_bottom
    draw.line([(left - half, layout.plot_top), (left - half, bottom)], fill=INK, width=width)
    draw.line([(left - width, bottom), (layout.plot_right, bottom)], fill=INK, width=width)


def _draw_diamond(draw: ImageDraw.ImageDraw, x: int, y: int, half: int) -> None:
    """The projection mark: a white diamond outlined in ink, seen on a bar and off it."""
    draw.polygon([(x, y - half), (x + half, y), (x, y + half), (x - half, y)], fill="white",
                 outline=INK, width=max(px(0.9), 2))  # fmt: skip


def _draw_legend(draw: ImageDraw.ImageDraw, width: int, y: int, colours: list[str],
                 projection: bool = False) -> None:  # fmt: skip
    if not colours and not projection:
        return
    legend_font = font(LABEL_PT)
    box, inner, between = px(LABEL_PT * 0.9), px(4), px(16)
    items: list[tuple[str | None, str]] = [(c, LEGEND[c]) for c in colours]
    if projection:
        items.append((None, PROJECTION))
    widths = [round(_length(legend_font, text)) for _, text in items]
    total = sum(box + inner + w for w in widths) + between * (len(items) - 1)
    x = (width - total) // 2
    for (colour, text), text_w in zip(items, widths, strict=True):
        if colour is None:
            _draw_diamond(draw, x + box // 2, y, box // 2 + px(0.5))
        else:
            draw.rectangle([x, y - box // 2, x + box - 1, y + box // 2], fill=colour)
        draw.text((x + box + inner, y), text, fill=INK, font=legend_font, anchor="lm")
        x += box + inner + text_w + between


__all__ = ["Bar", "render_chart", "wrap_label"]
