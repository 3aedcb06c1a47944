"""Numbers as Vietnamese readers write them: one module used by every view.

Decimal comma, dot thousands, rounded half up to one decimal, a trailing ",0"
dropped: 93.333 → "93,3", 12.25 → "12,3", 100 → "100", 12500 → "12.500".
Python's round() rounds half to even on binary floats (12.25 → 12.2), so rounding
goes through Decimal built from the exact value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

Numeric = int | float | Fraction | Decimal


def to_decimal(value: Numeric) -> Decimal:
    """The exact decimal of a value; a float is taken as written (its shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    # A fraction that does not terminate never lies exactly on a rounding boundary
    # (those terminate), so 50 significant digits decide the rounding exactly.
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(value.numerator) / Decimal(value.denominator)


def round_half_up(value: Numeric, places: int = 1) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Numeric, places: int = 1) -> str:
    """``12500`` → ``12.500``; ``93.333`` → ``93,3``; ``-0.04`` → ``0``."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = Decimal(0).quantize(rounded)
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):f}"
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"


def format_percent(value: Numeric, places: int = 1) -> str:
    """``93.333`` → ``93,3%`` (no space before %)."""
    return format_number(value, places) + "%"


def format_value(value: Numeric, unit: str) -> str:
    """A target's value with its unit: ``17,5%``, ``70% dân số``, ``1.250 hồ sơ``."""
    if unit.startswith("%"):
        return format_number(value) + unit
    return f"{format_number(value)} {unit}".strip()


def format_signed(value: Numeric, places: int = 1) -> str:
    """A change: ``+3,5``, ``-1``, ``0``."""
    text = format_number(value, places)
    return text if text.startswith("-") or text == "0" else "+" + text
