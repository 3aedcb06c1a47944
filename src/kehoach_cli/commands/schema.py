"""`kehoach schema`: JSON Schemas of every kind of file, for editors.

An editor with a YAML language server (Visual Studio Code with the YAML extension, and
others) reads the schema named on a file's first line::

    # yaml-language-server: $schema=../../schemas/ket-qua.schema.json

and then completes keys, shows each key's Vietnamese description, and underlines a
misspelt key or a wrong type while the file is typed. The schemas are generated from
the same pydantic models that ``kehoach validate`` uses, so they never disagree on the
shape of a file; the rules across files (which unit reports which target, ...) stay
with ``kehoach validate``.

The output is deterministic (sorted keys, two-space indent, a trailing newline), so
the committed schemas/ folder changes only when a model does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel

from ..load.models import PlanFile, ReportInput, ResultFile, TargetsFile, TasksFile, UnitsFile
from ..load.repo import find_root
from ..store import write_atomic

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
    """The JSON Schema (draft 2020-12) of one kind of file."""
    generated = _drop_generated_titles(model.model_json_schema())
    assert isinstance(generated, dict)
    return {"$schema": DRAFT, **generated, "title": title, "description": description}


def render(model: type[BaseModel], title: str, description: str) -> str:
    text = json.dumps(build(model, title, description), ensure_ascii=False, indent=2,
                      sort_keys=True)
    return text + "\n"


def schema(start: Path, out: Path | None = None, *, stream: TextIO | None = None) -> int:
    """Write every schema to ``out`` (default: schemas/ of the plan repo); print each path."""
    stream = stream or sys.stdout
    root = find_root(start)
    folder = out if out is not None else root / "schemas"
    for name, (model, title, description) in SCHEMAS.items():
        path = folder / name
        data = render(model, title, description).encode("utf-8")
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        shown = _shown(path)
        if same:
            stream.write(f"Không đổi: {shown}\n")
            continue
        write_atomic(path, data)
        stream.write(f"Đã ghi: {shown}\n")
    return 0


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
