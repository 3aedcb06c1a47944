"""The attainment chart, read back from its own pixels.

The PNG is opened with Pillow and checked where the code defines exact values: the size
and resolution, the solid colours of the bars, the break mark, the dashed 100% line and
the legend squares, the wrapping of the labels, the bundled fonts' Vietnamese glyphs and
the hand-written PNG encoder. Anti-aliased text gives in-between colours, so exact colours
are only looked for on solid areas.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from collections.abc import Sequence

import pytest
from PIL import Image, ImageDraw, ImageFont

from kehoach_cli.present.report import chart
from kehoach_cli.present.report.chart import (
    CAP,
    DPI,
    GREEN,
    GREY,
    LABEL_PT,
    MARGIN_PT,
    MAX_HEIGHT_CM,
    MUTED,
    ORANGE,
    RED,
    Bar,
    render_chart,
    wrap_label,
)

RGB = tuple[int, int, int]

LONG = "1. Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình"
LONG_LABELS = [
    "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
    "Tỷ lệ hồ sơ giải quyết thủ tục hành chính được số hóa kết quả giải quyết",
    "Tỷ lệ người dân trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân",
    "Tỷ trọng kinh tế số trong tổng sản phẩm trên địa bàn của xã (GRDP)",
]
WIDTH = round(16 / 2.54 * DPI)  # the default 16 cm at 200 dpi
MAX_HEIGHT = MAX_HEIGHT_CM / 2.54 * DPI


def rgb(colour: str) -> RGB:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def draw(bars: Sequence[Bar], title: str = "") -> Image.Image:
    return png_image(render_chart(bars, title)).convert("RGB")


def layout(bars: Sequence[Bar], title: str = "", lines: int = 2) -> chart._Layout:
    return chart._layout(bars, title, WIDTH, lines)


def half_bar(lay: chart._Layout) -> int:
    return round(lay.row_h * chart.BAR_SHARE / 2)


def row(image: Image.Image, y: int, x0: int, x1: int) -> list[RGB]:
    """The pixels of line ``y`` from column ``x0`` up to, not including, ``x1``."""
    pixels = image.load()
    assert pixels is not None
    return [pixels[x, y] for x in range(x0, x1)]  # type: ignore[misc]


def longest_run(pixels: Sequence[RGB], colour: RGB) -> int:
    best = run = 0
    for pixel in pixels:
        run = run + 1 if pixel == colour else 0
        best = max(best, run)
    return best


def exact_box(
    image: Image.Image, colour: RGB, top: int = 0, bottom: int | None = None, solid: int = 6
) -> tuple[int, int, int, int] | None:
    """The bounding box (inclusive) of the solid areas exactly ``colour`` between two lines:
    pixels inside a ``solid`` x ``solid`` square of that colour. Anti-aliased text has a
    stray pixel of any grey now and then, never a square of it."""
    bottom = image.height if bottom is None else bottom
    hits = {
        (x, y)
        for y in range(top, bottom)
        for x, pixel in enumerate(row(image, y, 0, image.width))
        if pixel == colour
    }
    corners = [
        (x, y)
        for x, y in hits
        if all((x + i, y + j) in hits for i in range(solid) for j in range(solid))
    ]
    if not corners:
        return None
    return (
        min(x for x, _ in corners),
        min(y for _, y in corners),
        max(x for x, _ in corners) + solid - 1,
        max(y for _, y in corners) + solid - 1,
    )


# --- the image as a whole ------------------------------------------------------------------


def test_the_chart_is_a_valid_rgb_png_16_cm_wide_at_200_dpi() -> None:
    data = render_chart([Bar(LONG, 120.0, True), Bar("2. Tỷ lệ hộ nghèo", 80.0, False)])
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    Image.open(io.BytesIO(data)).verify()
    image = png_image(data)
    assert image.format == "PNG"
    assert image.mode == "RGB"
    assert WIDTH == 1260
    assert image.width == 1260
    assert (
        image.height
        == layout([Bar(LONG, 120.0, True), Bar("2. Tỷ lệ hộ nghèo", 80.0, False)]).height
    )
    dpi_x, dpi_y = image.info["dpi"]
    assert dpi_x == pytest.approx(200, abs=0.01)
    assert dpi_y == pytest.approx(200, abs=0.01)


def test_width_follows_width_cm() -> None:
    data = render_chart([Bar(LONG, 120.0, True)], width_cm=10.0)
    assert png_image(data).width == round(10 / 2.54 * DPI) == 787


def test_the_same_bars_give_the_same_bytes() -> None:
    bars = [
        Bar(LONG, 120.0, True),
        Bar("2. Tỷ lệ hộ nghèo theo chuẩn đa chiều", 64.5, False),
        Bar("3. Số doanh nghiệp thành lập mới", None, False),
        Bar("4. Thu ngân sách nhà nước trên địa bàn", 180.0, True),
    ]
    first = render_chart(bars, "Quý II năm 2026")
    assert render_chart(list(bars), "Quý II năm 2026") == first
    assert render_chart(bars, "Quý III năm 2026") != first


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG, their CRCs checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out = []
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        out.append((kind, body))
        at += 12 + length
    assert at == len(data)
    return out


def test_the_png_holds_no_timestamp_nor_software_tag() -> None:
    data = render_chart([Bar(LONG, 120.0, True)])
    kinds = [kind for kind, _ in chunks(data)]
    assert list(dict.fromkeys(kinds)) == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    assert dict(chunks(data))[b"pHYs"] == struct.pack(">IIB", 7874, 7874, 1)  # 200 dpi


def test_more_bars_make_a_taller_chart() -> None:
    heights = [
        draw([Bar(f"{i}. {LONG_LABELS[i % 4]}", 90.0 + i, i % 2 == 0) for i in range(n)]).height
        for n in (1, 2, 5, 9)
    ]
    assert heights == sorted(heights)
    assert len(set(heights)) == len(heights)


def test_an_empty_list_still_gives_a_chart() -> None:
    image = draw([])
    assert image.size == (WIDTH, layout([]).height)
    # No bar, so no legend square.
    assert all(exact_box(image, rgb(c)) is None for c in (GREEN, ORANGE, GREY))


def test_sixteen_long_labels_take_two_lines_each() -> None:
    bars = [Bar(f"{i}. {LONG_LABELS[i % 4]}", 50.0 + 7 * i, i % 3 == 0) for i in range(1, 17)]
    two = layout(bars, lines=2)
    assert two.height <= MAX_HEIGHT
    assert all(len(lines) == 2 for lines in two.labels)
    assert draw(bars).height == two.height


def test_thirty_long_labels_fall_back_to_one_line_and_fit_the_page() -> None:
    bars = [Bar(f"{i}. {LONG_LABELS[i % 4]}", 40.0 + 5 * i, i % 3 == 0) for i in range(1, 31)]
    two = layout(bars, lines=2)
    assert two.height > MAX_HEIGHT  # two lines each would not fit
    one = layout(bars, lines=1)
    assert all(len(lines) == 1 for lines in one.labels)
    assert all(lines[0].endswith(" …") for lines in one.labels)
    assert one.row_h < two.row_h
    image = draw(bars)
    assert image.height == one.height
    assert image.height <= MAX_HEIGHT
    assert image.width == WIDTH


# --- geometry read back from pixels ------------------------------------------------------

GEOMETRY_BARS = [
    Bar(LONG, 120.0, True),  # 0: attained
    Bar("2. Tỷ lệ hộ nghèo theo chuẩn đa chiều", 80.0, False),  # 1: not attained
    Bar("3. Thu ngân sách nhà nước trên địa bàn", 180.0, True),  # 2: cut at CAP
    Bar("4. Số doanh nghiệp thành lập mới", None, False),  # 3: no data
    Bar("5. Tỷ lệ trường đạt chuẩn quốc gia", 0.0, False),  # 4: nothing attained
    Bar("6. Tỷ lệ che phủ rừng", -5.0, False),  # 5: below zero
]


@pytest.fixture(scope="module")
def geometry() -> tuple[Image.Image, chart._Layout]:
    image = draw(GEOMETRY_BARS)
    lay = layout(GEOMETRY_BARS)
    assert image.height == lay.height
    return image, lay


def near_hundred(lay: chart._Layout, x: int) -> bool:
    """Whether column ``x`` is under the red dashed line (3 px wide at 200 dpi)."""
    return abs(x - lay.x(100)) <= 3


def test_an_attained_bar_is_green_up_to_its_ratio(
    geometry: tuple[Image.Image, chart._Layout],
) -> None:
    image, lay = geometry
    end = lay.x(120)
    green = rgb(GREEN)
    for y in (
        lay.row_middle(0),
        lay.row_middle(0) - half_bar(lay) + 1,
        lay.row_middle(0) + half_bar(lay) - 2,
    ):
        line = row(image, y, 0, image.width)
        for x in range(lay.plot_left + 2, end - 1):
            if not near_hundred(lay, x):
                assert line[x] == green, (x, y)
        assert line[end - 1] == green  # the rectangle ends at x(ratio) - 1
        assert line[end + 3] != green
        assert green not in line[end:]
    # The bar is as thick as BAR_SHARE of the row: 2 * half lines of green.
    column = [image.getpixel((lay.plot_left + 10, y)) for y in range(image.height)]
    thick = longest_run(column, green)  # type: ignore[arg-type]
    assert thick == 2 * half_bar(lay)


def test_a_bar_not_attained_is_orange(geometry: tuple[Image.Image, chart._Layout]) -> None:
    image, lay = geometry
    line = row(image, lay.row_middle(1), 0, image.width)
    end = lay.x(80)
    assert all(line[x] == rgb(ORANGE) for x in range(lay.plot_left + 2, end))
    assert line[end + 3] != rgb(ORANGE)
    assert rgb(GREEN) not in line
    assert longest_run(line, rgb(ORANGE)) >= end - lay.plot_left - 2


def test_a_bar_beyond_the_cap_stops_at_the_cap_with_a_break_mark(
    geometry: tuple[Image.Image, chart._Layout],
) -> None:
    image, lay = geometry
    end = lay.x(CAP)
    assert end == lay.plot_right
    middle = lay.row_middle(2)
    line = row(image, middle, 0, image.width)
    green, white = rgb(GREEN), rgb("#ffffff")
    assert line[end - 1] == green
    assert line[end - 2] == green
    assert green not in line[end:]
    assert line[end + 3] != green
    # Two white strokes, px(7) and px(4) before the end: white inside the bar.
    strokes = [x for x in range(end - 30, end) if line[x] == white]
    assert strokes
    assert any(abs(x - (end - chart.px(7))) <= 2 for x in strokes)
    assert any(abs(x - (end - chart.px(4))) <= 2 for x in strokes)
    # Before the break the bar is solid green.
    for x in range(lay.plot_left + 2, end - chart.px(7) - chart.px(1.5) - 3):
        if not near_hundred(lay, x):
            assert line[x] == green, x
    # A bar that only reaches the cap has no break mark.
    at_cap = draw([Bar("1. Tỷ lệ", float(CAP), True)])
    lay_cap = layout([Bar("1. Tỷ lệ", float(CAP), True)])
    capped = row(at_cap, lay_cap.row_middle(0), 0, at_cap.width)
    assert white not in capped[lay_cap.x(100) + 4 : lay_cap.x(CAP)]


def test_a_bar_without_data_draws_only_the_muted_note(
    geometry: tuple[Image.Image, chart._Layout],
) -> None:
    image, lay = geometry
    middle, half = lay.row_middle(3), half_bar(lay)
    muted = rgb(MUTED)
    seen_muted = 0
    for y in range(middle - half, middle + half):
        line = row(image, y, lay.plot_left + 1, lay.plot_right)
        for x, pixel in enumerate(line, lay.plot_left + 1):
            if near_hundred(lay, x):
                continue
            assert pixel not in (rgb(GREEN), rgb(ORANGE)), (x, y)
            r, g, b = pixel
            assert r == g == b, (x, y, pixel)  # the note, the grid: neutral greys only
            assert r >= muted[0], (x, y, pixel)  # nothing darker than the note's ink
            seen_muted += pixel == muted
        assert longest_run(line, rgb(GREY)) < 4  # no grey bar
    assert seen_muted > 0  # the note is there
    # The note sits right of the axis, not along the bar's whole length.
    note_w = chart.font(LABEL_PT).getlength(chart.NO_DATA)
    note_end = lay.plot_left + chart.px(chart.GAP_PT) + round(note_w) + 2
    for y in range(middle - half, middle + half):
        line = row(image, y, note_end, lay.x(100) - 3)
        assert set(line) <= {rgb("#ffffff"), rgb(chart.GRID)}


@pytest.mark.parametrize("index", [4, 5], ids=["zero", "negative"])
def test_a_ratio_of_zero_or_less_draws_no_bar(
    geometry: tuple[Image.Image, chart._Layout], index: int
) -> None:
    image, lay = geometry
    middle, half = lay.row_middle(index), half_bar(lay)
    for y in range(middle - half, middle + half):
        line = row(image, y, lay.plot_left, lay.plot_right)
        assert rgb(GREEN) not in line
        assert rgb(ORANGE) not in line
        # Left of the 100% line: only white and the grid (the figure is written after it).
        assert set(row(image, y, lay.plot_left + 1, lay.x(100) - 3)) <= {
            rgb("#ffffff"),
            rgb(chart.GRID),
        }


def test_the_hundred_percent_line_is_red_and_dashed(
    geometry: tuple[Image.Image, chart._Layout],
) -> None:
    image, lay = geometry
    x = lay.x(100)
    red = rgb(RED)
    column = [image.getpixel((x, y)) for y in range(lay.plot_top, lay.plot_bottom)]
    is_red = [pixel == red for pixel in column]
    assert is_red[0]  # a dash starts at the top of the plot
    assert any(is_red) and not all(is_red)
    dash, space = chart.px(4), chart.px(2.5)
    # Dashes of px(4) (+1 for the line's end) red lines, gaps of about px(2.5).
    runs: list[tuple[bool, int]] = []
    for flag in is_red:
        if runs and runs[-1][0] == flag:
            runs[-1] = (flag, runs[-1][1] + 1)
        else:
            runs.append((flag, 1))
    inner = runs[1:-1]
    assert inner
    assert all(dash <= n <= dash + 1 for flag, n in inner if flag)
    assert all(space - 2 <= n <= space for flag, n in inner if not flag)
    # Away from the line, no red in the plot.
    for y in range(lay.plot_top, lay.plot_bottom, 7):
        assert red not in row(image, y, lay.plot_left, x - 3)
        assert red not in row(image, y, x + 4, lay.plot_right)


def test_the_axes_are_drawn_in_ink(geometry: tuple[Image.Image, chart._Layout]) -> None:
    image, lay = geometry
    ink = rgb(chart.INK)
    bottom = row(image, lay.plot_bottom, lay.plot_left, lay.plot_right)
    assert all(pixel == ink for pixel in bottom)
    left = [image.getpixel((lay.plot_left - 1, y)) for y in range(lay.plot_top, lay.plot_bottom)]
    assert all(pixel == ink for pixel in left)


# --- legend ------------------------------------------------------------------------------


def legend_band(image: Image.Image) -> tuple[int, int]:
    return image.height - 80, image.height


def test_the_legend_lists_only_the_colours_drawn() -> None:
    bars = [Bar(LONG, 120.0, True), Bar("2. Tỷ lệ hộ nghèo", 101.0, True)]
    image = draw(bars)
    top, bottom = legend_band(image)
    assert exact_box(image, rgb(GREEN), top, bottom) is not None
    assert exact_box(image, rgb(ORANGE), top, bottom) is None
    assert exact_box(image, rgb(GREY), top, bottom) is None


def test_the_only_legend_square_is_centred_with_its_text() -> None:
    bars = [Bar(LONG, 120.0, True)]
    image, lay = draw(bars), layout(bars)
    box, inner = chart.px(LABEL_PT * 0.9), chart.px(4)
    text_w = round(chart.font(LABEL_PT).getlength(chart.LEGEND[GREEN]))
    left = (WIDTH - (box + inner + text_w)) // 2
    y = lay.legend_middle
    top, bottom = legend_band(image)
    assert exact_box(image, rgb(GREEN), top, bottom) == (
        left,
        y - box // 2,
        left + box - 1,
        y + box // 2,
    )


def test_the_legend_names_every_colour_in_order() -> None:
    bars = [
        Bar("1. Tỷ lệ hộ nghèo", 80.0, False),
        Bar("2. Số doanh nghiệp thành lập mới", None, False),
        Bar(LONG, 120.0, True),
    ]
    image, lay = draw(bars), layout(bars)
    top, bottom = legend_band(image)
    boxes = [exact_box(image, rgb(c), top, bottom) for c in (GREEN, ORANGE, GREY)]
    box = chart.px(LABEL_PT * 0.9)
    y = lay.legend_middle
    lefts = []
    for found in boxes:
        assert found is not None
        x0, y0, x1, y1 = found
        assert (x1 - x0 + 1, y0, y1) == (box, y - box // 2, y + box // 2)
        lefts.append(x0)
    assert lefts == sorted(lefts)  # green, orange, grey: the LEGEND's order
    # Each square is solid: no anti-aliased edge inside it.
    for found, colour in zip(boxes, (GREEN, ORANGE, GREY), strict=True):
        assert found is not None
        x0, y0, x1, y1 = found
        crop = image.crop((x0, y0, x1 + 1, y1 + 1))
        assert crop.getcolors() == [(crop.width * crop.height, rgb(colour))]


def test_a_bar_without_data_puts_grey_in_the_legend() -> None:
    image = draw([Bar("1. Số doanh nghiệp thành lập mới", None, False)])
    top, bottom = legend_band(image)
    assert exact_box(image, rgb(GREY), top, bottom) is not None
    assert exact_box(image, rgb(GREEN), top, bottom) is None
    assert exact_box(image, rgb(ORANGE), top, bottom) is None


def test_colour_of() -> None:
    assert chart.colour_of(Bar("x", 120.0, True)) == GREEN
    assert chart.colour_of(Bar("x", 80.0, False)) == ORANGE
    assert chart.colour_of(Bar("x", None, False)) == GREY
    assert chart.colour_of(Bar("x", None, True)) == GREY


# --- title -------------------------------------------------------------------------------

TITLE = "Kết quả thực hiện Kế hoạch chuyển đổi số quý II năm 2026"


def test_a_title_adds_height_and_is_drawn_in_bold() -> None:
    bars = [Bar(LONG, 120.0, True), Bar("2. Tỷ lệ hộ nghèo", 80.0, False)]
    plain, titled = draw(bars), draw(bars, TITLE)
    assert titled.width == plain.width
    assert titled.height - plain.height == chart.px(chart.TITLE_PT * 1.6)
    # Without a title, the band above the "100%" figure is blank.
    margin = chart.px(MARGIN_PT)
    assert plain.crop((0, 0, WIDTH, margin)).getcolors() == [(WIDTH * margin, (255, 255, 255))]
    # The title's pixels are exactly the bold font's rendering of it, centred.
    where = (WIDTH // 2, margin)
    bold, regular = chart.font(chart.TITLE_PT, True), chart.font(chart.TITLE_PT)
    box = ImageDraw.Draw(Image.new("RGB", (1, 1))).textbbox(where, TITLE, font=bold, anchor="mt")
    assert box[1] >= 0 and box[3] <= layout(bars, TITLE).plot_top

    def alone(f: ImageFont.FreeTypeFont) -> Image.Image:
        scratch = Image.new("RGB", titled.size, "white")
        ImageDraw.Draw(scratch).text(where, TITLE, fill=chart.INK, font=f, anchor="mt")
        return scratch.crop(box)

    got = titled.crop(box)
    assert got.tobytes() == alone(bold).tobytes()
    assert got.tobytes() != alone(regular).tobytes()
    # The middle of the title is centred on the image.
    assert abs((box[0] + box[2]) / 2 - WIDTH / 2) <= 2


# --- wrap_label --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def measure() -> chart._WordWidths:
    return chart._WordWidths(chart.font(LABEL_PT))


FITS = round(WIDTH * chart.LABEL_SHARE)


@pytest.mark.parametrize("fits", [FITS, 300, 120, 60])
@pytest.mark.parametrize("lines", [1, 2, 3])
@pytest.mark.parametrize("label", [LONG, *LONG_LABELS, "12. Tỷ lệ hộ nghèo"])
def test_every_wrapped_line_fits(
    measure: chart._WordWidths, label: str, fits: int, lines: int
) -> None:
    out = wrap_label(label, fits, measure, lines)
    assert 1 <= len(out) <= lines
    assert all(measure(line) <= fits for line in out), out
    # The word widths add up to the line's real width (within a pixel of kerning).
    f = chart.font(LABEL_PT)
    assert all(f.getlength(line) <= fits + 1 for line in out), out
    # Nothing is lost but what the ellipsis stands for.
    if not out[-1].endswith(" …"):
        assert " ".join(out) == " ".join(label.split())


def test_a_short_label_is_one_line_unchanged(measure: chart._WordWidths) -> None:
    assert wrap_label("12. Tỷ lệ hộ nghèo", FITS, measure) == ["12. Tỷ lệ hộ nghèo"]
    assert wrap_label("12. Tỷ lệ hộ nghèo", FITS) == ["12. Tỷ lệ hộ nghèo"]  # default measure


def test_a_long_label_takes_exactly_the_lines_allowed(measure: chart._WordWidths) -> None:
    label = " ".join([LONG, *LONG_LABELS])
    for lines in (1, 2, 3):
        out = wrap_label(label, FITS, measure, lines)
        assert len(out) == lines
        assert out[-1].endswith(" …")
        assert not any(line.endswith("…") for line in out[:-1])
        words = label.split()
        shown = " ".join(out)[: -len(" …")].split()
        assert shown == words[: len(shown)]  # the start of the label, in order


def test_the_real_long_label_wraps_in_two(measure: chart._WordWidths) -> None:
    out = wrap_label(LONG, FITS, measure)
    assert len(out) == 2
    assert " ".join(out) == LONG  # no ellipsis: it fits in two lines
    one = wrap_label(LONG, FITS, measure, 1)
    assert len(one) == 1 and one[0].endswith(" …")
    assert LONG.startswith(one[0][: -len(" …")])


def test_a_single_word_wider_than_the_line_is_cut(measure: chart._WordWidths) -> None:
    word = "Chuyểnđổisốtoàndiện" * 4
    out = wrap_label(word, 150, measure)
    assert len(out) == 1
    assert out[0].endswith(" …")
    assert word.startswith(out[0][: -len(" …")])
    assert measure(out[0]) <= 150
    assert measure(out[0][: -len(" …")] + word[len(out[0]) - 2] + " …") > 150  # cut no shorter


def test_whitespace_runs_are_collapsed(measure: chart._WordWidths) -> None:
    assert wrap_label("  1.\tTỷ lệ   hộ\nnghèo  ", FITS, measure) == ["1. Tỷ lệ hộ nghèo"]
    assert wrap_label("aaa   bbb\t\tccc \n ddd", 7, len, 2) == ["aaa bbb", "ccc ddd"]


@pytest.mark.parametrize(
    ("label", "fits", "lines", "expected"),
    [
        ("aaa bbb ccc ddd", 7, 2, ["aaa bbb", "ccc ddd"]),
        ("aaa bbb ccc ddd", 15, 2, ["aaa bbb ccc ddd"]),
        ("aaa bbb ccc ddd", 11, 2, ["aaa bbb ccc", "ddd"]),
        ("aaa bbb ccc ddd eee", 7, 2, ["aaa bbb", "ccc …"]),
        ("aaa bbb ccc ddd eee", 9, 2, ["aaa bbb", "ccc ddd …"]),
        ("aaa bbb ccc ddd eee", 7, 3, ["aaa bbb", "ccc ddd", "eee"]),
        ("aaa bbb ccc", 7, 1, ["aaa …"]),
        ("aaa bbb ccc", 9, 1, ["aaa bbb …"]),
        ("aaa bbb ccc", 11, 1, ["aaa bbb ccc"]),
        ("abcdefghij", 5, 2, ["abc …"]),
        ("abcdefghij", 10, 2, ["abcdefghij"]),
        ("abcdefghijkl mn", 6, 1, ["abcd …"]),
        ("xy abcdefghij", 6, 1, ["xy …"]),
        ("aa bbbbbbbbbb cc", 6, 3, ["aa", "bbbb …", "cc"]),
        ("", 7, 2, []),
        ("   ", 7, 2, []),
    ],
)
def test_wrap_label_with_a_character_count(
    label: str, fits: int, lines: int, expected: list[str]
) -> None:
    out = wrap_label(label, fits, len, lines)
    assert out == expected
    assert all(len(line) <= fits for line in out)


def test_word_widths_add_up_words_and_spaces() -> None:
    f = chart.font(LABEL_PT)
    widths = chart._WordWidths(f)
    space = f.getlength(" ")
    assert widths("Tỷ") == f.getlength("Tỷ")
    assert widths("Tỷ lệ hộ") == pytest.approx(
        f.getlength("Tỷ") + f.getlength("lệ") + f.getlength("hộ") + 2 * space
    )
    assert widths("") == 0.0
    assert widths("Tỷ") == widths("Tỷ")  # measured once, the same after


# --- fonts -------------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def vietnamese() -> list[str]:
    toned = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
    chars = [*LETTERS, *toned]
    return [*chars, *(c.upper() for c in chars)]


def test_the_vietnamese_alphabet_is_precomposed() -> None:
    chars = vietnamese()
    assert len(chars) == 2 * (29 + 12 * 5) == 178
    assert all(len(c) == 1 for c in chars)  # NFC: one code point each
    assert len(set(chars)) == len(chars)
    for sample in ("àáảãạ", "ằắẳẵặ", "ầấẩẫậ", "ềếểễệ", "ờớởỡợ", "ừứửữự", "ỳýỷỹỵ", "ỲÝỶỸỴ"):
        assert all(c in chars for c in sample)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_the_bundled_fonts_draw_every_vietnamese_letter(bold: bool) -> None:
    f = chart.font(9, bold)
    assert f.path == str(chart.BOLD if bold else chart.REGULAR)

    def mask(ch: str) -> tuple[tuple[int, int], bytes]:
        m = f.getmask(ch)
        return (m.size, bytes(m))

    missing = mask("\ue000")  # a private-use character: the font's .notdef
    assert mask("\ue001") == missing
    problems = []
    for ch in vietnamese():
        got = mask(ch)
        left, top, right, bottom = f.getbbox(ch)
        if got == missing or right <= left or bottom <= top:
            problems.append(ch)
    assert not problems, "".join(problems)
    # The tone marks are drawn, not dropped: each toned vowel differs from its base.
    for vowel in VOWELS + VOWELS.upper():
        base = mask(vowel)
        for tone in TONES:
            toned = unicodedata.normalize("NFC", vowel + tone)
            assert mask(toned) != base, toned
    assert mask("đ") != mask("d") and mask("Đ") != mask("D")


def test_the_fonts_are_bundled_with_their_licence() -> None:
    assert chart.REGULAR.is_file() and chart.BOLD.is_file()
    assert chart.REGULAR.parent == chart.BOLD.parent == chart.FONTS
    licence = chart.FONTS / "LICENSE-OFL.txt"
    assert licence.is_file()
    text = licence.read_text(encoding="utf-8")
    assert "SIL Open Font License" in text
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Liberation" in text


def test_font_sizes_are_points_at_the_chart_resolution() -> None:
    assert chart.px(72) == DPI
    assert chart.px(9) == 25
    assert chart.font(LABEL_PT).size == chart.px(LABEL_PT)
    assert chart.font(LABEL_PT) is chart.font(LABEL_PT)  # cached
    assert chart.font(LABEL_PT, True) is not chart.font(LABEL_PT)


# --- what looks wrong --------------------------------------------------------------------


def right_margin_is_blank(ratio: float) -> bool:
    bars = [Bar("1. Tỷ lệ giảm số hồ sơ trễ hạn", ratio, True)]
    image, lay = draw(bars), layout(bars)
    margin = chart.px(MARGIN_PT)
    middle, half = lay.row_middle(0), half_bar(lay)
    crop = image.crop((WIDTH - margin, middle - half, WIDTH, middle + half))
    return crop.getcolors() == [(crop.width * crop.height, (255, 255, 255))]


def test_the_widest_planned_figure_keeps_to_the_margin() -> None:
    assert right_margin_is_blank(999.9)


@pytest.mark.parametrize("ratio", [1234.5, 12345.6, 987654.3])
def test_a_ratio_over_one_thousand_percent_keeps_to_the_margin(ratio: float) -> None:
    # ratios are not capped: a "<=" target at a twelfth of its goal is 1200%
    assert right_margin_is_blank(ratio)


# --- projection --------------------------------------------------------------------------


def test_the_projection_is_a_white_diamond_outlined_in_ink_at_its_ratio() -> None:
    bars = [Bar("1. Tỷ lệ hồ sơ trực tuyến", 60.0, False, projected=90.0),
            Bar("2. Tỷ lệ hộ nghèo", 80.0, False)]
    image, lay = draw(bars), layout(bars)
    middle, x = lay.row_middle(0), lay.x(90)
    half = lay.diamond
    line = row(image, middle, 0, image.width)
    white, ink, orange = rgb("#ffffff"), rgb(chart.INK), rgb(ORANGE)
    assert line[x] == white  # the inside of the diamond, past the bar's end
    assert line[lay.x(30)] == orange  # the bar itself
    # Its left and right tips are ink, on the row's middle line.
    assert ink in line[x - half - 2: x - half + 3]
    assert ink in line[x + half - 2: x + half + 3]
    # The figure is written right of the mark, not under it.
    text = [i for i in range(x + half + 1, image.width) if line[i] not in (white,)]
    assert text and text[0] >= x + half + chart.px(chart.GAP_PT) - 1
    # The other row, without a projection, has no ink between its bar and the 100% line.
    other = row(image, lay.row_middle(1), lay.x(81), lay.x(100) - 4)
    assert ink not in other


def test_a_projection_past_the_cap_is_drawn_at_the_cap() -> None:
    bars = [Bar("1. Số lớp tập huấn", 120.0, True, projected=400.0)]
    image, lay = draw(bars), layout(bars)
    line = row(image, lay.row_middle(0), 0, image.width)
    assert line[lay.x(CAP)] == rgb("#ffffff")
    assert lay.x(CAP) + lay.diamond < image.width - chart.px(MARGIN_PT)


def test_the_legend_names_the_projection_only_when_one_is_drawn() -> None:
    plain = [Bar("1. Tỷ lệ hộ nghèo", 80.0, False)]
    marked = [Bar("1. Tỷ lệ hộ nghèo", 80.0, False, projected=95.0)]
    without, with_mark, lay = draw(plain), draw(marked), layout(marked)
    box, inner, between = chart.px(LABEL_PT * 0.9), chart.px(4), chart.px(16)
    measure = chart.font(LABEL_PT).getlength
    words = round(measure(chart.LEGEND[ORANGE])), round(measure(chart.PROJECTION))
    left = (WIDTH - (2 * (box + inner) + sum(words) + between)) // 2
    # The orange square moves left to make room for the diamond and its words.
    top, bottom = legend_band(with_mark)
    found = exact_box(with_mark, rgb(ORANGE), top, bottom)
    assert found is not None and found[0] == left
    plain_box = exact_box(without, rgb(ORANGE), *legend_band(without))
    assert plain_box is not None and plain_box[0] > left
    # The diamond: white at its centre, ink at its left and right tips.
    centre = left + box + inner + words[0] + between + box // 2
    tip = box // 2 + chart.px(0.5)
    line = row(with_mark, lay.legend_middle, 0, WIDTH)
    ink = rgb(chart.INK)
    assert line[centre] == rgb("#ffffff")
    assert ink in line[centre - tip - 2: centre - tip + 3]
    assert ink in line[centre + tip - 2: centre + tip + 3]
    assert chart.PROJECTION == "Dự báo cuối năm"
