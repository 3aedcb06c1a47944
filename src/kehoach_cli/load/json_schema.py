"""JSON Schemas of every kind of file, generated from the models and from THIS plan.

An editor with a YAML language server (Visual Studio Code with the YAML extension, and
others) reads the schema a file names on a modeline::

    # yaml-language-server: $schema=../../schemas/ket-qua.schema.json

or that .vscode/settings.json maps to its folder, and then completes keys, shows each
key's Vietnamese description and underlines a mistake while the file is typed.

The shape of every file comes from the same pydantic models ``kehoach validate`` uses, so
they never disagree. The plan then narrows it: a result file's targets and tasks are the
plan's ids (completed with their Vietnamese names, each target with the entry its method
needs and the contract's bounds: counts ≥ 0, a denominator ≥ 1, percentages 0–100); the
units are the plan's ids; ``ky`` is a quarter of the plan's year; and a unit's file may
name only the targets and tasks that unit reports. ``errorMessage`` (read by the language
servers of VS Code and yaml-language-server) says each refusal in Vietnamese, naming the
expected form. The rules across files that a schema cannot say stay with validate.

The output is deterministic (sorted keys, two-space indent, a trailing newline), so the
committed schemas/ folder changes only when a model or the plan does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .loaded import LoadedRepo
from .models import (
    PlanFile,
    ReportInput,
    ResultFile,
    Target,
    TargetsFile,
    Task,
    TasksFile,
    Unit,
    UnitsFile,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# file name -> (model, title, description)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "ke-hoach.schema.json": (
        PlanFile, "Kế hoạch",
        "Thông tin chung của kế hoạch: tệp plan/plan.yaml (cơ quan thường trực soạn).",
    ),
    "don-vi.schema.json": (
        UnitsFile, "Danh sách đơn vị",
        "Các đơn vị thực hiện kế hoạch: tệp plan/units.yaml (cơ quan thường trực soạn).",
    ),
    "chi-tieu.schema.json": (
        TargetsFile, "Danh sách chỉ tiêu",
        "Các chỉ tiêu của kế hoạch: tệp plan/targets.yaml (cơ quan thường trực soạn).",
    ),
    "nhiem-vu.schema.json": (
        TasksFile, "Danh sách nhiệm vụ",
        "Các nhiệm vụ của kế hoạch: tệp plan/tasks.yaml (cơ quan thường trực soạn).",
    ),
    "ket-qua.schema.json": (
        ResultFile, "Báo cáo kết quả quý của đơn vị",
        "Tệp units/<mã đơn vị>/<năm>-Q<quý>.yaml, mỗi đơn vị một tệp mỗi quý. Lệnh "
        "kehoach validate kiểm tra thêm các quy tắc giữa các tệp (đơn vị nào báo cáo chỉ "
        "tiêu nào, tử số không lớn hơn mẫu số, ...).",
    ),
    "bao-cao.schema.json": (
        ReportInput, "Nội dung báo cáo của cơ quan thường trực",
        "Tệp reports/<năm>-Q<quý>.yaml (báo cáo quý), reports/<năm>-6T.yaml (sơ kết 6 tháng), "
        "reports/<năm>.yaml (tổng kết năm): đánh giá chung, nguyên nhân của hạn chế, nhận xét "
        "từng chỉ tiêu, phương hướng, kiến nghị; có khóa so là báo cáo đã ban hành.",
    ),
}


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """What the schemas take from a plan that loaded without errors."""

    year: int
    units: Sequence[Unit]
    targets: Sequence[Target]
    tasks: Sequence[Task]


def facts_of(repo: LoadedRepo) -> PlanFacts | None:
    """The plan's facts, or None while the plan files have errors (schemas narrowed by a
    half-read plan would refuse what the plan, once fixed, allows)."""
    lists = (repo.units, repo.targets, repo.tasks)
    if repo.plan is None or not all(x.loaded and set(x.items) == x.declared for x in lists):
        return None
    if any(p.is_error and p.path.startswith("plan/") for p in repo.problems):
        return None
    return PlanFacts(repo.plan.nam, [u for _, u in repo.units.items.values()],
                     [t for _, t in repo.targets.items.values()],
                     [t for _, t in repo.tasks.items.values()])


def _drop_generated_titles(node: Any, *, in_properties: bool = False) -> Any:
    """pydantic titles every field and model after its Python name ("Ngay Gui",
    "TargetResult"): English-looking noise in an editor's tooltip. The Vietnamese
    descriptions say it better, so the generated titles go."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str) and not in_properties:
                continue
            out[key] = _drop_generated_titles(
                value, in_properties=key in ("properties", "$defs") and not in_properties
            )
        return out
    if isinstance(node, list):
        return [_drop_generated_titles(item) for item in node]
    return node


def build(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file, as the contract says it."""
    generated = _drop_generated_titles(model.model_json_schema())
    assert isinstance(generated, dict)
    keys = ", ".join(generated["properties"])
    required = ", ".join(generated.get("required", []))
    # Said by an editor for a misspelt or missing key of the file (its own words are English).
    message = f"{title}: các khóa của tệp là {keys} (viết thường, không dấu)"
    if required:
        message += f"; bắt buộc có {required}"
    return {"$schema": DRAFT, **generated, "title": title, "description": description,
            "errorMessage": message}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def all_schemas(facts: PlanFacts | None) -> dict[str, str]:
    """Every schema file's text: the contract's shapes, narrowed by the plan when given."""
    out: dict[str, str] = {}
    for name, (model, title, description) in SCHEMAS.items():
        schema = build(model, title, description)
        if facts is not None:
            _NARROW[name](schema, facts)
        out[name] = render(schema)
    return out


# ---------------------------------------------------------------- narrowing by the plan


def _listed(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def _unit_enum(facts: PlanFacts, what: str) -> dict[str, Any]:
    ids = [u.ma for u in facts.units]
    return {
        "type": "string",
        "enum": ids,
        "enumDescriptions": [u.ten for u in facts.units],
        "errorMessage": f"{what}: cần mã một đơn vị của plan/units.yaml: {_listed(ids)}",
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _refused_when(condition: dict[str, Any], message: str) -> dict[str, Any]:
    """A bound said as ``if <out of range> then <nothing fits>``: the language servers
    print their own English words for ``minimum`` or ``not``, but a schema's
    ``errorMessage`` for a type that does not match — so the message is Vietnamese."""
    return {"if": {"type": "number", **condition},
            "then": {"type": "null", "errorMessage": message}}


def _integer(minimum: int, what: str) -> dict[str, Any]:
    message = (f"{what}: cần một số nguyên từ {minimum} trở lên, viết liền không dấu chấm "
               "hay dấu phẩy, ví dụ 12")
    return {"type": "integer", "errorMessage": message,
            **_refused_when({"exclusiveMaximum": minimum}, message)}


def _target_entry(target: Target) -> dict[str, Any]:
    note = {"type": "string", "minLength": 1, "description": "ghi chú"}
    about = f"{target.ten} (đơn vị tính: {target.don_vi_tinh}; mục tiêu {target.so_sanh} " \
            f"{target.muc_tieu:g}; chủ trì: {target.chu_tri})"
    if target.cach_tinh == "ty_le":
        return {
            "type": "object", "description": about, "additionalProperties": False,
            "required": ["tu_so", "mau_so"],
            "properties": {
                "tu_so": {**_integer(0, "tu_so"), "description": target.tu_so or "tử số"},
                "mau_so": {**_integer(1, "mau_so"), "description": target.mau_so or "mẫu số"},
                "ghi_chu": note,
            },
            "errorMessage": f"chỉ tiêu tỷ lệ {target.ma}: cần {{tu_so: số, mau_so: số}}, "
                            "ví dụ {tu_so: 19, mau_so: 21}",
        }
    value: dict[str, Any] = {"type": "number", "description": f"giá trị ({target.don_vi_tinh})"}
    if target.don_vi_tinh.strip() == "%":
        message = ("gia_tri: cần một số từ 0 đến 100 (không ghi dấu %), dấu chấm thập phân, "
                   "ví dụ 12.5")
        value.update(errorMessage=message, allOf=[
            _refused_when({"exclusiveMaximum": 0}, message),
            _refused_when({"exclusiveMinimum": 100}, message),
        ])
    else:
        message = ("gia_tri: cần một số từ 0 trở lên, dấu chấm thập phân, không dấu ngăn "
                   "cách hàng nghìn")
        value.update(errorMessage=message, **_refused_when({"exclusiveMaximum": 0}, message))
    return {
        "type": "object", "description": about, "additionalProperties": False,
        "required": ["gia_tri"],
        "properties": {"gia_tri": value, "ghi_chu": note},
        "errorMessage": f"chỉ tiêu {target.ma}: cần {{gia_tri: số}}, ví dụ {{gia_tri: 2}}",
    }


def _task_entry(task: Task) -> dict[str, Any]:
    return {"$ref": "#/$defs/TaskResult", "description": task.ten}


def _id_map(ids: Sequence[str], entries: dict[str, Any], what: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": entries,
        "propertyNames": {"enum": list(ids),
                          "errorMessage": f"{what}: không có mã này trong kế hoạch; các mã: "
                                          f"{_listed(ids)}"},
    }


def _units_may_report(facts: PlanFacts) -> list[dict[str, Any]]:
    """if don_vi is X then chi_tieu/nhiem_vu name only what X reports."""
    rules: list[dict[str, Any]] = []
    for unit in facts.units:
        targets = [t.ma for t in facts.targets if unit.ma in t.reporters]
        tasks = [t.ma for t in facts.tasks if unit.ma == t.chu_tri or unit.ma in t.phoi_hop]
        then: dict[str, Any] = {}
        for key, ids, what in (("chi_tieu", targets, "chỉ tiêu"), ("nhiem_vu", tasks,
                                                                     "nhiệm vụ")):
            shown = _listed(ids) if ids else "(không có)"
            then[key] = _nullable({
                "type": "object",
                "propertyNames": {
                    "enum": ids,
                    "errorMessage": f"đơn vị {unit.ma} không báo cáo {what} này; {what} của "
                                    f"đơn vị: {shown}",
                },
            })
        rules.append({"if": {"properties": {"don_vi": {"const": unit.ma}},
                             "required": ["don_vi"]},
                      "then": {"properties": then}})
    return rules


def _narrow_result(schema: dict[str, Any], facts: PlanFacts) -> None:
    props = schema["properties"]
    props["don_vi"] = {**_unit_enum(facts, "don_vi"),
                       "description": props["don_vi"]["description"]}
    props["ky"]["pattern"] = f"^{facts.year}-Q[1-4]$"
    props["ky"]["errorMessage"] = (f"ky: cần dạng <năm>-Q<quý> của năm kế hoạch, ví dụ "
                                   f"{facts.year}-Q2 (trùng tên tệp)")
    props["ngay_gui"]["errorMessage"] = ("ngay_gui: cần một ngày dạng YYYY-MM-DD (năm-tháng-"
                                         f"ngày), ví dụ {facts.year}-06-18")
    targets = {t.ma: _target_entry(t) for t in facts.targets}
    tasks = {t.ma: _task_entry(t) for t in facts.tasks}
    props["chi_tieu"] = {**_nullable(_id_map(list(targets), targets, "chi_tieu")),
                         "description": props["chi_tieu"]["description"]}
    props["nhiem_vu"] = {**_nullable(_id_map(list(tasks), tasks, "nhiem_vu")),
                         "description": props["nhiem_vu"]["description"]}
    schema["allOf"] = _units_may_report(facts)
    state = schema["$defs"]["TaskResult"]["properties"]["trang_thai"]
    state["enumDescriptions"] = ["đã hoàn thành", "đang thực hiện", "chưa thực hiện"]
    state["errorMessage"] = ("trang_thai: cần hoan_thanh, dang_thuc_hien hoặc "
                             "chua_thuc_hien (chữ không dấu)")


def _narrow_units_refs(schema: dict[str, Any], facts: PlanFacts, model: str) -> None:
    props = schema["$defs"][model]["properties"]
    props["chu_tri"] = {**_unit_enum(facts, "chu_tri"),
                        "description": props["chu_tri"]["description"]}
    listed = {"type": "array", "items": _unit_enum(facts, "phoi_hop")}
    props["phoi_hop"] = {"anyOf": [listed, {"type": "null"}],
                         "description": props["phoi_hop"]["description"]}
    if "don_vi_bao_cao" in props:
        reporters = {"type": "array", "items": _unit_enum(facts, "don_vi_bao_cao")}
        props["don_vi_bao_cao"] = {"anyOf": [reporters, {"type": "null"}],
                                   "description": props["don_vi_bao_cao"]["description"],
                                   "default": None}


def _narrow_report(schema: dict[str, Any], facts: PlanFacts) -> None:
    ids = [t.ma for t in facts.targets]
    comments = {t.ma: {"type": "string", "minLength": 1, "description": t.ten}
                for t in facts.targets}
    props = schema["properties"]
    props["chi_tieu"] = {**_nullable(_id_map(ids, comments, "chi_tieu")),
                         "description": props["chi_tieu"]["description"]}


def _narrow_plan(schema: dict[str, Any], facts: PlanFacts) -> None:
    props = schema["properties"]
    props["co_quan_thuong_truc"] = {**_unit_enum(facts, "co_quan_thuong_truc"),
                                    "description": props["co_quan_thuong_truc"]["description"]}


def _unchanged(schema: dict[str, Any], facts: PlanFacts) -> None:
    """plan/units.yaml defines the ids: nothing of the plan narrows it."""


_NARROW = {
    "ke-hoach.schema.json": _narrow_plan,
    "don-vi.schema.json": _unchanged,
    "chi-tieu.schema.json": lambda s, f: _narrow_units_refs(s, f, "Target"),
    "nhiem-vu.schema.json": lambda s, f: _narrow_units_refs(s, f, "Task"),
    "ket-qua.schema.json": _narrow_result,
    "bao-cao.schema.json": _narrow_report,
}


__all__ = ["DRAFT", "SCHEMAS", "PlanFacts", "all_schemas", "build", "facts_of", "render"]
