"""The chart drawn in a second process is the chart drawn here, byte for byte; when the
second process cannot help, the chart is drawn here."""

from __future__ import annotations

from kehoach_cli.present.report.chart import Bar, render_chart
from kehoach_cli.present.report.painter import Painter

BARS = [
    Bar("1. Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP", 84.0, False),
    Bar("2. Người dân, doanh nghiệp hài lòng khi sử dụng dịch vụ công trực tuyến", 101.1, True),
    Bar("3. Thông tin, giấy tờ chỉ phải cung cấp một lần", None, False),
]


def test_painter_gives_the_same_png_as_drawing_here() -> None:
    with Painter.start() as painter:
        png = painter.submit(BARS)()
    assert png == render_chart(BARS)


def test_without_a_second_process_the_chart_is_drawn_here() -> None:
    painter = Painter()  # what Windows gets: no fork
    assert painter.submit(BARS)() == render_chart(BARS)


def test_a_painter_that_died_is_replaced_by_drawing_here() -> None:
    painter = Painter.start()
    if painter._process is not None:
        painter._process.kill()
        painter._process.join()
    try:
        assert painter.submit(BARS)() == render_chart(BARS)
    finally:
        painter.close()
