"""Values a Vietnamese office writes one way and YAML reads another.

A figure or date that fails its type gets a message with the user's own value in the
form the file needs (``12,5`` → ``12.5``, ``15/06/2026`` → ``2026-06-15``, ``Quý III/2026``
→ ``2026-Q3``, a unit's name → its id), and a fix when that form is certain. A figure
that passes but that a reader would take for another (``1.250``: YAML's 1,25, a
Vietnamese reader's one thousand two hundred fifty) is never accepted quietly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..vocab.forms import (
    date_form,
    decimal_words,
    impossible_date,
    login_form,
    number_form,
    number_words,
    period_form,
    thousands,
)
from ..vocab.problems import Edit, Fix, Position, Problem, warning
from ..vocab.suggest import plain
from .positions import Path
from .rules import MISREAD
from .text import shown_text
from .yamlfile import YamlDocument


def _both_readings(raw: str, thousands: int) -> str:
    """``1.250 được đọc là 1,25 (một phẩy hai mươi lăm); nếu là một nghìn hai trăm năm
    mươi, hãy viết 1250``."""
    decimal = raw.lstrip("+")
    shown = decimal.replace(".", ",").rstrip("0").rstrip(",")
    return (f"{raw} được đọc là {shown} ({decimal_words(decimal)}); nếu là "
            f"{number_words(thousands)}, hãy viết {thousands} (không dùng dấu chấm ngăn cách "
            "hàng nghìn)")


def _thousands_of(raw: str | None) -> int | None:
    return None if raw is None else thousands(raw)


def _why_number(value: str, form: str) -> str:
    bare = value.strip()
    if bare.endswith("%"):
        return " (bỏ dấu %: đơn vị tính đã ghi trong kế hoạch)"
    if "," in bare:
        return " (dấu chấm thập phân, không dùng dấu phẩy)"
    return " (viết liền, không dùng dấu chấm hay dấu cách ngăn cách hàng nghìn)"


def _edit(pos: Position, raw: str | None, new: str) -> Fix | None:
    return Edit(pos, raw, new) if raw is not None and raw != new else None


def refine(
    kind: str,
    value: Any,
    name: str,
    loc: Path,
    doc: YamlDocument,
    pos: Position,
    unit_names: Mapping[str, str],
    default: str,
    target_units: Mapping[str, str] | None = None,
) -> tuple[str, Fix | None] | None:
    """A better message (and its certain fix) for one failed value, or None; ``default``
    is the message made without the user's value (kept, with a fix, where it says all).

    ``name`` is the place as the message names it; ``unit_names`` maps a unit's name
    (lower case, without diacritics) to its id, for a unit written by its name;
    ``target_units`` maps a target's id to its unit (don_vi_tinh), so that ``70%`` loses
    its % sign only in a figure counted in %.
    """
    raw = doc.positions.raw.get(loc)
    found = f", nhận được {_described(value)}"
    if kind in ("float_type", "int_type") and isinstance(value, str):
        form = number_form(value)
        if form is not None and form == value.strip():  # a number in quotes: unquote it
            return default, _edit(pos, raw, form)
        if form is not None and (kind == "float_type" or "." not in form):
            what = "một số" if kind == "float_type" else "một số nguyên"
            # 70% → 70 is no fix in a figure known to be counted in another unit than %
            # (a count, "lớp", "hộ"): there the rate typed is not the figure.
            percent = value.strip().endswith("%")
            unit = _counted_in(loc, doc, target_units or {}) if percent else None
            if unit == "":
                return f"{name}: cần {what} (số đếm, không phải tỷ lệ phần trăm){found}", None
            if unit is not None and not unit.startswith("%"):
                return (f"{name}: cần {what} tính bằng {unit} (đơn vị tính của chỉ tiêu), không "
                        f"phải phần trăm{found}", None)
            return (f"{name}: cần {what}; hãy viết {form}{_why_number(value, form)}{found}",
                    _edit(pos, raw, form))
        if form is None and _ambiguous_comma(value):
            whole, decimals = value.strip().split(",")
            joined = int(whole + decimals)
            if kind == "int_type":
                return (f"{name}: cần một số nguyên{found}; nếu là {number_words(joined)}, "
                        f"hãy viết {joined}", None)
            decimal = f"{whole}.{decimals}".rstrip("0").rstrip(".")
            return (f"{name}: cần một số{found}: nếu là {decimal_words(decimal)}, hãy viết "
                    f"{decimal}; nếu là {number_words(joined)}, hãy viết {joined}", None)
    if kind in ("int_type", "int_from_float") and isinstance(value, float):
        read = _thousands_of(raw)
        if read is not None and raw is not None:
            return f"{name}: cần một số nguyên; {_both_readings(raw, read)}", None
    if kind == "literal_error" and isinstance(value, str) and plain(value) in _WORDS:
        # 'Hoàn thành', 'hoan thanh', 'Đang thực hiện': the same words, certain
        return default, _edit(pos, raw, plain(value))
    if kind in ("int_type", "int_from_float") and isinstance(value, float) and (
        value.is_integer() and raw is not None and _thousands_of(raw) is None
        and re.fullmatch(r"[-+]?[0-9]+\.0+", raw.strip())
    ):
        whole = raw.strip().split(".")[0]
        return (f"{name}: cần một số nguyên; hãy viết {whole}, nhận được số {raw.strip()}",
                _edit(pos, raw, whole))
    if kind == "date_type" and isinstance(value, str):
        form = date_form(value)
        if form is not None and form == value.strip():  # a date in quotes
            return default, _edit(pos, raw, form)
        if form is not None:
            return (f"{name}: cần một ngày dạng YYYY-MM-DD (năm-tháng-ngày); hãy viết {form}"
                    f"{found}",
                    _edit(pos, raw, form))
        wrong = impossible_date(value)
        if wrong is not None:
            return (f"{name}: \"{shown_text(value)}\" không phải ngày có thật ({wrong}); cần "
                    "ngày có thật, viết dạng YYYY-MM-DD (năm-tháng-ngày)", None)
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        if loc and loc[-1] == "ky":
            form = period_form(value)
            if form is not None:
                return (f"{name}: cần dạng <năm>-Q<quý>; hãy viết {form}{found}",
                        _edit(pos, raw, form))
        if any(part in ("tai_khoan", "quan_tri") for part in loc):
            login = login_form(value)
            if login is not None:
                return (f"{name}: cần tên tài khoản GitHub hoặc GitLab (không có '@', dấu "
                        f"cách hay địa chỉ trang){found}; có phải là {login}?", None)
        names_unit = bool(loc) and (loc[-1] in ("don_vi", "chu_tri") or (
            len(loc) > 1 and loc[-2] in ("phoi_hop", "don_vi_bao_cao")))
        if names_unit and unit_names:
            ma = unit_names.get(plain(value))
            if ma is not None:  # the message says it; a person confirms the unit
                write = ma if isinstance(loc[-1], int) else f"{loc[-1]}: {ma}"
                return (f"{name}: cần mã của đơn vị, không phải tên; \"{shown_text(value)}\" "
                        f"có mã {ma} trong plan/units.yaml: hãy viết {write}", None)
    return None


def _counted_in(loc: Path, doc: YamlDocument, target_units: Mapping[str, str]) -> str | None:
    """The unit of the figure at ``loc``: its target's don_vi_tinh, "" for a count (a
    result's tu_so, mau_so), None when it cannot be told."""
    if len(loc) == 3 and loc[0] == "chi_tieu" and isinstance(loc[1], str):  # a result file
        return "" if loc[2] in ("tu_so", "mau_so") else target_units.get(loc[1])
    if len(loc) >= 3 and loc[0] == "chi_tieu" and isinstance(loc[1], int):  # targets.yaml
        unit = _at(doc.data, (*loc[:2], "don_vi_tinh"))
        return unit.strip() if isinstance(unit, str) else None
    return None


# The contract's one-word values that a person may type with diacritics or spaces.
_WORDS = frozenset({"hoan_thanh", "dang_thuc_hien", "chua_thuc_hien", "ty_le", "gia_tri",
                    "tong"})


def _ambiguous_comma(value: str) -> bool:
    bare = value.strip()
    whole, _, decimals = bare.partition(",")
    return whole.lstrip("+-").isdigit() and len(decimals) == 3 and decimals.isdigit()


def _described(value: Any) -> str:
    return f'chuỗi "{shown_text(value)}"' if isinstance(value, str) else str(value)


def thousands_warnings(doc: YamlDocument) -> list[Problem]:
    """A figure written ``1.250`` that YAML took for 1,25: both readings, in words."""
    problems: list[Problem] = []
    for loc, raw in doc.positions.raw.items():
        whole = _thousands_of(raw)
        if whole is None or not isinstance(_at(doc.data, loc), float):
            continue
        name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "giá trị"
        decimal = raw.lstrip("+").rstrip("0").rstrip(".")
        problems.append(warning(
            doc.path, doc.positions.value(loc),
            f"{name}: {_both_readings(raw, whole)}; nếu đúng là {decimal.replace('.', ',')}, "
            f"hãy viết {decimal} để không còn cảnh báo này",
            MISREAD.id,
        ))
    return problems


def _at(data: Any, loc: Path) -> Any:
    for part in loc:
        found = isinstance(data, dict) and part in data
        found = found or (isinstance(data, list) and isinstance(part, int) and part < len(data))
        if not found:
            return None
        data = data[part]
    return data


# ---------------------------------------------------------------- figures inside texts

# In a Vietnamese text the decimal sign is a comma and thousands take a dot: "12,5%",
# "2.287 tài khoản". A figure typed the English way reads differently: "12.5%" is odd,
# "2,287 tài khoản" reads as two point two eight seven accounts.
_DOT_PERCENT = re.compile(r"(?<![\d.,])(\d+)\.(\d{1,2})(?![\d.,])(\s?%)")
_COMMA_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}),(\d{3})(?![\d.,])(?=\s+[^\W\d_])")
# What each must hold, found fast (a literal first character): most texts hold neither.
_DOT_PERCENT_CORE = re.compile(r"\.\d{1,2}\s?%")
_COMMA_THOUSANDS_CORE = re.compile(r",\d{3}")
# A report's ``chi_tieu`` holds the secretariat's comment on each target, by its id.
REPORT_TEXTS = frozenset({"danh_gia_chung", "phuong_huong", "kien_nghi", "nguyen_nhan",
                          "chi_tieu"})
RESULT_TEXTS = frozenset({"ghi_chu", "ket_qua", "kho_khan", "kien_nghi"})


def _texts(data: Any, keys: frozenset[str], path: Path = ()) -> Iterator[tuple[Path, str]]:
    """The strings under ``keys`` (at any depth), with their paths."""
    if isinstance(data, dict):
        for key, value in data.items():
            inner = (*path, key)
            if key in keys:
                yield from _strings(value, inner)
            else:
                yield from _texts(value, keys, inner)


def _strings(data: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every string inside ``data`` (itself one, or in its lists and mappings)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _strings(item, (*path, i))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))


def figure_warnings(doc: YamlDocument, keys: frozenset[str]) -> list[Problem]:
    """A figure in a text that will be printed in the report, typed with the English
    separators: "12.5%" → "12,5%"; "2,287 tài khoản" → both readings."""
    problems: list[Problem] = []
    for path, text in _texts(doc.data, keys):
        dot_percent = "%" in text and _DOT_PERCENT_CORE.search(text) is not None
        comma_thousands = "," in text and _COMMA_THOUSANDS_CORE.search(text) is not None
        if not (dot_percent or comma_thousands):
            continue
        name = next((str(p) for p in reversed(path) if isinstance(p, str)), "văn bản")
        for m in _DOT_PERCENT.finditer(text) if dot_percent else ():
            problems.append(warning(
                doc.path, doc.positions.value(path),
                f"{name}: \"{m[0]}\" viết dấu chấm thập phân kiểu tiếng Anh; văn bản tiếng Việt "
                f"viết {m[1]},{m[2]}{m[3]}", MISREAD.id,
            ))
        for m in _COMMA_THOUSANDS.finditer(text) if comma_thousands else ():
            whole = int(m[1] + m[2])
            decimal = f"{m[1]}.{m[2]}".rstrip("0").rstrip(".")
            problems.append(warning(
                doc.path, doc.positions.value(path),
                f"{name}: \"{m[0]}\" được người đọc hiểu là {decimal_words(decimal)}; nếu là "
                f"{number_words(whole)}, hãy viết {m[1]}.{m[2]} (văn bản tiếng Việt ngăn cách "
                "hàng nghìn bằng dấu chấm)", MISREAD.id,
            ))
    return problems
