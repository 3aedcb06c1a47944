"""check/registry.py: every rule id kehoach prints is in the registry, each entry points
at the module that makes its problems and at a broken example that shows it, and
docs/quy-tac.md is generated from it (``KEHOACH_REGEN=1 pytest tests/check`` rewrites it)."""

from __future__ import annotations

import importlib
import inspect
import json
import os
from pathlib import Path

import pytest
from tests.examples.test_examples import BROKEN, CASES, build_case
from tests.helpers import run_cli

from kehoach_cli.check.registry import CHECKS, REGISTRY, RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "quy-tac.md"


def _json_problems(tmp_path: Path, case: str) -> list[dict[str, object]]:
    root = build_case(tmp_path, case)
    args_file = BROKEN / case / "args.txt"
    args = [a for a in args_file.read_text(encoding="utf-8").splitlines() if a] \
        if args_file.exists() else ["validate"]
    if args[0] != "validate":
        return []
    _, out, _ = run_cli([*args, "--format", "json"], cwd=root)
    problems: list[dict[str, object]] = json.loads(out)
    return problems


def test_ids_are_unique_and_every_check_is_registered() -> None:
    assert len(RULES) == len(REGISTRY)
    registered = {entry.module for entry in REGISTRY}
    assert {module.__name__ for module in CHECKS} <= registered


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.rule.id)
def test_the_module_named_makes_the_problems_of_the_rule(entry: object) -> None:
    from kehoach_cli.check.registry import Entry

    assert isinstance(entry, Entry)
    source = inspect.getsource(importlib.import_module(entry.module))
    from kehoach_cli.load import rules as load_rules

    names = ["RULE", "PLAN_INCOMPLETE"]
    names += [n for n, v in vars(load_rules).items() if v == entry.rule]
    assert f'"{entry.rule.id}"' in source or any(f"{n}.id" in source for n in names)
    assert entry.rule.description[0].isupper() and not entry.rule.description.endswith(".")


@pytest.mark.parametrize("entry", [e for e in REGISTRY if e.example], ids=lambda e: e.rule.id)
def test_the_example_shows_the_rule(tmp_path: Path, entry: object) -> None:
    from kehoach_cli.check.registry import Entry

    assert isinstance(entry, Entry)
    assert entry.example in CASES
    rules = {p["rule"] for p in _json_problems(tmp_path, entry.example)}
    assert entry.rule.id in rules


def test_every_id_printed_by_the_examples_is_registered(tmp_path: Path) -> None:
    printed: set[object] = set()
    for index, case in enumerate(CASES):
        printed |= {p["rule"] for p in _json_problems(tmp_path / str(index), case)}
    assert printed - set(RULES) == set()


def render(tmp_path: Path) -> str:
    lines = [
        "# Các quy tắc kiểm tra",
        "",
        "<!-- Tệp này được sinh từ src/kehoach_cli/check/registry.py; đừng sửa tay: chạy",
        "     KEHOACH_REGEN=1 pytest tests/check/test_registry.py -->",
        "",
        "Mỗi lỗi `kehoach validate` in ra thuộc một quy tắc; mã quy tắc có trong khóa `rule`",
        "của `--format json`. Bảng dưới cho biết mỗi quy tắc kiểm tra gì, nằm ở mô-đun nào, và",
        "một ví dụ lấy từ các kho mẫu hỏng trong `tests/examples/broken/`.",
        "",
        "| mã | quy tắc | mô-đun |",
        "|---|---|---|",
    ]
    for entry in REGISTRY:
        path = "src/" + entry.module.replace(".", "/") + ".py"
        lines.append(f"| `{entry.rule.id}` | {entry.rule.description} | `{path}` |")
    for index, entry in enumerate(REGISTRY):
        lines += ["", f"## `{entry.rule.id}`", "", entry.rule.description + ".", ""]
        if not entry.example:
            lines.append("Ví dụ: xem `tests/check/changes/test_changes.py` (cần một kho git).")
            continue
        shown = next(p for p in _json_problems(tmp_path / str(index), entry.example)
                     if p["rule"] == entry.rule.id)
        lines += [
            f"Ví dụ (`tests/examples/broken/{entry.example}/`):",
            "",
            "```",
            f"{shown['path']}:{shown['line']}:{shown['col']}: {shown['muc_do']}: "
            f"{shown['message']}",
            "```",
        ]
    return "\n".join(lines) + "\n"


def test_the_rules_page_is_current(tmp_path: Path) -> None:
    text = render(tmp_path)
    if os.environ.get("KEHOACH_REGEN") == "1":
        DOC.write_text(text, encoding="utf-8", newline="\n")
    assert DOC.read_text(encoding="utf-8") == text
