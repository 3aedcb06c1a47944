"""`kehoach schema`: JSON Schemas of every kind of file, for editors (load/json_schema.py),
narrowed by this plan; and the editor settings that map them to the folders.

Writes schemas/*.json (only those whose text changed) and, when they do not exist yet,
.vscode/settings.json (which schema for which folder, UTF-8, two-space indentation) and
.vscode/extensions.json (recommends the YAML extension). Existing editor settings are
the user's and are never overwritten.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..load.json_schema import DRAFT, SCHEMAS, all_schemas, build, facts_of, render
from ..load.loaded import load_repo
from ..load.repo import find_root
from ..store import write_atomic

# schema file -> the files it is for (VS Code's yaml.schemas globs)
FOLDERS: dict[str, list[str]] = {
    "ke-hoach.schema.json": ["plan/plan.yaml"],
    "don-vi.schema.json": ["plan/units.yaml"],
    "chi-tieu.schema.json": ["plan/targets.yaml"],
    "nhiem-vu.schema.json": ["plan/tasks.yaml"],
    "ket-qua.schema.json": ["units/*/*.yaml"],
    "bao-cao.schema.json": ["reports/*.yaml"],
}


def vscode_settings() -> dict[str, Any]:
    return {
        "yaml.schemas": {f"./schemas/{name}": globs for name, globs in FOLDERS.items()},
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.format.enable": False,
        "files.encoding": "utf8",
        "files.autoGuessEncoding": False,
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "[yaml]": {
            "editor.insertSpaces": True,
            "editor.tabSize": 2,
            "editor.detectIndentation": False,
            "editor.renderWhitespace": "boundary",
            "editor.rulers": [100],
        },
    }


VSCODE_EXTENSIONS: dict[str, Any] = {"recommendations": ["redhat.vscode-yaml"]}


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema(start: Path, out: Path | None = None, *, stream: TextIO | None = None) -> int:
    """Write every schema to ``out`` (default: schemas/ of the plan repo); print each path."""
    stream = stream or sys.stdout
    root = find_root(start)
    folder = out if out is not None else root / "schemas"
    facts = facts_of(load_repo(root, fast=True))
    if facts is None:
        sys.stderr.write(
            "kehoach: cảnh báo: kế hoạch (plan/) đang có lỗi nên lược đồ chỉ theo hợp đồng "
            "chung, chưa theo mã chỉ tiêu, nhiệm vụ, đơn vị của kế hoạch; sửa lỗi (kehoach "
            "validate) rồi chạy lại kehoach schema\n")
    for name, text in all_schemas(facts).items():
        _write(folder / name, text.encode("utf-8"), stream)
    if out is None:
        for name, data in (("settings.json", vscode_settings()),
                           ("extensions.json", VSCODE_EXTENSIONS)):
            path = root / ".vscode" / name
            if path.exists():
                stream.write(f"Đã có, giữ nguyên: {_shown(path)}\n")
            else:
                _write(path, _json(data), stream)
    return 0


def _write(path: Path, data: bytes, stream: TextIO) -> None:
    try:
        same = path.read_bytes() == data
    except OSError:
        same = False
    if same:
        stream.write(f"Không đổi: {_shown(path)}\n")
        return
    write_atomic(path, data)
    stream.write(f"Đã ghi: {_shown(path)}\n")


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


__all__ = ["DRAFT", "FOLDERS", "SCHEMAS", "build", "render", "schema", "vscode_settings"]
