"""The intended form of a value written the way Vietnamese offices write it.

Every function takes the user's own text and returns the form the file needs, or None
when it cannot tell: ``12,5`` → ``12.5``, ``70%`` → ``70``, ``15/06/2026`` and ``ngày 15
tháng 6 năm 2026`` → ``2026-06-15``, ``Quý III/2026`` → ``2026-Q3``. :func:`thousands`
finds the figures that a Vietnamese reader and YAML read differently (``1.250``), and
:func:`number_words` reads a whole number aloud, so that a message can say both readings
in words nobody can misread.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .numbers import format_number

_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin and plain spaces
_THOUSANDS_DOT = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+\Z")
_THOUSANDS_SPACE = re.compile(r"[-+]?[0-9]{1,3}([" + _SPACES + r"][0-9]{3})+\Z")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")
_BOTH = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+\Z")  # 1.250,5
_PLAIN = re.compile(r"[-+]?([0-9]+(\.[0-9]+)?)\Z")


def thousands(text: str) -> int | None:
    """``1.250`` → 1250: a dot before exactly three digits, which YAML reads as 1.25 and
    a Vietnamese reader as one thousand two hundred fifty. None for any other text."""
    text = text.strip()
    if not _THOUSANDS_DOT.match(text):
        return None
    return int(text.replace(".", ""))


# A GitHub or GitLab login: letters, digits, '.', '_' and '-', neither starting with '-'
# or '.' nor ending with '.'; a GitHub App's account ends in "[bot]".
LOGIN_PATTERN = r"^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9_-])?(?:\[bot\])?$"
_LOGIN = re.compile(LOGIN_PATTERN)
_PROFILE_URL = re.compile(r"(?:https?://)?(?:www\.)?(?:github|gitlab)\.com/+([^/?#\s]+)/*\Z",
                          re.IGNORECASE)


def login_form(text: str) -> str | None:
    """The login a user meant when writing an account the way it shows on a page:
    ``@nguyen-van-a`` or ``https://github.com/nguyen-van-a`` → ``nguyen-van-a``; ``Nguyễn
    Văn A`` → ``nguyen-van-a`` (a guess a person confirms). None when no login results."""
    bare = text.strip()
    url = _PROFILE_URL.match(bare)
    if url is not None:
        bare = url[1]
    bare = bare.lstrip("@")
    if not _LOGIN.match(bare):
        folded = "".join(c for c in unicodedata.normalize("NFKD", bare.replace("đ", "d")
                                                             .replace("Đ", "D"))
                         if not unicodedata.combining(c))
        bare = re.sub(r"[^A-Za-z0-9._\[\]-]+", "-", folded).strip("-.").lower()
    if not bare or bare == text or not _LOGIN.match(bare):
        return None
    return bare


def number_form(text: str) -> str | None:
    """The number the user meant, as YAML needs it, when it is certain: ``12,5`` →
    ``12.5``, ``70%`` → ``70``, ``1.200.000`` → ``1200000``, ``1.250,5`` → ``1250.5``,
    ``1 250`` → ``1250``. None when it is not a number, or when it could be read two ways
    (``1,250``: decimal comma or English thousands; ``1.250``: see :func:`thousands`)."""
    bare = text.strip().strip(_SPACES)
    if bare.endswith("%"):
        bare = bare[:-1].rstrip(_SPACES)
    if not bare:
        return None
    if _THOUSANDS_DOT.match(bare):  # two dots can only be thousands; one could be either
        return bare.replace(".", "") if bare.count(".") >= 2 else None
    if _PLAIN.match(bare):
        return bare
    if _BOTH.match(bare):
        return bare.replace(".", "").replace(",", ".")
    if _DECIMAL_COMMA.match(bare):
        whole, decimals = bare.split(",")
        if len(decimals) == 3:  # 1,250: decimal comma, or thousands the English way
            return None
        return f"{whole}.{decimals}"
    if _THOUSANDS_SPACE.match(bare):
        return re.sub("[" + _SPACES + "]", "", bare)
    return None


_DAY_FIRST = re.compile(r"([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})\Z")
_YEAR_FIRST = re.compile(r"([0-9]{4})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\Z")
_WORDS = re.compile(
    r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})\Z", re.IGNORECASE
)


def _date_parts(text: str) -> tuple[int, int, int] | None:
    bare = " ".join(text.split()).rstrip(".")
    found = _DAY_FIRST.match(bare) or _WORDS.match(bare)
    if found:
        day, month, year = (int(g) for g in found.groups())
    elif found := _YEAR_FIRST.match(bare):
        year, month, day = (int(g) for g in found.groups())
    else:
        return None
    return year, month, day


def impossible_date(text: str) -> str | None:
    """``31/02/2026`` → 'tháng 2 năm 2026 chỉ có 28 ngày': a date written the Vietnamese
    way that names no real day, said as a person would; None for any other text."""
    parts = _date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    try:
        dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            if 1 <= day <= 12 and month <= 31:  # 06/15/2026: month first, as Excel in English
                return (f"không có tháng {month}; nếu là ngày {month} tháng {day} (viết tháng "
                        f"trước, kiểu Excel tiếng Anh) thì viết {year}-{day:02}-{month:02}")
            return f"không có tháng {month}"
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    return None


def date_form(text: str) -> str | None:
    """``15/06/2026``, ``15/6/2026``, ``15-06-2026``, ``15.06.2026`` (day first, as
    Vietnamese write them), ``ngày 15 tháng 6 năm 2026``, ``2026/06/15`` → ``2026-06-15``;
    None when it is no date or names no real day."""
    parts = _date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = r"(?:quý|quy|q)\s*\.?\s*(I{1,3}|IV|0?[1-4])"
_YEAR = r"([0-9]{4})"
_PERIOD_QUARTER_FIRST = re.compile(
    _QUARTER + r"\s*(?:[/\-–,.]|năm|nam)?\s*(?:năm|nam)?\s*" + _YEAR + r"\Z", re.IGNORECASE
)
_PERIOD_YEAR_FIRST = re.compile(_YEAR + r"\s*[-/_ ]?\s*" + _QUARTER + r"\Z", re.IGNORECASE)


def period_form(text: str) -> str | None:
    """``Quý III/2026``, ``quý 3 năm 2026``, ``Q3/2026``, ``2026-q3``, ``2026-Q03``,
    ``2026 Q3`` → ``2026-Q3``; None otherwise."""
    bare = " ".join(text.split())
    found = _PERIOD_QUARTER_FIRST.match(bare)
    if found:
        quarter, year = found.groups()
    elif found := _PERIOD_YEAR_FIRST.match(bare):
        year, quarter = found.groups()
    else:
        return None
    number = _ROMAN.get(quarter.upper()) or int(quarter)
    return f"{year}-Q{number}"


# ---------------------------------------------------------------- numbers read aloud

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _hundreds(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` when a higher group stands before it (so that
    1005 reads "một nghìn không trăm linh năm")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones:
            if words:
                words.append("linh")
            words.append(_DIGITS[ones])
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if ones == 1:
        words.append("một" if tens == 1 else "mốt")
    elif ones == 5:
        words.append("lăm")
    elif ones == 4 and tens > 1:
        words.append("tư")
    elif ones:
        words.append(_DIGITS[ones])
    return words


def number_words(n: int) -> str:
    """A whole number read aloud: 1250 → "một nghìn hai trăm năm mươi", 12500 → "mười
    hai nghìn năm trăm", 1200000 → "một triệu hai trăm nghìn", 105 → "một trăm linh
    năm". Above the billions (tỷ) the figure is given in digits."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return "không"
    if n >= 1000 ** len(_SCALES):
        return format_number(n)
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group:
            words += _hundreds(group, full=bool(words))
            if _SCALES[index]:
                words.append(_SCALES[index])
    return " ".join(words)


def decimal_words(text: str) -> str:
    """A decimal figure read aloud: ``1.25`` → "một phẩy hai mươi lăm", ``12.5`` →
    "mười hai phẩy năm"; leading zeros of the decimals are read one by one (``1.05`` →
    "một phẩy không năm")."""
    sign = "âm " if text.startswith("-") else ""
    whole, _, decimals = text.lstrip("+-").partition(".")
    words = number_words(int(whole or "0"))
    if not decimals.strip("0"):
        return sign + words
    decimals = decimals.rstrip("0")
    zeros = len(decimals) - len(decimals.lstrip("0"))
    rest = " ".join(["không"] * zeros + [number_words(int(decimals))])
    return f"{sign}{words} phẩy {rest}"
