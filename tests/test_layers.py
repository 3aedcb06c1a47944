"""The package's layers import one way: vocab → load → check → compute → present →
commands → cli. Every import, lazy ones inside functions included, is read from the
source, so a new module that reaches back up fails here with its file and line."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
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


# The same layers as contracts of import-linter (pyproject.toml, [tool.importlinter]): a
# standard tool reads the import graph, lazy imports included, and also finds a cycle
# between sibling packages at any depth.
ROOT = PACKAGE.parent.parent


def _lint_imports(cwd: Path, source: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert tool, "import-linter is a test dependency: pip install -e '.[test]'"
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [tool, "--no-cache", "--no-logo"],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )


def test_import_linter_keeps_every_contract() -> None:
    done = _lint_imports(ROOT, ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_import_linter_finds_an_import_up_the_layers(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "src" / "kehoach_cli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    phrases = tmp_path / "src" / "kehoach_cli" / "vocab" / "phrases.py"
    text = phrases.read_text(encoding="utf-8")
    text += "\n\ndef _late() -> None:\n    from kehoach_cli.load import repo\n"
    phrases.write_text(text, encoding="utf-8")
    line = len(text.splitlines())  # the lazy import, the file's last line
    done = _lint_imports(tmp_path, tmp_path / "src")
    assert done.returncode == 1
    # up the layers, out of the vocabulary, and a cycle (load imports vocab): all three
    assert "Contracts: 0 kept, 3 broken." in done.stdout
    assert "kehoach_cli.vocab is not allowed to import kehoach_cli.load:" in done.stdout
    assert f"- kehoach_cli.vocab.phrases -> kehoach_cli.load.repo (l.{line})" in done.stdout
    assert "- .vocab -> .load (1 import)" in done.stdout
