"""The package's layers import one way: vocab → load → check → compute → present →
commands → cli. Every import, lazy ones inside functions included, is read from the
source, so a new module that reaches back up fails here with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kehoach_cli"

# Lower rank = lower layer. A module may import its own layer and the layers below.
RANKS = {
    "vocab": 0,
    "errors": 0,
    "console": 0,
    "store": 0,
    "load": 1,
    "check": 2,
    "compute": 3,
    "present": 4,
    "commands": 5,
    "cli": 6,
    "__main__": 7,
    "__init__": 0,
}
MAX_LINES = 500


def _layer(module: str) -> str:
    """'kehoach_cli.check.rules' -> 'check'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
    return [(line, t) for line, t in found if t == "kehoach_cli" or t.startswith("kehoach_cli.")]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_layer_is_known() -> None:
    layers = {_layer(_module_name(p)) for p in _modules()}
    assert layers <= set(RANKS), layers - set(RANKS)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_run_down_the_layers(path: Path) -> None:
    own = _layer(_module_name(path))
    upward = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line}: {target}"
        for line, target in _imports(path)
        if target != "kehoach_cli" and RANKS[_layer(target)] > RANKS[own]
    ]
    assert upward == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_over_the_size_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines"
