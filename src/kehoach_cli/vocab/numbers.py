"""Numbers as Vietnamese readers write them: one module used by every view.

Decimal comma, dot thousands, rounded half up (away from zero) to one decimal, a
trailing ",0" dropped: 93.333 → "93,3", 12.25 → "12,3", 100 → "100", 12500 → "12.500".
Python's round() rounds half to even on binary floats (12.25 → 12.2), so rounding
never goes through floats: a float is taken as written (its shortest repr, as in the
YAML file), a Fraction is rounded exactly with integers.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

Numeric = int | float | Fraction | Decimal


def to_decimal(value: Numeric) -> Decimal:
    """The decimal of a value; a float is taken as written (its shortest repr).

    A Fraction that does not terminate (280/3) is given to 50 significant digits; use
    :func:`round_half_up` to round it, which is exact.
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, Fraction):
        with localcontext() as ctx:
            ctx.prec = 50
            result = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        raise TypeError(f"not a number: {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def round_half_up(value: Numeric, places: int = 1) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, exactly."""
    if isinstance(value, Fraction):
        scaled = abs(value) * 10**places
        units = math.floor(scaled + Fraction(1, 2))
        # Built from a string: exact whatever the context's precision.
        return Decimal(f"{-units if value < 0 else units}E-{places}")
    exact = to_decimal(value)
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as ctx:
        # Enough digits for the whole part and the decimals: quantize never overflows.
        ctx.prec = max(28, exact.adjusted() + places + 2)
        return exact.quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Numeric, places: int = 1) -> str:
    """``12500`` → ``12.500``; ``93.333`` → ``93,3``; ``-0.04`` → ``0``."""
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""  # -0.0 compares equal to 0: no "-0"
    digits = f"{rounded.copy_abs():f}"
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    groups: list[str] = []
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


def format_count(value: int) -> str:
    """A count of things in a report's running text: ``2`` → ``02``, ``12`` → ``12``,
    ``1250`` → ``1.250``, ``0`` → ``0``. Below ten it takes a leading zero, as clerks
    write counts ("02 đơn vị gửi chậm") and as Nghị định 30 writes a document's number
    and a day below ten; a figure measured by a target stays a figure (format_value)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"a count is a whole number, not {value!r}")
    return f"0{value}" if 0 < value < 10 else format_number(value)


def format_signed(value: Numeric, places: int = 1) -> str:
    """A change: ``+3,5``, ``-1``, ``0`` (a change that rounds to zero has no sign)."""
    text = format_number(value, places)
    return text if text.startswith("-") or text == "0" else "+" + text


def exact(value: float | int) -> Fraction:
    """A figure as written in YAML, exactly: 17.5 is 35/2, 0.1 is 1/10."""
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(Decimal(repr(value)))
