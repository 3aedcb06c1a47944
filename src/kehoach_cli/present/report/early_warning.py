"""The report's early warning ("Cảnh báo sớm"): which targets will miss the year-end goal at
the pace of the quarters so far, and what each remaining quarter must do, in the words a
committee signs. The method is compute/forecast.py's (docs/canh-bao-som.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...compute.attainment import TargetAttainment
from ...vocab.dates import roman
from ...vocab.numbers import exact, format_value
from ...vocab.phrases import catch_up_text, goal_words, pace_text

LEVEL_PHRASE = {
    "nguy_co": "có nguy cơ không đạt mục tiêu năm",
    "can_tang_toc": "cần đẩy nhanh tiến độ",
}


def warning_sentence(t: TargetAttainment, number: int, quarter: int) -> str:
    """One target's warning, e.g. ``Chỉ tiêu “…” (số 3 tại Bảng 1) có nguy cơ không đạt
    mục tiêu năm: đến hết quý II đạt 45%, bình quân mỗi quý tăng khoảng 2,5 điểm phần
    trăm; nếu giữ tốc độ này, cuối năm dự kiến đạt khoảng 50% (mục tiêu năm tối thiểu
    80%). Để đạt mục tiêu, cần tăng thêm khoảng 17,5 điểm phần trăm mỗi quý``."""
    forecast = t.forecast
    target = t.target
    assert forecast is not None and t.value is not None
    assert forecast.year_end is not None and forecast.pace is not None
    assert forecast.needed is not None
    unit = target.don_vi_tinh
    at_least = target.so_sanh == ">="
    name = " ".join(target.ten.split()).rstrip(" .;")
    so_far = f"đến hết quý {roman(quarter)} {'lũy kế ' if target.luy_ke else ''}"
    so_far += f"{'đạt' if at_least else 'là'} {format_value(t.value, unit)}"
    year = "cả năm" if target.luy_ke else "cuối năm"
    projected = f"{year} dự kiến {'đạt ' if at_least else ''}khoảng "
    projected += format_value(forecast.year_end, unit)
    goal = goal_words(target.so_sanh, exact(target.muc_tieu), unit)
    advice = catch_up_text(forecast.needed, unit, target.so_sanh, target.luy_ke)
    closing = f"Chỉ tiêu {advice}" if advice.startswith("đã ") else f"Để đạt mục tiêu, {advice}"
    return (
        f"Chỉ tiêu “{name}” (số {number} tại Bảng 1) {LEVEL_PHRASE[forecast.level]}: "
        f"{so_far}, {pace_text(forecast.pace, unit, target.luy_ke)}; nếu giữ tốc độ này, "
        f"{projected} (mục tiêu năm {goal}). {closing}."
    )


def early_warning(
    targets: Sequence[TargetAttainment], numbers: Mapping[str, int], quarter: int
) -> dict[str, Any]:
    """The template's ``canh_bao``: the targets by forecast level; ``can_chu_y``, those at
    risk then those needing acceleration, with their numbers in Bảng 1 and ``cau``, one
    sentence each; ``co_du_bao`` (quarters 1-3)."""
    by_level: dict[str, list[TargetAttainment]] = {
        level: [] for level in ("nguy_co", "can_tang_toc", "dung_tien_do", "da_dat",
                                "chua_du_so_lieu")
    }
    for t in targets:
        if t.forecast is not None:
            by_level[t.forecast.level].append(t)
    warned = [*by_level["nguy_co"], *by_level["can_tang_toc"]]
    return {
        "co_du_bao": any(t.forecast is not None for t in targets),
        **by_level,
        "can_chu_y": warned,
        "stt_can_chu_y": [numbers[t.target.ma] for t in warned],
        "cau": [warning_sentence(t, numbers[t.target.ma], quarter) for t in warned],
    }
