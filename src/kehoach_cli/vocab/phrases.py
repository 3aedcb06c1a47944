"""The Vietnamese phrases every view shares: state labels, comparison signs and words,
a target's goal written out."""

from __future__ import annotations

from .numbers import Numeric, format_value

# The state of a target in a quarter, as the report's table and the terminal write it.
TARGET_STATE_TEXT = {"dat": "Đạt", "chua_dat": "Chưa đạt", "chua_co_so_lieu": "Chưa có số liệu"}

COMPARISON_SIGN = {">=": "≥", "<=": "≤"}
COMPARISON_WORD = {">=": "tối thiểu", "<=": "tối đa"}


def goal_text(so_sanh: str, goal: Numeric, don_vi_tinh: str) -> str:
    """The goal with its sign: ``≥ 15%``, ``≤ 3 ngày``."""
    return f"{COMPARISON_SIGN[so_sanh]} {format_value(goal, don_vi_tinh)}"


def goal_words(so_sanh: str, goal: Numeric, don_vi_tinh: str) -> str:
    """The goal in words: ``tối thiểu 15%``, ``tối đa 3 ngày``; a goal of 100% to reach
    (nothing can exceed it) is simply ``100%``."""
    text = format_value(goal, don_vi_tinh)
    if so_sanh == ">=" and goal == 100 and don_vi_tinh.startswith("%"):
        return text
    return f"{COMPARISON_WORD[so_sanh]} {text}"
