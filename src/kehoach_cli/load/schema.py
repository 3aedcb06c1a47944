"""Validate one file's values against its model, and say what is wrong in Vietnamese,
at the line and column of the offending key or value."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..vocab.numbers import format_number
from ..vocab.problems import Position, Problem, error
from ..vocab.suggest import closest, suggest
from .misread import refine
from .models import UNION_TAGS
from .positions import Path
from .rules import FORMAT
from .scalars import InvalidDate
from .text import shown_text
from .yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)



def _error(path: str, pos: Position, message: str) -> Problem:
    return error(path, pos, message, FORMAT.id)


KEY_MARK = "[key]"  # pydantic's marker for an error in a dict key


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
        if not value:
            return "chuỗi rỗng"
        return f'chuỗi "{shown_text(value)}"'
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa"
    return type(value).__name__


MAPPING = "cần một bảng khóa (các dòng dạng 'khoa: gia_tri')"
LIST = "cần một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ', hoặc [a, b])"

_EXPECTED = {
    "string_type": "cần một chuỗi văn bản",
    "int_type": "cần một số nguyên, ví dụ 12",
    "float_type": "cần một số, ví dụ 12 hoặc 17.5 (dấu chấm thập phân)",
    "bool_type": "cần true hoặc false",
    "date_type": "cần một ngày dạng YYYY-MM-DD, ví dụ 2026-06-18",
    "list_type": LIST,
    "dict_type": MAPPING,
    "model_type": MAPPING,
    "model_attributes_type": MAPPING,
    "finite_number": "cần một số hữu hạn (không dùng .inf hay .nan)",
    "string_too_short": "không được để trống",
}

ID_FORM = "cần mã gồm chữ thường không dấu, chữ số và dấu '-', ví dụ cong-an-xa"
_PATTERN_FORMS = (
    ("Q[1-4]", "cần dạng <năm>-Q<quý>, ví dụ 2026-Q2"),
    ("A-ZĐ", "cần ký hiệu viết hoa không dấu (trừ Đ), các nhóm nối bằng '-' hoặc '/', ví dụ "
             "BC-BCĐ"),
    ("A-Za-z", "cần tên tài khoản GitHub hoặc GitLab (chữ, số, '.', '_' và '-'; tài khoản "
               "ứng dụng thêm [bot]), ví dụ nguyen-van-a"),
)

_QUOTED_NUMBER = re.compile(r"\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*\Z")
_QUOTED_DATE = re.compile(r"\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\s*\Z")
_YES_NO = {"yes", "no", "on", "off", "y", "n", "có", "không"}


def _form_of_pattern(pattern: str) -> str:
    for needle, form in _PATTERN_FORMS:
        if needle in pattern:
            return form
    return ID_FORM


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


def _patterns(annotation: Any, metadata: typing.Iterable[Any] = ()) -> list[str]:
    """The string patterns constraining ``annotation`` (through Optional and Annotated)."""
    found = [p for m in metadata if isinstance(p := getattr(m, "pattern", None), str)]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        found += _patterns(args[0], args[1:])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _patterns(arg)
    return found


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, list[Any]]:
    """The annotation (and field metadata) of the value at ``loc`` inside ``model``."""
    current: Any = model
    metadata: list[Any] = []
    for part in loc:
        next_type: Any = None
        metadata = []
        for candidate in _unwrap(current):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    next_type = field.annotation
                    metadata = list(field.metadata)
            elif typing.get_origin(candidate) in (list, dict):
                next_type = typing.get_args(candidate)[-1]
        if next_type is None:
            return None, []
        current = next_type
    return current, metadata


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc``."""
    owner, _ = _annotation_at(model, loc[:-1])
    for candidate in _unwrap(owner):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def label(loc: tuple[Any, ...]) -> str:
    """How the place of a value is named at the start of a message."""
    if not loc:
        return "nội dung tệp"
    last = loc[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
        where = f" của {parent}" if parent else ""
        return f"phần tử thứ {last + 1}{where}"
    return str(last)


def _quoted_hint(kind: str, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    if kind in ("int_type", "float_type") and _QUOTED_NUMBER.match(value):
        return "; hãy bỏ dấu nháy để giá trị là một số"
    if kind == "date_type" and _QUOTED_DATE.match(value):
        return "; hãy bỏ dấu nháy để giá trị là một ngày"
    if kind == "bool_type" and value.strip().lower() in _YES_NO:
        return "; hãy viết true (có) hoặc false (không)"
    return ""


def _is_result_entry(model: type[BaseModel], loc: tuple[Any, ...]) -> bool:
    """``loc`` is an entry of chi_tieu or nhiem_vu in a result file."""
    from ..load.models import ResultFile

    return model is ResultFile and len(loc) == 2 and loc[0] in ("chi_tieu", "nhiem_vu")


def _translate(model: type[BaseModel], err: Any, kind_name: str, prefix: Path) -> tuple[str, bool]:
    """The Vietnamese message for one pydantic error, and whether it points at the key.

    ``err["loc"]`` is relative to ``model``; ``prefix`` is where the model stands in the file.
    """
    kind = err["type"]
    loc = tuple(err["loc"])
    at_key = bool(loc) and loc[-1] == KEY_MARK
    if at_key:
        loc = loc[:-1]
    value = err.get("input")
    name = label(prefix + loc[:-1]) if at_key else label(prefix + loc)
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
            f"{name}: '{value.text}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, "
            "ví dụ 2026-06-18",
            at_key,
        )
    found = f", nhận được {describe_value(value)}"
    if kind == "literal_error" and err.get("ctx", {}).get("expected"):
        expected = err["ctx"]["expected"]
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        choices = [c for c in choices if c]
        hint = suggest(str(value), choices) if isinstance(value, str) else ""
        listed = ", ".join(f"'{c}'" for c in choices[:-1])
        listed = f"{listed} hoặc '{choices[-1]}'" if listed else f"'{choices[-1]}'"
        what = "khóa " if at_key else ""
        return f"{name}: cần {what}{listed}{found}{hint}", at_key
    if kind in ("model_type", "dict_type") and _is_result_entry(model, loc):
        section, ma = loc
        if section == "chi_tieu":
            example = "{gia_tri: 12} hoặc {tu_so: 9, mau_so: 10}"
            empty = "cần ghi số liệu"
            skip = "chưa có số liệu"
        else:
            example = "{trang_thai: dang_thuc_hien}"
            empty = "cần ghi tình trạng thực hiện"
            skip = "chưa có gì để báo cáo"
        if value is None:
            return (f"{ma}: mục để trống; {empty}, ví dụ {ma}: {example} — hoặc bỏ hẳn dòng "
                    f"này nếu {skip}", at_key)
        return f"{ma}: cần một bảng khóa, ví dụ {ma}: {example}{found}", at_key
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return f"{name}: {_form_of_pattern(pattern)}{found}", at_key
    if kind == "string_type":
        annotation, metadata = _annotation_at(model, loc)
        patterns = _patterns(annotation, metadata)
        if patterns:
            return f"{name}: {_form_of_pattern(patterns[0])}{found}", at_key
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        if isinstance(bound, int) and abs(bound) >= 10_000:
            bound = format_number(bound)  # Vietnamese thousands: 1.000.000
        words = {
            "greater_than_equal": "lớn hơn hoặc bằng",
            "less_than_equal": "nhỏ hơn hoặc bằng",
            "greater_than": "lớn hơn",
            "less_than": "nhỏ hơn",
        }[kind]
        return f"{name}: cần số {words} {bound}{found}", at_key
    if kind in _EXPECTED:
        return f"{name}: {_EXPECTED[kind]}{found}{_quoted_hint(kind, value)}", at_key
    if kind in ("union_tag_invalid", "union_tag_not_found"):  # a value of neither shape
        owner = _model_at(model, loc)
        field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
        shapes = (field.description or "").partition(": ")[2] if field else ""
        if shapes:
            return f"{name}: cần {shapes}{found}", at_key
    # A kind of error the models do not produce today: say what the field expects, in
    # Vietnamese, rather than pydantic's English.
    owner = _model_at(model, loc)
    field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    expected = f"; cần {field.description}" if field and field.description else ""
    return f"{name}: giá trị không hợp lệ{found}{expected}", at_key


def _empty(doc: YamlDocument, kind_name: str) -> Problem:
    return _error(
        doc.path,
        doc.positions.value(()),
        f"tệp rỗng; cần nội dung của {kind_name} (các dòng dạng 'khoa: gia_tri')",
    )


def validate_model(
    doc: YamlDocument, model: type[M], kind_name: str,
    unit_names: Mapping[str, str] | None = None,
    target_units: Mapping[str, str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate the values of ``doc`` with ``model``; problems carry the file's positions.
    ``unit_names`` (a unit's name without diacritics → its id) lets a unit written by its
    name be told its id; ``target_units`` (a target's id → its don_vi_tinh) tells which
    figures are counted in %."""
    if doc.data is None:
        return None, [_empty(doc, kind_name)]
    return validate_part(doc, doc.data, (), model, kind_name, unit_names or {}, target_units)


def validate_items(
    doc: YamlDocument, key: str, model: type[M], kind_name: str,
    unit_names: Mapping[str, str] | None = None,
) -> tuple[list[tuple[int, M]] | None, list[Problem]]:
    """Validate a file holding one list under ``key``, item by item, so that one bad
    item does not hide the others from the checks across files.

    Returns the valid items with their index in the list (None when the file holds
    no such list at all) and the problems.
    """
    data = doc.data
    if data is None:
        return None, [_empty(doc, kind_name)]
    if not isinstance(data, dict):
        return None, [
            _error(
                doc.path,
                doc.positions.value(()),
                f"nội dung tệp: cần một bảng khóa có khóa '{key}' (dòng đầu '{key}:', "
                f"tiếp theo là danh sách), nhận được {describe_value(data)}",
            )
        ]
    problems: list[Problem] = []
    for extra in data:
        if extra != key:
            problems.append(
                _error(
                    doc.path,
                    doc.positions.key((extra,)),
                    f"khóa '{extra}' không có trong định dạng {kind_name}"
                    + (suggest(extra, [key]) or f"; tệp này chỉ có khóa '{key}'"),
                )
            )
    if key not in data:
        if not any(closest(extra, [key]) for extra in data):
            problems.append(
                _error(doc.path, doc.positions.value(()), f"thiếu khóa bắt buộc '{key}'")
            )
        return None, problems
    items = data[key]
    if not isinstance(items, list):
        problems.append(
            _error(
                doc.path,
                doc.positions.key((key,)) if items is None else doc.positions.value((key,)),
                f"{key}: {LIST}, nhận được {describe_value(items)}",
            )
        )
        return None, problems
    valid: list[tuple[int, M]] = []
    for index, item in enumerate(items):
        parsed, item_problems = validate_part(doc, item, (key, index), model, kind_name,
                                              unit_names)
        problems.extend(item_problems)
        if parsed is not None:
            valid.append((index, parsed))
    return valid, problems


def _position(doc: YamlDocument, loc: Path, err: Any, at_key: bool) -> Position:
    if err["type"] == "missing":
        # The mapping that lacks the key: its own key, or the list item / file it is.
        return doc.positions.key(loc[:-1]) if loc[:-1] else doc.positions.value(())
    if at_key or (err.get("input") is None and loc in doc.positions.keys):
        # A key with nothing after it: point at the key, there is nothing else to see.
        return doc.positions.key(loc)
    return doc.positions.value(loc)


def validate_part(
    doc: YamlDocument, data: Any, prefix: Path, model: type[M], kind_name: str,
    unit_names: Mapping[str, str] | None = None,
    target_units: Mapping[str, str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` (found at ``prefix`` in ``doc``) with ``model``."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        # The tags of a union told apart by shape are no place in the file: drop them.
        errors: list[dict[str, Any]] = [
            {**err, "loc": tuple(p for p in err["loc"] if p not in UNION_TAGS)}
            for err in exc.errors()
        ]
    # A misspelt key is one mistake: the unknown key (with its suggestion) is reported,
    # not also the required key it was meant to be.
    meant: set[tuple[Any, ...]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            rel = tuple(err["loc"])
            owner = _model_at(model, rel)
            if owner is not None:
                close = closest(str(rel[-1]), owner.model_fields)
                if close is not None:
                    meant.add((*rel[:-1], close))
    problems: list[Problem] = []
    for err in errors:
        rel = tuple(err["loc"])
        if err["type"] == "missing" and rel in meant:
            continue
        message, at_key = _translate(model, err, kind_name, prefix)
        loc: Path = prefix + tuple(p for p in rel if p != KEY_MARK)
        pos = _position(doc, loc, err, at_key)
        better = None if at_key else refine(
            err["type"], err.get("input"), label(loc), loc, doc, pos, unit_names or {},
            message, target_units)
        if better is not None:
            message, fix = better
            problems.append(error(doc.path, pos, message, FORMAT.id, fix))
        else:
            problems.append(_error(doc.path, pos, message))
    return None, problems
