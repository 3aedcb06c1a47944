"""Validate one file's values against its model, and say what is wrong in Vietnamese,
at the line and column of the offending key or value."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..load.yamlfile import InvalidDate, Path, YamlDocument
from .problems import Problem, error

M = TypeVar("M", bound=BaseModel)


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """' có phải ý bạn là 'x'?' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; có phải ý bạn là '{close[0]}'?" if close else ""


def describe_value(value: Any) -> str:
    """How a found value is named in a message."""
    if isinstance(value, bool):
        return f"giá trị logic {'true' if value else 'false'}"
    if value is None:
        return "giá trị rỗng"
    if isinstance(value, InvalidDate):
        return f"'{value.text}'"
    if isinstance(value, int):
        return f"số {value}"
    if isinstance(value, float):
        return f"số {value!r}".replace("inf", ".inf").replace("nan", ".nan")
    if isinstance(value, dt.date):
        return f"ngày {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f'chuỗi "{shown}"'
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa"
    return type(value).__name__


_EXPECTED = {
    "string_type": "cần một chuỗi văn bản",
    "int_type": "cần một số nguyên (không đặt trong dấu nháy)",
    "float_type": "cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân, không đặt trong dấu nháy)",
    "bool_type": "cần true hoặc false",
    "date_type": "cần một ngày dạng YYYY-MM-DD, ví dụ 2026-06-18 (không đặt trong dấu nháy)",
    "list_type": "cần một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ', hoặc [a, b])",
    "dict_type": "cần một bảng khóa (các dòng dạng 'khoa: gia_tri')",
    "model_type": "cần một bảng khóa (các dòng dạng 'khoa: gia_tri')",
    "model_attributes_type": "cần một bảng khóa (các dòng dạng 'khoa: gia_tri')",
    "finite_number": "cần một số hữu hạn (không dùng .inf hay .nan, không quá lớn)",
    "string_too_short": "không được để trống",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        next_type: Any = None
        for candidate in _unwrap(current):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    next_type = field.annotation
            elif typing.get_origin(candidate) in (list, dict):
                next_type = typing.get_args(candidate)[-1]
        if next_type is None:
            return None
        current = next_type
    for candidate in _unwrap(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field_name(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "phần tử"


def _translate(model: type[BaseModel], err: Any, kind_name: str) -> tuple[str, bool]:
    """The Vietnamese message for one pydantic error, and whether it points at the key."""
    kind = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    name = _field_name(loc)
    if kind == "missing":
        owner = _model_at(model, loc)
        field = owner.model_fields.get(str(loc[-1])) if owner else None
        what = f" ({field.description})" if field and field.description else ""
        return f"thiếu khóa bắt buộc '{loc[-1]}'{what}", False
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = list(owner.model_fields) if owner else []
        hint = suggest(str(loc[-1]), allowed)
        if not hint and allowed:
            hint = "; các khóa hợp lệ: " + ", ".join(allowed)
        return f"khóa '{loc[-1]}' không có trong định dạng {kind_name}{hint}", True
    if isinstance(value, InvalidDate):
        return (
            f"{name}: '{value.text}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD",
            False,
        )
    found = f", nhận được {describe_value(value)}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        choices = [c for c in choices if c]
        hint = suggest(str(value), choices) if isinstance(value, str) else ""
        listed = ", ".join(f"'{c}'" for c in choices)
        return f"{name}: cần một trong {listed}{found}{hint}", False
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "Q[1-4]" in pattern:
            expected_form = "cần dạng <năm>-Q<quý>, ví dụ 2026-Q2"
        elif "A-ZĐ" in pattern:
            expected_form = "cần ký hiệu viết hoa, các nhóm nối bằng '-', ví dụ BC-BCĐ"
        elif "A-Za-z" in pattern:
            expected_form = "cần tên tài khoản gồm chữ, số và '-', ví dụ nguyen-van-a"
        else:
            expected_form = (
                "cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa"
            )
        return f"{name}: {expected_form}{found}", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        words = {
            "greater_than_equal": "lớn hơn hoặc bằng",
            "less_than_equal": "nhỏ hơn hoặc bằng",
            "greater_than": "lớn hơn",
            "less_than": "nhỏ hơn",
        }[kind]
        return f"{name}: cần số {words} {bound}{found}", False
    if kind in _EXPECTED:
        return f"{name}: {_EXPECTED[kind]}{found}", False
    return f"{name}: giá trị không hợp lệ{found} ({err.get('msg', kind)})", False


def _empty(doc: YamlDocument, kind_name: str) -> Problem:
    return error(
        doc.path,
        doc.positions.value(()),
        f"tệp rỗng; cần nội dung của {kind_name} (các dòng dạng 'khoa: gia_tri')",
    )


def validate_model(
    doc: YamlDocument, model: type[M], kind_name: str
) -> tuple[M | None, list[Problem]]:
    """Validate the values of ``doc`` with ``model``; problems carry the file's positions."""
    if doc.data is None:
        return None, [_empty(doc, kind_name)]
    return validate_part(doc, doc.data, (), model, kind_name)


def validate_items(
    doc: YamlDocument, key: str, model: type[M], kind_name: str
) -> tuple[list[M] | None, list[Problem]]:
    """Validate a file holding one list under ``key``, item by item, so that one bad
    item does not hide the others from the checks across files."""
    data = doc.data
    if data is None:
        return None, [_empty(doc, kind_name)]
    if not isinstance(data, dict):
        return None, [
            error(
                doc.path,
                doc.positions.value(()),
                f"cần một bảng khóa có khóa '{key}', nhận được {describe_value(data)}",
            )
        ]
    problems: list[Problem] = []
    for extra in data:
        if extra != key:
            problems.append(
                error(
                    doc.path,
                    doc.positions.key((extra,)),
                    f"khóa '{extra}' không có trong định dạng {kind_name}"
                    + (suggest(extra, [key]) or f"; tệp này chỉ có khóa '{key}'"),
                )
            )
    if key not in data:
        problems.append(
            error(doc.path, doc.positions.value(()), f"thiếu khóa bắt buộc '{key}'")
        )
        return None, problems
    items = data[key]
    if not isinstance(items, list):
        problems.append(
            error(
                doc.path,
                doc.positions.value((key,)),
                f"{key}: {_EXPECTED['list_type']}, nhận được {describe_value(items)}",
            )
        )
        return None, problems
    valid: list[M] = []
    for index, item in enumerate(items):
        parsed, item_problems = validate_part(doc, item, (key, index), model, kind_name)
        problems.extend(item_problems)
        if parsed is not None:
            valid.append(parsed)
    return valid, problems


def validate_part(
    doc: YamlDocument, data: Any, prefix: Path, model: type[M], kind_name: str
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors():
            rel = tuple(err["loc"])
            loc: Path = prefix + rel
            message, at_key = _translate(model, {**err, "loc": rel}, kind_name)
            if err["type"] == "missing":
                pos = doc.positions.key(loc[:-1]) if loc[:-1] else doc.positions.value(())
            elif at_key:
                pos = doc.positions.key(loc)
            else:
                pos = doc.positions.value(loc)
            problems.append(error(doc.path, pos, message))
        return None, problems
